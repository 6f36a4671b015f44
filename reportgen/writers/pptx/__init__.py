"""Write a deck Document as a meeting deck: open the reference layouts, plan the slides, then draw them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from reportgen.document import Document
from reportgen.output import write_atomic
from reportgen.scale import quick_partnames
from reportgen.textfit import load_metrics
from reportgen.writers.pptx.draw import deck_to_pptx
from reportgen.writers.pptx.layouts import LAYOUTS, find_layout, open_reference, placeholder_boxes
from reportgen.writers.pptx.plan import PT, Box, document_to_deck


def document_to_pptx(document: Document, target: Path, reference: Path, shipped: Path) -> Path:
    """Write the deck of `document` into the layouts of `reference` (missing ones from `shipped`) at `target`."""
    prs = open_reference(reference, shipped)
    quick_partnames(prs.part.package)
    geometry = {name: {idx: Box(*(v / PT for v in (b.left, b.top, b.width, b.height)))
                       for idx, b in placeholder_boxes(find_layout(prs, name)).items()} for name in LAYOUTS}
    deck_to_pptx(document_to_deck(document, geometry, load_metrics()), prs, geometry)
    meta = document.meta
    props = prs.core_properties
    props.title, props.subject, props.author = meta.title, meta.bulletin, meta.issuer
    props.last_modified_by, props.language = meta.issuer, "zh-CN"
    props.created = props.modified = dt.datetime.combine(meta.date, dt.time())
    props.revision = 1
    return write_atomic(target, prs.save)

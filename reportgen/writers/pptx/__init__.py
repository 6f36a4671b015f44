"""Write a Document as a meeting deck: plan the slides, then draw them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from reportgen.document import Document
from reportgen.output import write_atomic
from reportgen.writers.pptx.draw import deck_to_pptx
from reportgen.writers.pptx.plan import document_to_deck


def document_to_pptx(document: Document, target: Path) -> Path:
    """Write the deck of `document` to `target` (atomically) and return the path."""
    prs = deck_to_pptx(document_to_deck(document))
    meta = document.meta
    props = prs.core_properties
    props.title, props.subject, props.author = meta.title, meta.bulletin, meta.issuer
    props.last_modified_by, props.language = meta.issuer, "zh-CN"
    props.created = props.modified = dt.datetime.combine(meta.date, dt.time())
    props.revision = 1
    return write_atomic(target, prs.save)

"""Write a Document as a meeting deck: plan the slides, then draw them."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

from reportgen.document import Document
from reportgen.output import write_atomic
from reportgen.writers.pptx.draw import deck_to_pptx
from reportgen.writers.pptx.plan import SlidePlan, document_to_deck


def document_to_pptx(document: Document, target: Path) -> Path:
    """Write the deck of `document` to `target` (atomically) and return the path."""
    prs = deck_to_pptx(planned_slides(document)[0])
    meta = document.meta
    props = prs.core_properties
    props.title, props.subject, props.author = meta.title, meta.bulletin, meta.issuer
    props.last_modified_by, props.language = meta.issuer, "zh-CN"
    props.created = props.modified = dt.datetime.combine(meta.date, dt.time())
    props.revision = 1
    return write_atomic(target, prs.save)


def planned_slides(document: Document) -> tuple[list[SlidePlan], list[SlidePlan]]:
    """Return (slides kept, slides left out) under the audience's deck length and notes settings."""
    slides = document_to_deck(document)
    if not document.meta.deck_notes:
        slides = [replace(slide, notes="") for slide in slides]
    limit = document.meta.deck_max_slides or len(slides)
    return slides[:limit], slides[limit:]

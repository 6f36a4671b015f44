"""Write a deck Document as a meeting deck: open the reference layouts, plan the slides, then draw them."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from reportgen.document import Document
from reportgen.reproducible import package_bytes
from reportgen.scale import quick_partnames
from reportgen.textfit import load_metrics
from reportgen.writers.pptx.draw import deck_to_pptx
from reportgen.writers.pptx.layouts import LAYOUTS, find_layout, open_reference, placeholder_boxes
from reportgen.writers.pptx.plan import PT, Box, SlidePlan, document_to_deck
from reportgen.writers.properties import set_properties


@dataclass(frozen=True)
class PlannedDeck:
    """A deck planned into the layouts of its reference: the slides kept and those beyond the deck length."""

    document: Document
    prs: object
    geometry: dict
    slides: list[SlidePlan]
    left_out: list[SlidePlan]


def write_pptx(document, options, media=None):
    """Return the deck."""
    import warnings

    from reportgen.document import Omission
    from reportgen.writers import Rendered

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        deck = plan_pptx(document, options)
    kept = len(deck.slides)
    return Rendered(_write_pptx(deck), tuple(Omission(f"slides[{kept + k}]", slide.title.plain[0], "deck length",
                                           f"the deck keeps {kept} slides") for k, slide in enumerate(deck.left_out)),
                    tuple(str(w.message) for w in caught))


def plan_pptx(document: Document, options) -> PlannedDeck:
    """Return the planned deck of `document` in the layouts of `reference` (missing ones from `shipped`)."""
    prs = open_reference(options.reference, options.shipped)
    quick_partnames(prs.part.package)
    geometry = {name: {idx: Box(*(v / PT for v in (b.left, b.top, b.width, b.height)))
                       for idx, b in placeholder_boxes(find_layout(prs, name)).items()} for name in LAYOUTS}
    slides = document_to_deck(document, geometry, load_metrics())
    if not options.notes:
        slides = [replace(slide, notes="") for slide in slides]
    limit = options.max_slides or len(slides)
    return PlannedDeck(document, prs, geometry, slides[:limit], slides[limit:])


def _write_pptx(deck: PlannedDeck) -> bytes:
    """Draw the planned deck; return it as a .pptx package."""
    deck_to_pptx(deck.slides, deck.prs, deck.geometry)
    set_properties(deck.prs.core_properties, deck.document.meta, "汇报材料")
    return package_bytes(deck.prs.save)

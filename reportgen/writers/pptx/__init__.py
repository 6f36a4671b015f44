"""Write a deck Document as a meeting deck: open the reference layouts, plan the slides, then draw them."""

from __future__ import annotations

from reportgen.document import Document, Omission, WriterOptions
from reportgen.reproducible import package_bytes, package_stamp
from reportgen.writers.chartml.native import ChartParts
from reportgen.textfit import load_metrics
from reportgen.writers import Rendered
from reportgen.writers.pptx.draw import draw_deck
from reportgen.writers.pptx.layouts import deck_geometry, open_reference
from reportgen.writers.pptx.plan import plan_deck
from reportgen.writers.pptx.slides import DeckPlan
from reportgen.writers.pptx.speedups import quick_partnames
from reportgen.writers.properties import set_properties


def write_pptx(document: Document, options: WriterOptions, media) -> Rendered:
    """Return the deck `document` drawn into the layouts of `options.reference` (missing ones copied from
    `options.shipped`), the slides beyond `options.max_slides` as omissions, and a message per copied layout;
    its native charts' workbooks kept in `media` (a charts.media.MediaBag)."""
    prs, messages = open_reference(options.reference, options.shipped)
    quick_partnames(prs.part.package)
    plan = plan_deck(document, deck_geometry(prs), load_metrics(), options)
    draw_deck(plan, prs, ChartParts(media, package_stamp(document.meta.date)))
    set_properties(prs.core_properties, document.meta, "汇报材料")
    return Rendered(package_bytes(prs.save), deck_omissions(plan), tuple(messages))


def deck_omissions(plan: DeckPlan) -> tuple[Omission, ...]:
    """Return an omission, reason "deck length", for every slide `plan` leaves out."""
    kept = len(plan.slides)
    return tuple(Omission(f"slides[{kept + k}]", slide.title.plain[0], "deck length", f"the deck keeps {kept} slides")
                 for k, slide in enumerate(plan.left_out))

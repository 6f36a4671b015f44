"""Slide layouts by name: from the reference deck, or copied from the shipped one when it lacks a layout."""

from __future__ import annotations

import io

from pptx import Presentation
from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.parts.slide import SlideLayoutPart

from reportgen.document import Reference
from reportgen.errors import TemplateError
from reportgen.writers.pptx.geometry import EMU_PER_PT, Geometry, Rect
from reportgen.writers.pptx.oxml import add_layout_id, layout_copy

#: Layout names the deck uses, as they appear in reference.pptx.
LAYOUTS = ("Title Slide", "Agenda", "Section Header", "Title and Content", "Two Content", "KPI Overview", "Chart",
           "Cards", "Closing")


def open_reference(reference: Reference, shipped: Reference) -> tuple[object, list[str]]:
    """Return the presentation to draw into, `reference` with every missing layout copied in from `shipped`, and
    a message for each layout copied."""
    prs = _presentation(reference)
    missing = [name for name in LAYOUTS if find_layout(prs, name) is None]
    if missing and reference.content == shipped.content:
        raise TemplateError(f"{reference.name}: the shipped reference deck lacks layouts {', '.join(missing)}")
    fallback = _presentation(shipped) if missing else None
    for name in missing:
        add_layout(prs, find_layout(fallback, name), name)
    return prs, [f"{reference.name}: layout {name!r} missing; using the shipped one" for name in missing]


def _presentation(reference: Reference):
    """Return the presentation of `reference`; a TemplateError when it is not one."""
    try:
        return Presentation(io.BytesIO(reference.content))
    except Exception as exc:  # python-pptx raises zipfile, KeyError or lxml errors for a broken file
        raise TemplateError(f"{reference.name}: not a usable PowerPoint file ({type(exc).__name__}: {exc})") from None


def find_layout(prs, name: str):
    """Return the layout called `name` in any master of `prs`, or None."""
    for master in prs.slide_masters:
        for layout in master.slide_layouts:
            if layout.name == name:
                return layout
    return None


def add_layout(prs, source, name: str):
    """Copy layout `source` (of any deck) into the first master of `prs` under `name`, and return it."""
    return attach_layout(prs, layout_copy(source, name))


def attach_layout(prs, element):
    """Add the p:sldLayout `element` as a new layout of the first master of `prs`, and return it."""
    master = prs.slide_master
    package = master.part.package
    partname = package.next_partname("/ppt/slideLayouts/slideLayout%d.xml")
    part = SlideLayoutPart(partname, CT.PML_SLIDE_LAYOUT, package, element)
    part.relate_to(master.part, RT.SLIDE_MASTER)
    add_layout_id(prs, master.part.relate_to(part, RT.SLIDE_LAYOUT))
    return find_layout(prs, element.cSld.get("name"))


def placeholder_rects(layout) -> dict[int, Rect]:
    """Return the rectangle of every placeholder of `layout` by idx (title 0, body 1, second body 2 …)."""
    return {shape.placeholder_format.idx: Rect.from_emu(shape.left, shape.top, shape.width, shape.height)
            for shape in layout.placeholders if shape.width is not None}


def deck_geometry(prs) -> Geometry:
    """Return the slide size of `prs` and the placeholder rectangles of every layout the deck uses."""
    return Geometry(prs.slide_width / EMU_PER_PT, prs.slide_height / EMU_PER_PT,
                    {name: placeholder_rects(find_layout(prs, name)) for name in LAYOUTS})

"""Slide layouts by name, else by built-in type: from the reference deck, or copied from the shipped one when it
lacks a layout."""

from __future__ import annotations

import io

from pptx import Presentation
from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.parts.slide import SlideLayoutPart

from reportgen.document import Reference
from reportgen.errors import ReferenceFileError, TemplateError
from reportgen.i18n import _
from reportgen.references import reference_messages
from reportgen.writers.pptx.geometry import EMU_PER_PT, Geometry, Rect
from reportgen.writers.pptx.oxml import add_layout_id, layout_copy, layout_type

#: Layout names the deck uses, as they appear in reference.pptx.
LAYOUTS = ("Title Slide", "Agenda", "Section Header", "Title and Content", "Two Content", "KPI Overview", "Chart",
           "Cards", "Closing")
#: The built-in layout type (p:sldLayout/@type) a layout is found by when no layout has its name: PowerPoint and
#: WPS name built-in layouts in the user's language (标题幻灯片, 标题和内容, 节标题, 两栏内容), never their type.
#: Agenda, KPI Overview, Chart, Cards and Closing are ours, with no built-in type: by name, else the shipped one.
TYPES = {"Title Slide": "title", "Section Header": "secHead", "Title and Content": "obj", "Two Content": "twoObj"}


def open_reference(reference: Reference, shipped: Reference) -> tuple[object, list[str]]:
    """Return the presentation to draw into, `reference` with every missing layout copied in from `shipped`, and
    a message for each layout copied (after the messages of cleaning `reference`)."""
    prs = _presentation(reference)
    missing = [name for name in LAYOUTS if find_layout(prs, name) is None]
    if missing and reference.content == shipped.content:
        raise TemplateError(_("{name}: the shipped reference deck lacks layouts {layouts}").format(
            name=reference.name, layouts=", ".join(missing)))
    fallback = _presentation(shipped) if missing else None
    for name in missing:
        add_layout(prs, find_layout(fallback, name), name)
    return prs, [*reference_messages(reference),
                 *(_("{reference}: layout {name!r} missing; using the shipped one").format(
                     reference=reference.name, name=name) for name in missing)]


def _presentation(reference: Reference):
    """Return the presentation of `reference`; a ReferenceFileError (plain text, so it travels back from a worker)
    when it is not one."""
    try:
        return Presentation(io.BytesIO(reference.content))
    except Exception as exc:  # python-pptx raises zipfile, KeyError or lxml errors for a broken file
        raise ReferenceFileError(_("{name}: not a usable PowerPoint file ({error}: {detail})").format(
            name=reference.name, error=type(exc).__name__, detail=exc)) from None


def find_layout(prs, name: str):
    """Return the layout called `name` in any master of `prs`, else the first of its built-in type (TYPES) not
    called by another of the deck's names, or None."""
    layouts = [layout for master in prs.slide_masters for layout in master.slide_layouts]
    named = next((layout for layout in layouts if layout.name == name), None)
    if named is not None or name not in TYPES:
        return named
    return next((layout for layout in layouts
                 if layout_type(layout) == TYPES[name] and layout.name not in LAYOUTS), None)


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

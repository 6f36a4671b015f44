"""Slide layouts by name: from the reference deck, or copied from the shipped one when it lacks a layout."""

from __future__ import annotations

import copy
import warnings
from dataclasses import dataclass
from pathlib import Path

from pptx import Presentation
from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn
from pptx.parts.slide import SlideLayoutPart

from reportgen.errors import ReportgenWarning, TemplateError

#: Layout names the deck uses, as they appear in reference.pptx.
LAYOUTS = ("Title Slide", "Agenda", "Section Header", "Title and Content", "Two Content", "KPI Overview", "Chart",
           "Cards", "Closing")


@dataclass(frozen=True)
class Box:
    """A rectangle on the slide, in EMU."""

    left: int
    top: int
    width: int
    height: int


def open_reference(reference, shipped):
    """Return the presentation to draw into: `path` with every missing layout copied in from `shipped`."""
    import io

    path = reference.name
    try:
        prs = Presentation(io.BytesIO(reference.content))
    except Exception as exc:  # python-pptx raises zipfile, KeyError or lxml errors for a broken file
        raise TemplateError(f"{path}: not a usable PowerPoint file ({type(exc).__name__}: {exc})") from None
    missing = [name for name in LAYOUTS if find_layout(prs, name) is None]
    if missing and reference.content != shipped.content:
        fallback = Presentation(io.BytesIO(shipped.content))
        for name in missing:
            warnings.warn(f"{path}: layout {name!r} missing; using the shipped one", ReportgenWarning, stacklevel=2)
            add_layout(prs, find_layout(fallback, name), name)
    elif missing:
        raise TemplateError(f"{path}: the shipped reference deck lacks layouts {', '.join(missing)}")
    return prs


def find_layout(prs, name: str):
    """Return the layout called `name` in any master of `prs`, or None."""
    for master in prs.slide_masters:
        for layout in master.slide_layouts:
            if layout.name == name:
                return layout
    return None


def add_layout(prs, source, name: str):
    """Copy layout `source` (of any deck) into the first master of `prs` under `name`, and return it."""
    element = copy.deepcopy(source._element)
    element.cSld.set("name", name)
    return attach_layout(prs, element)


def attach_layout(prs, element):
    """Add the p:sldLayout `element` as a new layout of the first master of `prs`, and return it."""
    master = prs.slide_master
    package = master.part.package
    partname = package.next_partname("/ppt/slideLayouts/slideLayout%d.xml")
    part = SlideLayoutPart(partname, CT.PML_SLIDE_LAYOUT, package, element)
    part.relate_to(master.part, RT.SLIDE_MASTER)
    rid = master.part.relate_to(part, RT.SLIDE_LAYOUT)
    id_list = master._element.get_or_add_sldLayoutIdLst()
    used = [int(e.get("id")) for e in id_list.iter(qn("p:sldLayoutId"))]
    used += [int(e.get("id")) for e in prs.part._element.iter(qn("p:sldMasterId"))]
    entry = id_list._add_sldLayoutId()
    entry.set("id", str(max(used) + 1))
    entry.set(qn("r:id"), rid)
    return find_layout(prs, element.cSld.get("name"))


def placeholder_boxes(layout) -> dict[int, Box]:
    """Return the box of every placeholder of `layout` by idx (title 0, body 1, second body 2 …)."""
    boxes = {}
    for shape in layout.placeholders:
        idx = shape.placeholder_format.idx
        if shape.width is not None:
            boxes[idx] = Box(shape.left, shape.top, shape.width, shape.height)
    return boxes

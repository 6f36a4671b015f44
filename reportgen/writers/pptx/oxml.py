"""The XML python-pptx has no public API for, in one place: every private attribute and lxml call of the writer.

DrawingML is written directly: text bodies with explicit sizes, spacing, bullets and both typefaces.

python-pptx's property setters look up and reorder child elements on every call (the 26-slide deck spent about
0.1 s on them); text is therefore built here as elements in schema order, in one pass. It also adds
what python-pptx lacks: the East Asian typeface (a:ea) and the zh-CN language on a run.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

from lxml import etree
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn

from reportgen.writers.pptx.geometry import EMU_PER_PT

_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
ALIGN = {"left": "l", "center": "ctr", "right": "r"}
ANCHOR = {"top": "t", "middle": "ctr", "bottom": "b"}


@dataclass(frozen=True, slots=True)
class Style:
    """How runs look: size in points, typefaces (Latin, East Asian), and a colour as hex RGB ("6E6E6E") or as a
    theme colour ("accent1", "tx1"); without either the run keeps the colour it inherits."""

    size: float
    fonts: tuple[str, str]
    rgb: str | None = None
    theme: str | None = None


def _sub(parent, tag: str, **attrs: str):
    return etree.SubElement(parent, _A + tag, attrs)


def _emu(points: float) -> str:
    """Return `points` as an XML EMU value, rounded to a whole EMU."""
    return str(round(points * EMU_PER_PT))


def reset_body(body, *, insets: tuple[float, float, float, float] | None, wrap: bool = True,
               anchor: str | None = None) -> None:
    """Empty the text body `body` (a:txBody or p:txBody) and give it explicit insets (left, top, right, bottom in
    points; None in a table cell, whose margins are the cell's), wrapping, anchor, and no autofit: sizes are chosen
    by the planner, never by the renderer."""
    for paragraph in body.findall(_A + "p"):
        body.remove(paragraph)
    props = body.find(_A + "bodyPr")
    if props is None:
        props = etree.Element(_A + "bodyPr")
        body.insert(0, props)
    for child in list(props):
        props.remove(child)
    for name, value in zip(("lIns", "tIns", "rIns", "bIns"), insets or ()):
        props.set(name, _emu(value))
    props.set("wrap", "square" if wrap else "none")
    if anchor is not None:
        props.set("anchor", ANCHOR[anchor])
    _sub(props, "noAutofit")
    if body.find(_A + "lstStyle") is None:
        props.addnext(etree.Element(_A + "lstStyle"))


def add_paragraph(body, *, pitch: float, before: float = 0.0, align: str | None = None,
                  bullet: str | None = None, indent: float = 0.0):
    """Append a paragraph to `body` with an exact line pitch and space before (points); with `bullet`, a hanging
    bullet of that character in the accent colour, `indent` points wide, else no bullet. Return the a:p."""
    paragraph = _sub(body, "p")
    props = _sub(paragraph, "pPr", marL=_emu(indent) if bullet else "0",
                 indent=_emu(-indent) if bullet else "0")
    if align is not None:
        props.set("algn", ALIGN[align])
    _sub(_sub(props, "lnSpc"), "spcPts", val=str(round(pitch * 100)))
    _sub(_sub(props, "spcBef"), "spcPts", val=str(round(before * 100)))
    if bullet is None:
        _sub(props, "buNone")
    else:
        _sub(_sub(props, "buClr"), "schemeClr", val="accent1")
        _sub(props, "buSzPct", val="80000")
        _sub(props, "buChar", char=bullet)
    return paragraph


def add_run(paragraph, text: str, style: Style, bold: bool = False):
    """Append a run to `paragraph` in `style`, marked Chinese, with both typefaces; return the a:r."""
    run = _sub(paragraph, "r")
    props = _sub(run, "rPr", lang="zh-CN", altLang="en-US", sz=str(round(style.size * 100)))
    if bold:
        props.set("b", "1")
    if style.rgb or style.theme:
        fill = _sub(props, "solidFill")
        if style.rgb:
            _sub(fill, "srgbClr", val=style.rgb)
        else:
            _sub(fill, "schemeClr", val=style.theme)
    _sub(props, "latin", typeface=style.fonts[0])
    _sub(props, "ea", typeface=style.fonts[1])
    _sub(run, "t").text = text
    return run


# --- shapes and slides ---------------------------------------------------------------------------------------------

def text_body(shape):
    """Return the p:txBody of `shape` (a placeholder, text box or auto shape)."""
    return shape.text_frame._txBody


def remove_shape(shape) -> None:
    """Remove `shape` from its slide."""
    shape._element.getparent().remove(shape._element)


def remove_slides(prs) -> None:
    """Drop every slide of `prs` (the samples a reference deck may carry) and its relationship."""
    id_list = prs.slides._sldIdLst
    for entry in list(id_list):
        prs.part.drop_rel(entry.rId)
        id_list.remove(entry)


def set_alt_text(shape, text: str) -> None:
    """Give `shape` the description screen readers announce (cNvPr/@descr)."""
    shape._element.nvGraphicFramePr.cNvPr.set("descr", text)


def cell_text_body(cell, margins: tuple[float, float, float, float], anchor: str):
    """Give table `cell` explicit margins (left, right, top, bottom in points) and vertical `anchor`; return its
    a:txBody. Written as attributes, even where they equal the defaults python-pptx's setters would drop."""
    tc = cell._tc
    props = tc.get_or_add_tcPr()
    for name, margin in zip(("marL", "marR", "marT", "marB"), margins):
        props.set(name, _emu(margin))
    props.set("anchor", ANCHOR[anchor])
    return tc.get_or_add_txBody()


def theme_typefaces(prs) -> dict[str, tuple[str, str]]:
    """Return the (Latin, East Asian) typefaces of the theme's "title" (major) and "body" (minor) fonts; "" for
    one the theme does not name."""
    theme = etree.fromstring(prs.slide_master.part.part_related_by(RT.THEME).blob)
    faces = {}
    for role, tag in (("title", "a:majorFont"), ("body", "a:minorFont")):
        scheme = theme.find(f".//{qn(tag)}")
        faces[role] = (_typeface(scheme, "a:latin"), _typeface(scheme, "a:ea"))
    return faces


def _typeface(scheme, tag: str) -> str:
    """Return the typeface of the `tag` child of font `scheme`, or "" without one."""
    font = scheme.find(qn(tag)) if scheme is not None else None
    return font.get("typeface", "") if font is not None else ""


# --- layouts -------------------------------------------------------------------------------------------------------

def layout_copy(layout, name: str):
    """Return a copy of the p:sldLayout of `layout` renamed `name`."""
    element = copy.deepcopy(layout._element)
    element.cSld.set("name", name)
    return element


def layout_type(layout) -> str:
    """Return the built-in type of `layout` (p:sldLayout/@type: title, obj, secHead …; "cust" when unset)."""
    return layout._element.get("type", "cust")


def add_layout_id(prs, rid: str) -> None:
    """List the layout related to the first master by `rid` in its p:sldLayoutIdLst, under an id above every layout
    and master id in use."""
    id_list = prs.slide_master._element.get_or_add_sldLayoutIdLst()
    used = [int(e.get("id")) for e in id_list.iter(qn("p:sldLayoutId"))]
    used += [int(e.get("id")) for e in prs.part._element.iter(qn("p:sldMasterId"))]
    entry = id_list._add_sldLayoutId()
    entry.set("id", str(max(used) + 1))
    entry.set(qn("r:id"), rid)


# --- charts --------------------------------------------------------------------------------------------------------

def add_chart_frame(slide, xml: bytes, workbook: bytes, box: tuple[int, int, int, int]):
    """Add a chart part made of `xml` with its embedded `workbook` to `slide`, shown in a graphic frame at `box`
    (left, top, width, height in EMU); return the frame."""
    from pptx.opc.constants import CONTENT_TYPE as CT
    from pptx.parts.chart import ChartPart
    from pptx.parts.embeddedpackage import EmbeddedXlsxPart

    from reportgen.writers.chartml.oxml import WORKBOOK_RID

    package = slide.part.package
    part = ChartPart.load(package.next_partname(ChartPart.partname_template), CT.DML_CHART, package, xml)
    if part.relate_to(EmbeddedXlsxPart.new(workbook, package), RT.PACKAGE) != WORKBOOK_RID:
        raise AssertionError("a new chart part's first relationship is not rId1")
    return slide.shapes._shape_factory(slide.shapes._add_chart_graphicFrame(slide.part.relate_to(part, RT.CHART), *box))

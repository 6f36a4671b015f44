"""Build templates/reference.pptx: the 16:9 master, theme fonts and colours, and the named layouts the deck uses.

Run `python tools/make_reference_pptx.py` after changing it; the result is committed so that users can restyle it in
PowerPoint (keep the layout names) and pass it with --templates.
"""

from __future__ import annotations

import sys
from pathlib import Path

from lxml import etree
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml import parse_xml
from pptx.oxml.ns import nsdecls, qn
from pptx.util import Emu, Inches

from reportgen.fonts import DECK_FONTS, DECK_LATIN
from reportgen.writers.pptx.layouts import attach_layout

TARGET = Path(__file__).resolve().parent.parent / "templates" / "reference.pptx"
WIDTH, HEIGHT = 12192000, 6858000
COLOURS = {"dk2": "1F2A44", "lt2": "F4F1EC", "accent1": "B01E23", "accent2": "1F4E79", "accent3": "C9A227",
           "accent4": "5B7F95", "accent5": "8C8C8C", "accent6": "D98C5F"}
TITLE = (0.6, 0.3, 12.13, 0.85)
BODY = (0.6, 1.45, 12.13, 5.3)
PROMPT = "单击此处编辑文本"

#: name → (show master shapes, title (type, box, size, align), bodies [(idx, box, size, align)], decorations)
LAYOUT_SPECS = {
    "Title Slide": (False, ("ctrTitle", (0.9, 1.9, 11.53, 1.9), 4000, "ctr"),
                    [(1, (0.9, 4.05, 11.53, 1.5), 2000, "ctr")], [(0, 0, 13.333, 0.35), (0, 7.3, 13.333, 0.2)]),
    "Agenda": (True, ("title", TITLE, 2800, "l"), [(1, (1.4, 1.6, 10.5, 5.0), 2400, "l")], []),
    "Section Header": (False, ("title", (1.2, 2.7, 11.0, 1.2), 3600, "l"),
                       [(1, (1.2, 4.0, 11.0, 1.0), 2000, "l")], [(0.6, 2.7, 0.12, 2.3)]),
    "Title and Content": (True, ("title", TITLE, 2800, "l"), [(1, BODY, 2000, "l")], []),
    "Two Content": (True, ("title", TITLE, 2800, "l"),
                    [(1, (0.6, 1.45, 5.85, 5.3), 1800, "l"), (2, (6.88, 1.45, 5.85, 5.3), 1800, "l")], []),
    "KPI Overview": (True, ("title", TITLE, 2800, "l"), [(1, (0.6, 5.0, 12.13, 1.75), 1800, "l")], []),
    "Chart": (True, ("title", TITLE, 2800, "l"), [(1, BODY, 1800, "l")], []),
    "Cards": (True, ("title", TITLE, 2800, "l"), [(1, BODY, 1600, "l")], []),
    "Closing": (False, ("ctrTitle", (0.9, 2.4, 11.53, 1.6), 4400, "ctr"),
                [(1, (0.9, 4.1, 11.53, 1.0), 2000, "ctr")], [(0, 0, 13.333, 0.35), (0, 7.3, 13.333, 0.2)]),
}


def emu(box):
    return [int(Inches(v)) for v in box]


def xfrm(box) -> str:
    x, y, cx, cy = emu(box)
    return f'<a:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'


def placeholder(shape_id: int, ph: str, box, size: int, align: str) -> str:
    anchor = "b" if ph in ("title", "ctrTitle") else "t"
    return (f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name="Placeholder {shape_id}"/><p:cNvSpPr><a:spLocks '
            f'noGrp="1"/></p:cNvSpPr><p:nvPr>{ph}</p:nvPr></p:nvSpPr><p:spPr>{xfrm(box)}</p:spPr>'
            f'<p:txBody><a:bodyPr anchor="{anchor}"/><a:lstStyle><a:lvl1pPr algn="{align}"><a:defRPr sz="{size}"/>'
            f'</a:lvl1pPr></a:lstStyle><a:p><a:r><a:rPr lang="zh-CN" altLang="en-US"/><a:t>{PROMPT}</a:t></a:r>'
            f'</a:p></p:txBody></p:sp>')


def bar(shape_id: int, box) -> str:
    return (f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name="Accent {shape_id}"/><p:cNvSpPr/><p:nvPr '
            f'userDrawn="1"/></p:nvSpPr><p:spPr>{xfrm(box)}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'
            f'<a:solidFill><a:schemeClr val="accent1"/></a:solidFill><a:ln><a:noFill/></a:ln></p:spPr></p:sp>')


def layout_xml(name: str, spec) -> str:
    show_master, (title_type, title_box, title_size, title_align), bodies, bars = spec
    title_ph = f'<p:ph type="{title_type}"/>'
    shapes = [placeholder(2, title_ph, title_box, title_size, title_align)]
    for k, (idx, box, size, align) in enumerate(bodies):
        kind = ' type="subTitle"' if title_type == "ctrTitle" else ""
        shapes.append(placeholder(3 + k, f'<p:ph{kind} idx="{idx}"/>', box, size, align))
    shapes += [bar(10 + k, box) for k, box in enumerate(bars)]
    return (f'<p:sldLayout {nsdecls("a", "r", "p")} preserve="1" showMasterSp="{int(show_master)}">'
            f'<p:cSld name="{name}"><p:spTree><p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/>'
            '</p:nvGrpSpPr><p:grpSpPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/><a:chOff x="0" y="0"/>'
            f'<a:chExt cx="0" cy="0"/></a:xfrm></p:grpSpPr>{"".join(shapes)}</p:spTree></p:cSld>'
            '<p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sldLayout>')


def restyle_theme(master) -> None:
    """Theme colours (deep red accent) and fonts (Latin + East Asian) of the deck."""
    theme = master.part.part_related_by(RT.THEME)
    root = etree.fromstring(theme.blob)
    for slot, value in COLOURS.items():
        element = root.find(f".//{qn('a:clrScheme')}/{qn('a:' + slot)}")
        element.clear()
        etree.SubElement(element, qn("a:srgbClr"), val=value)
    for font, role in (("a:majorFont", "title"), ("a:minorFont", "body")):
        scheme = root.find(f".//{qn(font)}")
        scheme.find(qn("a:latin")).set("typeface", DECK_LATIN)
        scheme.find(qn("a:ea")).set("typeface", DECK_FONTS[role])
    theme._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def restyle_master(master) -> None:
    """Placeholder geometry, title and body text styles, and the accent rule under the title."""
    for shape in master.placeholders:
        kind = shape.placeholder_format.type
        box = {1: TITLE, 2: BODY}.get(int(kind), None)
        if box is None:  # date, footer, slide number: along the bottom edge
            x, y, w, h = shape.left, Emu(int(Inches(7.0))), shape.width, Emu(int(Inches(0.35)))
            shape.left, shape.top, shape.height = int(x * WIDTH / 9144000), y, h
            shape.width = int(w * WIDTH / 9144000)
            continue
        shape.left, shape.top, shape.width, shape.height = emu(box)
    styles = master._element.find(qn("p:txStyles"))
    title = styles.find(qn("p:titleStyle")).find(qn("a:lvl1pPr"))
    title.set("algn", "l")
    title.find(qn("a:defRPr")).set("sz", "2800")
    title.find(qn("a:defRPr")).set("b", "1")
    title.find(qn("a:defRPr")).find(qn("a:solidFill"))[0].set("val", "tx2")
    for depth, level in enumerate(styles.find(qn("p:bodyStyle"))):
        level.find(qn("a:defRPr")).set("sz", str(2000 - 200 * min(depth, 3)))
        char = level.find(qn("a:buChar"))
        if char is not None:
            char.set("char", "■")
    tree = master.shapes._spTree
    tree.append(parse_xml(f'<p:sp {nsdecls("a", "p")}>' + bar(20, (0.6, 1.2, 12.13, 0.05))[6:]))


def main() -> Path:
    prs = Presentation()
    prs.slide_width, prs.slide_height = WIDTH, HEIGHT
    master = prs.slide_master
    restyle_theme(master)
    restyle_master(master)
    for layout in list(master.slide_layouts):
        master.slide_layouts.remove(layout)
    for name, spec in LAYOUT_SPECS.items():
        attach_layout(prs, parse_xml(layout_xml(name, spec)))
    props = prs.core_properties
    props.title, props.author, props.revision = "reportgen reference deck", "reportgen", 1
    prs.save(str(TARGET))
    return TARGET


if __name__ == "__main__":
    sys.exit(print(main()))

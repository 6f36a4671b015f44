"""Every chart XML tweak python-pptx has no API for; the only module of the chart package that touches XML.

Functions take the python-pptx chart proxies a caller holds (Chart, Font, _Run) or a chart's c:chartSpace.
"""

from __future__ import annotations

from lxml import etree
from pptx.oxml import parse_xml
from pptx.oxml.ns import qn
from pptx.oxml.xmlchemy import OxmlElement

_C = "http://schemas.openxmlformats.org/drawingml/2006/chart"
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
#: The relationship id of the embedded workbook in a chart part: its only relationship, so the first id.
WORKBOOK_RID = "rId1"


def parse_chart_space(xml: bytes):
    """Return the c:chartSpace of chart part XML, as python-pptx's element classes (its chart proxies need them)."""
    return parse_xml(xml)


def chart_space_bytes(space) -> bytes:
    """Return the chart part XML of `space`, with its XML declaration."""
    return etree.tostring(space, xml_declaration=True, encoding="UTF-8", standalone=True)


def set_east_asian(rpr, typeface: str) -> None:
    """Give `rpr` (an a:rPr or a:defRPr) an explicit East Asian typeface after its a:latin; mark it Chinese."""
    rpr.set("lang", "zh-CN")
    rpr.set("altLang", "en-US")
    for old in rpr.findall(qn("a:ea")):
        rpr.remove(old)
    ea = OxmlElement("a:ea")
    ea.set("typeface", typeface)
    latin = rpr.find(qn("a:latin"))
    if latin is not None:
        latin.addnext(ea)
    else:
        rpr.append(ea)


def chart_default_rpr(chart):
    """Return the chart-wide a:defRPr (created by setting chart.font)."""
    return chart._chartSpace.find(qn("c:txPr")).find(qn("a:p")).find(qn("a:pPr")).find(qn("a:defRPr"))


def positive_axis_ids(space) -> None:
    """Renumber the axis ids of c:chartSpace `space` 1, 2 … in document order: python-pptx writes negative ones,
    which the schema's unsignedInt forbids (c:axId and the c:crossAx that refer to them)."""
    numbers: dict[str, str] = {}
    for element in space.iter(qn("c:axId"), qn("c:crossAx")):
        element.set("val", numbers.setdefault(element.get("val"), str(len(numbers) + 1)))


def frameless(space) -> None:
    """Give the chart area square corners and no border: the chart sits in the text like a figure, under its
    caption (Word draws rounded corners when c:roundedCorners is absent)."""
    corners = space.find(qn("c:roundedCorners"))
    if corners is None:
        corners = OxmlElement("c:roundedCorners")
        space.find(qn("c:date1904")).addnext(corners)
    corners.set("val", "0")
    props = space.find(qn("c:spPr"))
    if props is None:
        props = OxmlElement("c:spPr")
        space.find(qn("c:chart")).addnext(props)
    props.clear()
    line = OxmlElement("a:ln")
    line.append(OxmlElement("a:noFill"))
    props.append(line)


def link_workbook(space) -> None:
    """Point the chart at its embedded workbook (c:externalData r:id=WORKBOOK_RID), never updated automatically."""
    space.get_or_add_externalData().rId = WORKBOOK_RID


def add_point_labels(data_labels, labels: list[tuple[int, str]], size: float, latin: str, typeface: str,
                     color: str, position: str | None) -> None:
    """Give points of a series their own label text: `labels` are (point index, text) in index order, written
    as c:dLbl elements at the head of the series' c:dLbls (`data_labels`, python-pptx DataLabels), in `size`
    points with the Latin and East Asian typefaces, `color` (hex RGB) and `position` (outEnd …, None: the
    series' own). One pass: python-pptx's per-point insertion rescans the list for every label."""
    from xml.sax.saxutils import escape, quoteattr

    dlbls = data_labels._element
    anchor = next((child for child in dlbls if child.tag != qn("c:dLbl")), None)
    place = f'<c:dLblPos val="{position}"/>' if position else ""
    for index, text in labels:
        label = parse_xml(
            f'<c:dLbl xmlns:c="{_C}" xmlns:a="{_A}"><c:idx val="{index}"/><c:tx><c:rich><a:bodyPr/><a:lstStyle/>'
            f'<a:p><a:r><a:rPr sz="{round(size * 100)}" lang="zh-CN" altLang="en-US"><a:solidFill>'
            f'<a:srgbClr val="{color}"/></a:solidFill><a:latin typeface={quoteattr(latin)}/>'
            f'<a:ea typeface={quoteattr(typeface)}/></a:rPr><a:t>{escape(text)}</a:t></a:r></a:p></c:rich></c:tx>'
            f'{place}<c:showLegendKey val="0"/><c:showVal val="1"/><c:showCatName val="0"/>'
            '<c:showSerName val="0"/><c:showPercent val="0"/><c:showBubbleSize val="0"/></c:dLbl>')
        if anchor is not None:
            anchor.addprevious(label)
        else:
            dlbls.append(label)


def font_rpr(font):
    """Return the a:defRPr or a:rPr element behind python-pptx `font`."""
    return font._rPr

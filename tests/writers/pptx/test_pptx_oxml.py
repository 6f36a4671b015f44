"""The XML tweaks of the deck writer, one by one: the element before and after."""

from __future__ import annotations

import io

import pytest
from lxml import etree
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE
from pptx.oxml import parse_xml
from pptx.oxml.ns import nsdecls, qn
from pptx.util import Pt

from reportgen.writers.chartml import oxml as chart_oxml
from reportgen.writers.pptx import oxml
from reportgen.writers.pptx.layouts import find_layout


def xml(element) -> str:
    return etree.tostring(element, encoding="unicode").replace(f" {nsdecls('a')}", "")


@pytest.fixture()
def prs(shipped):
    return Presentation(io.BytesIO(shipped.content))


@pytest.fixture()
def slide(prs):
    return prs.slides.add_slide(find_layout(prs, "Title and Content"))


def test_reset_body_empties_the_body_and_sets_insets_wrap_anchor_and_no_autofit():
    body = parse_xml(f'<a:txBody {nsdecls("a")}><a:bodyPr><a:spAutoFit/></a:bodyPr><a:p><a:r><a:t>旧</a:t></a:r>'
                     '</a:p></a:txBody>')
    oxml.reset_body(body, insets=(7.2, 3.6, 7.2, 0), wrap=False, anchor="middle")
    assert xml(body) == ('<a:txBody><a:bodyPr lIns="91440" tIns="45720" rIns="91440" bIns="0" wrap="none" '
                         'anchor="ctr"><a:noAutofit/></a:bodyPr><a:lstStyle/></a:txBody>')


def test_add_paragraph_writes_pitch_spacing_and_a_hanging_bullet():
    body = parse_xml(f'<a:txBody {nsdecls("a")}/>')
    oxml.add_paragraph(body, pitch=25, before=8, align="left", bullet="■", indent=24)
    oxml.add_paragraph(body, pitch=20)
    assert xml(body) == (
        '<a:txBody><a:p><a:pPr marL="304800" indent="-304800" algn="l"><a:lnSpc><a:spcPts val="2500"/></a:lnSpc>'
        '<a:spcBef><a:spcPts val="800"/></a:spcBef><a:buClr><a:schemeClr val="accent1"/></a:buClr>'
        '<a:buSzPct val="80000"/><a:buChar char="■"/></a:pPr></a:p>'
        '<a:p><a:pPr marL="0" indent="0"><a:lnSpc><a:spcPts val="2000"/></a:lnSpc><a:spcBef><a:spcPts val="0"/>'
        '</a:spcBef><a:buNone/></a:pPr></a:p></a:txBody>')


def test_add_run_marks_the_run_chinese_with_both_typefaces_and_its_colour():
    paragraph = parse_xml(f'<a:p {nsdecls("a")}/>')
    oxml.add_run(paragraph, "成果", oxml.Style(11, ("Arial", "微软雅黑"), rgb="6E6E6E"), bold=True)
    assert xml(paragraph) == ('<a:p><a:r><a:rPr lang="zh-CN" altLang="en-US" sz="1100" b="1"><a:solidFill>'
                              '<a:srgbClr val="6E6E6E"/></a:solidFill><a:latin typeface="Arial"/>'
                              '<a:ea typeface="微软雅黑"/></a:rPr><a:t>成果</a:t></a:r></a:p>')


def test_set_east_asian_replaces_the_ea_after_latin():
    rpr = parse_xml(f'<a:defRPr {nsdecls("a")} sz="1400"><a:ea typeface="宋体"/><a:latin typeface="Arial"/>'
                    '</a:defRPr>')
    chart_oxml.set_east_asian(rpr, "黑体")
    assert xml(rpr) == ('<a:defRPr sz="1400" lang="zh-CN" altLang="en-US"><a:latin typeface="Arial"/>'
                        '<a:ea typeface="黑体"/></a:defRPr>')


def test_text_body_and_remove_shape(slide):
    body = slide.placeholders[1]
    assert oxml.text_body(body).tag == qn("p:txBody")
    oxml.remove_shape(body)
    assert [s.placeholder_format.idx for s in slide.placeholders] == [0]


def test_remove_slides_drops_every_slide_and_its_relationship(prs, slide):
    rid = prs.slides._sldIdLst[0].rId
    oxml.remove_slides(prs)
    assert len(prs.slides) == 0 and rid not in prs.part.rels


def chart_frame(slide):
    data = CategoryChartData()
    data.categories = ("甲",)
    data.add_series("值", (1.0,))
    return slide.shapes.add_chart(XL_CHART_TYPE.COLUMN_CLUSTERED, 0, 0, 100, 100, data)


def test_set_alt_text_sets_the_frame_description(slide):
    frame = chart_frame(slide)
    assert frame._element.nvGraphicFramePr.cNvPr.get("descr") is None
    oxml.set_alt_text(frame, "柱状图：办件量")
    assert frame._element.nvGraphicFramePr.cNvPr.get("descr") == "柱状图：办件量"


def test_the_text_properties_of_a_chart_its_labels_and_a_label_run(slide):
    chart = chart_frame(slide).chart
    chart.font.size = Pt(14)
    rpr = chart_oxml.chart_default_rpr(chart)
    assert (rpr.tag, rpr.get("sz")) == (qn("a:defRPr"), "1400")
    labels = chart.plots[0].series[0].data_labels
    labels.font.size = Pt(12)
    assert chart_oxml.font_rpr(labels.font).get("sz") == "1200"
    chart_oxml.add_point_labels(labels, [(0, "7100余个"), (2, "约3<5")], 12, "Arial", "黑体", "222222", "outEnd")
    dlbls = labels._element
    assert [c.tag.rsplit("}", 1)[1] for c in dlbls][:3] == ["dLbl", "dLbl", "txPr"]  # labels head the list
    assert [d.find(qn("c:idx")).get("val") for d in dlbls.findall(qn("c:dLbl"))] == ["0", "2"]
    assert [t.text for t in dlbls.iter(qn("a:t"))] == ["7100余个", "约3<5"]
    assert {e.get("typeface") for e in dlbls.iter(qn("a:ea"))} == {"黑体"}


def test_cell_text_body_writes_every_margin_even_at_the_default(slide):
    cell = slide.shapes.add_table(1, 1, 0, 0, 100, 100).table.cell(0, 0)
    body = oxml.cell_text_body(cell, (7.2, 7.2, 3.6, 3.6), "middle")
    props = cell._tc.tcPr
    assert dict(props.attrib) == {"marL": "91440", "marR": "91440", "marT": "45720", "marB": "45720", "anchor": "ctr"}
    assert body is cell._tc.txBody


def test_theme_typefaces_reads_the_major_and_minor_fonts(prs):
    assert oxml.theme_typefaces(prs) == {"title": ("Arial", "微软雅黑"), "body": ("Arial", "微软雅黑")}


def test_layout_copy_and_add_layout_id(prs):
    before = [int(e.get("id")) for e in prs.slide_master._element.sldLayoutIdLst]
    copied = oxml.layout_copy(find_layout(prs, "Cards"), "Cards 2")
    assert copied.cSld.get("name") == "Cards 2" and find_layout(prs, "Cards")._element.cSld.get("name") == "Cards"
    oxml.add_layout_id(prs, "rId99")
    entries = list(prs.slide_master._element.sldLayoutIdLst)
    assert len(entries) == len(before) + 1
    masters = [int(e.get("id")) for e in prs.part._element.iter(qn("p:sldMasterId"))]
    assert entries[-1].get("id") == str(max(before + masters) + 1) and entries[-1].get(qn("r:id")) == "rId99"

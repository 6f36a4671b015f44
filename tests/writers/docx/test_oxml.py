"""Each XML tweak of the Word writer on a small snippet: the element before, the function, the element after."""

from __future__ import annotations

import re

import pytest
from docx.document import Document as WordDocument
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shape import InlineShape
from docx.shared import Twips
from docx.table import Table, _Row
from docx.text.paragraph import Paragraph
from lxml import etree

from reportgen.writers.docx import oxml

NS = nsdecls("w", "wp", "a", "pic", "r")


def element(markup: str):
    """Return `markup` parsed as python-docx parses a part, the namespaces declared on its root."""
    return parse_xml(re.sub(r"^<([\w:]+)", rf"<\1 {NS}", markup.strip()))


def xml(node) -> str:
    """Return `node` serialized without its namespace declarations, for comparing with a snippet."""
    return re.sub(r" xmlns:\w+=\"[^\"]+\"", "", etree.tostring(node, encoding="unicode"))


def check(before: str, change, after: str) -> None:
    """Apply `change` to the element of `before`; its XML must be that of `after`."""
    node = element(before)
    change(node)
    assert xml(node) == xml(element(after))


@pytest.mark.parametrize(("before", "after"), [
    ("<w:pPr><w:pStyle w:val='A'/><w:jc w:val='left'/></w:pPr>",
     "<w:pPr><w:pStyle w:val='A'/><w:keepNext/><w:jc w:val='left'/></w:pPr>"),
    ("<w:pPr><w:keepNext w:val='0'/></w:pPr>", "<w:pPr><w:keepNext w:val='0'/></w:pPr>"),  # found, not added
])
def test_child_in_order_adds_a_missing_child_at_its_schema_place(before, after):
    check(before, lambda ppr: oxml.child_in_order(ppr, "w:keepNext", oxml.PPR_SEQ), after)


def test_set_fonts_names_both_typefaces_and_drops_theme_fonts():
    check("<w:rPr><w:b/><w:rFonts w:asciiTheme='minorHAnsi' w:eastAsiaTheme='minorEastAsia'/></w:rPr>",
          lambda rpr: oxml.set_fonts(rpr, "黑体", "Times New Roman"),
          "<w:rPr><w:b/><w:rFonts w:ascii='Times New Roman' w:hAnsi='Times New Roman' w:cs='Times New Roman'"
          " w:eastAsia='黑体'/></w:rPr>")
    check("<w:rPr><w:sz w:val='32'/></w:rPr>", lambda rpr: oxml.set_fonts(rpr, "宋体", "Arial"),
          "<w:rPr><w:rFonts w:ascii='Arial' w:hAnsi='Arial' w:cs='Arial' w:eastAsia='宋体'/><w:sz w:val='32'/></w:rPr>")


def test_drop_theme_fonts_keeps_explicit_names():
    check("<w:styles><w:style><w:rPr><w:rFonts w:ascii='A' w:hAnsiTheme='minorHAnsi' w:cstheme='minorBidi'/>"
          "</w:rPr></w:style></w:styles>", oxml.drop_theme_fonts,
          "<w:styles><w:style><w:rPr><w:rFonts w:ascii='A'/></w:rPr></w:style></w:styles>")


def test_set_language_marks_chinese_text():
    check("<w:rPr><w:sz w:val='32'/></w:rPr>", oxml.set_language,
          "<w:rPr><w:sz w:val='32'/><w:lang w:val='en-US' w:eastAsia='zh-CN'/></w:rPr>")


def test_set_char_spacing_goes_after_the_colour_and_before_the_size():
    check("<w:rPr><w:color w:val='000000'/><w:sz w:val='32'/></w:rPr>", lambda rpr: oxml.set_char_spacing(rpr, -5),
          "<w:rPr><w:color w:val='000000'/><w:spacing w:val='-5'/><w:sz w:val='32'/></w:rPr>")


def test_turn_off_cjk_adjustments():
    check("<w:pPr><w:jc w:val='both'/></w:pPr>", oxml.turn_off_cjk_adjustments,
          "<w:pPr><w:overflowPunct w:val='0'/><w:autoSpaceDE w:val='0'/><w:autoSpaceDN w:val='0'/>"
          "<w:jc w:val='both'/></w:pPr>")


def test_set_outline_level():
    check("<w:pPr><w:jc w:val='both'/><w:rPr/></w:pPr>", lambda ppr: oxml.set_outline_level(ppr, 2),
          "<w:pPr><w:jc w:val='both'/><w:outlineLvl w:val='2'/><w:rPr/></w:pPr>")


def test_remove_paragraph_borders():
    check("<w:pPr><w:pBdr><w:bottom w:val='single'/></w:pBdr><w:jc w:val='left'/></w:pPr>",
          oxml.remove_paragraph_borders, "<w:pPr><w:jc w:val='left'/></w:pPr>")
    check("<w:pPr/>", oxml.remove_paragraph_borders, "<w:pPr/>")


def test_bottom_border_replaces_every_border():
    check("<w:pPr><w:pBdr><w:top w:val='single'/></w:pBdr></w:pPr>",
          lambda ppr: oxml.bottom_border(ppr, "FF0000", 12),
          "<w:pPr><w:pBdr><w:bottom w:val='single' w:sz='12' w:space='4' w:color='FF0000'/></w:pBdr></w:pPr>")


def test_add_right_tab_writes_the_alignment_first():
    check("<w:pPr><w:jc w:val='left'/></w:pPr>", lambda ppr: oxml.add_right_tab(ppr, 8844),
          "<w:pPr><w:tabs><w:tab w:val='right' w:pos='8844'/></w:tabs><w:jc w:val='left'/></w:pPr>")


TBL = "<w:tbl><w:tblPr><w:tblStyle w:val='T'/><w:tblW w:w='0' w:type='auto'/>{}<w:tblLook w:val='04A0'/></w:tblPr></w:tbl>"


def check_table(before: str, change, after: str) -> None:
    check(TBL.format(before), lambda tbl: change(Table(tbl, None)), TBL.format(after))


def test_set_table_borders_draws_only_horizontal_rules():
    check_table("<w:tblBorders><w:left w:val='single'/></w:tblBorders>",
                lambda table: oxml.set_table_borders(table, "000000", 8, 8, 6),
                "<w:tblBorders><w:top w:val='single' w:sz='8' w:space='0' w:color='000000'/><w:left w:val='nil'/>"
                "<w:bottom w:val='single' w:sz='8' w:space='0' w:color='000000'/><w:right w:val='nil'/>"
                "<w:insideH w:val='single' w:sz='6' w:space='0' w:color='000000'/><w:insideV w:val='nil'/>"
                "</w:tblBorders>")


def test_float_to_page_bottom_goes_after_the_table_style():
    node = element(TBL.format(""))
    oxml.float_to_page_bottom(Table(node, None), Twips(1587), Twips(-10))
    assert xml(node) == xml(element(
        "<w:tbl><w:tblPr><w:tblStyle w:val='T'/><w:tblpPr w:leftFromText='0' w:rightFromText='0' w:topFromText='0'"
        " w:bottomFromText='0' w:vertAnchor='margin' w:horzAnchor='page' w:tblpX='1587' w:tblpY='0'"
        " w:tblpYSpec='bottom'/><w:tblW w:w='0' w:type='auto'/><w:tblLook w:val='04A0'/></w:tblPr></w:tbl>"))


def test_zero_cell_margins_sets_left_and_right_only():
    check_table("", oxml.zero_cell_margins,
                "<w:tblCellMar><w:left w:w='0' w:type='dxa'/><w:right w:w='0' w:type='dxa'/></w:tblCellMar>")
    check_table("<w:tblCellMar><w:top w:w='5' w:type='dxa'/><w:left w:w='108' w:type='dxa'/></w:tblCellMar>",
                oxml.zero_cell_margins,
                "<w:tblCellMar><w:top w:w='5' w:type='dxa'/><w:left w:w='0' w:type='dxa'/>"
                "<w:right w:w='0' w:type='dxa'/></w:tblCellMar>")


ROW = "<w:tr>{}<w:tc><w:p/></w:tc></w:tr>"


@pytest.mark.parametrize(("change", "before", "after"), [
    (oxml.set_cant_split, "", "<w:trPr><w:cantSplit/></w:trPr>"),
    (oxml.set_cant_split, "<w:trPr><w:tblHeader/></w:trPr>", "<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>"),
    (oxml.set_cant_split, "<w:trPr><w:cantSplit/></w:trPr>", "<w:trPr><w:cantSplit/></w:trPr>"),
    (oxml.repeat_as_header, "<w:trPr><w:cantSplit/></w:trPr>", "<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>"),
    (oxml.repeat_as_header, "<w:trPr><w:tblHeader/></w:trPr>", "<w:trPr><w:tblHeader/></w:trPr>"),
])
def test_row_properties(change, before, after):
    check(ROW.format(before), lambda tr: change(_Row(tr, None)), ROW.format(after))


def test_append_field_adds_the_runs_of_a_complex_field():
    check("<w:p><w:r><w:t>— </w:t></w:r></w:p>", lambda p: oxml.append_field(Paragraph(p, None), "PAGE", "1"),
          "<w:p><w:r><w:t>— </w:t></w:r><w:r><w:fldChar w:fldCharType='begin'/></w:r>"
          "<w:r><w:instrText xml:space='preserve'> PAGE </w:instrText></w:r>"
          "<w:r><w:fldChar w:fldCharType='separate'/></w:r><w:r><w:t xml:space='preserve'>1</w:t></w:r>"
          "<w:r><w:fldChar w:fldCharType='end'/></w:r></w:p>")


def test_remove_paragraph():
    check("<w:ftr><w:p><w:r><w:t>a</w:t></w:r></w:p><w:p/></w:ftr>",
          lambda ftr: oxml.remove_paragraph(Paragraph(ftr[0], None)), "<w:ftr><w:p/></w:ftr>")


def test_set_alt_text_describes_the_picture():
    check("<wp:inline><wp:extent cx='1' cy='1'/><wp:docPr id='1' name='Picture 1'/></wp:inline>",
          lambda inline: oxml.set_alt_text(InlineShape(inline), "柱状图：甲 3个", "图1 甲"),
          "<wp:inline><wp:extent cx='1' cy='1'/><wp:docPr id='1' name='Picture 1' descr='柱状图：甲 3个'"
          " title='图1 甲'/></wp:inline>")


def test_clear_body_keeps_the_section_properties():
    check("<w:document><w:body><w:p/><w:tbl/><w:sectPr/></w:body></w:document>",
          lambda doc: oxml.clear_body(WordDocument(doc, None)), "<w:document><w:body><w:sectPr/></w:body></w:document>")


DEFAULTS = ("<w:styles><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:eastAsia='宋体'/></w:rPr></w:rPrDefault>"
            "<w:pPrDefault><w:pPr>{}</w:pPr></w:pPrDefault></w:docDefaults>{}</w:styles>")


def test_default_rpr_and_drop_default_spacing():
    node = element(DEFAULTS.format("<w:spacing w:after='200'/>", ""))
    assert xml(oxml.default_rpr(node)) == xml(element("<w:rPr><w:rFonts w:eastAsia='宋体'/></w:rPr>"))
    oxml.drop_default_spacing(node)
    assert xml(node) == xml(element(DEFAULTS.format("", "")))


def test_set_theme_font_language():
    check("<w:settings><w:themeFontLang w:val='en-US' w:eastAsia='ja-JP'/></w:settings>",
          lambda settings: oxml.set_theme_font_language(settings, "zh-CN"),
          "<w:settings><w:themeFontLang w:val='en-US' w:eastAsia='zh-CN'/></w:settings>")
    check("<w:settings/>", lambda settings: oxml.set_theme_font_language(settings, "zh-CN"), "<w:settings/>")


def test_remove_style_links():
    check("<w:styles><w:style w:styleId='H1'><w:name w:val='heading 1'/><w:link w:val='H1Char'/></w:style>"
          "</w:styles>", oxml.remove_style_links,
          "<w:styles><w:style w:styleId='H1'><w:name w:val='heading 1'/></w:style></w:styles>")


def test_append_style_copy_drops_references_to_absent_styles():
    shipped = element("<w:style w:styleId='Caption'><w:name w:val='caption'/><w:basedOn w:val='Normal'/>"
                      "<w:next w:val='BodyText'/><w:link w:val='CaptionChar'/></w:style>")
    check("<w:styles><w:style w:styleId='Normal'/></w:styles>", lambda root: oxml.append_style_copy(shipped, root),
          "<w:styles><w:style w:styleId='Normal'/><w:style w:styleId='Caption'><w:name w:val='caption'/>"
          "<w:basedOn w:val='Normal'/></w:style></w:styles>")
    assert len(shipped) == 4  # the shipped style itself is left alone


@pytest.mark.parametrize(("styles", "found"), [
    ("<w:style w:styleId='A'><w:rPr><w:rFonts w:eastAsia='黑体'/></w:rPr></w:style>", "黑体"),
    ("<w:style w:styleId='A'><w:basedOn w:val='B'/></w:style>"
     "<w:style w:styleId='B'><w:rPr><w:rFonts w:eastAsia='楷体'/></w:rPr></w:style>", "楷体"),
    ("<w:style w:styleId='A'><w:rPr><w:rFonts w:ascii='Arial'/></w:rPr></w:style>", "宋体"),  # the defaults
    ("<w:style w:styleId='A'><w:rPr><w:rFonts w:eastAsiaTheme='minorEastAsia'/></w:rPr></w:style>", None),
    ("<w:style w:styleId='A'><w:basedOn w:val='A'/></w:style>", "宋体"),  # a loop ends at the defaults
])
def test_resolved_east_asian_follows_based_on_then_the_defaults(styles, found):
    root = element(DEFAULTS.format("", styles))
    assert oxml.resolved_east_asian(root.get_by_id("A"), root) == found


def test_replace_font_table_writes_the_entries_in_order():
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    part = Part(PackURI("/word/fontTable.xml"), "application/xml",
                f'<w:fonts xmlns:w="{w}"><w:font w:name="ＭＳ 明朝"/></w:fonts>'.encode())
    oxml.replace_font_table(part, [oxml.FontEntry("仿宋_GB2312", "仿宋", chinese=True), oxml.FontEntry("Arial", sans=True)])
    assert part.blob.decode("utf-8") == (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        f'<w:fonts xmlns:w="{w}"><w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/><w:charset w:val="86"/>'
        '<w:family w:val="roman"/><w:pitch w:val="variable"/></w:font><w:font w:name="Arial"><w:charset w:val="00"/>'
        '<w:family w:val="swiss"/><w:pitch w:val="variable"/></w:font></w:fonts>')

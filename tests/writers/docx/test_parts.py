"""The fixed parts of a 简报 on a tiny document: 报头, 报尾 and page numbers, re-opened with python-docx; and the
style specs' numbers against GB/T 9704."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml.ns import qn
from docx.shared import Length, Mm, Pt

from reportgen.charts.media import MediaBag
from reportgen.document import Document, DocumentMeta, Paragraph, Reference, Run, WriterOptions
from reportgen.writers.docx import write_docx
from reportgen.writers.docx.parts import DASH, THICK, THIN
from reportgen.writers.docx.styles import BODY, LINE, MODERN, OFFICIAL, layout

TEMPLATES = Path(__file__).resolve().parents[3] / "templates"
RECIPIENTS = (("报", ("省委办公厅", "省政府办公厅")), ("送", ("省纪委监委",)), ("发", ("各市纪委监委",)),
              ("本期增发", ("省档案馆",)))
MM_PER_PT = 25.4 / 72


def meta(**fields) -> DocumentMeta:
    base = dict(title="关于试点工作的情况报告", bulletin="专项治理工作简报", issuer="省纪委监委办公厅", issue=5,
                date=dt.date(2025, 1, 20), date_text="2025年1月20日", audience="full")
    return DocumentMeta(**{**base, **fields})


def written(document_meta: DocumentMeta):
    """Return `document_meta` over one paragraph, written with write_docx and re-opened with python-docx."""
    name = "reference.docx" if document_meta.style == "official" else f"reference-{document_meta.style}.docx"
    ref = Reference(name, (TEMPLATES / name).read_bytes())
    document = Document(document_meta, (Paragraph((Run("正文。"),)),))
    return docx.Document(io.BytesIO(write_docx(document, WriterOptions(ref, ref), MediaBag()).content))


@pytest.fixture(scope="module")
def full():
    return written(meta(mark="内部资料 注意保存", issue_total=120, recipients=RECIPIENTS, copies=50))


@pytest.fixture(scope="module")
def bare():
    return written(meta())


def paragraphs(document) -> list[tuple[str, str]]:
    return [(p.text, p.style.name) for p in document.paragraphs]


def test_the_masthead_opens_the_document(full):
    assert paragraphs(full)[:5] == [
        ("内部资料 注意保存", "Masthead Mark"),
        ("专项治理工作简报", "Masthead"),
        ("第5期（总第120期）", "Issue Number"),
        ("省纪委监委办公厅\t2025年1月20日", "Issue Line"),
        ("关于试点工作的情况报告", "Title"),
    ]


def test_without_mark_or_total_the_mark_line_is_empty_and_the_issue_plain(bare):
    assert paragraphs(bare)[:3] == [("", "Masthead Mark"), ("专项治理工作简报", "Masthead"), ("第5期", "Issue Number")]


def test_the_bulletin_name_is_red_and_the_issue_line_sits_on_a_red_rule_with_the_date_right(full):
    masthead, issue_line = full.styles["Masthead"], full.styles["Issue Line"]
    assert str(masthead.font.color.rgb) == "FF0000" and masthead.font.size == Pt(42)
    bottom = issue_line.element.pPr.find(qn("w:pBdr")).find(qn("w:bottom"))
    assert (bottom.get(qn("w:val")), bottom.get(qn("w:color")), bottom.get(qn("w:sz"))) == ("single", "FF0000", "12")
    section = full.sections[0]
    width = section.page_width - section.left_margin - section.right_margin
    (tab,) = issue_line.paragraph_format.tab_stops
    assert tab.alignment == WD_TAB_ALIGNMENT.RIGHT and abs(tab.position - width) <= Pt(1)  # at the type-area edge


def test_a_short_bulletin_name_keeps_the_masthead_size():
    assert written(meta(bulletin="专项治理工作简报")).paragraphs[1].runs[0].font.size is None  # the style's 42 pt


def test_a_long_bulletin_name_shrinks_to_stay_on_one_line():
    document = written(meta(bulletin="全省群众身边不正之风和腐败问题集中整治工作简报"))  # 23 characters
    run = document.paragraphs[1].runs[0]
    section = document.sections[0]
    width = Length(section.page_width - section.left_margin - section.right_margin).pt  # 442.2 pt (156 mm)
    assert run.font.size == Pt(int(width * 2) // 23 / 2) == Pt(19)  # Word's half-point steps


def colophon(document) -> list[list[str]]:
    (table,) = document.tables
    return [[p.text for p in row.cells[0].paragraphs] for row in table.rows]


def test_the_colophon_lists_recipients_then_this_issue_then_copies(full):
    assert colophon(full) == [
        ["报：省委办公厅，省政府办公厅。", "送：省纪委监委。", "发：各市纪委监委。"],
        ["本期增发：省档案馆。"],
        ["（共印50份）"],
    ]
    assert paragraphs(full)[-1] == ("", "Colophon")


def test_colophon_rules_are_thick_outside_and_thin_between(full):
    borders = full.tables[0]._tbl.tblPr.find(qn("w:tblBorders"))
    assert {child.tag.split("}")[1]: (child.get(qn("w:val")), child.get(qn("w:sz"))) for child in borders} == {
        "top": ("single", str(THICK)), "bottom": ("single", str(THICK)), "insideH": ("single", str(THIN)),
        "left": ("nil", None), "right": ("nil", None), "insideV": ("nil", None)}
    assert (THICK / 8 * 25.4 / 72, THIN / 8 * 25.4 / 72) == pytest.approx((0.35, 0.25), abs=0.03)  # GB/T 9704 7.4


def test_colophon_lines_hang_after_their_label_and_copies_sit_right(full):
    table = full.tables[0]
    first = table.rows[0].cells[0].paragraphs[0].paragraph_format
    assert (first.left_indent, first.first_line_indent, first.right_indent) == (Pt(14 * 3), Pt(-14 * 2), Pt(14))
    extra = table.rows[1].cells[0].paragraphs[0].paragraph_format
    assert (extra.left_indent, extra.first_line_indent) == (Pt(14 * 6), Pt(-14 * 5))
    copies = table.rows[2].cells[0].paragraphs[0]
    assert copies.alignment == WD_ALIGN_PARAGRAPH.RIGHT and copies.paragraph_format.right_indent == Pt(14)


def test_the_colophon_floats_at_the_bottom_of_the_type_area(full):
    position = full.tables[0]._tbl.tblPr.find(qn("w:tblpPr"))
    assert (position.get(qn("w:vertAnchor")), position.get(qn("w:tblpYSpec"))) == ("margin", "bottom")
    assert int(position.get(qn("w:tblpX"))) == full.sections[0].left_margin.twips


def test_copies_alone_make_a_one_line_colophon():
    assert colophon(written(meta(copies=8))) == [["（共印8份）"]]


def test_no_recipients_and_no_copies_mean_no_colophon(bare):
    assert bare.tables == [] and paragraphs(bare)[-1] == ("正文。", "Body Text")


def footer_runs(footer) -> list[tuple[str, str]]:
    """Return the footer paragraph's runs as (kind, text): text, field begin/instruction/separate/end."""
    out = []
    for run in footer.paragraphs[0]._p.iter(qn("w:r")):
        for child in run:
            if child.tag == qn("w:t"):
                out.append(("t", child.text))
            elif child.tag == qn("w:instrText"):
                out.append(("instr", child.text))
            elif child.tag == qn("w:fldChar"):
                out.append(("fld", child.get(qn("w:fldCharType"))))
    return out


PAGE_FIELD = [("t", f"{DASH} "), ("fld", "begin"), ("instr", " PAGE "), ("fld", "separate"), ("t", "1"),
              ("fld", "end"), ("t", f" {DASH}")]


def test_official_page_numbers_are_a_page_field_between_dashes_odd_right_even_left(full):
    section = full.sections[0]
    assert full.settings.odd_and_even_pages_header_footer
    odd, even = section.footer, section.even_page_footer
    assert footer_runs(odd) == PAGE_FIELD == footer_runs(even)
    assert (len(odd.paragraphs), len(even.paragraphs)) == (1, 1)
    assert odd.paragraphs[0].text == f"{DASH} 1 {DASH}"
    assert (odd.paragraphs[0].alignment, odd.paragraphs[0].paragraph_format.right_indent) == (
        WD_ALIGN_PARAGRAPH.RIGHT, Pt(14))
    assert (even.paragraphs[0].alignment, even.paragraphs[0].paragraph_format.left_indent) == (
        WD_ALIGN_PARAGRAPH.LEFT, Pt(14))
    assert odd.paragraphs[0].style.name == "Footer"


def test_modern_page_numbers_are_one_centred_footer():
    document = written(meta(style="modern"))
    assert not document.settings.odd_and_even_pages_header_footer
    footer = document.sections[0].footer
    assert footer_runs(footer) == PAGE_FIELD
    assert footer.paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.CENTER


# The style specs against GB/T 9704-2012: A4, type area 156 mm × 225 mm, 三号 body in 22 lines of 28 characters.

def test_official_margins_leave_the_gbt_9704_type_area():
    top, bottom, left, right = OFFICIAL.margins
    assert OFFICIAL.margins == (37, 35, 28, 26)
    assert OFFICIAL.type_width_mm == 156 and 297 - top - bottom == 225
    assert OFFICIAL.odd_even_footers and not MODERN.odd_even_footers


def test_22_lines_of_28_characters_fill_the_type_area():
    assert 22 * LINE * MM_PER_PT == pytest.approx(225, abs=0.5)
    width_pt = OFFICIAL.type_width_mm / MM_PER_PT
    assert 28 * (BODY + OFFICIAL.char_spacing) <= width_pt < 29 * (BODY + OFFICIAL.char_spacing)
    assert 27 * BODY <= width_pt < 28 * BODY  # without the tightened spacing only 27 fit


@pytest.mark.parametrize(("name", "size"), [
    ("Normal", 16), ("Body Text", 16), ("Heading 1", 16), ("Heading 4", 16), ("Issue Number", 16),  # 三号
    ("Title", 22),  # 二号
    ("Colophon", 14), ("Footer", 14), ("Caption", 14), ("Table Text", 14),  # 四号
])
def test_official_sizes_are_the_chinese_point_sizes(name, size):
    assert OFFICIAL.styles[name].size == size


def test_body_and_headings_indent_two_characters_and_keep_the_line_pitch():
    for name in ("Body Text", "Heading 1", "Heading 2", "Heading 3", "Heading 4"):
        spec = OFFICIAL.styles[name]
        assert (spec.first_line, spec.line) == (2 * BODY, LINE)
    assert [OFFICIAL.styles[f"Heading {n}"].outline for n in range(1, 5)] == [0, 1, 2, 3]
    assert OFFICIAL.styles["Title"].align == "center" and OFFICIAL.styles["Masthead"].color == "FF0000"


def test_modern_scales_the_body_sized_styles_to_12_pt():
    assert {n: MODERN.styles[n].size for n in ("Normal", "Body Text")} == {"Normal": 12.0, "Body Text": 12.0}
    assert MODERN.styles["Body Text"].first_line == 24.0 and MODERN.styles["Normal"].first_line == 0
    assert set(MODERN.styles) == set(OFFICIAL.styles)
    assert layout("official") is OFFICIAL and layout("modern") is MODERN


@pytest.mark.parametrize(("file", "spec"), [("reference.docx", OFFICIAL), ("reference-modern.docx", MODERN)])
def test_the_shipped_references_are_made_from_the_specs(file, spec):
    document = docx.Document(str(TEMPLATES / file))
    section = document.sections[0]
    margins = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    assert [round(m.mm, 1) for m in margins] == list(spec.margins)
    assert round(section.footer_distance.mm, 1) == spec.footer_distance
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert document.settings.odd_and_even_pages_header_footer == spec.odd_even_footers
    paragraph_styles = [n for n, s in spec.styles.items() if s.kind == "paragraph"]
    assert {n: document.styles[n].font.size.pt for n in paragraph_styles} == {
        n: spec.styles[n].size for n in paragraph_styles}
    indent = document.styles["Body Text"].paragraph_format.first_line_indent
    assert abs(indent - Pt(spec.styles["Body Text"].first_line)) < Mm(0.01)

"""write_docx on a tiny document: styles, text, the chart's alt text, repairs returned as messages, no lookups."""

from __future__ import annotations

import datetime as dt
import io
import warnings
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from reportgen.charts.media import MediaBag, chart_key
from reportgen.charts.spec import ChartSpec, Series
from reportgen.charts.theme import theme_for
from reportgen.document import Chart, Document, DocumentMeta, Paragraph, Reference, Run, Section, Table, WriterOptions
from reportgen.errors import TemplateError
from reportgen.fonts import docx_fonts
from reportgen.writers import Rendered
from reportgen.writers.docx import write_docx

SHIPPED = Path(__file__).resolve().parents[3] / "templates" / "reference.docx"
SPEC = ChartSpec("barh", "甲乙对比", ("甲", "乙"), (Series("", (3.0, 5.0), ("3个", "5个")),), unit="个")
CHART = Chart(SPEC, "甲乙对比", number=1, source="市统计局")
DOCUMENT = Document(
    DocumentMeta(title="关于试点工作的情况报告", bulletin="工作简报", issuer="市委办公室", issue=3,
                 date=dt.date(2025, 1, 20), date_text="2025年1月20日", audience="full",
                 recipients=(("报", ("省委办公厅",)),), copies=10),
    (Section(1, "一、", "总体情况", (
        Paragraph((Run("进展顺利。", strong=True), Run("全年完成目标。"))),
        Table("主要指标", ("指标", "数值"), (("项目", "3个"), ("资金", "5万元")), number=1, source="市财政局"),
        CHART,
        Paragraph((Run("资料来源：市委办公室"),), role="source"),
    )),),
)


def reference(content: bytes = SHIPPED.read_bytes(), name: str = str(SHIPPED)) -> Reference:
    return Reference(name, content)


def options(ref: Reference | None = None, fonts=(), pictures: bool = False) -> WriterOptions:
    return WriterOptions(ref or reference(), reference(), fonts=fonts, chart_pictures=pictures)


@pytest.fixture(scope="module")
def media() -> MediaBag:
    from reportgen.charts.render import draw_chart

    theme = theme_for(CHART.theme)
    return MediaBag(pictures={chart_key(SPEC, theme): draw_chart(SPEC, theme)})


def reopen(rendered: Rendered):
    return docx.Document(io.BytesIO(rendered.content))


def paragraph(document, text: str):
    """Return the body paragraph whose text is `text`."""
    return next(p for p in document.paragraphs if p.text == text)


def test_blocks_are_written_in_the_reference_styles(media):
    rendered = write_docx(DOCUMENT, options(), media)
    assert rendered.messages == () and rendered.omissions == ()
    document = reopen(rendered)
    assert paragraph(document, "工作简报").style.name == "Masthead"
    assert paragraph(document, "关于试点工作的情况报告").style.name == "Title"
    assert paragraph(document, "一、总体情况").style.name == "Heading 1"
    body = paragraph(document, "进展顺利。全年完成目标。")
    assert body.style.name == "Body Text"
    assert [(r.text, r.style.name) for r in body.runs] == [("进展顺利。", "Strong"), ("全年完成目标。", "Default Paragraph Font")]
    assert paragraph(document, "表1 主要指标").style.name == "Caption"
    assert paragraph(document, "资料来源：市委办公室").style.name == "Source"


def test_a_table_keeps_its_header_and_its_source_line(media):
    document = reopen(write_docx(DOCUMENT, options(), media))
    table = document.tables[0]
    assert [[c.text for c in row.cells] for row in table.rows] == [["指标", "数值"], ["项目", "3个"], ["资金", "5万元"]]
    assert [c.paragraphs[0].style.name for c in table.rows[0].cells] == ["Table Header", "Table Header"]
    assert table.rows[1].cells[1].paragraphs[0].style.name == "Table Text"
    assert table.rows[-1].cells[0].paragraphs[0].paragraph_format.keep_with_next  # with 数据来源 below it
    assert paragraph(document, "数据来源：市财政局").style.name == "Table Source"


@pytest.mark.parametrize("pictures", [False, True], ids=["native", "picture"])
def test_the_chart_carries_its_alt_text_and_its_caption(media, pictures):
    document = reopen(write_docx(DOCUMENT, options(pictures=pictures), media))
    assert len(document.inline_shapes) == 1
    kinds = [r.reltype.rsplit("/", 1)[1] for r in document.part.rels.values()]
    assert ("image" in kinds, "chart" in kinds) == (pictures, not pictures)
    doc_pr = next(document.element.body.iter(qn("wp:docPr")))
    assert (doc_pr.get("descr"), doc_pr.get("title")) == (SPEC.alt_text, "图1 甲乙对比")
    assert paragraph(document, "图1 甲乙对比").paragraph_format.keep_with_next  # the source line follows
    source = paragraph(document, "数据来源：市统计局")
    assert source.style.name == "Table Source"
    assert source.paragraph_format.keep_with_next  # the source paragraph after it never starts a page alone


def test_fonts_come_from_the_options(media):
    document = reopen(write_docx(DOCUMENT, options(fonts=(("body", "楷体"),)), media))
    assert document.styles["Body Text"].element.rPr.rFonts.get(qn("w:eastAsia")) == "楷体"
    plain = reopen(write_docx(DOCUMENT, options(), media))
    assert plain.styles["Body Text"].element.rPr.rFonts.get(qn("w:eastAsia")) == docx_fonts()["body"]


def house_reference() -> bytes:
    """The shipped reference without the Caption style and with a theme font deciding Source's Chinese text."""
    document = docx.Document(str(SHIPPED))
    document.styles["Caption"].delete()
    document.styles["Source"].element.rPr.rFonts.set(qn("w:eastAsiaTheme"), "minorEastAsia")
    stream = io.BytesIO()
    document.save(stream)
    return stream.getvalue()


def test_a_repaired_reference_returns_messages_and_warns_nothing(media):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        rendered = write_docx(DOCUMENT, options(reference(house_reference(), "mine/house.docx")), media)
    assert caught == []
    assert rendered.messages == (
        "mine/house.docx: no style 'Caption'; using the shipped one",
        f"style 'Source' of the reference has no East Asian font; using {docx_fonts()['source']}")
    assert paragraph(reopen(rendered), "表1 主要指标").style.name == "Caption"


def test_a_picture_missing_from_the_media_bag_is_an_error():
    with pytest.raises(LookupError, match="chart '甲乙对比' was not drawn"):
        write_docx(DOCUMENT, options(pictures=True), MediaBag())


def test_a_reference_that_is_no_word_document_is_named_in_the_error(media):
    with pytest.raises(TemplateError, match=r"^mine/broken\.docx: not a Word document"):
        write_docx(DOCUMENT, options(reference(b"PK", "mine/broken.docx")), media)

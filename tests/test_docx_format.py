"""The Word briefing as an office reviewer checks it: reference styles, fonts in every run, 报头, 报尾, page numbers."""

from __future__ import annotations

import shutil
import sys
import zipfile
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from conftest import DATA, ROOT
from docx.oxml.ns import qn
from lxml import etree

from reportgen.api import Settings, build
from reportgen.cli import main
from reportgen.writers.docx.reference import reference_name

sys.path.insert(0, str(ROOT / "tools"))
import make_reference_docx

AUDIENCE = """description: 测试
bulletin: 政法工作简报
style: {style}
sections: [overview]
recipients:
  报: [省委办公厅]
  本期增发: [各设区市委政法委]
copies: 30
{extra}
"""


def east_asian_of(run, document) -> str:
    """Resolve the East Asian typeface of a w:r as Word does: run, character style, paragraph style, defaults."""
    styles = document.styles.element
    chain = [run.find(qn("w:rPr"))]
    rpr = chain[0]
    if rpr is not None and rpr.find(qn("w:rStyle")) is not None:
        chain += _style_chain(styles, rpr.find(qn("w:rStyle")).get(qn("w:val")))
    paragraph = run.getparent()
    ppr = paragraph.find(qn("w:pPr"))
    pstyle = ppr.find(qn("w:pStyle")) if ppr is not None else None
    chain += _style_chain(styles, pstyle.get(qn("w:val")) if pstyle is not None else "Normal")
    chain.append(styles.find(qn("w:docDefaults")).find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}"))
    for level in chain:
        fonts = level.find(qn("w:rFonts")) if level is not None else None
        if fonts is None:
            continue
        assert fonts.get(qn("w:eastAsiaTheme")) is None, "a theme font decides the East Asian typeface"
        if fonts.get(qn("w:eastAsia")):
            return fonts.get(qn("w:eastAsia"))
    raise AssertionError("no East Asian typeface")


def _style_chain(styles, style_id: str) -> list:
    chain = []
    while style_id:
        style = styles.get_by_id(style_id)
        chain.append(style.find(qn("w:rPr")))
        based = style.find(qn("w:basedOn"))
        style_id = based.get(qn("w:val")) if based is not None else ""
    return chain


def runs_with_text(document):
    """Every w:r holding text in the body (tables included) and the footers."""
    parts = [document.element.body] + [f._element for s in document.sections for f in (s.footer, s.even_page_footer)]
    for part in parts:
        for run in part.iter(qn("w:r")):
            if "".join(t.text or "" for t in run.iter(qn("w:t"))).strip():
                yield run


def run_text(run) -> str:
    return "".join(t.text or "" for t in run.iter(qn("w:t")))


def fonts_by_text(document) -> dict[str, str]:
    return {run_text(r): east_asian_of(r, document) for r in runs_with_text(document)}


def test_shipped_references_are_made_by_the_committed_generator(tmp_path):
    make_reference_docx.main(tmp_path)
    for style in ("official", "modern"):
        name = reference_name(style)
        assert (tmp_path / name).read_bytes() == (ROOT / "templates" / name).read_bytes(), (
            f"templates/{name} is out of date: run python tools/make_reference_docx.py")
        document = docx.Document(str(ROOT / "templates" / name))
        assert len(document.paragraphs) <= 1 and not document.tables
        assert not any(f.get(qn("w:eastAsiaTheme")) for f in document.styles.element.iter(qn("w:rFonts")))
    with zipfile.ZipFile(ROOT / "templates/reference.docx") as package:
        fonts = etree.fromstring(package.read("word/fontTable.xml"))
    alt = {f.get(qn("w:name")): f.find(qn("w:altName")) for f in fonts}
    assert alt["仿宋_GB2312"].get(qn("w:val")) == "仿宋" and alt["楷体_GB2312"].get(qn("w:val")) == "楷体"
    assert "ＭＳ 明朝" not in alt  # python-docx's Japanese defaults are gone


def test_every_run_resolves_to_an_explicit_east_asian_font(built):
    document = docx.Document(str(built["docx"]))
    fonts = fonts_by_text(document)
    assert len(fonts) > 300
    assert fonts["专项治理工作简报"] == "方正小标宋简体"
    assert fonts["内部资料 注意保存"] == "黑体"
    assert fonts[document.paragraphs[4].text.replace("\n", "")] == "方正小标宋简体"  # the title
    assert fonts["一、总体情况"] == "黑体"
    assert fonts["（一）中小学非教育教学事务进校园问题专项治理"] == "楷体_GB2312"
    assert fonts["把群众“需求清单”转化成为“满意清单”"] == "仿宋_GB2312"
    assert fonts["指标"] == "黑体" and fonts["5704个"] == "仿宋_GB2312"
    assert fonts["— "] == "宋体"
    assert set(fonts.values()) <= {"方正小标宋简体", "黑体", "楷体_GB2312", "仿宋_GB2312", "宋体"}


def test_body_grid_is_22_lines_of_28_characters(built):
    document = docx.Document(str(built["docx"]))
    normal = document.styles["Normal"].element.rPr
    assert normal.find(qn("w:spacing")).get(qn("w:val")) == "-5"  # −0.25 pt: 28 characters of 三号 a line
    body = document.styles["Body Text"]
    fmt = body.paragraph_format
    assert fmt.line_spacing.pt == pytest.approx(28.95) and fmt.first_line_indent.pt == 32
    assert body.font.size.pt == 16 and fmt.alignment == 3  # justified
    for level in (1, 2, 3, 4):
        heading = document.styles[f"Heading {level}"]
        assert heading.font.size.pt == 16 and not heading.font.bold
        assert str(heading.font.color.rgb) == "000000" and heading.font.color.theme_color is None
    title = document.styles["Title"]
    assert title.font.size.pt == 22 and title.element.pPr.find(qn("w:pBdr")) is None


def test_data_tables_span_the_type_area_and_repeat_their_header(built):
    document = docx.Document(str(built["docx"]))
    tables = [t for t in document.tables[:-1] if t._tbl.tblPr.find(qn("w:tblCaption")) is None]  # not 报尾, 图
    assert len(tables) == 12
    for table in tables:
        assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
        assert [c.text for c in table.rows[0].cells] == ["指标", "数值"]
        assert abs(sum(col.width for col in table.columns) - docx.shared.Mm(156)) < docx.shared.Mm(1)


def test_masthead_mark_issue_line_and_red_rule(built):
    document = docx.Document(str(built["docx"]))
    first = [(p.style.name, p.text) for p in document.paragraphs[:5]]
    assert first[:4] == [("Masthead Mark", "内部资料 注意保存"), ("Masthead", "专项治理工作简报"),
                         ("Issue Number", "第1期"), ("Issue Line", "省纪委监委办公厅\t2025年1月20日")]
    assert first[4][0] == "Title"
    assert str(document.styles["Masthead"].font.color.rgb) == "FF0000"
    rule = document.styles["Issue Line"].element.pPr.find(f"{qn('w:pBdr')}/{qn('w:bottom')}")
    assert rule.get(qn("w:color")) == "FF0000" and int(rule.get(qn("w:sz"))) >= 8
    tab = document.styles["Issue Line"].element.pPr.find(f"{qn('w:tabs')}/{qn('w:tab')}")
    assert tab.get(qn("w:val")) == "right" and abs(int(tab.get(qn("w:pos"))) - 8844) <= 1  # 156 mm


def test_colophon_closes_the_briefing_with_recipients_and_copies(built):
    document = docx.Document(str(built["docx"]))
    colophon = document.tables[-1]
    lines = [p.text for cell in colophon.columns[0].cells for p in cell.paragraphs]
    assert lines == ["报：省委、省政府领导，中央纪委国家监委。", "送：省直各单位。",
                     "发：各市、县（市、区）纪委监委。", "（共印120份）"]
    tbl_pr = colophon._tbl.tblPr
    assert tbl_pr.find(qn("w:tblpPr")).get(qn("w:tblpYSpec")) == "bottom"
    borders = tbl_pr.find(qn("w:tblBorders"))
    sizes = {side: int(borders.find(qn(f"w:{side}")).get(qn("w:sz"), 0)) for side in ("top", "bottom", "insideH")}
    assert sizes["top"] == sizes["bottom"] > sizes["insideH"] > 0
    assert borders.find(qn("w:left")).get(qn("w:val")) == "nil"


def test_page_numbers_alternate_sides_with_a_page_field(built):
    document = docx.Document(str(built["docx"]))
    section = document.sections[0]
    assert document.settings.odd_and_even_pages_header_footer
    for footer, align, side in ((section.footer, 2, "right"), (section.even_page_footer, 0, "left")):
        paragraph = footer.paragraphs[0]
        assert paragraph.style.name == "Footer" and paragraph.alignment == align
        indent = paragraph.paragraph_format.right_indent if side == "right" else paragraph.paragraph_format.left_indent
        assert indent.pt == 14
        assert paragraph.text == "— 1 —"
        assert "PAGE" in "".join(t.text for t in paragraph._p.iter(qn("w:instrText")))
    assert document.styles["Footer"].font.size.pt == 14


def test_properties_and_bytes_are_reproducible(tmp_path, monkeypatch):
    first = build(Settings(data=DATA, out=tmp_path / "a", cwd=tmp_path, formats=("docx",))).files[0]
    second = build(Settings(data=DATA, out=tmp_path / "b", cwd=tmp_path, formats=("docx",))).files[0]
    assert first.read_bytes() == second.read_bytes()
    props = docx.Document(str(first)).core_properties
    assert (props.title, props.subject, props.author) == (
        "浙江省2024年度漠视侵害群众利益问题专项治理工作成果及近期要闻", "专项治理工作简报", "省纪委监委办公厅")
    assert props.language == "zh-CN" and props.keywords and props.created.replace(tzinfo=None).isoformat() == "2025-01-20T00:00:00"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1735689600")  # 2025-01-01 00:00 UTC
    third = build(Settings(data=DATA, out=tmp_path / "c", cwd=tmp_path, formats=("docx",))).files[0]
    props = docx.Document(str(third)).core_properties
    assert props.created.replace(tzinfo=None).isoformat() == "2025-01-20T00:00:00"  # the issue date
    assert props.modified.replace(tzinfo=None).isoformat() == "2025-01-01T00:00:00"


def custom_templates(tmp_path: Path, style: str = "official", extra: str = "") -> Path:
    templates = tmp_path / "templates"
    (templates / "audiences").mkdir(parents=True)
    (templates / "audiences/office.yaml").write_text(AUDIENCE.format(style=style, extra=extra), encoding="utf-8")
    return templates


def build_office(tmp_path: Path, templates: Path):
    result = CliRunner().invoke(main, ["build", "--data", str(DATA), "--templates", str(templates), "--audience",
                                       "office", "--format", "docx", "--out", str(tmp_path / "out"), "-q"])
    path = tmp_path / "out/office/briefing.docx"
    return result, (docx.Document(str(path)) if path.exists() else None)


def test_a_restyled_reference_is_honoured_and_a_missing_style_falls_back_with_a_warning(tmp_path):
    templates = custom_templates(tmp_path)
    reference = docx.Document(str(ROOT / "templates/reference.docx"))
    for name in ("Normal", "Body Text"):
        reference.styles[name].element.rPr.rFonts.set(qn("w:eastAsia"), "华文楷体")
    reference.styles["Body Text"].font.size = docx.shared.Pt(15)
    masthead = reference.styles["Masthead"].element
    masthead.getparent().remove(masthead)
    reference.save(str(templates / "reference.docx"))
    result, document = build_office(tmp_path, templates)
    assert result.exit_code == 0, result.output
    assert "warning:" in result.output and "'Masthead'" in result.output and "reference.docx" in result.output
    fonts = fonts_by_text(document)
    body = next(p for p in document.paragraphs if p.style.name == "Body Text" and p.runs[-1].style.name != "Strong")
    assert fonts[body.runs[-1].text] == "华文楷体" and document.styles["Body Text"].font.size.pt == 15
    assert fonts["政法工作简报"] == "方正小标宋简体"  # the shipped Masthead style filled the gap
    assert str(document.styles["Masthead"].font.color.rgb) == "FF0000"


def test_audience_font_map_overrides_roles(tmp_path):
    templates = custom_templates(tmp_path, extra="fonts:\n  body: 仿宋\n  heading2: 楷体\n  title: 方正小标宋_GBK\n")
    result, document = build_office(tmp_path, templates)
    assert result.exit_code == 0, result.output
    fonts = fonts_by_text(document)
    body = next(p for p in document.paragraphs if p.style.name == "Body Text" and p.runs[-1].style.name != "Strong")
    assert fonts[body.runs[-1].text] == "仿宋" and fonts["一、总体情况"] == "黑体"
    assert fonts[document.paragraphs[4].text.replace("\n", "")] == "方正小标宋_GBK"
    assert "本期增发：各设区市委政法委。" in [p.text for c in document.tables[-1].columns[0].cells for p in c.paragraphs]


def test_unknown_font_role_or_broken_reference_is_one_line_exit_3(tmp_path):
    templates = custom_templates(tmp_path, extra="fonts:\n  bdy: 仿宋\n")
    result, _ = build_office(tmp_path, templates)
    assert result.exit_code == 3 and "fonts.bdy" in result.output and "Traceback" not in result.output
    shutil.rmtree(templates)
    templates = custom_templates(tmp_path)
    (templates / "reference.docx").write_text("not a zip", encoding="utf-8")
    result, _ = build_office(tmp_path, templates)
    assert result.exit_code == 8 and "reference.docx" in result.output
    assert not (tmp_path / "out/office/briefing.docx").exists()


def test_modern_style_shares_the_composition_with_its_own_styles(tmp_path):
    result, document = build_office(tmp_path, custom_templates(tmp_path, style="modern"))
    assert result.exit_code == 0, result.output
    fonts = fonts_by_text(document)
    assert set(fonts.values()) == {"微软雅黑"}
    assert str(document.styles["Masthead"].font.color.rgb) != "FF0000"
    assert not document.settings.odd_and_even_pages_header_footer
    assert document.sections[0].footer.paragraphs[0].alignment == 1  # centred
    assert document.paragraphs[1].text == "政法工作简报" and document.paragraphs[4].style.name == "Title"
    assert [round(m.mm) for m in (document.sections[0].top_margin, document.sections[0].left_margin)] == [25, 25]

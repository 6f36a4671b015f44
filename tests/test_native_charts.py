"""The briefing's native charts: chart parts with their workbooks, the deck's bytes, schema-valid, seen in a client."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import openpyxl
import pytest
from conftest import DATA, ROOT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from lxml import etree
from openxml_audit import OpenXmlValidator

from reportgen.api import Settings, build
from reportgen.charts.theme import THEMES
from reportgen.compose import compose_document
from reportgen.compose.profile import load_profile
from reportgen.document import Chart
from reportgen.resources import Locator
from reportgen.writers.chartml.native import chart_data_of, is_plot, number_format

NS = {"c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
      "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
      "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"}


@pytest.fixture(scope="module")
def plotted(briefing) -> list[Chart]:
    """The charts of the composed `full` briefing that are plots, in order."""
    locator = Locator.default(None, ROOT)
    document = compose_document(briefing, load_profile("full", locator), locator)
    return [b for b in document.walk() if isinstance(b, Chart) and is_plot(b.spec)]


def native_charts(path: Path) -> list[tuple[str, etree._Element, bytes]]:
    """Return, in body order, each inline chart's alt text, its chart part's XML and its embedded workbook."""
    document = docx.Document(str(path))
    found = []
    for inline in document.element.body.iter(f"{{{NS['wp']}}}inline"):
        chart_ref = inline.find(".//c:chart", NS)
        if chart_ref is None:
            continue
        part = document.part.related_parts[chart_ref.get(f"{{{NS['r']}}}id")]
        (workbook,) = [rel.target_part.blob for rel in part.rels.values() if rel.reltype == RT.PACKAGE]
        found.append((inline.find("wp:docPr", NS).get("descr"), etree.fromstring(part.blob), workbook))
    return found


def test_the_full_briefing_holds_a_native_chart_for_every_plot(built, plotted):
    found = native_charts(built["docx"])
    assert len(found) == len(plotted) >= 8
    for (alt, space, workbook), block in zip(found, plotted):
        categories, series = chart_data_of(block.spec)
        assert alt == block.spec.alt_text
        assert tuple(space.xpath("(.//c:cat)[1]//c:pt/c:v/text()", namespaces=NS)) == categories, block.title
        values = [tuple(float(v) for v in ser.xpath("c:val//c:pt/c:v/text()", namespaces=NS))
                  for ser in space.iterfind(".//c:ser", NS)]
        assert values == [pytest.approx(v) for _, v in series], block.title
        formats = set(space.xpath(".//c:dLbls/c:numFmt/@formatCode", namespaces=NS))
        assert formats == {number_format(block.spec)} and f'"{block.spec.unit}"' in number_format(block.spec)
        sheet = openpyxl.load_workbook(io.BytesIO(workbook)).active  # what 编辑数据 opens
        assert tuple(sheet.cell(row=r + 2, column=1).value for r in range(len(categories))) == categories
        for k, (name, numbers) in enumerate(series):
            assert sheet.cell(row=1, column=k + 2).value == name
            cells = [sheet.cell(row=r + 2, column=k + 2) for r in range(len(numbers))]
            assert [c.value for c in cells] == pytest.approx(list(numbers))
            assert {c.number_format for c in cells} == {number_format(block.spec)}


def test_the_money_chart_shows_the_source_figures_in_yi_yuan(built, plotted):
    (alt, space, workbook), block = next((f, b) for f, b in zip(native_charts(built["docx"]), plotted)
                                         if b.caption.startswith("各专项治理追赃"))
    sheet = openpyxl.load_workbook(io.BytesIO(workbook)).active
    rows = {sheet.cell(row=r, column=1).value.split("：", 1)[1]: sheet.cell(row=r, column=2).value
            for r in range(2, sheet.max_row + 1)}
    assert rows["追赃"] == 14.8 and rows["纠正和防范工伤保险基金损失"] == pytest.approx(0.709767)
    labels = space.xpath(".//c:dLbl//a:t/text()", namespaces=NS)
    assert "7097.67万元" in labels  # the source's own wording where the axis unit would round it
    assert "单位：亿元" in alt or "亿元" in alt


def test_chart_text_is_black_face_chinese_and_the_colours_are_the_theme(built, plotted):
    theme = THEMES["official"]
    for (_, space, _), block in zip(native_charts(built["docx"]), plotted):
        faces = set(space.xpath(".//a:ea/@typeface", namespaces=NS))
        assert faces == {"黑体"}, block.title  # the official briefing's chart font (font role "chart")
        assert space.find("c:txPr//a:defRPr", NS).get("sz") == "1050"  # 五号
        assert space.find("c:roundedCorners", NS).get("val") == "0"
        colours = set(space.xpath(".//c:ser/c:spPr//a:srgbClr/@val", namespaces=NS))
        assert colours <= {*theme.colors, theme.increase, theme.decrease}, block.title
        if block.spec.kind == "change":
            points = space.xpath(".//c:dPt/c:spPr//a:srgbClr/@val", namespaces=NS)
            assert points == [theme.increase if v >= 0 else theme.decrease for v in block.spec.series[0].values]


def test_the_briefing_and_the_deck_embed_the_same_workbooks(built):
    def workbooks(path: Path) -> set[bytes]:
        with zipfile.ZipFile(path) as z:
            return {z.read(n) for n in z.namelist() if n.endswith(".xlsx")}

    briefing, deck = workbooks(built["docx"]), workbooks(built["pptx"])
    assert len(briefing) >= 8 and briefing == deck


def test_every_native_chart_fits_the_type_area(built, plotted):
    document = docx.Document(str(built["docx"]))
    extents = [e for e in document.element.body.iter(f"{{{NS['wp']}}}extent")
               if e.getparent().find(".//c:chart", NS) is not None]
    assert len(extents) == len(plotted)
    for extent, block in zip(extents, plotted):
        width, height = int(extent.get("cx")), int(extent.get("cy"))
        assert round(docx.shared.Emu(width).mm) == 156 and height == pytest.approx(width * block.spec.aspect, abs=1)


@pytest.fixture(scope="module")
def every_output(tmp_path_factory) -> list[Path]:
    """Every audience of the shipped data and the full audience of a sample report, built once."""
    out = tmp_path_factory.mktemp("all")
    files = build(Settings(data=DATA, audiences=("all",), out=out / "seed", cwd=out)).files
    files += build(Settings(data=ROOT / "tests/roots/changji-hotline-2025-04/data", out=out / "changji",
                            cwd=out)).files
    return [p for p in files if p.suffix in (".docx", ".pptx")]


def test_every_output_passes_an_independent_ooxml_validator(every_output):
    validator = OpenXmlValidator()
    assert len(every_output) >= 20
    for path in every_output:
        result = validator.validate(str(path))
        assert result.is_valid and not result.errors, (path.name, [str(e) for e in result.errors[:3]])


def test_the_validator_would_see_a_negative_axis_id_in_a_briefing_chart(built, tmp_path):
    """The validator reads the briefing's chart parts: a chart with python-pptx's negative axis ids fails it."""
    broken = tmp_path / "broken.docx"
    with zipfile.ZipFile(built["docx"]) as source, zipfile.ZipFile(broken, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "word/charts/chart1.xml":
                data = re.sub(rb'(<c:(?:axId|crossAx) val=")(\d+)', rb"\1-\2", data)
            target.writestr(info, data)
    result = OpenXmlValidator().validate(str(broken))
    assert not result.is_valid and any("chart1.xml" in str(e) for e in result.errors)


@pytest.fixture(scope="module")
def briefing_pdf(tmp_path_factory, built) -> str:
    if not shutil.which("soffice") or not shutil.which("pdftotext"):
        pytest.skip("LibreOffice (soffice) and poppler (pdftotext) are needed; .ci/run installs them")
    from reportgen.fonts import libreoffice_env

    out = tmp_path_factory.mktemp("native-pdf")
    env = libreoffice_env(out / "fonts")
    env["HOME"] = str(out / "home")
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(out), str(built["docx"])],
                   env=env, check=True, capture_output=True, timeout=300)
    pdf = out / "briefing.pdf"
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout
    assert "NotoSansCJK" in fonts  # 黑体 is drawn with the open sans face, not a fallback with tofu
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return re.sub(r"\s+", "", text)


def test_libreoffice_draws_every_label_of_every_native_chart(briefing_pdf, plotted):
    for block in plotted:
        categories, _ = chart_data_of(block.spec)
        texts = [t for s in block.spec.series for t in s.texts]
        missing = [t for t in (*categories, *texts) if t.replace(" ", "") not in briefing_pdf]
        assert not missing, (block.title, missing)
    assert "\ufffd" not in briefing_pdf and "□" not in briefing_pdf


def test_bars_both_ways_leave_room_for_the_label_of_the_short_side():
    """A small decrease among large increases: its label (同比下降3.07%) needs room left of its bar, clear of
    the category names, as much as the longest bar's label needs on the right."""
    from reportgen.charts.spec import ChartSpec, Series
    from reportgen.writers.chartml.native import ChartText, chart_xml

    spec = ChartSpec("change", "同比变化", ("城市管理局工单", "市场监管局工单"),
                     (Series("同比", (63.03, -3.07), ("同比上升63.03%", "同比下降3.07%")),), unit="%")
    space = etree.fromstring(chart_xml(spec, THEMES["official"], ChartText("黑体", "Times New Roman", 10.5)))
    low = float(space.find(".//c:valAx/c:scaling/c:min", NS).get("val"))
    high = float(space.find(".//c:valAx/c:scaling/c:max", NS).get("val"))
    assert low <= -3.07 - 0.6 * 63.03 + 1e-9 and high >= 63.03 * 1.6 - 1e-9
    assert (-3.07 - low) / (high - low) > 0.25  # the short side's label has a quarter of the plot

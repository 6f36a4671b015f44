"""Charts: honest specs from the data, PNGs without tofu and with stable bytes, native deck charts, one render each."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import warnings
import zipfile
from decimal import Decimal
from pathlib import Path

import docx
import pytest
from conftest import DATA, ROOT, picture_templates
from pptx import Presentation

from reportgen.api import Settings, build
from reportgen.charts import specs
from reportgen.charts.media import chart_key
from reportgen.charts.render import draw_chart
from reportgen.charts.spec import ChartSpec, Series
from reportgen.charts.theme import THEMES, theme_for
from reportgen.compose import compose_document
from reportgen.compose.profile import load_profile
from reportgen.document import Chart
from reportgen.errors import ChartFontError
from reportgen.inputs.model import Figure
from reportgen.resources import Locator
from reportgen.units import MAGNITUDES, split_unit
from reportgen.writers.chartml.native import chart_data_of

AXIS_KINDS = {"bar", "barh", "stacked", "line", "progress", "change", "donut"}


@pytest.fixture(scope="module")
def charts(briefing) -> list[Chart]:
    """The charts of the composed `full` document, in order."""
    locator = Locator.default(None, ROOT)
    document = compose_document(briefing, load_profile("full", locator), locator)
    return [b for b in document.walk() if isinstance(b, Chart)]


def by_title(charts: list[Chart], caption: str) -> ChartSpec:
    return next(c.spec for c in charts if c.caption == caption)


def extra_specs() -> list[ChartSpec]:
    """Kinds the shipped data does not use, with Chinese everywhere, so every plot function is exercised."""
    cats = ("一季度", "二季度", "三季度")
    two = (Series("线上受理", (12.0, 15.5, 18.0), ("12件", "15.5件", "18件")), Series("线下受理", (8.0, 7.0, 6.5)))
    return [ChartSpec("stacked", "受理渠道构成", cats, two, unit="件", source="测试"),
            ChartSpec("line", "受理量走势", cats, two, unit="件"),
            ChartSpec("donut", "门诊、住院转诊构成", ("门诊转诊", "住院转诊"),
                      (Series("转诊", (88.7482, 22.3317), ("887482次", "223317次")),), unit="万次"),
            ChartSpec("bar", "职工、居民医保支付比例", ("职工医保", "居民医保"),
                      (Series("比例", (80.0, 70.0), ("80%", "70%左右")),), unit="%")]


# ---------------------------------------------------------------- specs: honest choices


def test_the_issue_charts_are_made_from_the_data(charts, briefing):
    captions = [c.title for c in charts]
    assert captions[:2] == ["图1 各专项治理追赃挽损、节约和罚没资金", "图2 各项目有关指标同比变化"]
    totals = specs.totals_chart(briefing.governance[0])  # not in the briefing (表1 holds the totals); for decks
    assert totals.kind == "kpi" and totals.series[0].texts == ("5704个", "6450人", "3561人", "26877万元")
    money = charts[0].spec
    assert money.unit == "亿元" and money.unit_label == "单位：亿元" and money.sort == "descending"
    assert dict(zip(money.series[0].texts, money.series[0].values)) == pytest.approx(
        {"14.8亿元": 14.8, "3.65亿元": 3.65, "1.32亿元": 1.32, "7097.67万元": 0.709767, "1481.8万元": 0.148180,
         "1432.49万元": 0.143249})
    assert list(money.series[0].values) == sorted(money.series[0].values, reverse=True)
    progress = by_title(charts, "第三方机构社会化运营占比与年度目标")
    assert (progress.series[0].values, progress.target, progress.unit) == ((86.0,), 80.0, "%")
    assert "年度目标80%" in progress.target_label and "1456家" in progress.note and "1252家" in progress.note
    referrals = by_title(charts, "门诊、住院转诊")
    assert referrals.series[0].texts == ("887482次", "223317次") and referrals.unit == "万次"
    noise = by_title(charts, "重点督办典型问题、发现并整改问题")
    assert noise.series[0].texts == ("60多个", "7100余个")  # qualifiers stay in the labels
    tourism = next(c.spec for c in charts if c.spec.kind == "matrix")
    assert len(tourism.categories) == 6 and all(len(row) == 3 for row in tourism.cells)
    change = charts[1].spec
    assert change.series[0].values == (26.6, -18.8)
    assert change.series[0].texts == ("同比增长26.6%", "同比下降18.8%")


def test_no_chart_mixes_units(charts):
    """Every plotted value is its label's figure converted into the chart's one unit (7097.67万元 → 0.709767亿元)."""
    for chart in charts:
        spec = chart.spec
        if spec.kind not in AXIS_KINDS:
            continue
        prefix, base = split_unit(spec.unit)
        for series in spec.series:
            for value, label in zip(series.values, series.texts):
                found = re.search(rf"(\d+(?:\.\d+)?)\D*?([万亿]?){re.escape(base)}", label)
                assert found, f"{chart.title}: label {label!r} is not in {base}"
                stated = Decimal(found.group(1)) * MAGNITUDES[found.group(2)] / MAGNITUDES[prefix]
                assert abs(value) == pytest.approx(float(stated)), (chart.title, label)


def test_figures_in_different_units_never_share_an_axis():
    a = Figure(label="打击涉诈窝点", value=1325, unit="个")
    b = Figure(label="追赃", value=Decimal("14.8"), unit="亿元")
    c = Figure(label="罚没款总额", value=Decimal("1432.49"), unit="万元")
    with pytest.raises(ValueError, match="different units"):
        specs.axis_unit([a, b])
    assert specs.axis_unit([b, c]) == "亿元" and specs.axis_unit([c]) == "万元"
    assert specs.same_unit_groups([a, b, c]) == [[b, c]]


def test_alt_text_is_a_sentence_from_the_data(charts):
    money = charts[0].spec
    assert money.alt_text.startswith("条形图：各专项治理追赃挽损、节约和罚没资金（单位：亿元）。")
    assert "电信网络诈骗：追赃14.8亿元" in money.alt_text and money.alt_text.endswith("数据来源：浙江发布微信公众号。")


def test_a_spec_must_be_consistent():
    with pytest.raises(ValueError, match="2 values for 3 categories"):
        ChartSpec("bar", "错", ("甲", "乙", "丙"), (Series("s", (1.0, 2.0)),))
    with pytest.raises(ValueError, match="unknown chart kind"):
        ChartSpec("radar", "错", ())  # type: ignore[arg-type]


# ---------------------------------------------------------------- rendering


def test_every_chart_renders_without_a_missing_glyph(charts):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a "Glyph … missing from font" warning fails the test
        for spec in [c.spec for c in charts] + extra_specs():
            for theme in THEMES.values():
                png = draw_chart(spec, theme)
                assert png.startswith(b"\x89PNG") and len(png) > 5000


def test_a_character_the_font_lacks_is_a_clear_error():
    spec = ChartSpec("bar", "测试", ("甲\U0001F600",), (Series("s", (1.0,)),))
    with pytest.raises(ChartFontError, match="U\\+1F600"):
        draw_chart(spec, theme_for("official"))


def test_png_bytes_repeat_and_carry_no_timestamp(charts):
    spec = charts[1].spec
    first, second = draw_chart(spec, theme_for("official")), draw_chart(spec, theme_for("official"))
    assert first == second
    assert b"tIME" not in first and b"Software" not in first
    assert chart_key(spec, theme_for("official")) != chart_key(spec, theme_for("modern"))


def _media(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist() if n.startswith("word/media/")}


def test_two_builds_in_two_processes_give_identical_pictures(tmp_path):
    templates = picture_templates(tmp_path)
    here = build(Settings(data=DATA, templates=templates, audiences=("pictures",), out=tmp_path / "a",
                          formats=("docx",), cwd=tmp_path)).files[0]
    subprocess.run([sys.executable, "-m", "reportgen", "build", "--data", str(DATA), "--out", str(tmp_path / "b"),
                    "--templates", str(templates), "--audience", "pictures", "--format", "docx", "--quiet"],
                   check=True, cwd=tmp_path)
    there = tmp_path / "b" / "pictures" / "briefing.docx"
    assert _media(here) and _media(here) == _media(there)


def test_each_picture_is_drawn_once_per_build_and_only_where_a_profile_asks(tmp_path, charts):
    templates = picture_templates(tmp_path, "leaders")
    shutil.copy(templates / "audiences" / "leaders.yaml", templates / "audiences" / "others.yaml")
    result = build(Settings(data=DATA, templates=templates, audiences=("full", "leaders", "others"),
                            out=tmp_path / "out", cwd=tmp_path))
    assert sorted(p.suffix for p in result.files) == [".docx"] * 3 + [".json"] * 3 + [".pptx"] * 3
    plotted = [c for c in charts if c.spec.kind in AXIS_KINDS]
    assert result.charts_drawn == len({chart_key(c.spec, theme_for(c.theme)) for c in charts}) == len(charts)
    native = tmp_path / "out" / "full" / "briefing.docx"
    assert not _media(native) and len(_charts(native)) == len(plotted)  # the full briefing drew none
    assert len(_media(tmp_path / "out" / "leaders" / "briefing.docx")) == len(charts)


def test_a_native_build_never_imports_matplotlib(tmp_path):
    code = ("import sys; from pathlib import Path; from reportgen.api import Settings, build; "
            f"build(Settings(data=Path({str(DATA)!r}), out=Path({str(tmp_path)!r}), jobs=1)); "
            "print('matplotlib' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=tmp_path)
    assert done.stdout.strip() == "False"


def _charts(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as z:
        return [n for n in z.namelist() if re.fullmatch(r"word/charts/chart\d+\.xml", n)]


# ---------------------------------------------------------------- the briefing


def test_briefing_pictures_have_alt_text_captions_and_sources(pictured, charts):
    document = docx.Document(str(pictured["docx"]))
    shapes = list(document.inline_shapes)
    assert len(shapes) == len(charts)
    for shape, chart in zip(shapes, charts):
        assert shape._inline.docPr.get("descr") == chart.spec.alt_text
        assert round(shape.width.mm) == 156
    texts = [p.text for p in document.paragraphs]
    for chart in charts:
        at = texts.index(chart.title)
        assert texts[at + 1] == f"数据来源：{chart.source}"
        assert document.paragraphs[at].style.name == "Caption"


# ---------------------------------------------------------------- the deck


def _native_charts(path: Path, frames: bool = False):
    for slide in Presentation(str(path)).slides:
        title = slide.shapes.title.text_frame.text
        for shape in slide.shapes:
            if shape.has_chart:
                yield title, (shape if frames else shape.chart)


def test_deck_charts_are_native_with_the_data_embedded(built, charts):
    found = list(_native_charts(built["pptx"]))
    plotted = [c for c in charts if c.spec.kind in AXIS_KINDS]
    assert [t for t, _ in found] == [c.caption for c in plotted]
    for (title, chart), block in zip(found, plotted):
        categories, series = chart_data_of(block.spec)
        plot = chart.plots[0]
        assert tuple(plot.categories) == categories, title
        assert [(s.name, tuple(s.values)) for s in plot.series] == series, title
        assert chart.part.chart_workbook.xlsx_part.blob[:2] == b"PK"  # "Edit Data" opens this workbook
        xml = chart._chartSpace.xml
        assert '<a:ea typeface="微软雅黑"/>' in xml
    frames = [frame for _, frame in _native_charts(built["pptx"], frames=True)]
    assert [f._element.nvGraphicFramePr.cNvPr.get("descr") for f in frames] == [c.spec.alt_text for c in plotted]


def test_deck_money_chart_values_equal_the_source_figures(built, briefing):
    money = next(chart for title, chart in _native_charts(built["pptx"]) if title.startswith("各专项治理追赃"))
    figures = {f.label: f for p in briefing.governance[0].projects for f in p.figures}
    expected = {"追赃": 14.8, "累计节约检查费": 3.65, "长处方服务节约诊疗费": 1.32, "纠正和防范工伤保险基金损失": 0.709767,
                "追回场租费、停车费等资金": 0.14818, "罚没款总额": 0.143249}
    categories, values = money.plots[0].categories, money.plots[0].series[0].values
    assert {c.split("：", 1)[1] for c in categories} == set(expected)
    for category, value in zip(categories, values):
        label = category.split("：", 1)[1]
        assert value == pytest.approx(expected[label])
        assert value == pytest.approx(specs.in_unit(figures[label], "亿元"))
    xml = money._chartSpace.xml
    assert "7097.67万元" in xml and '0.00&quot;亿元&quot;' in xml  # source wording and unit in the number format


def test_change_chart_is_red_up_green_down(built):
    change = next(chart for title, chart in _native_charts(built["pptx"]) if "同比变化" in title)
    series = change.plots[0].series[0]
    colours = [str(series.points[i].format.fill.fore_color.rgb) for i in range(2)]
    assert list(series.values) == [26.6, -18.8] and colours == [THEMES["official"].increase,
                                                                 THEMES["official"].decrease]


# ---------------------------------------------------------------- a real client


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory, built):
    if not shutil.which("soffice") or not shutil.which("pdftotext"):
        pytest.skip("LibreOffice (soffice) and poppler (pdftotext) are needed; .ci/run installs them")
    from reportgen.fonts import libreoffice_env

    out = tmp_path_factory.mktemp("pdf")
    env = libreoffice_env(out / "fonts")
    env["HOME"] = str(out / "home")
    for path in (built["docx"], built["pptx"]):
        subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(out), str(path)], env=env,
                       check=True, capture_output=True, timeout=300)
    return {p.stem: p for p in out.glob("*.pdf")}


def _pdf_text(path: Path) -> str:
    """The text of a PDF without whitespace (LibreOffice spaces Latin from Chinese: 7100 余个)."""
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return re.sub(r"\s+", "", text)


def test_charts_render_in_libreoffice_with_chinese_fonts(pdfs, charts):
    deck = _pdf_text(pdfs["deck"])
    assert "电信网络诈骗：追赃" in deck and "7100余个" in deck and "同比下降18.8%" in deck
    assert "887482次" in deck and "单位：万次" not in deck  # the axis is hidden: no unit line contradicts a label
    briefing = _pdf_text(pdfs["briefing"])
    assert all(c.title.replace(" ", "") in briefing for c in charts)
    fonts = subprocess.run(["pdffonts", str(pdfs["deck"])], capture_output=True, text=True).stdout
    assert "NotoSansCJK" in fonts


def test_composition_never_imports_matplotlib_or_the_office_libraries():
    code = ("import sys; from pathlib import Path; from reportgen.inputs.loader import load_briefing; "
            "from reportgen.compose import compose_document; from reportgen.compose.profile import load_profile; "
            "from reportgen.resources import Locator; loc = Locator.default(None, Path('.')); "
            f"compose_document(load_briefing(Path({str(DATA)!r})), load_profile('full', loc), loc); "
            "print(sorted(m for m in ('matplotlib', 'pptx', 'docx') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert done.stdout.strip() == "[]"


def test_a_template_can_chart_any_figures_it_chooses(briefing, tmp_path):
    """figures_chart: one general helper; figures that cannot share an axis give no chart rather than a wrong one."""
    gov = briefing.governance[0]
    money = [f for p in gov.projects for f in p.figures if f.unit.endswith("元")][:3]
    spec = specs.figures_chart("所选资金", money, source="测试")
    assert spec.kind == "barh" and spec.categories == tuple(f.label for f in money) and spec.unit == "亿元"
    assert specs.figures_chart("混合", [money[0], gov.totals[0]]) is None  # 元 and 个 never share an axis
    assert specs.figures_chart("一个", money[:1]) is None


def test_actual_against_plan_is_drawn_item_by_item_in_one_unit(briefing, tmp_path):
    from reportgen.charts.render import draw_chart
    from reportgen.charts.theme import THEMES

    gov = briefing.governance[0]
    projects = []
    for project, (value, plan) in zip(gov.projects[:3], [("5.04", "4.19"), ("5600", "5000"), ("0.23", "0.16")]):
        unit = "万元" if value == "5600" else "亿元"
        investment = Figure(label="完成投资", value=Decimal(value), unit=unit, plan=Decimal(plan))
        achievement = project.achievements[0].model_copy(update={"figures": [investment]})
        projects.append(project.model_copy(update={"achievements": [achievement]}))
    (spec,) = specs.plan_charts(gov.model_copy(update={"projects": projects}))
    assert spec.kind == "bar" and spec.title == "各项目完成投资与计划" and spec.unit == "亿元"
    assert [s.name for s in spec.series] == ["实际", "计划"]
    assert spec.series[0].values == pytest.approx((5.04, 0.56, 0.23)) and spec.series[1].texts == ("4.19亿元", "5000万元", "0.16亿元")
    assert draw_chart(spec, THEMES["official"])[:8] == b"\x89PNG\r\n\x1a\n"


def test_native_chart_axis_ids_are_positive_and_every_crossing_names_an_axis(built):
    """The schema types c:axId as unsignedInt: python-pptx's negative ids are renumbered 1, 2 …"""
    with zipfile.ZipFile(built["pptx"]) as package:
        parts = [n for n in package.namelist() if re.fullmatch(r"ppt/charts/chart\d+\.xml", n)]
        assert parts
        for name in parts:
            xml = package.read(name).decode("utf-8")
            ids = re.findall(r'<c:axId val="(-?\d+)"/>', xml)
            crossings = re.findall(r'<c:crossAx val="(-?\d+)"/>', xml)
            assert ids and all(int(i) > 0 for i in ids + crossings), name
            assert set(crossings) <= set(ids), name

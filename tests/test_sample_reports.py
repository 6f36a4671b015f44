"""Real reports of other shapes than the first data set, built through the CLI with the shipped templates only.

- `wanzhou-2024`: a district's 重点民生实事 completion report (重庆市万州区): investment per item against the annual
  plan, 公里, 万户, 只, no headlines and no lead departments.
- `changji-hotline-2025-04`: a city's 12345 hotline monthly analysis (新疆昌吉市): 4567 work orders, rates with two
  decimals (18.60%), shares of the total, 同比 changes up and down, no issue number.
- `yaan-agri-2021`: a city bureau's quarterly results (四川雅安市): 万吨, 公斤/亩, 亩, 万头, changes worded 比上年 and
  同比增加, one item with six paragraphs.

Each source and every choice of its transcription is in the root's SOURCE.md.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
import pytest
from deckcheck import overflows
from pptx import Presentation
from test_roots import ROOTS, build, deck_text, docx_all_text, run_cli  # noqa: F401  (build is a fixture)

from reportgen.inputs.loader import load_briefing
from reportgen.numbers import figure_text

SAMPLES = ["wanzhou-2024", "changji-hotline-2025-04", "yaan-agri-2021"]
#: Words only the first data set (Zhejiang's 专项治理 of 2024) needs; no output of another report may hold them.
SEED_WORDS = ("专项治理", "全省", "纪委监委", "追赃", "政法", "文旅", "省委", "省直", "浙江")
AUDIENCES = {"full": ("briefing.docx", "deck.pptx"), "leadership": ("leadership-briefing.docx", "leadership-deck.pptx"),
             "meeting": ("handout.docx", "meeting-deck.pptx"), "public": ("public-briefing.docx", "public-deck.pptx")}


def files(out: Path) -> list[Path]:
    return [out / audience / name for audience, names in AUDIENCES.items() for name in names]


@pytest.mark.parametrize("name", SAMPLES)
def test_the_report_validates_and_builds_every_audience(build, name):
    check = run_cli("validate", "--data", str(ROOTS / name / "data"))
    assert check.returncode == 0, check.stdout + check.stderr
    out = build(name)
    assert all(path.is_file() for path in files(out)), sorted(p.relative_to(out) for p in out.rglob("*.*"))


@pytest.mark.parametrize("name", SAMPLES)
def test_every_figure_appears_with_its_unit_in_the_full_briefing_and_deck(build, name):
    briefing = load_briefing(ROOTS / name / "data")
    out = build(name)
    text, deck = docx_all_text(out / "full/briefing.docx"), deck_text(out / "full/deck.pptx")
    for gov in briefing.governance:
        figures = [*gov.totals, *gov.figures, *(f for p in gov.projects for f in p.figures)]
        assert figures
        missing = [figure_text(f) for f in figures if figure_text(f) not in text]
        assert not missing, missing
        assert not [figure_text(f) for f in figures if figure_text(f) not in deck]


@pytest.mark.parametrize("name", SAMPLES)
def test_the_briefing_and_the_deck_have_charts(build, name):
    out = build(name)
    native = [r for r in docx.Document(str(out / "full/briefing.docx")).part.rels.values() if r.reltype == RT.CHART]
    charts = [s for slide in Presentation(str(out / "full/deck.pptx")).slides for s in slide.shapes if s.has_chart]
    assert len(native) >= 2 and len(charts) >= 2, (len(native), len(charts))


@pytest.mark.parametrize("name", SAMPLES)
def test_no_output_speaks_of_the_first_data_set(build, name):
    source = "\n".join(p.read_text(encoding="utf-8") for p in (ROOTS / name / "data").glob("*.yaml"))
    words = [w for w in SEED_WORDS if w not in source]
    out = build(name)
    found = {str(p.relative_to(out)): [w for w in words if w in (docx_all_text(p) if p.suffix == ".docx"
                                                                   else deck_text(p))] for p in files(out)}
    assert not any(found.values()), found


@pytest.mark.parametrize("name", SAMPLES)
def test_no_title_line_is_shorter_than_three_characters(build, name):
    out = build(name)
    for path in files(out):
        if path.suffix == ".docx":
            titles = [p for p in docx.Document(str(path)).paragraphs if p.style.name == "Title"]
            lines = [line for p in titles for line in p.text.split("\n")]
        else:
            lines = [p.text for slide in Presentation(str(path)).slides if slide.shapes.title is not None
                     for p in slide.shapes.title.text_frame.paragraphs if p.text]
        assert lines and all(len(line) >= 3 for line in lines), (path.name, [x for x in lines if len(x) < 3])


@pytest.mark.parametrize("name", SAMPLES)
def test_no_text_overflows_a_slide(build, name):
    out = build(name)
    for path in files(out):
        if path.suffix == ".pptx":
            assert overflows(Presentation(str(path))) == [], path.name


def test_thin_items_share_a_slide_and_one_or_two_figures_get_no_table(build):
    """万州: nine items of one paragraph each go on card slides, not a near-empty slide each; an item's one or two
    figures, already in its paragraph, are not repeated in a table."""
    out = build("wanzhou-2024")
    slides = Presentation(str(out / "full/deck.pptx")).slides
    assert len(slides) <= 9
    cards = [s for s in slides if s.slide_layout.name == "Cards"]
    assert len(cards) >= 2
    text = docx_all_text(out / "full/briefing.docx")
    assert "实施城区集中治丧主要数据" not in text and "城市供水质量提升主要数据" not in text
    assert "城镇老旧小区改造和社区服务提升主要数据" in text  # four figures: a table


def test_a_report_without_lead_departments_prints_none(build):
    out = build("wanzhou-2024")
    assert "牵头" not in docx_all_text(out / "full/briefing.docx")
    assert not list((out / "department").glob("*/*.docx"))  # no department, no department edition


def page_fill(pdf: Path) -> list[float]:
    """The part of each page's type area (A4 less the GB/T 9704 margins) that text, tables or pictures reach down
    to, the page number left out."""
    import pdfplumber

    top, foot = 72 * 37 / 25.4, 72 * 35 / 25.4
    fills = []
    with pdfplumber.open(pdf) as document:
        for page in document.pages:
            bottom = page.height - foot
            reach = [o["bottom"] for o in (*page.extract_words(), *page.images, *page.rects) if o["bottom"] < bottom - 5]
            fills.append((max(reach) - top) / (bottom - top) if reach else 0.0)
    return fills


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice (soffice) is needed; .ci/run installs it")
@pytest.mark.parametrize("name", SAMPLES)
def test_no_briefing_page_but_the_last_is_more_than_forty_percent_empty(tmp_path, name):
    out = tmp_path / "out"
    result = run_cli("build", "--data", str(ROOTS / name / "data"), "--out", str(out), "--audience", "full,public",
                     "--format", "docx,pdf", "--no-cache")
    assert result.returncode == 0, result.stdout + result.stderr
    for pdf in (out / "full/briefing.pdf", out / "public/public-briefing.pdf"):
        fills = page_fill(pdf)
        assert all(fill >= 0.6 for fill in fills[:-1]), (pdf.name, [round(f, 2) for f in fills])

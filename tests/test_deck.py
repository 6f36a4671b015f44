"""The meeting deck: planned slides in named layouts, text that fits, notes, custom reference decks."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import DATA, slide_texts, slide_titles
from deckcheck import east_asian_gaps, overflows
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn

from reportgen.api import Settings, build
from reportgen.document import Run
from reportgen.numbers import figure_text
from reportgen.resources import shipped_templates
from reportgen.textfit import load_metrics
from reportgen.writers.pptx.fit import paginate_text
from reportgen.writers.pptx.geometry import Rect

SHIPPED = shipped_templates() / "reference.pptx"


@pytest.fixture(scope="module")
def deck(built):
    return Presentation(str(built["pptx"]))


def layouts(prs) -> list[str]:
    return [slide.slide_layout.name for slide in prs.slides]


def test_slide_sequence_uses_named_layouts(deck, briefing):
    names = layouts(deck)
    assert names[:3] == ["Title Slide", "Agenda", "KPI Overview"] and names[-1] == "Closing"
    titles = slide_titles_of(deck)
    assert titles[0] == briefing.meta.title
    for project in briefing.governance[0].projects:
        assert project.name in titles
        assert names[titles.index(project.name)] == "Two Content"
    assert (deck.slide_width, deck.slide_height) == (12192000, 6858000)


def slide_titles_of(prs):
    return [s.shapes.title.text_frame.text.replace("\n", "") for s in prs.slides]  # a long title: balanced lines


def test_title_slide_and_kpi_overview(deck, briefing):
    texts = [shape_texts(s) for s in deck.slides]
    assert "省纪委监委办公厅" in texts[0] and "2025年1月20日" in texts[0]
    tiles = [s for s in deck.slides[2].shapes if s.name == "Tile Value"]
    assert [t.text_frame.text for t in tiles] == [figure_text(f) for f in briefing.governance[0].totals]


def shape_texts(slide) -> str:
    return "\n".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)


def test_project_slides_have_lead_department_results_and_figures(deck, briefing):
    """The lead department stands first where the source names it; one the source does not print is not shown."""
    by_title = {s.shapes.title.text_frame.text: s for s in deck.slides}
    for project in briefing.governance[0].projects:
        slide = by_title[project.name]
        body = slide.placeholders[1].text_frame
        stated = project.lead_stated
        assert (body.paragraphs[0].text == f"牵头单位：{project.lead}") is stated
        assert not any(project.lead in p.text for p in body.paragraphs[int(stated):])
        assert 3 <= len(body.paragraphs) - int(stated) <= 5
        table = next(s for s in slide.shapes if s.has_table).table
        assert table.cell(0, 0).text == "指标" and table.cell(1, 1).text == figure_text(project.figures[0])
        notes = slide.notes_slide.notes_text_frame.text
        assert all(a.headline + a.text in notes for a in project.achievements)
        assert "来源：浙江发布微信公众号" in shape_texts(slide)


def test_political_legal_directions_and_tourism_areas_are_cards(deck, briefing):
    cards = {}
    for slide in deck.slides:
        for shape in slide.shapes:
            if shape.name == "Card Title":
                cards[shape.text_frame.text] = slide
    assert {"强化“惩”的震慑", "筑牢“防”的屏障", "落实“管”的措施"} <= set(cards)
    assert len({id(cards[k]) for k in ("强化“惩”的震慑", "筑牢“防”的屏障", "落实“管”的措施")}) == 1
    tourism = next(a for a in briefing.articles if a.id == "tourism")
    areas = [g.heading for g in tourism.groups]
    assert len({id(cards[a]) for a in areas}) == 1, "the six areas share one slide"
    slide = cards[areas[0]]
    text = shape_texts(slide)
    assert all(m.name in text for g in tourism.groups for m in g.measures)  # all 18 measures
    others = [s for s in deck.slides if s.shapes.title.text_frame.text == "其他要闻"]
    assert len(others) == 1 and "1235517份" in shape_texts(others[0]) and "基本医保" in shape_texts(others[0])


def test_every_figure_is_in_the_deck(built, briefing):
    deck_text = "\n".join(slide_texts(built["pptx"]))
    figures = [f for g in briefing.governance for f in g.totals] + \
        [f for g in briefing.governance for p in g.projects for f in p.figures] + \
        [f for a in briefing.articles for f in a.figures]
    assert [figure_text(f) for f in figures if figure_text(f) not in deck_text] == []


def test_every_content_slide_has_notes(deck):
    for number, slide in enumerate(deck.slides, 1):
        if slide.slide_layout.name in ("Title Slide", "Agenda", "Closing"):
            continue
        assert slide.has_notes_slide and len(slide.notes_slide.notes_text_frame.text) > 40, number


def test_no_text_box_overflows_and_every_run_is_chinese(deck):
    assert overflows(deck) == []
    assert east_asian_gaps(deck) == []


def test_no_autofit_flags_are_relied_on(built):
    import zipfile

    with zipfile.ZipFile(built["pptx"]) as archive:
        slides = [archive.read(n).decode() for n in archive.namelist() if n.startswith("ppt/slides/slide")]
    assert not any("normAutofit" in xml or "spAutoFit" in xml for xml in slides)


def long_project(data: Path) -> None:
    """Add a project with 15 achievements (100-character headlines, 300-character paragraphs) to a data copy."""
    filler = ("为全面落实专项治理工作要求，各地各部门持续深化整改，" * 20)
    achievements = ""
    for k in range(1, 16):
        headline = f"第{k}项成果" + filler[:90] + "。"
        text = f"累计办理群众诉求{k * 100}件，" + filler[:280]
        achievements += (f"      - headline: {headline}\n        text: {text}\n        figures:\n"
                         f"          - {{label: 累计办理群众诉求第{k}批, value: {k * 100}, unit: 件}}\n")
    path = data / "10-governance.yaml"
    content = path.read_text(encoding="utf-8")
    for old, new in (("  - label: 精选项目\n    value: 8", "  - label: 精选项目\n    value: 9"),
                     ("  - label: 牵头省级职能部门\n    value: 8", "  - label: 牵头省级职能部门\n    value: 9"),
                     ("精选8个项目", "精选9个项目"), ("现公布8家", "现公布9家")):
        content = content.replace(old, new)
    content += ("  - id: synthetic_long\n    name: 超长内容测试专项治理\n    lead: 省测试厅\n    achievements:\n"
                + achievements)
    path.write_text(content, encoding="utf-8")


def test_long_content_continues_on_following_slides_and_still_fits(data_copy, tmp_path):
    long_project(data_copy)
    paths = build(Settings(data=data_copy, out=tmp_path, formats=("pptx",), cwd=tmp_path)).files
    prs = Presentation(str(paths[0]))
    titles = slide_titles_of(prs)
    continued = [t for t in titles if t.startswith("超长内容测试专项治理")]
    assert len(continued) >= 3 and all(t.endswith("（续）") for t in continued[1:])
    shown = "".join(shape_texts(s) + table_text(s) for s in prs.slides
                    if s.shapes.title.text_frame.text in continued)
    assert all(f"第{k}项成果" in shown and f"累计办理群众诉求第{k}批" in shown for k in range(1, 16))
    assert overflows(prs) == []


def table_text(slide) -> str:
    return "".join(c.text for s in slide.shapes if s.has_table for row in s.table.rows for c in row.cells)


paragraph_text = st.text(alphabet=st.sampled_from(list("治理成果群众满意度提升，。、；“”（）《》") + list("0123456789%")),
                         min_size=1, max_size=400)


@settings(max_examples=40, deadline=None)
@given(st.lists(paragraph_text, min_size=1, max_size=25))
def test_planner_never_drops_text_and_every_page_fits(paragraphs):
    metrics = load_metrics()
    box = Rect(43.2, 104.4, 421.2, 381.6)
    pages = paginate_text([(Run(p),) for p in paragraphs], [True] * len(paragraphs), box, range(20, 11, -1),
                           metrics)
    assert "".join(t for page in pages for t in page.plain) == "".join(paragraphs)
    inner = box.text_box()
    for page in pages:
        assert inner.height_needed(list(page.plain), page.size, metrics, 1.2) <= inner.height + \
            inner.paragraph_gap * page.size


def restyled_reference(target: Path, drop_layout: str | None = None) -> Path:
    """Copy the shipped reference deck with other theme fonts and colours, optionally without one layout."""
    prs = Presentation(str(SHIPPED))
    theme = prs.slide_master.part.part_related_by(RT.THEME)
    root = etree.fromstring(theme.blob)
    for scheme in ("a:majorFont", "a:minorFont"):
        root.find(f".//{qn(scheme)}").find(qn("a:ea")).set("typeface", "黑体")
    root.find(f".//{qn('a:accent1')}")[0].set("val", "005A9E")
    theme._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    if drop_layout:
        prs.slide_layouts.remove(prs.slide_layouts.get_by_name(drop_layout))
    prs.save(str(target))
    return target


def test_custom_reference_deck_is_used_as_is(tmp_path):
    (tmp_path / "templates").mkdir()
    restyled_reference(tmp_path / "templates/reference.pptx")
    result = build(Settings(data=DATA, out=tmp_path / "out", formats=("pptx",), cwd=tmp_path, strict=True))
    assert result.messages == ()
    prs = Presentation(str(result.files[0]))
    eas = {ea.get("typeface") for s in prs.slides for ea in s.shapes._spTree.iter(qn("a:ea"))}
    assert eas == {"黑体"}
    theme = etree.fromstring(prs.slide_master.part.part_related_by(RT.THEME).blob)
    assert theme.find(f".//{qn('a:accent1')}")[0].get("val") == "005A9E"


def test_reference_deck_missing_a_layout_falls_back_with_a_warning(tmp_path):
    restyled_reference(tmp_path / "reference.pptx", drop_layout="Cards")
    shutil.copytree(shipped_templates() / "audiences", tmp_path / "audiences")
    result = build(Settings(data=DATA, templates=tmp_path, out=tmp_path / "out", formats=("pptx",), cwd=tmp_path))
    assert result.messages == (f"{tmp_path / 'reference.pptx'}: layout 'Cards' missing; using the shipped one",)
    prs = Presentation(str(result.files[0]))
    assert "Cards" in layouts(prs)
    assert overflows(prs) == []


def test_strict_turns_a_warning_into_a_failure_that_writes_nothing(tmp_path):
    from reportgen.errors import StrictError

    restyled_reference(tmp_path / "reference.pptx", drop_layout="Cards")
    shutil.copytree(shipped_templates() / "audiences", tmp_path / "audiences")
    with pytest.raises(StrictError, match="(?s)1 warning, so nothing was written.*layout 'Cards' missing") as caught:
        build(Settings(data=DATA, templates=tmp_path, out=tmp_path / "out", formats=("pptx",), cwd=tmp_path,
                       strict=True))
    assert caught.value.exit_code == 9 and not (tmp_path / "out" / "full").exists()


def test_a_warning_given_in_the_worker_processes_is_printed_once(tmp_path):
    from click.testing import CliRunner

    from reportgen.cli import main

    restyled_reference(tmp_path / "reference.pptx", drop_layout="Cards")
    shutil.copytree(shipped_templates() / "audiences", tmp_path / "audiences")
    result = CliRunner().invoke(main, ["build", "--data", str(DATA), "--templates", str(tmp_path), "--out",
                                       str(tmp_path / "out"), "--audience", "all", "--format", "pptx", "--jobs", "2"])
    assert result.exit_code == 0, result.output
    assert result.output.count("layout 'Cards' missing; using the shipped one") == 1


def test_the_overflow_check_catches_text_too_large_for_its_box(built):
    from pptx.util import Pt

    prs = Presentation(str(built["pptx"]))
    body = next(s for s in prs.slides if s.slide_layout.name == "Two Content").placeholders[1]
    for paragraph in body.text_frame.paragraphs:
        for run in paragraph.runs:
            run.font.size = Pt(40)
    assert len(overflows(prs)) == 1


def test_leadership_deck_is_short_and_complete(tmp_path, briefing):
    import json

    paths = build(Settings(data=DATA, audiences=("leadership",), formats=("pptx",), out=tmp_path, cwd=tmp_path)).files
    prs = Presentation(str(next(p for p in paths if p.suffix == ".pptx")))
    assert len(prs.slides) <= 10 and layouts(prs)[-1] == "Closing"
    summary = next(s for s in prs.slides if s.shapes.title.text_frame.text == "各专项治理成果")
    assert all(p.name in shape_texts(summary) for p in briefing.governance[0].projects)
    manifest = json.loads((tmp_path / "leadership" / "manifest.json").read_text(encoding="utf-8"))
    assert not [d for d in manifest["editions"][0]["dropped"] if d["reason"] == "deck length"]
    assert overflows(prs) == []


def test_tile_and_matrix_charts_become_measured_tiles_and_cards(tmp_path, briefing):
    slides = tmp_path / "templates/slides/full"
    slides.mkdir(parents=True)
    (slides / "overview.j2").write_text(
        "# 总数\n{{ chart(totals_chart(governance[0])) }}\n"
        "{% for a in articles %}{% for spec in article_charts(a) %}\n# {{ spec.title }}\n{{ chart(spec) }}\n"
        "{% endfor %}{% endfor %}\n", encoding="utf-8")
    paths = build(Settings(data=DATA, formats=("pptx",), out=tmp_path / "out", cwd=tmp_path)).files
    prs = Presentation(str(next(p for p in paths if p.suffix == ".pptx")))
    tiles = [s.text_frame.text for slide in prs.slides for s in slide.shapes if s.name == "Tile Value"]
    assert tiles[:4] == [figure_text(f) for f in briefing.governance[0].totals]
    cards = {s.text_frame.text for slide in prs.slides for s in slide.shapes if s.name == "Card Title"}
    tourism = next(a for a in briefing.articles if a.id == "tourism")
    assert {g.heading for g in tourism.groups} <= cards
    assert overflows(prs) == []

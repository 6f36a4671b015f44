"""Sample projects under tests/roots/, built through the CLI and re-opened as a reader sees them.

- `xiangxi-2024`: a real report of another region (《湖南日报》, 2024-09-24, 湘西州 集中整治), transcribed exactly.
- `xiangxi-2024-templates`: the same data with a local overview template and a local leadership profile.
- `xiangxi-2024-reference`: the same data with a restyled reference.docx.

Each root is built once per module (every audience, docx and pptx); the tests only read the files.
"""

from __future__ import annotations

import filecmp
import os
import subprocess
import sys
from pathlib import Path

import docx
import pytest
from docx.shared import Pt, RGBColor
from pptx import Presentation

REPO = Path(__file__).resolve().parent.parent
ROOTS = Path(__file__).parent / "roots"
XIANGXI = "xiangxi-2024"
TEMPLATES = "xiangxi-2024-templates"
REFERENCE = "xiangxi-2024-reference"

TITLE = "湘西州重点整治群众身边不正之风和腐败问题"
PROJECTS = ["longshan_judicial", "campus_food", "fenghuang_parking"]
#: The lead named for each project: the department editions' folders.
LEADS = ["龙山县", "州教体局、州市监局", "凤凰县纪委监委"]
#: Figures of the report, each exactly as the newspaper prints it (value, qualifier, unit).
FIGURES = ["12.37万元", "1.62亿元", "49份", "394个", "500余个", "130余个", "27047个", "344项", "788件"]
#: The report's second paragraph, word for word (the 导语 of the full briefing).
INTRO = ("今年来，该州紧盯群众关切，“小切口”办好群众身边实事，重点整治群众身边不正之风和腐败问题，围绕殡仪馆乱收费、"
         "骗取套取社保基金、项目欠薪、打着环保幌子搞“一刀切”、挤占挪用资金、消防执法“微腐败”等问题开展整治，"
         "公布集中整治15件具体实事的11家责任单位、实事名称、举报电话等，督促全州各级各部门履职尽责。目前，全州明确实事"
         "项目344项，已办具体实事788件。")


def outputs(folder: Path) -> list[Path]:
    """Every briefing and deck an `--audience all` build writes for the three-project data."""
    names = ["full/briefing.docx", "full/deck.pptx",
             "leadership/leadership-briefing.docx", "leadership/leadership-deck.pptx",
             "meeting/handout.docx", "meeting/meeting-deck.pptx",
             "public/public-briefing.docx", "public/public-deck.pptx"]
    names += [f"department/{lead}/{f}" for lead in LEADS for f in ("briefing.docx", "deck.pptx")]
    return [folder / n for n in names]


def run_cli(*args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])))
    return subprocess.run([sys.executable, "-m", "reportgen", *args], cwd=REPO, env=env, capture_output=True,
                          text=True, timeout=300)


@pytest.fixture(scope="module")
def build(tmp_path_factory):
    """Return a function building root NAME once (all audiences, docx and pptx) and giving its output folder."""
    done: dict[str, tuple[Path, subprocess.CompletedProcess]] = {}

    def get(name: str) -> Path:
        if name not in done:
            root = ROOTS / name
            out = tmp_path_factory.mktemp(f"roots-{name}")
            args = ["build", "--data", str(root / "data"), "--out", str(out), "--audience", "all",
                    "--format", "docx,pptx", "--jobs", "1", "--no-cache"]
            if (root / "templates").is_dir():
                args += ["--templates", str(root / "templates")]
            done[name] = (out, run_cli(*args))
        out, result = done[name]
        assert result.returncode == 0, result.stdout + result.stderr
        return out

    get.result = lambda name: done[name][1]  # type: ignore[attr-defined]
    return get


def docx_paragraphs(path: Path) -> list[str]:
    """Paragraph texts a reader sees: body paragraphs and every table cell's paragraphs (the 报尾 is a table)."""
    document = docx.Document(str(path))
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        texts += [p.text for row in table.rows for cell in row.cells for p in cell.paragraphs]
    return texts


def docx_all_text(path: Path) -> str:
    """Everything a reader can see or find in a .docx: text, headers, footers, and the document properties."""
    document = docx.Document(str(path))
    parts = docx_paragraphs(path)
    for section in document.sections:
        for part in (section.header, section.footer, section.even_page_header, section.even_page_footer,
                     section.first_page_header, section.first_page_footer):
            parts += [p.text for p in part.paragraphs]
    props = document.core_properties
    parts += [props.title or "", props.subject or "", props.keywords or "", props.author or ""]
    return "\n".join(parts)


def styled(path: Path, style: str) -> list[str]:
    return [p.text for p in docx.Document(str(path)).paragraphs if p.style.name == style]


def deck_slides(path: Path) -> list[str]:
    """The text of each slide (shapes, tables, notes), one string per slide."""
    slides = []
    for slide in Presentation(str(path)).slides:
        parts = []
        for shape in slide.shapes:
            if shape.has_text_frame:
                parts.append(shape.text_frame.text)
            if getattr(shape, "has_table", False) and shape.has_table:
                parts += [cell.text for row in shape.table.rows for cell in row.cells]
        if slide.has_notes_slide:
            parts.append(slide.notes_slide.notes_text_frame.text)
        slides.append("\n".join(parts))
    return slides


def deck_text(path: Path) -> str:
    return "\n".join(deck_slides(path))


def text_of(path: Path) -> str:
    return docx_all_text(path) if path.suffix == ".docx" else deck_text(path)


# --- every root -------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", [XIANGXI, TEMPLATES, REFERENCE])
def test_a_root_validates_and_builds_every_audience_through_the_cli(build, name):
    check = run_cli("validate", "--data", str(ROOTS / name / "data"))
    assert check.returncode == 0, check.stdout + check.stderr
    assert "3 projects" in check.stdout
    out = build(name)
    result = build.result(name)
    assert "error:" not in result.stdout + result.stderr
    missing = [str(p.relative_to(out)) for p in outputs(out) if not p.is_file()]
    assert not missing


@pytest.mark.parametrize("name", [TEMPLATES, REFERENCE])
def test_the_variant_roots_carry_the_transcription_unchanged(name):
    comparison = filecmp.dircmp(ROOTS / XIANGXI / "data", ROOTS / name / "data")
    assert comparison.left_only == comparison.right_only == comparison.diff_files == []
    assert comparison.same_files  # dircmp compares by stat first; check the bytes too
    for file in comparison.same_files:
        assert (ROOTS / XIANGXI / "data" / file).read_bytes() == (ROOTS / name / "data" / file).read_bytes()


# --- the transcribed report -------------------------------------------------------------------------------------

def test_the_title_heads_the_briefing_and_opens_the_deck(build):
    out = build(XIANGXI)
    assert [text.replace("\n", "") for text in styled(out / "full" / "briefing.docx", "Title")] == [TITLE]
    cover = Presentation(str(out / "full" / "deck.pptx")).slides[0].shapes.title.text_frame
    assert cover.text.replace("\n", "") == TITLE  # broken into balanced lines
    assert docx.Document(str(out / "full" / "briefing.docx")).core_properties.title == TITLE


@pytest.mark.parametrize("figure", FIGURES)
def test_each_figure_is_printed_as_the_newspaper_prints_it_in_briefing_and_deck(build, figure):
    out = build(XIANGXI)
    assert figure in docx_all_text(out / "full" / "briefing.docx")
    assert figure in deck_text(out / "full" / "deck.pptx")


def test_the_paragraphs_are_printed_word_for_word(build):
    paragraphs = docx_paragraphs(build(XIANGXI) / "full" / "briefing.docx")
    assert INTRO in paragraphs
    # an achievement is printed as its headline followed by its text: together the newspaper's paragraph
    assert ("湘西州开展中小学校园食品安全和膳食经费管理突出问题专项整治。督促州教体局联合审计部门对全州中小学、幼儿园食堂"
            "自查自纠，审计资金1.62亿元；督促州市监局对学校食堂、承包企业、校外供餐单位全覆盖检查，下达整改通知书49份，"
            "推动整改问题394个，查处违法案件10件。") in paragraphs


def test_the_leadership_edition_keeps_the_qualifiers_of_its_strongest_figures(build):
    text = docx_all_text(build(XIANGXI) / "leadership" / "leadership-briefing.docx")
    assert "新增标准停车位500余个" in text
    assert "审计资金1.62亿元" in text
    assert "500个" not in text  # the qualifier is never dropped


@pytest.mark.parametrize("name", [XIANGXI, TEMPLATES, REFERENCE])
def test_no_document_of_another_region_names_zhejiang(build, name):
    out = build(name)
    named = [str(p.relative_to(out)) for p in outputs(out) if "浙江" in text_of(p)]
    assert not named


def test_a_prefecture_report_speaks_of_no_province_level_offices(build):
    """The 报尾 lines come from the data (its briefing file names none here), so no shipped profile speaks of
    province-level offices in a prefecture's report."""
    out = build(XIANGXI)
    briefings = [p for p in outputs(out) if p.suffix == ".docx" and not p.parent.name == "public"]
    wording = {str(p.relative_to(out)): [w for w in ("省委", "省直", "省纪委", "全省") if w in docx_all_text(p)]
               for p in briefings}
    assert not any(wording.values()), wording


# --- local templates and profile --------------------------------------------------------------------------------

def test_the_local_overview_template_replaces_the_opening_and_keeps_the_rest(build):
    full = docx_paragraphs(build(TEMPLATES) / "full" / "briefing.docx")
    assert "本州集中整治开篇：“小切口”办好群众身边实事" in full
    assert INTRO in full  # the block's detail-full branch still prints the 导语
    assert "工作机制：“小切口”办好群众身边实事。" in full  # outside the block: the shipped template's text
    leadership = docx_paragraphs(build(TEMPLATES) / "leadership" / "leadership-briefing.docx")
    assert "截至本期，明确实事项目344项，已办具体实事788件。" in leadership
    assert not any("专项治理期间" in p for p in leadership)


def test_without_the_local_template_the_shipped_opening_is_printed(build):
    leadership = docx_paragraphs(build(XIANGXI) / "leadership" / "leadership-briefing.docx")
    assert "2024年集中整治期间，共明确实事项目344项，已办具体实事788件。" in leadership
    assert not any("本州集中整治开篇" in p for p in leadership)


def test_the_local_leadership_profile_changes_masthead_copies_and_recipients(build):
    briefing = build(TEMPLATES) / "leadership" / "leadership-briefing.docx"
    assert styled(briefing, "Masthead") == ["州领导参阅"]
    text = docx_paragraphs(briefing)
    assert "（共印12份）" in text
    assert "报：州委、州政府领导。" in text
    assert not any("共印30份" in p or "省委" in p for p in text)


def test_the_local_profile_changes_only_the_leadership_edition(build):
    shipped = build(XIANGXI) / "leadership" / "leadership-briefing.docx"
    assert styled(shipped, "Masthead") == ["领导参阅"]
    assert "（共印30份）" in docx_paragraphs(shipped)
    full = build(TEMPLATES) / "full" / "briefing.docx"
    assert styled(full, "Masthead") == ["集中整治工作简报"]  # the data's program: no bulletin name of its own
    assert "（共印120份）" in docx_paragraphs(full)


# --- restyled reference.docx ------------------------------------------------------------------------------------

BLUE = RGBColor(0x1F, 0x4E, 0x79)


def test_the_committed_reference_is_the_one_make_reference_describes():
    styles = docx.Document(str(ROOTS / REFERENCE / "templates" / "reference.docx")).styles
    assert styles["Title"].font.color.rgb == BLUE
    assert styles["Body Text"].font.size == Pt(15)


@pytest.mark.parametrize("edition", ["full/briefing.docx", "leadership/leadership-briefing.docx",
                                     "department/州教体局、州市监局/briefing.docx"])
def test_the_briefing_uses_the_restyled_reference(build, edition):
    document = docx.Document(str(build(REFERENCE) / edition))
    assert document.styles["Title"].font.color.rgb == BLUE
    assert document.styles["Body Text"].font.size == Pt(15)
    assert document.styles["Normal"].font.size == Pt(15)
    title = next(p for p in document.paragraphs if p.style.name == "Title")
    # the reader sees the style: no run of the title sets another colour or size of its own
    assert all(r.font.color.rgb in (None, BLUE) and r.font.size in (None, Pt(22)) for r in title.runs)
    body = [p for p in document.paragraphs if p.style.name == "Body Text"]
    assert body and all(r.font.size in (None, Pt(15)) for p in body for r in p.runs)


def test_without_the_restyled_reference_the_shipped_styles_are_used(build):
    document = docx.Document(str(build(XIANGXI) / "full" / "briefing.docx"))
    assert document.styles["Title"].font.color.rgb == RGBColor(0, 0, 0)
    assert document.styles["Body Text"].font.size == Pt(16)


def test_a_modern_edition_keeps_the_shipped_modern_reference(build):
    # public has style: modern, which reads reference-modern.docx; the root restyles only reference.docx
    document = docx.Document(str(build(REFERENCE) / "public" / "public-briefing.docx"))
    assert document.styles["Title"].font.color.rgb != BLUE

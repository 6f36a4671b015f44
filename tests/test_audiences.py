"""Every shipped audience built from one data set, re-opened: what each contains and what it left out."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import DATA, docx_text, slide_texts
from pptx import Presentation

from reportgen.api import Settings, build
from reportgen.fonts import libreoffice_env
from reportgen.numbers import figure_text

CLASSIFIED = Path(__file__).parent / "roots" / "classified" / "data"
PROJECTS = ["education", "telecom_fraud", "elderly_care", "work_injury", "noise", "community_income",
            "primary_health", "livestream"]


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    """Build every shipped audience once (--audience all)."""
    folder = tmp_path_factory.mktemp("all")
    build(Settings(data=DATA, audiences=["all"], out=folder, cwd=folder)).files
    return folder


def manifest(folder: Path) -> dict:
    return json.loads((folder / "manifest.json").read_text(encoding="utf-8"))


def pdf_pages(path: Path, tmp: Path) -> int:
    """Convert `path` with LibreOffice (Office fonts mapped to Noto CJK) and return its page count."""
    if not shutil.which("soffice") or not shutil.which("pdfinfo"):
        pytest.skip("LibreOffice (soffice) and poppler (pdfinfo) are needed to count pages; .ci/run installs them")
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp), str(path)],
                   env=libreoffice_env(tmp / "fonts"), check=True, capture_output=True, timeout=180)
    info = subprocess.run(["pdfinfo", str(tmp / f"{path.stem}.pdf")], capture_output=True, text=True, check=True)
    return int(next(line.split()[-1] for line in info.stdout.splitlines() if line.startswith("Pages:")))


def test_all_builds_every_shipped_profile_with_its_file_names(out):
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == ["department", "full", "leadership",
                                                                             "meeting", "public"]
    for name, files in {"full": ["briefing.docx", "deck.pptx"], "meeting": ["handout.docx", "meeting-deck.pptx"],
                        "leadership": ["leadership-briefing.docx", "leadership-deck.pptx"],
                        "public": ["public-briefing.docx", "public-deck.pptx"]}.items():
        entry = manifest(out / name)["editions"][0]
        assert [entry["files"][fmt]["name"] for fmt in ("docx", "pptx")] == files
        assert all((out / name / f).stat().st_size > 10_000 for f in files)
    assert manifest(out / "full")["editions"][0]["dropped"] == []  # the full version leaves nothing out


def test_leadership_fits_four_pages_with_totals_projects_and_two_headlines(out, briefing, tmp_path):
    path = out / "leadership/leadership-briefing.docx"
    assert pdf_pages(path, tmp_path) <= 4
    text = docx_text(path)
    gov = briefing.governance[0]
    assert all(figure_text(f) in text for f in gov.totals)
    for project in gov.projects:
        lead = f"（{project.lead}牵头）" if project.lead_stated else ""  # an inferred lead is not printed
        line = next(p for p in text.splitlines() if p.startswith(f"{project.name}{lead}："))
        assert 2 <= sum(f.label + figure_text(f) in line for f in project.figures) <= 3, project.id
        assert len(line) < 140 and not any(a.text in text for a in project.achievements)
    assert "中央政法工作会议作出重要部署" in text and "进一步培育新增长点 繁荣文化和旅游消费" in text
    assert "基本医保" not in text and "舟山二十景" not in text


def test_leadership_manifest_says_what_was_left_out_and_why(out):
    entry = manifest(out / "leadership")["editions"][0]
    by_item = {d["item"]: d for d in entry["dropped"]}
    assert by_item["zhoushan"]["reason"] == "selection" and by_item["medical_insurance"]["reason"] == "selection"
    paragraph = by_item["zhejiang_2024.projects.education.achievements[0]"]
    assert paragraph["reason"] == "detail" and "'key'" in paragraph["note"] and paragraph["label"].startswith("坚持")
    assert "zhejiang_2024.totals[0]" not in by_item  # the totals are shown
    assert entry["dropped_counts"]["selection"] == 2 and entry["dropped_counts"]["detail"] > 30


def test_meeting_has_a_complete_deck_with_notes_and_a_short_handout(out, briefing):
    deck = out / "meeting/meeting-deck.pptx"
    notes = "\n".join(s.notes_slide.notes_text_frame.text for s in Presentation(str(deck)).slides
                      if s.has_notes_slide)
    slides = "\n".join(slide_texts(deck))
    handout = docx_text(out / "meeting/handout.docx")
    for project in briefing.governance[0].projects:
        assert all(a.text in notes for a in project.achievements), project.id
        assert all(figure_text(f) in slides for f in project.figures), project.id
        assert project.name in handout and not any(a.text in handout for a in project.achievements)
    formats = {d["item"]: d["formats"] for d in manifest(out / "meeting")["editions"][0]["dropped"]}
    assert formats["zhejiang_2024.projects.noise.achievements[1]"] == ["docx"]  # only the handout is short


def test_department_batch_gives_each_lead_department_its_own_project_and_the_totals(out, briefing):
    gov = briefing.governance[0]
    folders = sorted(p.name for p in (out / "department").iterdir() if p.is_dir())
    assert folders == sorted(p.lead for p in gov.projects)  # one folder per department, named after it
    editions = {e["folder"]: e for e in manifest(out / "department")["editions"]}
    for project in gov.projects:
        folder = out / "department" / project.lead
        text = docx_text(folder / "briefing.docx")
        deck = "\n".join(slide_texts(folder / "deck.pptx"))
        others = [p.name for p in gov.projects if p.id != project.id]
        assert f"{project.name}工作成果" in text.replace("\n", "") and (f"牵头单位：{project.lead}" in text) is project.lead_stated
        assert all(a.text in text for a in project.achievements)
        assert all(figure_text(f) in text and figure_text(f) in deck for f in gov.totals)
        assert project.name in deck
        assert not any(name in text or name in deck for name in others), project.id
        assert "中央政法工作会议" not in text
        assert editions[project.lead]["department"] == project.lead
        assert sum(d["reason"] == "batch" for d in editions[project.lead]["dropped"]) == 7


def test_public_version_never_holds_an_internal_item(tmp_path):
    build(Settings(data=CLASSIFIED, audiences=["public", "full"], out=tmp_path, cwd=tmp_path)).files
    internal = ["内部核查线索", "移交问题线索", "养老金冒领专项治理", "210万元", "内部通报", "交叉督查"]
    full = docx_text(tmp_path / "full/briefing.docx") + "\n".join(slide_texts(tmp_path / "full/deck.pptx"))
    assert all(text in full for text in internal)  # the marks are real: the internal version has them
    public = docx_text(tmp_path / "public/public-briefing.docx")
    deck = "\n".join(slide_texts(tmp_path / "public/public-deck.pptx"))
    notes = "\n".join(s.notes_slide.notes_text_frame.text
                      for s in Presentation(str(tmp_path / "public/public-deck.pptx")).slides if s.has_notes_slide)
    assert [t for t in internal if t in public or t in deck or t in notes] == []
    assert "排查学校食堂86家" in public and "测试市开展便民服务月活动" in public
    dropped = manifest(tmp_path / "public")["editions"][0]["dropped"]
    assert {(d["item"], d["reason"]) for d in dropped} == {
        ("city_2024.projects.canteen.achievements[1]", "classification"),
        ("city_2024.projects.pension", "classification"),
        ("internal_note", "classification"),
    }
    assert all(d["note"] == "marked 内部; this audience receives 公开 only" for d in dropped)


def test_deck_length_and_notes_follow_the_profile(tmp_path):
    root = tmp_path / "templates/audiences"
    root.mkdir(parents=True)
    (root / "brief.yaml").write_text("extends: full\ndescription: 短版\ndeck:\n  max_slides: 3\n  notes: false\n",
                                     encoding="utf-8")
    build(Settings(data=DATA, audiences=["brief"], formats=["pptx"], out=tmp_path / "out", cwd=tmp_path)).files
    prs = Presentation(str(tmp_path / "out/brief/deck.pptx"))
    assert len(prs.slides) == 3
    assert not any(s.has_notes_slide and s.notes_slide.notes_text_frame.text for s in prs.slides)
    dropped = manifest(tmp_path / "out/brief")["editions"][0]["dropped"]
    slides = [d for d in dropped if d["reason"] == "deck length"]
    assert slides[0]["item"] == "slides[3]" and slides[0]["formats"] == ["pptx"] and len(slides) > 10

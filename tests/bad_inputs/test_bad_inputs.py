"""Every bad input: one clear message naming the file (and field), its exit code, no traceback, and the previous
build's files byte for byte as they were (no temporary file left beside them)."""

from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path

import pytest
from cases import CASES, Case, Env
from click.testing import CliRunner
from pptx import Presentation
from conftest import DATA, docx_text, slide_texts

from reportgen.api import Settings, build
from reportgen.cli import main


@pytest.fixture(scope="module")
def previous(tmp_path_factory) -> Path:
    """A good build of the shipped data: the files a bad build must leave alone."""
    out = tmp_path_factory.mktemp("previous")
    build(Settings(data=DATA, out=out, cwd=out)).files
    return out


def snapshot(folder: Path) -> dict[str, str]:
    """Every file and folder under `folder` (hidden ones included) with the SHA-256 of its bytes."""
    if not folder.exists():
        return {}
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "folder"
            for p in sorted(folder.rglob("*"))}


def run_case(case: Case, tmp_path: Path, previous: Path):
    """Break a fresh project as `case` says, build it, and return the result with the output folder before/after."""
    env = Env(root=tmp_path, data=tmp_path / "data", templates=tmp_path / "templates", out=tmp_path / "out")
    shutil.copytree(DATA, env.data)
    shutil.copytree(previous, env.out)
    env.templates.mkdir()
    extra = case.setup(env) or []
    before = snapshot(tmp_path)
    args = ["build", "--data", str(env.data), "--templates", str(env.templates), "--out", str(env.out), *extra]
    result = CliRunner().invoke(main, args, env=env.environ)
    return result, before, snapshot(tmp_path)


def test_the_table_is_long_enough():
    assert len(CASES) >= 30
    assert len({case.id for case in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_bad_input(case: Case, tmp_path: Path, previous: Path):
    result, before, after = run_case(case, tmp_path, previous)
    assert isinstance(result.exception, SystemExit), result.exc_info  # no exception escaped: no traceback
    assert result.exit_code == case.code, result.output
    assert "Traceback" not in result.output
    errors = [line for line in result.output.splitlines() if line.startswith("error: ")]
    assert len(errors) == 1, result.output  # one message (a data error lists its problems on following lines)
    for pattern in case.messages:
        assert re.search(pattern, result.output), (pattern, result.output)
    assert after == before  # previous outputs unchanged, nothing new written, no temporary file left


def test_template_text_in_data_is_printed_literally(data_copy: Path, tmp_path: Path):
    """Data is never evaluated: Jinja syntax and markup in a data string reach both files as written."""
    path = data_copy / "50-zhoushan.yaml"
    literal = "{{ 7*7 }}{% for x in range(3) %}x{% endfor %}# 标题 **粗体** - 条目"
    text = path.read_text(encoding="utf-8").replace("- 普陀山南海观音", f"- '普陀山南海观音{literal}'", 1)
    path.write_text(text, encoding="utf-8")
    outputs = build(Settings(data=data_copy, out=tmp_path / "out", cwd=tmp_path)).files
    docx_path, pptx_path = sorted(p for p in outputs if p.suffix != ".json")
    assert f"普陀山南海观音{literal}" in docx_text(docx_path)
    assert "49" not in docx_text(docx_path).split("普陀山南海观音")[1][:20]
    assert any(f"普陀山南海观音{literal}" in text for text in slide_texts(pptx_path))


def test_a_long_paragraph_within_the_limit_builds_whole(data_copy: Path, tmp_path: Path):
    """The decision for long text: up to 10,000 characters a field is built, in full, in both files."""
    from reportgen.inputs.model import MAX_TEXT

    paragraph = ("群众满意度持续提升，" * (MAX_TEXT // 10))[:MAX_TEXT]
    path = data_copy / "50-zhoushan.yaml"
    text = path.read_text(encoding="utf-8").replace("  - 由市文广旅体局", f"  - {paragraph}\n  - 由市文广旅体局", 1)
    path.write_text(text, encoding="utf-8")
    docx_path, pptx_path = sorted(p for p in build(Settings(data=data_copy, out=tmp_path / "out", cwd=tmp_path)).files
                                  if p.suffix != ".json")
    assert paragraph in docx_text(docx_path).replace("\n", "")
    notes = [s.notes_slide.notes_text_frame.text for s in Presentation(str(pptx_path)).slides if s.has_notes_slide]
    assert any(paragraph in text for text in notes)  # the deck carries article summaries in the speaker notes


def test_debug_shows_the_traceback(data_copy: Path, tmp_path: Path):
    (data_copy / "00-briefing.yaml").write_text("kind: memo\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["--debug", "validate", "--data", str(data_copy)])
    from reportgen.errors import DataError

    assert isinstance(result.exception, DataError) and result.exc_info[2] is not None


def test_an_unexpected_failure_is_one_line_with_exit_70(monkeypatch, tmp_path: Path):
    import reportgen.inputs.loader as loader

    monkeypatch.setattr(loader, "load_data", lambda data: 1 / 0)
    result = CliRunner().invoke(main, ["validate", "--data", str(DATA)])
    assert result.exit_code == 70
    assert result.output.startswith("error: internal error (ZeroDivisionError: division by zero); run with --debug")

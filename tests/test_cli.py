"""The command line as a user runs it: from any folder, with overrides, with wrong options."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import DATA, ROOT, docx_text

from reportgen.cli import main


def run(*args: str, cwd: Path):
    """Run reportgen in a real process from `cwd` (a worker process left behind would hold its output open)."""
    return subprocess.run([sys.executable, "-m", "reportgen", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=120)


def test_build_from_another_folder_uses_the_shipped_templates(tmp_path):
    proc = run("build", "--data", str(DATA), "--out", "out", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "out/full/briefing.docx").stat().st_size > 10_000
    assert (tmp_path / "out/full/deck.pptx").stat().st_size > 10_000
    assert "wrote" in proc.stderr


def test_quiet_build_prints_nothing_and_format_selects_files(tmp_path):
    result = CliRunner().invoke(main, ["build", "--data", str(DATA), "--out", str(tmp_path), "--format", "pptx",
                                       "--quiet"], catch_exceptions=False)
    assert result.exit_code == 0 and result.output == ""
    assert sorted(p.name for p in (tmp_path / "full").iterdir()) == ["deck.pptx", "manifest.json"]


@pytest.mark.parametrize(("args", "code", "message"), [
    (["--audience", "mayor"], 2, "unknown audience 'mayor' (expected one of: department, full, leadership"),
    (["--format", "odt,pdf"], 2, "unknown format odt (expected one of: docx, pptx, pdf)"),
    (["--data", "/nonexistent"], 1, "data folder not found"),
])
def test_bad_options_give_one_line_and_an_exit_code(tmp_path, args, code, message):
    proc = run("build", "--data", str(DATA), "--out", str(tmp_path / "out"), *args, cwd=tmp_path)
    assert proc.returncode == code
    assert message in proc.stderr and "Traceback" not in proc.stderr
    assert not (tmp_path / "out").exists()


def test_templates_in_the_working_folder_override_the_shipped_ones(tmp_path):
    section = tmp_path / "templates/sections/full"
    section.mkdir(parents=True)
    (section / "overview.j2").write_text("# 本地总体情况\n{{ governance[0].headline }}\n", encoding="utf-8")
    proc = run("build", "--data", str(DATA), "--out", "out", "--format", "docx", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    text = docx_text(tmp_path / "out/full/briefing.docx")
    assert "一、本地总体情况" in text and "二、2024年专项治理成果" in text


def test_template_error_names_file_and_line_and_writes_nothing(tmp_path):
    folder = tmp_path / "mine/sections/default"
    folder.mkdir(parents=True)
    (folder / "overview.j2").write_text("# 标题\n\n{{ governance[0].no_such_field }}\n", encoding="utf-8")
    proc = run("build", "--data", str(DATA), "--templates", "mine", "--out", "out", cwd=tmp_path)
    assert proc.returncode == 3
    assert "overview.j2:3:" in proc.stderr and "no_such_field" in proc.stderr
    assert not (tmp_path / "out").exists()


def test_sandbox_refuses_python_internals(tmp_path):
    folder = tmp_path / "mine/sections/default"
    folder.mkdir(parents=True)
    (folder / "overview.j2").write_text("{{ meta.__class__.__mro__ }}\n", encoding="utf-8")
    proc = run("build", "--data", str(DATA), "--templates", "mine", "--out", "out", cwd=tmp_path)
    assert proc.returncode == 3 and "overview.j2:1:" in proc.stderr


def test_audiences_lists_each_profile_on_one_line():
    result = CliRunner().invoke(main, ["audiences"], catch_exceptions=False)
    lines = result.output.splitlines()
    assert [line.split()[0] for line in lines] == ["department", "full", "leadership", "meeting", "public"]
    assert "完整版" in lines[1] and "领导参阅" in lines[2]


def test_help_and_version():
    assert "build" in CliRunner().invoke(main, ["--help"]).output
    assert "reportgen, version" in CliRunner().invoke(main, ["--version"]).output


def test_wheel_ships_the_templates(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                           "-w", str(tmp_path), str(ROOT)], capture_output=True, text=True,
                          env={**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1"})
    assert proc.returncode == 0, proc.stderr
    names = zipfile.ZipFile(next(tmp_path.glob("reportgen-*.whl"))).namelist()
    assert "reportgen/templates/audiences/full.yaml" in names
    assert "reportgen/templates/sections/default/projects.j2" in names
    assert "reportgen/templates/audiences/leadership.yaml" in names
    assert "reportgen/skeleton/data/10-governance.yaml" in names  # reportgen init works from a wheel

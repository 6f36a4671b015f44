"""`--json` on validate and build, and the progress display: a spinner with a count on a terminal, whole lines
in a log, nothing with -q, detail with -v."""

from __future__ import annotations

import io
import json
import shutil

import pytest
from click.testing import CliRunner
from conftest import DATA
from rich.console import Console

from reportgen.api import Settings, build
from reportgen.cli import main
from reportgen.cli.display import NORMAL, QUIET, VERBOSE, Display


@pytest.fixture
def data(tmp_path):
    shutil.copytree(DATA, tmp_path / "data")
    return tmp_path / "data"


def invoke(*args: str):
    return CliRunner().invoke(main, list(args))


def test_validate_json_lists_the_counts_or_every_problem(data):
    ok = invoke("validate", "--data", str(data), "--json")
    assert ok.exit_code == 0
    assert json.loads(ok.stdout) == {"ok": True, "data": str(data), "projects": 8, "articles": 4, "figures": 82,
                                     "problems": [], "warnings": []}
    text = (data / "10-governance.yaml").read_text(encoding="utf-8")
    (data / "10-governance.yaml").write_text(text.replace("    value: 5704\n", "    value: 5740\n"), encoding="utf-8")
    bad = invoke("validate", "--data", str(data), "--json")
    assert bad.exit_code == 1
    report = json.loads(bad.stdout)
    assert report["ok"] is False and report["error"] == "DataError" and report["exit_code"] == 1
    assert [p["file"] for p in report["problems"]] == [str(data / "10-governance.yaml")]
    assert report["problems"][0]["line"] and "5740个" in report["problems"][0]["message"]


def test_build_json_lists_each_file_written_then_unchanged(data, tmp_path):
    out = tmp_path / "out"
    first = invoke("build", "--data", str(data), "--out", str(out), "--audience", "full,leadership", "--json")
    assert first.exit_code == 0, first.output
    files = json.loads(first.stdout)["files"]
    assert {(f["audience"], f["status"]) for f in files} == {("full", "written"), ("leadership", "written")}
    assert str(out / "full" / "briefing.docx") in [f["path"] for f in files]
    again = json.loads(invoke("build", "--data", str(data), "--out", str(out), "--audience", "full", "--json").stdout)
    assert {f["status"] for f in again["files"]} == {"unchanged"} and again["ok"] is True


def test_a_failing_build_with_json_prints_the_error_as_json(tmp_path):
    done = invoke("build", "--data", str(tmp_path / "none"), "--out", str(tmp_path / "out"), "--json")
    assert done.exit_code == 1
    assert json.loads(done.stdout)["problems"][0]["message"].startswith("data folder not found")


def run_with(display: Display, data, out) -> None:
    build(Settings(data=data, out=out, audiences=["full", "leadership"], formats=["docx", "pptx"], jobs=1),
          display)


def test_on_a_terminal_the_work_under_way_moves_with_a_count(data, tmp_path):
    screen = io.StringIO()
    console = Console(file=screen, force_terminal=True, width=100, soft_wrap=True)
    run_with(Display(NORMAL, console), data, tmp_path / "out")
    shown = screen.getvalue()
    assert "loading" in shown and "composing full, leadership" in shown and "writing the documents" in shown
    assert "4/4" in shown and "wrote" in shown


def test_in_a_log_each_step_is_one_line_and_quiet_says_nothing_verbose_more(data, tmp_path):
    log = io.StringIO()
    run_with(Display(NORMAL, Console(file=log, force_terminal=False, soft_wrap=True)), data, tmp_path / "a")
    assert "writing the documents" not in log.getvalue() and "\x1b" not in log.getvalue()
    assert sum(line.startswith("✓ wrote ") for line in log.getvalue().splitlines()) == 4  # one line a document
    quiet = io.StringIO()
    run_with(Display(QUIET, Console(file=quiet)), data, tmp_path / "b")
    assert quiet.getvalue() == ""
    verbose = io.StringIO()
    run_with(Display(VERBOSE, Console(file=verbose, soft_wrap=True)), data, tmp_path / "b")
    assert "unchanged since the last build: full" in verbose.getvalue()


def test_every_command_that_works_takes_v_and_q():
    for name in ("validate", "build", "synth", "init", "doctor", "preview", "bundle", "verify", "send"):
        options = {opt for param in main.commands[name].params for opt in param.opts}
        assert {"-v", "-q", "--verbose", "--quiet"} <= options, name

"""An edition no longer in the data (its department now leads no project) is removed by the next build: the files
that build's manifest records, and nothing else."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import DATA

from reportgen.api import BuildResult, Settings, build

OLD, NEW = "省生态环境厅", "省环境厅"


def rebuilt(tmp_path: Path, before=lambda out: None) -> tuple[Path, BuildResult]:
    """Build the department editions, call `before(out)`, rename one lead department, build again."""
    data, out = tmp_path / "data", tmp_path / "out"
    shutil.copytree(DATA, data)
    build(Settings(data=data, out=out, audiences=("department",), cwd=tmp_path))
    assert (out / "department" / OLD / "briefing.docx").is_file()
    before(out)
    gov = data / "10-governance.yaml"
    gov.write_text(gov.read_text(encoding="utf-8").replace(f"lead: {OLD}", f"lead: {NEW}"), encoding="utf-8")
    return out, build(Settings(data=data, out=out, audiences=("department",), cwd=tmp_path))


def test_a_department_that_leads_nothing_now_loses_its_edition_and_only_it(tmp_path):
    out, result = rebuilt(tmp_path, lambda out: (out / "department/省教育厅/my-notes.txt").write_text("mine"))
    old = out / "department" / OLD
    assert not old.exists()  # its files removed, then the folder left empty
    assert (out / "department" / NEW / "briefing.docx").is_file()
    assert (out / "department/省教育厅/my-notes.txt").read_text() == "mine"
    assert not any(Path(p).is_relative_to(old) for p in result.files)


def test_a_file_of_the_user_in_a_removed_edition_s_folder_stays(tmp_path):
    out, _ = rebuilt(tmp_path, lambda out: (out / "department" / OLD / "批注.docx").write_bytes(b"user's own"))
    assert sorted(p.name for p in (out / "department" / OLD).iterdir()) == ["批注.docx"]

"""An edition no longer in the data (its department now leads no project) is removed by the next build: the files
that build's manifest records, and nothing else."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import DATA

from reportgen.api import Settings, build


def test_a_department_that_leads_nothing_now_loses_its_edition_and_only_it(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    out = tmp_path / "out"
    build(Settings(data=data, out=out, audiences=("department",), cwd=tmp_path))
    old = out / "department" / "省生态环境厅"
    assert (old / "briefing.docx").is_file() and (old / "deck.pptx").is_file()
    (out / "department" / "省教育厅" / "my-notes.txt").write_text("mine", encoding="utf-8")
    gov = data / "10-governance.yaml"
    gov.write_text(gov.read_text(encoding="utf-8").replace("lead: 省生态环境厅", "lead: 省环境厅"), encoding="utf-8")

    result = build(Settings(data=data, out=out, audiences=("department",), cwd=tmp_path))

    assert not old.exists()  # its files removed, then the folder left empty
    assert (out / "department" / "省环境厅" / "briefing.docx").is_file()
    assert (out / "department" / "省教育厅" / "my-notes.txt").read_text(encoding="utf-8") == "mine"
    assert not any(Path(p).is_relative_to(old) for p in result.files)


def test_a_file_of_the_user_in_a_removed_edition_s_folder_stays(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    out = tmp_path / "out"
    build(Settings(data=data, out=out, audiences=("department",), cwd=tmp_path))
    old = out / "department" / "省生态环境厅"
    (old / "批注.docx").write_bytes(b"user's own")
    gov = data / "10-governance.yaml"
    gov.write_text(gov.read_text(encoding="utf-8").replace("lead: 省生态环境厅", "lead: 省环境厅"), encoding="utf-8")
    build(Settings(data=data, out=out, audiences=("department",), cwd=tmp_path))
    assert sorted(p.name for p in old.iterdir()) == ["批注.docx"]

"""Same input, same bytes: two builds in separate folders (and processes) give byte-identical .docx and .pptx.

The kill test checks the same of a larger synthetic data set (a finished build equals the reference build).
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest
from conftest import DATA
from pptx import Presentation

NAMES = ("full/briefing.docx", "full/deck.pptx")


def build_in(folders: list[Path], data: Path, epoch: str | None) -> list[Path]:
    """Build `data` into each of `folders` at once, each in a fresh process with SOURCE_DATE_EPOCH = `epoch`."""
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    if epoch is not None:
        env["SOURCE_DATE_EPOCH"] = epoch
    procs = []
    for folder in folders:
        folder.mkdir()
        procs.append(subprocess.Popen([sys.executable, "-m", "reportgen", "build", "--data", str(data), "--out", "out",
                                       "-q"], cwd=folder, env=env, stderr=subprocess.PIPE, text=True))
    for proc in procs:
        assert proc.wait(timeout=120) == 0, proc.stderr.read()
        proc.stderr.close()
    return [folder / "out" for folder in folders]


@pytest.mark.parametrize("epoch", [None, "1741219200"], ids=["issue-date", "source-date-epoch"])
def test_two_builds_are_byte_identical(tmp_path: Path, epoch: str | None):
    out_a, out_b = build_in([tmp_path / "a", tmp_path / "b"], DATA, epoch)
    for name in NAMES:
        assert (out_a / name).read_bytes() == (out_b / name).read_bytes(), name
    expected = dt.datetime(2025, 1, 20) if epoch is None else dt.datetime(2025, 3, 6)
    for name in NAMES:
        with zipfile.ZipFile(out_a / name) as package:
            infos = package.infolist()
        assert infos[0].filename == "[Content_Types].xml"
        assert [i.filename for i in infos[1:]] == sorted(i.filename for i in infos[1:])
        assert {i.date_time for i in infos} == {expected.timetuple()[:6]}
    props = [docx.Document(str(out_a / NAMES[0])).core_properties, Presentation(str(out_a / NAMES[1])).core_properties]
    for core in props:
        assert core.created.replace(tzinfo=None) == dt.datetime(2025, 1, 20)  # the issue date, as the writer set it
        assert core.modified.replace(tzinfo=None) == expected
        assert core.revision == 1 and core.last_printed is None


def test_normalize_keeps_every_part_and_removes_last_printed():
    import io

    from reportgen.reproducible import normalize_package

    document = docx.Document()
    document.core_properties.last_printed = dt.datetime(2020, 5, 1)
    document.core_properties.revision = 7
    buffer = io.BytesIO()
    document.save(buffer)
    original = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    fixed = zipfile.ZipFile(io.BytesIO(normalize_package(buffer.getvalue())))
    assert sorted(original.namelist()) == sorted(fixed.namelist())
    for name in original.namelist():
        if name != "docProps/core.xml":
            assert original.read(name) == fixed.read(name), name
    core = docx.Document(io.BytesIO(normalize_package(buffer.getvalue()))).core_properties
    assert core.last_printed is None and core.revision == 1

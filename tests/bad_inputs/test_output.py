"""write_atomic and batch: a failed write (disk full, an exception, Ctrl-C) leaves the previous file and no temp."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

from reportgen.errors import OutputError
from reportgen.output import batch, check_folder, inside, write_atomic


def writer(data: bytes, fail: BaseException | None = None):
    def save(stream):
        stream.write(data[: len(data) // 2])
        if fail is not None:
            raise fail
        stream.write(data[len(data) // 2:])
    return save


def listing(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir()}


@pytest.mark.parametrize("fail", [OSError(errno.ENOSPC, "No space left on device"), KeyboardInterrupt(),
                                  RuntimeError("bug")], ids=["disk-full", "ctrl-c", "bug"])
def test_a_failed_write_keeps_the_previous_file(tmp_path: Path, fail):
    target = tmp_path / "notes.txt"
    write_atomic(target, writer(b"previous build"))
    with pytest.raises(OutputError if isinstance(fail, OSError) else type(fail)) as caught:
        write_atomic(target, writer(b"new build, never finished", fail))
    if isinstance(fail, OSError):
        assert str(caught.value) == f"cannot write {target}: No space left on device"
    assert listing(tmp_path) == {"notes.txt": b"previous build"}


def test_a_batch_renames_all_files_or_none(tmp_path: Path):
    write_atomic(tmp_path / "a.txt", writer(b"old a"))
    write_atomic(tmp_path / "b.txt", writer(b"old b"))
    with pytest.raises(RuntimeError), batch():
        write_atomic(tmp_path / "a.txt", writer(b"new a"))
        assert listing(tmp_path)["a.txt"] == b"old a"  # staged, not yet in place
        write_atomic(tmp_path / "b.txt", writer(b"new b", RuntimeError("second file fails")))
    assert listing(tmp_path) == {"a.txt": b"old a", "b.txt": b"old b"}
    with batch():
        write_atomic(tmp_path / "a.txt", writer(b"new a"))
        write_atomic(tmp_path / "b.txt", writer(b"new b"))
    assert listing(tmp_path) == {"a.txt": b"new a", "b.txt": b"new b"}


def test_output_names_stay_inside_the_output_folder(tmp_path: Path):
    assert inside(tmp_path, "full", "briefing.docx") == tmp_path / "full/briefing.docx"
    for parts in (("..", "x.docx"), ("full", "../../x.docx"), ("/etc", "x.docx")):
        with pytest.raises(OutputError, match="escapes the output folder"):
            inside(tmp_path, *parts)


def test_check_folder_refuses_a_file_in_the_way_without_creating_anything(tmp_path: Path):
    (tmp_path / "file").write_text("x")
    with pytest.raises(OutputError, match="is a file, not a folder"):
        check_folder(tmp_path / "file/out/deeper")
    assert check_folder(tmp_path / "new/out") == tmp_path / "new/out"
    assert not (tmp_path / "new").exists()

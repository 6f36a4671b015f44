"""check_reference: a usable Word/PowerPoint reference passes; anything else is refused with its reason."""

from __future__ import annotations

import io
import re
import struct
import zipfile
from pathlib import Path

import pytest

from reportgen import safezip
from reportgen.errors import ReferenceFileError
from reportgen.safezip import MAIN_TYPES, check_reference

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
WORD_MAIN = next(iter(MAIN_TYPES[".docx"]))
PPT_MAIN = next(iter(MAIN_TYPES[".pptx"]))


def reason(path: Path) -> str:
    """Return the reason check_reference gives for refusing `path`."""
    with pytest.raises(ReferenceFileError) as caught:
        check_reference(path)
    assert caught.value.exit_code == 8
    prefix = f"{path}: cannot use this reference file: "
    assert str(caught.value).startswith(prefix)
    return str(caught.value)[len(prefix):]


def rezip(source: Path, target: Path, drop: tuple[str, ...] = (), add: dict[str, bytes] | None = None) -> Path:
    """Write `source`'s entries less `drop`, plus `add`, into `target`."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            if info.filename not in drop:
                new.writestr(info, old.read(info.filename))
        for name, content in (add or {}).items():
            new.writestr(name, content)
    return target


@pytest.mark.parametrize("name", ["reference.docx", "reference-modern.docx", "reference.pptx"])
def test_the_shipped_references_pass(name):
    assert check_reference(TEMPLATES / name) == TEMPLATES / name


def test_a_file_that_is_not_a_zip_is_refused(tmp_path):
    path = tmp_path / "mine.docx"
    path.write_text("这不是Word文件", encoding="utf-8")
    assert reason(path) == "not a Word file (it is not a zip package; save it from Word as .docx)"


def test_a_missing_file_cannot_be_read(tmp_path):
    assert reason(tmp_path / "absent.pptx") == "cannot be read (No such file or directory)"


def test_a_docx_renamed_pptx_is_not_a_powerpoint_file(tmp_path):
    path = tmp_path / "deck.pptx"
    path.write_bytes((TEMPLATES / "reference.docx").read_bytes())
    assert reason(path) == f"not a PowerPoint file (its main part is {WORD_MAIN}; expected {PPT_MAIN})"


def test_a_pptx_renamed_docx_is_not_a_word_file(tmp_path):
    path = tmp_path / "mine.docx"
    path.write_bytes((TEMPLATES / "reference.pptx").read_bytes())
    assert reason(path) == (f"not a Word file (its main part is {PPT_MAIN}; expected {WORD_MAIN})")


@pytest.mark.parametrize("part", ["[Content_Types].xml", "_rels/.rels"])
def test_a_package_without_its_content_types_or_relationships_is_refused(tmp_path, part):
    path = rezip(TEMPLATES / "reference.docx", tmp_path / "mine.docx", drop=(part,))
    assert reason(path) == f"not a Word file ({part} is missing)"


def test_a_missing_main_part_is_named_as_missing(tmp_path):
    path = rezip(TEMPLATES / "reference.docx", tmp_path / "mine.docx", drop=("word/document.xml",))
    assert reason(path) == "not a Word file (its main part word/document.xml is missing from the package)"


def test_a_plain_zip_is_not_a_word_file(tmp_path):
    path = tmp_path / "mine.docx"
    with zipfile.ZipFile(path, "w") as package:
        package.writestr("readme.txt", "hello")
    assert reason(path) == "not a Word file ([Content_Types].xml is missing)"


def test_too_many_entries_are_refused(tmp_path, monkeypatch):
    shipped = TEMPLATES / "reference.docx"
    count = len(zipfile.ZipFile(shipped).infolist())
    monkeypatch.setattr(safezip, "MAX_ENTRIES", count - 1)
    assert reason(shipped) == f"{count} entries in the package; the limit is {count - 1}"
    monkeypatch.setattr(safezip, "MAX_ENTRIES", count)
    assert check_reference(shipped) == shipped


def test_an_entry_that_inflates_over_the_ratio_is_a_zip_bomb(tmp_path):
    bomb = b"\0" * (2 * 2**20)  # 2 MB of zeros deflates about a thousand times
    path = rezip(TEMPLATES / "reference.docx", tmp_path / "mine.docx", add={"word/media/zeros.bin": bomb})
    info = zipfile.ZipFile(path).getinfo("word/media/zeros.bin")
    ratio = info.file_size / info.compress_size
    assert ratio > 200
    assert reason(path) == (f"entry word/media/zeros.bin inflates {ratio:.0f} times (2.0 MB); the limit is 200 times "
                            "(a zip bomb?)")


def test_a_compressible_entry_under_the_ratio_floor_passes(tmp_path):
    path = rezip(TEMPLATES / "reference.docx", tmp_path / "mine.docx", add={"word/media/zeros.bin": b"\0" * 2**19})
    assert check_reference(path) == path


def declare_size(path: Path, name: str, size: int) -> None:
    """Rewrite the uncompressed size the central directory declares for entry `name` (nothing is inflated)."""
    raw = bytearray(path.read_bytes())
    for match in re.finditer(rb"PK\x01\x02", bytes(raw)):
        start = match.start()
        name_length = struct.unpack_from("<H", raw, start + 28)[0]
        if raw[start + 46:start + 46 + name_length] == name.encode():
            struct.pack_into("<I", raw, start + 24, size)
            path.write_bytes(bytes(raw))
            return
    raise AssertionError(f"no central directory entry {name}")


def test_declared_sizes_over_the_total_are_refused_without_inflating(tmp_path):
    path = tmp_path / "mine.docx"
    path.write_bytes((TEMPLATES / "reference.docx").read_bytes())
    declare_size(path, "word/styles.xml", 300 * 2**20)
    assert zipfile.ZipFile(path).getinfo("word/styles.xml").file_size == 300 * 2**20
    assert reason(path).startswith("inflates to 300.")
    assert reason(path).endswith(" MB; the limit is 256.0 MB (a zip bomb?)")


def test_the_total_limit_counts_every_entry(tmp_path, monkeypatch):
    shipped = TEMPLATES / "reference.pptx"
    total = sum(e.file_size for e in zipfile.ZipFile(shipped).infolist())
    monkeypatch.setattr(safezip, "MAX_TOTAL_BYTES", total - 1)
    assert reason(shipped) == (f"inflates to {total / 2**20:.1f} MB; the limit is {(total - 1) / 2**20:.1f} MB "
                               "(a zip bomb?)")


def test_a_file_over_the_size_limit_is_refused_before_it_is_opened(tmp_path, monkeypatch):
    path = tmp_path / "mine.docx"
    path.write_bytes(b"x" * 3 * 2**20)
    monkeypatch.setattr(safezip, "MAX_FILE_BYTES", 2 * 2**20)
    assert reason(path) == "the file is 3.0 MB; the limit is 2.0 MB"


def test_an_entry_failing_its_checksum_is_corrupt(tmp_path):
    source = io.BytesIO()
    with zipfile.ZipFile(TEMPLATES / "reference.docx") as old, zipfile.ZipFile(source, "w") as new:
        for info in old.infolist():
            new.writestr(info.filename, old.read(info.filename), zipfile.ZIP_STORED)
    raw = bytearray(source.getvalue())
    offset = raw.index(b"<w:docDefaults")  # inside word/styles.xml, stored uncompressed
    raw[offset + 1] = ord("W")
    path = tmp_path / "mine.docx"
    path.write_bytes(bytes(raw))
    assert reason(path) == "the package is corrupt (entry word/styles.xml fails its checksum)"

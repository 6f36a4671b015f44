"""Fixed-time zips: one writer for Office packages and meeting packets, dated within what a zip can hold."""

import datetime as dt
import hashlib
import io
import zipfile

import pytest

from reportgen.digest import digest_files
from reportgen.errors import UsageError
from reportgen.reproducible import normalize_package, source_date_epoch, write_zip, zip_time

UTC = dt.timezone.utc
ENTRIES = [("b.txt", b"second" * 100, zipfile.ZIP_DEFLATED), ("a.txt", b"first", zipfile.ZIP_STORED)]


def zipped(entries, when, **attributes) -> bytes:
    out = io.BytesIO()
    write_zip(out, entries, when, **attributes)
    return out.getvalue()


def test_entries_keep_their_order_time_and_attributes():
    data = zipped(ENTRIES, dt.datetime(2025, 1, 20, 8, 30, 2, tzinfo=UTC), external_attr=0o644 << 16,
                  create_system=3)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        infos = archive.infolist()
        assert [i.filename for i in infos] == ["b.txt", "a.txt"]
        assert {(i.date_time, i.external_attr, i.create_system) for i in infos} == \
            {((2025, 1, 20, 8, 30, 2), 0o644 << 16, 3)}
        assert [i.compress_type for i in infos] == [zipfile.ZIP_DEFLATED, zipfile.ZIP_STORED]
        assert archive.read("b.txt") == b"second" * 100


def test_the_same_entries_make_the_same_bytes_whatever_the_compression_level_default():
    when = dt.datetime(2025, 1, 20, tzinfo=UTC)
    assert zipped(ENTRIES, when) == zipped(ENTRIES, when)
    reference = io.BytesIO()  # what the standard library writes for the same fixed entries
    with zipfile.ZipFile(reference, "w") as archive:
        for name, payload, compression in ENTRIES:
            info = zipfile.ZipInfo(name, date_time=(2025, 1, 20, 0, 0, 0))
            info.compress_type, info.create_system, info.external_attr = compression, 0, 0
            archive.writestr(info, payload, compresslevel=6 if compression == zipfile.ZIP_DEFLATED else None)
    assert zipped(ENTRIES, when, compresslevel=6) == reference.getvalue()


@pytest.mark.parametrize(("when", "stamp"), [
    (dt.datetime(1970, 1, 1, tzinfo=UTC), (1980, 1, 1, 0, 0, 0)),
    (dt.datetime(2200, 6, 1, tzinfo=UTC), (2107, 12, 31, 23, 59, 58)),
    (dt.datetime(2025, 1, 20, 8, tzinfo=dt.timezone(dt.timedelta(hours=8))), (2025, 1, 20, 8, 0, 0)),
])
def test_a_time_outside_what_a_zip_holds_is_clamped_and_the_wall_clock_is_kept(when, stamp):
    assert zip_time(when) == stamp
    with zipfile.ZipFile(io.BytesIO(zipped(ENTRIES, when))) as archive:
        assert {i.date_time for i in archive.infolist()} == {stamp}


def test_a_package_is_normalised_with_the_content_types_first(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(2**33))  # the year 2242
    source = zipped([("word/document.xml", b"<w/>", zipfile.ZIP_DEFLATED),
                     ("[Content_Types].xml", b"<Types/>", zipfile.ZIP_DEFLATED)], dt.datetime(2025, 1, 1))
    with zipfile.ZipFile(io.BytesIO(normalize_package(source))) as archive:
        assert archive.namelist() == ["[Content_Types].xml", "word/document.xml"]
        assert {i.date_time for i in archive.infolist()} == {(2107, 12, 31, 23, 59, 58)}


def test_source_date_epoch_is_read_once_with_one_message(monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert source_date_epoch() is None
    monkeypatch.setenv("SOURCE_DATE_EPOCH", " 1737331200 ")
    assert source_date_epoch() == dt.datetime(2025, 1, 20, tzinfo=UTC)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1e9")
    with pytest.raises(UsageError, match=r"SOURCE_DATE_EPOCH='1e9' is not a Unix timestamp \(expected whole"):
        source_date_epoch()


def test_a_file_set_digest_covers_names_lengths_and_bytes_in_order(tmp_path):
    (tmp_path / "a").write_bytes(b"12")
    (tmp_path / "b").write_bytes(b"3")
    files = [("a", tmp_path / "a"), ("b", tmp_path / "b")]
    assert digest_files(files) == hashlib.sha256(b"a\x002\x0012b\x001\x003").hexdigest()
    assert digest_files(files[::-1]) != digest_files(files)
    assert digest_files([("a", tmp_path / "a"), ("", tmp_path / "b")]) != digest_files(files)

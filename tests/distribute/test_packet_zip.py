"""A packet's zip and build time: one time zone (UTC+8), dated within what a zip can hold."""

import datetime as dt
import zipfile

import pytest

from reportgen.distribute.bundle import CHINA, build_time
from reportgen.distribute.packet import Item, write_zip
from reportgen.errors import UsageError

ITEMS = [Item("00-目录.txt", "contents", "目录", "目录\r\n".encode("utf-8-sig")),
         Item("manifest.json", "manifest", "清单", b"{}\n")]


def test_the_build_time_is_source_date_epoch_in_china_else_the_data_date(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1737331200")
    assert build_time(dt.date(2030, 1, 1)).isoformat() == "2025-01-20T08:00:00+08:00"
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert build_time(dt.date(2025, 1, 20)).isoformat() == "2025-01-20T00:00:00+08:00"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with pytest.raises(UsageError, match="SOURCE_DATE_EPOCH='yesterday' is not a Unix timestamp"):
        build_time(dt.date(2025, 1, 20))


def test_a_packet_zip_is_the_standard_library_zip_of_its_items(tmp_path):
    built = dt.datetime(2025, 1, 20, 8, tzinfo=CHINA)
    reference = tmp_path / "reference.zip"
    with zipfile.ZipFile(reference, "w", zipfile.ZIP_DEFLATED) as archive:  # how packets have always been written
        for item in ITEMS:
            info = zipfile.ZipInfo(item.name, date_time=(2025, 1, 20, 8, 0, 0))
            info.compress_type, info.create_system, info.external_attr = zipfile.ZIP_DEFLATED, 3, 0o644 << 16
            archive.writestr(info, item.data)
    assert write_zip(tmp_path / "packet.zip", ITEMS, built).read_bytes() == reference.read_bytes()


@pytest.mark.parametrize(("day", "stamp"), [(dt.date(2200, 1, 1), (2107, 12, 31, 23, 59, 58)),
                                            (dt.date(1979, 5, 1), (1980, 1, 1, 0, 0, 0))])
def test_a_briefing_dated_outside_the_zip_range_still_makes_a_packet(tmp_path, monkeypatch, day, stamp):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    target = write_zip(tmp_path / "packet.zip", ITEMS, build_time(day))
    with zipfile.ZipFile(target) as archive:
        assert {i.date_time for i in archive.infolist()} == {stamp}
        assert archive.read("manifest.json") == b"{}\n"

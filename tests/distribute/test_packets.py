"""Meeting packets: what is inside, the manifest, and verify catching any change."""

from __future__ import annotations

import hashlib
import json
import shutil
import zipfile
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from reportgen.distribute.meeting import load_meeting
from reportgen.distribute.bundle import build_time, data_sha256
from reportgen.distribute.packet import read_packet
from reportgen.errors import DataError, UsageError

from .conftest import DATA, MEETING, run_cli

DOCUMENTS = ["01-汇报材料.pptx", "01-汇报材料.pdf",
             "02-专项治理工作简报（第1期）.docx", "02-专项治理工作简报（第1期）.pdf"]


def entries(packet: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(packet) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_packet_holds_documents_pdfs_contents_and_manifest(session_packet):
    files = entries(session_packet)
    assert list(files) == ["00-目录.txt", *DOCUMENTS, "manifest.json"]
    manifest = json.loads(files["manifest.json"])
    assert [f["name"] for f in manifest["files"]] == ["00-目录.txt", *DOCUMENTS]
    for entry in manifest["files"]:
        assert entry["sha256"] == hashlib.sha256(files[entry["name"]]).hexdigest()
        assert entry["size"] == len(files[entry["name"]])
    assert manifest["data_sha256"] == data_sha256(DATA)
    assert manifest["meeting"]["id"] == MEETING and manifest["reportgen"]
    assert files["01-汇报材料.pptx"][:2] == b"PK" and files["01-汇报材料.pdf"][:5] == b"%PDF-"


def test_contents_lists_every_file_with_the_page_counts_of_the_pdfs(session_packet):
    files = entries(session_packet)
    contents = files["00-目录.txt"].decode("utf-8-sig")
    assert contents.startswith("全省漠视侵害群众利益问题专项治理工作推进会\r\n会议材料目录")
    assert "会议时间：2025年1月22日" in contents
    for name in DOCUMENTS:
        assert name in contents
    for name in ("01-汇报材料.pdf", "02-专项治理工作简报（第1期）.pdf"):
        pages = len(pdfium.PdfDocument(files[name]))
        title = name[3:-4]
        assert f"{title}（共{pages}页）" in contents


def test_build_time_follows_source_date_epoch_or_the_data_date(monkeypatch):
    import datetime as dt

    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert build_time(dt.date(2025, 1, 20)).isoformat() == "2025-01-20T00:00:00+08:00"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1737350000")
    assert build_time(dt.date(2025, 1, 20)).isoformat() == "2025-01-20T13:13:20+08:00"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with pytest.raises(UsageError, match="SOURCE_DATE_EPOCH"):
        build_time(dt.date(2025, 1, 20))


def test_packet_entries_carry_the_build_time(session_packet):
    manifest = json.loads(entries(session_packet)["manifest.json"])
    with zipfile.ZipFile(session_packet) as archive:
        stamps = {info.date_time for info in archive.infolist()}
    assert stamps == {tuple(int(x) for x in manifest["built"][:19].replace("T", "-").replace(":", "-").split("-"))}


def test_verify_accepts_the_packet(session_packet):
    result = run_cli("verify", str(session_packet))
    assert result.exit_code == 0 and "OK (5 files match the manifest" in result.output


def rewrite(packet: Path, target: Path, change) -> Path:
    """Copy the packet entry by entry through `change(name, data) -> data | None` (None drops the entry)."""
    with zipfile.ZipFile(packet) as source, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            data = change(info.filename, source.read(info))
            if data is not None:
                out.writestr(info, data)
    return target


def flip(data: bytes, at: int) -> bytes:
    return data[:at] + bytes([data[at] ^ 0x01]) + data[at + 1:]


@pytest.mark.parametrize(("change", "message"), [
    (lambda n, d: flip(d, len(d) // 2) if n.endswith("简报（第1期）.pdf") else d,
     "02-专项治理工作简报（第1期）.pdf: changed (SHA-256 differs"),
    (lambda n, d: None if n == "01-汇报材料.pptx" else d, "01-汇报材料.pptx: listed in the manifest but missing"),
    (lambda n, d: d.replace(b"\"size\"", b"\"sizes\"") if n == "manifest.json" else d,
     "manifest.json: files[0].size: expected a whole number of bytes"),
    (lambda n, d: d.replace(b"\"title\"", b"\"heading\"") if n == "manifest.json" else d, None),
])
def test_verify_names_the_file_that_differs(session_packet, tmp_path, change, message):
    tampered = rewrite(session_packet, tmp_path / "p.zip", change)
    result = run_cli("verify", str(tampered))
    if message is None:  # what the manifest only describes may change freely; the hashes still hold
        assert result.exit_code == 0
        return
    assert result.exit_code == 6 and message in result.output and "Traceback" not in result.output


def test_verify_catches_one_changed_byte_in_the_zip_itself(session_packet, tmp_path):
    raw = bytearray(session_packet.read_bytes())
    with zipfile.ZipFile(session_packet) as archive:
        info = archive.getinfo("01-汇报材料.pdf")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    raw[start + info.compress_size // 2] ^= 0xFF
    tampered = tmp_path / "p.zip"
    tampered.write_bytes(bytes(raw))
    result = run_cli("verify", str(tampered))
    assert result.exit_code == 6 and "01-汇报材料.pdf" in result.output


def test_verify_reports_an_extra_file_and_a_missing_manifest(session_packet, tmp_path):
    extra = shutil.copyfile(session_packet, tmp_path / "extra.zip")
    with zipfile.ZipFile(extra, "a") as archive:
        archive.writestr("03-补充材料.docx", b"PK")
    result = run_cli("verify", str(extra))
    assert result.exit_code == 6 and "not listed in its manifest.json (not read): 03-补充材料.docx" in result.output
    bare = rewrite(session_packet, tmp_path / "bare.zip", lambda n, d: None if n == "manifest.json" else d)
    result = run_cli("verify", str(bare))
    assert result.exit_code == 6 and "no manifest.json" in result.output
    (tmp_path / "junk.zip").write_bytes(b"not a zip")
    assert run_cli("verify", str(tmp_path / "junk.zip")).exit_code == 6


def test_read_packet_returns_the_files(session_packet):
    manifest, files = read_packet(session_packet, keep_roles=("contents", "briefing", "deck"))
    assert sorted(files) == sorted(["00-目录.txt", *DOCUMENTS])


def write_meeting(folder: Path, text: str) -> Path:
    (folder / "meetings").mkdir(parents=True, exist_ok=True)
    path = folder / "meetings" / "m.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_meeting_problems_are_reported_with_file_and_line(tmp_path):
    path = write_meeting(tmp_path, """name: 推进会
date: 2025-01-22
place: 第一会议室
documents: [deck, memo]
recipients:
  - name: 甲
    email: a@example.org
    份号: 1
  - name: 乙
    email: not-an-address
  - name: 丙
    email: A@example.org
    份号: 1
""")
    with pytest.raises(DataError) as caught:
        load_meeting("m", tmp_path)
    assert [str(p).split(": ")[0] for p in caught.value.problems] == [f"{path}:4", f"{path}:10"]
    write_meeting(tmp_path, (path.read_text(encoding="utf-8").replace("memo", "briefing")
                             .replace("not-an-address", "b@example.org")))
    with pytest.raises(DataError) as caught:
        load_meeting("m", tmp_path)
    lines = [str(p) for p in caught.value.problems]
    assert lines == [f"{path}:12: recipients[2].email: A@example.org already receives as recipients[0]",
                     f"{path}:13: recipients[2].份号: 份号 1 already given to recipients[0]"]


def test_unknown_meeting_lists_the_known_ones(tmp_path):
    result = run_cli("bundle", "no-such-meeting", "--data", str(DATA), "--out", str(tmp_path))
    assert result.exit_code == 2 and f"unknown meeting 'no-such-meeting' (expected one of: {MEETING})" in result.output
    assert not any(tmp_path.iterdir())

"""Bundle a meeting: build its documents, then write its packet with a 目录 and manifest.json."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from reportgen import __version__, reproducible
from reportgen.digest import digest_files
from reportgen.distribute.meeting import DOCUMENTS, MeetingFile
from reportgen.distribute.packet import CONTENTS, FORMAT, MANIFEST, Item, packet_path, write_zip
from reportgen.numbers import chinese_date

CHINA = dt.timezone(dt.timedelta(hours=8))
KIND_WORDS = {"docx": "Word 文档", "pptx": "PowerPoint 演示文稿", "pdf": "PDF"}


def bundle(meeting: MeetingFile, settings, report: Callable[[str], None] = lambda message: None) -> Path:
    """Build the meeting's documents (and PDFs) and write its packet; return the packet path."""
    from reportgen.api import build

    m = meeting.meeting
    formats = [DOCUMENTS[d] for d in m.documents] + (["pdf"] if m.pdf else [])
    result = build(replace(settings, audiences=[m.audience], formats=formats), report)
    edition = result.editions[0]
    titles = {"briefing": f"{edition.bulletin}（第{edition.issue}期）", "deck": "汇报材料"}
    items = []
    for number, role in enumerate(m.documents, 1):
        source = edition.files[DOCUMENTS[role]]
        items += _document_items(source, result.files, f"{number:02d}-{safe_name(titles[role])}", role,
                                 titles[role])
    built = build_time(edition.date)
    contents = Item(CONTENTS, "contents", "目录", contents_text(meeting, items).encode("utf-8-sig"))
    manifest = manifest_for(meeting, [contents, *items], settings.data, built)
    target = packet_path(settings.out, meeting.id)
    write_zip(target, [contents, *items, Item(MANIFEST, "manifest", "清单", manifest)], built)
    report(f"wrote {target} ({len(items)} documents, {target.stat().st_size // 1024} KB)")
    return target


def _document_items(source: Path, outputs: list[Path], stem: str, role: str, title: str) -> list[Item]:
    """Return the packet items of one document: the source file and, when built, its PDF with its page count."""
    items = [Item(f"{stem}{source.suffix}", role, title, source.read_bytes())]
    pdf = source.with_suffix(".pdf")
    if pdf in outputs:
        items.append(Item(f"{stem}.pdf", role, title, pdf.read_bytes(), pdf_pages(pdf)))
    return items


def safe_name(title: str) -> str:
    """Return `title` usable as a file name on Windows and Unix (characters such as / : * ? replaced by －)."""
    return re.sub(r'[\\/:*?"<>|\x00-\x1f]', "－", title).strip(" .") or "材料"


def pdf_pages(pdf: Path) -> int:
    """Return the number of pages of a PDF."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    try:
        return len(document)
    finally:
        document.close()


def build_time(data_date: dt.date) -> dt.datetime:
    """Return the packet's build time (UTC+8): SOURCE_DATE_EPOCH when set, else the data's date at 00:00."""
    epoch = reproducible.source_date_epoch()
    return epoch.astimezone(CHINA) if epoch else dt.datetime.combine(data_date, dt.time(), CHINA)


def data_sha256(data_dir: Path) -> str:
    """Return one SHA-256 over the names and bytes of the data files, in the order they are read."""
    from reportgen.inputs.loader import data_files

    return digest_files((path.name, path) for path in data_files(data_dir))


def contents_text(meeting: MeetingFile, items: list[Item]) -> str:
    """Return the 目录: meeting, date, place, and each document with its files (CRLF lines, for Windows readers)."""
    m = meeting.meeting
    lines = [m.name, "会议材料目录", "", f"会议时间：{chinese_date(m.date)}", f"会议地点：{m.place}", ""]
    for number, role in enumerate(m.documents, 1):
        files = [i for i in items if i.role == role]
        pages = next((f"（共{i.pages}页）" for i in files if i.pages), "")
        lines.append(f"{number}. {files[0].title}{pages}")
        lines += [f"   {i.name}（{KIND_WORDS[i.name.rsplit('.', 1)[1]]}）" for i in files]
    lines += ["", f"共{len(m.documents)}份材料、{len(items)}个文件。{MANIFEST} 记录每个文件的 SHA-256 校验值，"
              "可用 reportgen verify 核对。"]
    return "\r\n".join(lines) + "\r\n"


def manifest_for(meeting: MeetingFile, items: list[Item], data_dir: Path, built: dt.datetime) -> bytes:
    """Return manifest.json: every file's size and SHA-256, the data and meeting hashes, version, build time."""
    m = meeting.meeting
    manifest = {
        "format": FORMAT,
        "meeting": {"id": meeting.id, "name": m.name, "date": m.date.isoformat(), "place": m.place,
                    "audience": m.audience},
        "reportgen": __version__,
        "built": built.isoformat(),
        "data_sha256": data_sha256(data_dir),
        "meeting_sha256": hashlib.sha256(meeting.path.read_bytes()).hexdigest(),
        "files": [{"name": i.name, "role": i.role, "title": i.title, "size": len(i.data),
                   "sha256": hashlib.sha256(i.data).hexdigest(), **({"pages": i.pages} if i.pages else {})}
                  for i in items],
    }
    return (json.dumps(manifest, ensure_ascii=False, indent=2) + "\n").encode("utf-8")

"""Bundle a meeting: build its documents, then write its packet with a 目录 and manifest.json."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from reportgen import __version__, reproducible
from reportgen.digest import digest_files
from reportgen.distribute.meeting import DOCUMENTS, MeetingFile
from reportgen.distribute.packet import CONTENTS, FORMAT, MANIFEST, Item, packet_path, write_zip
from reportgen.errors import DataError
from reportgen.i18n import _
from reportgen.numbers import chinese_date, issue_text
from reportgen.output import safe_name

CHINA = dt.timezone(dt.timedelta(hours=8))
KIND_WORDS = {"docx": "Word 文档", "pptx": "PowerPoint 演示文稿", "pdf": "PDF"}


def bundle(meeting: MeetingFile, settings, report: Callable[[str], None] = lambda message: None) -> Path:
    """Build the meeting's documents (and PDFs) and write its packet; return the packet path.

    An audience built in editions (department: one per lead department) puts every edition's documents in the
    packet, each named with its department.
    """
    from reportgen.api import build

    m = meeting.meeting
    check_audience(meeting, settings)
    formats = [DOCUMENTS[d] for d in m.documents] + (["pdf"] if m.pdf else [])
    result = build(replace(settings, audiences=[m.audience], formats=formats), report)
    record = json.loads((settings.out / m.audience / MANIFEST).read_text(encoding="utf-8"))
    departments = {e["folder"]: e.get("department") for e in record["editions"]}
    documents = []
    for edition in result.editions:
        department = departments.get(edition.folder) if len(result.editions) > 1 else None
        for role in m.documents:
            issue = issue_text(edition.issue)
            title = (f"{edition.bulletin}（{issue}）" if issue else edition.bulletin) if role == "briefing" else "汇报材料"
            title = f"{title}（{department}）" if department else title
            stem = f"{len(documents) + 1:02d}-{safe_name(title)}"
            documents.append(_document_items(edition.files[DOCUMENTS[role]], result.files, stem, role, title))
    items = [item for files in documents for item in files]
    built = build_time(result.editions[0].date)
    contents = Item(CONTENTS, "contents", "目录", contents_text(meeting, documents).encode("utf-8-sig"))
    manifest = manifest_for(meeting, [contents, *items], settings.data, built, record["classification"])
    target = packet_path(settings.out, meeting.id)
    write_zip(target, [contents, *items, Item(MANIFEST, "manifest", "清单", manifest)], built)
    report(_("wrote {target} ({count} documents, {size} KB)").format(target=target, count=len(documents),
                                                                       size=target.stat().st_size // 1024))
    return target


def check_audience(meeting: MeetingFile, settings) -> None:
    """Raise DataError naming the meeting file, line and field when its audience is not a profile on the
    template path."""
    from reportgen.resources import Locator

    known = Locator.default(settings.templates, settings.cwd).names("audiences", ".yaml")
    if meeting.meeting.audience not in known:
        raise DataError([meeting.problem(("audience",), _("unknown audience {audience!r} (expected one of: "
                                                          "{known})").format(audience=meeting.meeting.audience,
                                                                             known=", ".join(known)))])


def _document_items(source: Path, outputs: list[Path], stem: str, role: str, title: str) -> list[Item]:
    """Return the packet items of one document: the source file and, when built, its PDF with its page count."""
    items = [Item(f"{stem}{source.suffix}", role, title, source.read_bytes())]
    pdf = source.with_suffix(".pdf")
    if pdf in outputs:
        items.append(Item(f"{stem}.pdf", role, title, pdf.read_bytes(), pdf_pages(pdf)))
    return items


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


def meeting_sha256(path: Path) -> str:
    """Return the SHA-256 of a meeting file's bytes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def changed_since_built(manifest: dict, data_dir: Path | None = None, meeting: Path | None = None) -> list[str]:
    """Return one warning for the data folder and one for the meeting file when they differ from what the packet
    was built from (as its manifest records)."""
    warnings = []
    if data_dir is not None and manifest.get("data_sha256") != data_sha256(data_dir):
        warnings.append(_("the data changed since this packet was built (the data in {folder} differs from the "
                          "manifest's data_sha256); bundle the meeting again to send the current figures")
                        .format(folder=data_dir))
    if meeting is not None and manifest.get("meeting_sha256") != meeting_sha256(meeting):
        warnings.append(_("the meeting file changed since this packet was built ({path} differs from the "
                          "manifest's meeting_sha256); bundle the meeting again if the change matters")
                        .format(path=meeting))
    return warnings


def contents_text(meeting: MeetingFile, documents: list[list[Item]]) -> str:
    """Return the 目录: meeting, date, place, and each document with its files (CRLF lines, for Windows readers)."""
    m = meeting.meeting
    lines = [m.name, "会议材料目录", "", f"会议时间：{chinese_date(m.date)}", f"会议地点：{m.place}", ""]
    for number, files in enumerate(documents, 1):
        pages = next((f"（共{i.pages}页）" for i in files if i.pages), "")
        lines.append(f"{number}. {files[0].title}{pages}")
        lines += [f"   {i.name}（{KIND_WORDS[i.name.rsplit('.', 1)[1]]}）" for i in files]
    count = sum(len(files) for files in documents)
    lines += ["", f"共{len(documents)}份材料、{count}个文件。{MANIFEST} 记录每个文件的 SHA-256 校验值，"
              "可用 reportgen verify 核对。"]
    return "\r\n".join(lines) + "\r\n"


def manifest_for(meeting: MeetingFile, items: list[Item], data_dir: Path, built: dt.datetime,
                 classification: str) -> bytes:
    """Return manifest.json: the documents' classification, every file's size and SHA-256, the data and meeting
    hashes, version, build time."""
    m = meeting.meeting
    manifest = {
        "format": FORMAT,
        "meeting": {"id": meeting.id, "name": m.name, "date": m.date.isoformat(), "place": m.place,
                    "audience": m.audience},
        "reportgen": __version__,
        "built": built.isoformat(),
        "classification": classification,
        "data_sha256": data_sha256(data_dir),
        "meeting_sha256": meeting_sha256(meeting.path),
        "files": [{"name": i.name, "role": i.role, "title": i.title, "size": len(i.data),
                   "sha256": hashlib.sha256(i.data).hexdigest(), **({"pages": i.pages} if i.pages else {})}
                  for i in items],
    }
    return (json.dumps(manifest, ensure_ascii=False, indent=2) + "\n").encode("utf-8")

"""Same input, same bytes: Office packages rewritten with fixed entry times, order and document properties.

python-docx and python-pptx stamp every zip entry with the current time; everything else they write is already
a function of the document. The stamp used instead is ``SOURCE_DATE_EPOCH`` when set (reproducible-builds.org),
otherwise the ``created`` date the writer put in the core properties (the data's issue date).
"""

from __future__ import annotations

import datetime as dt
import io
import os
import zipfile
from collections.abc import Callable, Iterable
from typing import BinaryIO

from lxml import etree

from reportgen.errors import UsageError
from reportgen.i18n import _

OFFICE_SUFFIXES = (".docx", ".pptx", ".xlsx")  # packages, normalised inside a package too
CORE_PART = "docProps/core.xml"
_NS = {
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "dcterms": "http://purl.org/dc/terms/",
    "xsi": "http://www.w3.org/2001/XMLSchema-instance",
}
_ZIP_EPOCH = dt.datetime(1980, 1, 1, tzinfo=dt.timezone.utc)  # the earliest time a zip entry can hold
_ZIP_FIRST, _ZIP_LAST = (1980, 1, 1, 0, 0, 0), (2107, 12, 31, 23, 59, 58)  # a zip entry's date_time range


def source_date_epoch() -> dt.datetime | None:
    """Return ``SOURCE_DATE_EPOCH`` as a UTC time, None when unset; raise UsageError when it is not a timestamp."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not value:
        return None
    try:
        return dt.datetime.fromtimestamp(int(value), dt.timezone.utc)
    except (ValueError, OverflowError, OSError):
        raise UsageError(_("SOURCE_DATE_EPOCH={value!r} is not a Unix timestamp (expected whole seconds, "
                           "e.g. 1737331200)").format(value=value)) from None


def package_stamp(date: dt.date) -> dt.datetime:
    """Return the time a package of a document dated `date` is stamped with: SOURCE_DATE_EPOCH, else the date."""
    return source_date_epoch() or dt.datetime.combine(date, dt.time(), dt.timezone.utc)


def package_bytes(save: Callable[[BinaryIO], None]) -> bytes:
    """Return the Office package that `save` (python-docx's or python-pptx's) writes, normalised."""
    buffer = io.BytesIO()
    save(buffer)
    return normalize_package(buffer.getvalue())


def normalize_package(data: bytes, stamp: dt.datetime | None = None) -> bytes:
    """Return the Office package `data` with entries in a fixed order and time, and fixed core properties.

    Packages embedded in it (the workbook behind each native chart) are normalised too, dated `stamp` — they
    would otherwise carry the time they were made.
    """
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        parts = {info.filename: (info, source.read(info)) for info in source.infolist()}
    embedded = stamp is not None
    stamp = stamp or source_date_epoch()
    if CORE_PART in parts:
        info, xml = parts[CORE_PART]
        stamp = stamp or _created(xml) or _ZIP_EPOCH
        parts[CORE_PART] = (info, _fixed_core(xml, stamp, created=embedded))
    for name, (info, payload) in parts.items():
        if name.endswith(OFFICE_SUFFIXES):
            parts[name] = (info, normalize_package(payload, stamp or _ZIP_EPOCH))
    order = sorted(parts, key=lambda n: (n != "[Content_Types].xml", n))
    out = io.BytesIO()
    write_zip(out, [(name, parts[name][1], parts[name][0].compress_type) for name in order], stamp or _ZIP_EPOCH,
              compresslevel=6)
    return out.getvalue()


def write_zip(stream: BinaryIO, entries: Iterable[tuple[str, bytes, int]], when: dt.datetime, *,
              external_attr: int = 0, create_system: int = 0, compresslevel: int | None = None) -> None:
    """Write `entries` (name, bytes, compression) to `stream` as a zip, in the order given.

    Every entry is dated `when` (its wall-clock time, clamped to the 1980–2107 a zip entry can hold) and carries
    the same attributes and, when deflated, `compresslevel`, so the same entries always make the same bytes.
    """
    stamp = zip_time(when)
    with zipfile.ZipFile(stream, "w") as archive:
        for name, payload, compression in entries:
            entry = zipfile.ZipInfo(name, date_time=stamp)
            entry.compress_type = compression
            entry.create_system, entry.external_attr = create_system, external_attr
            level = compresslevel if compression == zipfile.ZIP_DEFLATED else None
            archive.writestr(entry, payload, compresslevel=level)


def zip_time(when: dt.datetime) -> tuple[int, int, int, int, int, int]:
    """Return the wall-clock time of `when` as a zip entry's date_time, clamped to 1980-01-01 … 2107-12-31."""
    stamp = tuple(when.timetuple()[:6])
    return min(max(stamp, _ZIP_FIRST), _ZIP_LAST)  # type: ignore[return-value]


def _created(xml: bytes) -> dt.datetime | None:
    """Return dcterms:created of a core-properties part, or None when absent or unreadable."""
    node = etree.fromstring(xml).find("dcterms:created", _NS)
    try:
        return dt.datetime.fromisoformat(node.text.replace("Z", "+00:00")) if node is not None else None
    except (AttributeError, ValueError):
        return None


def _fixed_core(xml: bytes, stamp: dt.datetime, created: bool = False) -> bytes:
    """Return the core properties with modified = `stamp` (created too when missing or `created`), revision 1,
    no lastPrinted."""
    root = etree.fromstring(xml)
    text = stamp.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    for name in ("dcterms:modified", "dcterms:created"):
        node = root.find(name, _NS)
        if node is None:
            node = etree.SubElement(root, _qname(name))
            node.set(_qname("xsi:type"), "dcterms:W3CDTF")
        elif name == "dcterms:created" and not created:
            continue
        node.text = text
    for node in root.findall("cp:lastPrinted", _NS):
        root.remove(node)
    revision = root.find("cp:revision", _NS)
    if revision is not None:
        revision.text = "1"
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _qname(name: str) -> str:
    """Return the Clark name of a prefixed name: dcterms:created → {http://purl.org/dc/terms/}created."""
    prefix, local = name.split(":")
    return f"{{{_NS[prefix]}}}{local}"

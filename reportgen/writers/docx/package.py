"""Save a python-docx Document so that the same inputs give the same bytes: fixed properties and zip entry times."""

from __future__ import annotations

import datetime as dt
import io
import os
import zipfile
from typing import BinaryIO

from reportgen.document import Meta


def build_time(meta: Meta) -> dt.datetime:
    """Return the document's creation time: SOURCE_DATE_EPOCH when set, else midnight of the data's date (UTC)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).replace(tzinfo=None)
    return dt.datetime.combine(meta.date, dt.time())


def set_properties(document, meta: Meta) -> None:
    """Title, subject, author (编印单位), keywords, category, language zh-CN and fixed dates."""
    props = document.core_properties
    stamp = build_time(meta)
    props.title, props.subject, props.category = meta.title, meta.bulletin, "简报"
    props.author = props.last_modified_by = meta.issuer
    props.keywords = "；".join(meta.keywords)
    props.comments, props.identifier = f"第{meta.issue}期", ""
    props.language = "zh-CN"
    props.created = props.modified = props.last_printed = stamp
    props.revision = 1


def save_reproducibly(document, stream: BinaryIO, stamp: dt.datetime) -> None:
    """Write `document` to `stream` with every zip entry dated `stamp` (no earlier than 1980, zip's epoch)."""
    buffer = io.BytesIO()
    document.save(buffer)
    when = max(stamp, dt.datetime(1980, 1, 1)).timetuple()[:6]
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=when)
            entry.compress_type, entry.external_attr = zipfile.ZIP_DEFLATED, 0o644 << 16
            target.writestr(entry, source.read(info.filename))

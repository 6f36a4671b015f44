"""What a packet says about itself: its zip entry names, decoded as their writer meant them, and its manifest.json,
checked field by field before anything in it is believed."""

from __future__ import annotations

import json
import re
import struct
import zipfile
import zlib
from collections.abc import Collection
from pathlib import Path

from reportgen.errors import PacketError
from reportgen.i18n import _
from reportgen.safezip import unsafe_name

MANIFEST = "manifest.json"
UTF8_FLAG = 0x800  # general purpose bit 11: the entry's name is UTF-8
CLASSIFICATIONS = ("公开", "内部")
#: What reading a damaged or hostile zip can raise, besides PacketError.
ZIP_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, OSError, ValueError, struct.error,
              NotImplementedError, RuntimeError)
_SHA256 = re.compile(r"^[0-9a-f]{64}$")


def entry_name(info: zipfile.ZipInfo, listed: Collection[str] = ()) -> str:
    """Return the entry's name: as the zip stores it when flagged UTF-8 or ASCII; otherwise its bytes read as
    GB18030 (Info-ZIP and Windows on Chinese systems write the local code page) or as UTF-8 (Info-ZIP on Linux),
    whichever of the two names a `listed` file (GB18030 when neither does), else as cp437."""
    name = info.orig_filename
    if info.flag_bits & UTF8_FLAG or name.isascii():
        return name
    raw = name.encode("cp437")  # zipfile decoded the bytes as cp437, which maps every byte: this restores them
    readings = []
    for encoding in ("gb18030", "utf-8"):
        try:
            readings.append(raw.decode(encoding))
        except UnicodeDecodeError:
            continue
    return next((r for r in readings if r in listed), readings[0] if readings else name)


def parse_manifest(packet: Path, raw: bytes, fmt: str, limits) -> dict:
    """Return the manifest of a packet, every field it relies on checked; raise PacketError naming the first bad
    one."""
    try:
        manifest = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise PacketError(_("{packet}: {manifest} is damaged ({error})").format(packet=packet, manifest=MANIFEST,
                                                                                 error=exc)) from None

    def bad(field: str, expected: str, value=None) -> PacketError:
        """Return the PacketError of `field`; `expected` is a whole translated clause ("expected …")."""
        if value is None:
            return PacketError(_("{packet}: {manifest}: {field}: {expected}").format(
                packet=packet, manifest=MANIFEST, field=field, expected=expected))
        return PacketError(_("{packet}: {manifest}: {field}: {expected} (got {value})").format(
            packet=packet, manifest=MANIFEST, field=field, expected=expected,
            value=json.dumps(value, ensure_ascii=False)[:60]))

    if not isinstance(manifest, dict) or manifest.get("format") != fmt:
        raise PacketError(_("{packet}: {manifest} is not a {format} manifest").format(packet=packet, manifest=MANIFEST,
                                                                                       format=fmt))
    meeting = manifest.get("meeting")
    if not isinstance(meeting, dict) or not isinstance(meeting.get("id"), str):
        raise bad("meeting", _("expected a mapping with the meeting's id"), meeting)
    for key in ("data_sha256", "meeting_sha256"):
        if key in manifest and not isinstance(manifest[key], str):
            raise bad(key, _("expected a SHA-256 in hex"), manifest[key])
    if "classification" in manifest and manifest["classification"] not in CLASSIFICATIONS:
        public, internal = CLASSIFICATIONS
        raise bad("classification", _("expected {public} or {internal}").format(public=public, internal=internal),
                  manifest["classification"])
    files = manifest.get("files")
    if not isinstance(files, list):
        raise bad("files", _("expected a list of files"), files)
    seen: set[str] = set()
    for i, entry in enumerate(files):
        _check_file_entry(entry, f"files[{i}]", seen, bad, limits)
    if sum(entry["size"] for entry in files) > limits.total:
        raise bad("files", _("expected at most {limit} bytes in all").format(limit=limits.total))
    return manifest


def _check_file_entry(entry, where: str, seen: set[str], bad, limits) -> None:
    """Raise (through `bad`) when one file entry of the manifest is not a safe name listed once with a size and
    SHA-256 within the limits."""
    if not isinstance(entry, dict):
        raise bad(where, _("expected a mapping with name, role, size and sha256"), entry)
    name = entry.get("name")
    if not isinstance(name, str) or unsafe_name(name) or name == MANIFEST:
        raise bad(f"{where}.name", _("expected a plain file name (no .., no absolute path, no backslash)"), name)
    if name in seen:
        raise bad(f"{where}.name", _("expected each file listed once"), name)
    seen.add(name)
    if not isinstance(entry.get("role"), str):
        raise bad(f"{where}.role", _("expected a text"), entry.get("role"))
    size = entry.get("size")
    if type(size) is not int or not 0 <= size <= limits.entry:
        raise bad(f"{where}.size", _("expected a whole number of bytes up to {limit}").format(limit=limits.entry),
                  size)
    if not isinstance(entry.get("sha256"), str) or not _SHA256.match(entry["sha256"]):
        raise bad(f"{where}.sha256", _("expected a SHA-256 in lower-case hex"), entry.get("sha256"))
    if not isinstance(entry.get("title", ""), str):
        raise bad(f"{where}.title", _("expected a text"), entry.get("title"))

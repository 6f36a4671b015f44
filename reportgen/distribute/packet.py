"""Meeting packets as files: the zip of a packet's items, and checking a packet against its manifest."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import zipfile
from dataclasses import dataclass
from pathlib import Path

from reportgen import reproducible
from reportgen.errors import PacketError
from reportgen.output import write_atomic

MANIFEST, CONTENTS = "manifest.json", "00-目录.txt"
FORMAT = "reportgen-packet/1"


@dataclass(frozen=True)
class Item:
    """One file of a packet: its name in the zip, the document it belongs to and its bytes."""

    name: str
    role: str
    title: str
    data: bytes
    pages: int | None = None


def packet_path(out: Path, meeting_id: str) -> Path:
    """Return where the packet of a meeting is written: OUT/meetings/<id>.zip."""
    return out / "meetings" / f"{meeting_id}.zip"


def write_zip(target: Path, items: list[Item], built: dt.datetime) -> Path:
    """Write the items into a zip atomically, in order, every entry stamped with the build time (UTC+8)."""
    entries = [(item.name, item.data, zipfile.ZIP_DEFLATED) for item in items]
    return write_atomic(target, lambda stream: reproducible.write_zip(stream, entries, built, create_system=3,
                                                                       external_attr=0o644 << 16))


def read_packet(packet: Path) -> tuple[dict, dict[str, bytes]]:
    """Return the manifest and the files of a packet after checking every file against the manifest."""
    broken: dict[str, str] = {}
    files: dict[str, bytes] = {}
    try:
        with zipfile.ZipFile(packet) as archive:
            for name in archive.namelist():
                try:
                    files[name] = archive.read(name)
                except (zipfile.BadZipFile, OSError, EOFError) as exc:
                    broken[name] = f"{name}: damaged, cannot be read ({exc})"
    except FileNotFoundError:
        raise PacketError(f"{packet}: no such packet (make it with reportgen bundle)") from None
    except (zipfile.BadZipFile, OSError) as exc:
        raise PacketError(f"{packet}: not a readable zip packet ({exc})") from None
    manifest = _manifest(packet, files.pop(MANIFEST, None))
    problems = list(broken.values()) + _compare(manifest, files, set(broken))
    if problems:
        raise PacketError(f"{packet} does not match its manifest:\n" + "\n".join(f"  {p}" for p in problems))
    return manifest, files


def _manifest(packet: Path, raw: bytes | None) -> dict:
    """Return the parsed manifest; raise PacketError when it is missing or not ours."""
    if raw is None:
        raise PacketError(f"{packet}: no {MANIFEST} in the packet (or it cannot be read)")
    try:
        manifest = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise PacketError(f"{packet}: {MANIFEST} is damaged ({exc})") from None
    shaped = isinstance(manifest, dict) and isinstance(manifest.get("files"), list) and \
        isinstance(manifest.get("meeting"), dict)
    if not shaped or manifest.get("format") != FORMAT:
        raise PacketError(f"{packet}: {MANIFEST} is not a {FORMAT} manifest")
    return manifest


def _compare(manifest: dict, files: dict[str, bytes], broken: set[str]) -> list[str]:
    """Return one line per readable file that is missing, changed or not listed in the manifest."""
    problems = []
    listed = {entry.get("name"): entry for entry in manifest["files"] if isinstance(entry, dict)}
    for name, entry in listed.items():
        if name in broken:
            continue
        if name not in files:
            problems.append(f"{name}: listed in the manifest but missing from the packet")
        elif hashlib.sha256(files[name]).hexdigest() != entry.get("sha256"):
            problems.append(f"{name}: changed (SHA-256 differs from the manifest; {len(files[name])} bytes, "
                            f"manifest says {entry.get('size')})")
    problems += [f"{name}: not listed in the manifest" for name in [*files, *broken] if name not in listed]
    return problems

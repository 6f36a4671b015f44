"""Meeting packets as files: the zip of a packet's items, and checking a packet against its manifest.

A packet may come from anyone, so the check trusts nothing in it: every entry name is decoded as its writer meant
it and must be listed once in the manifest, every entry is read in chunks and hashed, and no entry is read past
the size the manifest gives it or the limits of `Limits`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
import stat
import zipfile
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from reportgen import reproducible
from reportgen.distribute.manifest import MANIFEST, ZIP_ERRORS, entry_name, parse_manifest
from reportgen.safezip import unsafe_name
from reportgen.errors import PacketError
from reportgen.i18n import _
from reportgen.output import write_atomic

CONTENTS = "00-目录.txt"
FORMAT = "reportgen-packet/1"
CHUNK = 1 << 20  # bytes read and hashed at a time


@dataclass(frozen=True)
class Item:
    """One file of a packet: its name in the zip, the document it belongs to and its bytes."""

    name: str
    role: str
    title: str
    data: bytes
    pages: int | None = None


@dataclass(frozen=True)
class Limits:
    """How much a packet may hold: bytes per entry, in all entries and in the manifest; the largest compression
    ratio of an entry over `ratio_from` bytes (documents are compressed already; text compresses about 5:1)."""

    entry: int = 256 << 20
    total: int = 1 << 30
    manifest: int = 4 << 20
    ratio: float = 100.0
    ratio_from: int = 1 << 20


LIMITS = Limits()


def packet_path(out: Path, meeting_id: str) -> Path:
    """Return where the packet of a meeting is written: OUT/meetings/<id>.zip."""
    return out / "meetings" / f"{meeting_id}.zip"


def write_zip(target: Path, items: list[Item], built: dt.datetime) -> Path:
    """Write the items into a zip atomically, in order, every entry stamped with the build time (UTC+8)."""
    entries = [(item.name, item.data, zipfile.ZIP_DEFLATED) for item in items]
    return write_atomic(target, lambda stream: reproducible.write_zip(stream, entries, built, create_system=3,
                                                                       external_attr=0o644 << 16))


def packet_bytes(packet: Path, limits: Limits = LIMITS) -> bytes:
    """Return the bytes of the packet file; raise PacketError when it is missing, not a regular file (a folder,
    a symbolic link, a device) or larger than `limits.total`."""
    with _open_packet(packet, limits) as stream:
        return stream.read(limits.total + 1)


def read_packet(packet: Path, keep_roles: Collection[str] = (), limits: Limits = LIMITS,
                content: bytes | None = None) -> tuple[dict, dict[str, bytes]]:
    """Return the manifest and the bytes of the listed files whose role is in `keep_roles`, after checking every
    file against the manifest; `content` is the packet's bytes when already read (else the file is streamed)."""
    try:
        if content is not None:
            with zipfile.ZipFile(io.BytesIO(content)) as archive:
                return _check(packet, archive, keep_roles, limits)
        with _open_packet(packet, limits) as stream, zipfile.ZipFile(stream) as archive:
            return _check(packet, archive, keep_roles, limits)
    except ZIP_ERRORS as exc:
        raise PacketError(_("{packet}: not a readable zip packet ({error})")
                          .format(packet=packet, error=exc or type(exc).__name__)) from None


def _open_packet(packet: Path, limits: Limits) -> BinaryIO:
    """Return the packet file open for reading, after refusing what is not a regular file of a sensible size."""
    try:
        fd = os.open(packet, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0) |
                     getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise PacketError(_("{packet}: no such packet (make it with reportgen bundle)").format(packet=packet)) from None
    except OSError as exc:
        if packet.is_symlink():
            raise PacketError(_("{packet}: not a packet: a symbolic link; give the packet file itself")
                              .format(packet=packet)) from None
        raise PacketError(_("{packet}: not a packet: unreadable ({error})").format(packet=packet, error=exc)) from None
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode) or info.st_size > limits.total:
        os.close(fd)
        if stat.S_ISREG(info.st_mode):
            raise PacketError(_("{packet}: not a packet: larger than a packet may be").format(packet=packet))
        raise PacketError(_("{packet}: not a packet: not a regular file").format(packet=packet))
    return os.fdopen(fd, "rb")


def _check(packet: Path, archive: zipfile.ZipFile, keep_roles: Collection[str], limits: Limits):
    """Return the manifest and the kept files of an open packet; raise PacketError naming each problem."""
    manifests = [info for info in archive.infolist() if info.orig_filename == MANIFEST]
    if len(manifests) != 1:
        if not manifests:
            raise PacketError(_("{packet}: no {manifest} in the packet").format(packet=packet, manifest=MANIFEST))
        raise PacketError(_("{packet}: entries given twice (a forged copy may hide behind the genuine one): {names}")
                          .format(packet=packet, names=MANIFEST))
    manifest = parse_manifest(packet, _read_manifest(packet, archive, manifests[0], limits), FORMAT, limits)
    listed = {entry["name"]: entry for entry in manifest["files"]}
    entries = _entries(packet, archive, listed)
    unlisted = [name for name in entries if name not in listed]
    if unlisted:
        raise PacketError(_("{packet}: entries not listed in its {manifest} (not read): {names}")
                          .format(packet=packet, manifest=MANIFEST, names=", ".join(unlisted)))
    files: dict[str, bytes] = {}
    problems = []
    for name, entry in listed.items():
        if name not in entries:
            problems.append(_("{name}: listed in the manifest but missing from the packet").format(name=name))
            continue
        problem = _verify_entry(archive, entries[name], entry, limits, files if entry["role"] in keep_roles else None)
        problems += [_("{name}: {problem}").format(name=name, problem=problem)] if problem else []
    if problems:
        raise PacketError(_("{packet} does not match its manifest:\n{problems}")
                          .format(packet=packet, problems="\n".join(f"  {p}" for p in problems)))
    return manifest, files


def _entries(packet: Path, archive: zipfile.ZipFile, listed: Collection[str]) -> dict[str, zipfile.ZipInfo]:
    """Return the zip's entries but the manifest by decoded name; raise PacketError for a name given twice or an
    unsafe name."""
    entries: dict[str, zipfile.ZipInfo] = {}
    twice, unsafe = [], []
    for info in archive.infolist():
        name = entry_name(info, listed)
        if unsafe_name(name):
            unsafe.append(repr(name))
        if name in entries:
            twice.append(name)
        entries.setdefault(name, info)
    if twice:
        raise PacketError(_("{packet}: entries given twice (a forged copy may hide behind the genuine one): {names}")
                          .format(packet=packet, names=", ".join(dict.fromkeys(twice))))
    if unsafe:
        raise PacketError(_("{packet}: entry names that could write outside a folder (.., an absolute path, a "
                            "backslash or a control character): {names}").format(packet=packet,
                                                                                 names=", ".join(unsafe)))
    entries.pop(MANIFEST)
    return entries


def _read_manifest(packet: Path, archive: zipfile.ZipFile, info: zipfile.ZipInfo, limits: Limits) -> bytes:
    """Return the manifest's bytes, read no further than `limits.manifest`."""
    with archive.open(info) as stream:
        raw = stream.read(limits.manifest + 1)
    if len(raw) > limits.manifest:
        raise PacketError(_("{packet}: {manifest} is larger than {limit} bytes; not a packet manifest")
                          .format(packet=packet, manifest=MANIFEST, limit=limits.manifest))
    return raw


def _verify_entry(archive: zipfile.ZipFile, info: zipfile.ZipInfo, entry: dict, limits: Limits,
                  keep: dict[str, bytes] | None) -> str | None:
    """Return what is wrong with one entry (None when it matches the manifest); add its bytes to `keep` if given.

    The entry is read 1 MB at a time and never past the size the manifest gives it.
    """
    size = entry["size"]
    if info.file_size > size:
        return _("larger than the manifest says ({size} bytes, manifest says {listed}); not read").format(
            size=info.file_size, listed=size)
    if info.file_size > limits.ratio_from and info.file_size > limits.ratio * max(info.compress_size, 1):
        return _("compressed {ratio}:1 ({packed} bytes inflate to {size}); refused as a zip bomb").format(
            ratio=info.file_size // max(info.compress_size, 1), packed=info.compress_size, size=info.file_size)
    digest, chunks, count = hashlib.sha256(), [], 0
    try:
        with archive.open(info) as stream:
            while chunk := stream.read(min(CHUNK, size + 1 - count)):
                count += len(chunk)
                if count > size:
                    return _("larger than the manifest says (more than {listed} bytes); reading stopped there"
                             ).format(listed=size)
                digest.update(chunk)
                if keep is not None:
                    chunks.append(chunk)
    except ZIP_ERRORS as exc:
        return _("damaged, cannot be read ({error})").format(error=exc or type(exc).__name__)
    if count != size or digest.hexdigest() != entry["sha256"]:
        return _("changed (SHA-256 differs from the manifest; {size} bytes, manifest says {listed})").format(
            size=count, listed=size)
    if keep is not None:
        keep[entry["name"]] = b"".join(chunks)
    return None

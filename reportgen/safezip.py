"""Check an Office file before python-docx, python-pptx or openpyxl opens it: a real file of its kind, of sane
size, whose entry names are plain and unique (a reference .docx/.pptx, or a data workbook).

A zip bomb (a small file that inflates to gigabytes) is refused from the sizes its zip directory declares; that
is enough because Python's zipfile never inflates an entry beyond its declared size (it fails the CRC instead).
"""

from __future__ import annotations

import posixpath
import zipfile
from pathlib import Path, PurePosixPath, PureWindowsPath

from lxml import etree

from reportgen.errors import ReferenceFileError
from reportgen.i18n import _

MAX_FILE_BYTES = 100 * 2**20  # the reference file on disk
MAX_TOTAL_BYTES = 256 * 2**20  # all entries, inflated
MAX_ENTRIES = 5000
MAX_RATIO = 200  # inflated / compressed, for entries above RATIO_FLOOR
RATIO_FLOOR = 2**20

OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
_WML = "application/vnd.openxmlformats-officedocument.wordprocessingml"
_PML = "application/vnd.openxmlformats-officedocument.presentationml"
_SML = "application/vnd.openxmlformats-officedocument.spreadsheetml"
#: The main part content types a reference of each suffix may have, each with the macro-free type it is cleaned to
#: and whether it is macro-enabled (templates and macro-enabled files are accepted; sanitise makes them plain).
MAIN_TYPES = {
    ".docx": {f"{_WML}.document.main+xml": (f"{_WML}.document.main+xml", False),
              f"{_WML}.template.main+xml": (f"{_WML}.document.main+xml", False),
              "application/vnd.ms-word.document.macroEnabled.main+xml": (f"{_WML}.document.main+xml", True),
              "application/vnd.ms-word.template.macroEnabledTemplate.main+xml": (f"{_WML}.document.main+xml", True)},
    ".pptx": {f"{_PML}.presentation.main+xml": (f"{_PML}.presentation.main+xml", False),
              f"{_PML}.template.main+xml": (f"{_PML}.presentation.main+xml", False),
              "application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml":
                  (f"{_PML}.presentation.main+xml", True),
              "application/vnd.ms-powerpoint.template.macroEnabled.main+xml": (f"{_PML}.presentation.main+xml", True)},
    ".xlsx": {f"{_SML}.sheet.main+xml": (f"{_SML}.sheet.main+xml", False),
              f"{_SML}.template.main+xml": (f"{_SML}.sheet.main+xml", False),
              "application/vnd.ms-excel.sheet.macroEnabled.main+xml": (f"{_SML}.sheet.main+xml", True)},
}
#: How every reference XML is parsed: no entity expansion, no network, no huge trees.
PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


class Unsafe(Exception):
    """A package that is not safe or not of its kind to open; the text says why."""


def check_reference(path: Path) -> Path:
    """Return `path` when it is a usable Word/PowerPoint file of its suffix; raise ReferenceFileError otherwise."""
    try:
        return check_package(path)
    except Unsafe as exc:
        raise ReferenceFileError(_("{path}: cannot use this reference file: {reason}").format(
            path=path, reason=exc)) from None


def check_package(path: Path) -> Path:
    """Return `path` when it is a sound Office package of its suffix (.docx, .pptx, .xlsx); raise Unsafe saying
    why not: too large, not a zip package, a zip bomb, unsafe or repeated entry names, no main part of its kind."""
    kind = {".docx": "Word", ".pptx": "PowerPoint", ".xlsx": "Excel"}.get(path.suffix.lower(), "Office")
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            _refuse(path, _("the file is {size}; the limit is {limit}").format(
                size=_mb(size), limit=_mb(MAX_FILE_BYTES)))
        if not zipfile.is_zipfile(path):
            _refuse(path, _("not a {kind} file (it is not a zip package; save it from {kind} as {suffix})").format(
                kind=kind, suffix=path.suffix))
        with zipfile.ZipFile(path) as package:
            _check_sizes(path, package.infolist())
            _check_names(path, package.namelist())
            _check_main_part(path, package, kind)
            broken = package.testzip()
            if broken:
                _refuse(path, _("the package is corrupt (entry {entry} fails its checksum)").format(entry=broken))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, KeyError, NotImplementedError, etree.XMLSyntaxError,
            RuntimeError) as exc:
        _refuse(path, _("the package is corrupt ({error}: {detail})").format(error=type(exc).__name__, detail=exc))
    except OSError as exc:
        _refuse(path, _("cannot be read ({reason})").format(reason=exc.strerror or exc))
    return path


def _check_sizes(path: Path, entries: list[zipfile.ZipInfo]) -> None:
    """Refuse packages whose declared inflated sizes or ratios are those of a zip bomb."""
    if len(entries) > MAX_ENTRIES:
        _refuse(path, _("{count} entries in the package; the limit is {limit}").format(count=len(entries),
                                                                                      limit=MAX_ENTRIES))
    total = sum(e.file_size for e in entries)
    if total > MAX_TOTAL_BYTES:
        _refuse(path, _("inflates to {size}; the limit is {limit} (a zip bomb?)").format(
            size=_mb(total), limit=_mb(MAX_TOTAL_BYTES)))
    for entry in entries:
        ratio = entry.file_size / max(entry.compress_size, 1)
        if entry.file_size > RATIO_FLOOR and ratio > MAX_RATIO:
            _refuse(path, _("entry {entry} inflates {ratio:.0f} times ({size}); the limit is {limit} times "
                            "(a zip bomb?)").format(entry=entry.filename, ratio=ratio, size=_mb(entry.file_size),
                                                    limit=MAX_RATIO))


def unsafe_name(name: str) -> bool:
    """Return True for a zip entry name that is not a plain relative path: .., absolute, a drive, a backslash, a
    control character, or empty."""
    parts = PurePosixPath(name).parts
    return (not name or "\\" in name or name.startswith("/") or bool(PureWindowsPath(name).drive) or ".." in parts
            or any(ord(c) < 32 or ord(c) == 127 for c in name))


def _check_names(path: Path, names: list[str]) -> None:
    """Refuse entry names that leave the package (../, absolute, drive letters, backslashes) or repeat."""
    for name in names:
        if unsafe_name(name):
            _refuse(path, _("entry {name!r} is not a plain name inside the package").format(name=name))
    seen: set[str] = set()
    for name in names:
        if name.lower() in seen:
            _refuse(path, _("entry {name!r} occurs twice in the package").format(name=name))
        seen.add(name.lower())


def _check_main_part(path: Path, package: zipfile.ZipFile, kind: str) -> None:
    """Refuse a package without the main part of a Word document or a PowerPoint presentation."""
    names = set(package.namelist())
    for required in ("[Content_Types].xml", "_rels/.rels"):
        if required not in names:
            _refuse(path, _("not a {kind} file ({part} is missing)").format(kind=kind, part=required))
    rels = etree.fromstring(package.read("_rels/.rels"), PARSER)
    targets = [r.get("Target", "") for r in rels if r.get("Type") == OFFICE_DOCUMENT]
    main = posixpath.normpath(targets[0].lstrip("/")) if targets else ""
    types = etree.fromstring(package.read("[Content_Types].xml"), PARSER)
    declared = {o.get("PartName", "").lstrip("/"): o.get("ContentType") for o in types if o.get("PartName")}
    expected = tuple(MAIN_TYPES.get(path.suffix.lower(), {}))[:1]
    if main and main not in names:
        _refuse(path, _("not a {kind} file (its main part {part} is missing from the package)").format(
            kind=kind, part=main))
    if declared.get(main) not in MAIN_TYPES.get(path.suffix.lower(), {}):
        found = declared.get(main) or _("no main document")
        _refuse(path, _("not a {kind} file (its main part is {found}; expected {expected})").format(
            kind=kind, found=found, expected=" or ".join(expected)))


def _refuse(path: Path, reason: str) -> None:
    """Raise Unsafe for `path`."""
    raise Unsafe(reason)


def _mb(size: int) -> str:
    """Return a byte count in MB with one decimal: 256.0 MB."""
    return f"{size / 2**20:.1f} MB"

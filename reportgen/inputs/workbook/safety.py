"""Refuse a workbook that is not safe to open or not a plain workbook, before openpyxl reads it: a zip bomb,
unsafe entry names, another format under an .xlsx name, a password-protected file, macros, external links."""

from __future__ import annotations

import zipfile
from pathlib import Path

from reportgen.errors import DataError, Problem
from reportgen.i18n import _
from reportgen.safezip import MAIN_TYPES, Unsafe, check_package

OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an encrypted .xlsx, or an old .xls


def check_workbook(path: Path) -> Path:
    """Return `path` when it is a plain .xlsx workbook safe to read; raise DataError with one problem otherwise."""
    try:
        with path.open("rb") as stream:
            head = stream.read(8)
    except OSError as exc:
        _refuse(path, _("cannot be read ({reason})").format(reason=exc.strerror or exc))
    if head == OLE_SIGNATURE:
        _refuse(path, _("the workbook is protected by a password (or is an old .xls file): save it in Excel or WPS "
                        "表格 as a .xlsx workbook without a password to open"))
    try:
        check_package(path)
    except Unsafe as exc:
        _refuse(path, str(exc))
    with zipfile.ZipFile(path) as package:
        names = package.namelist()
        types = package.read("[Content_Types].xml").decode("utf-8", "replace")
    if any(name.lower().startswith("xl/externallinks/") for name in names):
        _refuse(path, _("the workbook links to other workbooks (external links); copy the values in (paste as "
                        "values) and remove the links"))
    macro_types = [t for t, (_plain, macros) in MAIN_TYPES[".xlsx"].items() if macros]
    if any(name.lower().endswith("vbaproject.bin") for name in names) or any(t in types for t in macro_types):
        _refuse(path, _("the workbook holds macros; save it as a plain .xlsx workbook (without macros)"))
    return path


def _refuse(path: Path, reason: str) -> None:
    raise DataError([Problem(path, None, "", _("cannot read this workbook: {reason}").format(reason=reason))])

"""`reportgen doctor`: check everything a build needs on this machine and say how to get what is missing.

Each check gives a line the user can act on: what was found, or what is missing and the command or download that
brings it (Windows, 麒麟/统信 and other Debian-based systems). A build can run when no required check fails.
"""

from __future__ import annotations

import platform
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import metadata

from reportgen.i18n import _

#: The packages a build imports, as pip names them.
PACKAGES = ("python-docx", "python-pptx", "XlsxWriter", "jinja2", "pydantic", "pyyaml", "click", "rich",
            "fonttools", "pypdfium2", "pillow", "pylopdf-fonts-zh-cn")
#: The office fonts the documents name, and the file a Windows installation holds each in.
OFFICE_FONTS = {"仿宋_GB2312": "仿宋_GB2312.ttf", "方正小标宋简体": "方正小标宋简体.ttf", "黑体": "simhei.ttf",
                "楷体_GB2312": "楷体_GB2312.ttf", "宋体": "simsun.ttc", "微软雅黑": "msyh.ttc"}
MIN_PYTHON = (3, 11)


@dataclass(frozen=True)
class Check:
    """One thing a build needs: whether it is there, what was found or what is missing, how to fix it."""

    name: str
    ok: bool
    detail: str
    fix: str = ""
    required: bool = True


def checks() -> Iterator[Check]:
    """Yield every check, in the order a user would fix them."""
    yield _python()
    yield from _packages()
    yield _libreoffice()
    yield _open_fonts()
    yield from _office_fonts()


def can_build(results: list[Check]) -> bool:
    """Whether every required check passed."""
    return all(c.ok for c in results if c.required)


def _python() -> Check:
    version = ".".join(map(str, sys.version_info[:3]))
    ok = sys.version_info[:2] >= MIN_PYTHON
    return Check("Python", ok, version, "" if ok else _("install Python 3.11 or later from python.org (Windows) "
                                                      "or with the system's package manager"))


def _packages() -> Iterator[Check]:
    for name in PACKAGES:
        try:
            yield Check(name, True, metadata.version(name))
        except metadata.PackageNotFoundError:
            yield Check(name, False, _("not installed"), _("pip install reportgen (or pip install {name})").format(
                name=name))


def _libreoffice() -> Check:
    """LibreOffice converts to PDF and makes the page previews."""
    from reportgen.errors import ToolError
    from reportgen.writers.pdf import find_soffice, install_advice

    try:
        return Check("LibreOffice", True, find_soffice())
    except ToolError:
        return Check("LibreOffice", False, _("not found: .docx and .pptx are written, PDF files and page previews "
                                            "are not"), install_advice())


def _open_fonts() -> Check:
    from reportgen.fonts import open_sans_path

    path = open_sans_path()
    return Check(_("open Chinese font (charts, measuring slide text)"), path is not None,
                 str(path) if path else _("not found"),
                 "" if path else _("pip install pylopdf-fonts-zh-cn, or install the system's Noto CJK fonts "
                                   "(sudo apt-get install fonts-noto-cjk)"))


def _office_fonts() -> Iterator[Check]:
    """The fonts the documents name: without them Word, WPS and LibreOffice show another face (not an error)."""
    from reportgen.fonts import OPEN_ALIASES

    installed = installed_families()
    for family in OFFICE_FONTS:
        substitute = OPEN_ALIASES.get(family, ("?", False))[0]
        if installed is None:
            yield Check(family, True, _("cannot list the installed fonts on this system"), required=False)
        elif family in installed:
            yield Check(family, True, _("installed"), required=False)
        else:
            yield Check(family, False, _("not installed: PDFs and previews made here use {font} instead; the "
                                         "reader's Word or WPS uses the font if it has it").format(font=substitute),
                        _("install the font (the office's font package, or from the font's vendor) to see the "
                          "documents as printed"), required=False)


def installed_families() -> set[str] | None:
    """Return the font family names installed on this system, None when they cannot be listed."""
    if sys.platform == "win32":
        import os
        from pathlib import Path

        folder = Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"
        files = {p.name.lower() for p in folder.glob("*")} if folder.is_dir() else set()
        return {family for family, file in OFFICE_FONTS.items() if file.lower() in files}
    if not shutil.which("fc-list"):
        return None
    listed = subprocess.run(["fc-list", ":", "family"], capture_output=True, text=True, timeout=60).stdout
    return {name.strip() for line in listed.splitlines() for name in line.split(",")}


def report(results: list[Check]) -> list[str]:
    """Return the lines `reportgen doctor` prints: one per check, then the verdict."""
    lines = [_("reportgen on {system} ({machine})").format(system=platform.platform(terse=True),
                                                           machine=platform.machine())]
    fixes: set[str] = set()
    for check in results:
        mark = "✓" if check.ok else ("✗" if check.required else "!")
        lines.append(f"{mark} {check.name}: {check.detail}")
        if check.fix and not check.ok and check.fix not in fixes:  # the same advice once
            fixes.add(check.fix)
            lines.append("    " + _("to fix: {fix}").format(fix=check.fix))
    lines.append(_("a build can run on this machine") if can_build(results) else
                 _("a build cannot run completely on this machine: fix the lines marked ✗"))
    return lines

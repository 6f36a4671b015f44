"""What one build reads and writes (Settings), and the check of every option before any work is done."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from reportgen.errors import UsageError
from reportgen.i18n import _
from reportgen.output import check_folder
from reportgen.references import References
from reportgen.reproducible import source_date_epoch
from reportgen.resources import Locator

FORMATS = ("docx", "pptx", "pdf")
#: Formats a writer makes from the Document; pdf is converted from them (alone, it means docx, pptx and pdf).
DOCUMENT_FORMATS = ("docx", "pptx")
EXECUTORS = ("local", "dask")
AUDIENCE_NAME = re.compile(r"^[\w-]+$")


@dataclass(frozen=True)
class Settings:
    """What one build reads and writes, and how the work is spread."""

    data: Path = Path("data")
    templates: Path | None = None
    audiences: Sequence[str] = ("full",)
    formats: Sequence[str] = DOCUMENT_FORMATS
    out: Path = Path("build")
    cwd: Path = field(default_factory=Path.cwd)
    jobs: int = 0  # worker processes; 0: one per core
    executor: str = "local"  # local (this machine) or dask (a Dask cluster at `scheduler`)
    scheduler: str | None = None
    cache: bool = True  # skip outputs whose inputs did not change since they were written
    strict: bool = False  # a warning fails the build before anything is written


@dataclass(frozen=True)
class Checked:
    """Settings once checked: the template roots, the audience names, the formats the writers make."""

    settings: Settings
    locator: Locator
    references: References
    audiences: tuple[str, ...]
    formats: tuple[str, ...]  # docx and/or pptx
    pdf: bool


def check(settings: Settings) -> Checked:
    """Return the checked settings; raise UsageError (or ReferenceFileError, OutputError) on the first bad one."""
    unknown = [f for f in settings.formats if f not in FORMATS]
    if unknown or not settings.formats:
        raise UsageError(_("unknown format {name} (expected one of: {known})").format(
            name=", ".join(unknown) or _("(none)"), known=", ".join(FORMATS)))
    source_date_epoch()  # a bad SOURCE_DATE_EPOCH is an option error, found before any work
    check_executor(settings.executor, settings.scheduler)
    check_folder(settings.out)
    locator = Locator.default(settings.templates, settings.cwd)
    references = References(locator)
    for fmt in settings.formats:
        if fmt in DOCUMENT_FORMATS:
            references.user_default(fmt)  # a broken ./templates/reference.docx stops the build here
    formats = tuple(f for f in settings.formats if f in DOCUMENT_FORMATS) or DOCUMENT_FORMATS
    return Checked(settings, locator, references, audience_names(settings.audiences, locator), formats,
                   "pdf" in settings.formats)


def audience_names(requested: Sequence[str], locator: Locator) -> tuple[str, ...]:
    """Return the audiences to build: `requested`, or every profile on the template path for ["all"]."""
    names = locator.names("audiences", ".yaml") if list(requested) == ["all"] else list(requested)
    bad = [name for name in names if not AUDIENCE_NAME.match(name)]
    if bad:
        raise UsageError(_("audience name {name!r} is not a name (expected letters, digits, - and _)").format(
            name=bad[0]))
    return tuple(names)


def check_executor(executor: str, scheduler: str | None) -> None:
    """Raise UsageError for an unknown executor, or for dask without a scheduler address."""
    if executor not in EXECUTORS:
        raise UsageError(_("unknown executor {name!r} (expected one of: {known})").format(
            name=executor, known=", ".join(EXECUTORS)))
    if executor == "dask" and not scheduler:
        raise UsageError(_("--executor dask needs --scheduler ADDRESS (e.g. tcp://10.0.0.5:8786)"))

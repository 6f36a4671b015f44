"""The pipeline: load and validate the data, compose a Document per audience, write every format."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from reportgen.errors import UsageError

FORMATS = ("docx", "pptx")
AUDIENCE_NAME = re.compile(r"^[\w-]+$")


@dataclass(frozen=True)
class Settings:
    """What one build reads and writes."""

    data: Path = Path("data")
    templates: Path | None = None
    audiences: Sequence[str] = ("full",)
    formats: Sequence[str] = FORMATS
    out: Path = Path("build")
    cwd: Path = field(default_factory=Path.cwd)


def build(settings: Settings, report: Callable[[str], None] = lambda message: None) -> list[Path]:
    """Build every requested audience and format; nothing is written unless all inputs are valid."""
    from reportgen.compose import compose_deck, compose_document
    from reportgen.compose.profile import list_profiles, load_profile
    from reportgen.inputs.loader import load_briefing
    from reportgen.output import batch, check_folder, inside
    from reportgen.reproducible import source_date_epoch
    from reportgen.resources import Locator
    from reportgen.safezip import check_reference

    unknown = [f for f in settings.formats if f not in FORMATS]
    if unknown or not settings.formats:
        raise UsageError(f"unknown format {', '.join(unknown) or '(none)'} (expected one of: {', '.join(FORMATS)})")
    source_date_epoch()  # a bad SOURCE_DATE_EPOCH is an option error, found before any work
    check_folder(settings.out)
    locator = Locator.default(settings.templates, settings.cwd)
    for path in filter(None, (locator.find(f"reference.{fmt}") for fmt in settings.formats)):
        check_reference(path)
    briefing = load_briefing(settings.data)
    report(f"loaded {settings.data}")
    names = list_profiles(locator) if list(settings.audiences) == ["all"] else list(settings.audiences)
    bad = [name for name in names if not AUDIENCE_NAME.match(name)]
    if bad:
        raise UsageError(f"audience name {bad[0]!r} is not a name (expected letters, digits, - and _)")
    profiles = [load_profile(name, locator) for name in names]
    compose = {"docx": compose_document, "pptx": compose_deck}
    documents = [{fmt: compose[fmt](briefing, profile, locator) for fmt in settings.formats} for profile in profiles]
    report(f"composed {', '.join(names)}")
    outputs = []
    with batch():  # every file is renamed into place at the end, or none when a write fails
        for profile, composed in zip(profiles, documents):
            for fmt, document in composed.items():
                target = inside(settings.out, profile.name, getattr(profile.outputs, fmt))
                outputs.append(_write(fmt, document, target, locator))
                report(f"wrote {target}")
    return outputs


def _write(fmt: str, document, target: Path, locator) -> Path:
    """Write `document` as `fmt`, importing the writer only when needed (python-docx/pptx are slow to import)."""
    from reportgen.resources import shipped_templates

    if fmt == "docx":
        from reportgen.writers.docx import document_to_docx

        return document_to_docx(document, target)
    from reportgen.writers.pptx import document_to_pptx

    shipped = shipped_templates() / "reference.pptx"
    return document_to_pptx(document, target, locator.find("reference.pptx") or shipped, shipped)

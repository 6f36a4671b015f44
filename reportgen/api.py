"""The pipeline: load and validate the data, compose a Document per audience, write every format."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from reportgen.errors import UsageError

FORMATS = ("docx", "pptx", "pdf")
#: Formats a writer makes from the Document; pdf is converted from them (alone, it means docx, pptx and pdf).
DOCUMENT_FORMATS = ("docx", "pptx")


@dataclass(frozen=True)
class Settings:
    """What one build reads and writes."""

    data: Path = Path("data")
    templates: Path | None = None
    audiences: Sequence[str] = ("full",)
    formats: Sequence[str] = DOCUMENT_FORMATS
    out: Path = Path("build")
    cwd: Path = field(default_factory=Path.cwd)


def build(settings: Settings, report: Callable[[str], None] = lambda message: None) -> list[Path]:
    """Build every requested audience and format; nothing is written unless all inputs are valid."""
    from reportgen.compose import compose_document
    from reportgen.compose.profile import list_profiles, load_profile
    from reportgen.inputs.loader import load_briefing
    from reportgen.resources import Locator

    unknown = [f for f in settings.formats if f not in FORMATS]
    if unknown or not settings.formats:
        raise UsageError(f"unknown format {', '.join(unknown) or '(none)'} (expected one of: {', '.join(FORMATS)})")
    locator = Locator.default(settings.templates, settings.cwd)
    briefing = load_briefing(settings.data)
    report(f"loaded {settings.data}")
    names = list_profiles(locator) if list(settings.audiences) == ["all"] else list(settings.audiences)
    profiles = [load_profile(name, locator) for name in names]
    documents = [compose_document(briefing, profile, locator) for profile in profiles]
    report(f"composed {', '.join(names)}")
    outputs = []
    written = [f for f in settings.formats if f in DOCUMENT_FORMATS] or list(DOCUMENT_FORMATS)
    for profile, document in zip(profiles, documents):
        for fmt in written:
            target = settings.out / profile.name / getattr(profile.outputs, fmt)
            outputs.append(_writer(fmt)(document, target))
            report(f"wrote {target}")
    if "pdf" in settings.formats:
        from reportgen.writers.pdf import add_pdfs

        outputs += add_pdfs(outputs, report)
    return outputs


def _writer(fmt: str) -> Callable:
    """Return the writer function of `fmt`, imported only when needed (python-docx/pptx are slow to import)."""
    if fmt == "docx":
        from reportgen.writers.docx import document_to_docx

        return document_to_docx
    from reportgen.writers.pptx import document_to_pptx

    return document_to_pptx

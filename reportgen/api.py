"""The pipeline: load and validate the data, compose a Document per audience, write every format."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from reportgen.errors import UsageError
from reportgen.output import batch, check_folder, inside

FORMATS = ("docx", "pptx", "pdf")
#: Formats a writer makes from the Document; pdf is converted from them (alone, it means docx, pptx and pdf).
DOCUMENT_FORMATS = ("docx", "pptx")
AUDIENCE_NAME = re.compile(r"^[\w-]+$")


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
    """Build every requested audience and format; nothing is written unless all inputs are valid.

    Each audience writes OUT/<audience>/ (a batch audience OUT/<audience>/<edition>/) and a manifest.json
    recording its files and every item it left out, with the reason.
    """
    from reportgen.compose import compose_audience
    from reportgen.compose.profile import list_profiles, load_profile
    from reportgen.inputs.loader import load_briefing
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
    composed = [(profile, compose_audience(briefing, profile, locator)) for profile in profiles]
    report(f"composed {', '.join(names)}")
    outputs = []
    formats = [f for f in settings.formats if f in DOCUMENT_FORMATS] or list(DOCUMENT_FORMATS)
    with batch():  # every file is renamed into place at the end, or none when a write fails
        for profile, editions in composed:
            written = [_write_edition(settings, formats, profile, edition, locator, report) for edition in editions]
            outputs.extend(path for _, files in written for path in files.values())
            outputs.append(_write_manifest(inside(settings.out, profile.name, "manifest.json"), profile, written))
    if "pdf" in settings.formats:
        from reportgen.writers.pdf import add_pdfs

        outputs += add_pdfs([p for p in outputs if p.suffix in (".docx", ".pptx")], report)
    return outputs


def _write_edition(settings: Settings, formats: list[str], profile, edition, locator,
                   report: Callable[[str], None]):
    """Write `formats` of one edition; return the edition (with slides a short deck left out) and its files."""
    files = {}
    dropped = dict(edition.dropped)
    for fmt in formats:
        target = inside(settings.out, profile.name, edition.folder, getattr(profile.outputs, fmt))
        document = edition.documents[fmt]
        if fmt == "docx":
            from reportgen.writers.docx import document_to_docx

            files[fmt] = document_to_docx(document, target, locator)
        else:
            deck = _plan_deck(document, locator)
            files[fmt] = _write_deck(deck, target)
            dropped[fmt] = (*dropped[fmt], *_slides_left_out(deck))
        report(f"wrote {target}")
    return replace(edition, dropped=dropped), files


def _plan_deck(document, locator):
    """Plan the deck in the audience's reference deck, else ./templates' or the shipped one."""
    from reportgen.resources import shipped_templates
    from reportgen.writers.pptx import plan_pptx

    shipped = shipped_templates() / "reference.pptx"
    reference = Path(document.meta.reference_pptx) if document.meta.reference_pptx else None
    return plan_pptx(document, reference or locator.find("reference.pptx") or shipped, shipped)


def _write_deck(deck, target: Path) -> Path:
    from reportgen.writers.pptx import write_pptx

    return write_pptx(deck, target)


def _slides_left_out(deck) -> list:
    """Return the audit entries of the slides beyond the audience's deck length."""
    from reportgen.compose.select import Dropped

    kept = len(deck.slides)
    return [Dropped(f"slides[{kept + k}]", slide.title.plain[0], "deck length", f"the deck keeps {kept} slides")
            for k, slide in enumerate(deck.left_out)]


def _write_manifest(target: Path, profile, written) -> Path:
    """Write the audience's manifest.json atomically and return its path."""
    from reportgen.compose.manifest import audience_manifest, manifest_json
    from reportgen.output import write_atomic

    data = manifest_json(audience_manifest(profile, written))
    return write_atomic(target, lambda stream: stream.write(data))

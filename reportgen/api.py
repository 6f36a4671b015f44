"""The pipeline: load and validate the data, compose a Document per audience, write every format."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from reportgen.errors import UsageError
from reportgen.output import batch, check_folder, inside, write_atomic

FORMATS = ("docx", "pptx", "pdf")
#: Formats a writer makes from the Document; pdf is converted from them (alone, it means docx, pptx and pdf).
DOCUMENT_FORMATS = ("docx", "pptx")
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


def build(settings: Settings, report: Callable[[str], None] = lambda message: None) -> list[Path]:
    """Build every requested audience and format; nothing is written unless all inputs are valid.

    Each audience writes OUT/<audience>/ (a batch audience OUT/<audience>/<edition>/) and a manifest.json
    recording its files and every item it left out. An audience whose inputs (data, templates, reference files,
    reportgen itself) did not change since its manifest was written is left untouched.
    """
    from reportgen.executors import check_executor
    from reportgen.executors.cache import BuildCache, input_digest, output_key
    from reportgen.reproducible import source_date_epoch
    from reportgen.resources import Locator
    from reportgen.safezip import check_reference

    unknown = [f for f in settings.formats if f not in FORMATS]
    if unknown or not settings.formats:
        raise UsageError(f"unknown format {', '.join(unknown) or '(none)'} (expected one of: {', '.join(FORMATS)})")
    source_date_epoch()  # a bad SOURCE_DATE_EPOCH is an option error, found before any work
    check_executor(settings.executor, settings.scheduler)
    check_folder(settings.out)
    locator = Locator.default(settings.templates, settings.cwd)
    for path in filter(None, (locator.find(f"reference.{fmt}") for fmt in settings.formats)):
        check_reference(path)
    all_names = locator.names("audiences", ".yaml")  # as compose.profile.list_profiles, without pydantic
    names = all_names if list(settings.audiences) == ["all"] else list(settings.audiences)
    bad = [name for name in names if not AUDIENCE_NAME.match(name)]
    if bad:
        raise UsageError(f"audience name {bad[0]!r} is not a name (expected letters, digits, - and _)")
    formats = [f for f in settings.formats if f in DOCUMENT_FORMATS] or list(DOCUMENT_FORMATS)
    cache = BuildCache(settings.out)
    inputs = input_digest(settings.data, locator.roots)
    keys = {name: output_key(inputs, name, ",".join(formats)) for name in names}
    fresh = {name: _fresh_files(cache, name, keys[name]) for name in names} if settings.cache else {}
    stale = [name for name in names if not fresh.get(name)]
    outputs = [path for name in names if fresh.get(name) for path in fresh[name]]
    if stale:
        outputs += _build_audiences(settings, stale, formats, locator, report)
        for name in stale:
            cache.record(name, keys[name], inside(settings.out, name, "manifest.json"))
        cache.save()
    else:
        report(f"unchanged: {len(outputs)} files in {settings.out}")
    if "pdf" in settings.formats:
        from reportgen.writers.pdf import add_pdfs

        outputs += add_pdfs([p for p in outputs if p.suffix in (".docx", ".pptx")], report)
    return outputs


def _fresh_files(cache, name: str, key: str) -> list[Path] | None:
    """Return the files of audience `name` when its manifest was built with `key` and every file listed in it is
    on disk unaltered; else None."""
    import json

    from reportgen.executors.cache import file_digest

    manifest = cache.fresh(name, key)
    if manifest is None:
        return None
    paths = [manifest]
    for edition in json.loads(manifest.read_text(encoding="utf-8")).get("editions", []):
        for entry in edition.get("files", {}).values():
            path = manifest.parent / edition.get("folder", "") / entry["name"]
            if not path.is_file() or file_digest(path) != entry["sha256"]:
                return None
            paths.insert(-1, path)
    return paths


def _build_audiences(settings: Settings, names: list[str], formats: list[str], locator,
                     report: Callable[[str], None]) -> list[Path]:
    """Compose every edition of `names`, render them (in this process, a pool or on Dask), then write all files
    and manifests in one batch: every file is renamed into place at the end, or none when a write fails."""
    from reportgen.executors import Job, default_jobs, run_jobs
    from reportgen.executors.local import Workers

    with Workers(settings.jobs or default_jobs(), charts="docx" in formats) as workers:
        from reportgen.compose import compose_audience  # loaded while the workers start: they do not need it
        from reportgen.compose.profile import load_profile
        from reportgen.inputs.loader import load_briefing

        briefing = load_briefing(settings.data)
        report(f"loaded {settings.data}")
        profiles = [load_profile(name, locator) for name in names]
        composed = [(profile, compose_audience(briefing, profile, locator)) for profile in profiles]
        report(f"composed {', '.join(names)}")
        folder = _chart_folder(settings.out, settings.cache) if "docx" in formats else None
        jobs = [Job(f"{profile.name}/{edition.folder}/{fmt}", edition.documents[fmt], fmt,
                    inside(settings.out, profile.name, edition.folder, getattr(profile.outputs, fmt)),
                    folder if fmt == "docx" else None)
                for profile, editions in composed for edition in editions for fmt in formats]
        rendered = iter(zip(jobs, run_jobs(jobs, locator, workers, executor=settings.executor,
                                           scheduler=settings.scheduler)))
    outputs = []
    with batch():
        for profile, editions in composed:
            written = []
            for edition in editions:
                files, dropped = {}, dict(edition.dropped)
                for fmt in formats:
                    job, (content, left_out) = next(rendered)
                    files[fmt] = write_atomic(job.target, lambda stream, data=content: stream.write(data))
                    dropped[fmt] = (*dropped[fmt], *left_out)
                    outputs.append(files[fmt])
                    report(f"wrote {job.target}")
                written.append((replace(edition, dropped=dropped), files))
            outputs.append(_write_manifest(inside(settings.out, profile.name, "manifest.json"), profile, written))
    return outputs


def _chart_folder(out: Path, keep: bool) -> Path:
    """Return the build cache's chart folder, where every process finds the charts drawn for this build; with
    `keep` false (--no-cache) empty it first, so that every chart is drawn anew."""
    import shutil

    from reportgen.charts.render import CACHE
    from reportgen.executors.cache import BuildCache

    folder = BuildCache(out).folder / "charts"
    if not keep:
        shutil.rmtree(folder, ignore_errors=True)
    CACHE.use_folder(folder)
    return folder


def render_document(fmt: str, document, locator) -> tuple[bytes, tuple]:
    """Return `document` as a `fmt` package, and the audit entries of what it left out (slides beyond the deck
    length). Writers are imported only when needed: python-docx and python-pptx are slow to import."""
    if fmt == "docx":
        from reportgen.writers.docx import document_to_docx

        return document_to_docx(document, locator), ()
    from reportgen.compose.select import Dropped
    from reportgen.resources import shipped_templates
    from reportgen.writers.pptx import plan_pptx, write_pptx

    shipped = shipped_templates() / "reference.pptx"
    reference = locator.find(document.meta.reference_pptx) if document.meta.reference_pptx else None
    deck = plan_pptx(document, reference or locator.find("reference.pptx") or shipped, shipped)
    kept = len(deck.slides)
    return write_pptx(deck), tuple(Dropped(f"slides[{kept + k}]", slide.title.plain[0], "deck length",
                                           f"the deck keeps {kept} slides") for k, slide in enumerate(deck.left_out))


def _write_manifest(target: Path, profile, written) -> Path:
    """Write the audience's manifest.json atomically and return its path."""
    from reportgen.compose.manifest import audience_manifest, manifest_json

    data = manifest_json(audience_manifest(profile, written))
    return write_atomic(target, lambda stream: stream.write(data))

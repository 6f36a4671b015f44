"""The pipeline: load and validate the data, compose a Document per audience, write every format."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from reportgen.errors import UsageError

FORMATS = ("docx", "pptx")


@dataclass(frozen=True)
class Settings:
    """What one build reads and writes, and how the work is spread."""

    data: Path = Path("data")
    templates: Path | None = None
    audiences: Sequence[str] = ("full",)
    formats: Sequence[str] = FORMATS
    out: Path = Path("build")
    cwd: Path = field(default_factory=Path.cwd)
    jobs: int = 0  # worker processes; 0: one per core
    executor: str = "local"  # local (this machine) or dask (a Dask cluster at `scheduler`)
    scheduler: str | None = None
    cache: bool = True  # skip outputs whose inputs did not change since they were written


def build(settings: Settings, report: Callable[[str], None] = lambda message: None) -> list[Path]:
    """Build every requested audience and format; nothing is written unless all inputs are valid, and an output
    whose inputs (data, templates, reference files, reportgen itself) did not change is left untouched."""
    from reportgen.executors.cache import BuildCache, input_digest, output_key
    from reportgen.resources import Locator

    unknown = [f for f in settings.formats if f not in FORMATS]
    if unknown or not settings.formats:
        raise UsageError(f"unknown format {', '.join(unknown) or '(none)'} (expected one of: {', '.join(FORMATS)})")
    locator = Locator.default(settings.templates, settings.cwd)
    all_names = locator.names("audiences", ".yaml")  # as compose.profile.list_profiles, without pydantic
    names = all_names if list(settings.audiences) == ["all"] else list(settings.audiences)
    cache = BuildCache(settings.out)
    inputs = input_digest(settings.data, locator.roots)
    keys = {(name, fmt): output_key(inputs, name, fmt) for name in names for fmt in settings.formats}
    fresh = {entry: cache.fresh("/".join(entry), key) for entry, key in keys.items()} if settings.cache else {}
    if fresh and all(fresh.values()):
        report(f"unchanged: {len(fresh)} files in {settings.out}")
        return list(fresh.values())
    from reportgen.compose import compose_deck, compose_document  # heavy: jinja2, pydantic
    from reportgen.compose.profile import load_profile
    from reportgen.executors import Job, run_jobs
    from reportgen.inputs.loader import load_briefing

    briefing = load_briefing(settings.data)
    report(f"loaded {settings.data}")
    profiles = {name: load_profile(name, locator) for name in names}
    compose = {"docx": compose_document, "pptx": compose_deck}
    jobs = [Job(f"{name}/{fmt}", compose[fmt](briefing, profiles[name], locator), fmt,
                settings.out / name / getattr(profiles[name].outputs, fmt))
            for name, fmt in keys if not fresh.get((name, fmt))]
    report(f"composed {', '.join(sorted({job.name for job in jobs}))}")

    def done(job: Job) -> None:
        cache.record(job.name, keys[tuple(job.name.split("/"))], job.target)
        report(f"wrote {job.target}")

    try:
        run_jobs(jobs, locator, workers=settings.jobs, executor=settings.executor, scheduler=settings.scheduler,
                 done=done)
    finally:
        if cache.entries:
            cache.save()
    return [fresh.get(entry) or settings.out / entry[0] / getattr(profiles[entry[0]].outputs, entry[1])
            for entry in keys]


def write_document(fmt: str, document, target: Path, locator) -> Path:
    """Write `document` as `fmt`, importing the writer only when needed (python-docx/pptx are slow to import)."""
    from reportgen.resources import shipped_templates

    if fmt == "docx":
        from reportgen.writers.docx import document_to_docx

        return document_to_docx(document, target)
    from reportgen.writers.pptx import document_to_pptx

    shipped = shipped_templates() / "reference.pptx"
    return document_to_pptx(document, target, locator.find("reference.pptx") or shipped, shipped)

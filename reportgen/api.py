"""The pipeline, as named phases: check the settings, find what changed, load, compose, draw and write, commit."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from reportgen.build.cache import BuildCache, BuiltEdition, audience_keys
from reportgen.errors import StrictError
from reportgen.i18n import _
from reportgen.progress import Progress, progress_of
from reportgen.settings import Checked, Settings, check

__all__ = ["BuildResult", "Settings", "build"]


@dataclass(frozen=True)
class BuildResult:
    """What a build wrote or found up to date (documents, then each audience's manifest, then PDFs), each
    edition with its masthead and files, and the warnings it gave, each once."""

    files: list[Path]
    editions: list[BuiltEdition]
    messages: tuple[str, ...] = ()
    charts_drawn: int = 0  # pictures drawn by this build (the others came from the build cache)
    unchanged: int = 0  # of `files`, those of audiences whose inputs did not change (left untouched)


def build(settings: Settings, report: Progress | Callable[[str], None] | None = None) -> BuildResult:
    """Build every requested audience and format; nothing is written unless all inputs are valid.

    Each audience writes OUT/<audience>/ (a batch audience OUT/<audience>/<edition>/) and a manifest.json
    recording its files and every item it left out. An audience whose inputs (data, templates, reference files,
    reportgen itself) did not change since its manifest was written is left untouched. `report` hears the
    progress (reportgen.progress).
    """
    report = progress_of(report)
    checked = check(settings)  # 1. every option, before any work
    cache = BuildCache(settings.out)
    keys = audience_keys(checked)  # 2. what changed
    fresh = cache.fresh_audiences(keys) if settings.cache else {}  # 2. what changed
    stale = [name for name in checked.audiences if name not in fresh]
    files = [path for found in fresh.values() for path in found.files]
    unchanged = len(files)
    for name in fresh:
        report.detail(_("unchanged since the last build: {audience}").format(audience=name))
    editions = {name: found.editions for name, found in fresh.items()}
    messages, drawn = (), 0
    if stale:
        written, messages, drawn = _build(checked, stale, cache, report)  # 3-6. load … commit
        files += written.files
        editions.update(cache.record(keys, written.audiences))
    else:
        report(_("unchanged: {count} files in {folder}").format(count=len(files), folder=settings.out))
    if checked.pdf:  # 7. PDFs of every document, by one LibreOffice start
        from reportgen.writers.pdf import add_pdfs

        files += add_pdfs([p for p in files if p.suffix in (".docx", ".pptx")], report)
    return BuildResult(files, [e for name in checked.audiences for e in editions[name]], messages, drawn,
                       unchanged)


def _build(checked: Checked, names: list[str], cache: BuildCache, report: Progress):
    """Load the data, compose every edition of `names`, draw the charts and write every file (in this process,
    worker processes or a Dask cluster), then commit all files and manifests in one batch."""
    from reportgen.build.commit import commit
    from reportgen.build.jobs import jobs_for
    from reportgen.charts.media import MediaBag
    from reportgen.executors import default_jobs, run
    from reportgen.executors.local import Workers

    settings = checked.settings
    with Workers(settings.jobs or default_jobs()) as workers:
        from reportgen.compose import compose_all  # loaded while the workers start: they do not need it
        from reportgen.compose.profile import load_profile
        from reportgen.inputs.loader import load_data

        profiles = [load_profile(name, checked.locator) for name in names]
        if "docx" in checked.formats and any(profile.charts == "picture" for profile in profiles):
            workers.draw_pictures()
        with report.task(_("loading {folder}").format(folder=settings.data)):
            loaded = load_data(settings.data)  # 3. load, and the characters no output font has
        report(_("loaded {folder}").format(folder=settings.data))
        with report.task(_("composing {audiences}").format(audiences=", ".join(names))):
            composed = compose_all(loaded.briefing, profiles, checked.locator, checked.references)  # 4. compose
        report(_("composed {audiences}").format(audiences=", ".join(names)))
        jobs = jobs_for(composed, checked.formats, settings.out)
        media = MediaBag(cache.chart_folder(keep=settings.cache))
        with report.task(_("writing the documents"), len(jobs)) as advance:
            rendered = run(jobs, media, workers, settings.executor, settings.scheduler, advance)  # 5. draw, write
    messages = tuple(dict.fromkeys([*loaded.warnings, *(m for r in rendered for m in r.messages)]))  # each once
    if settings.strict and messages:
        raise StrictError(messages)
    committed = commit(composed, checked.formats, jobs, rendered, settings.out, report)  # 6. commit
    return committed, messages, media.drawn

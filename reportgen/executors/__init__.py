"""Write the build matrix (audience × format): in this process, in a process pool, or on a Dask cluster.

Each job turns one composed Document into one file; jobs share nothing, so the output is the same whatever
runs them and in whatever order. Composition happens before any job runs, so a template error writes nothing.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from reportgen.errors import UsageError
from reportgen.executors.local import Workers

EXECUTORS = ("local", "dask")


@dataclass(frozen=True)
class Job:
    """One output of the build: `document` written as `fmt` for `target`; `name` is audience/edition/format."""

    name: str
    document: object
    fmt: str
    target: Path
    charts: Path | None = None  # the folder of chart renderings a briefing reads


def default_jobs() -> int:
    """Return the number of worker processes to use by default: the cores this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


Rendered = tuple[bytes, tuple]  # the file's bytes, and the audit entries of what it left out


def check_executor(executor: str, scheduler: str | None) -> None:
    """Raise UsageError for an unknown executor, or for dask without a scheduler address."""
    if executor not in EXECUTORS:
        raise UsageError(f"unknown executor {executor!r} (expected one of: {', '.join(EXECUTORS)})")
    if executor == "dask" and not scheduler:
        raise UsageError("--executor dask needs --scheduler ADDRESS (e.g. tcp://10.0.0.5:8786)")


def run_jobs(jobs: Sequence[Job], locator, workers: Workers, *, executor: str = "local",
             scheduler: str | None = None) -> list[Rendered]:
    """Draw the charts of the jobs not yet in the chart cache, then render every job; return the renderings in
    job order (the caller writes the files, all in one batch)."""
    from reportgen.charts.render import CACHE

    check_executor(executor, scheduler)
    charts = CACHE.missing([chart for job in jobs for chart in job_charts(job)])
    if executor == "dask":
        from reportgen.charts.render import chart_key
        from reportgen.executors.dask import run_on_dask

        workers.run((), locator, charts)  # drawn here once, and sent to the cluster with the jobs
        pictures = {chart_key(*chart): CACHE.png(*chart) for job in jobs for chart in job_charts(job)}
        return run_on_dask(jobs, locator, scheduler, pictures)
    return workers.run(jobs, locator, charts)


def job_charts(job: Job) -> list[tuple]:
    """Return the (spec, theme) of every chart a briefing shows as a picture, in order (a deck draws its own)."""
    from reportgen.charts.theme import theme_for
    from reportgen.document import Chart

    if job.fmt != "docx":
        return []
    return [(block.spec, theme_for(block.theme)) for block in job.document.walk() if isinstance(block, Chart)]


def charts_needed(job: Job) -> set[str]:
    """Return the cache keys of the charts a job shows as pictures."""
    from reportgen.charts.render import chart_key

    return {chart_key(spec, theme) for spec, theme in job_charts(job)}


def render_job(job: Job, locator) -> Rendered:
    """Render the job's Document; return the file's bytes and what it left out."""
    from reportgen.api import render_document

    if job.charts is not None:
        from reportgen.charts.render import CACHE

        CACHE.use_folder(job.charts)
    return render_document(job.fmt, job.document, locator)

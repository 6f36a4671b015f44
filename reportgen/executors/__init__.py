"""Write the build matrix (audience × format): in this process, in a process pool, or on a Dask cluster.

Each job turns one composed Document into one file; jobs share nothing, so the output is the same whatever
runs them and in whatever order. Composition happens before any job runs, so a template error writes nothing.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from reportgen.errors import UsageError

EXECUTORS = ("local", "dask")


@dataclass(frozen=True)
class Job:
    """One output of the build: `document` written as `fmt` for `target`; `name` is audience/edition/format."""

    name: str
    document: object
    fmt: str
    target: Path
    charts: Path | None = None  # the folder of chart renderings the job reads (a briefing with charts)


def default_jobs() -> int:
    """Return the number of worker processes to use by default: the cores this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


Rendered = tuple[bytes, tuple]  # the file's bytes, and the audit entries of what it left out
Charts = Sequence[tuple]  # (ChartSpec, Theme) pairs, repeats allowed


def check_executor(executor: str, scheduler: str | None) -> None:
    """Raise UsageError for an unknown executor, or for dask without a scheduler address."""
    if executor not in EXECUTORS:
        raise UsageError(f"unknown executor {executor!r} (expected one of: {', '.join(EXECUTORS)})")
    if executor == "dask" and not scheduler:
        raise UsageError("--executor dask needs --scheduler ADDRESS (e.g. tcp://10.0.0.5:8786)")


def run_jobs(jobs: Sequence[Job], locator, charts: Charts = (), *, workers: int = 0, executor: str = "local",
             scheduler: str | None = None) -> list[Rendered]:
    """Draw the `charts` not yet in the chart cache, then render every job; return the renderings in job order
    (the caller writes the files, all in one batch)."""
    check_executor(executor, scheduler)
    workers = workers or default_jobs()
    if executor == "dask":
        from reportgen.executors.dask import run_on_dask

        run_locally((), locator, charts, workers)  # the charts are drawn here, into the cache folder the jobs carry
        return run_on_dask(jobs, locator, scheduler)
    return run_locally(jobs, locator, charts, workers)


def run_locally(jobs: Sequence[Job], locator, charts: Charts, workers: int) -> list[Rendered]:
    """Draw the missing charts and render the jobs on this machine, in one pool of `workers` processes.

    The pool starts with the charts; the jobs that need no chart picture (the decks: their charts are native)
    run beside them, the largest first, and the others are queued as soon as the charts are in the cache. The
    modules and fonts every task needs are loaded here first, so that each worker starts with them.
    """
    from reportgen.charts.render import CACHE, render

    missing = CACHE.missing(charts)
    if workers <= 1 or len(missing) + len(jobs) <= 1:
        for spec, theme in charts:
            CACHE.png(spec, theme)
        return [render_job(job, locator) for job in jobs]
    warm_up(bool(missing))
    order = sorted(range(len(jobs)), key=lambda i: _cost(jobs[i]), reverse=True)
    with ProcessPoolExecutor(max_workers=workers) as pool:
        try:
            drawn = {key: pool.submit(render, spec, theme) for key, (spec, theme) in missing.items()}
            futures = {i: pool.submit(render_job, jobs[i], locator) for i in order if jobs[i].charts is None}
            for key, future in drawn.items():
                CACHE.store(key, future.result())
            futures.update({i: pool.submit(render_job, jobs[i], locator) for i in order if i not in futures})
            return [futures[i].result() for i in range(len(jobs))]
        except BaseException:  # a failed task or Ctrl-C: drop the queued tasks instead of running them first
            pool.shutdown(cancel_futures=True)
            raise


def warm_up(charts: bool) -> None:
    """Load the writers, the deck's font metrics and (when `charts`) the chart font in this process, so that the
    worker processes forked from it start with them instead of each loading its own."""
    import reportgen.writers.docx  # noqa: F401
    import reportgen.writers.pptx  # noqa: F401
    from reportgen.textfit import load_metrics

    load_metrics()
    if charts:
        from reportgen.charts.render import warm_up as draw_one

        draw_one()


def _cost(job: Job) -> int:
    """Return a rough measure of the work a job is: its blocks, a deck's counting double."""
    return sum(1 for _ in job.document.walk()) * (2 if job.fmt == "pptx" else 1)


def render_job(job: Job, locator) -> Rendered:
    """Render the job's Document; return the file's bytes and what it left out."""
    from reportgen.api import render_document

    if job.charts is not None:
        from reportgen.charts.render import CACHE

        CACHE.use_folder(job.charts)
    return render_document(job.fmt, job.document, locator)

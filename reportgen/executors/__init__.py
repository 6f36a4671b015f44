"""Run the build's jobs: every chart a briefing shows is drawn first (once), then every file is written, in this
process, in worker processes of this machine, or on a Dask cluster. Executors import the writers and the jobs,
never the pipeline that calls them."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence

from reportgen.build.jobs import Job, charts_of
from reportgen.charts.media import MediaBag
from reportgen.executors.local import Workers


def default_jobs() -> int:
    """Return the number of worker processes to use by default: the cores this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def run(jobs: Sequence[Job], media: MediaBag, workers: Workers, executor: str = "local",
        scheduler: str | None = None, done: Callable[[], None] = lambda: None) -> list:
    """Draw into `media` the charts of `jobs` it lacks, then write every job, calling `done` as each is written;
    return the writers.Rendered of each, in job order (the caller writes the files, all in one batch)."""
    charts = media.missing(chart for job in jobs for chart in charts_of(job))
    if executor == "dask":
        from reportgen.executors.dask import run_on_dask

        workers.run((), charts, media)  # drawn here once, and sent to the cluster with the jobs
        return run_on_dask(jobs, media, scheduler)
    return workers.run(jobs, charts, media, done)

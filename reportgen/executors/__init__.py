"""Write the build matrix (audience × format): in this process, in a process pool, or on a Dask cluster.

Each job turns one composed Document into one file; jobs share nothing, so the output is the same whatever
runs them and in whatever order. Composition happens before any job runs, so a template error writes nothing.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from reportgen.errors import UsageError

EXECUTORS = ("local", "dask")


@dataclass(frozen=True)
class Job:
    """One output of the build: `document` written as `fmt` at `target`; `name` is audience/format."""

    name: str
    document: object
    fmt: str
    target: Path


def default_jobs() -> int:
    """Return the number of worker processes to use by default: the cores this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def run_jobs(jobs: Sequence[Job], locator, *, workers: int = 0, executor: str = "local",
             scheduler: str | None = None, done: Callable[[Job], None] = lambda job: None) -> None:
    """Write every job's output; call `done` with each job as it finishes (in job order)."""
    if executor == "dask":
        from reportgen.executors.dask import run_on_dask

        run_on_dask(jobs, locator, scheduler, done)
        return
    if executor != "local":
        raise UsageError(f"unknown executor {executor!r} (expected one of: {', '.join(EXECUTORS)})")
    workers = min(workers or default_jobs(), len(jobs))
    if workers <= 1:
        for job in jobs:
            render_job(job, locator)
            done(job)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures = [pool.submit(render_job, job, locator) for job in jobs]
        for job, future in zip(jobs, futures):
            future.result()
            done(job)


def render_job(job: Job, locator) -> Path:
    """Write the job's Document atomically at its target; return the target."""
    from reportgen.api import write_document

    return write_document(job.fmt, job.document, job.target, locator)

"""Write the build matrix (audience × format): in this process, in a process pool, or on a Dask cluster.

Each job turns one composed Document into one file; jobs share nothing, so the output is the same whatever
runs them and in whatever order. Composition happens before any job runs, so a template error writes nothing.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Sequence
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
    charts: Path | None = None  # folder of chart renderings made before the jobs run


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


def run_jobs(jobs: Sequence[Job], locator, *, workers: int = 0, executor: str = "local",
             scheduler: str | None = None) -> list[Rendered]:
    """Return every job rendered, in job order; the caller writes the files (all in one batch)."""
    check_executor(executor, scheduler)
    if executor == "dask":
        from reportgen.executors.dask import run_on_dask

        return run_on_dask(jobs, locator, scheduler)
    workers = min(workers or default_jobs(), len(jobs))
    if workers <= 1:
        return [render_job(job, locator) for job in jobs]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(render_job, jobs, [locator] * len(jobs)))


def render_job(job: Job, locator) -> Rendered:
    """Render the job's Document in a scratch folder; return the file's bytes and what it left out."""
    from reportgen.api import write_document

    if job.charts is not None:
        from reportgen.charts.render import CACHE

        CACHE.use_folder(job.charts)
    scratch = Path(tempfile.mkdtemp(prefix="reportgen-"))
    try:
        target = scratch / job.target.name
        left_out = write_document(job.fmt, job.document, target, locator)
        return target.read_bytes(), left_out
    finally:
        shutil.rmtree(scratch, ignore_errors=True)

"""Run the build's jobs on a Dask distributed cluster: workers write the files, this process composes and commits.

Workers need reportgen (same version) and the fonts installed, nothing else: each job carries its composed
Document and WriterOptions (reference files as bytes), the chart pictures drawn here travel once to every
worker, and each file comes back as bytes, so no shared disk and no template folder is needed.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportgen.build.jobs import Job, charts_of, write_job
from reportgen.charts.media import MediaBag, chart_key
from reportgen.errors import UsageError
from reportgen.i18n import _


def run_on_dask(jobs: Sequence[Job], media: MediaBag, scheduler: str | None) -> list:
    """Submit one task per job to the cluster at `scheduler`, with the pictures of `media` the briefings show;
    return what each wrote (writers.Rendered), in job order."""
    try:
        from distributed import Client
    except ImportError:
        raise UsageError(_("the dask executor needs the distributed package: pip install 'reportgen[dask]'")) \
            from None
    try:
        client = Client(scheduler, timeout="10s", set_as_default=False)
    except OSError as exc:
        raise UsageError(_("cannot reach the Dask scheduler at {scheduler}: {reason}").format(
            scheduler=scheduler, reason=exc)) from None
    pictures = media.pictures({chart_key(*chart) for job in jobs for chart in charts_of(job)})
    with client:
        drawn = client.scatter(pictures, broadcast=True, hash=False) if pictures else {}
        futures = client.map(write_remote, list(jobs), pictures=drawn, pure=False)
        return [future.result() for future in futures]


def write_remote(job: Job, pictures: dict[str, bytes]):
    """On a worker: write the job with the chart pictures drawn by the building machine (nothing is drawn or
    read from disk there); return the writers.Rendered."""
    return write_job(job, MediaBag(pictures=pictures))

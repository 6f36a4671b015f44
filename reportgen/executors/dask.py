"""Run the build matrix on a Dask distributed cluster: workers compose and render, this process writes the files.

Workers need reportgen (same version) and the fonts installed, nothing else: each task carries its composed
Document, the template roots (reference files) travel once as file contents, and each output comes back as bytes,
so no shared disk is needed.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from reportgen.errors import UsageError
from reportgen.executors import Job, render_job
from reportgen.executors.cache import tree_files
from reportgen.output import write_atomic
from reportgen.resources import Locator

#: Template roots as file contents: one {relative name: bytes} per root, in lookup order.
Bundle = tuple[dict[str, bytes], ...]


def run_on_dask(jobs: Sequence[Job], locator: Locator, scheduler: str | None,
                done: Callable[[Job], None]) -> None:
    """Submit one task per job to the cluster at `scheduler`, then write each returned file atomically."""
    if not scheduler:
        raise UsageError("--executor dask needs --scheduler ADDRESS (e.g. tcp://10.0.0.5:8786)")
    try:
        from distributed import Client
    except ImportError:
        raise UsageError("the dask executor needs the distributed package: pip install 'reportgen[dask]'") from None
    try:
        client = Client(scheduler, timeout="10s", set_as_default=False)
    except OSError as exc:
        raise UsageError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None
    with client:
        bundle = client.scatter(bundle_templates(locator), broadcast=True)
        futures = client.map(render_remote, list(jobs), bundle=bundle, pure=False)
        for job, future in zip(jobs, futures):
            content = future.result()
            write_atomic(job.target, lambda stream, data=content: stream.write(data))
            done(job)


def bundle_templates(locator: Locator) -> Bundle:
    """Return the contents of every template root of `locator`, in lookup order."""
    return tuple({name: path.read_bytes() for name, path in tree_files(root)} for root in locator.roots)


def render_remote(job: Job, bundle: Bundle) -> bytes:
    """On a worker: unpack the templates, render the job into a scratch folder, return the file's bytes."""
    scratch = Path(tempfile.mkdtemp(prefix="reportgen-"))
    try:
        roots = []
        for k, files in enumerate(bundle):
            root = scratch / f"root{k}"
            for name, content in files.items():
                (root / name).parent.mkdir(parents=True, exist_ok=True)
                (root / name).write_bytes(content)
            roots.append(root)
        local = Job(job.name, job.document, job.fmt, scratch / "out" / job.target.name)
        return render_job(local, Locator(tuple(roots))).read_bytes()
    finally:
        shutil.rmtree(scratch, ignore_errors=True)

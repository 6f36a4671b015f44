"""Run the build matrix on a Dask distributed cluster: workers render, this process composes and writes the files.

Workers need reportgen (same version) and the fonts installed, nothing else: each task carries its composed
Document, the template roots (reference files) and the chart pictures, drawn once here, travel once, and each
output comes back as bytes, so no shared disk is needed.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from reportgen.errors import UsageError
from reportgen.executors import Job, Rendered, render_job
from reportgen.executors.cache import tree_files
from reportgen.resources import Locator

#: Template roots as file contents: one {relative name: bytes} per root, in lookup order.
Bundle = tuple[dict[str, bytes], ...]


def run_on_dask(jobs: Sequence[Job], locator: Locator, scheduler: str | None,
                pictures: dict[str, bytes]) -> list[Rendered]:
    """Submit one task per job to the cluster at `scheduler`, with the chart `pictures` (PNG by cache key) the
    briefings show; return what each rendered, in job order."""
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
        drawn = client.scatter(pictures, broadcast=True, hash=False)
        futures = client.map(render_remote, list(jobs), bundle=bundle, pictures=drawn, pure=False)
        return [future.result() for future in futures]


def bundle_templates(locator: Locator) -> Bundle:
    """Return the contents of every template root of `locator`, in lookup order."""
    return tuple({name: path.read_bytes() for name, path in tree_files(root)} for root in locator.roots)


def render_remote(job: Job, bundle: Bundle, pictures: dict[str, bytes]) -> Rendered:
    """On a worker: unpack the templates, take the charts drawn by the building machine, render the job; return
    the file's bytes and what it left out."""
    from reportgen.charts.render import CACHE

    CACHE.keep(pictures)
    scratch = Path(tempfile.mkdtemp(prefix="reportgen-"))
    try:
        roots = []
        for k, files in enumerate(bundle):
            root = scratch / f"root{k}"
            for name, content in files.items():
                (root / name).parent.mkdir(parents=True, exist_ok=True)
                (root / name).write_bytes(content)
            roots.append(root)
        return render_job(replace(job, charts=None), Locator(tuple(roots)))  # its chart folder is on another disk
    finally:
        shutil.rmtree(scratch, ignore_errors=True)

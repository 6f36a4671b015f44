"""The build matrix: one job per edition and format, each turning a composed Document into one file's bytes.

Jobs share nothing, so the files are the same whatever runs them (this process, a worker, a Dask cluster) and
in whatever order.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from reportgen.document import Chart, Document, WriterOptions
from reportgen.errors import OutputError
from reportgen.i18n import _
from reportgen.output import inside


@dataclass(frozen=True)
class Job:
    """One file of the build: `document` written as `fmt` with `options` for `target`; `name` says which."""

    name: str  # audience/edition/format
    document: Document
    options: WriterOptions
    fmt: str
    target: Path


def jobs_for(composed: Sequence, formats: Sequence[str], out: Path) -> list[Job]:
    """Return the jobs of every (profile, editions) pair of `composed`, edition by edition, in `formats` order;
    raise OutputError when two editions would write the same file."""
    owners: dict[Path, str] = {}
    return [Job(f"{profile.name}/{edition.folder}/{fmt}", edition.documents[fmt], edition.options[fmt], fmt,
                _claim(owners, inside(out, profile.name, edition.folder, getattr(profile.outputs, fmt)),
                       _("{audience} edition {department}").format(
                           audience=profile.name, department=edition.department or _("(all data)"))))
            for profile, editions in composed for edition in editions for fmt in formats]


def _claim(owners: dict[Path, str], target: Path, owner: str) -> Path:
    """Return `target`, recorded in `owners` as `owner`'s; raise OutputError when another edition owns it."""
    if target in owners:
        raise OutputError(_("{first} and {second} would both write {target} (a department edition's folder is the id "
                            "of its first project: give each department projects of its own ids)").format(
            first=owners[target], second=owner, target=target))
    owners[target] = owner
    return target


def charts_of(job: Job) -> list[tuple]:
    """Return the (spec, theme) of every chart a job shows as a picture, in order: a briefing's when its profile
    asks for pictures (native charts and decks need none)."""
    from reportgen.charts.theme import theme_for

    if job.fmt != "docx" or not job.options.chart_pictures:
        return []
    return [(block.spec, theme_for(block.theme)) for block in job.document.walk() if isinstance(block, Chart)]


def write_job(job: Job, media):
    """Return the job's file as a writers.Rendered: its bytes, what it left out, the writer's messages."""
    from reportgen.writers import write

    return write(job.fmt, job.document, job.options, media)


def cost(job: Job) -> int:
    """Return a rough measure of the work a job is: its blocks, a deck's counting double."""
    return sum(1 for _block in job.document.walk()) * (2 if job.fmt == "pptx" else 1)

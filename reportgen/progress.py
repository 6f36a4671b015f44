"""What the pipeline says while it works: finished steps, detail, and work under way with a count.

The library says nothing unless given a `Progress`; the command line gives one that shows it on the terminal
(`cli/display.py`). A plain function of one message is accepted too: it hears the finished steps.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator


def _nothing() -> None:
    return None


class Progress:
    """Hears the pipeline; this base hears and shows nothing."""

    def __call__(self, message: str) -> None:
        """A step is done ("wrote build/full/briefing.docx")."""

    def detail(self, message: str) -> None:
        """Something only a user who asked for detail (-v) wants to read."""

    @contextlib.contextmanager
    def task(self, message: str, total: int | None = None) -> Iterator[Callable[[], None]]:
        """Work under way ("composing …"); the block calls the function it gets once per unit of `total` done."""
        yield _nothing


class Steps(Progress):
    """A Progress that passes each finished step to a function of one message."""

    def __init__(self, hear: Callable[[str], None]) -> None:
        self.hear = hear

    def __call__(self, message: str) -> None:
        self.hear(message)


def progress_of(report: Progress | Callable[[str], None] | None) -> Progress:
    """Return `report` as a Progress: itself, the steps for a plain function, or a silent one for None."""
    if isinstance(report, Progress):
        return report
    return Progress() if report is None else Steps(report)

"""The terminal side of `Progress`: a line per finished step, and while work is under way a spinner with a count
(only on a terminal: a log gets whole lines, never wrapped, never redrawn)."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator

from reportgen.progress import Progress

QUIET, NORMAL, VERBOSE = -1, 0, 1


class Display(Progress):
    """Shows a build's progress on stderr at a verbosity: QUIET (nothing), NORMAL (steps), VERBOSE (and detail)."""

    def __init__(self, verbosity: int = NORMAL, console=None) -> None:
        from rich.console import Console

        self.verbosity = verbosity
        self.console = console or Console(stderr=True, highlight=False, soft_wrap=True)  # a path is never broken
        self._live = None

    def __call__(self, message: str) -> None:
        if self.verbosity >= NORMAL:
            self._print(f"[green]✓[/green] {_escape(message)}")

    def detail(self, message: str) -> None:
        if self.verbosity >= VERBOSE:
            self._print(f"  {_escape(message)}")

    @contextlib.contextmanager
    def task(self, message: str, total: int | None = None) -> Iterator[Callable[[], None]]:
        if self.verbosity < NORMAL or not self.console.is_terminal or self._live is not None:
            self.detail(f"{message} …")
            yield lambda: None
            return
        from rich.progress import BarColumn, MofNCompleteColumn, SpinnerColumn, TextColumn, TimeElapsedColumn
        from rich.progress import Progress as Live

        columns = [SpinnerColumn(), TextColumn("{task.description}")]
        if total:
            columns += [BarColumn(bar_width=24), MofNCompleteColumn()]
        with Live(*columns, TimeElapsedColumn(), console=self.console, transient=True) as live:
            self._live = live
            task = live.add_task(_escape(message), total=total)
            try:
                yield lambda: live.advance(task)
            finally:
                self._live = None

    def _print(self, text: str) -> None:
        (self._live.console if self._live is not None else self.console).print(text)


def _escape(message: str) -> str:
    from rich.markup import escape

    return escape(message)

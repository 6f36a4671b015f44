"""Error classes: each carries a user-facing message and the exit code the CLI returns."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file, located as precisely as the input allows."""

    file: Path
    line: int | None
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else str(self.file)
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"


class ReportgenError(Exception):
    """Base class: a failure the user can act on, reported in one message without a traceback."""

    exit_code = 1


class DataError(ReportgenError):
    """The data folder has problems; all of them are listed."""

    exit_code = 1

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        count = len(problems)
        lines = "\n".join(str(p) for p in problems)
        super().__init__(f"{lines}\n{count} problem{'s' if count != 1 else ''} found in the data")


class TemplateError(ReportgenError):
    """A template or audience profile is missing or broken."""

    exit_code = 3


class UsageError(ReportgenError):
    """An option has a value reportgen cannot use."""

    exit_code = 2


class OutputError(ReportgenError):
    """An output file could not be written."""

    exit_code = 4


class ReportgenWarning(UserWarning):
    """Something the build worked around (e.g. a style missing from a user's reference.docx); the CLI prints it."""

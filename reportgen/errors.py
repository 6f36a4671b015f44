"""Error classes, one per kind of failure: each carries a one-line message and the exit code the CLI returns.

`EXIT_CODES` is the table of exit codes.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file, located as precisely as the input allows."""

    file: Path
    line: int | str | None  # a line of a text file, or a workbook's sheet and cell (「数字」表 D7)
    field: str
    message: str

    def as_dict(self) -> dict:
        """Return the problem as JSON holds it: file, line (or sheet and cell), field, message."""
        return {"file": str(self.file), "line": self.line, "field": self.field, "message": self.message}

    def __str__(self) -> str:
        from reportgen.i18n import _

        where = f"{self.file} {self.line}" if isinstance(self.line, str) else f"{self.file}:{self.line}" if \
            self.line else str(self.file)
        if self.field:
            return _("{where}: {field}: {message}").format(where=where, field=self.field, message=self.message)
        return f"{where}: {self.message}"


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
        from reportgen.i18n import ngettext

        found = ngettext("{count} problem found in the data", "{count} problems found in the data", count)
        super().__init__(f"{lines}\n{found.format(count=count)}")


class UsageError(ReportgenError):
    """An option (or SOURCE_DATE_EPOCH) has a value reportgen cannot use."""

    exit_code = 2


class TemplateError(ReportgenError):
    """A template or audience profile is missing or broken."""

    exit_code = 3


class OutputError(ReportgenError):
    """An output file could not be written (folder not writable, disk full, a folder in the way)."""

    exit_code = 4


class ReferenceFileError(TemplateError):
    """A reference .docx/.pptx is not a readable Office file, or is too large to open safely (a zip bomb)."""

    exit_code = 8


class ChartFontError(TemplateError):
    """No usable CJK font for charts, or a character the font cannot draw."""

    exit_code = 3


class ToolError(ReportgenError):
    """An external program the command needs is missing or failed."""

    exit_code = 5


class PacketError(ReportgenError):
    """A packet is missing, unreadable or does not match its manifest."""

    exit_code = 6


class SendError(ReportgenError):
    """Sending failed or stopped; the send log says who was served."""

    exit_code = 7


class StrictError(ReportgenError):
    """The build gave warnings and --strict treats them as failures: nothing was written."""

    exit_code = 9

    def __init__(self, messages: tuple[str, ...]):
        self.messages = messages
        count = len(messages)
        lines = "\n".join(f"  {m}" for m in messages)
        from reportgen.i18n import ngettext

        head = ngettext("--strict: the build gave {count} warning, so nothing was written:",
                        "--strict: the build gave {count} warnings, so nothing was written:", count)
        super().__init__(f"{head.format(count=count)}\n{lines}")


class InternalError(ReportgenError):
    """An unexpected failure: a bug in reportgen, reported in one line (``--debug`` shows the traceback)."""

    exit_code = 70


class Interrupted(ReportgenError):
    """The build was stopped by Ctrl-C or SIGTERM; files already in place are complete, no half file is left."""

    exit_code = 130


def _error_classes(base: type[ReportgenError]) -> list[type[ReportgenError]]:
    """Return the subclasses of `base`, each followed by its own subclasses, in the order they are defined."""
    return [c for sub in base.__subclasses__() for c in (sub, *_error_classes(sub))]


def _exit_codes() -> dict[int, type[ReportgenError]]:
    """Return exit code → the most general error class that exits with it, by code."""
    table: dict[int, type[ReportgenError]] = {}
    for cls in _error_classes(ReportgenError):
        table.setdefault(cls.exit_code, cls)
    return dict(sorted(table.items()))


#: Every exit code and the error class it stands for (a subclass with its parent's code, such as ChartFontError,
#: is listed under the parent).
EXIT_CODES = _exit_codes()

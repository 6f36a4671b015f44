"""The CLI's option helpers and where every failure becomes one message and an exit code."""

from __future__ import annotations

import click
import pytest
from click.testing import CliRunner

from reportgen.cli import Cli, _as_error
from reportgen.cli.options import split_list
from reportgen.errors import (EXIT_CODES, ChartFontError, DataError, InternalError, Interrupted, OutputError, Problem,
                              ReferenceFileError, ReportgenError, TemplateError, UsageError)


@pytest.mark.parametrize(("value", "expected"), [
    ("full", ["full"]),
    ("full,leadership", ["full", "leadership"]),
    (" full , leadership ,", ["full", "leadership"]),
    ("a,,b", ["a", "b"]),
    ("", []),
    (" , ,", []),
])
def test_split_list_keeps_the_non_empty_items_in_order(value, expected):
    assert split_list(value) == expected


@pytest.mark.parametrize("error", [
    DataError([Problem("data/10.yaml", 3, "id", "duplicate key")]), UsageError("bad --audience"),
    TemplateError("no section"), OutputError("disk full"), ReferenceFileError("not a zip"), ChartFontError("no font"),
    Interrupted("stopped while writing"),
])
def test_a_reportgen_error_keeps_itself_and_its_exit_code(error):
    assert _as_error(error) is error


def test_the_exit_codes_of_the_error_classes():
    assert {code: cls.__name__ for code, cls in EXIT_CODES.items()} == {
        1: "DataError", 2: "UsageError", 3: "TemplateError", 4: "OutputError", 5: "ToolError", 6: "PacketError",
        7: "SendError", 8: "ReferenceFileError", 9: "StrictError", 70: "InternalError", 130: "Interrupted"}
    assert ChartFontError("x").exit_code == 3 and ReportgenError("x").exit_code == 1


@pytest.mark.parametrize("exc", [KeyboardInterrupt(), Interrupted()])
def test_ctrl_c_and_sigterm_become_interrupted_130(exc):
    error = _as_error(exc)
    assert type(error) is Interrupted and error.exit_code == 130
    assert str(error) == "interrupted; files already in place are complete and no temporary file is left"


def test_a_keyboard_interrupt_with_a_message_is_still_an_interruption():
    assert _as_error(KeyboardInterrupt("stop")).exit_code == 130


@pytest.mark.parametrize(("exc", "named"), [
    (ValueError("bad value"), "ValueError: bad value"),
    (KeyError("title"), "KeyError: 'title'"),
    (RuntimeError(), "RuntimeError: "),
])
def test_any_other_exception_is_an_internal_error_naming_its_type(exc, named):
    error = _as_error(exc)
    assert type(error) is InternalError and error.exit_code == 70
    assert str(error) == f"internal error ({named}); run with --debug for the traceback and report it"


def group_raising(exc: BaseException) -> click.Group:
    """Return a click group of the CLI's class with one command, `go`, that raises `exc`."""

    @click.group(cls=Cli)
    def group():
        pass

    @group.command()
    def go():
        raise exc

    return group


@pytest.mark.parametrize(("exc", "code", "message"), [
    (UsageError("unknown audience 'x'"), 2, "error: unknown audience 'x'\n"),
    (ReferenceFileError("mine.docx: cannot use this reference file"), 8,
     "error: mine.docx: cannot use this reference file\n"),
    (KeyboardInterrupt(), 130, "error: interrupted; files already in place are complete and no temporary file is "
                               "left\n"),
    (ZeroDivisionError("division by zero"), 70, "error: internal error (ZeroDivisionError: division by zero); run "
                                                "with --debug for the traceback and report it\n"),
])
def test_the_command_line_prints_one_error_line_and_exits_with_its_code(exc, code, message):
    result = CliRunner().invoke(group_raising(exc), ["go"])
    assert (result.exit_code, result.stderr, result.stdout) == (code, message, "")


def test_clicks_own_usage_errors_keep_clicks_exit_code():
    result = CliRunner().invoke(group_raising(ValueError()), ["go", "--no-such-option"])
    assert result.exit_code == 2 and "Error: No such option" in result.stderr and "--no-such-option" in result.stderr
    assert "internal error" not in result.stderr

"""The options several commands share, written once, and the helpers that turn option values into settings."""

from __future__ import annotations

import json
from pathlib import Path

import click

from reportgen.cli.display import NORMAL, QUIET, VERBOSE, Display
from reportgen.errors import DataError, ReportgenError
from reportgen.i18n import _

DATA = click.option("--data", type=click.Path(path_type=Path), default=Path("data"), show_default=True,
                    help="Folder of YAML data files (meetings in DATA/meetings/).")
TEMPLATES = click.option("--templates", type=click.Path(path_type=Path, exists=True, file_okay=False),
                         help="Folder of templates that override ./templates and the shipped ones.")
OUT = click.option("--out", type=click.Path(path_type=Path), default=Path("build"), show_default=True,
                   help="Output folder; each audience writes into OUT/<audience>/.")
AUDIENCES = click.option("--audience", "audiences", default="full", show_default=True,
                         help="Audience profile name, a comma-separated list, or 'all'.")


def split_list(value: str) -> list[str]:
    """Return the non-empty items of a comma-separated option."""
    return [part.strip() for part in value.split(",") if part.strip()]


def _verbosity(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    if value:
        ctx.meta["verbosity"] = VERBOSE if param.name == "verbose" else QUIET


def _json(ctx: click.Context, param: click.Parameter, value: bool) -> bool:
    if value:
        ctx.meta["json"] = True  # an error, too, is then printed as JSON (cli.Cli)
    return value


def VERBOSITY(command):  # noqa: N802 (a decorator like the options above)
    """Add -v/--verbose and -q/--quiet to `command`; `display()` and `verbosity()` read them."""
    command = click.option("--verbose", "-v", is_flag=True, expose_value=False, callback=_verbosity,
                           help="Show detail: what was unchanged, which programs ran.")(command)
    return click.option("--quiet", "-q", is_flag=True, expose_value=False, callback=_verbosity,
                        help="Print nothing but errors.")(command)


JSON = click.option("--json", "as_json", is_flag=True, callback=_json,
                    help="Print the result as JSON on standard output (for an editor, a script or a web page).")


def verbosity() -> int:
    """Return the verbosity the command line asked for: QUIET, NORMAL or VERBOSE."""
    return click.get_current_context().meta.get("verbosity", NORMAL)


def display() -> Display:
    """Return the progress display for this command's verbosity (silent with --json: stdout is for the JSON)."""
    ctx = click.get_current_context()
    return Display(QUIET if ctx.meta.get("json") else verbosity())


def say(message: str, err: bool = True) -> None:
    """Print a summary line (on stderr, or the result on stdout) unless -q or --json asked for silence."""
    if verbosity() >= NORMAL and not click.get_current_context().meta.get("json"):
        click.echo(message, err=err)


def print_json(value: object) -> None:
    """Print `value` as JSON on stdout, Chinese as it is."""
    click.echo(json.dumps(value, ensure_ascii=False, indent=2, default=str))


def error_json(error: ReportgenError) -> dict:
    """Return a failure as the JSON a --json command prints: what kind, the exit code, the message, the problems."""
    problems = error.problems if isinstance(error, DataError) else []
    message = str(error).splitlines()[-1] if problems else str(error)
    return {"ok": False, "error": type(error).__name__, "exit_code": error.exit_code, "message": message,
            "problems": [p.as_dict() for p in problems]}


def print_messages(messages) -> None:
    """Print each warning of a build as one line: ``warning: …``."""
    for message in messages:
        click.echo(_("warning: {message}").format(message=message), err=True)

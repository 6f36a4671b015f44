"""The command line: the click group, where every failure becomes one message and an exit code.

The commands live in `cli/build.py` (validate, build, schema, synth, bench, audiences, which, init) and
`cli/meeting.py` (preview, bundle, verify, send); each parses its options and makes one library call.
"""

from __future__ import annotations

import inspect
import os
import signal
import sys
import warnings

from reportgen import i18n

i18n.use(i18n.choose(sys.argv[1:]), click=True)  # before any help text or message is made

import click  # noqa: E402

from reportgen import __version__  # noqa: E402
from reportgen.errors import InternalError, Interrupted, ReportgenError  # noqa: E402
from reportgen.i18n import _  # noqa: E402

class Cli(click.Group):
    """Click group that turns every failure into one message and its exit code, without a traceback."""

    def invoke(self, ctx: click.Context):
        previous = _on_sigterm(_terminated)
        try:
            with warnings.catch_warnings():
                warnings.showwarning = _show_warning
                return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except (Exception, KeyboardInterrupt) as exc:  # the one place where any failure becomes a message
            if ctx.meta.get("debug"):
                raise
            error = _as_error(exc)
            if ctx.meta.get("json"):  # a script reads the failure from stdout, a person from stderr
                from reportgen.cli.options import error_json, print_json

                print_json(error_json(error))
            click.echo(_("error: {message}").format(message=error), err=True)
            sys.exit(error.exit_code)
        finally:
            _on_sigterm(previous)


def _as_error(exc: BaseException) -> ReportgenError:
    """Return `exc` as a ReportgenError: itself, an interruption, or an internal error naming the exception."""
    if isinstance(exc, KeyboardInterrupt) or isinstance(exc, Interrupted) and not str(exc):
        return Interrupted(_("interrupted; files already in place are complete and no temporary file is left"))
    if isinstance(exc, ReportgenError):
        return exc
    return InternalError(_("internal error ({kind}: {error}); run with --debug for the traceback and report "
                           "it").format(kind=type(exc).__name__, error=exc))


def _on_sigterm(handler):
    """Install `handler` for SIGTERM and return the previous one (None outside the main thread)."""
    if handler is None:
        return None
    try:
        return signal.signal(signal.SIGTERM, handler)
    except ValueError:  # not the main thread: leave signals alone
        return None


def _terminated(signum, frame) -> None:
    """SIGTERM handler: stop the build like Ctrl-C, so temporary files are removed on the way out."""
    raise Interrupted()


def _show_warning(message, category, filename, lineno, file=None, line=None) -> None:
    """Print a warning as one line: ``warning: …``."""
    click.echo(_("warning: {message}").format(message=message), err=True)


@click.group(cls=Cli, context_settings={"help_option_names": ["-h", "--help"]},
             help=_("Turn outcome data into a Chinese official briefing (.docx) and a meeting deck (.pptx)."))
@click.version_option(__version__, prog_name="reportgen")
@click.option("--lang", type=click.Choice(["zh", "en"]), help=_("Language of messages and help: zh (中文, the "
              "default) or en; also REPORTGEN_LANG."))
@click.option("--debug", is_flag=True, help=_("Show the traceback of an error (for developers)."))
@click.pass_context
def main(ctx: click.Context, lang: str | None, debug: bool) -> None:
    """Turn outcome data into a Chinese official briefing (.docx) and a meeting deck (.pptx)."""
    ctx.meta["debug"] = debug  # --lang was applied before the command line was built (i18n.choose)


def run() -> None:
    """The console command: run `main`, then end the process without tearing down the interpreter.

    Everything the command writes is synced and renamed into place before `main` returns; unloading
    matplotlib, lxml and the composed documents would only add a third of a second to every build.
    """
    try:
        main(prog_name="reportgen")
        code = 0
    except SystemExit as exc:
        code = exc.code
    if not isinstance(code, int):  # sys.exit("message") prints the message and exits with 1
        if code is not None:
            print(code, file=sys.stderr)
        code = 0 if code is None else 1
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def _register() -> None:
    """Add the commands of cli/build.py and cli/meeting.py to the group, then speak the user's language in every
    help text (the English of the code is the catalogs' source: tools/catalog.py reads it from here)."""
    from reportgen.cli import build, meeting

    for module in (build, meeting):
        for command in module.COMMANDS:
            main.add_command(command)
    for text, setter in help_texts(main):
        setter(_(text))


def help_texts(group: click.Group):
    """Yield (English help text, setter) of the group, each command and each option."""
    def setter(obj, attr):
        return lambda value: setattr(obj, attr, value)

    for command in (group, *group.commands.values()):
        for attr in ("help", "short_help"):
            if getattr(command, attr, None):
                yield inspect.cleandoc(getattr(command, attr)), setter(command, attr)
        for param in command.params:
            if getattr(param, "help", None):
                yield param.help, setter(param, "help")


_register()

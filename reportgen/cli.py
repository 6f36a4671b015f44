"""The command line: options become Settings, errors become one message and an exit code."""

from __future__ import annotations

import json
import os
import signal
import sys
import warnings
from pathlib import Path

import click

from reportgen import __version__
from reportgen.errors import InternalError, Interrupted, ReportgenError, ReportgenWarning

DATA = click.option("--data", type=click.Path(path_type=Path), default=Path("data"), show_default=True,
                    help="Folder of YAML data files.")
TEMPLATES = click.option("--templates", type=click.Path(path_type=Path, exists=True, file_okay=False),
                         help="Folder of templates that override ./templates and the shipped ones.")


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
            click.echo(f"error: {error}", err=True)
            sys.exit(error.exit_code)
        finally:
            _on_sigterm(previous)


def _as_error(exc: BaseException) -> ReportgenError:
    """Return `exc` as a ReportgenError: itself, an interruption, or an internal error naming the exception."""
    if isinstance(exc, KeyboardInterrupt | Interrupted) and not str(exc):
        return Interrupted("interrupted; files already in place are complete and no temporary file is left")
    if isinstance(exc, ReportgenError):
        return exc
    return InternalError(f"internal error ({type(exc).__name__}: {exc}); run with --debug for the traceback "
                         "and report it")


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
    click.echo(f"warning: {message}", err=True)


@click.group(cls=Cli, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="reportgen")
@click.option("--debug", is_flag=True, help="Show the traceback of an error (for developers).")
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """Turn outcome data into a Chinese official briefing (.docx) and a meeting deck (.pptx)."""
    ctx.meta["debug"] = debug


def run() -> None:
    """The console command: run `main`, then end the process without tearing down the interpreter.

    Everything the command writes is synced and renamed into place before `main` returns; unloading
    matplotlib, lxml and the composed documents would only add a third of a second to every build.
    """
    try:
        main()
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


@main.command()
@DATA
def validate(data: Path) -> None:
    """Check the data without writing anything; list every problem with file and line."""
    from reportgen.inputs.loader import load_briefing

    briefing = load_briefing(data)
    projects = sum(len(g.projects) for g in briefing.governance)
    figures = sum(len(g.totals) + len(g.figures) + sum(len(p.figures) for p in g.projects)
                  for g in briefing.governance) + sum(len(a.figures) for a in briefing.articles)
    click.echo(f"{data}: valid ({projects} projects, {len(briefing.articles)} articles, {figures} figures)")


@main.command()
def schema() -> None:
    """Print the JSON Schema of a data file, for editors that check YAML while typing."""
    from reportgen.inputs.schema import data_file_schema

    click.echo(json.dumps(data_file_schema(), ensure_ascii=False, indent=2))


@main.command()
@DATA
@TEMPLATES
@click.option("--audience", "audiences", default="full", show_default=True,
              help="Audience profile name, a comma-separated list, or 'all'.")
@click.option("--format", "formats", default="docx,pptx", show_default=True, help="Comma-separated: docx, pptx, pdf.")
@click.option("--out", type=click.Path(path_type=Path), default=Path("build"), show_default=True,
              help="Output folder; each audience writes into OUT/<audience>/.")
@click.option("--quiet", "-q", is_flag=True, help="Print nothing but errors.")
@click.option("--jobs", "-j", type=click.IntRange(0), default=0,
              help="Worker processes writing documents  [default: one per core]")
@click.option("--executor", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="Where the audience × format matrix runs: this machine, or a Dask cluster.")
@click.option("--scheduler", metavar="ADDRESS", help="Dask scheduler address for --executor dask (tcp://host:8786).")
@click.option("--no-cache", "no_cache", is_flag=True, help="Rewrite every output even if its inputs did not change.")
def build(data: Path, templates: Path | None, audiences: str, formats: str, out: Path, quiet: bool, jobs: int,
          executor: str, scheduler: str | None, no_cache: bool) -> None:
    """Build the briefing and the deck for each audience."""
    from reportgen.api import Settings, build as run_build

    settings = Settings(data=data, templates=templates, audiences=_split(audiences), formats=_split(formats),
                        out=out, jobs=jobs, executor=executor, scheduler=scheduler, cache=not no_cache)
    report = (lambda message: None) if quiet else _reporter()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ReportgenWarning)
        outputs = run_build(settings, report)
    for warning in caught:  # each once: every job that uses the same reference file gives the same warning
        if not issubclass(warning.category, ReportgenWarning):
            warnings.showwarning(warning.message, warning.category, warning.filename, warning.lineno)
    for message in dict.fromkeys(str(w.message) for w in caught if issubclass(w.category, ReportgenWarning)):
        click.echo(f"warning: {message}", err=True)
    if not quiet:
        click.echo(f"{len(outputs)} files up to date in {out}", err=True)


@main.command()
@click.option("--projects", type=click.IntRange(1, 100_000), required=True, help="Number of governance projects.")
@click.option("--out", type=click.Path(path_type=Path), required=True, help="Folder to write the data files into.")
@click.option("--seed", type=int, default=0, show_default=True, help="Random seed; the same seed writes the same data.")
def synth(projects: int, out: Path, seed: int) -> None:
    """Write a valid synthetic data set of realistic size, for benchmarks and stress tests."""
    from reportgen.synth import write_synth

    paths = write_synth(out, projects, seed)
    click.echo(f"{len(paths)} files with {projects} projects written to {out}", err=True)


@main.command(context_settings={"ignore_unknown_options": True, "help_option_names": []})
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
def bench(args: tuple[str, ...]) -> None:
    """Benchmark cold builds and rebuilds (seed, 100 and 1000 projects); see `reportgen bench --help`."""
    from reportgen.bench import main as run_bench

    run_bench(list(args))


@main.command()
@TEMPLATES
def audiences(templates: Path | None) -> None:
    """List the audience profiles, one line each."""
    from reportgen.compose.profile import list_profiles, load_profile
    from reportgen.resources import Locator

    locator = Locator.default(templates)
    for name in list_profiles(locator):
        click.echo(f"{name:<12} {load_profile(name, locator).description}")


@main.command()
@TEMPLATES
@click.argument("section")
@click.option("--audience", default="full", show_default=True, help="Audience profile name.")
def which(templates: Path | None, section: str, audience: str) -> None:
    """Print every place searched for a section template, in order, and the one that is used."""
    from reportgen.compose.environment import section_lookup
    from reportgen.compose.profile import load_profile
    from reportgen.errors import TemplateError
    from reportgen.resources import Locator

    locator = Locator.default(templates)
    profile = load_profile(audience, locator)
    click.echo(f"profile {audience}: " + " ← ".join(str(p) for p in profile.files))
    searched = section_lookup(locator, audience, section)
    winner = next((path for path, exists in searched if exists), None)
    for path, exists in searched:
        click.echo(f"  {'used' if path == winner else 'found' if exists else '-':<5} {path}")
    if winner is None:
        raise TemplateError(f"no template for section {section!r} of audience {audience!r}")
    click.echo(f"section {section}: {winner}")


@main.command()
@click.argument("folder", type=click.Path(path_type=Path), default=Path("."))
def init(folder: Path) -> None:
    """Create a briefing project in FOLDER: sample data, audience profiles and the templates, ready to build."""
    from reportgen.scaffold import scaffold

    for path in scaffold(folder):
        click.echo(f"created {path}")
    click.echo(f"next: cd {folder} && reportgen build --audience all")


def _split(value: str) -> list[str]:
    """Return the non-empty items of a comma-separated option."""
    return [part.strip() for part in value.split(",") if part.strip()]


def _reporter():
    """Return a progress printer for the terminal (rich), one line per finished step."""
    from rich.console import Console

    console = Console(stderr=True, highlight=False)
    return lambda message: console.print(f"[green]✓[/green] {message}")


def _add_distribution_commands() -> None:
    """Register preview, bundle, verify and send (reportgen/distribute/commands.py)."""
    from reportgen.distribute.commands import COMMANDS

    for command in COMMANDS:
        main.add_command(command)


_add_distribution_commands()

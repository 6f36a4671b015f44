"""The data and build commands: validate, build, schema, synth, bench, audiences, which, init."""

from __future__ import annotations

import json
from pathlib import Path

import click

from reportgen.cli.options import (AUDIENCES, DATA, JSON, OUT, TEMPLATES, VERBOSITY, display, print_json,
                                   print_messages, say, split_list)
from reportgen.i18n import _


@click.command()
@DATA
@JSON
@VERBOSITY
def validate(data: Path, as_json: bool) -> None:
    """Check the data without writing anything; list every problem with file and line."""
    from reportgen.inputs.loader import load_data

    loaded = load_data(data)
    briefing = loaded.briefing
    counts = {"projects": sum(len(g.projects) for g in briefing.governance), "articles": len(briefing.articles),
              "figures": sum(len(g.totals) + len(g.figures) + sum(len(p.figures) for p in g.projects)
                             for g in briefing.governance) + sum(len(a.figures) for a in briefing.articles)}
    if as_json:
        print_json({"ok": True, "data": str(data), **counts, "problems": [],
                    "warnings": list(loaded.warnings)})
        return
    print_messages(loaded.warnings)  # characters the output fonts lack: the build would print them as □
    say(_("{folder}: valid ({projects} projects, {articles} articles, {figures} figures)").format(
        folder=data, **counts), err=False)


@click.command()
def schema() -> None:
    """Print the JSON Schema of a data file, for editors that check YAML while typing."""
    from reportgen.inputs.schema import data_file_schema

    click.echo(json.dumps(data_file_schema(), ensure_ascii=False, indent=2))


@click.command()
@DATA
@TEMPLATES
@AUDIENCES
@click.option("--format", "formats", default="docx,pptx", show_default=True, help="Comma-separated: docx, pptx, pdf.")
@OUT
@JSON
@VERBOSITY
@click.option("--jobs", "-j", type=click.IntRange(0), default=0,
              help="Worker processes writing documents  [default: one per core]")
@click.option("--executor", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="Where the audience × format matrix runs: this machine, or a Dask cluster.")
@click.option("--scheduler", metavar="ADDRESS", help="Dask scheduler address for --executor dask (tcp://host:8786).")
@click.option("--no-cache", "no_cache", is_flag=True, help="Rewrite every output even if its inputs did not change.")
@click.option("--strict", is_flag=True, help="Treat warnings as errors: write nothing when the build gives one.")
def build(data: Path, templates: Path | None, audiences: str, formats: str, out: Path, as_json: bool, jobs: int,
          executor: str, scheduler: str | None, no_cache: bool, strict: bool) -> None:
    """Build the briefing and the deck for each audience."""
    from reportgen.api import build as run_build
    from reportgen.settings import Settings

    settings = Settings(data=data, templates=templates, audiences=split_list(audiences), formats=split_list(formats),
                        out=out, jobs=jobs, executor=executor, scheduler=scheduler, cache=not no_cache,
                        strict=strict)
    result = run_build(settings, display())
    if as_json:
        print_json({"ok": True, "out": str(out), "files": [
            {"path": str(path), "audience": path.relative_to(out).parts[0],
             "status": "unchanged" if index < result.unchanged else "written"}
            for index, path in enumerate(result.files)], "warnings": list(result.messages)})
        return
    print_messages(result.messages)
    say(_("{written} files written and {unchanged} unchanged, in {folder}").format(
        written=len(result.files) - result.unchanged, unchanged=result.unchanged, folder=out))


@click.command()
@click.option("--projects", type=click.IntRange(1, 100_000), required=True, help="Number of governance projects.")
@click.option("--out", type=click.Path(path_type=Path), required=True, help="Folder to write the data files into.")
@click.option("--seed", type=int, default=0, show_default=True, help="Random seed; the same seed writes the same data.")
@VERBOSITY
def synth(projects: int, out: Path, seed: int) -> None:
    """Write a valid synthetic data set of realistic size, for benchmarks and stress tests."""
    from reportgen.synth import write_synth

    paths = write_synth(out, projects, seed)
    say(_("{count} files with {projects} projects written to {folder}").format(count=len(paths), projects=projects,
                                                                             folder=out))


@click.command(context_settings={"ignore_unknown_options": True, "help_option_names": []})
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
def bench(args: tuple[str, ...]) -> None:
    """Benchmark cold builds and rebuilds (seed, 100 and 1000 projects); see `reportgen bench --help`."""
    from reportgen.bench import main as run_bench

    run_bench(list(args))


@click.command()
@TEMPLATES
def audiences(templates: Path | None) -> None:
    """List the audience profiles, one line each."""
    from reportgen.compose.profile import list_profiles, load_profile
    from reportgen.resources import Locator

    locator = Locator.default(templates)
    names = list_profiles(locator)
    width = max(map(len, names), default=0) + 2
    for name in names:
        click.echo(f"{name:<{width}}{load_profile(name, locator).description}")


@click.command()
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
    click.echo(_("profile {audience}: {files}").format(audience=audience,
                                                        files=" ← ".join(str(p) for p in profile.files)))
    searched = section_lookup(locator, audience, section)
    winner = next((path for path, exists in searched if exists), None)
    marks = {"used": _("used"), "found": _("found"), "-": _("absent")}
    width = max(map(len, marks.values())) + 1
    for path, exists in searched:
        mark = marks["used" if path == winner else "found" if exists else "-"]
        click.echo(f"  {mark:<{width}}{path}")
    if winner is None:
        raise TemplateError(_("no template for section {section} of audience {audience}").format(
            section=repr(section), audience=repr(audience)))
    click.echo(_("section {section}: {path}").format(section=section, path=winner))


@click.command()
@click.argument("folder", type=click.Path(path_type=Path), default=Path("."))
@click.option("--issuer", default="某某市人民政府办公室", show_default=True, help="编印单位 of the briefing.")
@click.option("--region", default="某某市", show_default=True, help="Where the work is done, e.g. 万州区.")
@click.option("--level", default="市", show_default=True, help="The region's level: 省, 市, 州, 县, 区 …")
@click.option("--program", default="重点工作", show_default=True, help="What the work is called, e.g. 民生实事.")
@click.option("--bulletin", default="", help="The bulletin's name in the masthead [default: PROGRAM工作简报].")
@VERBOSITY
def init(folder: Path, issuer: str, region: str, level: str, program: str, bulletin: str) -> None:
    """Create a briefing project in FOLDER: sample data in the office's words, audience profiles and the
    templates, ready to build."""
    from reportgen.scaffold import Office, scaffold

    for path in scaffold(folder, Office(issuer, region, level, program, bulletin)):
        say(_("created {path}").format(path=path), err=False)
    say(_("next: cd {folder} && reportgen build --audience all").format(folder=folder), err=False)


@click.command(short_help="Check what a build needs on this machine.")
@VERBOSITY
def doctor() -> None:
    """Check what a build needs on this machine (Python, packages, LibreOffice, fonts) and say how to get what
    is missing; exit 0 when a build can run."""
    from reportgen.doctor import can_build, checks, report
    from reportgen.errors import ToolError

    results = list(checks())
    for line in report(results):
        say(line, err=False)
    if not can_build(results):
        raise SystemExit(ToolError.exit_code)  # a program or font a build needs is missing


@click.command(short_help="Write a fill-in workbook (.xlsx) of the data for Excel or WPS 表格.")
@click.option("--data", type=click.Path(path_type=Path), default=Path("data"), show_default=True,
              help="Folder of data files (or a workbook) to fill the workbook with.")
@click.option("--out", type=click.Path(path_type=Path),
              help="The workbook to write [default: 填报.xlsx]; with --per department, the folder [default: 填报].")
@click.option("--per", type=click.Choice(["department"]), help="One workbook per lead department, holding only "
              "its own projects, named after it.")
@click.option("--blank", is_flag=True, help="An empty workbook (with its explanations), without reading data.")
@click.option("--force", is_flag=True, help="Replace a workbook that already exists.")
@VERBOSITY
def workbook(data: Path, out: Path | None, per: str | None, blank: bool, force: bool) -> None:
    """Write a fill-in workbook of the data (Excel or WPS 表格): a sheet per part, Chinese headers with help,
    drop-down lists; departments fill it in and `build --data` reads it back."""
    from reportgen.workbooks import write_workbooks

    target = out or Path("填报" if per else "填报.xlsx")
    for path in write_workbooks(None if blank else data, target, per_department=per == "department", force=force):
        say(_("wrote {path}").format(path=path), err=False)


@click.command(short_help="Write a workbook's data as YAML data files.")
@click.argument("source", type=click.Path(path_type=Path, exists=True, dir_okay=False))
@click.option("--to", "to", type=click.Choice(["yaml"]), default="yaml", show_default=True,
              help="The form to write.")
@click.argument("folder", type=click.Path(path_type=Path))
@click.option("--force", is_flag=True, help="Replace data files that already exist in FOLDER.")
@VERBOSITY
def convert(source: Path, to: str, folder: Path, force: bool) -> None:
    """Write the data of the workbook SOURCE as YAML data files into FOLDER, each project saying which sheet and
    row it came from (checked first: nothing is written while the workbook has a problem)."""
    from reportgen.workbooks import convert_to_yaml

    for path in convert_to_yaml(source, folder, force=force):
        say(_("wrote {path}").format(path=path), err=False)


COMMANDS = (validate, schema, build, synth, bench, audiences, which, init, doctor, workbook, convert)

"""The options several commands share, written once, and the helpers that turn option values into settings."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import click

from reportgen.i18n import _

DATA = click.option("--data", type=click.Path(path_type=Path), default=Path("data"), show_default=True,
                    help="Folder of YAML data files (meetings in DATA/meetings/).")
TEMPLATES = click.option("--templates", type=click.Path(path_type=Path, exists=True, file_okay=False),
                         help="Folder of templates that override ./templates and the shipped ones.")
OUT = click.option("--out", type=click.Path(path_type=Path), default=Path("build"), show_default=True,
                   help="Output folder; each audience writes into OUT/<audience>/.")
QUIET = click.option("--quiet", "-q", is_flag=True, help="Print nothing but errors.")
AUDIENCES = click.option("--audience", "audiences", default="full", show_default=True,
                         help="Audience profile name, a comma-separated list, or 'all'.")


def split_list(value: str) -> list[str]:
    """Return the non-empty items of a comma-separated option."""
    return [part.strip() for part in value.split(",") if part.strip()]


def progress(quiet: bool) -> Callable[[str], None]:
    """Return a progress printer for the terminal (rich), one line per finished step; a silent one when `quiet`."""
    if quiet:
        return lambda message: None
    from rich.console import Console

    console = Console(stderr=True, highlight=False, soft_wrap=True)  # a path is never broken across lines
    return lambda message: console.print(f"[green]✓[/green] {message}")


def print_messages(messages) -> None:
    """Print each warning of a build as one line: ``warning: …``."""
    for message in messages:
        click.echo(_("warning: {message}").format(message=message), err=True)

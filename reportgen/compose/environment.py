"""The Jinja environment for section templates: sandboxed, strict, data always literal, Chinese filters."""

from __future__ import annotations

from pathlib import Path

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from reportgen.compose.markup import escape_value
from reportgen.errors import TemplateError
from reportgen.numbers import chinese_date, chinese_ordinal, figure_phrase, figure_text, plain_number
from reportgen.resources import Locator


def make_environment(locator: Locator, folder: str = "sections") -> SandboxedEnvironment:
    """Return the environment that finds `<folder>/<audience>/<name>.j2` and `<folder>/default/<name>.j2`."""
    env = SandboxedEnvironment(
        loader=jinja2.FileSystemLoader([str(root / folder) for root in locator.roots]),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        finalize=escape_value,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(figure=figure_text, phrase=figure_phrase, cn=chinese_ordinal, date=chinese_date,
                       number=plain_number)
    return env


def render_section(env: SandboxedEnvironment, audience: str, name: str, context: dict) -> str:
    """Return the markup of section `name` for `audience`; raise TemplateError naming the file and line."""
    try:
        template = env.select_template([f"{audience}/{name}.j2", f"default/{name}.j2"])
    except jinja2.TemplatesNotFound:
        folder = Path(env.loader.searchpath[0]).name if env.loader.searchpath else "sections"
        raise TemplateError(f"no template for {name!r} (looked for {folder}/{audience}/{name}.j2 "
                            f"and {folder}/default/{name}.j2)") from None
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(f"{exc.filename}:{exc.lineno}: template syntax error: {exc.message}") from None
    try:
        return template.render(context)
    except jinja2.TemplateError as exc:
        raise TemplateError(f"{template.filename}:{_line(exc, template.filename)}: {exc.message}") from None
    except RecursionError:
        raise TemplateError(f"{template.filename}: a macro or include calls itself without end") from None


def _line(exc: BaseException, filename: str | None) -> int | str:
    """Return the template line where `exc` was raised (Jinja maps template frames to their source)."""
    line: int | str = "?"
    tb = exc.__traceback__
    while tb is not None:
        if filename and Path(tb.tb_frame.f_code.co_filename) == Path(filename):
            line = tb.tb_lineno
        tb = tb.tb_next
    return line

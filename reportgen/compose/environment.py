"""The Jinja environment for section templates: sandboxed, strict, data always literal, Chinese filters.

Section `name` of audience `a` is `sections/a/name.j2`, else `sections/default/name.j2`, each searched in every
template root in order (--templates DIR, ./templates, shipped). `builtin:default/name.j2` always names the
shipped template, so an override can `{% extends "builtin:default/projects.j2" %}` and change one block.
"""

from __future__ import annotations

import functools
from pathlib import Path

import jinja2
from jinja2.loaders import split_template_path

from reportgen.compose.filters import FILTERS, GLOBALS
from reportgen.compose.markup import escape_value
from reportgen.compose.sandbox import Sandbox, render_limited
from reportgen.errors import TemplateError
from reportgen.resources import Locator, regular_file, shipped_templates

BUILTIN = "builtin"
MAX_TEMPLATE = 1_000_000  # bytes of one template file


class RootedLoader(jinja2.BaseLoader):
    """Loads templates from folders in order, refusing what is not a regular UTF-8 file inside its folder."""

    def __init__(self, roots: list[Path]) -> None:
        self.roots = roots

    def get_source(self, environment: jinja2.Environment, template: str):
        pieces = split_template_path(template)  # refuses names with ..
        for root in self.roots:
            path = root.joinpath(*pieces)
            if not (path.exists() or path.is_symlink()):
                continue
            data = regular_file(root, path, MAX_TEMPLATE).read_bytes()
            try:
                source = data.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise TemplateError(f"{path}: not valid UTF-8 (byte 0x{data[exc.start]:02X}); "
                                    "save the template as UTF-8") from None
            mtime = path.stat().st_mtime
            return source, str(path), lambda: path.stat().st_mtime == mtime
        raise jinja2.TemplateNotFound(template)


@functools.lru_cache(maxsize=16)
def make_environment(locator: Locator, folder: str = "sections") -> Sandbox:
    """Return the environment that finds the templates of `folder` (sections or slides) through `locator`,
    and the shipped ones under the `builtin:` prefix."""
    env = Sandbox(
        loader=jinja2.ChoiceLoader([
            jinja2.PrefixLoader({BUILTIN: RootedLoader([shipped_templates() / folder])}, delimiter=":"),
            RootedLoader([root / folder for root in locator.roots]),
        ]),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        finalize=escape_value,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(FILTERS)
    env.globals.update(GLOBALS)
    return env


def section_names(audience: str, name: str) -> list[str]:
    """Return the template names tried for section `name` of `audience`, in order."""
    return [f"{audience}/{name}.j2", f"default/{name}.j2"]


def section_lookup(locator: Locator, audience: str, name: str) -> list[tuple[Path, bool]]:
    """Return every path searched for the section, in search order, each with whether it exists."""
    return [(path, path.is_file()) for template in section_names(audience, name)
            for path in locator.candidates(f"sections/{template}")]


def section_markup(env: jinja2.Environment, audience: str, name: str, context: dict, folder: str = "sections") -> str:
    """Return the markup of template `name` of `folder` for `audience`; raise TemplateError naming file and line."""
    try:
        template = env.select_template(section_names(audience, name))
    except jinja2.TemplatesNotFound:
        raise TemplateError(f"no template for {name!r} (looked for {folder}/{audience}/{name}.j2 "
                            f"and {folder}/default/{name}.j2)") from None
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(f"{exc.filename}:{exc.lineno}: template syntax error: {exc.message}") from None
    try:
        return render_limited(template, context)
    except jinja2.TemplateNotFound as exc:
        raise TemplateError(f"{template.filename}: template {exc.name!r} not found") from None
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(f"{exc.filename}:{exc.lineno}: template syntax error: {exc.message}") from None
    except TemplateError:
        raise
    except RecursionError as exc:
        raise TemplateError(f"{_where(exc, template)}: a macro or include calls itself without end") from None
    except Exception as exc:  # anything a user template can raise becomes one located message
        raise TemplateError(f"{_where(exc, template)}: {getattr(exc, 'message', None) or exc}") from None


def _where(exc: BaseException, template: jinja2.Template) -> str:
    """Return file:line of the innermost template frame of the traceback (Jinja maps frames to sources), or
    the template's file when no frame is one of a template."""
    found = None
    tb = exc.__traceback__
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(".j2") and Path(filename).is_file():
            found = f"{filename}:{tb.tb_lineno}"
        tb = tb.tb_next
    return found or str(template.filename)

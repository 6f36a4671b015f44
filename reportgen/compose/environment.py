"""The Jinja environment for section templates: sandboxed, strict, data always literal, Chinese filters.

Section `name` of audience `a` is `sections/a/name.j2`, else `sections/default/name.j2`, each searched in every
template root in order (--templates DIR, ./templates, shipped). `builtin:default/name.j2` always names the
shipped template, so an override can `{% extends "builtin:default/projects.j2" %}` and change one block.
"""

from __future__ import annotations

import functools
import operator
from pathlib import Path
from typing import Any

import jinja2
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from reportgen.compose.filters import FILTERS, GLOBALS
from reportgen.compose.markup import escape_value
from reportgen.errors import TemplateError
from reportgen.resources import Locator, shipped_templates

BUILTIN = "builtin"
MAX_SIZE = 100_000  # longest string or list a template may build with * or **


class Sandbox(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox, which also refuses to build huge values with * and **."""

    intercepted_binops = frozenset({"*", "**"})

    def call_binop(self, context: Any, op: str, left: Any, right: Any) -> Any:
        """Return `left op right`, refusing results beyond MAX_SIZE items or digits."""
        if op == "**" and isinstance(right, int) and abs(right) > 64:
            raise SecurityError("the exponent is too large for a template")
        sequences = isinstance(left, (str, list, tuple)) or isinstance(right, (str, list, tuple))
        if op == "*" and sequences and _size(left) * _size(right) > MAX_SIZE:
            raise SecurityError(f"the result would exceed {MAX_SIZE} items")
        return (operator.mul if op == "*" else operator.pow)(left, right)


def _size(value: Any) -> int:
    """Return the length of a sequence, the value of an int, 1 for anything else (for the * limit)."""
    if isinstance(value, (str, list, tuple)):
        return len(value)
    return abs(value) if isinstance(value, int) else 1


@functools.lru_cache(maxsize=16)
def make_environment(locator: Locator, folder: str = "sections") -> Sandbox:
    """Return the environment that finds the templates of `folder` (sections or slides) through `locator`,
    and the shipped ones under the `builtin:` prefix."""
    env = Sandbox(
        loader=jinja2.ChoiceLoader([
            jinja2.PrefixLoader({BUILTIN: jinja2.FileSystemLoader(str(shipped_templates() / folder))},
                                delimiter=":"),
            jinja2.FileSystemLoader([str(root / folder) for root in locator.roots]),
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
        return template.render(context)
    except jinja2.TemplateNotFound as exc:
        raise TemplateError(f"{template.filename}: template {exc.name!r} not found") from None
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(f"{exc.filename}:{exc.lineno}: template syntax error: {exc.message}") from None
    except TemplateError:
        raise
    except RecursionError as exc:
        where = _frame(exc) or (template.filename, "?")
        raise TemplateError(f"{where[0]}:{where[1]}: a macro or include calls itself without end") from None
    except Exception as exc:  # anything a user template can raise becomes one located message
        where = _frame(exc) or (template.filename, "?")
        raise TemplateError(f"{where[0]}:{where[1]}: {getattr(exc, 'message', None) or exc}") from None


def _frame(exc: BaseException) -> tuple[str, int] | None:
    """Return (file, line) of the innermost template frame of the traceback (Jinja maps frames to sources)."""
    found = None
    tb = exc.__traceback__
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(".j2") and Path(filename).is_file():
            found = (filename, tb.tb_lineno)
        tb = tb.tb_next
    return found

"""The Jinja environment for section templates: sandboxed, strict, data always literal, Chinese filters.

Section `name` of audience `a` is `sections/a/name.j2`, else `sections/default/name.j2`, each searched in every
template root in order (--templates DIR, ./templates, shipped). `builtin:default/name.j2` always names the
shipped template, so an override can `{% extends "builtin:default/projects.j2" %}` and change one block.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path, PurePosixPath

import jinja2
from jinja2.loaders import split_template_path

from reportgen.compose.filters import FILTERS, GLOBALS
from reportgen.compose.markup import escape_value
from reportgen.compose.sandbox import Sandbox, readable, render_limited
from reportgen.errors import TemplateError
from reportgen.i18n import _
from reportgen.nearest import did_you_mean
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
                raise TemplateError(_("{path}: not valid UTF-8 (byte 0x{byte:02X}); save the template as "
                                      "UTF-8").format(path=path, byte=data[exc.start])) from None
            mtime = path.stat().st_mtime
            return source, str(path), lambda: path.stat().st_mtime == mtime
        raise jinja2.TemplateNotFound(template)

    def list_templates(self) -> list[str]:
        """Return the names of the templates in the folders (for a suggestion when one is not found)."""
        return sorted({path.relative_to(root).as_posix() for root in self.roots if root.is_dir()
                       for path in root.rglob("*.j2")})


class UnknownName(jinja2.UndefinedError):
    """A template used a name or a field that does not exist; `name` is it, `variable` whether it is a name."""

    def __init__(self, message: str, name: str, variable: bool) -> None:
        super().__init__(message)
        self.name, self.variable = name, variable


class NamedUndefined(jinja2.StrictUndefined):
    """Fails like StrictUndefined, saying which field is not there in the template writer's words (the fields the
    record has, the nearest one first) instead of a Python class path."""

    __slots__ = ()

    def _fail_with_undefined_error(self, *args, **kwargs):
        name, owner = self._undefined_name, self._undefined_obj
        if self._undefined_hint or not isinstance(name, str):
            raise UnknownName(self._undefined_hint or _("{name} is not defined").format(name=name), str(name), False)
        if owner is jinja2.utils.missing:
            raise UnknownName(_("{name} is not defined").format(name=name), name, True)
        fields = readable(owner)
        raise UnknownName(_("no field {name} here (the fields here: {fields})").format(
            name=name, fields=", ".join(fields) or "-") + did_you_mean(name, fields), name, False)

    __iter__ = __str__ = __len__ = __eq__ = __ne__ = __bool__ = __hash__ = __contains__ = _fail_with_undefined_error
    __add__ = __radd__ = __getattr__ = __getitem__ = __lt__ = __le__ = __gt__ = __ge__ = _fail_with_undefined_error
    __int__ = __float__ = __complex__ = __pow__ = __rpow__ = __call__ = _fail_with_undefined_error


_UNKNOWN_FILTER = re.compile(r"No (filter|test) named '([^']+)'")


@functools.lru_cache(maxsize=16)
def make_environment(locator: Locator, folder: str = "sections") -> Sandbox:
    """Return the environment that finds the templates of `folder` (sections or slides) through `locator`,
    and the shipped ones under the `builtin:` prefix."""
    env = Sandbox(
        loader=jinja2.ChoiceLoader([
            jinja2.PrefixLoader({BUILTIN: RootedLoader([shipped_templates() / folder])}, delimiter=":"),
            RootedLoader([root / folder for root in locator.roots]),
        ]),
        undefined=NamedUndefined,
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
        known = {PurePosixPath(n).stem for n in env.list_templates() if ":" not in n}
        raise TemplateError(_("no template for {name} (looked for {first} and {second})").format(
            name=repr(name), first=f"{folder}/{audience}/{name}.j2", second=f"{folder}/default/{name}.j2")
            + did_you_mean(name, known)) from None
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(_syntax_error(exc, env)) from None
    try:
        return render_limited(template, context)
    except jinja2.TemplateNotFound as exc:
        raise TemplateError(_("{path}: template {name} not found").format(path=template.filename,
                                                                           name=repr(exc.name))) from None
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(_syntax_error(exc, env)) from None
    except TemplateError:
        raise
    except RecursionError as exc:
        raise TemplateError(_("{where}: a macro or include calls itself without end").format(
            where=_where(exc, template))) from None
    except UnknownName as exc:
        near = did_you_mean(exc.name, [*context, *env.globals]) if exc.variable else ""
        raise TemplateError(f"{_where(exc, template)}: {exc.message}{near}") from None
    except Exception as exc:  # anything a user template can raise becomes one located message
        message = str(getattr(exc, "message", None) or exc)
        raise TemplateError(f"{_where(exc, template)}: {_unknown_filter(message, env) or message}") from None


def _syntax_error(exc: jinja2.TemplateSyntaxError, env: jinja2.Environment) -> str:
    """Return a syntax error as file:line: message."""
    message = _unknown_filter(exc.message or "", env) or _("template syntax error: {message}").format(
        message=exc.message)
    return f"{exc.filename}:{exc.lineno}: {message}"


def _unknown_filter(message: str, env: jinja2.Environment) -> str | None:
    """Return Jinja's message about an unknown filter or test in the user's language, with the nearest one."""
    unknown = _UNKNOWN_FILTER.match(message)
    if not unknown:
        return None
    kind, name = unknown.groups()
    if kind == "filter":
        return _("there is no filter {name}").format(name=name) + did_you_mean(name, env.filters)
    return _("there is no test {name}").format(name=name) + did_you_mean(name, env.tests)


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

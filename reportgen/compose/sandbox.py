"""The sandbox section templates run in: plain data through an allow-list, bounded work, bounded size.

Templates may come from anyone, so what a template can reach is listed, not filtered: the fields (and read-only
properties) of the data records, a few methods of strings and mappings, the loop and namespace objects, and the
helpers, filters and functions reportgen passes in. Any other attribute is undefined, whatever the object.

Every render has a work budget (`Budget`): each loop iteration, and each string or list built, spends from it; no
single operation may build a value beyond MAX_SIZE items, and no template may write more than MAX_OUTPUT
characters. Each limit ends the build with a TemplateError naming the template and line.
"""

from __future__ import annotations

import contextlib
import dataclasses
import operator
import re
from collections.abc import Iterable, Iterator, Mapping
from contextvars import ContextVar
from datetime import date
from decimal import Decimal
from pathlib import PurePath
from typing import Any

from jinja2 import filters as jinja_filters
from jinja2 import nodes
from jinja2.compiler import CodeGenerator
from jinja2.exceptions import SecurityError
from jinja2.runtime import LoopContext, Namespace
from jinja2.utils import Cycler
from jinja2.sandbox import ImmutableSandboxedEnvironment
from pydantic import BaseModel

from reportgen.i18n import _

MAX_SIZE = 100_000  # longest string or list one operation may build
MAX_OUTPUT = 10_000_000  # characters one template (or one macro, or one {% set %} block) may write
MAX_WORK = 1_000_000  # loop iterations (and hundreds of characters built) one render may spend
MAX_BITS = 4096  # largest integer a template may compute, in bits (about 1230 digits)

#: Methods of plain values a template may call; none can grow a value or reach outside it.
SAFE_METHODS: dict[type, frozenset[str]] = {
    str: frozenset({"startswith", "endswith", "strip", "lstrip", "rstrip", "split", "rsplit", "splitlines",
                    "upper", "lower", "title", "capitalize", "find", "rfind", "count", "isdigit", "isnumeric",
                    "isalpha", "isspace", "partition", "rpartition", "removeprefix", "removesuffix"}),
    dict: frozenset({"get", "items", "keys", "values"}),
    tuple: frozenset({"index", "count"}),
    list: frozenset({"index", "count"}),
    date: frozenset({"year", "month", "day", "isoformat", "weekday"}),
    LoopContext: frozenset({"index", "index0", "revindex", "revindex0", "first", "last", "length", "depth",
                            "depth0", "previtem", "nextitem", "cycle", "changed"}),
    Cycler: frozenset({"next", "current", "reset"}),
}


class Budget:
    """The work one render may still do."""

    def __init__(self, work: int = MAX_WORK) -> None:
        self.left = work

    def spend(self, units: int = 1) -> None:
        self.left -= units
        if self.left < 0:
            raise SecurityError(_("the template does too much work (over {limit:,} loop steps); a loop runs too "
                                  "often or builds too much text").format(limit=MAX_WORK))


_budget: ContextVar[Budget | None] = ContextVar("template_budget", default=None)


@contextlib.contextmanager
def budget() -> Iterator[Budget]:
    """Give the renders inside the block one fresh work budget."""
    token = _budget.set(Budget())
    try:
        yield _budget.get()
    finally:
        _budget.reset(token)


def _spend(units: int = 1) -> None:
    current = _budget.get()
    if current is not None:
        current.spend(units)


def sized(value: Any, limit: int = MAX_SIZE) -> Any:
    """Return `value`, refusing a string or list longer than `limit`; each 100 items built spend one unit."""
    if isinstance(value, (str, list, tuple)):
        if len(value) > limit:
            raise SecurityError(_("the template builds a value of {size:,} items (at most {limit:,})").format(
                size=len(value), limit=limit))
        _spend(len(value) // 100)
    return value


def counted(iterable: Iterable) -> Iterator:
    """Yield the items of `iterable`, spending one unit of the render's budget for each (every for loop)."""
    for item in iterable:
        _spend()
        yield item


def is_plain(value: Any) -> bool:
    """Whether a value may reach a template: not a path, and not a sequence holding paths."""
    if isinstance(value, PurePath):
        return False
    if isinstance(value, (tuple, list, frozenset, set)):
        return not any(isinstance(item, PurePath) for item in value)
    return True


def allowed(obj: Any, attr: str) -> bool:
    """Whether a template may read `obj.attr`: a record's field or property, or a listed safe method."""
    if isinstance(obj, BaseModel):
        return attr in type(obj).model_fields or isinstance(getattr(type(obj), attr, None), property)
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return attr in {f.name for f in dataclasses.fields(obj)}
    if isinstance(obj, Namespace):
        return True
    if isinstance(obj, Mapping):
        return attr in SAFE_METHODS[dict]
    return any(isinstance(obj, kind) and attr in names for kind, names in SAFE_METHODS.items())


def readable(obj: Any) -> list[str]:
    """Return the names a template may read of `obj` (`allowed` ones), for a message about one that is not."""
    if isinstance(obj, BaseModel):
        kind = type(obj)
        return [*kind.model_fields, *(n for n in dir(kind) if allowed(obj, n) and not hasattr(BaseModel, n)
                                      and n not in kind.model_fields)]
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return [f.name for f in dataclasses.fields(obj)]
    if isinstance(obj, Mapping):
        return [str(key) for key in obj]
    return []


class _Generator(CodeGenerator):
    """Jinja's code generator, with every ``~`` concatenation checked for size."""

    def visit_Concat(self, node: nodes.Concat, frame: Any) -> None:
        self.write("environment.sized(")
        super().visit_Concat(node, frame)
        self.write(")")


_FORMAT_SPEC = re.compile(r"%[#0\- +]*(\*|\d+)?(?:\.(\*|\d+))?")


def _check_format(text: Any) -> None:
    """Refuse a %-format whose width or precision could build a huge string."""
    if isinstance(text, str):
        for width, precision in _FORMAT_SPEC.findall(text):
            if "*" in (width, precision) or len(width) > 3 or len(precision) > 3:
                raise SecurityError(_("a %-format width or precision in a template is at most 999"))


def _too_long(name: str) -> str:
    return _("{name}: the result would exceed {limit:,} characters").format(name=name, limit=MAX_SIZE)


def _center(value: Any, width: int = 80) -> str:
    if int(width) > MAX_SIZE:
        raise SecurityError(_("{name}: a width of at most {limit:,}").format(name="center", limit=MAX_SIZE))
    return jinja_filters.do_center(value, width)


def _indent(value: Any, width: int | str = 4, first: bool = False, blank: bool = False) -> str:
    text = str(value)
    step = len(width) if isinstance(width, str) else int(width)
    if len(text) + step * (text.count("\n") + 1) > MAX_SIZE:
        raise SecurityError(_too_long("indent"))
    return jinja_filters.do_indent(text, width, first, blank)


def _replace(eval_ctx: Any, value: Any, old: str, new: str, count: int | None = None) -> str:
    text = str(value)
    if old and len(text) + text.count(old) * max(len(str(new)) - len(old), 0) > MAX_SIZE:
        raise SecurityError(_too_long("replace"))
    return sized(jinja_filters.do_replace(eval_ctx, text, old, new, count))


_replace.jinja_pass_arg = jinja_filters.do_replace.jinja_pass_arg  # type: ignore[attr-defined]


def _format(value: Any, *args: Any, **kwargs: Any) -> str:
    _check_format(value)
    return sized(jinja_filters.do_format(value, *args, **kwargs))


def _count_limited(name: str, position: int) -> Any:
    """Wrap filter `name` so that its count argument at `position` is at most MAX_SIZE (batch, slice)."""
    original = jinja_filters.FILTERS[name]

    def guarded(value: Any, *args: Any, **kwargs: Any) -> Any:
        if len(args) >= position and int(args[position - 1]) > MAX_SIZE:
            raise SecurityError(_("{name}: a count of at most {limit:,}").format(name=name, limit=MAX_SIZE))
        return original(value, *args, **kwargs)
    return guarded


def _join(eval_ctx: Any, value: Iterable, d: str = "", attribute: Any = None) -> str:
    return sized(jinja_filters.do_join(eval_ctx, value, d, attribute), MAX_OUTPUT)


_join.jinja_pass_arg = jinja_filters.do_join.jinja_pass_arg  # type: ignore[attr-defined]

#: Jinja's filters that could build huge values, replaced by guarded ones.
GUARDED_FILTERS = {"center": _center, "indent": _indent, "replace": _replace, "format": _format, "join": _join,
                   "batch": _count_limited("batch", 1), "slice": _count_limited("slice", 1)}


class Sandbox(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox with an attribute allow-list, a work budget and size limits."""

    code_generator_class = _Generator
    intercepted_binops = frozenset({"*", "**", "+", "%"})

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.filters.update(GUARDED_FILTERS)
        self.filters["_counted"] = counted
        self.globals.pop("lipsum", None)  # lipsum(n) writes n paragraphs: no use to a briefing

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        """Allow only what `allowed` lists, and never a path."""
        return super().is_safe_attribute(obj, attr, value) and allowed(obj, attr) and is_plain(value)

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805 (Jinja's form)
        """Call as the sandbox does; the items of a recursive loop's ``loop(children)`` spend from the budget too."""
        if isinstance(__obj, LoopContext) and args:
            args = (counted(args[0]), *args[1:])
        return super().call(__context, __obj, *args, **kwargs)

    def wrap_str_format(self, value: Any) -> None:
        """Offer no str.format: a format width could build a huge string (the allow-list leaves it out)."""
        return None

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        """Parse a template, routing every for loop's items through the budget (``counted``)."""
        tree = super()._parse(source, name, filename)
        for loop in tree.find_all(nodes.For):
            loop.iter = nodes.Filter(loop.iter, "_counted", [], [], None, None, lineno=loop.lineno)
        return tree

    @staticmethod
    def sized(value: Any) -> Any:
        return sized(value)

    @staticmethod
    def concat(parts: Iterable[str]) -> str:  # type: ignore[override]
        """Join the output of a macro or a {% set %} block, at most MAX_OUTPUT characters."""
        return sized("".join(parts), MAX_OUTPUT)

    def call_binop(self, context: Any, op: str, left: Any, right: Any) -> Any:
        """Return `left op right`, refusing a result beyond MAX_SIZE items or MAX_BITS bits."""
        numbers = isinstance(left, int) and isinstance(right, int)
        if op == "**" and numbers and right > 0 and left.bit_length() * right > MAX_BITS:
            raise SecurityError(_("the power is too large for a template"))
        if op == "**" and not numbers and isinstance(right, (int, float, Decimal)) and abs(right) > 64:
            raise SecurityError(_("the exponent is too large for a template"))
        if op == "*" and numbers and left.bit_length() + right.bit_length() > MAX_BITS:
            raise SecurityError(_("the product is too large for a template"))
        if (op == "*" and _is_sequence(left, right) and _size(left) * _size(right) > MAX_SIZE
                or op == "+" and _is_sequence(left, right) and _size(left) + _size(right) > MAX_SIZE):
            raise SecurityError(_("the result would exceed {limit:,} items").format(limit=MAX_SIZE))
        if op == "%":
            _check_format(left)
        result = {"*": operator.mul, "**": operator.pow, "+": operator.add, "%": operator.mod}[op](left, right)
        return sized(result)


def _is_sequence(left: Any, right: Any) -> bool:
    return isinstance(left, (str, list, tuple)) or isinstance(right, (str, list, tuple))


def _size(value: Any) -> int:
    """Return the length of a sequence, the value of an int, 1 for anything else."""
    if isinstance(value, (str, list, tuple)):
        return len(value)
    return abs(value) if isinstance(value, int) else 1


def render_limited(template: Any, context: dict) -> str:
    """Render `template` within one work budget, stopping once it has written MAX_OUTPUT characters."""
    parts, written = [], 0
    with budget():
        for part in template.generate(context):
            written += len(part)
            if written > MAX_OUTPUT:
                raise SecurityError(_("the template writes more than {limit:,} characters").format(limit=MAX_OUTPUT))
            _spend(len(part) // 100)
            parts.append(part)
    return "".join(parts)

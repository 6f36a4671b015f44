"""pydantic validation errors as located problems: one wording for data files, audience profiles and meetings."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import Any, TypeVar, get_args

from pydantic import BaseModel, ValidationError

from reportgen.errors import DataError, Problem
from reportgen.i18n import _
from reportgen.inputs.model import SLUG_PATTERN
from reportgen.inputs.slips import value_hint
from reportgen.inputs.yamlfile import Loc, YamlFile
from reportgen.nearest import did_you_mean, nearest

M = TypeVar("M", bound=BaseModel)


def validate_file(yf: YamlFile, model: type[M]) -> M:
    """Return the content of `yf` validated as `model`; raise DataError listing its duplicate keys and every error."""
    try:
        return model.model_validate(yf.data)
    except ValidationError as exc:
        raise DataError(yf.duplicates + file_problems(yf, model, exc)) from None


@dataclass(frozen=True)
class Pruned:
    """A file's content validated without the list items that hold errors, and how its list indices map back."""

    item: BaseModel
    kept: dict[Loc, list[int]]  # list path (in the file's own indices) → the file's index of each item kept

    def findings(self, found: Iterable[tuple[Loc, str]]) -> list[tuple[Loc, str]]:
        """Return `found` with every list index of the pruned content turned back into the file's own."""
        return [(self.original(loc), message) for loc, message in found]

    def original(self, loc: Loc) -> Loc:
        path: tuple = ()
        for part in loc:
            path += (self.kept[path][part] if isinstance(part, int) and path in self.kept else part,)
        return path


def pruned(data: Any, model: type[M], exc: ValidationError) -> Pruned | None:
    """Return `data` validated as `model` once every list item holding an error is left out (so the valid rest
    can still be cross-checked), or None when an error lies outside any list item or the rest is still invalid."""
    drops = set()
    for err in exc.errors(include_url=False):
        loc = tuple(err["loc"])
        last = max((k for k, part in enumerate(loc) if isinstance(part, int)), default=None)
        if last is None:
            return None
        drops.add(loc[:last + 1])
    kept: dict[Loc, list[int]] = {}

    def copy(value: Any, path: Loc) -> Any:
        if isinstance(value, dict):
            return {key: copy(item, (*path, key)) for key, item in value.items()}
        if isinstance(value, list):
            kept[path] = [i for i in range(len(value)) if (*path, i) not in drops]
            return [copy(value[i], (*path, i)) for i in kept[path]]
        return value

    try:
        return Pruned(model.model_validate(copy(data, ())), kept)
    except ValidationError:
        return None


def file_problems(yf: YamlFile, model: type[BaseModel], exc: ValidationError) -> list[Problem]:
    """Return every error of `exc` as a Problem with the file, line and field path in `yf`; a required key that
    is missing only because it is misspelt beside it is said once, at the misspelt key."""
    errors = exc.errors(include_url=False)
    misspelt = {(*err["loc"][:-1], nearest(err["loc"][-1], _allowed(model, err))) for err in errors
                if err["type"] == "extra_forbidden"}
    return located(yf, [(tuple(err["loc"]), error_text(err, model)) for err in errors
                        if not (err["type"] == "missing" and tuple(err["loc"]) in misspelt)])


def located(yf: YamlFile, findings: Iterable[tuple[Loc, str]]) -> list[Problem]:
    """Return each (location, message) found in `yf` as a Problem with its file, line and field path."""
    return [yf.problem(loc, message) for loc, message in findings]


def _allowed(model: type[BaseModel], err: Any, hidden: Collection[str] = ()) -> list[str]:
    """Return the keys allowed where the key of `err` stands, as the file writes them (aliases), less `hidden`."""
    parent = model_at(model, tuple(err["loc"])[:-1])
    return [f.alias or n for n, f in parent.model_fields.items() if n not in hidden] if parent else ["?"]


def error_text(err: Any, model: type[BaseModel], hidden: Collection[str] = ()) -> str:
    """Return one pydantic error of `model` as a short message that says what is expected.

    An unknown key lists the keys allowed where it stands, as the file writes them (aliases), less `hidden`,
    and the nearest one when the key looks misspelt; a value that failed for a typing slip (a full-width
    colon, Chinese quotation marks) says so.
    """
    kind, msg, value = err["type"], err["msg"].removeprefix("Value error, "), err.get("input")
    if kind == "missing":
        return _("required field is missing")
    if kind in ("extra_forbidden", "invalid_key"):
        allowed = _allowed(model, err, hidden)
        if kind == "invalid_key":
            return _("key {key} is not a name: YAML reads an unquoted number, yes/no, true/false, on/off or null "
                     "as a value (expected one of: {allowed})").format(key=short_repr(value),
                                                                       allowed=", ".join(allowed))
        message = _("unknown key (expected one of: {allowed})").format(allowed=", ".join(allowed))
        return message + did_you_mean(err["loc"][-1], allowed)
    hint = value_hint(value)
    if hint:
        return hint
    if kind == "value_error":
        return msg
    if kind == "string_pattern_mismatch" and err.get("ctx", {}).get("pattern") == SLUG_PATTERN:
        return _("{value} is not an id: an id is letters (汉字 too), digits and _, beginning with a letter, such "
                 "as education, 教育 or project_2").format(value=short_repr(value))
    template = _pydantic_messages().get(kind)
    text = template.format(**err.get("ctx", {})) if template else msg
    return _("{message} (got {value})").format(message=text, value=short_repr(value))


def _pydantic_messages() -> dict[str, str]:
    """Return pydantic's message of each common error type, as a template with its context's names, in the
    language spoken now (English: pydantic's own words)."""
    return {
        "string_type": _("Input should be a valid string"),
        "int_type": _("Input should be a valid integer"),
        "int_parsing": _("Input should be a valid integer, unable to parse string as an integer"),
        "int_from_float": _("Input should be a valid integer, got a number with a fractional part"),
        "decimal_parsing": _("Input should be a valid decimal"),
        "decimal_type": _("Decimal input should be an integer, float, string or Decimal object"),
        "finite_number": _("Input should be a finite number"),
        "greater_than_equal": _("Input should be greater than or equal to {ge}"),
        "greater_than": _("Input should be greater than {gt}"),
        "less_than_equal": _("Input should be less than or equal to {le}"),
        "string_too_short": _("String should have at least {min_length} character"),
        "too_short": _("List should have at least {min_length} item after validation, not {actual_length}"),
        "literal_error": _("Input should be {expected}"),
        "date_from_datetime_parsing": _("Input should be a valid date or datetime, {error}"),
        "date_parsing": _("Input should be a valid date in the format YYYY-MM-DD, {error}"),
        "date_type": _("Input should be a valid date"),
        "bool_parsing": _("Input should be a valid boolean, unable to interpret input"),
        "bool_type": _("Input should be a valid boolean"),
        "list_type": _("Input should be a valid list"),
        "tuple_type": _("Input should be a valid tuple"),
        "dict_type": _("Input should be a valid dictionary"),
        "model_type": _("Input should be a valid dictionary or instance of {class_name}"),
        "string_pattern_mismatch": _("String should match pattern '{pattern}'"),
    }


def model_at(model: type[BaseModel], loc: Loc) -> type[BaseModel] | None:
    """Return the model class that validates the mapping at `loc` inside `model`, None when no model does."""
    current: type[BaseModel] | None = model
    for part in loc:
        if isinstance(part, int):
            continue
        field = _field(current, part) if current else None
        current = _inner_model(field.annotation) if field else None
    return current


def _field(model: type[BaseModel], key: str) -> Any:
    """Return the field of `model` that the key `key` (its name or its alias) sets, or None."""
    return model.model_fields.get(key) or next((f for f in model.model_fields.values() if f.alias == key), None)


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    """Return the first BaseModel subclass inside a type annotation such as list[Figure] | None."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = _inner_model(arg)
        if found:
            return found
    return None


def short_repr(value: Any, limit: int = 60) -> str:
    """Return a repr of `value` cut to `limit` characters, so a 1 MB paragraph does not flood the terminal."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"

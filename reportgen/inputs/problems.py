"""pydantic validation errors as located problems: one wording for data files, audience profiles and meetings."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import Any, TypeVar, get_args

from pydantic import BaseModel, ValidationError

from reportgen.errors import DataError, Problem
from reportgen.inputs.yamlfile import Loc, YamlFile, dotted

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
    """Return every error of `exc` as a Problem with the file, line and field path in `yf`."""
    return located(yf, [(tuple(err["loc"]), error_text(err, model)) for err in exc.errors(include_url=False)])


def located(yf: YamlFile, findings: Iterable[tuple[Loc, str]]) -> list[Problem]:
    """Return each (location, message) found in `yf` as a Problem with its file, line and field path."""
    return [Problem(yf.path, yf.line_of(loc), dotted(loc), message) for loc, message in findings]


def error_text(err: Any, model: type[BaseModel], hidden: Collection[str] = ()) -> str:
    """Return one pydantic error of `model` as a short message that says what is expected.

    An unknown key lists the keys allowed where it stands, as the file writes them (aliases), less `hidden`.
    """
    kind, msg = err["type"], err["msg"].removeprefix("Value error, ")
    if kind == "missing":
        return "required field is missing"
    if kind in ("extra_forbidden", "invalid_key"):
        parent = model_at(model, tuple(err["loc"])[:-1])
        allowed = [f.alias or n for n, f in parent.model_fields.items() if n not in hidden] if parent else ["?"]
        if kind == "invalid_key":
            return (f"key {short_repr(err.get('input'))} is not a name: YAML reads an unquoted number, yes/no, "
                    f"true/false, on/off or null as a value (expected one of: {', '.join(allowed)})")
        return f"unknown key (expected one of: {', '.join(allowed)})"
    if kind == "value_error":
        return msg
    return f"{msg} (got {short_repr(err.get('input'))})"


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

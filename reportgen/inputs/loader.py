"""Load the data folder into one validated Briefing, reporting every problem at once."""

from __future__ import annotations

from pathlib import Path
from typing import Any, get_args

from pydantic import BaseModel, ValidationError

from reportgen.errors import DataError, Problem
from reportgen.inputs.checks import check_article, check_governance
from reportgen.inputs.model import Article, Briefing, Governance, Meta
from reportgen.inputs.yamlfile import YamlFile, dotted, read_yaml

KINDS: dict[str, type[BaseModel]] = {"briefing": Meta, "governance": Governance, "article": Article}
CHECKS = {Governance: check_governance, Article: check_article}


def data_files(data_dir: Path) -> list[Path]:
    """Return the data files of `data_dir` in the order they are read (by file name)."""
    if not data_dir.is_dir():
        raise DataError([Problem(data_dir, None, "", "data folder not found (expected a folder of *.yaml files)")])
    files = sorted(p for p in data_dir.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())
    if not files:
        raise DataError([Problem(data_dir, None, "", "no *.yaml data files in this folder")])
    return files


def load_briefing(data_dir: Path) -> Briefing:
    """Return the validated Briefing of `data_dir`; raise DataError listing every problem found."""
    problems: list[Problem] = []
    loaded: list[BaseModel] = []
    for path in data_files(data_dir):
        try:
            loaded.append(_load_file(read_yaml(path)))
        except DataError as exc:
            problems.extend(exc.problems)
    metas = [m for m in loaded if isinstance(m, Meta)]
    if not problems and len(metas) != 1:
        problems.append(Problem(data_dir, None, "", f"expected exactly one file with kind: briefing, found {len(metas)}"))
    if problems:
        raise DataError(problems)
    return Briefing(
        meta=metas[0],
        governance=[m for m in loaded if isinstance(m, Governance)],
        articles=[m for m in loaded if isinstance(m, Article)],
    )


def _load_file(yf: YamlFile) -> BaseModel:
    """Validate one file against the model its `kind` names, then cross-check it."""
    if not isinstance(yf.data, dict):
        raise DataError([Problem(yf.path, 1, "", "expected a mapping of keys at the top of the file")])
    kind = yf.data.get("kind")
    model = KINDS.get(kind) if isinstance(kind, str) else None
    if model is None:
        expected = ", ".join(KINDS)
        raise DataError([Problem(yf.path, yf.line_of(("kind",)), "kind", f"expected one of {expected} (got {kind!r})")])
    try:
        item = model.model_validate(yf.data)
    except ValidationError as exc:
        raise DataError(yf.duplicates + [_problem(yf, model, err) for err in exc.errors(include_url=False)]) from None
    check = CHECKS.get(model)
    findings = [Problem(yf.path, yf.line_of(loc), dotted(loc), msg) for loc, msg in (check(item) if check else ())]
    if yf.duplicates or findings:
        raise DataError(yf.duplicates + findings)
    return item


def _problem(yf: YamlFile, model: type[BaseModel], err: Any) -> Problem:
    """Turn one pydantic error into a Problem with file, line, field path and expectation."""
    loc = tuple(err["loc"])
    kind, msg = err["type"], err["msg"].removeprefix("Value error, ")
    if kind == "missing":
        text = "required field is missing"
    elif kind == "extra_forbidden":
        parent = _model_at(model, loc[:-1])
        allowed = ", ".join(parent.model_fields) if parent else "?"
        text = f"unknown key (expected one of: {allowed})"
    elif kind == "value_error":
        text = msg
    else:
        text = f"{msg} (got {_short(err.get('input'))})"
    return Problem(yf.path, yf.line_of(loc), dotted(loc), text)


def _model_at(model: type[BaseModel], loc: tuple[Any, ...]) -> type[BaseModel] | None:
    """Return the model class that validates the mapping at `loc`."""
    current: type[BaseModel] | None = model
    for part in loc:
        if isinstance(part, int):
            continue
        field = current.model_fields.get(part) if current else None
        current = _inner_model(field.annotation) if field else None
    return current


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    """Return the first BaseModel subclass inside a type annotation such as list[Figure] | None."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = _inner_model(arg)
        if found:
            return found
    return None


def _short(value: Any, limit: int = 60) -> str:
    """Return a repr of `value` cut to `limit` characters, so a 1 MB paragraph does not flood the terminal."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"

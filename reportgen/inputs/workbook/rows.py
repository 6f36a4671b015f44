"""Data files as the rows of the workbook's sheets: what `write.py` writes and `read.py` reads back.

The data files are plain mappings as a YAML file holds them (`files_of` turns the validated Briefing into
them): {"briefing": {...}, "governance": [{...}, …], "article": [{...}, …]}.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from reportgen.inputs.workbook.form import BRIEFING_ROWS, IDS, LINES, NO, YES, YESNO, Column, Sheet

def files_of(briefing) -> dict[str, Any]:
    """Return the data files of a validated Briefing as mappings, without the fields left at their default."""
    def dump(model) -> dict:
        return model.model_dump(mode="python", by_alias=True, exclude_defaults=True)

    return {"briefing": {"kind": "briefing", **dump(briefing.meta)},
            "governance": [{"kind": "governance", **dump(g)} for g in briefing.governance],
            "article": [{"kind": "article", **dump(a)} for a in briefing.articles]}


def get(item: Any, key: str) -> Any:
    """Return the field `key` of `item`: dotted for a nested one (change.basis), numbered for a pair (share_of.0)."""
    for part in key.split("."):
        if item is None:
            return None
        if isinstance(item, (list, tuple)):
            item = item[int(part)] if part.isdigit() and int(part) < len(item) else None
        else:
            item = item.get(part) if isinstance(item, dict) else None
    return item


def cell_value(column: Column, value: Any) -> Any:
    """Return what a cell shows for a field value: 是/否, ids joined by 、, lines joined by line breaks."""
    if value is None:
        return None
    if column.kind == YESNO:
        return YES if value else NO
    if column.kind == IDS:
        return "、".join(value)
    if column.kind == LINES:
        return "\n".join(value)
    return value


def rows_of(sheet: Sheet, files: dict[str, Any]) -> Iterator[list[Any]]:
    """Yield the cells of each row `sheet` holds of `files`, in the order of the files."""
    for file in files.get(sheet.kind, []):
        places: list[tuple[Any, list[Any]]] = [(file, [])]
        for owner in sheet.owners:
            if owner.field is None:
                places = [(item, [*cells, item.get("id")]) for item, cells in places]
            else:
                places = [(child, [*cells, child.get("id") if owner.by_id else n]) for item, cells in places
                          for n, child in enumerate(item.get(owner.field, []), 1)]
        for item, cells in places:
            yield from _rows(sheet, item, cells)


def _rows(sheet: Sheet, item: dict, cells: list[Any]) -> Iterator[list[Any]]:
    if sheet.lists:
        for word, name in sheet.lists.items():
            for entry in item.get(name, []):
                yield [*cells, word, *_values(sheet.columns, entry)]
    elif sheet.field is None:
        yield [*cells, *_values(sheet.columns, item)]
    else:
        for n, entry in enumerate(item.get(sheet.field, []), 1):
            yield [*cells, *_values(sheet.columns, entry, n, item)]


def _values(columns: tuple[Column, ...], entry: Any, n: int = 1, parent: dict | None = None) -> list[Any]:
    """Return the cells of one entry: its number ("#"), its text, its fields, and on the first row of a group
    the group's own fields ("group.…")."""
    values = []
    for column in columns:
        if column.key == "#":
            values.append(n)
        elif isinstance(entry, str):
            values.append(entry)
        elif column.key.startswith("group."):
            values.append(get(parent, column.key.removeprefix("group.")) if n == 1 else None)
        else:
            values.append(cell_value(column, get(entry, column.key)))
    return values


def briefing_rows(meta: dict) -> Iterator[tuple[str, str, Any]]:
    """Yield (field, 项目 word, value) for each row of the 简报信息 sheet: a list field a row per item (one empty
    row when it has none), any other field one row."""
    for key, word, _kind, _note in BRIEFING_ROWS:
        value = get(meta, key)
        if isinstance(value, (list, tuple)):
            for entry in value or [None]:
                yield key, word, entry
        else:
            yield key, word, value


def decimals(value: Decimal) -> int:
    """Return how many digits `value` has after the point, as printed (18.60 has 2)."""
    exponent = value.as_tuple().exponent
    return max(-exponent, 0) if isinstance(exponent, int) else 0

"""Read a fill-in workbook back into data files (openpyxl), each value with the sheet and cell it came from.

The result is the same mappings a YAML data file holds, so the loader validates and cross-checks them as it
does the YAML files; every problem found here names the workbook, the sheet and the cell.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from reportgen.errors import DataError, Problem
from reportgen.i18n import _
from reportgen.inputs.workbook.form import (BRIEFING_LISTS, BRIEFING_ROWS, BRIEFING_SHEET, CATEGORY, CONTENT, DATE,
                                            GUIDE_SHEET, IDS, INTEGER, ITEM, LINES, NO, NUMBER, SHEETS, YES, YESNO,
                                            Column, Sheet)
from reportgen.inputs.workbook.safety import check_workbook
from reportgen.inputs.yamlfile import Cell, YamlFile
from reportgen.nearest import did_you_mean

_NUMBER_FORMAT = re.compile(r"0\.(0+)")
_FORMULA = re.compile(rb"<f[ >]")  # a formula element of a sheet's XML


@dataclass
class _File:
    """One data file being filled from the rows: its content and where each value came from."""

    data: dict
    lines: dict = field(default_factory=dict)


class _Reader:
    """Reads one workbook's sheets into data files, collecting every problem."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.problems: list[Problem] = []
        self.briefing: _File | None = None
        self.files: dict[str, list[tuple[str, _File]]] = {"governance": [], "article": []}
        self.numbers: dict[int, dict[int, int]] = {}  # a numbered list (by id()) → the number of each item → index
        self.missing: set[tuple[str, str, str]] = set()  # (sheet, column, value) of owners said to be missing

    def numbered(self, items: list) -> dict[int, int]:
        """Return the numbers the rows gave the items of `items` (段落序号, 方面序号), each with its index."""
        return self.numbers.setdefault(id(items), {})

    def cell(self, sheet: str, ref: str) -> Cell:
        return Cell(self.path, _("「{sheet}」sheet {cell}").format(sheet=sheet, cell=ref))

    def problem(self, sheet: str, ref: str, message: str) -> None:
        where = self.cell(sheet, ref)
        self.problems.append(Problem(where.workbook, where.where, "", message))

    def file(self, kind: str, ident: Any) -> _File | None:
        return next((f for i, f in self.files[kind] if i == ident), None)


def read_workbook(path: Path) -> list[YamlFile]:
    """Return the data files of the workbook at `path`; raise DataError listing every problem with its cell."""
    import openpyxl

    check_workbook(path)
    values = openpyxl.load_workbook(path, data_only=True)
    formulas = openpyxl.load_workbook(path, data_only=False) if has_formulas(path) else None  # only to name them
    reader = _Reader(path)
    known = [BRIEFING_SHEET, GUIDE_SHEET, *(s.name for s in SHEETS)]
    by_name = {ws.title.strip(): ws for ws in values.worksheets}
    for name, ws in by_name.items():
        if name not in known:
            reader.problem(name, "A1", _("there is no sheet {name} in a reportgen workbook (the sheets: {known})")
                           .format(name=name, known="、".join(known)) + did_you_mean(name, known))
    def sheet_formulas(name: str):
        return formulas[by_name[name].title] if formulas is not None else None

    if BRIEFING_SHEET in by_name:
        _read_briefing(reader, by_name[BRIEFING_SHEET], sheet_formulas(BRIEFING_SHEET))
    for sheet in SHEETS:
        if sheet.name in by_name:
            _read_sheet(reader, sheet, by_name[sheet.name], sheet_formulas(sheet.name))
    if reader.problems:
        raise DataError(reader.problems)
    found = [reader.briefing] if reader.briefing else []
    found += [f for kind in ("governance", "article") for _ident, f in reader.files[kind]]
    return [YamlFile(path, f.data, f.lines, []) for f in found]


def has_formulas(path: Path) -> bool:
    """Whether a sheet of the workbook holds a formula (then it is read a second time, to name any formula saved
    without its value)."""
    with zipfile.ZipFile(path) as package:
        return any(_FORMULA.search(package.read(name)) for name in package.namelist()
                   if name.startswith("xl/worksheets/") and name.endswith(".xml"))


def _rows(reader: _Reader, name: str, ws, formulas, headers: list[str]):
    """Yield (row number, {header: (value, cell ref, number format)} of its filled cells, {header: cell ref} of
    all its cells) for each row of `ws` that holds anything, after checking the header row and refusing merged
    cells and formulas without a computed value."""
    found = [str(c.value).strip().rstrip("＊*").strip() if c.value is not None else "" for c in ws[1]]
    columns = {}
    for k, header in enumerate(found):
        if not header:
            continue
        if header not in headers:
            reader.problem(name, ws.cell(1, k + 1).coordinate, _("there is no column {name} in this sheet (the "
                           "columns: {known})").format(name=header, known="、".join(headers))
                           + did_you_mean(header, headers))
        columns[k] = header
    for merged in ws.merged_cells.ranges:
        if merged.max_row >= 2:
            reader.problem(name, merged.coord.split(":")[0], _("cells {cells} are merged; a cell holds one value: "
                                                               "unmerge them and fill each cell").format(
                cells=merged.coord))
    for r, row in enumerate(ws.iter_rows(min_row=2), 2):
        cells, refs = {}, {}
        for k, c in enumerate(row):
            if k not in columns:
                continue
            refs[columns[k]] = c.coordinate
            raw = formulas.cell(r, k + 1).value if formulas is not None and c.value is None else None
            if isinstance(raw, str) and raw.startswith("="):
                reader.problem(name, c.coordinate, _("the formula {formula} has no computed value (the file was "
                                                     "saved by a program that does not calculate): open it in Excel "
                                                     "or WPS 表格 and save it again, or type the value").format(
                    formula=raw))
                continue
            if c.value is not None and not (isinstance(c.value, str) and not c.value.strip()):
                cells[columns[k]] = (c.value, c.coordinate, c.number_format)
        if cells:
            yield r, cells, refs


def _convert(reader: _Reader, sheet: str, column: Column, value: Any, ref: str, number_format: str) -> Any:
    """Return a cell's value as the data file holds it; None (and a problem) when it cannot be one."""
    if column.kind in (NUMBER, INTEGER):
        number = _number(value, number_format)
        if number is None or column.kind == INTEGER and number != number.to_integral_value():
            what = _("a whole number") if column.kind == INTEGER else _("a number")
            reader.problem(sheet, ref, _("{column}: expected {what}, found the text {text}; write the number "
                                         "alone (a qualifier such as 约 or 余 goes in the 限定词 column, the unit in "
                                         "the 单位 column)").format(column=column.header, what=what,
                                                                    text=f"“{value}”"))
            return None
        return int(number) if column.kind == INTEGER else number
    if column.kind == DATE:
        return value.date() if isinstance(value, dt.datetime) else value if isinstance(value, dt.date) else \
            str(value).strip()
    if column.kind == YESNO:
        text = str(value).strip()
        if text not in (YES, NO):
            reader.problem(sheet, ref, _("{column}: write 是 or 否 (found {text})").format(column=column.header,
                                                                                         text=f"“{text}”"))
            return None
        return text == YES
    text = _text(value)
    if column.kind == IDS:
        return [part.strip() for part in re.split(r"[、,，;；\s]+", text) if part.strip()]
    if column.kind == LINES:
        return [line.strip() for line in text.splitlines() if line.strip()]
    return text


def _number(value: Any, number_format: str) -> Decimal | None:
    """Return a number cell as the figure printed: 18.6 shown with two decimals is 18.60; a number typed as text
    is read when it is only a number."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
        places = _NUMBER_FORMAT.search(number_format or "")
        if places:
            return number.quantize(Decimal(1).scaleb(-len(places.group(1))))
        return Decimal(int(number)) if number == number.to_integral_value() else number
    try:
        return Decimal(unicodedata.normalize("NFKC", str(value)).strip().replace(",", ""))
    except InvalidOperation:
        return None


def _text(value: Any) -> str:
    """Return a text cell's value: a number typed where text is expected as it shows (2024, not 2024.0)."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    return str(value).strip() if isinstance(value, str) else str(value)


def _read_briefing(reader: _Reader, ws, formulas) -> None:
    """Read the 简报信息 sheet: 项目 | 内容 rows into the briefing's data file."""
    words = {word: (key, kind) for key, word, kind, _note in BRIEFING_ROWS}
    data: dict[str, Any] = {"kind": "briefing"}
    lines: dict = {}
    for r, cells, _refs in _rows(reader, BRIEFING_SHEET, ws, formulas, [ITEM, CONTENT]):
        if ITEM not in cells:
            reader.problem(BRIEFING_SHEET, f"A{r}", _("the row has no 项目: choose one from the list"))
            continue
        word = _text(cells[ITEM][0])
        if word not in words:
            reader.problem(BRIEFING_SHEET, cells[ITEM][1], _("{word} is not an item of the briefing (the items: "
                           "{known})").format(word=f"“{word}”", known="、".join(words)) + did_you_mean(word, words))
            continue
        if CONTENT not in cells:
            continue
        key, kind = words[word]
        ref = cells[CONTENT][1]
        value = _convert(reader, BRIEFING_SHEET, Column(key, word, kind), *cells[CONTENT])
        loc = tuple(key.split("."))
        target = data
        for part in loc[:-1]:
            target = target.setdefault(part, {})
        if key in BRIEFING_LISTS:
            target.setdefault(loc[-1], []).append(value)
            lines[(*loc, len(target[loc[-1]]) - 1)] = reader.cell(BRIEFING_SHEET, ref)
        elif loc[-1] in target:
            reader.problem(BRIEFING_SHEET, ref, _("{word} is filled twice; keep one row").format(word=word))
        else:
            target[loc[-1]] = value
        lines.setdefault(loc, reader.cell(BRIEFING_SHEET, ref))
    reader.briefing = _File(data, lines)


def _read_sheet(reader: _Reader, sheet: Sheet, ws, formulas) -> None:
    """Read the rows of one part's sheet into the data files they belong to."""
    for r, cells, refs in _rows(reader, sheet.name, ws, formulas, sheet.headers):
        first = ws.cell(r, 1).coordinate
        place = _place(reader, sheet, cells, first)
        if place is None:
            continue
        file, target, loc = place
        entry: dict[str, Any] = {}
        entry_lines = {column.key: reader.cell(sheet.name, refs.get(column.header, first))
                       for column in sheet.columns}  # an empty cell too: a value missing there is said there
        for column in sheet.columns:
            if column.header in cells:
                converted = _convert(reader, sheet.name, column, *cells[column.header])
                if converted is not None:
                    _put(entry, column.key, converted)
        _store(reader, sheet, file, target, loc, entry, entry_lines, first, cells)


def _place(reader: _Reader, sheet: Sheet, cells: dict, first: str):
    """Return (file, the list the row goes in, its location in the file) from the row's owner columns; None
    (and a problem) when an owner it names does not exist."""
    if not sheet.owners:
        header = _header(sheet, "id")
        ident = _text(cells[header][0]) if header in cells else None
        data = {"kind": sheet.kind}
        if ident is not None and reader.file(sheet.kind, ident) is not None:
            reader.problem(sheet.name, cells[header][1], _("the id {ident} is used by two rows; give each its own "
                                                          "id").format(ident=ident))
            return None
        file = _File(data)
        reader.files[sheet.kind].append((ident, file))
        return file, None, ()
    file, item, loc = None, None, ()
    for owner in sheet.owners:
        if owner.header not in cells:
            reader.problem(sheet.name, first, _("{column} is empty: write which one the row belongs to").format(
                column=owner.header))
            return None
        raw, ref, _format = cells[owner.header]
        if owner.field is None:
            file = reader.file(sheet.kind, _text(raw))
            item = file.data if file else None
            known = [i for i, _f in reader.files[sheet.kind]]
        elif owner.by_id:
            found = _find(reader, sheet.kind, file, owner.field, _text(raw))
            known = [p.get("id") for _i, f in reader.files[sheet.kind] for p in f.data.get(owner.field, [])]
            file, item, loc = found if found else (None, None, ())
        else:
            number = _number(raw, "")
            children = item.setdefault(owner.field, []) if item is not None else []
            numbers = reader.numbered(children)
            known = list(numbers)
            whole = int(number) if number is not None and number == number.to_integral_value() else None
            if whole is not None and whole not in numbers and any(c.key.startswith("group.") for c in sheet.columns):
                numbers[whole] = len(children)  # the first row of a new group (文章措施)
                children.append({})
            index = numbers.get(whole, -1)
            item = children[index] if index >= 0 else None
            loc = (*loc, owner.field, index)
        if item is None:
            if (sheet.name, owner.header, _text(raw)) not in reader.missing:  # said once, at its first row
                reader.missing.add((sheet.name, owner.header, _text(raw)))
                reader.problem(sheet.name, ref, _("{column} {value} is not found (known: {known})").format(
                    column=owner.header, value=_text(raw), known="、".join(map(str, known)) or "-")
                    + did_you_mean(_text(raw), map(str, known)))
            return None
    return file, item, loc


def _find(reader: _Reader, kind: str, file: _File | None, field_name: str, ident: str):
    """Return (file, item, location) of the item of list `field_name` whose id is `ident`, in `file` or any."""
    for _i, candidate in reader.files[kind]:
        if file is not None and candidate is not file:
            continue
        for index, item in enumerate(candidate.data.get(field_name, [])):
            if item.get("id") == ident:
                return candidate, item, (field_name, index)
    return None


def _put(entry: dict, key: str, value: Any) -> None:
    """Set a (dotted) field of `entry`: change.basis as entry["change"]["basis"]."""
    *path, last = key.split(".")
    target = entry
    for part in path:
        target = target.setdefault(part, {})
    target[last] = value


def _pairs(entry: dict) -> dict:
    """Return `entry` with every numbered sub-field turned into a list (share_of: {0: a, 1: b} → [a, b])."""
    out = {}
    for key, value in entry.items():
        if isinstance(value, dict) and value and all(k.isdigit() for k in value):
            out[key] = [value.get(str(i)) for i in range(max(int(k) for k in value) + 1)]
        else:
            out[key] = value
    return out


def _store(reader: _Reader, sheet: Sheet, file: _File, target: dict | None, loc: tuple, entry: dict,
           entry_lines: dict, first: str, cells: dict) -> None:
    """Put the row's entry where it belongs and record the cell of each of its values."""
    if target is None:  # the file's own row
        file.data.update(_pairs(entry))
        file.lines.update({_loc((), key): where for key, where in entry_lines.items()})
        file.lines[()] = reader.cell(sheet.name, first)
        return
    if sheet.lists:
        word = _text(cells[CATEGORY][0]) if CATEGORY in cells else ""
        if word not in sheet.lists:
            reader.problem(sheet.name, cells[CATEGORY][1] if CATEGORY in cells else first, _(
                "{column} must be one of {known} (found {value})").format(
                column=CATEGORY, known="、".join(sheet.lists), value=f"“{word}”"))
            return
        items = target.setdefault(sheet.lists[word], [])
        base = (*loc, sheet.lists[word], len(items))
        if [c.key for c in sheet.columns] == ["text"]:  # a list of paragraphs
            items.append(entry.get("text"))
            file.lines[base] = entry_lines["text"]
            return
        items.append(_pairs(entry))
    else:
        items = target.setdefault(sheet.field, [])
        number = entry.pop("#", None)
        numbers = reader.numbered(items)
        if number is not None and number in numbers:
            reader.problem(sheet.name, cells[_header(sheet, "#")][1], _("段落序号 {n} is given twice for this project; "
                                                             "number its paragraphs 1, 2, 3 …").format(n=number))
            return
        if number is not None:
            numbers[number] = len(items)
        for key, value in entry.pop("group", {}).items():
            if target.setdefault(key, value) != value:
                reader.problem(sheet.name, cells[_header(sheet, f"group.{key}")][1], _(
                    "{column} differs from the first row of the same group; fill it on the first row only").format(
                    column=_header(sheet, f"group.{key}")))
            file.lines.setdefault((*loc, key), entry_lines[f"group.{key}"])
        base = (*loc, sheet.field, len(items))
        items.append(_pairs(entry))
    file.lines[base] = reader.cell(sheet.name, first)
    file.lines.update({_loc(base, key): where for key, where in entry_lines.items()
                       if key != "#" and not key.startswith("group.")})


def _loc(base: tuple, key: str) -> tuple:
    """Return the location of field `key` (dotted, share_of.0) of the item at `base`."""
    return (*base, *(int(part) if part.isdigit() else part for part in key.split(".")))


def _header(sheet: Sheet, key: str) -> str:
    return next(c.header for c in sheet.columns if c.key == key)

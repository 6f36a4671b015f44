"""Write the fill-in workbook (XlsxWriter): a 说明 sheet, then one sheet per part of the data, each with Chinese
headers that explain themselves, drop-down lists, typed number and date cells, a frozen and protected header
row and columns wide enough for their text. Only what WPS 表格 also supports: no macros, no external links."""

from __future__ import annotations

import datetime as dt
import io
import unicodedata
from decimal import Decimal
from typing import Any

from reportgen.inputs.workbook.form import (BRIEFING_ROWS, BRIEFING_SHEET, CATEGORY, CHOICE, CONTENT, DATE,
                                            GUIDE_SHEET, INTEGER, ITEM, NUMBER, SHEETS, YESNO, Column, Sheet)
from reportgen.inputs.workbook.rows import briefing_rows, decimals, rows_of

WRAPPED = 50  # a column this wide or wider holds paragraphs: its text wraps within the width
MAX_WIDTH = 60  # widest a column of short values grows to fit them
MAX_ROWS = 2000  # rows each sheet's drop-down lists and formats cover beyond the data
EXCEL_DIGITS = 15  # digits a spreadsheet number keeps; a longer figure is written as text
HEADER = {"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True, "valign": "vcenter", "locked": True}
OWNER_LISTS = {"专项编号": "专项", "文章编号": "文章", "项目编号": "项目"}  # owner column → sheet of the ids


def workbook_bytes(files: dict[str, Any], created: dt.datetime, leads: list[str] = ()) -> bytes:
    """Return the .xlsx of `files` (rows_of's mappings); `created` is its creation date (for the same bytes
    from the same data), `leads` the departments offered in the 牵头单位 drop-down list."""
    import xlsxwriter

    stream = io.BytesIO()
    book = xlsxwriter.Workbook(stream, {"in_memory": True, "strings_to_numbers": False, "strings_to_formulas": False,
                                        "strings_to_urls": False})
    book.set_properties({"created": created, "title": files["briefing"].get("title", "")})
    styles = _Styles(book)
    _guide(book, styles)
    _briefing(book, styles, files["briefing"])
    ranges = {}
    for sheet in SHEETS:
        ranges[sheet.name] = _sheet(book, styles, sheet, list(rows_of(sheet, files)), ranges, tuple(leads))
    book.close()
    return stream.getvalue()


class _Styles:
    """The cell formats of one workbook, each made once."""

    def __init__(self, book) -> None:
        self.book = book
        self.header = book.add_format(HEADER)
        self.text = book.add_format({"locked": False, "valign": "top", "num_format": "@"})
        self.paragraph = book.add_format({"locked": False, "text_wrap": True, "valign": "top", "num_format": "@"})
        self.date = book.add_format({"locked": False, "valign": "top", "num_format": "yyyy\"年\"m\"月\"d\"日\""})
        self.title = book.add_format({"bold": True, "font_size": 14})
        self.wrap = book.add_format({"text_wrap": True, "valign": "top"})
        self._numbers: dict[int, Any] = {}

    def number(self, places: int = 0):
        if places not in self._numbers:
            self._numbers[places] = self.book.add_format(
                {"locked": False, "valign": "top", "num_format": "0" + ("." + "0" * places if places else "")})
        return self._numbers[places]


def _write(ws, row: int, col: int, column_kind: str, value: Any, styles: _Styles) -> None:
    """Write one cell typed as its column says: a number as a number with its printed decimals, a date as a
    date, anything else as text (never read as a formula or a link)."""
    if value is None:
        return
    if column_kind in (NUMBER, INTEGER) and isinstance(value, (int, Decimal)) and not isinstance(value, bool):
        number = Decimal(value)
        if len(number.as_tuple().digits) <= EXCEL_DIGITS:
            ws.write_number(row, col, float(number), styles.number(decimals(number)))
            return
    if column_kind == DATE and isinstance(value, dt.date):
        ws.write_datetime(row, col, dt.datetime.combine(value, dt.time()), styles.date)
        return
    ws.write_string(row, col, str(value), styles.text)


def _print_setup(ws) -> None:
    """Print on A4 landscape, as wide as the page, the header row on every page."""
    ws.set_landscape()
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(0)


def _protect(ws) -> None:
    """Lock the header row; every other cell stays editable, and rows may be added, removed and sorted."""
    ws.protect("", {"insert_rows": True, "delete_rows": True, "sort": True, "autofilter": True,
                    "format_cells": True, "format_columns": True, "format_rows": True})


def _validate(ws, col: int, column: Column, leads: tuple[str, ...], ranges: dict) -> None:
    """Give the cells of a column their help text and, where the values are few, a drop-down list."""
    options: dict[str, Any] = {"validate": "any"}
    choices = leads if column.key == "lead" else column.choices
    if column.header in OWNER_LISTS and OWNER_LISTS[column.header] in ranges:
        options = {"validate": "list", "source": ranges[OWNER_LISTS[column.header]], "error_type": "warning"}
    elif column.kind == YESNO:
        options = {"validate": "list", "source": ["是", "否"]}
    elif column.kind == CHOICE and choices and len(",".join(choices)) < 250:
        strict = column.key not in ("unit", "lead")  # any unit or department may be typed besides the listed
        options = {"validate": "list", "source": list(choices), "error_type": "stop" if strict else "information"}
    elif column.kind in (NUMBER, INTEGER):
        options = {"validate": "decimal" if column.kind == NUMBER else "integer", "criteria": ">=", "value": 0,
                   "error_title": column.header, "error_message": "这一列只能填数字；“余”“约”等写在限定词列"}
    elif column.kind == DATE:
        options = {"validate": "date", "criteria": ">", "value": dt.date(1949, 1, 1),
                   "error_message": "请填日期，如 2025-01-20"}
    if column.note:
        options.update(input_title=column.header[:32], input_message=column.note[:255])
    ws.data_validation(1, col, MAX_ROWS, col, options)


def _sheet(book, styles: _Styles, sheet: Sheet, rows: list[list[Any]], ranges: dict, leads: tuple[str, ...]) -> str:
    """Write one part's sheet; return the range of its first id column (for the drop-down lists of the others)."""
    ws = book.add_worksheet(sheet.name)
    columns = [Column("", o.header, note=o.note, width=14) for o in sheet.owners]
    columns += [Column("", CATEGORY, CHOICE, "这一行是哪一部分", 10, tuple(sheet.lists))] if sheet.lists else []
    columns += list(sheet.columns)
    for col, column in enumerate(columns):
        wide = column.width >= WRAPPED
        width = min(max([column.width, _width(column.header) + 3, *(_width(row[col]) + 2 for row in rows)]),
                    column.width if wide else MAX_WIDTH)
        ws.set_column(col, col, width, styles.number() if column.kind in (NUMBER, INTEGER) else
                      styles.date if column.kind == DATE else styles.paragraph if wide else styles.text)
        ws.write_string(0, col, column.header + ("＊" if column.required else ""), styles.header)
        _validate(ws, col, column, leads, ranges)
    for r, cells in enumerate(rows, 1):
        for col, (column, value) in enumerate(zip(columns, cells)):
            _write(ws, r, col, column.kind, value, styles)
    ws.freeze_panes(1, 0)
    ws.set_row(0, 30)
    _print_setup(ws)
    _protect(ws)
    id_col = next((k for k, c in enumerate(columns) if c.key == "id"), 0)
    letter = chr(ord("A") + id_col)
    return f"='{sheet.name}'!${letter}$2:${letter}${MAX_ROWS + 1}"


def _width(value: Any) -> int:
    """Return how many character widths `value` takes in a cell: a Chinese character two, others one."""
    if value is None:
        return 0
    text = max(str(value).splitlines() or [""], key=len)
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _briefing(book, styles: _Styles, meta: dict) -> None:
    """Write the 简报信息 sheet: one row per field (a list field one row per item), 项目 | 内容."""
    ws = book.add_worksheet(BRIEFING_SHEET)
    ws.set_column(0, 0, 14, styles.text)
    ws.set_column(1, 1, 60, styles.paragraph)
    ws.write_string(0, 0, ITEM, styles.header)
    ws.write_string(0, 1, CONTENT, styles.header)
    kinds = {key: kind for key, _word, kind, _note in BRIEFING_ROWS}
    words = [word for _key, word, _kind, _note in BRIEFING_ROWS]
    ws.data_validation(1, 0, MAX_ROWS, 0, {"validate": "list", "source": words, "input_title": ITEM,
                                           "input_message": "要填的项目；报、送、发和关键词可以有多行"})
    for r, (key, word, value) in enumerate(briefing_rows(meta), 1):
        ws.write_string(r, 0, word, styles.text)
        _write(ws, r, 1, kinds[key], value, styles)
    ws.freeze_panes(1, 0)
    _print_setup(ws)
    _protect(ws)


def _guide(book, styles: _Styles) -> None:
    """Write the 说明 sheet: how to fill the workbook, each sheet and each of its columns."""
    ws = book.add_worksheet(GUIDE_SHEET)
    ws.set_column(0, 0, 16)
    ws.set_column(1, 1, 16)
    ws.set_column(2, 2, 90, styles.wrap)
    lines = [("填写说明", "", ""),
             ("", "", "每张表的第一行是列名（带＊的必须填写），从第二行起一行填一条。把鼠标停在单元格上可以看到这一列"
                      "怎么填；有下拉箭头的单元格从列表中选择。数字只填数字（14.8亿元填 14.8，单位填 亿元），"
                      "“余”“约”“超过”等写在限定词列。填好后保存为 .xlsx，交给汇总的同志，或用 "
                      "reportgen validate --data 文件名.xlsx 检查。"),
             ("", "", "例（「数字」表的一行）：项目编号 education，段落序号 2，名称 制发问题整改通知书，数值 79，单位 份。"),
             ("", "", ""),
             ("表", "列", "怎么填")]
    lines.append((BRIEFING_SHEET, "", "本期简报的信息：每行一个项目，报、送、发和关键词可以有多行。"))
    for key, word, _kind, note in BRIEFING_ROWS:
        lines.append(("", word, note))
    for sheet in SHEETS:
        lines.append((sheet.name, "", sheet.note))
        for owner in sheet.owners:
            lines.append(("", owner.header, owner.note or "这一行属于哪一个"))
        if sheet.lists:
            lines.append(("", CATEGORY, "、".join(sheet.lists)))
        for column in sheet.columns:
            lines.append(("", column.header + ("＊" if column.required else ""), column.note))
    for r, (first, second, third) in enumerate(lines):
        style = styles.title if r == 0 else styles.header if first == "表" and second == "列" else None
        for col, text in enumerate((first, second, third)):
            if text:
                ws.write_string(r, col, text, style) if style else ws.write_string(r, col, text)
    ws.freeze_panes(5, 0)
    _print_setup(ws)

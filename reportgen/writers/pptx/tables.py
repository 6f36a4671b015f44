"""Place 指标/数值 tables: split into slide-sized parts, each at its largest fitting size, with its rectangle."""

from __future__ import annotations

from collections.abc import Sequence

from reportgen.document import Table
from reportgen.textfit import Metrics, wrap
from reportgen.writers.pptx.fit import paginate
from reportgen.writers.pptx.geometry import INSET_X, SAFETY, Rect
from reportgen.writers.pptx.slides import PlacedTable

TABLE_SIZES = range(16, 10, -1)
CELL_MARGIN = 3.6  # top and bottom margin of a table cell, points
ROW_EM = 2.0  # the height a table is drawn with, per row, in em: PowerPoint grows the rows to their text
LABEL_SHARE, VALUE_SHARE = 0.68, 0.32  # the 指标 and 数值 columns' shares of the table width


def table_widths(width: float) -> tuple[float, float]:
    """Return the column widths of a 指标/数值 table `width` points wide."""
    return width * LABEL_SHARE, width * VALUE_SHARE


def _row_height(row: tuple[str, ...], widths: Sequence[float], size: int, metrics: Metrics) -> float:
    """Return the height a table row is shown with at `size`: the ROW_EM it is drawn with, or more when its
    tallest cell's lines and margins need more (the row grows to its text)."""
    lines = max(len(wrap(text, (w - 2 * INSET_X) * SAFETY, size, metrics)) for text, w in zip(row, widths))
    return max(size * ROW_EM, lines * size * 1.25 + 2 * CELL_MARGIN)


def place_table(table: Table, box: Rect, metrics: Metrics) -> list[PlacedTable]:
    """Return `table` split into parts that fit `box`, the header repeated on each, each at its largest size and
    placed at the top of `box`."""
    widths = table_widths(box.width)

    def height(row, size):
        return _row_height(row, widths, size, metrics)

    capacity = box.height - max(height(table.header, s) for s in TABLE_SIZES)
    return [_placed(Table(table.caption, table.header, tuple(rows), table.number, table.source), size, box, widths)
            for rows, size in paginate(list(table.rows), height, capacity, TABLE_SIZES)]


def _placed(part: Table, size: int, box: Rect, widths: tuple[float, float]) -> PlacedTable:
    """Return `part` at `size` in the top of `box`, as tall as its rows at ROW_EM each."""
    rows = len(part.rows) + 1
    return PlacedTable(part, size, Rect(box.left, box.top, box.width, rows * size * ROW_EM), widths)

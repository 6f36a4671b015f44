"""Place KPI tiles: one tile per headline figure, in a row between the title and the summary box."""

from __future__ import annotations

from reportgen.document import Table
from reportgen.textfit import Metrics
from reportgen.writers.pptx.fit import BOLD
from reportgen.writers.pptx.geometry import Geometry, Rect
from reportgen.writers.pptx.slides import PlacedTile

VALUE_SIZES = range(44, 15, -1)
LABEL_SIZES = range(18, 9, -1)
BELOW_TITLE, ABOVE_SUMMARY, TILE_GAP = 24.0, 16.0, 18.0  # points
LABEL_INSET = 6.0  # a label box's left and right inset inside its tile, points


def tile_rects(count: int, geometry: Geometry) -> list[tuple[Rect, Rect, Rect]]:
    """Return (tile, value box, label box) for `count` tiles between the title and the KPI summary box."""
    title, summary = geometry["KPI Overview"][0], geometry["KPI Overview"][1]
    top = title.top + title.height + BELOW_TITLE
    height = summary.top - ABOVE_SUMMARY - top
    width = (summary.width - TILE_GAP * (count - 1)) / count
    rects = []
    for k in range(count):
        left = summary.left + k * (width + TILE_GAP)
        rects.append((Rect(left, top, width, height), Rect(left, top + height * 0.08, width, height * 0.5),
                      Rect(left + LABEL_INSET, top + height * 0.58, width - 2 * LABEL_INSET, height * 0.38)))
    return rects


def place_tiles(tiles: Table, geometry: Geometry, metrics: Metrics) -> tuple[tuple[PlacedTile, ...], int, int]:
    """Return the tiles of the 指标/数值 rows of `tiles`, the value size and the label size they share."""
    rects = tile_rects(len(tiles.rows), geometry)
    placed = tuple(PlacedTile(label, value, *rect) for (label, value), rect in zip(tiles.rows, rects))
    return (placed, *_tile_sizes(tiles, rects[0], metrics))


def _tile_sizes(tiles: Table, rects: tuple[Rect, Rect, Rect], metrics: Metrics) -> tuple[int, int]:
    """Return (value size, label size): values on one line, labels wrapped, each the largest that fits every tile."""
    _, value_rect, label_rect = rects
    value_inner, label_inner = value_rect.text_box(), label_rect.text_box()
    value = next((s for s in VALUE_SIZES
                  if all(metrics.width(v, s) * BOLD <= value_inner.width and s * 1.25 <= value_inner.height
                         for _, v in tiles.rows)), 16)
    label = next((s for s in LABEL_SIZES if all(label_inner.fits([t], s, metrics) for t, _ in tiles.rows)), 10)
    return value, label

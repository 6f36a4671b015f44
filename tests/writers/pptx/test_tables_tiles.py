"""The deck planner's table and tile placement: where 指标/数值 tables split, the sizes they get, and the
rectangles of tables and KPI tiles, compared as data."""

from __future__ import annotations

import dataclasses

import pytest

from reportgen.document import Table
from reportgen.writers.pptx.fit import BOLD
from reportgen.writers.pptx.geometry import Rect
from reportgen.writers.pptx.tables import ROW_EM, TABLE_SIZES, place_table, table_widths
from reportgen.writers.pptx.tiles import (ABOVE_SUMMARY, BELOW_TITLE, LABEL_SIZES, TILE_GAP, VALUE_SIZES, place_tiles,
                                          tile_rects)

EPS = 1e-6


def rows(count: int, label: str = "指标") -> tuple[tuple[str, str], ...]:
    return tuple((f"{label}{k}", f"{k}个") for k in range(1, count + 1))


def table(count: int, label: str = "指标") -> Table:
    return Table("主要指标", ("指标", "数值"), rows(count, label), number=2, source="省统计局")


def inside(rect: Rect, outer: Rect) -> bool:
    return (rect.left >= outer.left - EPS and rect.top >= outer.top - EPS and rect.width > 0 and rect.height > 0
            and rect.left + rect.width <= outer.left + outer.width + EPS and rect.bottom <= outer.bottom + EPS)


@pytest.fixture(scope="module")
def box(geometry) -> Rect:
    return geometry["Two Content"][2]


@pytest.fixture(scope="module")
def page(geometry) -> Rect:
    return Rect(0, 0, geometry.width, geometry.height)


def test_the_label_column_takes_68_percent(box):
    assert table_widths(500.0) == pytest.approx((340.0, 160.0))
    assert table_widths(box.width) == pytest.approx((box.width * 0.68, box.width * 0.32))


def test_a_short_table_is_one_part_at_the_largest_size_at_the_top_of_the_box(box, metrics):
    (part,) = place_table(table(3), box, metrics)
    assert part.table == table(3)
    assert part.size == 16 == max(TABLE_SIZES)
    assert part.rect == Rect(box.left, box.top, box.width, 4 * 16 * ROW_EM)
    assert part.widths == table_widths(box.width)


def test_a_long_table_splits_at_the_rows_that_fit_and_each_part_grows_back(box, metrics):
    # one-line rows are drawn 2 em tall: at 11 pt, 15 rows of 22 pt fit the 381.6 pt box under a 32 pt header
    parts = place_table(table(40), box, metrics)
    assert [(len(p.table.rows), p.size) for p in parts] == [(15, 11), (15, 11), (10, 16)]
    assert [r for p in parts for r in p.table.rows] == list(rows(40))
    assert {(p.table.caption, p.table.header, p.table.number, p.table.source) for p in parts} == {
        ("主要指标", ("指标", "数值"), 2, "省统计局")}
    assert all(p.rect.top == box.top and p.rect.left == box.left for p in parts)


@pytest.mark.parametrize("count", [1, 8, 14, 15, 16, 25, 40, 100])
def test_every_part_gets_a_size_in_range_and_no_row_is_lost(box, metrics, count):
    parts = place_table(table(count), box, metrics)
    assert all(p.size in TABLE_SIZES for p in parts)
    assert [r for p in parts for r in p.table.rows] == list(rows(count))
    assert all(p.table.rows for p in parts)


def test_rows_that_wrap_take_more_room_so_the_table_splits_sooner(box, metrics):
    long = "群众身边不正之风和腐败问题集中整治查处问题并推动整改落实到位形成长效机制"  # two lines at 11 pt
    short_parts = place_table(table(30), box, metrics)
    long_parts = place_table(table(30, long), box, metrics)
    assert len(long_parts[0].table.rows) < len(short_parts[0].table.rows)
    assert [r for p in long_parts for r in p.table.rows] == list(rows(30, long))


@pytest.mark.parametrize("count", [1, 10, 11, 13, 20, 30, 40])
def test_a_placed_table_stays_inside_its_box_and_the_slide(box, page, metrics, count):
    for part in place_table(table(count), box, metrics):
        assert inside(part.rect, box) and inside(part.rect, page)


def test_tiles_sit_in_one_row_between_the_title_and_the_summary(geometry):
    title, summary = geometry["KPI Overview"][0], geometry["KPI Overview"][1]
    tiles = tile_rects(3, geometry)
    top = title.bottom + BELOW_TITLE
    height = summary.top - ABOVE_SUMMARY - top
    width = (summary.width - 2 * TILE_GAP) / 3
    assert [v for t, _, _ in tiles for v in dataclasses.astuple(t)] == pytest.approx(
        [v for k in range(3) for v in (summary.left + k * (width + TILE_GAP), top, width, height)])
    assert dataclasses.astuple(tiles[0][0]) == pytest.approx((43.2, 106.8, 279.12, 237.2))


@pytest.mark.parametrize("count", range(1, 7))
def test_tiles_fill_the_summary_width_inside_the_slide(geometry, page, count):
    summary = geometry["KPI Overview"][1]
    tiles = tile_rects(count, geometry)
    assert len(tiles) == count
    assert tiles[0][0].left == pytest.approx(summary.left)
    assert tiles[-1][0].left + tiles[-1][0].width == pytest.approx(summary.left + summary.width)
    assert len({round(t.width, 6) for t, _, _ in tiles}) == 1
    for (a, _, _), (b, _, _) in zip(tiles, tiles[1:]):
        assert b.left - (a.left + a.width) == pytest.approx(TILE_GAP)
    for tile, value, label in tiles:
        assert inside(tile, page) and tile.bottom < summary.top
        assert inside(value, tile) and inside(label, tile) and value.bottom <= label.top + EPS


def test_short_tiles_get_the_largest_sizes_in_row_order(geometry, metrics):
    tiles = Table("主要指标", ("指标", "数值"), (("办理诉求", "7100余个"), ("满意度", "98.5%"), ("整改问题", "326个")))
    placed, value_size, label_size = place_tiles(tiles, geometry, metrics)
    assert [(t.label, t.value) for t in placed] == list(tiles.rows)
    assert [t.rect for t in placed] == [r for r, _, _ in tile_rects(3, geometry)]
    assert (value_size, label_size) == (max(VALUE_SIZES), max(LABEL_SIZES))


def test_long_values_and_labels_shrink_to_the_largest_size_every_tile_fits(geometry, metrics):
    tiles = Table("主要指标", ("指标", "数值"), tuple(
        (f"第{k}项：查处群众身边不正之风和腐败问题并推动整改落实到位", f"{k}2345.67万元") for k in range(1, 7)))
    placed, value_size, label_size = place_tiles(tiles, geometry, metrics)
    assert min(VALUE_SIZES) <= value_size < max(VALUE_SIZES) and min(LABEL_SIZES) <= label_size < max(LABEL_SIZES)
    value_box, label_box = placed[0].value_rect.text_box(), placed[0].label_rect.text_box()

    def values_fit(size):
        return all(metrics.width(t.value, size) * BOLD <= value_box.width for t in placed)

    def labels_fit(size):
        return all(label_box.fits([t.label], size, metrics) for t in placed)

    assert values_fit(value_size) and not values_fit(value_size + 1)
    assert labels_fit(label_size) and not labels_fit(label_size + 1)

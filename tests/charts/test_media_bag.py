"""The chart pictures of a build: drawn once, found again by content hash, travelling to workers."""

from __future__ import annotations

import pickle

import pytest

from reportgen.charts.media import MediaBag, chart_key
from reportgen.charts.spec import ChartSpec, Series
from reportgen.charts.theme import theme_for

SPEC = ChartSpec("barh", "图", ("甲",), (Series("", (1.0,), ("1个",)),), unit="个")
OFFICIAL, MODERN = theme_for("official"), theme_for("modern")


def test_a_picture_is_found_by_its_spec_and_theme_and_only_a_missing_one_is_listed(tmp_path):
    bag = MediaBag(tmp_path)
    assert list(bag.missing([(SPEC, OFFICIAL), (SPEC, MODERN), (SPEC, OFFICIAL)])) == [
        chart_key(SPEC, OFFICIAL), chart_key(SPEC, MODERN)]
    bag.add(chart_key(SPEC, OFFICIAL), b"png")
    assert bag.picture(SPEC, OFFICIAL) == b"png" and bag.drawn == 1
    assert list(bag.missing([(SPEC, OFFICIAL), (SPEC, MODERN)])) == [chart_key(SPEC, MODERN)]
    assert MediaBag(tmp_path).picture(SPEC, OFFICIAL) == b"png"  # kept in the folder for the next build


def test_a_bag_with_a_folder_travels_to_a_worker_without_its_pictures(tmp_path):
    bag = MediaBag(tmp_path)
    bag.add(chart_key(SPEC, OFFICIAL), b"x" * 100_000)
    assert len(pickle.dumps(bag)) < 1000
    assert pickle.loads(pickle.dumps(bag)).picture(SPEC, OFFICIAL) == b"x" * 100_000


def test_a_bag_without_a_folder_travels_with_its_pictures():
    bag = MediaBag(pictures={chart_key(SPEC, OFFICIAL): b"png"})
    assert pickle.loads(pickle.dumps(bag)).picture(SPEC, OFFICIAL) == b"png"
    assert bag.pictures([chart_key(SPEC, OFFICIAL)]) == {chart_key(SPEC, OFFICIAL): b"png"}


def test_a_chart_not_drawn_before_the_writer_asks_is_an_error():
    with pytest.raises(LookupError, match="chart '图' was not drawn"):
        MediaBag().picture(SPEC, OFFICIAL)

"""Units as printed: any unit word, magnitudes before it, families that convert, and what is not a unit."""

from __future__ import annotations

from decimal import Decimal

import pytest

from reportgen.charts.specs import axis_unit, in_unit
from reportgen.inputs.model import Figure
from reportgen.units import comparable, parse_unit, unit_problem


@pytest.mark.parametrize(("text", "prefix", "word"), [
    ("公里", "", "公里"), ("万户", "万", "户"), ("人次", "", "人次"), ("万人次", "万", "人次"), ("亿元", "亿", "元"),
    ("千米", "千", "米"), ("个百分点", "", "个百分点"), ("%", "", "%"), ("‰", "", "‰"), ("万平方米", "万", "平方米"),
    ("亩", "", "亩"), ("只", "", "只"), ("元/吨", "", "元/吨"), ("千瓦时", "千", "瓦时"), ("标准箱", "", "标准箱"),
])
def test_any_unit_word_is_read_with_its_magnitude(text, prefix, word):
    unit = parse_unit(text)
    assert (unit.prefix, unit.word) == (prefix, word) and unit_problem(text) is None


@pytest.mark.parametrize("text", ["12个", "个 ", "万元（含利息）", "完成年度计划的比例", "", "a/"])
def test_a_phrase_digits_or_punctuation_are_not_a_unit(text):
    assert "is not a unit: write the unit word as printed" in unit_problem(text)


@pytest.mark.parametrize(("units", "same"), [
    (["万元", "亿元", "元"], True), (["米", "公里", "千米"], True), (["亩", "平方米", "公顷"], True),
    (["户", "万户"], True), (["户", "人"], False), (["元", "个"], False), (["%", "个百分点"], False),
    (["吨", "公斤"], True), (["公里", "平方公里"], False),
])
def test_only_units_of_one_family_share_an_axis(units, same):
    assert comparable(units) is same


def figure(value: str, unit: str) -> Figure:
    return Figure(label="指标", value=Decimal(value), unit=unit)


def test_lengths_are_drawn_in_the_unit_of_the_largest():
    figures = [figure("3.5", "公里"), figure("800", "米")]
    assert axis_unit(figures) == "公里"
    assert [in_unit(f, "公里") for f in figures] == [3.5, 0.8]


def test_counts_and_money_take_wan_or_yi_by_the_largest():
    assert axis_unit([figure("1.2", "万户"), figure("3000", "户")]) == "万户"
    assert axis_unit([figure("14.8", "亿元"), figure("7097.67", "万元")]) == "亿元"
    assert axis_unit([figure("98.6", "%"), figure("90", "%")]) == "%"


def test_figures_of_two_families_never_share_an_axis():
    with pytest.raises(ValueError, match="cannot share an axis: 人, 户"):
        axis_unit([figure("3", "户"), figure("5", "人")])

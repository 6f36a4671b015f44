"""Filters for Chinese government prose: 万/亿, 同比, 个百分点, percentages, heading numbers, strongest figures."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from reportgen.compose.environment import make_environment
from reportgen.compose.filters import figures_text, first_sentence, scaled, strongest
from reportgen.inputs.model import Figure
from reportgen.numbers import (
    change_text,
    chinese_month,
    heading_number,
    percent_text,
    scale,
    share_text,
)
from reportgen.resources import Locator


def fig(value, unit, qualifier=None, label="x", **extra) -> Figure:
    return Figure(label=label, value=Decimal(str(value)), unit=unit, qualifier=qualifier, **extra)


@pytest.mark.parametrize(("value", "unit", "text"), [
    (26877, "万元", "2.69亿元"),
    (123456, "人", "12.35万人"),
    (5704, "个", "5704个"),
    (14.8, "亿元", "14.8亿元"),
    (100_000_000, "元", "1亿元"),
    (12_345, "", "1.23万"),
    (1.9, "万家", "1.9万家"),
    (2.675, "", "2.68"),  # 四舍五入, not banker's rounding
])
def test_scale_uses_wan_and_yi_with_sensible_decimals(value, unit, text):
    assert "".join(scale(value, unit)) == text


def test_scaled_figure_keeps_its_qualifier_in_place():
    assert scaled(fig(26877, "万元", "超过")) == "超过2.69亿元"
    assert scaled(fig(71000, "个", "余")) == "7.1万余个"
    assert scaled(fig(1000, "人", "千余")) == "千余人"


@pytest.mark.parametrize(("call", "text"), [
    (lambda: change_text(12.34), "同比增长12.3%"),
    (lambda: change_text(-5), "同比下降5%"),
    (lambda: change_text(0.04), "同比持平"),
    (lambda: change_text(2.5, points=True), "同比提高2.5个百分点"),
    (lambda: change_text(-0.8, points=True, prefix="环比"), "环比下降0.8个百分点"),
    (lambda: percent_text(85.98), "86%"),
    (lambda: share_text(1252, 1456), "86%"),
    (lambda: chinese_month(dt.date(2025, 1, 20)), "2025年1月"),
])
def test_change_and_percent_wording(call, text):
    assert call() == text


def test_heading_numbers_of_each_level():
    assert [heading_number(2, level) for level in (1, 2, 3, 4)] == ["二、", "（二）", "2.", "（2）"]
    assert heading_number(11) == "十一、"


def test_strongest_figures_prefer_money_then_rates_then_large_counts(briefing):
    fraud = next(p for p in briefing.governance[0].projects if p.id == "telecom_fraud")
    top = strongest(fraud.figures, 3)
    assert top[0].unit == "亿元" and len(top) == 3
    assert [f for f in fraud.figures if f in top] == top  # source order kept
    education = next(p for p in briefing.governance[0].projects if p.id == "education")
    assert [f.label for f in strongest(education.figures, 3)] == ["自查整改问题", "省市两级设立观测点学校",
                                                                  "制发问题整改通知书"]
    minor = [fig(4, "方面"), fig(3, "个", label="b"), fig(8, "个", counts="projects")]
    assert strongest(minor, 1)[0].label == "b"


def test_filters_are_available_to_templates():
    env = make_environment(Locator(()))
    source = ("{{ f | scaled }}|{{ 12.3 | change }}|{{ -1 | points }}|{{ 1252 | share(1456) }}|{{ 3 | heading(2) }}|"
              "{{ [f, g] | figures }}|{{ d | date }}|{{ '甲。乙。' | first_sentence }}")
    out = env.from_string(source).render(f=fig(26877, "万元", label="追缴资金"), g=fig(90, "%", "超过", label="满意度"),
                                          d=dt.date(2025, 3, 6))
    assert out.replace("\x02", "").replace("\x03", "") == (
        "2.69亿元|同比增长12.3%|同比下降1个百分点|86%|（三）|追缴资金26877万元，满意度超过90%|2025年3月6日|甲。")


def test_figures_text_and_first_sentence():
    assert figures_text([fig(7100, "个", "余", label="发现问题")], "、") == "发现问题7100余个"
    assert first_sentence("没有句号") == "没有句号"

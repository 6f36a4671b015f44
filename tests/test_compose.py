"""Composition: numbers in Chinese style, the template markup, literal data, numbered sections."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reportgen.compose import build_sections
from reportgen.compose.environment import make_environment
from reportgen.compose.markup import Heading, escape_value, parse_markup
from reportgen.document import BulletList, Paragraph, Run, Section
from reportgen.inputs.model import Figure
from reportgen.numbers import chinese_date, chinese_ordinal, figure_text
from reportgen.resources import Locator


@pytest.mark.parametrize(("value", "unit", "qualifier", "text"), [
    (7100, "个", "余", "7100余个"),
    (90, "%", "超过", "超过90%"),
    (60, "个", "多", "60多个"),
    (70, "%", "左右", "70%左右"),
    (1000, "人", "千余", "千余人"),
    (Decimal("7097.67"), "万元", None, "7097.67万元"),
    (Decimal("14.80"), "亿元", None, "14.80亿元"),  # the digits as printed
    (26877, "万元", None, "26877万元"),
])
def test_figure_text_keeps_the_qualifier_in_its_place(value, unit, qualifier, text):
    assert figure_text(Figure(label="x", value=value, unit=unit, qualifier=qualifier)) == text


def test_chinese_ordinals_and_dates():
    assert [chinese_ordinal(n) for n in (1, 8, 10, 11, 20, 23)] == ["一", "八", "十", "十一", "二十", "二十三"]
    assert chinese_date(dt.date(2025, 1, 20)) == "2025年1月20日"


def render(source: str, **context) -> list:
    env = make_environment(Locator(()))
    return parse_markup(env.from_string(source).render(**context), [])


def test_markup_headings_bullets_and_headline_runs():
    items = render("# 一级\n## 二级\n**要点。**正文{{ x }}\n\n- 甲\n- 乙\n", x="继续")
    assert items == [
        Heading(1, "一级"),
        Heading(2, "二级"),
        Paragraph((Run("要点。", strong=True), Run("正文继续"))),
        BulletList(("甲", "乙")),
    ]


@pytest.mark.parametrize("text", ["{{ 7*7 }}", "{% for x in y %}", "# 不是标题", "- 不是条目", "**不是粗体**",
                                  "\u2028分行", "  前后空格  "])
def test_data_is_always_literal(text):
    assert render("{{ value }}\n", value=text) == [Paragraph((Run(text),))]


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x01\x02\x03\n"),
               min_size=1))
def test_any_data_string_survives_composition_unchanged(text):
    items = render("前缀{{ value }}\n", value=text)
    assert "".join(r.text for item in items for r in item.runs) == "前缀" + text


def test_escape_value_marks_text_as_literal():
    assert escape_value("a") == "\x02a\x03"


def test_sections_are_nested_and_numbered_per_level():
    items = [Heading(1, "甲"), Heading(2, "子"), Heading(2, "丑"), Heading(3, "细"), Heading(1, "乙"), Heading(2, "寅")]
    tree = build_sections(items)
    assert [s.heading for s in tree] == ["一、甲", "二、乙"]
    assert [c.heading for c in tree[0].children] == ["（一）子", "（二）丑"]
    assert tree[0].children[1].children[0].heading == "1.细"
    assert tree[1].children[0].heading == "（一）寅"
    assert isinstance(tree[1].children[0], Section)

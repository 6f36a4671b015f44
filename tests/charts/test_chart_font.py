"""The chart font: found, registered by family, and checked per character before a chart is drawn."""

from __future__ import annotations

import pytest

from reportgen.charts import font
from reportgen.charts.font import chart_family, check_glyphs, font_path
from reportgen.errors import ChartFontError


def test_the_chart_font_is_an_existing_font_file_with_a_cjk_family():
    assert font_path().is_file() and font_path().suffix in (".otf", ".ttf", ".ttc")
    assert "CJK" in chart_family() or "SC" in chart_family()


def test_chinese_text_digits_and_punctuation_are_drawable():
    assert check_glyphs("各市办件量（万件）：7100余个，超过90%　2024年", "各市办件量") is None


def test_whitespace_is_never_reported():
    assert check_glyphs("甲 乙\t丙\n丁", "x") is None


def test_a_character_the_font_lacks_is_named_with_its_code_point_and_the_chart():
    with pytest.raises(ChartFontError) as caught:
        check_glyphs("满意度😀提升", "满意度")
    assert str(caught.value) == "chart '满意度': the chart font cannot draw “😀”(U+1F600)"
    assert caught.value.exit_code == 3


def test_several_missing_characters_are_listed_once_each_at_most_five():
    text = "😀😃😀🤖🦄🧪🧬🪐"
    with pytest.raises(ChartFontError) as caught:
        check_glyphs(text, "图")
    listed = "、".join(f"“{ch}”(U+{ord(ch):04X})" for ch in sorted(set(text))[:5])
    assert str(caught.value) == f"chart '图': the chart font cannot draw {listed}"
    assert str(caught.value).count("U+") == 5 and "U+1F600" in str(caught.value)


def test_no_font_at_all_is_a_chart_font_error(monkeypatch):
    monkeypatch.setattr(font, "open_sans_path", lambda: None)
    with pytest.raises(ChartFontError, match="no Chinese font for charts: install the Python package "
                                             "pylopdf-fonts-zh-cn"):
        font_path()

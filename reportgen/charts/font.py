"""The open CJK font charts are drawn with: found once, registered with matplotlib by file, checked per glyph."""

from __future__ import annotations

import functools
from pathlib import Path

from reportgen.errors import ChartFontError
from reportgen.fonts import open_sans_path
from reportgen.i18n import _


def font_path() -> Path:
    """Return the font file charts use (reportgen.fonts.open_sans_path); raise ChartFontError when there is none."""
    path = open_sans_path()
    if path is not None:
        return path
    raise ChartFontError(_("no Chinese font for charts: install the Python package pylopdf-fonts-zh-cn "
                           "(Noto Sans SC) or the system fonts-noto-cjk"))


@functools.cache
def chart_family() -> str:
    """Register the chart font file with matplotlib and return its family name (Noto Sans SC)."""
    from matplotlib import font_manager

    path = font_path()
    font_manager.fontManager.addfont(str(path))
    if path.suffix == ".ttc":  # a collection: pick its Simplified Chinese face by name
        return "Noto Sans CJK SC"
    return font_manager.FontProperties(fname=str(path)).get_name()


def _charmap() -> frozenset[int]:
    """Return the code points the chart font has: the open sans face text is measured with, read once."""
    from reportgen.textfit import load_metrics

    font_path()  # no font at all is an error here, not a fallback
    return load_metrics().codes


def check_glyphs(text: str, where: str) -> None:
    """Raise ChartFontError naming the first characters of `text` the chart font cannot draw."""
    cmap = _charmap()
    missing = sorted({ch for ch in text if not ch.isspace() and ord(ch) not in cmap})
    if missing:
        listed = "、".join(f"“{ch}”(U+{ord(ch):04X})" for ch in missing[:5])
        raise ChartFontError(_("chart {title!r}: the chart font cannot draw {characters}").format(
            title=where, characters=listed))

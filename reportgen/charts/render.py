"""Draw chart specs as PNG pictures with matplotlib (Agg): the same spec and theme give the same bytes.

Only the build's chart workers import this module; the pictures are kept by `charts.media.MediaBag`.
"""

from __future__ import annotations

import io
import warnings

from reportgen.charts.font import chart_family, check_glyphs
from reportgen.errors import ChartFontError
from reportgen.i18n import _
from reportgen.charts.spec import ChartSpec
from reportgen.charts.theme import Theme

MM_PER_INCH = 25.4
#: zlib level of the PNGs: level 3 is faster than the default 6 and, on these flat-coloured charts, as small.
PNG_LEVEL = 3


def warm_up() -> None:
    """Draw a small chart and forget it: the plotting modules, the font and matplotlib's first-use set-up are
    then loaded in this process (half a second) before its first real chart."""
    from reportgen.charts.spec import Series
    from reportgen.charts.theme import theme_for

    draw_chart(ChartSpec("barh", "预热", ("甲：乙",), (Series("", (1.0,), ("1个",)),), unit="个", aspect=0.2),
           theme_for("official"))


def size_inches(spec: ChartSpec, theme: Theme) -> tuple[float, float]:
    """Return the drawing size: the theme's width (the type area) and the spec's aspect."""
    width = theme.width_mm / MM_PER_INCH
    return width, round(width * spec.aspect, 3)


def draw_chart(spec: ChartSpec, theme: Theme) -> bytes:
    """Draw `spec` and return PNG bytes; no timestamp or software name in the file, so bytes repeat.

    The figure is drawn once, at its own resolution, with its layout solved in the same pass (savefig would draw
    it twice), and stored as opaque RGB: a quarter less data to compress than RGBA, with the same pixels.
    """
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from PIL import Image

    from reportgen.charts.plot import PLOT

    check_glyphs(spec.text, spec.title)
    with matplotlib.rc_context(_rc(theme)), warnings.catch_warnings():
        warnings.filterwarnings("error", message=r"Glyph \d+ .*missing from font")
        figure = Figure(figsize=size_inches(spec, theme), dpi=theme.dpi, layout="constrained", facecolor="white")
        canvas = FigureCanvasAgg(figure)
        try:
            PLOT[spec.kind](figure, spec, theme)
            canvas.draw()
        except UserWarning as exc:
            raise ChartFontError(_("chart {title!r}: {message}").format(title=spec.title, message=exc)) from None
    pixels = Image.frombuffer("RGBA", canvas.get_width_height(), canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
    stream = io.BytesIO()
    pixels.convert("RGB").save(stream, "png", compress_level=PNG_LEVEL, dpi=(theme.dpi, theme.dpi))
    return stream.getvalue()


def _rc(theme: Theme) -> dict:
    """Return the rcParams of a theme: the registered CJK family, sizes, colours, fixed hash salt."""
    return {
        "font.family": [chart_family()],
        "font.size": theme.label_size,
        "axes.unicode_minus": False,
        "axes.edgecolor": f"#{theme.muted}",
        "axes.labelcolor": f"#{theme.ink}",
        "xtick.color": f"#{theme.ink}",
        "ytick.color": f"#{theme.ink}",
        "text.color": f"#{theme.ink}",
        "svg.hashsalt": "reportgen",
        "figure.constrained_layout.h_pad": 0.06,
        "figure.constrained_layout.w_pad": 0.06,
    }

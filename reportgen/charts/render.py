"""Render chart specs to PNG with matplotlib (Agg): deterministic bytes, each chart once per build.

The cache is keyed by a content hash of the spec, the theme, the matplotlib version and the font file, so
every audience and every format that shows the same chart shares one rendering.
"""

from __future__ import annotations

import functools
import hashlib
import io
import warnings
from pathlib import Path

from reportgen.charts.font import ChartFontError, chart_family, check_glyphs, font_path
from reportgen.charts.spec import ChartSpec
from reportgen.charts.theme import Theme

MM_PER_INCH = 25.4
#: zlib level of the PNGs: level 3 is faster than the default 6 and, on these flat-coloured charts, as small.
PNG_LEVEL = 3


class ChartCache:
    """PNG bytes by content hash, in memory and, once a folder is set, on disk (shared by worker processes and
    kept between builds); `renders` counts the charts actually drawn."""

    def __init__(self) -> None:
        self._png: dict[str, bytes] = {}
        self.folder: Path | None = None
        self.renders = 0

    def use_folder(self, folder: Path | None) -> None:
        """Keep renderings in `folder` too (the build cache's chart blobs)."""
        self.folder = folder

    def png(self, spec: ChartSpec, theme: Theme) -> bytes:
        """Return the PNG of `spec` in `theme`, drawing it only when no earlier rendering is at hand."""
        key = chart_key(spec, theme)
        stored = self._stored(key)
        if key not in self._png:
            if stored is not None and stored.is_file():
                self._png[key] = stored.read_bytes()
            else:
                self.store(key, render(spec, theme))
        elif stored is not None and not stored.is_file():  # drawn earlier, for another build folder
            self._save(stored, self._png[key])
        return self._png[key]

    def missing(self, charts: list[tuple[ChartSpec, Theme]]) -> dict[str, tuple[ChartSpec, Theme]]:
        """Return the distinct charts of `charts` not yet drawn (in memory or on disk), by key."""
        missing = {}
        for spec, theme in charts:
            key = chart_key(spec, theme)
            stored = self._stored(key)
            if key not in self._png and not (stored is not None and stored.is_file()):
                missing[key] = (spec, theme)
        return missing

    def keep(self, pictures: dict[str, bytes]) -> None:
        """Hold renderings made elsewhere (by the building machine, for a cluster worker), in memory only."""
        self._png.update(pictures)

    def store(self, key: str, png: bytes) -> None:
        """Keep a rendering drawn (here or by a worker process) under `key`, on disk too when a folder is set."""
        self._png[key] = png
        self.renders += 1
        stored = self._stored(key)
        if stored is not None:
            self._save(stored, png)

    def _stored(self, key: str) -> Path | None:
        return self.folder / f"{key}.png" if self.folder else None

    @staticmethod
    def _save(path: Path, png: bytes) -> None:
        from reportgen.output import write_atomic

        write_atomic(path, lambda stream: stream.write(png))

    def clear(self) -> None:
        """Forget every rendering and reset the count (files on disk stay)."""
        self._png.clear()
        self.renders = 0


#: The process-wide cache every writer uses.
CACHE = ChartCache()


def render_png(spec: ChartSpec, theme: Theme) -> bytes:
    """Return the PNG of `spec` from the shared cache."""
    return CACHE.png(spec, theme)


def warm_up() -> None:
    """Draw a small chart and forget it: the plotting modules, the font and matplotlib's first-use set-up are
    then loaded in this process (half a second) before its first real chart."""
    from reportgen.charts.spec import Series
    from reportgen.charts.theme import theme_for

    render(ChartSpec("barh", "预热", ("甲：乙",), (Series("", (1.0,), ("1个",)),), unit="个", aspect=0.2),
           theme_for("official"))


def chart_key(spec: ChartSpec, theme: Theme) -> str:
    """Return the content hash a rendering is cached under."""
    blob = repr((spec, theme, _matplotlib_version(), font_path().name)).encode("utf-8")
    return hashlib.sha256(blob).hexdigest()


@functools.cache
def _matplotlib_version() -> str:
    """Return matplotlib's version without importing it (that takes half a second)."""
    from importlib.metadata import version

    return version("matplotlib")


def size_inches(spec: ChartSpec, theme: Theme) -> tuple[float, float]:
    """Return the drawing size: the theme's width (the type area) and the spec's aspect."""
    width = theme.width_mm / MM_PER_INCH
    return width, round(width * spec.aspect, 3)


def render(spec: ChartSpec, theme: Theme) -> bytes:
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
            raise ChartFontError(f"chart {spec.title!r}: {exc}") from None
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

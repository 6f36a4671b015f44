"""Render chart specs to PNG with matplotlib (Agg): deterministic bytes, each chart once per build.

The cache is keyed by a content hash of the spec, the theme, the matplotlib version and the font file, so
every audience and every format that shows the same chart shares one rendering.
"""

from __future__ import annotations

import hashlib
import io
import warnings
from pathlib import Path

from reportgen.charts.font import ChartFontError, chart_family, check_glyphs, font_path
from reportgen.charts.spec import ChartSpec
from reportgen.charts.theme import Theme

MM_PER_INCH = 25.4


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
        stored = self.folder / f"{key}.png" if self.folder else None
        if key not in self._png:
            if stored is not None and stored.is_file():
                self._png[key] = stored.read_bytes()
            else:
                self._png[key] = render(spec, theme)
                self.renders += 1
        if stored is not None and not stored.is_file():
            from reportgen.output import write_atomic

            write_atomic(stored, lambda stream: stream.write(self._png[key]))
        return self._png[key]

    def prepare(self, charts: list[tuple[ChartSpec, Theme]], workers: int = 1, meanwhile=lambda: None) -> None:
        """Render every chart not yet at hand, `workers` processes at a time, so that png() only looks them up;
        call `meanwhile` in this process while the workers draw."""
        missing: dict[str, tuple[ChartSpec, Theme]] = {}
        for spec, theme in charts:
            key = chart_key(spec, theme)
            stored = self.folder / f"{key}.png" if self.folder else None
            if key not in self._png and not (stored is not None and stored.is_file()):
                missing[key] = (spec, theme)
        if workers > 1 and len(missing) > 1:
            from concurrent.futures import ProcessPoolExecutor

            with ProcessPoolExecutor(max_workers=workers) as pool:
                drawn = pool.map(render, *zip(*missing.values()))
                meanwhile()
                self._png.update(zip(missing, drawn))
            self.renders += len(missing)
        else:
            meanwhile()
        for spec, theme in charts:
            self.png(spec, theme)

    def clear(self) -> None:
        """Forget every rendering and reset the count (files on disk stay)."""
        self._png.clear()
        self.renders = 0


#: The process-wide cache every writer uses.
CACHE = ChartCache()


def render_png(spec: ChartSpec, theme: Theme) -> bytes:
    """Return the PNG of `spec` from the shared cache."""
    return CACHE.png(spec, theme)


def chart_key(spec: ChartSpec, theme: Theme) -> str:
    """Return the content hash a rendering is cached under."""
    import matplotlib

    blob = repr((spec, theme, matplotlib.__version__, font_path().name)).encode("utf-8")
    return hashlib.sha256(blob).hexdigest()


def size_inches(spec: ChartSpec, theme: Theme) -> tuple[float, float]:
    """Return the drawing size: the theme's width (the type area) and the spec's aspect."""
    width = theme.width_mm / MM_PER_INCH
    return width, round(width * spec.aspect, 3)


def render(spec: ChartSpec, theme: Theme) -> bytes:
    """Draw `spec` and return PNG bytes; no timestamp or software name in the file, so bytes repeat."""
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    from reportgen.charts.plot import PLOT

    check_glyphs(spec.text, spec.title)
    with matplotlib.rc_context(_rc(theme)), warnings.catch_warnings():
        warnings.filterwarnings("error", message=r"Glyph \d+ .*missing from font")
        figure = Figure(figsize=size_inches(spec, theme), dpi=theme.dpi, layout="constrained")
        FigureCanvasAgg(figure)
        try:
            PLOT[spec.kind](figure, spec, theme)
            stream = io.BytesIO()
            figure.savefig(stream, format="png", dpi=theme.dpi, metadata={"Software": None}, facecolor="white")
        except UserWarning as exc:
            raise ChartFontError(f"chart {spec.title!r}: {exc}") from None
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

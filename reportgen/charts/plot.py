"""One plot function per chart kind, chosen by a dict: each draws a spec onto an empty matplotlib figure."""

from __future__ import annotations

import math

from matplotlib.patches import FancyBboxPatch
from matplotlib.ticker import FuncFormatter, MaxNLocator

from reportgen import textfit
from reportgen.charts.spec import ChartSpec
from reportgen.charts.theme import Theme
from reportgen.numbers import plain_number

#: Chart labels are measured in ems of the chart font: a Chinese character 1, a digit or letter about 0.55.
LABEL_EMS = textfit.Metrics({}, "chart labels: CJK 1 em, other 0.55 em", other=0.55)


def wrap_label(text: str, width: float) -> str:
    """Return `text` broken into lines of at most `width` ems under textfit's 避头尾 rules, never leaving one
    character alone on the last line."""
    return "\n".join(textfit.wrap(text, width, 1.0, LABEL_EMS, lone_last=False))


def category_text(text: str, width: int) -> str:
    """Return a category label wrapped to `width`, breaking after a "：" first (project on one line)."""
    return "\n".join(wrap_label(part, width) for part in text.replace("：", "：\n", 1).split("\n"))


def text_units(text: str) -> float:
    """Return the width of `text` in ems of the chart font: a Chinese character 1, a digit or letter about 0.55."""
    return LABEL_EMS.width(text, 1.0)


def _hex(color: str) -> str:
    return f"#{color}"


def _axes(figure, spec: ChartSpec, theme: Theme, value_axis: str):
    """Return plain axes: no top/right frame, a light grid along the value axis, the unit in the top corner."""
    ax = figure.add_subplot()
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.grid(axis=value_axis, color=_hex(theme.grid), linewidth=0.6)
    ax.set_axisbelow(True)
    ax.tick_params(length=0, labelsize=theme.label_size)
    axis = ax.xaxis if value_axis == "x" else ax.yaxis
    axis.set_major_locator(MaxNLocator(nbins=6, steps=[1, 2, 5, 10]))
    axis.set_major_formatter(FuncFormatter(lambda v, _: plain_number(round(v, 6))))
    if spec.unit_label:
        ax.set_title(spec.unit_label, loc="right", fontsize=theme.label_size - 1, color=_hex(theme.muted))
    return ax


def _limits(values, pad: float = 0.3) -> tuple[float, float]:
    """Return value-axis limits that leave room for the labels beyond the bar ends."""
    low, high = min(0.0, *values), max(0.0, *values)
    span = (high - low) or 1.0
    return (low - pad * span if low < 0 else 0.0), high + pad * span


def plot_barh(figure, spec: ChartSpec, theme: Theme) -> None:
    """Horizontal bars, first category on top, each labelled as the source writes it; change bars red/green."""
    ax = _axes(figure, spec, theme, "x")
    series = spec.series[0]
    if spec.kind == "change":
        colors = [_hex(theme.increase if v >= 0 else theme.decrease) for v in series.values]
        ax.axvline(0, color=_hex(theme.muted), linewidth=0.8)
    else:
        colors = [_hex(theme.accent)] * len(series.values)
    bars = ax.barh(range(len(spec.categories)), series.values, color=colors, height=0.56)
    ax.set_yticks(range(len(spec.categories)), [category_text(c, 14) for c in spec.categories])
    ax.invert_yaxis()
    ax.bar_label(bars, labels=list(series.texts), padding=3, fontsize=theme.value_size, color=_hex(theme.ink))
    ax.set_xlim(*_limits(series.values, 0.6 if spec.kind == "change" else 0.35))
    if spec.kind == "change":
        ax.set_xticks([])
        for side in ("bottom", "left"):
            ax.spines[side].set_visible(False)


def plot_bar(figure, spec: ChartSpec, theme: Theme) -> None:
    """Vertical bars, one group per category, one colour per series; stacked when the kind says so."""
    ax = _axes(figure, spec, theme, "y")
    n, k = len(spec.categories), len(spec.series)
    stacked = spec.kind == "stacked"
    width = 0.6 if stacked else 0.7 / k
    bottoms = [0.0] * n
    for i, (series, color) in enumerate(zip(spec.series, theme.colors * k)):
        x = [j + (0 if stacked else (i - (k - 1) / 2) * width) for j in range(n)]
        bars = ax.bar(x, series.values, width, bottom=bottoms if stacked else 0, color=_hex(color),
                      label=series.name)
        ax.bar_label(bars, labels=list(series.texts), label_type="center" if stacked else "edge",
                     padding=0 if stacked else 2, fontsize=theme.value_size,
                     color="white" if stacked else _hex(theme.ink))
        if stacked:
            bottoms = [b + v for b, v in zip(bottoms, series.values)]
    ax.set_xticks(range(n), [wrap_label(c, 8) for c in spec.categories])
    ax.set_ylim(0, max(bottoms if stacked else [v for s in spec.series for v in s.values]) * 1.18 or 1)
    if k > 1:
        ax.legend(frameon=False, fontsize=theme.label_size, loc="upper right")


def plot_line(figure, spec: ChartSpec, theme: Theme) -> None:
    """One line with markers per series, each point labelled."""
    ax = _axes(figure, spec, theme, "y")
    for series, color in zip(spec.series, theme.colors * len(spec.series)):
        ax.plot(range(len(spec.categories)), series.values, marker="o", color=_hex(color), label=series.name)
        for x, (v, t) in enumerate(zip(series.values, series.texts)):
            ax.annotate(t, (x, v), textcoords="offset points", xytext=(0, 6), ha="center",
                        fontsize=theme.value_size)
    ax.set_xticks(range(len(spec.categories)), [wrap_label(c, 8) for c in spec.categories])
    ax.set_ylim(0, max(v for s in spec.series for v in s.values) * 1.2 or 1)
    if len(spec.series) > 1:
        ax.legend(frameon=False, fontsize=theme.label_size)


def plot_donut(figure, spec: ChartSpec, theme: Theme) -> None:
    """A ring of the parts of one whole, each part labelled with its value and share."""
    ax = figure.add_subplot()
    series = spec.series[0]
    total = sum(series.values) or 1.0
    labels = [f"{c}\n{t}（{v / total:.0%}）" for c, v, t in zip(spec.categories, series.values, series.texts)]
    ax.pie(series.values, labels=labels, colors=[_hex(c) for c in theme.colors], startangle=90, counterclock=False,
           wedgeprops={"width": 0.38, "edgecolor": "white"}, textprops={"fontsize": theme.label_size})
    ax.set_aspect("equal")
    if spec.unit_label:
        ax.set_title(spec.unit_label, loc="right", fontsize=theme.label_size - 1, color=_hex(theme.muted))


def plot_progress(figure, spec: ChartSpec, theme: Theme) -> None:
    """A track to 100%, filled to the achieved value, with the target drawn as a dashed line."""
    ax = _axes(figure, spec, theme, "x")
    series = spec.series[0]
    value, full = series.values[0], 100.0 if spec.unit == "%" else max(series.values[0], spec.target or 0) * 1.2
    ax.barh([0], [full], color=_hex(theme.tile), height=0.5)
    bar = ax.barh([0], [value], color=_hex(theme.accent), height=0.5)
    ax.bar_label(bar, labels=[series.texts[0]], label_type="center", color="white",
                 fontsize=theme.value_size + 3)
    if spec.target is not None:
        ax.axvline(spec.target, ymin=0.18, ymax=0.62, color=_hex(theme.ink), linestyle="--", linewidth=1.2)
        ax.annotate(spec.target_label, (spec.target, 0.33), textcoords="offset points", xytext=(0, 2),
                    ha="center", va="bottom", fontsize=theme.label_size, color=_hex(theme.ink))
    ax.set_yticks([0], [wrap_label(spec.categories[0], 10)])
    ax.set_xlim(0, full)
    ax.set_ylim(-0.6, 0.9)
    ax.grid(False)
    if spec.note:
        ax.set_xlabel(wrap_label(spec.note, 36), fontsize=theme.label_size - 0.5, color=_hex(theme.muted))


def plot_kpi(figure, spec: ChartSpec, theme: Theme) -> None:
    """One tile per headline figure: the figure large in the accent colour, its label under it."""
    ax = figure.add_subplot()
    ax.set_axis_off()
    n, gap = len(spec.categories), 0.025
    width = (1 - gap * (n - 1)) / n
    for i, (label, text) in enumerate(zip(spec.categories, spec.series[0].texts)):
        left = i * (width + gap)
        ax.add_patch(FancyBboxPatch((left, 0.02), width, 0.96, boxstyle="round,pad=0,rounding_size=0.03",
                                    facecolor=_hex(theme.tile), edgecolor="none", transform=ax.transAxes))
        ax.text(left + width / 2, 0.62, text, ha="center", va="center", color=_hex(theme.accent),
                fontsize=min(theme.kpi_size, 0.85 * width * theme.width_mm / 25.4 * 72 / text_units(text)),
                transform=ax.transAxes)
        ax.text(left + width / 2, 0.26, wrap_label(label, 9), ha="center", va="center", fontsize=theme.label_size,
                color=_hex(theme.ink), transform=ax.transAxes, linespacing=1.4)


def plot_matrix(figure, spec: ChartSpec, theme: Theme) -> None:
    """Cards in rows of three: each category as a red heading band, its items numbered under it, type fitted."""
    ax = figure.add_subplot()
    ax.set_axis_off()
    cols = 3 if len(spec.categories) > 4 else len(spec.categories)
    rows = math.ceil(len(spec.categories) / cols)
    gap = 0.02
    width, height = (1 - gap * (cols - 1)) / cols, (1 - gap * (rows - 1)) / rows
    w_in, h_in = figure.get_size_inches()
    card_w, card_h = width * w_in * 72 * 0.96, height * h_in * 72 * 0.96  # points, inside the layout pads
    band = (theme.label_size * 2.2) / card_h
    size, bodies = fit_cards(spec.cells, card_w - 8, card_h * (1 - band) - 10, theme.label_size)
    for i, (heading, body) in enumerate(zip(spec.categories, bodies)):
        left, top = (i % cols) * (width + gap), 1 - (i // cols) * (height + gap)
        ax.add_patch(FancyBboxPatch((left, top - height), width, height, boxstyle="square,pad=0",
                                    facecolor=_hex(theme.tile), edgecolor="none", transform=ax.transAxes))
        ax.add_patch(FancyBboxPatch((left, top - band * height), width, band * height, boxstyle="square,pad=0",
                                    facecolor=_hex(theme.accent), edgecolor="none", transform=ax.transAxes))
        ax.text(left + width / 2, top - band * height / 2, heading, ha="center", va="center", color="white",
                fontsize=theme.label_size, transform=ax.transAxes)
        ax.text(left + 0.01, top - band * height - 0.03, body, ha="left", va="top", fontsize=size,
                color=_hex(theme.ink), transform=ax.transAxes, linespacing=1.4)


def fit_cards(cells, width_pt: float, height_pt: float, size: float) -> tuple[float, list[str]]:
    """Return the largest type size (down to 7 pt) at which every card's numbered items fit, and the texts."""
    while True:
        ems = max(4.0, width_pt / size - 0.5)
        bodies = ["\n".join(wrap_label(f"{k}. {item}", ems).replace("\n", "\n    ") for k, item in enumerate(items, 1))
                  for items in cells]
        lines = max((b.count("\n") + 1 for b in bodies), default=1)
        if lines * size * 1.4 <= height_pt or size <= 7:
            return size, bodies
        size -= 0.5


PLOT = {"bar": plot_bar, "stacked": plot_bar, "barh": plot_barh, "change": plot_barh, "line": plot_line,
        "donut": plot_donut, "progress": plot_progress, "kpi": plot_kpi, "matrix": plot_matrix}

"""A chart spec as a native chart: the chart part's XML (styled) and the workbook behind it ("Edit Data").

Bar, column, line and doughnut specs become DrawingML charts through python-pptx's chart XML and workbook
writers: the East Asian font (a:ea) on every text, number formats that carry the unit, the theme's palette and
red = increase. KPI tiles and structured graphics (matrix) are not plots: each writer lays them out itself.
Both results are pure functions of their arguments, so every document that shows a chart embeds the same bytes.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import io
import zipfile
from dataclasses import dataclass

from pptx.chart.chart import Chart
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION, XL_TICK_LABEL_POSITION
from pptx.util import Pt

from reportgen.charts.font import check_glyphs
from reportgen.charts.spec import ChartSpec
from reportgen.charts.theme import Theme
from reportgen.numbers import plain_number
from reportgen.writers.chartml.oxml import (add_point_labels, chart_default_rpr, chart_space_bytes, font_rpr,
                                            frameless, link_workbook, parse_chart_space, positive_axis_ids,
                                            set_east_asian)

CHART_TYPES = {
    "bar": XL_CHART_TYPE.COLUMN_CLUSTERED,
    "stacked": XL_CHART_TYPE.COLUMN_STACKED,
    "barh": XL_CHART_TYPE.BAR_CLUSTERED,
    "change": XL_CHART_TYPE.BAR_CLUSTERED,
    "progress": XL_CHART_TYPE.BAR_CLUSTERED,
    "line": XL_CHART_TYPE.LINE_MARKERS,
    "donut": XL_CHART_TYPE.DOUGHNUT,
}
TARGET_NAME = "年度目标"  # the category of a progress chart's target
ROOM = 0.6  # of the largest value, kept free beyond each end of a chart with bars both ways, for their labels


@dataclass(frozen=True, slots=True)
class ChartText:
    """The text of a chart: East Asian and Latin typefaces, size in points."""

    typeface: str
    latin: str
    size: float


@dataclass(frozen=True)
class ChartParts:
    """Where one document gets its native charts' parts: the XML made here (and remembered by this process),
    the workbook from `media` (charts.media.MediaBag: made once per build, shared by every document that shows
    the chart), dated `created`."""

    media: object
    created: dt.datetime

    def xml(self, spec: ChartSpec, theme: Theme, text: ChartText) -> bytes:
        """Return the chart part XML of `spec` in `theme` with `text`."""
        return chart_xml(spec, theme, text)

    def workbook(self, spec: ChartSpec) -> bytes:
        """Return the embedded workbook of `spec`."""
        return self.media.made(f"{workbook_key(spec, self.created)}.xlsx", lambda: workbook(spec, self.created),
                               whole_zip)


def workbook_key(spec: ChartSpec, created: dt.datetime) -> str:
    """Return the content hash a workbook is kept under: its data, number format, date and the writers' versions."""
    blob = repr((chart_data_of(spec), number_format(spec), created.isoformat(), _versions())).encode("utf-8")
    return hashlib.sha256(blob).hexdigest()


@functools.cache
def _versions() -> tuple[str, ...]:
    from importlib.metadata import version

    return version("python-pptx"), version("XlsxWriter")


def whole_zip(data: bytes) -> bool:
    """Return whether `data` is a complete zip whose entries all read back (not one a killed build cut short)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return archive.testzip() is None
    except (zipfile.BadZipFile, OSError, EOFError):
        return False


def is_plot(spec: ChartSpec) -> bool:
    """Return whether `spec` is drawn as a native chart (kpi tiles and matrices are laid out as shapes or tables)."""
    return spec.kind in CHART_TYPES


@functools.lru_cache(maxsize=512)
def chart_xml(spec: ChartSpec, theme: Theme, text: ChartText) -> bytes:
    """Return the chart part XML of `spec`: its data, styled in `theme` with `text`, linked to its workbook."""
    if not is_plot(spec):
        raise ValueError(f"{spec.kind} charts are laid out as tiles or tables, not as a native chart")
    check_glyphs(spec.text, spec.title)  # what the open font lacks, Office's Chinese fonts lack too (emoji …)
    space = parse_chart_space(_chart_data(spec).xml_bytes(CHART_TYPES[spec.kind]))
    positive_axis_ids(space)
    frameless(space)
    _style_chart(Chart(space, None), spec, theme, text)
    link_workbook(space)
    return chart_space_bytes(space)


def workbook(spec: ChartSpec, created: dt.datetime) -> bytes:
    """Return the workbook behind `spec`'s chart: categories in column A, a column of values per series, in the
    chart's number format; its entries and properties dated `created`, so the same chart gives the same bytes."""
    from reportgen.reproducible import normalize_package

    return normalize_package(_chart_data(spec).xlsx_blob, created)


def _chart_data(spec: ChartSpec) -> CategoryChartData:
    categories, series = chart_data_of(spec)
    data = CategoryChartData(number_format=number_format(spec))
    data.categories = categories
    for name, values in series:
        data.add_series(name, values)
    return data


def chart_data_of(spec: ChartSpec) -> tuple[tuple[str, ...], list[tuple[str, tuple[float, ...]]]]:
    """Return the categories and (name, values) series the embedded workbook holds: the spec's own data;
    a progress chart holds its value and its target side by side."""
    if spec.kind == "progress":
        series = spec.series[0]
        return (series.name, TARGET_NAME), [(series.name, (series.values[0], spec.target or 0.0))]
    return spec.categories, [(s.name, s.values) for s in spec.series]


def _texts(spec: ChartSpec) -> list[tuple[str, ...]]:
    """Return the data label texts per series, in the order of `chart_data_of`."""
    if spec.kind == "progress":
        return [(spec.series[0].texts[0], f"{plain_number(spec.target or 0)}{spec.unit}")]
    return [s.texts for s in spec.series]


def number_format(spec: ChartSpec) -> str:
    """Return the Excel number format of the values, the unit included: 0"个", 0.00"亿元", 0"%"."""
    decimals = max((len(plain_number(v).partition(".")[2]) for s in spec.series for v in s.values), default=0)
    digits = "0" + ("." + "0" * min(decimals, 2) if decimals else "")
    return f'{digits}"{spec.unit}"' if spec.unit else digits


def _style_chart(chart, spec: ChartSpec, theme: Theme, text: ChartText) -> None:
    """Fonts, colours, labels and axes of a plotted chart."""
    chart.font.size, chart.font.name = Pt(text.size), text.latin
    chart.font.color.rgb = RGBColor.from_string(theme.ink)
    set_east_asian(chart_default_rpr(chart), text.typeface)
    chart.has_title = False
    plot = chart.plots[0]
    multi = len(chart_data_of(spec)[1]) > 1
    chart.has_legend = multi or spec.kind == "donut"
    if chart.has_legend:
        chart.legend.position, chart.legend.include_in_layout = XL_LEGEND_POSITION.BOTTOM, False
    if spec.kind != "donut":
        plot.gap_width = 60 if len(spec.categories) > 3 else 120
        if not multi:
            plot.vary_by_categories = False
        _axes(chart, spec, theme)
    _colours(plot, spec, theme)
    _labels(plot, spec, theme, text)


def _axes(chart, spec: ChartSpec, theme: Theme) -> None:
    """Category labels readable, first category on top of a bar chart; the value axis hidden (labels carry values)."""
    category_axis, value_axis = chart.category_axis, chart.value_axis
    category_axis.format.line.color.rgb = RGBColor.from_string(theme.muted)
    category_axis.has_major_gridlines = False
    category_axis.tick_label_position = XL_TICK_LABEL_POSITION.LOW  # beside the axis, clear of negative bars
    if CHART_TYPES[spec.kind] == XL_CHART_TYPE.BAR_CLUSTERED:
        category_axis.reverse_order = True
    value_axis.has_major_gridlines = False
    value_axis.visible = False
    value_axis.tick_labels.number_format = number_format(spec)
    value_axis.tick_labels.number_format_is_linked = False
    values = [v for _, vs in chart_data_of(spec)[1] for v in vs]
    if spec.kind == "progress" and spec.unit == "%":
        value_axis.minimum_scale, value_axis.maximum_scale = 0, 100
    elif spec.kind == "stacked":
        value_axis.minimum_scale = 0
    else:
        low, high = min(0.0, *values), max(0.0, *values)
        if low < 0:  # bars both ways: room beyond each end for a label as long as the longest (同比下降3.07%)
            room = ROOM * max(-low, high)
            value_axis.minimum_scale, value_axis.maximum_scale = low - room, (high + room if high > 0 else 0)
        else:
            value_axis.minimum_scale, value_axis.maximum_scale = 0, high * (2.2 if spec.kind == "change" else 1.25) or 1


def _colours(plot, spec: ChartSpec, theme: Theme) -> None:
    """Accent for the first series, the palette after it; change bars red up, green down; the target grey."""
    for k, series in enumerate(plot.series):
        if spec.kind == "line":
            series.format.line.color.rgb = RGBColor.from_string(theme.colors[k % len(theme.colors)])
            continue
        _fill(series.format, theme.colors[k % len(theme.colors)])
        if spec.kind == "change":
            for i, value in enumerate(spec.series[0].values):
                _fill(series.points[i].format, theme.increase if value >= 0 else theme.decrease)
        elif spec.kind == "progress":
            _fill(series.points[1].format, theme.palette[0])
        elif spec.kind == "donut":
            for i in range(len(spec.categories)):
                _fill(series.points[i].format, theme.colors[i % len(theme.colors)])


def _fill(fmt, color: str) -> None:
    fmt.fill.solid()
    fmt.fill.fore_color.rgb = RGBColor.from_string(color)


def _labels(plot, spec: ChartSpec, theme: Theme, text: ChartText) -> None:
    """Data labels: linked to the values with the unit in the number format, or, where the source words a
    figure differently (7100余个, 887482次 on a 万次 axis), that wording as the point's own label text."""
    for series in plot.series:  # series level: a point's own label would hide plot-level defaults
        labels = series.data_labels
        labels.number_format, labels.number_format_is_linked = number_format(spec), False
        labels.font.size = Pt(text.size)
        set_east_asian(font_rpr(labels.font), text.typeface)
        labels.show_value = True
        if spec.kind == "donut":
            labels.show_percentage = True
        elif spec.kind not in ("stacked", "line"):
            labels.position = XL_LABEL_POSITION.OUTSIDE_END
    fmt = number_format(spec)
    position = None if spec.kind in ("stacked", "line", "donut") else "outEnd"
    for series, texts in zip(plot.series, _texts(spec)):
        own = [(i, label) for i, (value, label) in enumerate(zip(series.values, texts))
               if label != _formatted(value, fmt, spec.unit)]
        add_point_labels(series.data_labels, own, text.size, text.latin, text.typeface, theme.ink, position)


def _formatted(value: float, fmt: str, unit: str) -> str:
    """Return `value` as the number format `fmt` shows it (0.00"亿元" → 14.80亿元)."""
    decimals = len(fmt.split('"')[0].partition(".")[2])
    return f"{value:.{decimals}f}{unit}"

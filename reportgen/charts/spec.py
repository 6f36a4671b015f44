"""A chart as data: what is compared, in which unit, against which target — no drawing library involved."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from reportgen.numbers import plain_number

Kind = Literal["bar", "barh", "stacked", "donut", "line", "progress", "change", "kpi", "matrix"]
KINDS: tuple[str, ...] = Kind.__args__  # type: ignore[attr-defined]

#: How a screen reader introduces each kind of chart.
KIND_NAMES = {
    "bar": "柱状图", "barh": "条形图", "stacked": "堆积柱状图", "donut": "环形图", "line": "折线图",
    "progress": "目标进度图", "change": "同比变化图", "kpi": "指标卡", "matrix": "结构图",
}


@dataclass(frozen=True, slots=True)
class Series:
    """One series: a value per category, in the chart's unit, and the text shown at each value (7100余个)."""

    name: str
    values: tuple[float, ...]
    labels: tuple[str, ...] = ()

    @property
    def texts(self) -> tuple[str, ...]:
        """The label of each value: the given labels, or the plain numbers. Read-only."""
        return self.labels or tuple(plain_number(v) for v in self.values)


@dataclass(frozen=True, slots=True)
class ChartSpec:
    """One chart: kind, title, categories, series in one unit, an optional target, source and geometry.

    `unit` is the one unit of every value (亿元, 个, %); `cells` hold the items of a structured graphic
    (matrix: the measures under each category); `aspect` is height / width of the drawing.
    """

    kind: Kind
    title: str
    categories: tuple[str, ...]
    series: tuple[Series, ...] = ()
    unit: str = ""
    source: str = ""
    target: float | None = None
    target_label: str = ""
    sort: Literal["given", "descending"] = "given"
    cells: tuple[tuple[str, ...], ...] = ()
    note: str = ""
    aspect: float = 0.5

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown chart kind {self.kind!r} (expected one of {', '.join(KINDS)})")
        n = len(self.categories)
        for s in self.series:
            if len(s.values) != n or (s.labels and len(s.labels) != n):
                raise ValueError(f"series {s.name!r} of chart {self.title!r} has {len(s.values)} values "
                                 f"for {n} categories")
        if self.kind == "matrix" and len(self.cells) != n:
            raise ValueError(f"matrix {self.title!r} needs one row of cells per category")

    @property
    def unit_label(self) -> str:
        """The axis unit as printed: 单位：亿元 (empty when the chart has no common unit). Read-only."""
        return f"单位：{self.unit}" if self.unit else ""

    @property
    def alt_text(self) -> str:
        """A sentence a screen reader can use, generated from the data. Read-only."""
        head = f"{KIND_NAMES[self.kind]}：{self.title}"
        if self.unit_label:
            head += f"（{self.unit_label}）"
        if self.kind == "matrix":
            body = "；".join(f"{c}：{'、'.join(items)}" for c, items in zip(self.categories, self.cells))
        elif len(self.series) == 1:
            body = "；".join(f"{c}{t}" for c, t in zip(self.categories, self.series[0].texts))
        else:
            body = "；".join(f"{s.name}：" + "，".join(f"{c}{t}" for c, t in zip(self.categories, s.texts))
                            for s in self.series)
        parts = [head, body, self.target_label, self.note, f"数据来源：{self.source}" if self.source else ""]
        return "。".join(p.rstrip("。") for p in parts if p) + "。"

    @property
    def text(self) -> str:
        """Every piece of text the chart may draw, for a glyph check before rendering. Read-only."""
        pieces = [self.title, self.unit_label, self.target_label, self.note, *self.categories]
        pieces += [p for s in self.series for p in (s.name, *s.texts)]
        pieces += [c for row in self.cells for c in row]
        return "".join(pieces)

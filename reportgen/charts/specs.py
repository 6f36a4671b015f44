"""Honest chart specs from the validated data: pure functions, called by section templates during composition.

Rules every spec here keeps: one unit per axis (figures of different base units never share a chart; 万元 and
亿元 are converted to one unit and the axis says 单位：亿元); bar labels print the figure as the source states it
(7100余个, 7097.67万元); a target in the data is drawn (86% against 80%). No matplotlib here.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence

from reportgen.charts.spec import ChartSpec, Series
from reportgen.inputs.model import Article, Figure, Governance, Project
from reportgen.numbers import figure_text, plain_number
from reportgen.units import FAMILIES, MAGNITUDES, SCALABLE, comparable, in_family, parse_unit, split_unit

#: Money that came back or was not lost: recovered, saved, fined (not money collected or sales).
RECOVERED = re.compile(r"追赃|追回|追缴|挽损|节约|罚没|防范.*损失")
CHANGE = re.compile(r"同比(增长|上升|提高|下降|减少)")
_PROJECT_SUFFIX = re.compile(r"(突出问题|不规范问题|违法违规行为|问题)?专项治理$")


def short_name(project: Project) -> str:
    """Return the project name without its 专项治理 suffix: 电信网络诈骗, 工伤领域, 网络直播营销."""
    return _PROJECT_SUFFIX.sub("", project.name) or project.name


def axis_unit(figures: Sequence[Figure]) -> str:
    """Return the one unit an axis of `figures` uses; ValueError when their units do not convert into each other.

    Money and counts take 万 or 亿 by the largest value (14.8亿元 → 亿元); lengths, areas and masses the unit of the
    largest figure (3.5公里 and 800米 → 公里); rates and spans of time their own unit."""
    units = [parse_unit(f.unit) for f in figures]
    if not comparable([f.unit for f in figures]):
        raise ValueError(f"figures in different units cannot share an axis: "
                         f"{', '.join(sorted({u.text for u in units}))}")
    if units[0].plain:
        return units[0].word
    largest = max(figures, key=lambda f: in_family(f.value, f.unit))
    if units[0].family in FAMILIES and units[0].family != "money":
        return largest.unit
    word = "元" if units[0].family == "money" else units[0].word
    amount = in_family(largest.value, largest.unit)
    return next((p for p in reversed(SCALABLE) if amount >= MAGNITUDES[p]), "") + word


def in_unit(figure: Figure, unit: str) -> float:
    """Return the figure's value converted to `unit` (7097.67万元 in 亿元 → 0.709767, 800米 in 公里 → 0.8)."""
    return float(in_family(figure.value, figure.unit) / parse_unit(unit).size)


def bar_chart(title: str, categories: Sequence[str], figures: Sequence[Figure], source: str, *,
              kind: str = "barh", sort: str = "given", note: str = "") -> ChartSpec:
    """Return a one-series bar chart of `figures` in one unit, labels as the source writes them."""
    unit = axis_unit(figures)
    rows = list(zip(categories, figures))
    if sort == "descending":
        rows.sort(key=lambda row: -in_unit(row[1], unit))
    series = Series(title, tuple(in_unit(f, unit) for _, f in rows), tuple(figure_text(f) for _, f in rows))
    return ChartSpec(kind, title, tuple(c for c, _ in rows), (series,), unit=unit, source=source, sort=sort,
                     note=note, aspect=_bar_aspect(len(rows)))


def _bar_aspect(n: int) -> float:
    return round(min(0.75, 0.16 + 0.09 * n), 2)


def totals_chart(governance: Governance) -> ChartSpec:
    """Return the headline totals as KPI tiles: each in its own unit, so never on one axis."""
    figures = governance.totals
    series = Series("总体情况", tuple(float(f.value) for f in figures), tuple(figure_text(f) for f in figures))
    return ChartSpec("kpi", f"{governance.year}年专项治理主要成效", tuple(f.label for f in figures), (series,),
                     source=governance.source, aspect=0.3)


def money_chart(governance: Governance) -> ChartSpec | None:
    """Return money recovered, saved or fined, project by project, in one unit; None when there is none."""
    found = [(f"{short_name(p)}：{f.label}", f) for p in governance.projects for f in p.figures
             if split_unit(f.unit)[1] == "元" and RECOVERED.search(f.label)]
    if len(found) < 2:
        return None
    categories, figures = zip(*found)
    return bar_chart("各专项治理追赃挽损、节约和罚没资金", categories, figures, governance.source,
                     sort="descending")


def change_chart(governance: Governance) -> ChartSpec | None:
    """Return every 同比 change of the projects as signed bars (red up, green down); None when fewer than two."""
    found = [(p, f, m) for p in governance.projects for f in p.figures
             if f.unit == "%" and (m := CHANGE.search(f.label))]
    if len(found) < 2:
        return None
    rows = sorted(((f"{short_name(p)}：{f.label[:m.start()]}", _signed(f, m.group(1)), f"{m.group(0)}{figure_text(f)}")
                   for p, f, m in found), key=lambda row: -row[1])
    categories, values, labels = zip(*rows)
    title = "各专项治理有关指标同比变化"
    return ChartSpec("change", title, categories, (Series(title, values, labels),), unit="%",
                     source=governance.source, sort="descending", aspect=_bar_aspect(len(rows)))


def _signed(figure: Figure, word: str) -> float:
    return -float(figure.value) if word in ("下降", "减少") else float(figure.value)


def progress_chart(figure: Figure, known: dict[str, Figure], source: str) -> ChartSpec:
    """Return a share against its target (86% against the 80% goal), its parts in the note (1252家/1456家)."""
    series = Series(figure.label, (float(figure.value),), (figure_text(figure),))
    target = plain_number(figure.target) + figure.unit
    note = ""
    if figure.share_of and all(i in known for i in figure.share_of):
        part, whole = (known[i] for i in figure.share_of)
        note = f"{whole.label}{figure_text(whole)}，其中{part.label}{figure_text(part)}"
    verdict = "已超过" if figure.value > figure.target else ("已达到" if figure.value == figure.target else "未达到")
    return ChartSpec("progress", f"{figure.label}与年度目标", (figure.label,), (series,), unit=figure.unit,
                     source=source, target=float(figure.target), target_label=f"年度目标{target}，{verdict}",
                     note=note, aspect=0.3)


def same_unit_groups(figures: Iterable[Figure]) -> list[list[Figure]]:
    """Return groups of two or more figures in units of one family, leaving out shares, targets, counts and changes."""
    figures = list(figures)
    parts = {i for f in figures if f.share_of for i in f.share_of}
    groups: dict[str, list[Figure]] = {}
    for f in figures:
        if f.target is not None or f.share_of or f.counts or f.id in parts or CHANGE.search(f.label):
            continue
        groups.setdefault(parse_unit(f.unit).family, []).append(f)
    return [g for g in groups.values() if len(g) >= 2]


def group_title(figures: Sequence[Figure], headline: str) -> str:
    """Return the title of a same-unit group: its labels, a shared beginning said once, or the headline."""
    labels = [f.label for f in figures]
    common = os.path.commonprefix(labels)
    suffix = os.path.commonprefix([label[::-1] for label in labels])[::-1]
    if len(common) >= 2:  # 达到国家评价标准的乡镇卫生院、村卫生室
        joined = common + "、".join(label[len(common):] for label in labels)
    elif len(suffix) >= 2 and all(len(label) - len(suffix) <= 4 for label in labels):  # 门诊、住院转诊
        joined = "、".join(label[:-len(suffix)] for label in labels) + suffix
    else:
        joined = "、".join(labels)
    return joined if len(joined) <= 32 else f"{headline.rstrip('。')}（单位：{split_unit(figures[0].unit)[1]}）"


def project_charts(project: Project, source: str) -> list[ChartSpec]:
    """Return a project's charts: each share against its target, then each achievement's same-unit figures."""
    known = {f.id: f for f in project.figures if f.id}
    charts = [progress_chart(f, known, source) for f in project.figures if f.target is not None and f.unit == "%"]
    for a in project.achievements:
        for group in same_unit_groups(a.figures):
            charts.append(bar_chart(group_title(group, a.headline), [f.label for f in group], group, source))
    return charts


def article_charts(article: Article) -> list[ChartSpec]:
    """Return an article's charts: its named measures as a structured graphic, then its same-unit figures."""
    charts = []
    if article.groups and all(m.name for g in article.groups for m in g.measures):
        count = sum(len(g.measures) for g in article.groups)
        charts.append(ChartSpec(
            "matrix", f"{article.title}：{len(article.groups)}个方面{count}项措施",
            tuple(g.heading for g in article.groups), cells=tuple(tuple(m.name for m in g.measures)
                                                                 for g in article.groups),
            source=article.source, aspect=0.6))
    for group in same_unit_groups(article.figures):
        charts.append(bar_chart(group_title(group, article.title), [f.label for f in group], group, article.source))
    return charts


def chart_functions() -> dict:
    """Return the spec builders section templates may call."""
    return {"totals_chart": totals_chart, "money_chart": money_chart, "change_chart": change_chart,
            "project_charts": project_charts, "article_charts": article_charts}

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
from reportgen.i18n import _
from reportgen.inputs.model import Article, Figure, Governance, Project
from reportgen.numbers import figure_text, plain_number
from reportgen.units import FAMILIES, MAGNITUDES, SCALABLE, comparable, in_family, parse_unit

#: A change written into a figure's label (for data without `change:`): its basis, then its direction.
CHANGE = re.compile(r"(同比|环比|比上年|较上年|较去年同期|较上月|比上月)(增长|上升|提高|增加|下降|减少|降低)")


def short_names(projects: Sequence[Project]) -> dict[str, str]:
    """Return each project's name without the ending all the names share (专项治理, 工程 …), by project id."""
    names = [p.name for p in projects]
    common = os.path.commonprefix([n[::-1] for n in names])[::-1] if len(names) > 1 else ""
    return {p.id: (p.name[:-len(common)] if common and len(p.name) > len(common) + 1 else p.name) for p in projects}


def axis_unit(figures: Sequence[Figure]) -> str:
    """Return the one unit an axis of `figures` uses; ValueError when their units do not convert into each other.

    Money and counts take 万 or 亿 by the largest value (14.8亿元 → 亿元); lengths, areas and masses the unit of the
    largest figure (3.5公里 and 800米 → 公里); rates and spans of time their own unit."""
    units = [parse_unit(f.unit) for f in figures]
    if not comparable([f.unit for f in figures]):
        raise ValueError(_("figures in different units cannot share an axis: {units}").format(
            units=", ".join(sorted({u.text for u in units}))))
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
    series = Series(title, tuple(in_unit(f, unit) for _category, f in rows),
                    tuple(figure_text(f) for _category, f in rows))
    return ChartSpec(kind, title, tuple(c for c, _figure in rows), (series,), unit=unit, source=source, sort=sort,
                     note=note, aspect=_bar_aspect(len(rows)))


#: The tallest a chart is drawn, as height / width: about a third of the briefing's type area, so a chart moved to
#: the next page for want of room never leaves more than that empty.
MAX_ASPECT = 0.5


def _bar_aspect(n: int) -> float:
    return round(min(MAX_ASPECT, 0.16 + 0.09 * n), 2)


def totals_chart(governance: Governance) -> ChartSpec:
    """Return the headline totals as KPI tiles: each in its own unit, so never on one axis."""
    figures = governance.totals
    series = Series("总体情况", tuple(float(f.value) for f in figures), tuple(figure_text(f) for f in figures))
    return ChartSpec("kpi", f"{governance.year}年主要成效", tuple(f.label for f in figures), (series,),
                     source=governance.source or "", aspect=0.3)


def requested_charts(governance: Governance) -> list[ChartSpec]:
    """Return the charts the data asks for (`charts:`), each a bar chart of the figures it names that this
    edition holds (a department's edition holds its own projects only): none with fewer than two."""
    charts = []
    for request in governance.charts:
        labels = request.labels or [None] * len(request.figures)
        rows = [(label, f) for label, ident in zip(labels, request.figures) if (f := governance.figure(ident))]
        if len(rows) >= 2:
            charts.append(bar_chart(request.title, [label or f.label for label, f in rows], [f for _label, f in rows],
                                    governance.source or "", kind=request.kind, sort=request.sort))
    return charts


def measure_charts(governance: Governance) -> list[ChartSpec]:
    """Return a chart for each measure two or more projects state in one kind of unit (完成投资 per project),
    leaving out figures a requested chart already shows, shares, targets, counts and changes."""
    requested = {i for r in governance.charts for i in r.figures}
    measures = _measures(governance, lambda f: f.id not in requested and not _derived(f) and f.plan is None)
    return [bar_chart(f"各项目{label}", [n for n, _figure in rows], [f for _name, f in rows], governance.source or "")
            for label, rows in measures.items()]


def _measures(governance: Governance, keep) -> dict[str, list[tuple[str, Figure]]]:
    """Return the measures (label and unit family) two or more projects state, each with its (short project
    name, figure) rows: the first figure of each project that `keep` accepts."""
    names = short_names(governance.projects)
    measures: dict[tuple[str, str], list[tuple[str, Figure]]] = {}
    for project in governance.projects:
        seen = set()
        for f in filter(keep, project.figures):
            key = (f.label, parse_unit(f.unit).family)
            if key not in seen:
                seen.add(key)
                measures.setdefault(key, []).append((names[project.id], f))
    return {label: rows for (label, _family), rows in measures.items() if len(rows) >= 2}


def plan_charts(governance: Governance) -> list[ChartSpec]:
    """Return, for each measure two or more projects state with its planned amount (`plan:`), the actual amounts
    beside the planned ones, project by project, in one unit."""
    charts = []
    for label, rows in _measures(governance, lambda f: f.plan is not None).items():
        figures = [f for _name, f in rows]
        unit = axis_unit(figures)
        planned = [f.model_copy(update={"value": f.plan}) for f in figures]
        series = (Series("实际", tuple(in_unit(f, unit) for f in figures), tuple(figure_text(f) for f in figures)),
                  Series("计划", tuple(in_unit(f, unit) for f in planned), tuple(figure_text(f) for f in planned)))
        charts.append(ChartSpec("bar", f"各项目{label}与计划", tuple(n for n, _figure in rows), series, unit=unit,
                                source=governance.source or "", aspect=MAX_ASPECT))
    return charts


def _derived(figure: Figure) -> bool:
    """Whether a figure is a share, a target, a count of the file's lists or a change (charted otherwise)."""
    return bool(figure.target is not None or figure.share_of or figure.counts or figure.change
                or CHANGE.search(figure.label))


def change_chart(governance: Governance) -> ChartSpec | None:
    """Return the changes the file states against one basis (同比, 比年度计划 …) in one unit as signed bars
    (red up, green down): the largest such set, its own figures and its projects'; None when no basis has two."""
    names = short_names(governance.projects)
    owned = [("", f) for f in [*governance.totals, *governance.figures]]
    owned += [(names[p.id], f) for p in governance.projects for f in p.figures]
    found: dict[tuple[str, str], list[tuple[str, str, Figure]]] = {}
    for owner, f in owned:
        if (change := _change_of(f)) is not None:
            found.setdefault((change[0], f.unit), []).append((owner, change[1], f))
    if not found:
        return None
    (basis, unit), rows = max(found.items(), key=lambda item: len(item[1]))
    if len(rows) < 2:
        return None
    labels = {_change_of(f)[2] for _owner, _word, f in rows}
    shared = labels.pop() if len(labels) == 1 and all(owner for owner, _word, _figure in rows) else ""  # one measure
    bars = sorted(((owner if shared else "：".join(filter(None, (owner, _change_of(f)[2]))), _signed(f, word),
                    # one measure: the title says what changed against what, each bar says by how much
                    (figure_text(f) if shared else f"{basis}{word}{figure_text(f)}")) for owner, word, f in rows),
                  key=lambda bar: -bar[1])
    categories, values, texts = zip(*bars)
    projects_only = all(owner for owner, _word, _figure in rows)
    title = f"各项目{shared}" if shared else f"{'各项目有关' if projects_only else '主要'}指标{basis}变化"
    return ChartSpec("change", title, categories, (Series(title, values, texts),), unit=unit,
                     source=governance.source or "", sort="descending", aspect=_bar_aspect(len(bars)))


def _change_of(figure: Figure) -> tuple[str, str, str] | None:
    """Return (basis, direction word, what changed) of a figure that is a change, or None."""
    if figure.change is not None:
        points = figure.unit == "个百分点"
        word = {"up": "提高" if points else "增长", "down": "降低" if points else "下降",
                "flat": "持平"}[figure.change.direction]
        return figure.change.basis, word, figure.label
    match = CHANGE.search(figure.label)
    return (match.group(1), match.group(2), figure.label[:match.start()]) if match else None


def shares_chart(governance: Governance) -> list[ChartSpec]:
    """Return, for each figure of the file that two or more shares are shares of, the shares as bars: the parts
    of that total (投诉82.13%, 表扬6.53% … of 4567件)."""
    scopes = [governance.totals, governance.figures, *(a.figures for p in governance.projects
                                                       for a in p.achievements)]
    wholes: dict[str, list[Figure]] = {}
    for figures in scopes:
        for f in figures:
            if f.share_of and f.unit == "%":
                wholes.setdefault(f.share_of[1], []).append(f)
    charts = []
    for ident, shares in wholes.items():
        whole = governance.figure(ident)
        if len(shares) >= 2 and whole is not None:
            parts = [governance.figure(f.share_of[0]) for f in shares]
            labels = [part.label if part else f.label for part, f in zip(parts, shares)]
            charts.append(bar_chart(f"{whole.label}{figure_text(whole)}的构成（占比）", labels, shares,
                                    governance.source or ""))
    return charts


def figures_chart(title: str, figures: Sequence[Figure], labels: Sequence[str] | None = None, source: str = "",
                  kind: str = "barh", sort: str = "given") -> ChartSpec | None:
    """Return a bar chart of any figures a template chooses (in units that share an axis), labelled by `labels`
    or their own labels; None for fewer than two figures or units that cannot share an axis."""
    figures = list(figures)
    if len(figures) < 2 or not comparable([f.unit for f in figures]):
        return None
    return bar_chart(title, list(labels or [f.label for f in figures]), figures, source, kind=kind, sort=sort)


def topic_charts(governance: Governance) -> list[ChartSpec]:
    """Return a governance file's own charts: those it asks for, each measure shared by its projects (against
    plan where the data gives one), the parts of each total its shares divide, then its changes."""
    change = change_chart(governance)
    return [*requested_charts(governance), *measure_charts(governance), *plan_charts(governance),
            *shares_chart(governance), *([change] if change else [])]


def _signed(figure: Figure, word: str) -> float:
    return -float(figure.value) if word in ("下降", "减少", "降低") else float(figure.value)


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
        if _derived(f) or f.id in parts:
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
    return joined if len(joined) <= 32 else f"{headline.rstrip('。')}（单位：{axis_unit(figures)}）"


def project_charts(project: Project, source: str) -> list[ChartSpec]:
    """Return a project's charts: each share against its target, then each achievement's same-unit figures."""
    known = {f.id: f for f in project.figures if f.id}
    charts = [progress_chart(f, known, source) for f in project.figures if f.target is not None and f.unit == "%"]
    for a in project.achievements:
        for group in same_unit_groups(a.figures):
            charts.append(bar_chart(group_title(group, a.headline or project.name), [f.label for f in group], group,
                                    source))
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
            source=article.source, aspect=MAX_ASPECT))
    for group in same_unit_groups(article.figures):
        charts.append(bar_chart(group_title(group, article.title), [f.label for f in group], group, article.source))
    return charts


def chart_functions() -> dict:
    """Return the spec builders section templates may call."""
    functions = (totals_chart, topic_charts, figures_chart, requested_charts, measure_charts, plan_charts,
                 shares_chart, change_chart, project_charts, article_charts)
    return {f.__name__: f for f in functions}

"""Filters and functions section templates use to write figures the way Chinese government prose does.

The wording itself lives in `reportgen.numbers`; this module adapts it to figures and lists for templates:

  {{ f | figure }}            7100余个 (as the source states it)      {{ f | scaled }}       2.69亿元
  {{ p.figures | figures }}   追赃3.2亿元，打击涉诈窝点1500余个       {{ 12.3 | change }}    同比增长12.3%
  {{ -0.8 | points }}         同比下降0.8个百分点                     {{ 85.98 | percent }}  86%
  {{ 1252 | share(1456) }}    86%                                     {{ d | date }}         2025年1月20日
  {{ 2 | heading(2) }}        （二）                                  {{ 3 | cn }}           三
  {{ strongest(p.figures, 3) }}  the 3 strongest figures, in the order the source gives them
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from reportgen.inputs.model import Achievement, Figure, Project
from reportgen.numbers import (
    change_text,
    chinese_date,
    chinese_month,
    chinese_ordinal,
    figure_text,
    heading_number,
    percent_text,
    plain_number,
    qualified,
    scale,
    share_text,
)
from reportgen.units import MAGNITUDES, split_unit

#: Units of categories, spans of time and batches: real figures, but never a project's strongest.
_MINOR_UNITS = frozenset({"方面", "类", "大类", "种", "组", "天", "小时", "个月", "个工作日", "批次"})


def scaled(value: Figure | Decimal | int | float, unit: str = "", decimals: int = 2) -> str:
    """Return a figure or a number scaled to 万/亿 with at most `decimals` places, qualifier kept in its place."""
    if isinstance(value, Figure):
        number, new_unit = scale(value.value, value.unit, decimals)
        if value.qualifier in ("余", "多") and new_unit[:1] in ("万", "亿"):
            number, new_unit = number + new_unit[0], new_unit[1:]  # 7.1万余个: 余 follows the magnitude
        return qualified(number, new_unit, value.qualifier)
    return "".join(scale(value, unit, decimals))


def figures_text(figures: list[Figure], separator: str = "，") -> str:
    """Return figures as a run of prose, label then value: 追赃3.2亿元，打击涉诈窝点1500余个."""
    return separator.join(f"{f.label}{figure_text(f)}" for f in figures)


def strongest(figures: list[Figure], count: int = 3) -> list[Figure]:
    """Return the `count` strongest figures, in source order: money first, then rates, then the largest counts.

    Category counts (4方面, 5类), spans of time and figures that count the file's own lists come last.
    """
    ranked = sorted(range(len(figures)), key=lambda i: _strength(figures[i]))
    return [figures[i] for i in sorted(ranked[:count])]


def _strength(figure: Figure) -> tuple[int, Decimal]:
    """Return a sort key: lower is stronger."""
    prefix, base = split_unit(figure.unit) or ("", figure.unit)
    if figure.counts or base in _MINOR_UNITS:
        tier = 3
    elif base == "元":
        tier = 0
    elif base in ("%", "个百分点"):
        tier = 1
    else:
        tier = 2
    return tier, -figure.value * MAGNITUDES[prefix]


def first_sentence(text: str) -> str:
    """Return the text up to and including its first 。 (all of it when there is none)."""
    end = text.find("。")
    return text if end < 0 else text[: end + 1]


def gist(achievement: Achievement) -> str:
    """Return what an achievement says in one sentence: its headline, else the first sentence of its text."""
    return achievement.headline or first_sentence(achievement.text)


def led_by(project: Project) -> str:
    """Return （省教育厅牵头） when the source names the project's lead department, else nothing: a lead the source
    does not print is never printed as a fact."""
    return f"（{project.lead}牵头）" if project.lead and project.lead_stated else ""


def not_in(figures: list[Figure], text: str) -> list[Figure]:
    """Return the figures `text` does not already state (so a bullet does not repeat its own numbers)."""
    return [f for f in figures if figure_text(f) not in text]


#: The longest project name a card's title bar holds on one line (three cards a row, 10 pt at the least).
CARD_NAME = 16


def project_runs(projects: list[Project]) -> list[tuple[bool, list[Project]]]:
    """Return the projects in order as runs: (True, run) for two or more thin projects in a row (one paragraph,
    at most four figures: a slide each would stand nearly empty; a name short enough for a card's title bar),
    (False, run) for the others."""
    runs: list[tuple[bool, list[Project]]] = []
    for project in projects:
        thin = len(project.achievements) == 1 and len(project.figures) <= 4 and len(project.name) <= CARD_NAME
        if runs and runs[-1][0] == thin:
            runs[-1][1].append(project)
        else:
            runs.append((thin, [project]))
    return [(thin and len(run) > 1, run) for thin, run in runs]


def points(change: Any, decimals: int = 1, prefix: str = "同比") -> str:
    """Return a change in percentage points: 2.5 → 同比提高2.5个百分点."""
    return change_text(change, decimals, points=True, prefix=prefix)


FILTERS = {
    "figure": figure_text,
    "figures": figures_text,
    "scaled": scaled,
    "percent": percent_text,
    "share": share_text,
    "change": change_text,
    "points": points,
    "cn": chinese_ordinal,
    "heading": heading_number,
    "date": chinese_date,
    "month": chinese_month,
    "number": plain_number,
    "first_sentence": first_sentence,
    "gist": gist,
    "led_by": led_by,
    "not_in": not_in,
}
GLOBALS = {"strongest": strongest, "project_runs": project_runs}

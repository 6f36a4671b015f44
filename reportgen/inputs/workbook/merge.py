"""Several department workbooks as one data set: the same part given by two workbooks is one data file.

Each department fills its own projects in a copy of the same workbook, so the briefing's information and each
work's own rows come in every copy: they must agree. Projects are gathered in the order of the workbooks (by
file name) and of their rows; a project filled in by two workbooks is a problem naming both cells.
"""

from __future__ import annotations

from reportgen.errors import Problem
from reportgen.i18n import _
from reportgen.inputs.yamlfile import YamlFile

GATHERED = "projects"  # the list each department adds to; any other field must be the same in every workbook


def merge_workbooks(files: list[YamlFile]) -> tuple[list[YamlFile], list[Problem]]:
    """Return `files` (a workbook's data files, in order) with the parts given by several workbooks merged,
    and a problem for each value two of them give differently."""
    merged: dict[tuple, YamlFile] = {}
    out: list[YamlFile] = []
    problems: list[Problem] = []
    for yf in files:
        key = _key(yf)
        if key is None or key not in merged:
            if key is not None:
                merged[key] = yf = YamlFile(yf.path, dict(yf.data), dict(yf.lines), yf.duplicates, yf.notes)
            out.append(yf)
            continue
        problems += _merge_into(merged[key], yf)
    return out, problems


def _key(yf: YamlFile) -> tuple | None:
    data = yf.data if isinstance(yf.data, dict) else {}
    if data.get("kind") == "briefing":
        return ("briefing",)
    return (data.get("kind"), data["id"]) if isinstance(data.get("id"), str) else None


def _merge_into(first: YamlFile, other: YamlFile) -> list[Problem]:
    """Add what `other` gives to `first`; return a problem for each value the two give differently."""
    problems = []
    for key, value in other.data.items():
        if key == GATHERED and isinstance(value, list):
            problems += _gather(first, other, value)
        elif key not in first.data:
            first.data[key] = value
            first.lines.update({loc: cell for loc, cell in other.lines.items() if loc[:1] == (key,)})
        elif first.data[key] != value:
            problems.append(other.problem((key,), _("differs from {place}; every workbook must give the same "
                                                    "(correct one of them)").format(place=first.place((key,)))))
    return problems


def _gather(first: YamlFile, other: YamlFile, projects: list) -> list[Problem]:
    """Append the projects of `other` to those of `first`, each with the cells it came from."""
    problems = []
    first.data[GATHERED] = mine = list(first.data.get(GATHERED, []))
    known = {p.get("id"): k for k, p in enumerate(mine) if isinstance(p, dict)}
    for index, project in enumerate(projects):
        ident = project.get("id") if isinstance(project, dict) else None
        if ident in known:
            problems.append(other.problem((GATHERED, index, "id"), _(
                "project {ident} is filled in by two workbooks (also in {place}); keep it in one of them").format(
                ident=ident, place=first.place((GATHERED, known[ident], "id")))))
            continue
        known[ident] = len(mine)
        first.lines.update({(GATHERED, len(mine), *loc[2:]): cell for loc, cell in other.lines.items()
                            if loc[:2] == (GATHERED, index)})
        mine.append(project)
    return problems

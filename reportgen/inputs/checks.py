"""Cross-checks pydantic cannot express: figures stated in their text, shares against parts, counts, ids."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from decimal import Decimal

from pydantic import BaseModel

from reportgen.errors import Problem
from reportgen.inputs.model import Article, Figure, Governance
from reportgen.inputs.yamlfile import Loc, YamlFile, dotted
from reportgen.numbers import figure_text, plain_number
from reportgen.units import comparable

Finding = tuple[Loc, str]


def check_governance(gov: Governance, complete: bool = True) -> Iterator[Finding]:
    """Yield every inconsistency in a governance file (not the counts of its lists when it is not `complete`:
    some of its items were left out for errors of their own)."""
    text = "".join(gov.intro)
    scopes: list[tuple[list[Figure], Loc, str, str]] = [(gov.totals, ("totals",), text, "intro"),
                                                        (gov.figures, ("figures",), text, "intro")]
    for i, project in enumerate(gov.projects):
        for j, achievement in enumerate(project.achievements):
            scopes.append((achievement.figures, ("projects", i, "achievements", j, "figures"),
                           (achievement.headline or "") + achievement.text, "paragraph"))
    yield from _check_scopes(scopes, complete)
    counted = {"projects": len(gov.projects), "departments": len({p.lead for p in gov.projects if p.lead})}
    if complete:
        yield from _check_counts(gov.figures, ("figures",), counted)
        yield from _check_counts(gov.totals, ("totals",), counted)
    yield from _check_unique([p.id for p in gov.projects], ("projects",), "project id")
    yield from _check_charts(gov, complete)


def _check_charts(gov: Governance, complete: bool) -> Iterator[Finding]:
    """Check that each requested chart names figures of the file (when it is `complete`), a label for each, in
    units of one axis."""
    for i, request in enumerate(gov.charts):
        loc = ("charts", i)
        unknown = [ident for ident in request.figures if gov.figure(ident) is None]
        if unknown:
            if complete:
                yield (*loc, "figures"), (f"no figure with id {', '.join(unknown)} in this file (give the figure "
                                          "an id: and list it here)")
            continue
        if request.labels is not None and len(request.labels) != len(request.figures):
            yield (*loc, "labels"), f"{len(request.labels)} labels for {len(request.figures)} figures"
        units = [gov.figure(ident).unit for ident in request.figures]
        if not comparable(units):
            yield (*loc, "figures"), (f"figures in {', '.join(dict.fromkeys(units))} cannot share one axis "
                                      "(chart figures of one kind of unit: money, lengths, or one count word)")


def check_article(article: Article, complete: bool = True) -> Iterator[Finding]:
    """Yield every inconsistency in an article file (not the counts of its lists when it is not `complete`)."""
    parts = [*article.summary, *(m.text for g in article.groups for m in g.measures), *article.closing]
    yield from _check_scopes([(article.figures, ("figures",), "".join(parts), "text of the article")], complete)
    counted = {
        "groups": len(article.groups),
        "measures": sum(len(g.measures) for g in article.groups),
        "items": len(article.items),
    }
    if complete:
        yield from _check_counts(article.figures, ("figures",), counted)


def _check_scopes(scopes: list[tuple[list[Figure], Loc, str, str]], complete: bool) -> Iterator[Finding]:
    """Check each scope (a list of figures and the text that states them): every figure stated, ids unique in the
    list, and each share matching its parts, found in the same list or among the file's first lists (its totals
    and figures), so a share may be of a total."""
    shared = {f.id: f for figures, _, _, _ in scopes[:2] for f in reversed(figures) if f.id}
    for figures, loc, text, where in scopes:
        yield from _check_unique([f.id for f in figures], loc, "figure id")
        by_id = {**shared, **{f.id: f for f in figures if f.id}}
        for k, figure in enumerate(figures):
            stated = figure_text(figure)
            if not stated_in(stated, text):
                yield (*loc, k), (f"{stated} ({figure.label}) is not stated in the {where} "
                                  f"(expected the text to contain it)")
            if figure.share_of and (complete or all(i in by_id for i in figure.share_of)):
                yield from _check_share(figure, by_id, (*loc, k, "share_of"))


def stated_in(stated: str, text: str) -> bool:
    """Whether `stated` (1件) stands in `text` as a number of its own: not the end of a longer one (21件, 0.1件)."""
    return re.search(r"(?<![0-9.．])" + re.escape(stated), text) is not None


def _check_share(figure: Figure, by_id: dict[str | None, Figure], loc: Loc) -> Iterator[Finding]:
    """Check that a percentage equals part / whole, rounded as the source rounds it."""
    part_id, whole_id = figure.share_of or ("", "")
    missing = [i for i in (part_id, whole_id) if i not in by_id]
    if missing:
        yield loc, (f"refers to unknown figure id {', '.join(missing)} (expected ids of figures in the same list, "
                    "or of the totals and figures of the file)")
        return
    part, whole = by_id[part_id], by_id[whole_id]
    if figure.unit != "%" or part.unit != whole.unit or whole.value == 0:
        yield loc, f"a share needs unit % and two parts in one unit (got {figure.unit}, {part.unit}, {whole.unit})"
        return
    exponent = min(figure.value.as_tuple().exponent, 0)
    computed = (part.value / whole.value * 100).quantize(Decimal(1).scaleb(exponent))
    if computed != figure.value:
        yield loc, (f"{plain_number(figure.value)}% contradicts its parts: {plain_number(part.value)} / "
                    f"{plain_number(whole.value)} = {plain_number(computed)}%")


def _check_counts(figures: list[Figure], loc: Loc, counted: dict[str, int]) -> Iterator[Finding]:
    """Check that figures which state a count agree with what the file lists."""
    for k, figure in enumerate(figures):
        if figure.counts is None:
            continue
        if figure.counts not in counted:
            yield (*loc, k, "counts"), f"{figure.counts} cannot be counted here (expected one of {', '.join(counted)})"
        elif figure.listed is not None and counted[figure.counts] != figure.listed:
            yield (*loc, k, "listed"), (f"says the file lists {figure.listed} {figure.counts} but it lists "
                                        f"{counted[figure.counts]}")
        elif figure.listed is None and Decimal(counted[figure.counts]) != figure.value:
            yield (*loc, k, "value"), (f"states {plain_number(figure.value)} {figure.counts} but the file lists "
                                       f"{counted[figure.counts]} (if it describes only some of them, add "
                                       f"listed: {counted[figure.counts]})")


def _check_unique(ids: list[str | None], loc: Loc, what: str) -> Iterator[Finding]:
    """Yield a finding for every repeated id."""
    seen: set[str | None] = set()
    for k, ident in enumerate(ids):
        if ident is not None and ident in seen:
            yield (*loc, k), f"duplicate {what} {ident!r}"
        seen.add(ident)


def check_ids_across(files: Sequence[tuple[YamlFile, BaseModel]]) -> list[Problem]:
    """Return a Problem for every id used by two data files: a governance or article id, or a project id (it
    names its department's edition folder), each naming both places."""
    first: dict[tuple[str, str], tuple[YamlFile, Loc]] = {}
    problems = []
    for yf, item in files:
        for what, ident, loc in _ids(item):
            seen = first.setdefault((what, ident), (yf, loc))
            if seen[0] is not yf:
                where = f"{seen[0].path.name}:{seen[0].line_of(seen[1])} ({dotted(seen[1])})"
                problems.append(Problem(yf.path, yf.line_of(loc), dotted(loc),
                                        f"{what} {ident!r} is also used in {where}; {what}s must be unique across "
                                        f"the data files (rename one, e.g. {ident}_{_suffix(item)})"))
    return problems


def _ids(item: BaseModel) -> Iterator[tuple[str, str, Loc]]:
    """Yield (kind of id, id, location) of every id of a data file that must be unique across files."""
    if isinstance(item, Governance | Article):
        yield "data file id", item.id, ("id",)
    if isinstance(item, Governance):
        for i, project in enumerate(item.projects):
            yield "project id", project.id, ("projects", i, "id")


def _suffix(item: BaseModel) -> str:
    """Return what tells this file's ids apart in a suggested new name: its year, else 2."""
    return str(item.year) if isinstance(item, Governance) else "2"

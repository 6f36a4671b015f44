"""Cross-checks pydantic cannot express: figures stated in their text, shares against parts, counts, ids."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from decimal import Decimal

from pydantic import BaseModel

from reportgen.errors import Problem
from reportgen.i18n import _
from reportgen.inputs.model import Article, Figure, Governance
from reportgen.inputs.yamlfile import Loc, YamlFile, field_words
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
    yield from _check_unique([p.id for p in gov.projects], ("projects",), _("duplicate project id {ident!r}"))
    yield from _check_charts(gov, complete)


def _check_charts(gov: Governance, complete: bool) -> Iterator[Finding]:
    """Check that each requested chart names figures of the file (when it is `complete`), a label for each, in
    units of one axis."""
    for i, request in enumerate(gov.charts):
        loc = ("charts", i)
        unknown = [ident for ident in request.figures if gov.figure(ident) is None]
        if unknown:
            if complete:
                yield (*loc, "figures"), _("no figure with id {ids} in this file (give the figure an id: and "
                                           "list it here)").format(ids=", ".join(unknown))
            continue
        if request.labels is not None and len(request.labels) != len(request.figures):
            yield (*loc, "labels"), _("{labels} labels for {figures} figures").format(
                labels=len(request.labels), figures=len(request.figures))
        units = [gov.figure(ident).unit for ident in request.figures]
        if not comparable(units):
            yield (*loc, "figures"), _("figures in {units} cannot share one axis (chart figures of one kind of "
                                       "unit: money, lengths, or one count word)").format(
                                           units=", ".join(dict.fromkeys(units)))


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
        yield from _check_unique([f.id for f in figures], loc, _("duplicate figure id {ident!r}"))
        by_id = {**shared, **{f.id: f for f in figures if f.id}}
        for k, figure in enumerate(figures):
            stated = figure_text(figure)
            if not stated_in(stated, text):
                yield (*loc, k), _not_stated(stated, figure, text, where)
            if figure.share_of and (complete or all(i in by_id for i in figure.share_of)):
                yield from _check_share(figure, by_id, (*loc, k, "share_of"))


def _not_stated(stated: str, figure: Figure, text: str, where: str) -> str:
    """Return the message for a figure its text does not state, with what the text says instead in the same
    unit, nearest in value (5740个 in the figures, 5704个 in the intro)."""
    message = {"intro": _("{stated} ({label}) is not stated in the intro (expected the text to contain it)"),
               "paragraph": _("{stated} ({label}) is not stated in the paragraph (expected the text to contain it)"),
               }.get(where) or _("{stated} ({label}) is not stated in the text of the article (expected the text "
                                 "to contain it)")
    message = message.format(stated=stated, label=figure.label)
    said = _said_instead(figure, text)
    return message + (_("; the text says {said}").format(said=said) if said else "")


def _said_instead(figure: Figure, text: str) -> str | None:
    """Return the figure in `text` with `figure`'s unit whose number is nearest to its value, as written."""
    found = [(m.group(0), Decimal(m.group(1))) for m in
             re.finditer(r"(?<![0-9.．])(\d+(?:\.\d+)?)(?:余|多)?" + re.escape(figure.unit), text)]
    if not found:
        return None
    return min(found, key=lambda item: abs(item[1] - figure.value))[0]


def stated_in(stated: str, text: str) -> bool:
    """Whether `stated` (1件) stands in `text` as a number of its own: not the end of a longer one (21件, 0.1件)."""
    return re.search(r"(?<![0-9.．])" + re.escape(stated), text) is not None


def _check_share(figure: Figure, by_id: dict[str | None, Figure], loc: Loc) -> Iterator[Finding]:
    """Check that a percentage equals part / whole, rounded as the source rounds it."""
    part_id, whole_id = figure.share_of or ("", "")
    missing = [i for i in (part_id, whole_id) if i not in by_id]
    if missing:
        yield loc, _("refers to unknown figure id {ids} (expected ids of figures in the same list, or of the "
                     "totals and figures of the file)").format(ids=", ".join(missing))
        return
    part, whole = by_id[part_id], by_id[whole_id]
    if figure.unit != "%" or part.unit != whole.unit or whole.value == 0:
        yield loc, _("a share needs unit % and two parts in one unit (got {unit}, {part}, {whole})").format(
            unit=figure.unit, part=part.unit, whole=whole.unit)
        return
    exponent = min(figure.value.as_tuple().exponent, 0)
    computed = (part.value / whole.value * 100).quantize(Decimal(1).scaleb(exponent))
    if computed != figure.value:
        yield loc, _("{share}% contradicts its parts: {part} / {whole} = {computed}%").format(
            share=plain_number(figure.value), part=plain_number(part.value), whole=plain_number(whole.value),
            computed=plain_number(computed))


def _check_counts(figures: list[Figure], loc: Loc, counted: dict[str, int]) -> Iterator[Finding]:
    """Check that figures which state a count agree with what the file lists."""
    for k, figure in enumerate(figures):
        if figure.counts is None:
            continue
        if figure.counts not in counted:
            yield (*loc, k, "counts"), _("{counts} cannot be counted here (expected one of {known})").format(
                counts=figure.counts, known=", ".join(counted))
        elif figure.listed is not None and counted[figure.counts] != figure.listed:
            yield (*loc, k, "listed"), _("says the file lists {listed} {counts} but it lists {actual}").format(
                listed=figure.listed, counts=figure.counts, actual=counted[figure.counts])
        elif figure.listed is None and Decimal(counted[figure.counts]) != figure.value:
            yield (*loc, k, "value"), _("states {value} {counts} but the file lists {actual} (if it describes only "
                                        "some of them, add listed: {actual})").format(
                value=plain_number(figure.value), counts=figure.counts, actual=counted[figure.counts])


def _check_unique(ids: list[str | None], loc: Loc, what: str) -> Iterator[Finding]:
    """Yield a finding for every repeated id, with the message `what` (a template of {ident})."""
    seen: set[str | None] = set()
    for k, ident in enumerate(ids):
        if ident is not None and ident in seen:
            yield (*loc, k), what.format(ident=ident)
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
                message = (_("data file id {ident!r} is also used in {place} ({field}); data file ids must be "
                             "unique across the data files (rename one, e.g. {example})") if what == "file" else
                           _("project id {ident!r} is also used in {place} ({field}); project ids must be "
                             "unique across the data files (rename one, e.g. {example})"))
                problems.append(yf.problem(loc, message.format(ident=ident, place=seen[0].place(seen[1]),
                                                               field=field_words(seen[1]),
                                                               example=f"{ident}_{_suffix(item)}")))
    return problems


def _ids(item: BaseModel) -> Iterator[tuple[str, str, Loc]]:
    """Yield (kind of id: file or project, id, location) of every id of a data file that must be unique across
    files."""
    if isinstance(item, Governance | Article):
        yield "file", item.id, ("id",)
    if isinstance(item, Governance):
        for i, project in enumerate(item.projects):
            yield "project", project.id, ("projects", i, "id")


def _suffix(item: BaseModel) -> str:
    """Return what tells this file's ids apart in a suggested new name: its year, else 2."""
    return str(item.year) if isinstance(item, Governance) else "2"

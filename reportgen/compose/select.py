"""What an audience may see: items above its classification, unselected articles and, for a batch profile,
other departments' projects are removed before composition, each removal recorded with its reason."""

from __future__ import annotations

from dataclasses import dataclass

from reportgen.compose.profile import Profile
from reportgen.inputs.model import Briefing, Governance, Project


@dataclass(frozen=True, slots=True)
class Dropped:
    """One item an audience does not receive, and why."""

    item: str  # where it sits in the data: zhejiang_2024.projects.education.achievements[1]
    label: str  # what a reader would recognise: a headline, a title, a figure
    reason: str  # classification | selection | batch | detail | deck length
    note: str


@dataclass(frozen=True, slots=True)
class Unit:
    """The data of one edition: all of it, or (batch department) one lead department's projects."""

    folder: str
    department: str
    projects: tuple[str, ...]
    briefing: Briefing
    dropped: tuple[Dropped, ...] = ()


def allowed(item: str, audience: str) -> bool:
    """Return whether an item classified `item` may reach an audience allowed `audience` (内部 sees 公开 too)."""
    return audience == "内部" or item == "公开"


def restrict(briefing: Briefing, profile: Profile) -> tuple[Briefing, list[Dropped]]:
    """Return the briefing without what `profile` may not see or did not select, and the list of removals."""
    drops = _missing_selection(briefing, profile)
    level = profile.classification
    governance = []
    for gov in briefing.governance:
        if not allowed(gov.classification, level):
            drops.append(_classified(gov.id, gov.title, gov.classification, level))
        else:
            governance.append(_restrict_governance(gov, level, drops))
    articles = []
    for article in briefing.articles:
        if not allowed(article.classification, level):
            drops.append(_classified(article.id, article.title, article.classification, level))
        elif profile.articles is not None and article.id not in profile.articles:
            drops.append(Dropped(article.id, article.title, "selection", "not in the profile's articles list"))
        else:
            articles.append(article)
    return briefing.model_copy(update={"governance": governance, "articles": articles}), drops


def units(briefing: Briefing, profile: Profile) -> list[Unit]:
    """Return the editions to compose: one with everything, or one per lead department for a batch profile."""
    if profile.batch is None:
        return [Unit("", "", (), briefing)]
    leads: dict[str, list[Project]] = {}
    for gov in briefing.governance:
        for project in gov.projects:
            leads.setdefault(project.lead, []).append(project)
    return [_department_unit(briefing, lead, [p.id for p in projects]) for lead, projects in leads.items()]


def _department_unit(briefing: Briefing, lead: str, ids: list[str]) -> Unit:
    """Return the unit of department `lead`: its own projects, the shared totals, every other item unchanged."""
    drops = [Dropped(f"{gov.id}.projects.{p.id}", p.name, "batch", f"led by {p.lead}, not {lead}")
             for gov in briefing.governance for p in gov.projects if p.id not in ids]
    governance = [gov.model_copy(update={"projects": [p for p in gov.projects if p.id in ids]})
                  for gov in briefing.governance]
    unit = briefing.model_copy(update={"governance": governance})
    return Unit(ids[0], lead, tuple(ids), unit, tuple(drops))


def _restrict_governance(gov: Governance, level: str, drops: list[Dropped]) -> Governance:
    """Return `gov` without the projects and achievement paragraphs above `level`."""
    projects = []
    for project in gov.projects:
        where = f"{gov.id}.projects.{project.id}"
        if not allowed(project.classification, level):
            drops.append(_classified(where, project.name, project.classification, level))
            continue
        kept = []
        for i, achievement in enumerate(project.achievements):
            if allowed(achievement.classification, level):
                kept.append(achievement)
            else:
                drops.append(_classified(f"{where}.achievements[{i}]", achievement.headline,
                                         achievement.classification, level))
        projects.append(project.model_copy(update={"achievements": kept}))
    return gov.model_copy(update={"projects": projects})


def _classified(item: str, label: str, classification: str, level: str) -> Dropped:
    return Dropped(item, label, "classification", f"marked {classification}; this audience receives {level} only")


def _missing_selection(briefing: Briefing, profile: Profile) -> list[Dropped]:
    """Return an audit entry for each article id the profile selects but the data does not have."""
    known = {a.id for a in briefing.articles}
    return [Dropped(ident, ident, "selection", "listed in the profile's articles but not in the data")
            for ident in profile.articles or () if ident not in known]

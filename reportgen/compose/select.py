"""What an audience may see: items above its classification and unselected articles are removed before
composition, each removal recorded as an Omission with its reason."""

from __future__ import annotations

from reportgen.compose.profile import Profile
from reportgen.document import Omission
from reportgen.inputs.model import Briefing, Governance


def allowed(item: str, audience: str) -> bool:
    """Return whether an item classified `item` may reach an audience allowed `audience` (内部 sees 公开 too)."""
    return audience == "内部" or item == "公开"


def restrict(briefing: Briefing, profile: Profile) -> tuple[Briefing, list[Omission]]:
    """Return the briefing without what `profile` may not see or did not select, and the list of removals."""
    omitted = _missing_selection(briefing, profile)
    level = profile.classification
    governance = []
    for gov in briefing.governance:
        if not allowed(gov.classification, level):
            omitted.append(_classified(gov.id, gov.title, gov.classification, level))
        else:
            governance.append(_restrict_governance(gov, level, omitted))
    articles = []
    for article in briefing.articles:
        if not allowed(article.classification, level):
            omitted.append(_classified(article.id, article.title, article.classification, level))
        elif isinstance(profile.articles, int) and len(articles) >= profile.articles:
            omitted.append(Omission(article.id, article.title, "selection",
                                    f"after the first {profile.articles} the profile's articles takes"))
        elif isinstance(profile.articles, list) and article.id not in profile.articles:
            omitted.append(Omission(article.id, article.title, "selection", "not in the profile's articles list"))
        else:
            articles.append(article)
    return briefing.model_copy(update={"governance": governance, "articles": articles}), omitted


def _restrict_governance(gov: Governance, level: str, omitted: list[Omission]) -> Governance:
    """Return `gov` without the projects and achievement paragraphs above `level`."""
    projects = []
    for project in gov.projects:
        where = f"{gov.id}.projects.{project.id}"
        if not allowed(project.classification, level):
            omitted.append(_classified(where, project.name, project.classification, level))
            continue
        kept = []
        for i, achievement in enumerate(project.achievements):
            if allowed(achievement.classification, level):
                kept.append(achievement)
            else:
                omitted.append(_classified(f"{where}.achievements[{i}]", achievement.headline,
                                         achievement.classification, level))
        projects.append(project.model_copy(update={"achievements": kept}))
    return gov.model_copy(update={"projects": projects})


def _classified(item: str, label: str, classification: str, level: str) -> Omission:
    return Omission(item, label, "classification", f"marked {classification}; this audience receives {level} only")


def _missing_selection(briefing: Briefing, profile: Profile) -> list[Omission]:
    """Return an audit entry for each article id the profile selects but the data does not have."""
    known = {a.id for a in briefing.articles}
    return [Omission(ident, ident, "selection", "listed in the profile's articles but not in the data")
            for ident in (profile.articles if isinstance(profile.articles, list) else ()) if ident not in known]

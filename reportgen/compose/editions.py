"""The editions of an audience: one with all the data it may see, or one per lead department for a batch profile."""

from __future__ import annotations

from dataclasses import dataclass

from reportgen.compose.profile import Profile
from reportgen.document import Document, Omission, WriterOptions
from reportgen.inputs.model import Briefing, Project
from reportgen.output import safe_name


@dataclass(frozen=True, slots=True)
class EditionData:
    """The data of one edition: all of it, or (batch department) one lead department's projects."""

    folder: str
    department: str
    projects: tuple[str, ...]
    briefing: Briefing
    omissions: tuple[Omission, ...] = ()


@dataclass(frozen=True)
class Edition:
    """One composed edition: its folder under OUT/<audience>/, a Document and WriterOptions per format, and what
    each format's document leaves out."""

    folder: str
    department: str
    documents: dict[str, Document]
    options: dict[str, WriterOptions]
    omissions: dict[str, tuple[Omission, ...]]


def editions_of(briefing: Briefing, profile: Profile) -> list[EditionData]:
    """Return the editions to compose: one with everything, or one per lead department for a batch profile."""
    if profile.batch is None:
        return [EditionData("", "", (), briefing)]
    leads: dict[str, list[Project]] = {}
    for gov in briefing.governance:
        for project in gov.projects:
            if project.lead:  # a project without a lead department is in no department's edition
                leads.setdefault(project.lead, []).append(project)
    return [_department_data(briefing, lead, [p.id for p in projects]) for lead, projects in leads.items()]


def _department_data(briefing: Briefing, lead: str, ids: list[str]) -> EditionData:
    """Return the data of department `lead`: its own projects, the shared totals, every other item unchanged."""
    omitted = [Omission(f"{gov.id}.projects.{p.id}", p.name, "batch", f"led by {p.lead}, not {lead}")
               for gov in briefing.governance for p in gov.projects if p.id not in ids]
    governance = [gov.model_copy(update={"projects": [p for p in gov.projects if p.id in ids]})
                  for gov in briefing.governance]
    data = briefing.model_copy(update={"governance": governance})
    return EditionData(safe_name(lead, "department"), lead, tuple(ids), data, tuple(omitted))

"""Meetings are data: data/meetings/<id>.yaml says who meets, when, where, and who gets which documents."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field

from reportgen.errors import DataError, Problem, UsageError
from reportgen.i18n import _
from reportgen.inputs.model import Date, Strict
from reportgen.inputs.problems import located, validate_file
from reportgen.inputs.yamlfile import Loc, YamlFile, dotted, read_yaml
from reportgen.settings import AUDIENCE_NAME

EMAIL = r"^[^@\s<>,;\"]+@[^@\s<>,;\"]+\.[A-Za-z0-9-]+$"
DOMAIN = r"^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$"  # at least two labels: gov.cn, not cn
#: Document name in a meeting file → the build format that makes it.
DOCUMENTS = {"briefing": "docx", "deck": "pptx"}


class Person(Strict):
    """Someone with a mailbox."""

    name: str = Field(min_length=1)
    email: str = Field(pattern=EMAIL)


class Recipient(Person):
    """One recipient of the meeting's materials, with an optional copy number (份号)."""

    copy_no: int | None = Field(None, alias="份号", ge=1, le=9999, description="份号: the numbered copy sent")
    internal: bool = Field(False, alias="内部", description="内部: true: cleared to receive 内部 documents")


class Meeting(Strict):
    """One meeting and the materials sent to its participants."""

    name: str = Field(min_length=1, description="Meeting name, e.g. 重点民生实事推进会")
    date: Date
    place: str = Field(min_length=1)
    audience: str = Field("full", pattern=AUDIENCE_NAME.pattern,
                          description="Audience profile whose documents are sent")
    documents: list[Literal["briefing", "deck"]] = Field(["deck", "briefing"], min_length=1)
    pdf: bool = Field(True, description="Add a PDF of each document")
    sender: Person | None = Field(None, description="From: of the e-mails (or --sender / REPORTGEN_SMTP_FROM)")
    subject: str | None = Field(None, description="E-mail subject; default: <name>会议材料")
    cleared_domains: list[Annotated[str, Field(pattern=DOMAIN)]] = Field(
        [], description="E-mail domains cleared for 内部 documents, e.g. [zj.gov.cn]; a domain clears its subdomains")
    recipients: list[Recipient] = Field(min_length=1)

    def cleared(self, recipient: Recipient) -> bool:
        """Return True when `recipient` may receive 内部 documents: marked 内部: true, or in a cleared domain."""
        domain = recipient.email.rsplit("@", 1)[1].lower()
        return recipient.internal or any(domain == d.lower() or domain.endswith(f".{d.lower()}")
                                         for d in self.cleared_domains)


@dataclass(frozen=True)
class MeetingFile:
    """A validated meeting and the file it came from; `id` is the file name without .yaml."""

    id: str
    path: Path
    meeting: Meeting
    source: YamlFile | None = None

    def problem(self, loc: Loc, message: str) -> Problem:
        """Return a problem of the meeting file at `loc`, with its line when known."""
        return Problem(self.path, self.source.line_of(loc) if self.source else None, dotted(loc), message)


def meetings_dir(data_dir: Path) -> Path:
    """Return the folder of meeting files of a data folder."""
    return data_dir / "meetings"


def list_meetings(data_dir: Path) -> list[str]:
    """Return the ids of the meeting files in data/meetings/."""
    folder = meetings_dir(data_dir)
    return sorted(p.stem for p in folder.glob("*.yaml")) if folder.is_dir() else []


def load_meeting(ref: str, data_dir: Path) -> MeetingFile:
    """Return the meeting named `ref` (an id in data/meetings/ or a path to a .yaml file); raise on any problem."""
    path = Path(ref)
    if not (path.suffix in (".yaml", ".yml") and path.is_file()):
        path = meetings_dir(data_dir) / f"{ref}.yaml"
    if not path.is_file():
        known = list_meetings(data_dir)
        if not known:
            raise UsageError(_("unknown meeting {ref!r} (expected one of: none in {folder})")
                             .format(ref=ref, folder=meetings_dir(data_dir)))
        raise UsageError(_("unknown meeting {ref!r} (expected one of: {known})")
                         .format(ref=ref, known=", ".join(known)))
    yf = read_yaml(path)
    if not isinstance(yf.data, dict):
        raise DataError([Problem(path, 1, "", _("expected a mapping of keys at the top of the file"))])
    meeting = validate_file(yf, Meeting)
    problems = yf.duplicates + located(yf, check_meeting(meeting))
    if problems:
        raise DataError(problems)
    return MeetingFile(path.stem, path, meeting, yf)


def check_meeting(meeting: Meeting) -> list[tuple[Loc, str]]:
    """Return (location, message) for each repeated document, e-mail address or copy number."""
    found: list[tuple[Loc, str]] = []
    for i, name in enumerate(meeting.documents):
        if name in meeting.documents[:i]:
            found.append((("documents", i), _("{name} is listed twice").format(name=name)))
    emails: dict[str, int] = {}
    copies: dict[int, int] = {}
    for i, person in enumerate(meeting.recipients):
        email = person.email.lower()
        if email in emails:
            found.append((("recipients", i, "email"),
                          _("{email} already receives as recipients[{index}]").format(email=person.email,
                                                                                       index=emails[email])))
        emails.setdefault(email, i)
        if person.copy_no is not None:
            if person.copy_no in copies:
                found.append((("recipients", i, "份号"),
                              _("份号 {copy_no} already given to recipients[{index}]")
                              .format(copy_no=person.copy_no, index=copies[person.copy_no])))
            copies.setdefault(person.copy_no, i)
    return found

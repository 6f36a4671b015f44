"""The validated outcome data: pydantic models for every data file kind."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema, model_validator

from reportgen.i18n import _
from reportgen.inputs.characters import REFUSED, refused_character
from reportgen.numbers import written_digits
from reportgen.units import UNIT_PATTERN, unit_problem

#: The characters text may not hold (see reportgen.inputs.characters), under the name the property tests use.
_ILLEGAL_XML = REFUSED
#: Longest text one field may hold: a long official paragraph is about 1,000 characters.
MAX_TEXT = 10_000
#: Most digits a figure may have written out in full (7097.67 has 6): more than any count or sum of money needs,
#: and few enough that every calculation and every wording keeps every digit.
MAX_DIGITS = 24


def _check_text(value: str) -> str:
    """Reject blank text, text longer than MAX_TEXT, control characters and invisible ones (refused_character);
    a carriage return (of a file saved on Windows) is a line break."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    if len(value) > MAX_TEXT:
        raise ValueError(_("text is {length:,} characters long; the limit is {limit:,} (split it into "
                           "paragraphs)").format(length=len(value), limit=MAX_TEXT))
    if not value.strip():
        raise ValueError(_("is blank (expected text)"))
    refused = refused_character(value)
    if refused:
        raise ValueError(refused)
    return value


def _check_digits(value: Decimal) -> Decimal:
    """Refuse a figure of more than MAX_DIGITS digits written out (5.704e999999999 has a billion)."""
    written = written_digits(value)
    if written > MAX_DIGITS:
        raise ValueError(_("{value} has {written:,} digits written out; a figure has at most {limit} digits (state "
                           "it in a larger unit, e.g. 亿元 instead of 元)").format(value=str(value)[:40],
                                                                                 written=written, limit=MAX_DIGITS))
    return value


def _check_unit(value: str) -> str:
    """Accept any unit as printed (reportgen.units): a unit word, optionally after a magnitude (万元, 万户)."""
    if problem := unit_problem(value):
        raise ValueError(problem)
    return value


Text = Annotated[str, Field(min_length=1), AfterValidator(_check_text)]


def _number_as_text(value: object) -> object:
    """Read an unquoted number where text is expected as the text it is (a keyword 12345)."""
    return str(value) if isinstance(value, (int, Decimal)) and not isinstance(value, bool) else value

Unit = Annotated[str, AfterValidator(_check_unit), WithJsonSchema({"type": "string", "pattern": UNIT_PATTERN,
    "description": "unit as printed after the number: 个, 户, 人次, 公里, 万元, % …"})]
Amount = Annotated[Decimal, Field(ge=0), AfterValidator(_check_digits)]
#: An id: letters (汉字 too), digits and _, starting with a letter (education, 教育, project_2).
SLUG_PATTERN = r"^[^\W\d_]\w*$"
#: The same for editors that check while typing (JSON Schema's regular expressions know no Unicode \w): no space,
#: no ASCII punctuation but _, not starting with a digit or _.
SLUG_SCHEMA = r"^[^\s\d_!-/:-@\[-`{-~][^\s!-/:-@\[-^`{-~]*$"
Slug = Annotated[str, Field(pattern=SLUG_PATTERN), WithJsonSchema({"type": "string", "pattern": SLUG_SCHEMA})]
#: A date as offices write it: 2025-01-20, 2025年1月20日, 2025.1.20, 2025/1/20 (full-width digits too).
_DATE = re.compile(r"^\s*(\d{4})\s*[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})\s*日?\s*$")


def _official_date(value: object) -> object:
    """Read a date written as offices write it (2025年1月20日, 2025.1.20) as the date; leave anything else to
    the date type, which says what is wrong."""
    if isinstance(value, str):
        found = _DATE.match(unicodedata.normalize("NFKC", value))
        if found:
            try:
                return dt.date(*(int(part) for part in found.groups()))
            except ValueError:
                raise ValueError(_("{value} is not a date of the calendar (check the month and the day)").format(
                    value=value.strip())) from None
    return value


Date = Annotated[dt.date, BeforeValidator(_official_date)]
Qualifier = Literal["余", "多", "超过", "超", "近", "约", "左右", "以上", "千余"]
Classification = Literal["公开", "内部"]


class Strict(BaseModel):
    """Base model: unknown keys are errors, values are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Change(Strict):
    """What a figure that is a change compares with, and which way it went (同比上升6.11%)."""

    basis: Text = Field(description="What it compares with, as the source says it: 同比, 环比, 较上月, 比年度计划 …")
    direction: Literal["up", "down", "flat"] = Field(description="up: 增长/上升/提高/增加; down: 下降/减少; flat: 持平")


class Figure(Strict):
    """One number as the source states it: value, unit and qualifier (7100余个, 超过90%)."""

    id: Slug | None = Field(None, description="Needed only when another figure refers to this one")
    label: Text = Field(description="What is counted, e.g. 查处群众身边腐败和作风问题")
    value: Amount = Field(description="The number as written in the source (14.8 for 14.8亿元)")
    unit: Unit = Field(description="个, 人, 万元, 亿元, % …")
    qualifier: Qualifier | None = Field(None, description="余, 超过, 多 … exactly as the source says")
    share_of: tuple[Slug, Slug] | None = Field(
        None, description="ids of (part, whole): this percentage is checked against part/whole")
    target: Amount | None = Field(None, description="A goal in the same unit (80 for 80%)")
    counts: Literal["projects", "departments", "groups", "measures", "items"] | None = Field(
        None, description="This figure states how many of these the file lists; checked when loading")
    listed: int | None = Field(None, ge=0, description="With counts: the file lists only this many of them "
                                                       "(10件, of which 9 are described)")
    plan: Amount | None = Field(None, description="The planned amount in the same unit, as the source states it")
    change: Change | None = Field(None, description="This figure is a change: against what, and which way")

    @model_validator(mode="after")
    def _qualifier_fits(self) -> Figure:
        if self.qualifier == "千余" and self.value != 1000:
            raise ValueError(_("qualifier 千余 needs value 1000 (got {value})").format(value=self.value))
        if self.listed is not None and self.counts is None:
            raise ValueError(_("listed needs counts: say what the file lists (counts: projects, items …)"))
        if self.listed is not None and self.listed > self.value:
            raise ValueError(_("listed {listed} is more than the {value} this figure states").format(
                listed=self.listed, value=self.value))
        return self


class Achievement(Strict):
    """One paragraph of results: its headline sentence (when the source gives one), the text, and every figure in
    either."""

    headline: Text | None = Field(None, description="The paragraph's bold opening sentence, when the source has one")
    text: Text
    figures: list[Figure] = []
    classification: Classification = "公开"


class Project(Strict):
    """One special-governance project and its lead department."""

    id: Slug
    name: Text
    lead: Text | None = Field(None, description="Lead department (牵头单位), when the source names one")
    lead_stated: bool = Field(True, description="False when the source page does not print the lead department")
    status: Text | None = Field(None, description="The item's state in the source's words: 按计划完成, 已建成投用 …")
    achievements: list[Achievement] = Field(min_length=1)
    classification: Classification = "公开"

    @property
    def figures(self) -> list[Figure]:
        """Every figure of every achievement, in order. Read-only."""
        return [f for a in self.achievements for f in a.figures]


class ChartRequest(Strict):
    """A chart the data asks for: two or more figures of the file, by id, in units that share an axis."""

    title: Text
    figures: list[Slug] = Field(min_length=2, description="ids of the figures to compare (any in the file)")
    labels: list[Text] | None = Field(None, description="A category label per figure; default: the figures' labels")
    kind: Literal["barh", "bar"] = Field("barh", description="barh: horizontal bars; bar: columns")
    sort: Literal["given", "descending"] = "given"


class Governance(Strict):
    """A year of special governance: overall figures, working mechanism and projects."""

    kind: Literal["governance"]
    id: Slug
    title: Text
    headline: Text | None = None
    source: Text | None = Field(None, description="Who published the report, as the source line names it")
    source_address: Text | None = Field(None, description="Where the report is published (a web address)")
    source_date: Date | None = Field(None, description="When the report was published")
    year: int = Field(ge=1949, le=2100)
    intro: list[Text] = []
    mechanism: list[Text] = []
    totals: list[Figure] = []
    figures: list[Figure] = []
    projects: list[Project] = Field(min_length=1)
    charts: list[ChartRequest] = Field([], description="Charts to draw besides those the data's shape gives")
    classification: Classification = "公开"

    @property
    def has_overview(self) -> bool:
        """Whether the file says anything about the whole (totals, headline, mechanism or intro). Read-only."""
        return bool(self.totals or self.headline or self.mechanism or self.intro)

    def figure(self, ident: str) -> Figure | None:
        """Return the figure of this file with id `ident` (totals, figures, then the projects'), or None."""
        everything = [*self.totals, *self.figures, *(f for p in self.projects for f in p.figures)]
        return next((f for f in everything if f.id == ident), None)


class Measure(Strict):
    """One measure of an article, with an optional short name (宽严相济)."""

    name: Text | None = None
    text: Text


class Group(Strict):
    """A group of measures under one heading (a direction, an area)."""

    key: Text | None = Field(None, description="Short key such as 惩, 防, 管")
    heading: Text
    measures: list[Measure] = Field(min_length=1)


class Article(Strict):
    """A news item: title, source, lead paragraphs, grouped measures, figures and listed items."""

    kind: Literal["article"]
    id: Slug
    title: Text
    subtitle: Text | None = None
    source: Text
    summary: list[Text] = Field(min_length=1)
    groups: list[Group] = []
    items_heading: Text | None = None
    items: list[Text] = []
    figures: list[Figure] = []
    closing: list[Text] = []
    classification: Classification = "公开"

    @property
    def has_named_parts(self) -> bool:
        """Whether its groups carry keys (惩, 防, 管) or its measures names: such an article reads well as cards."""
        return any(g.key for g in self.groups) or any(m.name for g in self.groups for m in g.measures)


class Distribution(Strict):
    """The 报尾 lines of the bulletin, as the office distributes it: 报 (to superiors), 送 (to peers), 发 (to
    subordinates), 本期增发 (this issue only)."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)  # 报 or report_to
    report_to: list[Text] = Field([], alias="报")
    send_to: list[Text] = Field([], alias="送")
    issue_to: list[Text] = Field([], alias="发")
    extra: list[Text] = Field([], alias="本期增发")


class BriefingMeta(Strict):
    """The bulletin itself: title, issuing office, issue number and date."""

    kind: Literal["briefing"]
    title: Text
    issuer: Text = Field(description="编印单位")
    bulletin: Text | None = Field(None, description="The bulletin's name in the masthead: 专项治理工作简报, 民生实事工作简报 …")
    recipients: Distribution = Field(Distribution(), description="The 报尾 lines: 报, 送, 发, 本期增发")
    issue: int | None = Field(None, ge=1, description="第×期; none for a report without issue numbers")
    issue_total: int | None = Field(None, ge=1, description="总第×期")
    date: Date
    keywords: list[Annotated[Text, BeforeValidator(_number_as_text)]] = []
    region: Text | None = Field(None, description="Where the work is done, as the text names it: 万州区, 昌吉市, 浙江省")
    level: Text | None = Field(None, description="The region's level in one character: 省, 市, 州, 县, 区 …")
    program: Text | None = Field(None, description="What the work is called: 民生实事, 专项治理, 12345热线 …")


class Briefing(Strict):
    """Everything in the data folder, validated and cross-checked."""

    meta: BriefingMeta
    governance: list[Governance]
    articles: list[Article]

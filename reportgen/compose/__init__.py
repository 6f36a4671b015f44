"""Compose a format-neutral Document from the Briefing and an audience profile."""

from __future__ import annotations

from dataclasses import dataclass

from reportgen.compose.audit import unshown
from reportgen.compose.environment import make_environment, render_section
from reportgen.charts.spec import ChartSpec
from reportgen.charts.specs import chart_functions
from reportgen.compose.markup import BlockRef, Heading, block_ref, escape_value, parse_markup
from reportgen.compose.profile import Profile, fill_placeholders
from reportgen.compose.select import Dropped, restrict, units
from reportgen.document import Block, Chart, Document, Meta, Paragraph, Run, Section, SlideLayout, Table
from reportgen.errors import TemplateError
from reportgen.inputs.model import Briefing, Figure
from reportgen.numbers import chinese_date, figure_text, heading_number
from reportgen.resources import Locator


class _Blocks:
    """The non-text blocks a composition creates, placed in the markup by template helpers."""

    def __init__(self, chart_theme: str = "official") -> None:
        self.blocks: list[Block] = []
        self.chart_theme = chart_theme
        self.tables = 0
        self.charts = 0

    def add(self, block: Block) -> str:
        self.blocks.append(block)
        return block_ref(len(self.blocks) - 1)

    def table(self, figures: list[Figure], caption: str, source: str = "", tiles: bool = False) -> str:
        """Place a 指标 / 数值 table of `figures`, numbered in document order."""
        self.tables += 1
        rows = tuple((f.label, figure_text(f)) for f in figures)
        return self.add(Table(caption, ("指标", "数值"), rows, self.tables, source, tiles))

    def kpis(self, figures: list[Figure], caption: str, source: str = "") -> str:
        """Place headline figures: tiles on a slide, a numbered table in the briefing."""
        return self.table(figures, caption, source, tiles=True)

    def chart(self, spec: ChartSpec | None, caption: str = "") -> str:
        """Place a chart (nothing when `spec` is None), its caption numbered 图1, 图2 … in document order."""
        if spec is None:
            return BlockRef("")
        self.charts += 1
        return self.add(Chart(spec, caption or spec.title, self.charts, spec.source, self.chart_theme))

    def chart(self, spec: ChartSpec | None, caption: str = "") -> str:
        """Place a chart (nothing when `spec` is None), its caption numbered 图1, 图2 … in document order."""
        if spec is None:
            return BlockRef("")
        self.charts += 1
        return self.add(Chart(spec, caption or spec.title, self.charts, spec.source, self.chart_theme))

    def source(self, text: str) -> str:
        """Place a source line: （来源：新华社）."""
        return self.add(Paragraph((Run(f"（来源：{text}）"),), role="source"))

    def notes(self, text: str = "", caller=None) -> str:
        """Place speaker notes: `text`, or the markup of a ``{% call notes() %}`` block, one paragraph a line."""
        markup = caller() if caller else escape_value(text)
        paragraphs = [item.text for item in parse_markup(markup, []) if isinstance(item, Paragraph)]
        return self.add(Paragraph((Run("\n".join(paragraphs)),), role="note"))

    def layout(self, name: str) -> str:
        """Ask for the slide layout `name` for the slide this stands in (deck templates only)."""
        return self.add(SlideLayout(name))

    def helpers(self) -> dict:
        return {"table": self.table, "kpis": self.kpis, "chart": self.chart, "source": self.source,
                "notes": self.notes, "layout": self.layout}


@dataclass(frozen=True)
class Edition:
    """One edition of an audience: its folder under OUT/<audience>/, a Document per format, what it left out."""

    folder: str
    department: str
    documents: dict[str, Document]
    dropped: dict[str, tuple[Dropped, ...]]  # format → items that format's document does not show


def compose_audience(briefing: Briefing, profile: Profile, locator: Locator) -> list[Edition]:
    """Return the editions of `profile`: one, or one per lead department for a batch profile."""
    restricted, removed = restrict(briefing, profile)
    editions = []
    for unit in units(restricted, profile):
        documents, dropped = {}, {}
        for fmt, detail in (("docx", profile.detail), ("pptx", profile.deck_detail)):
            compose = compose_document if fmt == "docx" else compose_deck
            document = compose(unit.briefing, profile, locator, detail=detail, department=unit.department,
                               project=_names(unit))
            templates = profile.sections if fmt == "docx" else profile.slides
            note = f"not shown at detail level {detail!r} in {', '.join(templates)}"
            documents[fmt] = document
            dropped[fmt] = (*removed, *unit.dropped, *unshown(unit.briefing, document, note))
        editions.append(Edition(unit.folder, unit.department, documents, dropped))
    return editions


def _names(unit) -> str:
    """Return the names of a unit's projects, joined with 、 (empty for a whole-data unit)."""
    return "、".join(p.name for g in unit.briefing.governance for p in g.projects if p.id in unit.projects)


def compose_document(briefing: Briefing, profile: Profile, locator: Locator, *, detail: str | None = None,
                     department: str = "", project: str = "") -> Document:
    """Return the briefing Document for `profile` at `detail` (default: the profile's): sections rendered, numbered.

    `department` and `project` fill the {department} and {project} placeholders of a batch edition.
    """
    return _compose(briefing, profile, locator, "sections", profile.sections, detail, department, project)


def compose_deck(briefing: Briefing, profile: Profile, locator: Locator, *, detail: str | None = None,
                 department: str = "", project: str = "") -> Document:
    """Return the deck Document for `profile`: each ``#`` of its slide templates is a slide, each ``##`` a card."""
    return _compose(briefing, profile, locator, "slides", profile.slides, detail, department, project)


def _compose(briefing: Briefing, profile: Profile, locator: Locator, folder: str, names: list[str],
             detail: str | None, department: str, project: str) -> Document:
    """Render the templates `names` of `folder` and parse their markup into a Document (slides unnumbered)."""
    env = make_environment(locator, folder)
    placed = _Blocks(profile.chart_theme)
    context = {
        "meta": briefing.meta,
        "governance": briefing.governance,
        "articles": briefing.articles,
        "profile": profile,
        "detail": detail or profile.detail,
        "department": department,
        **placed.helpers(),
        **chart_functions(),
    }
    items: list = []
    for name in names:
        items.extend(parse_markup(render_section(env, profile.name, name, context, folder), placed.blocks))
    values = {"department": department, "project": project}
    meta = briefing.meta
    return Document(
        Meta(
            title=fill_placeholders(profile.title, values) if profile.title else meta.title,
            bulletin=profile.bulletin,
            issuer=meta.issuer,
            issue=meta.issue,
            issue_total=meta.issue_total,
            date=meta.date,
            date_text=chinese_date(meta.date),
            audience=profile.name,
            style=profile.style,
            keywords=tuple(meta.keywords),
            mark=profile.mark or "",
            recipients=_recipient_lines(profile, values),
            copies=profile.copies,
            chart_theme=profile.chart_theme,
            deck_notes=profile.deck.notes,
            deck_max_slides=profile.deck.max_slides,
            reference_docx=_reference(locator, profile.reference.docx),
            reference_pptx=_reference(locator, profile.reference.pptx),
            fonts=tuple(profile.fonts.items()),
        ),
        build_sections(items, numbered=folder == "sections"),
    )


def _reference(locator: Locator, name: str | None) -> str:
    """Return `name` ("" when none is named) once the reference file is found through the template roots and is a
    usable Office file. The document keeps the name, not the path, so that a worker on another machine finds the
    file among the templates sent to it."""
    from reportgen.safezip import check_reference

    if name is None:
        return ""
    path = locator.find(name)
    if path is None:
        raise TemplateError(f"reference file {name!r} not found in " + ", ".join(str(r) for r in locator.roots))
    check_reference(path)
    return name


def _recipient_lines(profile: Profile, values: dict[str, str]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Return the profile's non-empty 报尾 lines in their fixed order: 报, 送, 发, 本期增发."""
    r = profile.recipients
    lines = (("报", r.report_to), ("送", r.send_to), ("发", r.issue_to), ("本期增发", r.extra))
    return tuple((label, tuple(fill_placeholders(n, values) for n in names)) for label, names in lines if names)


def build_sections(items: list, numbered: bool = True) -> tuple[Block, ...]:
    """Return blocks nested under sections, numbering each level from 1 within its parent when `numbered`."""
    root: list = []
    stack: list[tuple[int, list, str, str]] = []  # (level, blocks, number, title)
    counters = [0] * 5

    def close_to(level: int) -> None:
        while stack and stack[-1][0] >= level:
            lvl, blocks, number, title = stack.pop()
            section = Section(lvl, number, title, tuple(blocks))
            (stack[-1][1] if stack else root).append(section)

    for item in items:
        if isinstance(item, Heading):
            close_to(item.level)
            counters[item.level] += 1
            counters[item.level + 1:] = [0] * (4 - item.level)
            number = heading_number(counters[item.level], item.level) if numbered else ""
            stack.append((item.level, [], number, item.title))
        else:
            (stack[-1][1] if stack else root).append(item)
    close_to(1)
    return tuple(root)

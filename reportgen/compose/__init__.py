"""Compose a format-neutral Document from the Briefing and an audience profile."""

from __future__ import annotations

from reportgen.compose.audit import not_shown
from reportgen.compose.environment import make_environment, section_markup
from reportgen.charts.spec import ChartSpec
from reportgen.charts.specs import chart_functions
from reportgen.compose.markup import BlockRef, Heading, block_ref, escape_value, parse_markup
from reportgen.compose.profile import Profile, fill_placeholders
from reportgen.compose.editions import Edition, EditionData, editions_of
from reportgen.compose.select import restrict
from reportgen.document import (
    Block, Chart, Document, DocumentMeta, Paragraph, Run, Section, SlideLayout, Table, WriterOptions,
)
from reportgen.inputs.model import Briefing, Distribution, Figure
from reportgen.numbers import chinese_date, figure_text, heading_number
from reportgen.references import References
from reportgen.resources import Locator


#: What templates call the work when the data does not say (`program:` in the briefing file).
DEFAULT_PROGRAM = "重点工作"


class TemplateHelpers:
    """The helpers templates call (table, kpis, chart, source, notes, layout): each places a non-text block and
    returns its reference in the markup."""

    def __init__(self, chart_theme: str = "official") -> None:
        self.blocks: list[Block] = []
        self.chart_theme = chart_theme
        self.tables = 0
        self.charts = 0

    def add(self, block: Block) -> str:
        self.blocks.append(block)
        return block_ref(len(self.blocks) - 1)

    def table(self, figures: list[Figure], caption: str, source: str | None = "", tiles: bool = False) -> str:
        """Place a 指标 / 数值 table of `figures`, numbered in document order."""
        self.tables += 1
        rows = tuple((f.label, figure_text(f)) for f in figures)
        return self.add(Table(caption, ("指标", "数值"), rows, self.tables, source or "", tiles))

    def kpis(self, figures: list[Figure], caption: str, source: str | None = "") -> str:
        """Place headline figures: tiles on a slide, a numbered table in the briefing."""
        return self.table(figures, caption, source, tiles=True)

    def chart(self, spec: ChartSpec | None, caption: str = "") -> str:
        """Place a chart (nothing when `spec` is None), its caption numbered 图1, 图2 … in document order."""
        if spec is None:
            return BlockRef("")
        self.charts += 1
        return self.add(Chart(spec, caption or spec.title, self.charts, spec.source, self.chart_theme))

    def source(self, text: str | None) -> str:
        """Place a source line: （来源：新华社）; nothing when there is no source."""
        if not text:
            return BlockRef("")
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
        """Return the helpers by the names templates call them."""
        return {"table": self.table, "kpis": self.kpis, "chart": self.chart, "source": self.source,
                "notes": self.notes, "layout": self.layout}


def compose_all(briefing: Briefing, profiles: list[Profile], locator: Locator,
                references: References) -> list[tuple[Profile, list[Edition]]]:
    """Return each audience profile of `profiles` with its composed editions; all are composed before any file is
    written, so a template error writes nothing."""
    return [(profile, compose_audience(briefing, profile, locator, references)) for profile in profiles]


def compose_audience(briefing: Briefing, profile: Profile, locator: Locator,
                     references: References) -> list[Edition]:
    """Return the editions of `profile`: one, or one per lead department for a batch profile, each with its
    Document, WriterOptions and omissions per format."""
    restricted, withheld = restrict(briefing, profile)
    options = writer_options(profile, references)
    editions = []
    for data in editions_of(restricted, profile):
        documents, omissions = {}, {}
        for fmt, detail in (("docx", profile.detail), ("pptx", profile.deck_detail)):
            compose = compose_document if fmt == "docx" else compose_deck
            document = compose(data.briefing, profile, locator, detail=detail, department=data.department,
                               project=_names(data))
            templates = profile.sections if fmt == "docx" else profile.slides
            note = f"not shown at detail level {detail!r} in {', '.join(templates)}"
            documents[fmt] = document
            omissions[fmt] = (*withheld, *data.omissions, *not_shown(data.briefing, document, note))
        editions.append(Edition(data.folder, data.department, documents, options, omissions))
    return editions


def writer_options(profile: Profile, references: References) -> dict[str, WriterOptions]:
    """Return the WriterOptions of `profile` by format: its reference files (read once), fonts and deck settings."""
    docx, pptx = profile.reference.docx, profile.reference.pptx
    return {
        "docx": WriterOptions(references.named(docx) if docx else references.user_default("docx", profile.style),
                              references.shipped("docx", profile.style), fonts=tuple(profile.fonts.items()),
                              chart_pictures=profile.charts == "picture"),
        "pptx": WriterOptions(references.named(pptx) if pptx else references.user_default("pptx"),
                              references.shipped("pptx"), notes=profile.deck.notes,
                              max_slides=profile.deck.max_slides),
    }


def _names(data: EditionData) -> str:
    """Return the names of an edition's projects, joined with 、 (empty for a whole-data edition)."""
    return "、".join(p.name for g in data.briefing.governance for p in g.projects if p.id in data.projects)


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
    placed = TemplateHelpers(profile.chart_theme)
    context = {
        "meta": briefing.meta,
        "governance": briefing.governance,
        "articles": briefing.articles,
        "profile": profile,
        "detail": detail or profile.detail,
        "program": briefing.meta.program or DEFAULT_PROGRAM,
        "department": department,
        **placed.helpers(),
        **chart_functions(),
    }
    items: list = []
    for name in names:
        items.extend(parse_markup(section_markup(env, profile.name, name, context, folder), placed.blocks))
    meta = briefing.meta
    values = {"department": department, "project": project, "program": meta.program or "",
              "region": meta.region or "", "bulletin": meta.bulletin or f"{meta.program or ''}工作简报"}
    return Document(
        DocumentMeta(
            title=fill_placeholders(profile.title, values) if profile.title else meta.title,
            bulletin=fill_placeholders(profile.bulletin, values),
            issuer=meta.issuer,
            issue=meta.issue,
            issue_total=meta.issue_total,
            date=meta.date,
            date_text=chinese_date(meta.date),
            audience=profile.name,
            style=profile.style,
            keywords=tuple(meta.keywords),
            mark=profile.mark or "",
            recipients=_recipient_lines(profile, meta.recipients, values),
            copies=profile.copies,
        ),
        build_sections(items, numbered=folder == "sections"),
    )


def _recipient_lines(profile: Profile, data: Distribution,
                     values: dict[str, str]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Return the non-empty 报尾 lines in their fixed order (报, 送, 发, 本期增发): each the profile's, or the data's
    where the profile leaves the line out."""
    r = profile.recipients
    lines = [(label, data_names if names is None else names) for label, names, data_names in (
        ("报", r.report_to, data.report_to), ("送", r.send_to, data.send_to), ("发", r.issue_to, data.issue_to),
        ("本期增发", r.extra, data.extra))]
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

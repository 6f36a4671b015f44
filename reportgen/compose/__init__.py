"""Compose a format-neutral Document from the Briefing and an audience profile."""

from __future__ import annotations

from reportgen.compose.environment import make_environment, render_section
from reportgen.compose.markup import BlockRef, Heading, block_ref, parse_markup
from reportgen.compose.profile import Profile
from reportgen.charts.spec import ChartSpec
from reportgen.charts.specs import chart_functions
from reportgen.document import Block, Chart, Document, Meta, Paragraph, Run, Section, Table
from reportgen.inputs.model import Briefing, Figure
from reportgen.numbers import chinese_date, chinese_ordinal, figure_text
from reportgen.resources import Locator

HEADING_NUMBERS = {
    1: lambda n: f"{chinese_ordinal(n)}、",
    2: lambda n: f"（{chinese_ordinal(n)}）",
    3: lambda n: f"{n}.",
    4: lambda n: f"（{n}）",
}


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

    def source(self, text: str) -> str:
        """Place a source line: （来源：新华社）."""
        return self.add(Paragraph((Run(f"（来源：{text}）"),), role="source"))

    def helpers(self) -> dict:
        return {"table": self.table, "kpis": self.kpis, "chart": self.chart, "source": self.source}


def compose_document(briefing: Briefing, profile: Profile, locator: Locator) -> Document:
    """Return the Document for `profile`: every section template rendered, parsed and numbered."""
    env = make_environment(locator)
    placed = _Blocks(profile.style)
    context = {
        "meta": briefing.meta,
        "governance": briefing.governance,
        "articles": briefing.articles,
        "profile": profile,
        **placed.helpers(),
        **chart_functions(),
    }
    items: list = []
    for name in profile.sections:
        items.extend(parse_markup(render_section(env, profile.name, name, context), placed.blocks))
    meta = briefing.meta
    return Document(
        Meta(
            title=meta.title,
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
            recipients=_recipient_lines(profile),
            copies=profile.copies,
        ),
        build_sections(items),
    )


def _recipient_lines(profile: Profile) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Return the profile's non-empty 报尾 lines in their fixed order: 报, 送, 发, 本期增发."""
    r = profile.recipients
    lines = (("报", r.report_to), ("送", r.send_to), ("发", r.issue_to), ("本期增发", r.extra))
    return tuple((label, tuple(names)) for label, names in lines if names)


def build_sections(items: list) -> tuple[Block, ...]:
    """Return blocks nested under numbered sections, numbering each level from 1 within its parent."""
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
            stack.append((item.level, [], HEADING_NUMBERS[item.level](counters[item.level]), item.title))
        else:
            (stack[-1][1] if stack else root).append(item)
    close_to(1)
    return tuple(root)

"""The format-neutral document: what composition produces and every writer consumes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

from reportgen.charts.spec import ChartSpec

Role = Literal["body", "source", "note"]


@dataclass(frozen=True, slots=True)
class Run:
    """A piece of text with one emphasis."""

    text: str
    strong: bool = False


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph of runs; `role` names its purpose (body text, a source line, a note)."""

    runs: tuple[Run, ...]
    role: Role = "body"

    @property
    def text(self) -> str:
        """The paragraph's plain text. Read-only."""
        return "".join(r.text for r in self.runs)

    @property
    def lead(self) -> str:
        """The leading strong run (a paragraph's headline), or "". Read-only."""
        return self.runs[0].text if self.runs and self.runs[0].strong else ""


@dataclass(frozen=True, slots=True)
class BulletList:
    """A list of short items."""

    items: tuple[str, ...]


def numbered(word: str, number: int, caption: str) -> str:
    """Return a caption with its number (表1 …, 图2 …), or the caption alone when unnumbered (0)."""
    return f"{word}{number} {caption}" if number else caption


@dataclass(frozen=True, slots=True)
class Table:
    """A table with a numbered caption, a header row and text cells; `tiles` asks for headline-figure tiles."""

    caption: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    number: int = 0
    source: str = ""
    tiles: bool = False

    @property
    def title(self) -> str:
        """The caption with its number: 表1 ……. Read-only."""
        return numbered("表", self.number, self.caption)


@dataclass(frozen=True, slots=True)
class Chart:
    """A chart: its spec (pure data, drawn by each writer), a numbered caption, its source and chart theme."""

    spec: ChartSpec
    caption: str
    number: int = 0
    source: str = ""
    theme: str = "official"

    @property
    def title(self) -> str:
        """The caption with its number: 图1 ……. Read-only."""
        return numbered("图", self.number, self.caption)


@dataclass(frozen=True, slots=True)
class Section:
    """A numbered heading and everything under it, sub-sections included."""

    level: int
    number: str
    title: str
    blocks: tuple[Block, ...] = ()

    @property
    def heading(self) -> str:
        """The heading as printed: number and title (一、总体情况). Read-only."""
        return f"{self.number}{self.title}"

    @property
    def children(self) -> tuple[Section, ...]:
        """The direct sub-sections. Read-only."""
        return tuple(b for b in self.blocks if isinstance(b, Section))


@dataclass(frozen=True, slots=True)
class SlideLayout:
    """A deck template's request for a named slide layout (Agenda, Closing …) for the slide it stands in."""

    name: str


Block = Section | Paragraph | BulletList | Table | Chart | SlideLayout


@dataclass(frozen=True, slots=True)
class DocumentMeta:
    """What a document says about itself: title, masthead, issue and date, style, 报尾."""

    title: str
    bulletin: str
    issuer: str
    issue: int | None  # 第×期; None for a report without issue numbers
    date: dt.date
    date_text: str
    audience: str
    style: str = "official"
    issue_total: int | None = None
    keywords: tuple[str, ...] = ()
    mark: str = ""
    recipients: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (("报", ("省委办公厅", …)), ("送", …), …)
    copies: int | None = None


@dataclass(frozen=True, slots=True)
class Omission:
    """One item an audience does not receive, and why."""

    item: str  # where it sits in the data: zhejiang_2024.projects.education.achievements[1]
    label: str  # what a reader would recognise: a headline, a title, a figure
    reason: str  # classification | selection | batch | detail | deck length
    note: str


@dataclass(frozen=True, slots=True)
class Reference:
    """An Office reference file, read once: where it was found (for messages) and its bytes."""

    name: str
    content: bytes


@dataclass(frozen=True, slots=True)
class WriterOptions:
    """What a writer needs besides the document, resolved before any writer runs: it looks nothing up itself."""

    reference: Reference  # styles and page setup (docx) or layouts (pptx) come from here
    shipped: Reference  # the shipped reference of the same kind: fills what `reference` lacks
    fonts: tuple[tuple[str, str], ...] = ()  # docx: font-role overrides of the audience: (("body", "仿宋"), …)
    chart_pictures: bool = False  # docx: charts as matplotlib pictures instead of native charts
    notes: bool = True  # pptx: put full paragraphs into the speaker notes
    max_slides: int | None = None  # pptx: the deck keeps at most this many slides


@dataclass(frozen=True, slots=True)
class Document:
    """A composed briefing: metadata and a tree of blocks."""

    meta: DocumentMeta
    blocks: tuple[Block, ...] = field(default_factory=tuple)

    def walk(self) -> Iterator[Block]:
        """Yield every block, depth first, sections before their contents."""
        stack = list(reversed(self.blocks))
        while stack:
            block = stack.pop()
            yield block
            if isinstance(block, Section):
                stack.extend(reversed(block.blocks))

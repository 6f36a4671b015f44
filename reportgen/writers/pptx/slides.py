"""The planned deck as data: one small record per layout, each with the text, sizes and rectangles it draws.

Nothing here refers to python-pptx; the drawing code reads these records and decides nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from reportgen.document import Chart, Run, Table
from reportgen.writers.pptx.geometry import Rect


@dataclass(frozen=True, slots=True)
class Text:
    """Paragraphs for one text box at one explicit size; `bullets` marks them as a bulleted list."""

    paragraphs: tuple[tuple[Run, ...], ...]
    size: int
    bullets: bool = False

    @property
    def plain(self) -> tuple[str, ...]:
        """The paragraphs' plain texts. Read-only."""
        return tuple("".join(r.text for r in p) for p in self.paragraphs)


@dataclass(frozen=True, slots=True)
class Card:
    """A titled group of bullets drawn as a card."""

    title: str
    body: Text
    title_size: int = 16


@dataclass(frozen=True, slots=True)
class PlacedCard:
    """A card and where it goes: its title bar and, under it, its body panel."""

    card: Card
    bar: Rect
    panel: Rect


@dataclass(frozen=True, slots=True)
class PlacedTile:
    """A headline figure and where it goes: the tile, its value box and its label box."""

    label: str
    value: str
    rect: Rect
    value_rect: Rect
    label_rect: Rect


@dataclass(frozen=True, slots=True)
class PlacedTable:
    """A 指标/数值 table (part) at one size, its rectangle and its two column widths (points)."""

    table: Table
    size: int
    rect: Rect
    widths: tuple[float, float]


@dataclass(frozen=True, slots=True)
class SourceLine:
    """The 来源 line of a slide and its rectangle."""

    text: str
    rect: Rect


@dataclass(frozen=True, kw_only=True)
class SlidePlan:
    """What every slide has: a title, speaker notes and an optional source line."""

    layout: ClassVar[str]  # the reference layout the slide is drawn in
    title: Text
    notes: str = ""
    source: SourceLine | None = None


@dataclass(frozen=True, kw_only=True)
class TextSlide(SlidePlan):
    """A title and an optional body in the placeholders of `layout` (Title Slide, Agenda, Section Header …)."""

    layout: str
    body: Text | None = None


@dataclass(frozen=True, kw_only=True)
class KpiSlide(SlidePlan):
    """Headline-figure tiles, values and labels at one size each, and an optional summary in the body."""

    layout: ClassVar[str] = "KPI Overview"
    body: Text | None = None
    tiles: tuple[PlacedTile, ...] = ()
    value_size: int = 0
    label_size: int = 0


@dataclass(frozen=True, kw_only=True)
class CardsSlide(SlidePlan):
    """Cards in a grid, and an optional lead line above them in the body."""

    layout: ClassVar[str] = "Cards"
    body: Text | None = None
    cards: tuple[PlacedCard, ...] = ()


@dataclass(frozen=True, kw_only=True)
class TwoContentSlide(SlidePlan):
    """Bullets in the left body, a table over the right one; either may be absent on a continuation slide."""

    layout: ClassVar[str] = "Two Content"
    body: Text | None = None
    table: PlacedTable | None = None


@dataclass(frozen=True, kw_only=True)
class TableSlide(SlidePlan):
    """A table over the body."""

    layout: ClassVar[str] = "Title and Content"
    table: PlacedTable


@dataclass(frozen=True, kw_only=True)
class ChartSlide(SlidePlan):
    """A native chart in `rect` (the body's rectangle); its caption is the title."""

    layout: ClassVar[str] = "Chart"
    chart: Chart
    rect: Rect


@dataclass(frozen=True)
class DeckPlan:
    """The slides the deck keeps, and those beyond its length (left out, recorded as omissions)."""

    slides: tuple[SlidePlan, ...]
    left_out: tuple[SlidePlan, ...] = ()

"""Plan the deck: turn a Document into slide plans (pure data, no python-pptx)."""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from itertools import zip_longest

from reportgen.document import Block, BulletList, Chart, Document, Paragraph, Section, Table

BODY_LINES = 11  # wrapped lines of body text a slide holds at the body size
BODY_UNITS = 40  # full-width characters in a full-width body line; half of it beside a table
TABLE_LINES = 9  # wrapped table lines (header included) a slide holds at the table size
TABLE_UNITS = 22  # full-width characters in a line of the label column beside bullets
CONTINUED = "（续）"


@dataclass(frozen=True, slots=True)
class SlidePlan:
    """One slide: its layout, title and what fills it."""

    layout: str  # "title", "tiles", "content", "chart"
    title: str
    subtitle: str = ""
    bullets: tuple[str, ...] = ()
    table: Table | None = None
    notes: str = ""
    source: str = ""
    chart: Chart | None = None


def document_to_deck(document: Document) -> list[SlidePlan]:
    """Return the slide plans for `document`: a title slide, then the slides of each section."""
    meta = document.meta
    slides = [SlidePlan("title", meta.title, subtitle=f"{meta.issuer}\n{meta.date_text}")]
    for block in document.blocks:
        if isinstance(block, Section):
            slides.extend(_section_slides(block))
    return slides


def _section_slides(section: Section) -> list[SlidePlan]:
    """Return the slides of a top-level section: its own content and a list of its parts, then each part's."""
    own = [b for b in section.blocks if not isinstance(b, Section)]
    if section.children:
        own.append(BulletList(tuple(child.title for child in section.children)))
    slides = _content_slides(section.title, own, plain_as_bullets=False)
    for child in section.children:
        slides.extend(_content_slides(child.title, list(_flatten(child)), plain_as_bullets=True))
    return slides


def _flatten(section: Section):
    """Yield the blocks of `section`, deeper sub-sections turned into a bullet for their title."""
    for block in section.blocks:
        if isinstance(block, Section):
            yield BulletList((block.title,))
            yield from _flatten(block)
        else:
            yield block


def _content_slides(title: str, blocks: list[Block], plain_as_bullets: bool) -> list[SlidePlan]:
    """Return the slides for `blocks`: tiles first, then bullets beside table rows, continued on （续） slides.

    Every paragraph goes to the speaker notes; on the slide a paragraph shows its headline, or, when
    `plain_as_bullets`, its whole text if it has no headline (a measure under a heading).
    """
    bullets: list[str] = []
    notes: list[str] = []
    tables: list[Table] = []
    charts: list[Chart] = []
    slides: list[SlidePlan] = []
    source = ""
    for block in blocks:
        match block:
            case Paragraph(role="source"):
                source = block.text.strip("（）")
            case Paragraph():
                notes.append(block.text)
                if block.lead or plain_as_bullets:
                    bullets.append(_bullet(block))
            case BulletList():
                bullets.extend(block.items)
            case Table(tiles=True):
                slides.append(SlidePlan("tiles", title, table=block, source=block.source))
            case Table():
                tables.append(block)
            case Chart() if block.spec.kind != "kpi":  # headline figures already have their tiles slide
                charts.append(block)
    beside = bool(tables)
    units = BODY_UNITS // 2 if beside else BODY_UNITS
    bullet_chunks = [tuple(group) for group in _pack(bullets, lambda item: _lines(item, units), BODY_LINES)]
    table_chunks = [part for table in tables for part in _table_parts(table, bool(bullets))]
    for k, (chunk, part) in enumerate(zip_longest(bullet_chunks, table_chunks)):
        slides.append(SlidePlan("content", _continued(title, k), bullets=chunk or (), table=part,
                                source=source or (part.source if part else "")))
    slides.extend(SlidePlan("chart", chart.caption, chart=chart, source=chart.source) for chart in charts)
    if not slides:
        slides.append(SlidePlan("content", title, source=source))
    return [replace(slide, notes="\n".join(notes)) for slide in slides]


def _bullet(paragraph: Paragraph) -> str:
    """Return a paragraph's slide bullet: its headline, or all of it when it has none or it is a label (牵头单位：)."""
    lead = paragraph.lead
    return lead.rstrip("。") if lead and not lead.endswith("：") else paragraph.text


def _table_parts(table: Table, beside_bullets: bool) -> list[Table]:
    """Split `table` into parts that each fit one slide, the header repeated on every part."""
    units = TABLE_UNITS if beside_bullets else 2 * TABLE_UNITS
    groups = _pack(list(table.rows), lambda row: _lines(row[0], units), TABLE_LINES - 1)
    return [replace(table, rows=tuple(rows)) for rows in groups] or [table]


def _continued(title: str, index: int) -> str:
    """Return the title of the `index`-th slide of a run: the first as is, the others marked （续）."""
    return title if index == 0 else f"{title}{CONTINUED}"


def text_units(text: str) -> float:
    """Return the width of `text` in full-width character units (Latin letters and digits count about half)."""
    return sum(1.0 if ord(ch) > 0x2E7F else 0.6 for ch in text)


def _lines(text: str, units: int) -> int:
    """Return how many lines `text` wraps to at `units` full-width characters a line."""
    return max(1, math.ceil(text_units(text) / units))


def _pack(items: list, lines_of, capacity: int) -> list[list]:
    """Split `items` in order into groups of at most `capacity` lines; never split or drop an item."""
    groups: list[list] = []
    used = 0
    for item in items:
        lines = lines_of(item)
        if not groups or used + lines > capacity:
            groups.append([])
            used = 0
        groups[-1].append(item)
        used += lines
    return groups

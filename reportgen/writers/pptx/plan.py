"""Plan the deck: turn a deck Document into slide plans with measured, explicit font sizes (pure data).

Every ``#`` section of the deck document is a slide. The layout follows from what it holds (or from an explicit
SlideLayout block): ``##`` sub-sections become cards, a tiles table a KPI overview, bullets beside a table two
content boxes. Text is measured with the open CJK font's metrics; the largest size in the layout's range that fits
is chosen, and content that does not fit even at the smallest size continues on a "（续）" slide. Nothing is dropped.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from itertools import zip_longest

from reportgen.document import Block, BulletList, Chart, Document, Paragraph, Run, Section, SlideLayout, Table
from reportgen.textfit import Metrics, TextBox, wrap

CONTINUED = "（续）"
PT = 12700  # EMU per point
INSET_X, INSET_Y = 7.2, 3.6  # text box insets in points (0.1 in, 0.05 in), written explicitly by draw
SAFETY = 0.97  # measured width is trusted to 97 %: renderers' fonts differ slightly from the open font
BULLET_INDENT = 1.2  # hanging indent of a bullet, in em
BOLD = 1.1  # bold glyphs are up to a tenth wider than the regular metrics
TITLE_SIZES = range(28, 19, -1)
BODY_SIZES = {"Title and Content": range(24, 13, -1), "Agenda": range(28, 15, -1), "Two Content": range(20, 11, -1),
              "KPI Overview": range(18, 11, -1), "Cards": range(18, 10, -1), "Section Header": range(24, 15, -1),
              "Title Slide": range(24, 15, -1), "Closing": range(24, 15, -1), "Chart": range(18, 11, -1)}
TABLE_SIZES = range(16, 10, -1)
CELL_MARGIN = 3.6  # top and bottom margin of a table cell, points
CARD_GAP = 14.0  # between cards, points
CARD_HEADER_PT = 30.0  # height of a card's title bar, points


@dataclass(frozen=True)
class Box:
    """A rectangle in points."""

    left: float
    top: float
    width: float
    height: float

    def text_box(self, pitch: float = 1.25) -> TextBox:
        """Return the measurable inner area (insets removed, width trusted to SAFETY)."""
        return TextBox((self.width - 2 * INSET_X) * SAFETY, self.height - 2 * INSET_Y, line_pitch=pitch)


Geometry = dict[str, dict[int, Box]]  # layout name → placeholder idx → box


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
class SlidePlan:
    """One slide: its layout, its title, and what fills each placeholder or region."""

    layout: str
    title: Text
    body: Text | None = None
    table: Table | None = None
    table_size: int = 0
    tiles: Table | None = None
    tile_sizes: tuple[int, int] = (0, 0)
    chart: Chart | None = None
    cards: tuple[Card, ...] = ()
    notes: str = ""
    source: str = ""


@dataclass
class _Content:
    """What one deck section holds, sorted by kind."""

    paragraphs: list[tuple[Run, ...]] = field(default_factory=list)
    bullets: list[bool] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    tiles: list[Table] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)
    cards: list[tuple[str, list[tuple[Run, ...]]]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    source: str = ""
    layout: str = ""


def document_to_deck(document: Document, geometry: Geometry, metrics: Metrics) -> list[SlidePlan]:
    """Return the slide plans for the deck `document`: a title slide, then each section's slides."""
    meta = document.meta
    title_box = geometry["Title Slide"]
    slides = [SlidePlan("Title Slide", _fit_one(meta.title, title_box[0], range(40, 23, -1), metrics),
                        body=_fit_one(f"{meta.issuer}\n{meta.date_text}", title_box[1], BODY_SIZES["Title Slide"],
                                      metrics))]
    for block in document.blocks:
        if isinstance(block, Section):
            slides.extend(_section_slides(block, geometry, metrics))
    return slides


def _section_slides(section: Section, geometry: Geometry, metrics: Metrics) -> list[SlidePlan]:
    """Return the slides of one deck section, continued on （续） slides where needed."""
    content = _collect(section)
    notes, source = "\n".join(content.notes), content.source
    layout = content.layout or _infer_layout(content)
    boxes = geometry[layout]
    title = _fit_one(section.title, boxes[0], TITLE_SIZES, metrics)
    slides: list[SlidePlan] = []
    if content.tiles:
        summary = _paginate_text(content.paragraphs, content.bullets, geometry["KPI Overview"][1],
                                 BODY_SIZES["KPI Overview"], metrics)
        for k, tiles in enumerate(content.tiles):
            slides.append(SlidePlan("KPI Overview", title, body=summary[0] if summary and not k else None,
                                    tiles=tiles, tile_sizes=_tile_sizes(tiles, geometry, metrics),
                                    source=tiles.source or source))
        content.paragraphs = [p for text in summary[1:] for p in text.paragraphs]  # what the strip could not hold
        content.bullets = [text.bullets for text in summary[1:] for _ in text.paragraphs]
    if content.cards:
        slides.extend(_card_slides(title, content, geometry, metrics))
    elif layout == "Two Content" or (content.tables and content.paragraphs):
        slides.extend(_two_content_slides(title, content, geometry["Two Content"], metrics))
    elif content.tables:
        slides.extend(_table_slides(title, content.tables, geometry["Title and Content"][1], metrics))
    elif content.paragraphs or not (slides or content.charts):
        texts = _paginate_text(content.paragraphs, content.bullets, boxes.get(1), BODY_SIZES[layout], metrics)
        slides.extend(SlidePlan(layout, title, body=text) for text in texts or [None])
    slides = [_finish(slide, k, notes, source) for k, slide in enumerate(slides)]
    return slides + [_chart_slide(chart, geometry, metrics, notes) for chart in content.charts]


def _chart_slide(chart: Chart, geometry: Geometry, metrics: Metrics, notes: str) -> SlidePlan:
    """Return the slide of one chart: its caption as the title, the native chart in the body, its source."""
    title = _fit_one(chart.caption, geometry["Chart"][0], TITLE_SIZES, metrics)
    return SlidePlan("Chart", title, chart=chart, notes=f"{chart.spec.alt_text}\n{notes}".strip(),
                     source=chart.source)


def _finish(slide: SlidePlan, index: int, notes: str, source: str) -> SlidePlan:
    """Mark continuation slides （续） and attach notes and the source line."""
    title = slide.title
    if index:
        runs = title.paragraphs[0]
        title = Text(((*runs[:-1], Run(runs[-1].text + CONTINUED, runs[-1].strong)),), title.size)
    return replace(slide, title=title, notes=notes, source=slide.source or source)


def _collect(section: Section) -> _Content:
    """Sort the blocks of a deck section into paragraphs, bullets, tables, tiles, cards, notes and source."""
    content = _Content()
    for block in section.blocks:
        _take(block, content)
    return content


def _take(block: Block, content: _Content) -> None:
    match block:
        case Paragraph(role="note"):
            content.notes.append(block.text)
        case Paragraph(role="source"):
            content.source = block.text.strip("（）").removeprefix("来源：")
        case Paragraph():
            content.paragraphs.append(block.runs)
            content.bullets.append(False)
        case BulletList():
            content.paragraphs.extend((Run(item),) for item in block.items)
            content.bullets.extend(True for _ in block.items)
        case Table(tiles=True):
            content.tiles.append(block)
        case Table():
            content.tables.append(block)
        case Chart(spec=spec) if spec.kind == "kpi":  # headline figures: measured tiles, like kpis()
            rows = tuple(zip(spec.categories, spec.series[0].texts))
            content.tiles.append(Table(block.caption, ("指标", "数值"), rows, source=block.source, tiles=True))
        case Chart(spec=spec) if spec.kind == "matrix":  # a structured graphic: measured cards
            content.cards.extend((heading, [(Run(item),) for item in items])
                                 for heading, items in zip(spec.categories, spec.cells))
            content.source = block.source or content.source
        case Chart():
            content.charts.append(block)
        case SlideLayout():
            content.layout = block.name
        case Section():
            inner = _Content()
            for child in block.blocks:
                _take(child, inner)
            content.cards.append((block.title, inner.paragraphs))
            content.notes.extend(inner.notes)
            content.tables.extend(inner.tables)  # what cannot sit on a card follows the cards
            content.charts.extend(inner.charts)
            content.source = inner.source or content.source


def _infer_layout(content: _Content) -> str:
    """Return the layout a section's content calls for."""
    if content.cards:
        return "Cards"
    if content.charts and not (content.paragraphs or content.tables or content.tiles):
        return "Chart"
    if content.tiles:
        return "KPI Overview"
    if content.tables and content.paragraphs:
        return "Two Content"
    if content.paragraphs or content.tables:
        return "Title and Content"
    return "Section Header"


# --- text ---------------------------------------------------------------------------------------------------------

def _fit_one(text: str, box: Box, sizes: Sequence[int], metrics: Metrics) -> Text:
    """Return `text` (lines become paragraphs) at the largest size that fits `box`.

    A title longer than the range allows goes on shrinking, to 12 pt at the least, rather than overflow.
    """
    lines = text.split("\n")
    inner = box.text_box()
    candidates = [*sorted(sizes, reverse=True), *range(min(sizes) - 1, 11, -1)]
    size = next((s for s in candidates if inner.fits(lines, s, metrics)), 12)
    return Text(tuple((Run(line),) for line in lines), size)


def _paginate_text(paragraphs: list[tuple[Run, ...]], bullets: list[bool], box: Box | None,
                   sizes: Sequence[int], metrics: Metrics) -> list[Text]:
    """Return the paragraphs as one Text per slide, each at the largest size that fits `box`."""
    if not paragraphs or box is None:
        return []
    inner = box.text_box()
    is_list = any(bullets)
    indent = BULLET_INDENT if is_list else 0.0

    def height(item: tuple[Run, ...], size: int) -> float:
        return inner.height_needed([_plain(item)], size, metrics, indent) + inner.paragraph_gap * size

    items = _split_long(paragraphs, inner, min(sizes), metrics, indent)
    chunks = paginate(items, height, inner.height + inner.paragraph_gap * min(sizes), sizes)
    return [Text(tuple(chunk), size, is_list) for chunk, size in chunks]


def _split_long(paragraphs, inner: TextBox, size: int, metrics: Metrics, indent: float) -> list[tuple[Run, ...]]:
    """Split any paragraph taller than the box at the smallest size into pieces at line boundaries."""
    capacity = max(1, int(inner.height // (size * inner.line_pitch)))
    out = []
    for runs in paragraphs:
        lines = wrap(_plain(runs), inner.width - indent * size, size, metrics)
        if len(lines) <= capacity:
            out.append(runs)
            continue
        for k in range(0, len(lines), capacity):
            out.append((Run("".join(lines[k:k + capacity])),))
    return out


def paginate(items: list, height: Callable[[object, int], float], capacity: float,
             sizes: Sequence[int]) -> list[tuple[list, int]]:
    """Return `items` in slide-sized chunks, each with the largest of `sizes` at which it fits `capacity`.

    All items on one slide when they fit at some size; otherwise chunks packed at the smallest size, each then
    grown to the largest size it fits at. Order is kept and no item is dropped.
    """
    ordered = sorted(sizes, reverse=True)
    for size in ordered:
        if sum(height(item, size) for item in items) <= capacity:
            return [(items, size)]
    smallest = ordered[-1]
    chunks: list[list] = []
    used = 0.0
    for item in items:
        need = height(item, smallest)
        if not chunks or used + need > capacity:
            chunks.append([])
            used = 0.0
        chunks[-1].append(item)
        used += need
    return [(chunk, next((s for s in ordered if sum(height(i, s) for i in chunk) <= capacity), smallest))
            for chunk in chunks]


def _plain(runs: tuple[Run, ...]) -> str:
    return "".join(r.text for r in runs)


# --- tables, two content, cards -----------------------------------------------------------------------------------

def _row_height(row: tuple[str, ...], widths: Sequence[float], size: int, metrics: Metrics) -> float:
    """Return the height of a table row at `size`: its tallest cell plus cell margins."""
    lines = max(len(wrap(text, (w - 2 * INSET_X) * SAFETY, size, metrics)) for text, w in zip(row, widths))
    return lines * size * 1.25 + 2 * CELL_MARGIN


def table_widths(width: float) -> tuple[float, float]:
    """Return the column widths of a 指标/数值 table `width` points wide."""
    return width * 0.68, width * 0.32


def _table_parts(table: Table, box: Box, metrics: Metrics) -> list[tuple[Table, int]]:
    """Split `table` into slide-sized parts, the header repeated on each, each at its largest fitting size."""
    widths = table_widths(box.width)

    def height(row, size):
        return _row_height(row, widths, size, metrics)

    capacity = box.height - max(height(table.header, s) for s in TABLE_SIZES)
    return [(Table(table.caption, table.header, tuple(rows), table.number, table.source), size)
            for rows, size in paginate(list(table.rows), height, capacity, TABLE_SIZES)]


def _table_slides(title: Text, tables: list[Table], box: Box, metrics: Metrics) -> list[SlidePlan]:
    return [SlidePlan("Title and Content", title, table=part, table_size=size, source=part.source)
            for table in tables for part, size in _table_parts(table, box, metrics)]


def _two_content_slides(title: Text, content: _Content, boxes: dict[int, Box], metrics: Metrics) -> list[SlidePlan]:
    """Bullets in the left box, the table in the right one; both continue on （续） slides independently."""
    texts = _paginate_text(content.paragraphs, content.bullets, boxes[1], BODY_SIZES["Two Content"], metrics)
    parts = [p for table in content.tables for p in _table_parts(table, boxes[2], metrics)]
    return [SlidePlan("Two Content", title, body=text, table=part[0] if part else None,
                      table_size=part[1] if part else 0, source=part[0].source if part else "")
            for text, part in zip_longest(texts, parts)]


def card_grid(count: int, box: Box) -> tuple[int, int, float, float]:
    """Return (columns, rows, card width, card body height) for `count` cards in `box`."""
    columns = min(count, 3)
    rows = -(-count // columns)
    width = (box.width - CARD_GAP * (columns - 1)) / columns
    height = (box.height - CARD_GAP * (rows - 1)) / rows - CARD_HEADER_PT
    return columns, rows, width, height


def _card_slides(title: Text, content: _Content, geometry: Geometry, metrics: Metrics) -> list[SlidePlan]:
    """Cards in a grid of up to 3 × 2; as many per slide as fit at the smallest size; a lead line above them."""
    body = geometry["Cards"][1]
    sizes = BODY_SIZES["Cards"]
    lead = _paginate_text(content.paragraphs, content.bullets, Box(body.left, body.top, body.width, 40.0),
                          range(16, 11, -1), metrics)
    top = body.top + (44.0 if lead else 0.0)
    area = Box(body.left, top, body.width, body.top + body.height - top)
    slides, rest = [], list(content.cards)
    while rest:
        taken, cards = _fit_cards(rest, area, sizes, metrics)
        slides.append(SlidePlan("Cards", title, body=lead[0] if lead and not slides else None, cards=cards))
        rest = rest[taken:]
    return slides


def _fit_cards(cards, area: Box, sizes: Sequence[int], metrics: Metrics) -> tuple[int, tuple[Card, ...]]:
    """Return how many of `cards` fit one slide, and those cards drawn at one common size."""
    for count in range(min(len(cards), 6), 0, -1):
        _, _, width, height = card_grid(count, area)
        inner = Box(0, 0, width, height).text_box()
        fitting = [_largest(inner, [_plain(p) for p in items], sizes, metrics) for _, items in cards[:count]]
        if all(fitting):
            size = min(fitting)
            made = tuple(Card(t, Text(tuple(items), size, True), _card_title_size(t, width, metrics))
                         for t, items in cards[:count])
            return count, made
    # One card too long even alone: draw what fits, and leave the rest of its bullets as the first card of the
    # next slide (the caller's list is updated in place, so the loop in _card_slides continues with it).
    heading, items = cards[0]
    _, _, width, height = card_grid(1, area)
    pages = _paginate_text(items, [True] * len(items), Box(0, 0, width, height), sizes, metrics)
    head, tail = pages[0], [run for text in pages[1:] for run in text.paragraphs]
    card = Card(heading, head, _card_title_size(heading, width, metrics))
    if tail:
        cards[0] = (heading, list(tail))
        return 0, (card,)
    return 1, (card,)


def _card_title_size(title: str, width: float, metrics: Metrics) -> int:
    """Return the largest size (16–10) at which a card title stays on one line of its bar."""
    room = (width - 2 * INSET_X) * SAFETY
    return next((s for s in range(16, 9, -1) if metrics.width(title, s) * BOLD <= room), 10)


# --- KPI tiles ----------------------------------------------------------------------------------------------------

def tile_boxes(count: int, geometry: Geometry) -> list[tuple[Box, Box, Box]]:
    """Return (tile, value box, label box) for `count` tiles between the title and the KPI summary box."""
    title, summary = geometry["KPI Overview"][0], geometry["KPI Overview"][1]
    top = title.top + title.height + 24.0
    height = summary.top - 16.0 - top
    gap = 18.0
    width = (summary.width - gap * (count - 1)) / count
    boxes = []
    for k in range(count):
        left = summary.left + k * (width + gap)
        boxes.append((Box(left, top, width, height), Box(left, top + height * 0.08, width, height * 0.5),
                      Box(left + 6.0, top + height * 0.58, width - 12.0, height * 0.38)))
    return boxes


def _tile_sizes(tiles: Table, geometry: Geometry, metrics: Metrics) -> tuple[int, int]:
    """Return (value size, label size): values on one line, labels wrapped, each the largest that fits every tile."""
    _, value_box, label_box = tile_boxes(len(tiles.rows), geometry)[0]
    value_inner, label_inner = value_box.text_box(), label_box.text_box()
    value = next((s for s in range(44, 15, -1)
                  if all(metrics.width(v, s) * BOLD <= value_inner.width and s * 1.25 <= value_inner.height
                         for _, v in tiles.rows)), 16)
    label = next((s for s in range(18, 9, -1) if all(label_inner.fits([t], s, metrics) for t, _ in tiles.rows)), 10)
    return value, label


def _largest(inner: TextBox, paragraphs: list[str], sizes: Sequence[int], metrics: Metrics) -> int | None:
    """Return the largest size at which bulleted `paragraphs` fit `inner`, or None."""
    return next((s for s in sorted(sizes, reverse=True)
                 if inner.height_needed(paragraphs, s, metrics, BULLET_INDENT) <= inner.height), None)

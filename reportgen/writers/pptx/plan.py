"""Plan the deck: turn a deck Document into per-layout slide records with measured sizes and rectangles (pure data).

Every ``#`` section of the deck document is a slide. The layout follows from what it holds (or from an explicit
SlideLayout block): ``##`` sub-sections become cards, a tiles table a KPI overview, bullets beside a table two
content boxes. Text is measured with the open CJK font's metrics; the largest size in the layout's range that fits
is chosen, and content that does not fit even at the smallest size continues on a "（续）" slide. Nothing is dropped.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from itertools import zip_longest

from reportgen.document import (Block, BulletList, Chart, Document, Paragraph, Run, Section, SlideLayout, Table,
                                WriterOptions)
from reportgen.textfit import Metrics
from reportgen.writers.pptx.cards import CARD_SIZES, card_slides
from reportgen.writers.pptx.fit import fit_one, paginate_text
from reportgen.writers.pptx.geometry import Geometry
from reportgen.writers.pptx.slides import (ChartSlide, DeckPlan, KpiSlide, SlidePlan, SourceLine, TableSlide, Text,
                                           TextSlide, TwoContentSlide)
from reportgen.writers.pptx.tables import place_table
from reportgen.writers.pptx.tiles import place_tiles

CONTINUED = "（续）"
TITLE_SIZES = range(28, 19, -1)
COVER_TITLE_SIZES = range(40, 23, -1)
BODY_SIZES = {"Title and Content": range(24, 13, -1), "Agenda": range(28, 15, -1), "Two Content": range(20, 11, -1),
              "KPI Overview": range(18, 11, -1), "Cards": CARD_SIZES, "Section Header": range(24, 15, -1),
              "Title Slide": range(24, 15, -1), "Closing": range(24, 15, -1), "Chart": range(18, 11, -1)}


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


def plan_deck(document: Document, geometry: Geometry, metrics: Metrics, options: WriterOptions) -> DeckPlan:
    """Return the planned deck of `document`: notes kept only with `options.notes`, the slides beyond
    `options.max_slides` set apart as left out."""
    slides = document_slides(document, geometry, metrics)
    if not options.notes:
        slides = [replace(slide, notes="") for slide in slides]
    limit = options.max_slides or len(slides)
    return DeckPlan(tuple(slides[:limit]), tuple(slides[limit:]))


def document_slides(document: Document, geometry: Geometry, metrics: Metrics) -> list[SlidePlan]:
    """Return the slides of the deck `document`: a title slide, then each section's slides."""
    meta = document.meta
    boxes = geometry["Title Slide"]
    cover = TextSlide(layout="Title Slide", title=fit_one(meta.title, boxes[0], COVER_TITLE_SIZES, metrics),
                      body=fit_one(f"{meta.issuer}\n{meta.date_text}", boxes[1], BODY_SIZES["Title Slide"], metrics))
    return [cover, *(slide for block in document.blocks if isinstance(block, Section)
                     for slide in _section_slides(block, geometry, metrics))]


def _section_slides(section: Section, geometry: Geometry, metrics: Metrics) -> list[SlidePlan]:
    """Return the slides of one deck section, continued on （续） slides where needed, its charts after them."""
    content = _collect(section)
    notes, source = "\n".join(content.notes), _source_line(content.source, geometry)
    layout = content.layout or _infer_layout(content)
    title = fit_one(section.title, geometry[layout][0], TITLE_SIZES, metrics)
    slides = _kpi_slides(title, content, geometry, metrics)
    slides += _content_slides(title, layout, content, bool(slides), geometry, metrics)
    slides = [_finish(slide, k, notes, source) for k, slide in enumerate(slides)]
    return slides + [_chart_slide(chart, geometry, metrics, notes) for chart in content.charts]


def _kpi_slides(title: Text, content: _Content, geometry: Geometry, metrics: Metrics) -> list[SlidePlan]:
    """Return one KPI slide per tiles table, the summary on the first; leave in `content` the paragraphs the
    summary box could not hold."""
    if not content.tiles:
        return []
    summary = paginate_text(content.paragraphs, content.bullets, geometry["KPI Overview"][1],
                            BODY_SIZES["KPI Overview"], metrics)
    slides = []
    for k, tiles in enumerate(content.tiles):
        placed, value_size, label_size = place_tiles(tiles, geometry, metrics)
        slides.append(KpiSlide(title=title, body=summary[0] if summary and not k else None, tiles=placed,
                               value_size=value_size, label_size=label_size,
                               source=_source_line(tiles.source, geometry)))
    content.paragraphs = [p for text in summary[1:] for p in text.paragraphs]
    content.bullets = [text.bullets for text in summary[1:] for _ in text.paragraphs]
    return slides


def _content_slides(title: Text, layout: str, content: _Content, after_tiles: bool, geometry: Geometry,
                    metrics: Metrics) -> list[SlidePlan]:
    """Return the slides of the cards, tables and text of a section (none when tiles or charts hold it all)."""
    if content.cards:
        return card_slides(title, content.paragraphs, content.bullets, content.cards, geometry, metrics)
    if layout == "Two Content" or (content.tables and content.paragraphs):
        return _two_content_slides(title, content, geometry, metrics)
    if content.tables:
        return [TableSlide(title=title, table=part, source=_source_line(part.table.source, geometry))
                for table in content.tables for part in place_table(table, geometry["Title and Content"][1], metrics)]
    if content.paragraphs or not (after_tiles or content.charts):
        texts = paginate_text(content.paragraphs, content.bullets, geometry[layout].get(1), BODY_SIZES[layout],
                              metrics)
        return [TextSlide(layout=layout, title=title, body=text) for text in texts or [None]]
    return []


def _two_content_slides(title: Text, content: _Content, geometry: Geometry, metrics: Metrics) -> list[SlidePlan]:
    """Bullets in the left box, the table in the right one; the text continues on （续） slides beside the table,
    and the rows left over once the text has ended continue across the whole width (no half-empty slide)."""
    boxes = geometry["Two Content"]
    texts = paginate_text(content.paragraphs, content.bullets, boxes[1], BODY_SIZES["Two Content"], metrics)
    parts = [part for table in content.tables for part in place_table(table, boxes[2], metrics)]
    beside = max(len(texts), 1)
    slides: list[SlidePlan] = [TwoContentSlide(title=title, body=text, table=part,
                                               source=_source_line(part.table.source, geometry) if part else None)
                               for text, part in zip_longest(texts, parts[:beside])]
    leftover: dict[tuple, list] = {}
    for part in parts[beside:] if texts else ():
        leftover.setdefault((part.table.caption, part.table.header, part.table.number, part.table.source),
                            []).extend(part.table.rows)
    for (caption, header, number, source), rows in leftover.items():
        slides += [TableSlide(title=title, table=part, source=_source_line(source, geometry)) for part in
                   place_table(Table(caption, header, tuple(rows), number, source), geometry["Title and Content"][1],
                               metrics)]
    return slides


def _chart_slide(chart: Chart, geometry: Geometry, metrics: Metrics, notes: str) -> ChartSlide:
    """Return the slide of one chart: its caption as the title, the native chart in the body, its source."""
    title = fit_one(chart.caption, geometry["Chart"][0], TITLE_SIZES, metrics)
    return ChartSlide(title=title, chart=chart, rect=geometry["Chart"][1],
                      notes=f"{chart.spec.alt_text}\n{notes}".strip(), source=_source_line(chart.source, geometry))


def _source_line(text: str, geometry: Geometry) -> SourceLine | None:
    """Return the 来源 line of `text` along the slide's bottom edge, or None without a text."""
    return SourceLine(text, geometry.source_rect) if text else None


def _finish(slide: SlidePlan, index: int, notes: str, source: SourceLine | None) -> SlidePlan:
    """Mark continuation slides （续） and attach notes and, where the slide has none of its own, the source line."""
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
    """Add `block` to what `content` holds."""
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


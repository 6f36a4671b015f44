"""Draw a planned deck into the reference deck's named layouts: one function per layout; fills shapes, decides
and computes nothing (every size and rectangle comes from the plan)."""

from __future__ import annotations

from functools import singledispatch

from pptx.enum.dml import MSO_THEME_COLOR
from pptx.enum.shapes import MSO_SHAPE

from reportgen.fonts import DECK_FONTS, DECK_LATIN
from reportgen.writers.chartml.native import ChartParts, ChartText
from reportgen.writers.pptx.fit import BULLET_INDENT
from reportgen.writers.pptx.geometry import INSET_X, INSET_Y, Rect, to_emu
from reportgen.writers.pptx.layouts import find_layout
from reportgen.writers.pptx.oxml import (Style, add_chart_frame, add_paragraph, add_run, cell_text_body, remove_shape,
                                         remove_slides, reset_body, set_alt_text, text_body, theme_typefaces)
from reportgen.writers.pptx.slides import (CardsSlide, ChartSlide, DeckPlan, KpiSlide, PlacedTable, SlidePlan,
                                           SourceLine, TableSlide, Text, TextSlide, TwoContentSlide)
from reportgen.writers.pptx.tables import CELL_MARGIN

MUTED = "6E6E6E"
SOURCE_SIZE = 11
CHART_TEXT_SIZE = 14
INSETS = (INSET_X, INSET_Y, INSET_X, INSET_Y)
Fonts = dict[str, tuple[str, str]]


def draw_deck(plan: DeckPlan, prs, charts: ChartParts) -> None:
    """Add one slide per planned slide to `prs` (whose own sample slides are removed first); native charts get
    their parts from `charts`."""
    remove_slides(prs)
    fonts = theme_fonts(prs)
    for planned in plan.slides:
        _draw_slide(prs, planned, fonts, charts)


def theme_fonts(prs) -> Fonts:
    """Return (Latin, East Asian) typefaces for titles and body from the deck's theme, else the font policy."""
    return {role: (latin or DECK_LATIN, ea or DECK_FONTS[role]) for role, (latin, ea) in theme_typefaces(prs).items()}


def _draw_slide(prs, planned: SlidePlan, fonts: Fonts, charts: ChartParts) -> None:
    """Add the slide of `planned`: its title, its layout's content, its source line and notes; the layout's
    placeholders it leaves empty are removed."""
    slide = prs.slides.add_slide(find_layout(prs, planned.layout))
    placeholders = {shape.placeholder_format.idx: shape for shape in slide.placeholders}
    _fill(placeholders.pop(0), planned.title, fonts["title"])
    _draw_content(planned, slide, placeholders, fonts["body"], charts)
    for shape in placeholders.values():
        remove_shape(shape)
    if planned.source:
        _source(slide, planned.source, fonts["body"])
    if planned.notes:
        slide.notes_slide.notes_text_frame.text = planned.notes


def _body(placeholders: dict, text: Text | None, fonts: tuple[str, str]) -> None:
    """Fill the body placeholder (idx 1) with `text`, if any."""
    if text:
        _fill(placeholders.pop(1), text, fonts)


@singledispatch
def _draw_content(planned: SlidePlan, slide, placeholders: dict, fonts: tuple[str, str], charts: ChartParts) -> None:
    """Draw what a slide of `planned`'s layout holds besides its title, taking the placeholders it fills."""
    raise TypeError(f"no drawing for {type(planned).__name__}")


@_draw_content.register
def _(planned: TextSlide, slide, placeholders: dict, fonts: tuple[str, str], charts: ChartParts) -> None:
    _body(placeholders, planned.body, fonts)


@_draw_content.register
def _(planned: TableSlide, slide, placeholders: dict, fonts: tuple[str, str], charts: ChartParts) -> None:
    _table(slide, planned.table, fonts)


@_draw_content.register
def _(planned: TwoContentSlide, slide, placeholders: dict, fonts: tuple[str, str], charts: ChartParts) -> None:
    _body(placeholders, planned.body, fonts)
    if planned.table:
        _table(slide, planned.table, fonts)


@_draw_content.register
def _(planned: KpiSlide, slide, placeholders: dict, fonts: tuple[str, str], charts: ChartParts) -> None:
    """One tile per headline figure: value large in the accent colour, label under it."""
    _body(placeholders, planned.body, fonts)
    for tile in planned.tiles:
        _panel(slide, tile.rect, "Tile", MSO_THEME_COLOR.BACKGROUND_2)
        _line(_textbox(slide, tile.value_rect, "Tile Value"), tile.value,
              Style(planned.value_size, fonts, theme="accent1"), "center", bold=True)
        _line(_textbox(slide, tile.label_rect, "Tile Label"), tile.label, Style(planned.label_size, fonts), "center")


@_draw_content.register
def _(planned: CardsSlide, slide, placeholders: dict, fonts: tuple[str, str], charts: ChartParts) -> None:
    """Cards in a grid: a title bar in the accent colour, bullets under it."""
    _body(placeholders, planned.body, fonts)
    for placed in planned.cards:
        bar = text_body(_panel(slide, placed.bar, "Card Title", MSO_THEME_COLOR.ACCENT_1))
        reset_body(bar, insets=(INSET_X, 0, INSET_X, 0), wrap=False, anchor="middle")
        _line(bar, placed.card.title, Style(placed.card.title_size, fonts, rgb="FFFFFF"), "center", bold=True)
        panel = _panel(slide, placed.panel, "Card", MSO_THEME_COLOR.BACKGROUND_2)
        # a shape's own text is light and centred: dark and flush left here, like the body text
        _fill(panel, placed.card.body, fonts, "tx1", "left", "top")


@_draw_content.register
def _(planned: ChartSlide, slide, placeholders: dict, fonts: tuple[str, str], charts: ChartParts) -> None:
    """The chart as a native, editable PowerPoint chart in the body's rectangle, its text in the body font."""
    from reportgen.charts.theme import theme_for

    spec = planned.chart.spec
    xml = charts.xml(spec, theme_for(planned.chart.theme), ChartText(fonts[1], fonts[0], CHART_TEXT_SIZE))
    frame = add_chart_frame(slide, xml, charts.workbook(spec), planned.rect.to_emu())
    frame.name = "Chart"
    set_alt_text(frame, spec.alt_text)  # for screen readers


def _fill(shape, text: Text, fonts: tuple[str, str], theme: str | None = None, align: str | None = None,
          anchor: str | None = None) -> None:
    """Write `text` into `shape` with explicit size, line pitch, insets and fonts; no autofit."""
    body = text_body(shape)
    reset_body(body, insets=INSETS, anchor=anchor)
    style = Style(text.size, fonts, theme=theme)
    for k, runs in enumerate(text.paragraphs):
        paragraph = add_paragraph(body, pitch=text.size * 1.25, before=text.size * 0.4 if k else 0, align=align,
                                  bullet="■" if text.bullets else None, indent=text.size * BULLET_INDENT)
        for run in runs:
            add_run(paragraph, run.text, style, bold=run.strong)


def _line(body, text: str, style: Style, align: str | None = None, bold: bool = False) -> None:
    """Add one paragraph of one run to `body`, its line pitch set by the style's size."""
    add_run(add_paragraph(body, pitch=style.size * 1.25, align=align), text, style, bold)


def _table(slide, placed: PlacedTable, fonts: tuple[str, str]) -> None:
    """A 指标/数值 table: themed header row, labels left, values right, explicit sizes and margins."""
    table = placed.table
    shape = slide.shapes.add_table(len(table.rows) + 1, 2, *placed.rect.to_emu())
    shape.name = "Table"
    grid = shape.table
    for column, width in zip(grid.columns, placed.widths):
        column.width = to_emu(width)
    style = Style(placed.size, fonts)
    for r, cells in enumerate((table.header, *table.rows)):
        for c, value in enumerate(cells):
            body = cell_text_body(grid.cell(r, c), (INSET_X, INSET_X, CELL_MARGIN, CELL_MARGIN), "middle")
            reset_body(body, insets=None)
            _line(body, value, style, "right" if c and r else "left", bold=r == 0)


def _panel(slide, rect: Rect, name: str, color):
    """Add a borderless, shadowless rectangle filled with theme colour `color`; return it."""
    shape = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, *rect.to_emu())
    shape.name = name
    shape.fill.solid()
    shape.fill.fore_color.theme_color = color
    shape.line.fill.background()
    shape.shadow.inherit = False
    return shape


def _textbox(slide, rect: Rect, name: str):
    """Add a text box with explicit insets, wrapping, no autofit and its text centred vertically; return its
    (empty) text body."""
    shape = slide.shapes.add_textbox(*rect.to_emu())
    shape.name = name
    body = text_body(shape)
    reset_body(body, insets=INSETS, anchor="middle")
    return body


def _source(slide, source: SourceLine, fonts: tuple[str, str]) -> None:
    """The 来源 line along the bottom edge, in grey."""
    _line(_textbox(slide, source.rect, "Source"), f"来源：{source.text}", Style(SOURCE_SIZE, fonts, rgb=MUTED))

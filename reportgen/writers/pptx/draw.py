"""Draw slide plans into the reference deck's named layouts: fills shapes, decides nothing."""

from __future__ import annotations

from lxml import etree
from pptx.enum.dml import MSO_THEME_COLOR
from pptx.enum.shapes import MSO_SHAPE
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn
from pptx.util import Emu

from reportgen.fonts import DECK_FONTS, DECK_LATIN
from reportgen.writers.pptx.layouts import find_layout
from reportgen.writers.pptx.oxml import Style, add_paragraph, add_run, reset_body
from reportgen.writers.pptx.plan import (BULLET_INDENT, CARD_GAP, CARD_HEADER_PT, CELL_MARGIN, INSET_X, INSET_Y, PT,
                                         Box, SlidePlan, Text, card_grid, table_widths, tile_boxes)

MUTED = "6E6E6E"
SOURCE_SIZE = 11


def deck_to_pptx(slides: list[SlidePlan], prs, geometry) -> None:
    """Add one slide per plan to `prs` (whose own sample slides are removed first)."""
    _remove_slides(prs)
    fonts = theme_fonts(prs)
    for plan in slides:
        slide = prs.slides.add_slide(find_layout(prs, plan.layout))
        boxes = geometry[plan.layout]
        placeholders = {shape.placeholder_format.idx: shape for shape in slide.placeholders}
        _fill(placeholders.pop(0), plan.title, fonts["title"])
        if plan.body:
            _fill(placeholders.pop(1), plan.body, fonts["body"])
        if plan.table:
            idx = 2 if plan.layout == "Two Content" else 1
            _table(slide, plan.table, plan.table_size, boxes[idx], fonts["body"])
        if plan.tiles:
            _tiles(slide, plan, geometry, fonts["body"])
        if plan.cards:
            _cards(slide, plan, boxes[1], fonts["body"])
        if plan.chart:
            _chart(slide, plan, boxes[1], fonts["body"])
        for shape in placeholders.values():  # the layout's placeholders left empty
            shape._element.getparent().remove(shape._element)
        if plan.source:
            _source(slide, plan.source, prs, fonts["body"])
        if plan.notes:
            slide.notes_slide.notes_text_frame.text = plan.notes


def theme_fonts(prs) -> dict[str, tuple[str, str]]:
    """Return (Latin, East Asian) typefaces for titles and body from the deck's theme, else the font policy."""
    theme = etree.fromstring(prs.slide_master.part.part_related_by(RT.THEME).blob)
    fonts = {}
    for role, tag in (("title", "a:majorFont"), ("body", "a:minorFont")):
        scheme = theme.find(f".//{qn(tag)}")
        latin = scheme.find(qn("a:latin")).get("typeface") if scheme is not None else ""
        ea = scheme.find(qn("a:ea")).get("typeface") if scheme is not None else ""
        fonts[role] = (latin or DECK_LATIN, ea or DECK_FONTS[role])
    return fonts


def _remove_slides(prs) -> None:
    """Drop the slides a reference deck may carry as samples."""
    id_list = prs.slides._sldIdLst
    for entry in list(id_list):
        prs.part.drop_rel(entry.rId)
        id_list.remove(entry)


def _fill(shape, text: Text, fonts: tuple[str, str], theme: str | None = None, align: str | None = None,
          anchor: str | None = None) -> None:
    """Write `text` into `shape` with explicit size, line pitch, insets and fonts; no autofit."""
    body = shape.text_frame._txBody
    reset_body(body, insets=(INSET_X, INSET_Y, INSET_X, INSET_Y), anchor=anchor)
    style = Style(text.size, fonts, theme=theme)
    for k, runs in enumerate(text.paragraphs):
        paragraph = add_paragraph(body, pitch=text.size * 1.25, before=text.size * 0.4 if k else 0, align=align,
                                  bullet="■" if text.bullets else None, indent=text.size * BULLET_INDENT)
        for run in runs:
            add_run(paragraph, run.text, style, bold=run.strong)


def _line(body, text: str, style: Style, align: str | None = None, bold: bool = False) -> None:
    """Add one paragraph of one run to `body`, its line pitch set by the style's size."""
    add_run(add_paragraph(body, pitch=style.size * 1.25, align=align), text, style, bold)


def _box(shape_box: Box) -> tuple[Emu, Emu, Emu, Emu]:
    return tuple(Emu(int(v * PT)) for v in (shape_box.left, shape_box.top, shape_box.width, shape_box.height))


def _table(slide, table, size: int, box: Box, fonts) -> None:
    """A 指标/数值 table in `box`: themed header row, labels left, values right, explicit sizes and margins."""
    rows = len(table.rows) + 1
    shape = slide.shapes.add_table(rows, 2, *_box(Box(box.left, box.top, box.width, rows * size * 2.0)))
    shape.name = "Table"
    grid = shape.table
    for column, width in zip(grid.columns, table_widths(box.width)):
        column.width = Emu(int(width * PT))
    style = Style(size, fonts)
    for r, cells in enumerate((table.header, *table.rows)):
        for c, value in enumerate(cells):
            cell = grid.cell(r, c)._tc
            props = cell.get_or_add_tcPr()
            for name, margin in (("marL", INSET_X), ("marR", INSET_X), ("marT", CELL_MARGIN), ("marB", CELL_MARGIN)):
                props.set(name, str(round(margin * PT)))
            props.set("anchor", "ctr")
            body = cell.get_or_add_txBody()
            reset_body(body, insets=None)
            _line(body, value, style, "right" if c and r else "left", bold=r == 0)


def _tiles(slide, plan: SlidePlan, geometry, fonts) -> None:
    """One tile per headline figure: value large in the accent colour, label under it."""
    for (label, value), (tile, value_box, label_box) in zip(plan.tiles.rows, tile_boxes(len(plan.tiles.rows),
                                                                                     geometry)):
        _panel(slide, tile, "Tile", MSO_THEME_COLOR.BACKGROUND_2)
        value_size, label_size = plan.tile_sizes
        _line(_textbox(slide, value_box, "Tile Value"), value, Style(value_size, fonts, theme="accent1"), "center",
              bold=True)
        _line(_textbox(slide, label_box, "Tile Label"), label, Style(label_size, fonts), "center")


def _cards(slide, plan: SlidePlan, body: Box, fonts) -> None:
    """Cards in a grid: a title bar in the accent colour, bullets under it."""
    top = body.top + (44.0 if plan.body else 0.0)
    area = Box(body.left, top, body.width, body.top + body.height - top)
    columns, rows, width, height = card_grid(len(plan.cards), area)
    for k, card in enumerate(plan.cards):
        left = area.left + (k % columns) * (width + CARD_GAP)
        top = area.top + (k // columns) * (height + CARD_HEADER_PT + CARD_GAP)
        bar = _panel(slide, Box(left, top, width, CARD_HEADER_PT), "Card Title", MSO_THEME_COLOR.ACCENT_1)
        reset_body(bar.text_frame._txBody, insets=(INSET_X, 0, INSET_X, 0), wrap=False, anchor="middle")
        _line(bar.text_frame._txBody, card.title, Style(card.title_size, fonts, rgb="FFFFFF"), "center", bold=True)
        panel = _panel(slide, Box(left, top + CARD_HEADER_PT, width, height), "Card", MSO_THEME_COLOR.BACKGROUND_2)
        # a shape's own text is light and centred: dark and flush left here, like the body text
        _fill(panel, card.body, fonts, "tx1", "left", "top")


def _panel(slide, box: Box, name: str, color):
    """Add a borderless, shadowless rectangle filled with theme colour `color`; return it."""
    shape = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, *_box(box))
    shape.name = name
    shape.fill.solid()
    shape.fill.fore_color.theme_color = color
    shape.line.fill.background()
    shape.shadow.inherit = False
    return shape


def _chart(slide, plan: SlidePlan, box: Box, fonts) -> None:
    """The chart as a native, editable PowerPoint chart in the body box."""
    from reportgen.charts.theme import theme_for
    from reportgen.writers.pptx.charts import add_native_chart

    add_native_chart(slide, plan.chart.spec, _box(box), theme_for(plan.chart.theme), fonts[1])


def _textbox(slide, box: Box, name: str):
    """Add a text box with explicit insets, wrapping, no autofit and its text centred vertically; return its
    (empty) text body."""
    shape = slide.shapes.add_textbox(*_box(box))
    shape.name = name
    body = shape.text_frame._txBody
    reset_body(body, insets=(INSET_X, INSET_Y, INSET_X, INSET_Y), anchor="middle")
    return body


def _source(slide, text: str, prs, fonts) -> None:
    """The 来源 line along the bottom edge, in grey."""
    width = prs.slide_width / PT
    _line(_textbox(slide, Box(43.2, 493.0, width - 86.4, 24.0), "Source"), f"来源：{text}",
          Style(SOURCE_SIZE, fonts, rgb=MUTED))

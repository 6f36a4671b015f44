"""Draw slide plans into the reference deck's named layouts: fills shapes, decides nothing."""

from __future__ import annotations

from lxml import etree
from pptx.dml.color import RGBColor
from pptx.enum.dml import MSO_THEME_COLOR
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn
from pptx.util import Emu, Pt

from reportgen.fonts import DECK_FONTS, DECK_LATIN
from reportgen.writers.pptx.layouts import find_layout
from reportgen.writers.pptx.oxml import set_bullet, set_east_asian
from reportgen.writers.pptx.plan import (BULLET_INDENT, CARD_GAP, CARD_HEADER_PT, CELL_MARGIN, INSET_X, INSET_Y, PT,
                                         Box, SlidePlan, Text, card_grid, table_widths, tile_boxes)

MUTED = RGBColor(0x6E, 0x6E, 0x6E)
SOURCE_SIZE = 11


def deck_to_pptx(slides: list[SlidePlan], prs, geometry) -> None:
    """Add one slide per plan to `prs` (whose own sample slides are removed first)."""
    _remove_slides(prs)
    fonts = theme_fonts(prs)
    for plan in slides:
        slide = prs.slides.add_slide(find_layout(prs, plan.layout))
        boxes = geometry[plan.layout]
        _fill(slide.shapes.title.text_frame, plan.title, fonts["title"])
        filled = {0}
        if plan.body:
            _fill(slide.placeholders[1].text_frame, plan.body, fonts["body"])
            filled.add(1)
        if plan.table:
            idx = 2 if plan.layout == "Two Content" else 1
            _table(slide, plan.table, plan.table_size, boxes[idx], fonts["body"])
        if plan.tiles:
            _tiles(slide, plan, geometry, fonts["body"])
        if plan.cards:
            _cards(slide, plan, boxes[1], fonts["body"])
        if plan.chart:
            _chart(slide, plan, boxes[1], fonts["body"])
        for shape in list(slide.placeholders):
            if shape.placeholder_format.idx not in filled:
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


def _fill(frame, text: Text, fonts: tuple[str, str], theme_color=None, align=None) -> None:
    """Write `text` into `frame` with explicit size, line pitch, insets and fonts; no autofit."""
    frame.clear()
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    frame.margin_left = frame.margin_right = Pt(INSET_X)
    frame.margin_top = frame.margin_bottom = Pt(INSET_Y)
    for k, runs in enumerate(text.paragraphs):
        paragraph = frame.paragraphs[0] if k == 0 else frame.add_paragraph()
        paragraph.line_spacing = Pt(text.size * 1.25)
        paragraph.space_before = Pt(text.size * 0.4 if k else 0)
        if align is not None:
            paragraph.alignment = align
        set_bullet(paragraph, "■" if text.bullets else None, int(Pt(text.size * BULLET_INDENT)))
        for run in runs:
            added = _run(paragraph, run.text, text.size, fonts, bold=run.strong or None)
            if theme_color is not None:
                added.font.color.theme_color = theme_color


def _run(paragraph, text: str, size: int, fonts: tuple[str, str], bold=None, color=None):
    """Add a run with explicit size and both typefaces; colour only when given (else the theme's)."""
    run = paragraph.add_run()
    run.text = text
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.name = fonts[0]
    if color is not None:
        run.font.color.rgb = color
    set_east_asian(run._r.get_or_add_rPr(), fonts[1])
    return run


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
    for r, cells in enumerate((table.header, *table.rows)):
        for c, value in enumerate(cells):
            cell = grid.cell(r, c)
            cell.margin_left = cell.margin_right = Pt(INSET_X)
            cell.margin_top = cell.margin_bottom = Pt(CELL_MARGIN)
            cell.vertical_anchor = MSO_ANCHOR.MIDDLE
            paragraph = cell.text_frame.paragraphs[0]
            paragraph.alignment = PP_ALIGN.RIGHT if c and r else PP_ALIGN.LEFT
            paragraph.line_spacing = Pt(size * 1.25)
            _run(paragraph, value, size, fonts, bold=True if r == 0 else None)


def _tiles(slide, plan: SlidePlan, geometry, fonts) -> None:
    """One tile per headline figure: value large in the accent colour, label under it."""
    for (label, value), (tile, value_box, label_box) in zip(plan.tiles.rows, tile_boxes(len(plan.tiles.rows),
                                                                                     geometry)):
        shape = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, *_box(tile))
        shape.name = "Tile"
        shape.fill.solid()
        shape.fill.fore_color.theme_color = MSO_THEME_COLOR.BACKGROUND_2
        shape.line.fill.background()
        shape.shadow.inherit = False
        for text, box, size, bold in ((value, value_box, plan.tile_sizes[0], True),
                                      (label, label_box, plan.tile_sizes[1], None)):
            frame = _textbox(slide, box, "Tile Value" if bold else "Tile Label")
            paragraph = frame.paragraphs[0]
            paragraph.alignment = PP_ALIGN.CENTER
            paragraph.line_spacing = Pt(size * 1.25)
            run = _run(paragraph, text, size, fonts, bold=bold)
            if bold:
                run.font.color.theme_color = MSO_THEME_COLOR.ACCENT_1


def _cards(slide, plan: SlidePlan, body: Box, fonts) -> None:
    """Cards in a grid: a title bar in the accent colour, bullets under it."""
    top = body.top + (44.0 if plan.body else 0.0)
    area = Box(body.left, top, body.width, body.top + body.height - top)
    columns, rows, width, height = card_grid(len(plan.cards), area)
    for k, card in enumerate(plan.cards):
        left = area.left + (k % columns) * (width + CARD_GAP)
        top = area.top + (k // columns) * (height + CARD_HEADER_PT + CARD_GAP)
        bar = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, *_box(Box(left, top, width, CARD_HEADER_PT)))
        bar.name = "Card Title"
        bar.fill.solid()
        bar.fill.fore_color.theme_color = MSO_THEME_COLOR.ACCENT_1
        bar.line.fill.background()
        bar.shadow.inherit = False
        frame = bar.text_frame
        frame.margin_left = frame.margin_right = Pt(INSET_X)
        frame.margin_top = frame.margin_bottom = Pt(0)
        frame.word_wrap = False
        _run(frame.paragraphs[0], card.title, card.title_size, fonts, bold=True, color=RGBColor(0xFF, 0xFF, 0xFF))
        panel = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE,
                                       *_box(Box(left, top + CARD_HEADER_PT, width, height)))
        panel.name = "Card"
        panel.fill.solid()
        panel.fill.fore_color.theme_color = MSO_THEME_COLOR.BACKGROUND_2
        panel.line.fill.background()
        panel.shadow.inherit = False
        panel.text_frame.vertical_anchor = MSO_ANCHOR.TOP
        # a shape's own text is light and centred: dark and flush left here, like the body text
        _fill(panel.text_frame, card.body, fonts, MSO_THEME_COLOR.TEXT_1, PP_ALIGN.LEFT)


def _chart(slide, plan: SlidePlan, box: Box, fonts) -> None:
    """The chart as a native, editable PowerPoint chart in the body box."""
    from reportgen.charts.theme import theme_for
    from reportgen.writers.pptx.charts import add_native_chart

    add_native_chart(slide, plan.chart.spec, _box(box), theme_for(plan.chart.theme), fonts[1])


def _textbox(slide, box: Box, name: str):
    """Add a word-wrapping text box with explicit insets and no autofit; return its frame."""
    shape = slide.shapes.add_textbox(*_box(box))
    shape.name = name
    frame = shape.text_frame
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    frame.margin_left = frame.margin_right = Pt(INSET_X)
    frame.margin_top = frame.margin_bottom = Pt(INSET_Y)
    frame.vertical_anchor = MSO_ANCHOR.MIDDLE
    return frame


def _source(slide, text: str, prs, fonts) -> None:
    """The 来源 line along the bottom edge, in grey."""
    width = prs.slide_width / PT
    frame = _textbox(slide, Box(43.2, 493.0, width - 86.4, 24.0), "Source")
    paragraph = frame.paragraphs[0]
    paragraph.line_spacing = Pt(SOURCE_SIZE * 1.25)
    _run(paragraph, f"来源：{text}", SOURCE_SIZE, fonts, color=MUTED)

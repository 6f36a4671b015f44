"""Draw slide plans into a 16:9 presentation: only fills shapes, makes no decisions."""

from __future__ import annotations

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Emu, Inches, Pt

from reportgen.fonts import DECK_FONTS, DECK_LATIN
from reportgen.writers.pptx.oxml import set_east_asian
from reportgen.writers.pptx.plan import SlidePlan, text_units

WIDTH, HEIGHT = Emu(12192000), Emu(6858000)  # 16:9, 33.867 × 19.05 cm
MARGIN = Inches(0.6)
ACCENT = RGBColor(0xB0, 0x1E, 0x23)
INK = RGBColor(0x22, 0x22, 0x22)
MUTED = RGBColor(0x66, 0x66, 0x66)
BLANK_LAYOUT = 6
BODY_TOP = Inches(1.5)


def deck_to_pptx(slides: list[SlidePlan]) -> Presentation:
    """Return a presentation with one drawn slide per plan."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = WIDTH, HEIGHT
    for plan in slides:
        slide = prs.slides.add_slide(prs.slide_layouts[BLANK_LAYOUT])
        DRAW[plan.layout](slide, plan)
        if plan.layout != "title":
            _title_bar(slide, plan.title)
        if plan.source:
            _text(slide, plan.source, (MARGIN, Inches(6.9), WIDTH - 2 * MARGIN, Inches(0.4)), 12, color=MUTED,
                  name="Source")
        if plan.notes:
            slide.notes_slide.notes_text_frame.text = plan.notes
    return prs


def _frame(slide, box, anchor=MSO_ANCHOR.TOP, name=""):
    """Add an empty word-wrapping text box (named `name`, if given) and return its text frame."""
    shape = slide.shapes.add_textbox(*box)
    shape.name = name or shape.name
    frame = shape.text_frame
    frame.word_wrap = True
    frame.vertical_anchor = anchor
    return frame


def _text(slide, text, box, size, *, bold=False, color=INK, align=PP_ALIGN.LEFT, anchor=MSO_ANCHOR.TOP, name=""):
    """Add a text box with explicit size and fonts; each line of `text` is a paragraph."""
    frame = _frame(slide, box, anchor, name)
    for k, line in enumerate(text.split("\n")):
        paragraph = frame.paragraphs[0] if k == 0 else frame.add_paragraph()
        paragraph.alignment = align
        _run(paragraph, line, size, bold=bold, color=color)
    return frame


def _run(paragraph, text, size, *, bold=False, color=INK, role="body"):
    """Add a run with explicit size, colour, Latin and East Asian typefaces."""
    run = paragraph.add_run()
    run.text = text
    font = run.font
    font.size, font.bold, font.name = Pt(size), bold, DECK_LATIN
    font.color.rgb = color
    set_east_asian(run, DECK_FONTS[role])
    return run


def _title_bar(slide, title: str) -> None:
    """Slide title with a thin accent rule under it."""
    _text(slide, title, (MARGIN, Inches(0.35), WIDTH - 2 * MARGIN, Inches(0.8)), 28, bold=True,
          anchor=MSO_ANCHOR.BOTTOM, name="Title")
    rule = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, MARGIN, Inches(1.2), WIDTH - 2 * MARGIN, Inches(0.05))
    rule.fill.solid()
    rule.fill.fore_color.rgb = ACCENT
    rule.line.fill.background()


def _draw_title(slide, plan: SlidePlan) -> None:
    _text(slide, plan.title, (MARGIN, Inches(2.2), WIDTH - 2 * MARGIN, Inches(1.8)), 36, bold=True,
          color=ACCENT, align=PP_ALIGN.CENTER, anchor=MSO_ANCHOR.BOTTOM, name="Title")
    _text(slide, plan.subtitle, (MARGIN, Inches(4.4), WIDTH - 2 * MARGIN, Inches(1.2)), 20,
          align=PP_ALIGN.CENTER)


def _draw_content(slide, plan: SlidePlan) -> None:
    """Bullets across the slide, a table across the slide, or bullets left and table right."""
    width = WIDTH - 2 * MARGIN
    split = int(width * 0.46) if plan.bullets and plan.table else width
    if plan.bullets:
        _bullets(slide, plan.bullets, (MARGIN, BODY_TOP, split, Inches(5.2)), 20 if split == width else 18)
    if plan.table:
        left = MARGIN + (split + Inches(0.3) if plan.bullets else 0)
        _table(slide, plan.table, (left, BODY_TOP, WIDTH - MARGIN - left), 14 if plan.bullets else 16)


def _bullets(slide, items, box, size) -> None:
    frame = _frame(slide, box)
    for k, item in enumerate(items):
        paragraph = frame.paragraphs[0] if k == 0 else frame.add_paragraph()
        paragraph.space_after = Pt(8)
        _run(paragraph, "■ ", size - 6, color=ACCENT)
        _run(paragraph, item, size)


def _draw_tiles(slide, plan: SlidePlan) -> None:
    """One tile per headline figure: the value large, its label under it."""
    rows = plan.table.rows
    gap = Inches(0.3)
    width = int((WIDTH - 2 * MARGIN - gap * (len(rows) - 1)) / len(rows))
    for k, (label, value) in enumerate(rows):
        left = int(MARGIN + k * (width + gap))
        tile = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, left, Inches(2.2), width, Inches(2.6))
        tile.fill.solid()
        tile.fill.fore_color.rgb = RGBColor(0xF6, 0xEE, 0xEE)
        tile.line.fill.background()
        tile.shadow.inherit = False
        size = min(36, int((width / 12700 - 20) * 0.85 / text_units(value)))  # EMU → pt; fit on one line
        _text(slide, value, (left, Inches(2.5), width, Inches(1.1)), size, bold=True, color=ACCENT,
              align=PP_ALIGN.CENTER, anchor=MSO_ANCHOR.MIDDLE)
        _text(slide, label, (left + Inches(0.15), Inches(3.7), width - Inches(0.3), Inches(1.0)), 16,
              align=PP_ALIGN.CENTER)


def _table(slide, table, box, size) -> None:
    """A table with a coloured header row; labels left, values right."""
    left, top, width = box
    rows, cols = len(table.rows) + 1, len(table.header)
    grid = slide.shapes.add_table(rows, cols, left, top, width, Inches(0.5) * rows).table
    grid.columns[0].width = int(width * 0.68)
    grid.columns[1].width = width - int(width * 0.68)
    for r, cells in enumerate((table.header, *table.rows)):
        for c, value in enumerate(cells):
            paragraph = grid.cell(r, c).text_frame.paragraphs[0]
            paragraph.alignment = PP_ALIGN.RIGHT if c and r else PP_ALIGN.LEFT
            _run(paragraph, value, size, bold=r == 0, color=RGBColor(0xFF, 0xFF, 0xFF) if r == 0 else INK)


def _draw_chart(slide, plan: SlidePlan) -> None:
    """A native, editable chart across the slide body."""
    from reportgen.charts.theme import theme_for
    from reportgen.writers.pptx.charts import add_native_chart

    box = (MARGIN, BODY_TOP, WIDTH - 2 * MARGIN, Inches(5.2))
    add_native_chart(slide, plan.chart.spec, box, theme_for(plan.chart.theme))


DRAW = {"title": _draw_title, "tiles": _draw_tiles, "content": _draw_content, "chart": _draw_chart}

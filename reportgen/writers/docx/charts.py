"""The briefing's charts: native, editable Word charts (the same chart XML and workbook as the deck's), a table
for the charts that are not plots (KPI tiles, a matrix of measures), or, where the profile asks for pictures, the
picture drawn with matplotlib. Each is followed by its caption 图N and its source line."""

from __future__ import annotations

import io

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.shared import Length, Pt

from reportgen.charts.theme import theme_for
from reportgen.document import Chart
from reportgen.writers.chartml.native import is_plot
from reportgen.writers.chartml.oxml import WORKBOOK_RID
from reportgen.writers.docx.oxml import (add_chart_part, add_inline_chart, repeat_as_header, set_alt_text,
                                         set_cant_split, set_table_alt_text)


def add_chart(out, block: Chart, pen):
    """Add `block` across the type area (`pen.width`), then its caption and source line; return the last
    paragraph added. With `pen.pictures`, the matplotlib picture kept in `pen.charts.media`."""
    spec = block.spec
    if pen.pictures:
        png = pen.charts.media.picture(spec, theme_for(block.theme))
        shape = _drawing_paragraph(out).add_run().add_picture(io.BytesIO(png), width=pen.width)
        set_alt_text(shape, spec.alt_text, block.title)
    elif is_plot(spec):
        xml = pen.charts.xml(spec, theme_for(block.theme), pen.text)
        rid = add_chart_part(out, xml, pen.charts.workbook(spec), WORKBOOK_RID)
        add_inline_chart(_drawing_paragraph(out).add_run(), rid, next(pen.ids), pen.width,
                         Length(int(pen.width * spec.aspect)), spec.alt_text, block.title)
    else:
        _chart_table(out, block, pen.width)
    caption = out.add_paragraph(block.title, style="Caption")
    caption.paragraph_format.keep_with_next = bool(block.source)
    return out.add_paragraph(f"数据来源：{block.source}", style="Table Source") if block.source else caption


def _drawing_paragraph(out):
    """Add the centred, single-spaced paragraph a drawing sits in, kept with its caption."""
    paragraph = out.add_paragraph(style="Normal")
    fmt = paragraph.paragraph_format
    fmt.alignment, fmt.first_line_indent = WD_ALIGN_PARAGRAPH.CENTER, Pt(0)
    fmt.line_spacing_rule, fmt.keep_with_next = WD_LINE_SPACING.SINGLE, True
    return paragraph


#: The header of a chart drawn as a table, repeated on the next page when it runs over a page break.
TABLE_HEADERS = {"matrix": ("方面", "主要措施"), "kpi": ("指标", "数值")}


def _chart_table(out, block: Chart, width: Length) -> None:
    """A chart that is not a plot as an editable table over its caption, its header repeated after a page break:
    a matrix as one row per category (the category, then its items one per line), KPI tiles as one row per
    figure (its label, its value)."""
    spec = block.spec
    if spec.kind == "matrix":
        rows = [(category, list(items)) for category, items in zip(spec.categories, spec.cells)]
    else:
        rows = [(category, [text]) for category, text in zip(spec.categories, spec.series[0].texts)]
    header = TABLE_HEADERS[spec.kind]
    table = out.add_table(rows=1 + len(rows), cols=2)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    widths = (Length(int(width * 0.3)), Length(width - int(width * 0.3)))
    for r, (row, (category, items)) in enumerate(zip(table.rows, [(header[0], [header[1]]), *rows])):
        set_cant_split(row)
        cells = row.cells
        for cell, cell_width in zip(cells, widths):
            cell.width = cell_width
        head = cells[0].paragraphs[0]
        head.style = "Table Header"
        head.add_run(category)
        body = cells[1]
        for k, item in enumerate(items):
            paragraph = body.paragraphs[0] if k == 0 else body.add_paragraph()
            paragraph.style = "Table Header" if row is table.rows[0] else "Table Text"
            paragraph.add_run(item)
        if r == 0 or r == len(rows):  # the header stays with the first row and the last row with the caption;
            for paragraph in (p for cell in cells for p in cell.paragraphs):  # a long one may run over a page
                paragraph.paragraph_format.keep_with_next = True
    repeat_as_header(table.rows[0])
    set_table_alt_text(table, block.title, spec.alt_text)

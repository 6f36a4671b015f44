"""Write a Document as a Word briefing in the styles of the reference document: 报头, body, tables, 报尾."""

from __future__ import annotations

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

from reportgen.document import Block, BulletList, Chart, Document, Paragraph, Section, Table
from reportgen.reproducible import package_bytes
from reportgen.resources import Locator
from reportgen.writers.docx.speedups import memoize_style_ids
from reportgen.writers.properties import set_properties
from reportgen.writers.docx.oxml import PPR_SEQ, child_in_order, keep_row_together, repeat_as_header
from reportgen.writers.docx.parts import add_colophon, add_masthead, add_page_numbers, type_width
from reportgen.writers.docx.reference import open_reference

ROLE_STYLE = {"source": "Source", "note": "Body Text", "body": "Body Text"}
KEEP_TOGETHER = 12  # a table of up to this many rows stays on one page with its caption


def document_to_docx(document: Document, locator: Locator | None = None) -> bytes:
    """Return `document` as a .docx package in the styles of its reference.docx."""
    meta = document.meta
    out = open_reference(meta.style, locator, dict(meta.fonts), meta.reference_docx)
    memoize_style_ids(out)
    set_properties(out.core_properties, meta, "简报")
    add_masthead(out, meta)
    out.add_paragraph(meta.title, style="Title")
    for block in document.blocks:
        _add_block(out, block)
    add_colophon(out, meta)
    add_page_numbers(out)
    return package_bytes(out.save)


def _add_block(out, block: Block) -> None:
    """Add one block; one small function per node type."""
    match block:
        case Section():
            out.add_paragraph(block.heading, style=f"Heading {block.level}")
            for child in block.blocks:
                _add_block(out, child)
        case Paragraph():
            if block.role == "source":
                _keep_last_with_next(out)
            paragraph = out.add_paragraph(style=ROLE_STYLE[block.role])
            for run in block.runs:
                paragraph.add_run(run.text, style="Strong" if run.strong else None)
        case BulletList():
            for item in block.items:
                out.add_paragraph(item, style="Body Text")
        case Table():
            _table(out, block)
        case Chart():
            _chart(out, block)
        case _:
            raise TypeError(f"no docx writer for {type(block).__name__}")


def _keep_last_with_next(out) -> None:
    """Keep the last paragraph with what follows (a source line never starts a page alone)."""
    last = out.element.body[-2] if len(out.element.body) > 1 else None  # [-1] is the section properties
    if last is not None and last.tag == qn("w:p"):
        child_in_order(last.get_or_add_pPr(), "w:keepNext", PPR_SEQ)


def _table(out, block: Table) -> None:
    """Add a captioned table as wide as the type area, header repeated, short tables kept on one page."""
    out.add_paragraph(block.title, style="Caption")
    table = out.add_table(rows=1 + len(block.rows), cols=len(block.header))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    widths = _column_widths(type_width(out), block)
    for column, width in zip(table.columns, widths):
        column.width = width
    for r, cells in enumerate((block.header, *block.rows)):
        row = table.rows[r]
        for c, text in enumerate(cells):
            cell = row.cells[c]
            cell.width = widths[c]
            paragraph = cell.paragraphs[0]
            paragraph.style = "Table Header" if r == 0 else "Table Text"
            if r and c:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            paragraph.add_run(text)
        last = r == len(block.rows)
        keep_row_together(row._tr, keep_with_next=(len(block.rows) < KEEP_TOGETHER and not last)
                          or (last and bool(block.source)))  # the 数据来源 line never starts a page alone
    repeat_as_header(table.rows[0]._tr)  # a long table repeats its header on the next page
    if block.source:
        out.add_paragraph(f"数据来源：{block.source}", style="Table Source")


def _column_widths(total, block: Table) -> list:
    """Share the type-area width between columns in proportion to their longest text (at least 1/5 each)."""
    longest = [max(len(row[c]) for row in (block.header, *block.rows)) for c in range(len(block.header))]
    floor = sum(longest) / 5
    weights = [max(n, floor) for n in longest]
    return [int(total * w / sum(weights)) for w in weights]


def _chart(out, block: Chart) -> None:
    """Add the chart picture across the type area with its alt text, then its caption 图N and source line."""
    import io

    from docx.enum.text import WD_LINE_SPACING

    from reportgen.charts.render import render_png
    from reportgen.charts.theme import theme_for

    picture = out.add_paragraph(style="Normal")
    fmt = picture.paragraph_format
    fmt.alignment, fmt.first_line_indent = WD_ALIGN_PARAGRAPH.CENTER, Pt(0)
    fmt.line_spacing_rule, fmt.keep_with_next = WD_LINE_SPACING.SINGLE, True
    shape = picture.add_run().add_picture(io.BytesIO(render_png(block.spec, theme_for(block.theme))),
                                          width=type_width(out))
    shape._inline.docPr.set("descr", block.spec.alt_text)
    shape._inline.docPr.set("title", block.title)
    out.add_paragraph(block.title, style="Caption").paragraph_format.keep_with_next = bool(block.source)
    if block.source:
        out.add_paragraph(f"数据来源：{block.source}", style="Table Source")

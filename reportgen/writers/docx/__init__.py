"""Write a Document as a Word briefing in the styles of the reference document: 报头, body, tables, 报尾."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Length

from reportgen.charts.media import MediaBag
from reportgen.charts.theme import theme_for
from reportgen.document import Block, BulletList, Chart, Document, Paragraph, Section, Table, WriterOptions
from reportgen.fonts import docx_fonts
from reportgen.reproducible import package_bytes, package_stamp
from reportgen.writers import Rendered
from reportgen.writers.chartml.native import ChartParts, ChartText
from reportgen.writers.docx.charts import add_chart
from reportgen.writers.docx.oxml import repeat_as_header, set_cant_split
from reportgen.writers.docx.parts import add_colophon, add_masthead, add_page_numbers, type_width
from reportgen.writers.docx.reference import open_reference_docx
from reportgen.writers.docx.speedups import memoize_style_ids
from reportgen.writers.properties import set_properties

ROLE_STYLE = {"source": "Source", "note": "Body Text", "body": "Body Text"}
TITLE_SAFETY = 0.96  # the share of the type area a title line is measured against: Office's metrics differ a little
KEEP_TOGETHER = 12  # a table of up to this many rows stays on one page with its caption


def write_docx(document: Document, options: WriterOptions, media: MediaBag) -> Rendered:
    """Return `document` as a .docx package in the styles of `options.reference`, and the messages saying how the
    reference was repaired; its charts' workbooks (or, with `options.chart_pictures`, pictures) are in `media`."""
    meta = document.meta
    out, messages = open_reference_docx(meta.style, options)
    memoize_style_ids(out)
    set_properties(out.core_properties, meta, "简报")
    add_masthead(out, meta)
    last = out.add_paragraph(_title_lines(out, meta.title), style="Title")
    fonts = docx_fonts(meta.style, dict(options.fonts))
    pen = _Pen(type_width(out), ChartParts(media, package_stamp(meta.date)),
               ChartText(fonts["chart"], fonts["latin"], theme_for(meta.style).label_size), options.chart_pictures,
               itertools.count(out.part.next_id))
    for block in document.blocks:
        last = _add_block(out, block, last, pen)
    add_colophon(out, meta)
    add_page_numbers(out)
    return Rendered(package_bytes(out.save), messages=tuple(messages))


def _title_lines(out, title: str) -> str:
    """Return the title with a line break where each balanced line ends (GB/T 9704: a title breaks into lines of
    near equal length), measured at the Title style's size across the type area."""
    from reportgen.textfit import balanced_wrap, load_metrics

    size = out.styles["Title"].font.size
    if size is None:
        return title
    return "\n".join(balanced_wrap(title, type_width(out).pt * TITLE_SAFETY, size.pt, load_metrics()))


@dataclass(frozen=True)
class _Pen:
    """What the body is written with: the type-area width, where the charts' parts come from, their text,
    pictures or not, and the ids of the drawings (each looked up once: python-docx rescans the whole document
    for the section and the largest id on every call, which makes a long briefing quadratic)."""

    width: Length
    charts: ChartParts
    text: ChartText
    pictures: bool
    ids: Iterator[int]


def _add_block(out, block: Block, last, pen: _Pen):
    """Add one block after `last` (the paragraph that ends the body so far, None after a table); return the
    paragraph that ends the body now. One small function per node type."""
    match block:
        case Section():
            last = out.add_paragraph(block.heading, style=f"Heading {block.level}")
            for child in block.blocks:
                last = _add_block(out, child, last, pen)
            return last
        case Paragraph():
            if block.role == "source":
                _keep_with_next(last)  # a source line never starts a page alone
            paragraph = out.add_paragraph(style=ROLE_STYLE[block.role])
            for run in block.runs:
                paragraph.add_run(run.text, style="Strong" if run.strong else None)
            return paragraph
        case BulletList():
            for item in block.items:
                last = out.add_paragraph(item, style="Body Text")
            return last
        case Table():
            return _table(out, block, pen.width)
        case Chart():
            return add_chart(out, block, pen)
        case _:
            raise TypeError(f"no docx writer for {type(block).__name__}")


def _keep_with_next(paragraph) -> None:
    """Keep `paragraph` (None after a table) on the page of the next one, unless it already says otherwise."""
    if paragraph is not None and paragraph.paragraph_format.keep_with_next is None:
        paragraph.paragraph_format.keep_with_next = True


def _table(out, block: Table, width: Length):
    """Add a captioned table as wide as the type area, header repeated, short tables kept on one page; return
    its source line, or None when the table ends the body."""
    out.add_paragraph(block.title, style="Caption")
    table = out.add_table(rows=1 + len(block.rows), cols=len(block.header))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    widths = _column_widths(width, block)
    for column, column_width in zip(table.columns, widths):
        column.width = column_width
    for r, cells in enumerate((block.header, *block.rows)):
        row = table.rows[r]
        row_cells = row.cells
        for c, text in enumerate(cells):
            cell = row_cells[c]
            cell.width = widths[c]
            paragraph = cell.paragraphs[0]
            paragraph.style = "Table Header" if r == 0 else "Table Text"
            if r and c:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            paragraph.add_run(text)
        last = r == len(block.rows)
        _keep_row_together(row, keep_with_next=(len(block.rows) < KEEP_TOGETHER and not last)
                           or (last and bool(block.source)))  # the 数据来源 line never starts a page alone
    repeat_as_header(table.rows[0])  # a long table repeats its header on the next page
    return out.add_paragraph(f"数据来源：{block.source}", style="Table Source") if block.source else None


def _keep_row_together(row, keep_with_next: bool) -> None:
    """Stop a table row from breaking across pages; chain it to the next row when `keep_with_next`."""
    set_cant_split(row)
    if keep_with_next:
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                paragraph.paragraph_format.keep_with_next = True


def _column_widths(total, block: Table) -> list:
    """Share the type-area width between columns in proportion to their longest text (at least 1/5 each)."""
    longest = [max(len(row[c]) for row in (block.header, *block.rows)) for c in range(len(block.header))]
    floor = sum(longest) / 5
    weights = [max(n, floor) for n in longest]
    return [int(total * w / sum(weights)) for w in weights]

"""Write a Document as a Word briefing: masthead, numbered headings, body, tables, source lines, page numbers."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import docx
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.shared import Mm, Pt

from reportgen.document import Block, BulletList, Document, Meta, Paragraph, Section, Table
from reportgen.fonts import DOCX_FONTS
from reportgen.output import write_atomic
from reportgen.scale import memoize_style_ids
from reportgen.writers.docx.oxml import bottom_border, field_runs, set_fonts
from reportgen.writers.docx.styles import LATIN, RED, setup_page, setup_styles

TYPE_WIDTH = Mm(156)
ROLE_STYLE = {"source": "Source", "note": "Body Text", "body": "Body Text"}


def document_to_docx(document: Document, target: Path) -> Path:
    """Write `document` to `target` (atomically) and return the path."""
    out = docx.Document()
    setup_page(out)
    setup_styles(out)
    memoize_style_ids(out)
    _properties(out, document.meta)
    _masthead(out, document.meta)
    out.add_paragraph(document.meta.title, style="Title")
    for block in document.blocks:
        _add_block(out, block)
    _page_numbers(out)
    return write_atomic(target, out.save)


def _add_block(out, block: Block) -> None:
    """Add one block; one small function per node type."""
    match block:
        case Section():
            out.add_paragraph(block.heading, style=f"Heading {block.level}")
            for child in block.blocks:
                _add_block(out, child)
        case Paragraph():
            paragraph = out.add_paragraph(style=ROLE_STYLE[block.role])
            for run in block.runs:
                paragraph.add_run(run.text).bold = run.strong or None
        case BulletList():
            for item in block.items:
                out.add_paragraph(item, style="Body Text")
        case Table():
            _table(out, block)
        case _:
            raise TypeError(f"no docx writer for {type(block).__name__}")


def _table(out, block: Table) -> None:
    """Add a captioned grid table with a 黑体 header row, repeated on every page it spans."""
    out.add_paragraph(block.title, style="Caption")
    table = out.add_table(rows=1 + len(block.rows), cols=len(block.header))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for r, (row, cells) in enumerate(zip(table.rows, (block.header, *block.rows))):
        for c, (cell, text) in enumerate(zip(row.cells, cells)):  # table.cell(r, c) rebuilds every cell per call
            cell.text = ""
            paragraph = cell.paragraphs[0]
            paragraph.style = "Table Text"
            if c or r == 0:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run = paragraph.add_run(text)
            if r == 0:
                set_fonts(run._r.get_or_add_rPr(), DOCX_FONTS["table_header"], LATIN)
    table.rows[0].repeat_header = True  # a long table repeats its header on the next page
    out.add_paragraph(f"数据来源：{block.source}" if block.source else "", style="Table Text")


def _masthead(out, meta: Meta) -> None:
    """Bulletin name in red, 第×期 centred, 编印单位 left and date right over a red rule."""
    out.add_paragraph(meta.bulletin, style="Masthead")
    issue = f"第{meta.issue}期" + (f"（总第{meta.issue_total}期）" if meta.issue_total else "")
    out.add_paragraph(issue, style="Issue Line")
    line = out.add_paragraph(f"{meta.issuer}\t{meta.date_text}", style="Issue Line")
    line.alignment = WD_ALIGN_PARAGRAPH.LEFT
    line.paragraph_format.tab_stops.add_tab_stop(TYPE_WIDTH, WD_TAB_ALIGNMENT.RIGHT)
    bottom_border(line._p.get_or_add_pPr(), str(RED), 12)
    out.add_paragraph(style="Body Text")


def _page_numbers(out) -> None:
    """Footer "— N —" in 宋体 14 pt via a PAGE field: odd pages right, even pages left, one character in."""
    section = out.sections[0]
    for footer, odd in ((section.footer, True), (section.even_page_footer, False)):
        paragraph = footer.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT if odd else WD_ALIGN_PARAGRAPH.LEFT
        fmt = paragraph.paragraph_format
        fmt.right_indent, fmt.left_indent = (Pt(14), None) if odd else (None, Pt(14))
        paragraph.add_run("— ")
        for run in field_runs("PAGE", "1"):
            paragraph._p.append(run)
        paragraph.add_run(" —")
        for run in paragraph._p.iter("{*}r"):
            rpr = run.get_or_add_rPr()
            set_fonts(rpr, DOCX_FONTS["page_number"], DOCX_FONTS["page_number"])
            rpr.get_or_add_sz().val = Pt(14)


def _properties(out, meta: Meta) -> None:
    """Title, subject, author, keywords, language and fixed dates, so two builds say the same."""
    props = out.core_properties
    stamp = dt.datetime.combine(meta.date, dt.time())
    props.title, props.subject = meta.title, meta.bulletin
    props.author = props.last_modified_by = meta.issuer
    props.keywords = "，".join(meta.keywords)
    props.language = "zh-CN"
    props.created = props.modified = stamp
    props.revision = 1

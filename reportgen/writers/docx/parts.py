"""The fixed parts of a 简报 around its body: 报头 (masthead), 报尾 (colophon) and page numbers."""

from __future__ import annotations

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Length, Pt

from reportgen.document import DocumentMeta
from reportgen.numbers import issue_text
from reportgen.writers.docx.oxml import (
    append_field,
    float_to_page_bottom,
    remove_paragraph,
    set_table_borders,
    zero_cell_margins,
)

DASH = "\u2014"  # 一字线 on each side of the page number: — 1 —
THICK, THIN = 8, 6  # colophon rules in eighths of a point: about 0.35 mm and 0.25 mm (GB/T 9704 7.4)


def type_width(document):
    """Return the width of the type area (版心) of the first section, as a Length."""
    section = document.sections[0]
    return Length(section.page_width - section.left_margin - section.right_margin)


def add_masthead(document, meta: DocumentMeta) -> None:
    """报头: the optional mark, the bulletin name (on one line), 第×期, then 编印单位 … date over the rule."""
    document.add_paragraph(meta.mark, style="Masthead Mark")
    name = document.add_paragraph(style="Masthead")
    run = name.add_run(meta.bulletin)
    size = document.styles["Masthead"].font.size
    if size and len(meta.bulletin) * size > type_width(document):  # a long name shrinks rather than wraps
        run.font.size = masthead_size(len(meta.bulletin), type_width(document))
    document.add_paragraph(issue_text(meta.issue, meta.issue_total), style="Issue Number")
    document.add_paragraph(f"{meta.issuer}\t{meta.date_text}", style="Issue Line")


def masthead_size(characters: int, width: Length) -> Length:
    """Return the largest size, in Word's half-point steps, at which `characters` full-width characters fit in
    `width` on one line (half a point at least)."""
    half_points = max(1, int(width.pt * 2) // max(characters, 1))
    return Pt(half_points / 2)


def add_colophon(document, meta: DocumentMeta) -> None:
    """报尾 at the foot of the last page: thick rules outside, thin between, 报/送/发 lines, 本期增发, （共印×份）."""
    regular = [(label, names) for label, names in meta.recipients if label != "本期增发"]
    extra = [(label, names) for label, names in meta.recipients if label == "本期增发"]
    rows = [[f"{label}：{'，'.join(names)}。" for label, names in group] for group in (regular, extra) if group]
    rows += [[f"（共印{meta.copies}份）"]] if meta.copies else []
    if not rows:
        return
    width = type_width(document)
    table = document.add_table(rows=len(rows), cols=1)
    table.autofit = False
    table.columns[0].width = width
    set_table_borders(table, "000000", THICK, THICK, THIN)
    zero_cell_margins(table)
    for row, lines in zip(table.rows, rows):
        cell = row.cells[0]
        cell.width = width
        paragraphs = [cell.paragraphs[0]] + [cell.add_paragraph() for _ in lines[1:]]
        for paragraph, text in zip(paragraphs, lines):
            paragraph.style = "Colophon"
            _colophon_line(paragraph, text)
    top = Length(_type_height(document) - _colophon_height(document, rows))
    float_to_page_bottom(table, document.sections[0].left_margin, top)
    document.add_paragraph(style="Colophon")  # a document ends with a paragraph; the floating table anchors here


def _colophon_line(paragraph, text: str) -> None:
    """One character in on both sides; 报：… lines hang after the colon, （共印×份） sits at the right."""
    size = paragraph.style.font.size or Pt(14)
    fmt = paragraph.paragraph_format
    fmt.right_indent = size
    if "：" in text:
        hanging = size * (text.index("：") + 1)
        fmt.left_indent, fmt.first_line_indent = size + hanging, -hanging
    else:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    paragraph.add_run(text)


def _type_height(document):
    section = document.sections[0]
    return section.page_height - section.top_margin - section.bottom_margin


def _colophon_height(document, rows: list[list[str]]):
    """Estimate the 报尾's height from its line pitch and how many lines each entry wraps to."""
    style = document.styles["Colophon"]
    size = style.font.size or Pt(14)
    pitch = style.paragraph_format.line_spacing
    pitch = pitch if isinstance(pitch, Length) else Pt(size.pt * 1.4)
    width = type_width(document)
    lines = 0
    for text in (t for row in rows for t in row):
        label = text.index("：") + 1 if "：" in text else 0
        first = int((width - 2 * size) / size)
        rest = max(1, int((width - (2 + label) * size) / size))
        lines += 1 + max(0, -(-(len(text) - first) // rest))
    return Length(pitch * lines + Pt(2) * (len(rows) + 1))


def add_page_numbers(document) -> None:
    """Footer "— N —" via a PAGE field: odd pages right and even pages left one character in, or centred."""
    section = document.sections[0]
    alternate = document.settings.odd_and_even_pages_header_footer
    footers = ((section.footer, "odd"), (section.even_page_footer, "even")) if alternate else ((section.footer, ""),)
    for footer, side in footers:
        footer.is_linked_to_previous = False
        for extra in footer.paragraphs[1:]:
            remove_paragraph(extra)
        paragraph = footer.paragraphs[0]
        paragraph.clear()
        paragraph.style = "Footer"
        indent = document.styles["Footer"].font.size or Pt(14)
        fmt = paragraph.paragraph_format
        if side == "odd":
            paragraph.alignment, fmt.right_indent = WD_ALIGN_PARAGRAPH.RIGHT, indent
        elif side == "even":
            paragraph.alignment, fmt.left_indent = WD_ALIGN_PARAGRAPH.LEFT, indent
        else:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.add_run(f"{DASH} ")
        append_field(paragraph, "PAGE", "1")
        paragraph.add_run(f" {DASH}")

"""Page setup and named styles of the briefing, with explicit East Asian fonts on every style."""

from __future__ import annotations

from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from reportgen.fonts import DOCX_FONTS, LATIN
from reportgen.writers.docx.oxml import PPR_SEQ, THEME_ATTRS, child_in_order, set_fonts, set_language

LINE = Pt(28.95)  # exact line pitch for 22 lines in the 225 mm type area
BODY_SIZE = Pt(16)  # 三号
INDENT = Pt(32)  # two characters of 三号
RED = RGBColor(0xC0, 0x00, 0x00)

#: Style name → (font role, size, alignment, first-line indent, bold).
PARAGRAPH_STYLES = {
    "Body Text": ("body", BODY_SIZE, WD_ALIGN_PARAGRAPH.JUSTIFY, INDENT, False),
    "Title": ("title", Pt(22), WD_ALIGN_PARAGRAPH.CENTER, None, False),
    "Heading 1": ("heading1", BODY_SIZE, WD_ALIGN_PARAGRAPH.JUSTIFY, INDENT, False),
    "Heading 2": ("heading2", BODY_SIZE, WD_ALIGN_PARAGRAPH.JUSTIFY, INDENT, False),
    "Heading 3": ("heading3", BODY_SIZE, WD_ALIGN_PARAGRAPH.JUSTIFY, INDENT, False),
    "Heading 4": ("heading4", BODY_SIZE, WD_ALIGN_PARAGRAPH.JUSTIFY, INDENT, False),
    "Masthead": ("title", Pt(42), WD_ALIGN_PARAGRAPH.CENTER, None, False),
    "Issue Line": ("body", BODY_SIZE, WD_ALIGN_PARAGRAPH.CENTER, None, False),
    "Caption": ("table_header", Pt(14), WD_ALIGN_PARAGRAPH.CENTER, None, False),
    "Source": ("source", BODY_SIZE, WD_ALIGN_PARAGRAPH.RIGHT, None, False),
    "Table Text": ("table", Pt(14), WD_ALIGN_PARAGRAPH.LEFT, None, False),
}


def setup_page(document) -> None:
    """A4 with the GB/T 9704 margins (37/35/28/26 mm), page numbers on odd/even sides."""
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.footer_distance = Mm(22)
    document.settings.odd_and_even_pages_header_footer = True


def setup_styles(document) -> None:
    """Make every style Chinese-ready: explicit fonts, zh-CN, no theme fonts or colours, official sizes."""
    styles = document.styles
    for fonts in styles.element.iter(qn("w:rFonts")):
        for attr in THEME_ATTRS:
            fonts.attrib.pop(qn(attr), None)
    defaults = styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    set_fonts(defaults, DOCX_FONTS["body"], LATIN)
    set_language(defaults)
    theme_lang = document.settings.element.find(qn("w:themeFontLang"))
    if theme_lang is not None:
        theme_lang.set(qn("w:eastAsia"), "zh-CN")
    normal = styles["Normal"]
    set_fonts(normal.element.get_or_add_rPr(), DOCX_FONTS["body"], LATIN)
    normal.font.size = BODY_SIZE
    _spacing(normal.paragraph_format)
    for tag in ("w:autoSpaceDE", "w:autoSpaceDN"):  # no extra space between Chinese and digits (2025年)
        child_in_order(normal.element.get_or_add_pPr(), tag, PPR_SEQ).set(qn("w:val"), "0")
    for name, (role, size, align, indent, bold) in PARAGRAPH_STYLES.items():
        style = styles[name] if name in styles else styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        if style.base_style is None and name != "Normal":
            style.base_style = normal
        set_fonts(style.element.get_or_add_rPr(), DOCX_FONTS[role], LATIN)
        style.font.size, style.font.bold, style.font.italic = size, bold, False
        style.font.color.rgb = RGBColor(0, 0, 0)
        fmt = style.paragraph_format
        _spacing(fmt)
        fmt.alignment, fmt.first_line_indent = align, indent
        ppr = style.element.pPr
        if ppr is not None and ppr.find(qn("w:pBdr")) is not None:
            ppr.remove(ppr.find(qn("w:pBdr")))
    styles["Masthead"].font.color.rgb = RED
    styles["Masthead"].paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    styles["Title"].paragraph_format.line_spacing = Pt(36)


def _spacing(fmt) -> None:
    """Exact 28.95 pt lines, no space before or after: the 22-line grid."""
    fmt.line_spacing_rule, fmt.line_spacing = WD_LINE_SPACING.EXACTLY, LINE
    fmt.space_before = fmt.space_after = Pt(0)

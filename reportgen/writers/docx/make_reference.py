"""Make the shipped reference documents from the style specs (run by tools/make_reference_docx.py, not by builds)."""

from __future__ import annotations

from collections.abc import Mapping

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.shared import Mm, Pt, RGBColor

from reportgen.fonts import ALT_NAMES, OPEN_ALIASES, OPEN_SANS, docx_fonts
from reportgen.writers.docx.oxml import (
    FontEntry,
    add_right_tab,
    bottom_border,
    default_rpr,
    drop_default_spacing,
    drop_theme_fonts,
    remove_paragraph_borders,
    remove_style_links,
    replace_font_table,
    set_char_spacing,
    set_fonts,
    set_language,
    set_outline_level,
    set_theme_font_language,
    turn_off_cjk_adjustments,
)
from reportgen.writers.docx.styles import Layout, StyleSpec, layout

#: Styles kept in the shipped reference besides the specs: Word's defaults the body and tables rely on.
KEPT = ("Default Paragraph Font", "Normal Table", "No List", "Table Grid")
DROPPED_PARTS = ("stylesWithEffects", "thumbnail", "customXml")


def make_reference(style: str):
    """Return a python-docx Document holding only the named styles and the page setup of `style`."""
    spec = layout(style)
    fonts = docx_fonts(style)
    document = docx.Document()
    _drop_extra_parts(document)
    _setup_page(document, spec)
    _prune_styles(document, set(spec.styles) | set(KEPT))
    _set_defaults(document, fonts)
    for name, style_spec in spec.styles.items():
        _apply_spec(document, name, style_spec, spec, fonts)
    replace_font_table(document.part.part_related_by(RT.FONT_TABLE), font_entries(set(fonts.values())))
    props = document.core_properties
    props.title, props.author, props.last_modified_by, props.revision = f"reportgen {style} reference", "", "", 1
    return document


def font_entries(names: set[str]) -> list[FontEntry]:
    """Return the font-table entries of `names`, sorted: GB2312 charset, serif or sans, an alternate name."""
    return [FontEntry(name, ALT_NAMES.get(name, ""), chinese=name in OPEN_ALIASES,
                      sans=OPEN_ALIASES.get(name, ("", False))[0] == OPEN_SANS or name == "Arial")
            for name in sorted(names)]


def _drop_extra_parts(document) -> None:
    """Remove parts of python-docx's template that only confuse: styles with effects, thumbnail, custom XML."""
    for owner in (document.part, document.part.package):
        for r_id, rel in list(owner.rels.items()):
            if any(word in rel.reltype for word in DROPPED_PARTS):
                owner.rels.pop(r_id)


def _setup_page(document, spec: Layout) -> None:
    """A4 with the layout's margins; odd/even footers when the page number alternates sides."""
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    top, bottom, left, right = spec.margins
    section.top_margin, section.bottom_margin, section.left_margin, section.right_margin = (
        Mm(top), Mm(bottom), Mm(left), Mm(right))
    section.header_distance, section.footer_distance = Mm(15), Mm(spec.footer_distance)
    section.gutter = 0
    document.settings.odd_and_even_pages_header_footer = spec.odd_even_footers


def _prune_styles(document, keep: set[str]) -> None:
    """Delete every style not in `keep` and the links that pointed to them (Heading 1 Char …)."""
    for style in list(document.styles):
        if style.name not in keep:
            style.delete()
    remove_style_links(document.styles.element)


def _set_defaults(document, fonts: Mapping[str, str]) -> None:
    """Document defaults: body font, zh-CN, no paragraph spacing; theme fonts removed everywhere."""
    styles = document.styles.element
    drop_theme_fonts(styles)
    rpr = default_rpr(styles)
    set_fonts(rpr, fonts["body"], fonts["latin"])
    set_language(rpr)
    drop_default_spacing(styles)
    set_theme_font_language(document.settings.element, "zh-CN")


def _apply_spec(document, name: str, spec: StyleSpec, page: Layout, fonts: Mapping[str, str]) -> None:
    """Create or restyle `name` from `spec`: explicit fonts, size, colour, spacing, indent, borders."""
    kind = WD_STYLE_TYPE.CHARACTER if spec.kind == "character" else WD_STYLE_TYPE.PARAGRAPH
    styles = document.styles
    style = styles[name] if name in styles else styles.add_style(name, kind)
    if kind == WD_STYLE_TYPE.PARAGRAPH and name != "Normal":
        style.base_style = styles["Normal"]
        style.next_paragraph_style = styles["Body Text"] if name.startswith(("Heading", "Title")) else style
    style.quick_style = True
    rpr = style.element.get_or_add_rPr()
    set_fonts(rpr, fonts[spec.role], fonts[spec.latin_role])
    font = style.font
    font.bold, font.italic = spec.bold, False
    if kind == WD_STYLE_TYPE.PARAGRAPH:
        font.size = Pt(spec.size)
    font.color.rgb = RGBColor.from_string(spec.color)
    if name == "Normal" and page.char_spacing:
        set_char_spacing(rpr, round(page.char_spacing * 20))
    if kind == WD_STYLE_TYPE.PARAGRAPH:
        _paragraph_spec(style, spec, page)


def _paragraph_spec(style, spec: StyleSpec, page: Layout) -> None:
    """The paragraph half of a style spec."""
    fmt = style.paragraph_format
    if spec.line is None:
        fmt.line_spacing = 1.0
    else:
        fmt.line_spacing = Pt(spec.line)
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.space_before, fmt.space_after = Pt(spec.before), Pt(spec.after)
    fmt.first_line_indent = Pt(spec.first_line) if spec.first_line else Pt(0)
    fmt.keep_with_next = spec.keep_next or None
    fmt.widow_control = True
    fmt.alignment = WD_ALIGN_PARAGRAPH.from_xml(spec.align)
    ppr = style.element.get_or_add_pPr()
    turn_off_cjk_adjustments(ppr)
    if spec.outline is not None:
        set_outline_level(ppr, spec.outline)
    remove_paragraph_borders(ppr)
    if spec.border_bottom:
        bottom_border(ppr, *spec.border_bottom)
    if spec.tab_right:
        add_right_tab(ppr, round(page.type_width_mm / 25.4 * 1440))

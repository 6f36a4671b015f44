"""The reference document: make the shipped one from the style specs, open the one a user chose, fill its gaps."""

from __future__ import annotations

import copy
import warnings
from collections.abc import Mapping
from pathlib import Path
from zipfile import BadZipFile

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.styles import BabelFish
from lxml import etree

from reportgen.errors import ReportgenWarning, TemplateError
from reportgen.fonts import ALT_NAMES, OPEN_ALIASES, OPEN_SANS, docx_fonts
from reportgen.resources import Locator, shipped_templates
from reportgen.writers.docx.oxml import (
    PPR_SEQ,
    RPR_SEQ,
    THEME_ATTRS,
    bottom_border,
    child_in_order,
    set_fonts,
    set_language,
)
from reportgen.writers.docx.styles import Layout, StyleSpec, layout

#: Styles kept in the shipped reference besides the specs: Word's defaults the body and tables rely on.
KEPT = ("Default Paragraph Font", "Normal Table", "No List", "Table Grid")
DROPPED_PARTS = ("stylesWithEffects", "thumbnail", "customXml")


def reference_name(style: str) -> str:
    """Return the file name of the reference of a document style: reference.docx, reference-modern.docx."""
    return "reference.docx" if style == "official" else f"reference-{style}.docx"


def make_reference(style: str):
    """Return a python-docx Document holding only the named styles and the page setup of `style`."""
    spec = layout(style)
    document = docx.Document()
    _drop_extra_parts(document)
    _setup_page(document, spec)
    _prune_styles(document, set(spec.styles) | set(KEPT))
    _set_defaults(document, spec, docx_fonts(style))
    for name, style_spec in spec.styles.items():
        _apply_spec(document, name, style_spec, spec, docx_fonts(style))
    _font_table(document, set(docx_fonts(style).values()))
    props = document.core_properties
    props.title, props.author, props.last_modified_by, props.revision = f"reportgen {style} reference", "", "", 1
    return document


def open_reference(style: str, reference, shipped, fonts: Mapping[str, str] | None = None):
    """Return the reference Document of `style` with an empty body, every needed style present and CJK-ready.

    `explicit` names the audience's own reference file, found through the template roots; otherwise the first
    reference.docx (reference-modern.docx) on the template path is used.
    """
    import io

    path = reference.name
    try:
        document = docx.Document(io.BytesIO(reference.content))
    except (PackageNotFoundError, BadZipFile, KeyError, ValueError) as exc:
        raise TemplateError(f"{path}: not a Word document ({type(exc).__name__})") from None
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    spec = layout(style)
    if reference.content != shipped.content:
        _fill_missing_styles(document, path, shipped, spec)
    _ensure_east_asian(document, spec, docx_fonts(style, fonts))
    if fonts:
        apply_fonts(document, spec, docx_fonts(style, fonts), set(fonts))
    return document


def apply_fonts(document, spec: Layout, fonts: Mapping[str, str], roles: set[str]) -> None:
    """Set the typeface of every style whose role is in `roles` (an audience's font overrides)."""
    for name, style_spec in spec.styles.items():
        if style_spec.role in roles or style_spec.latin_role in roles:
            rpr = document.styles[name].element.get_or_add_rPr()
            set_fonts(rpr, fonts[style_spec.role], fonts[style_spec.latin_role])
    if "body" in roles or "latin" in roles:
        set_fonts(_default_rpr(document), fonts["body"], fonts["latin"])


def _font_table(document, names: set[str]) -> None:
    """Replace the font table with the fonts the styles name: GB2312 charset, serif or sans, an alternate name."""
    part = document.part.part_related_by(RT.FONT_TABLE)
    root = etree.fromstring(part.blob)
    for font in list(root):
        root.remove(font)
    for name in sorted(names):
        font = etree.SubElement(root, qn("w:font"), {qn("w:name"): name})
        if name in ALT_NAMES:
            etree.SubElement(font, qn("w:altName"), {qn("w:val"): ALT_NAMES[name]})
        chinese = name in OPEN_ALIASES
        etree.SubElement(font, qn("w:charset"), {qn("w:val"): "86" if chinese else "00"})
        sans = OPEN_ALIASES.get(name, ("", False))[0] == OPEN_SANS or name == "Arial"
        etree.SubElement(font, qn("w:family"), {qn("w:val"): "swiss" if sans else "roman"})
        etree.SubElement(font, qn("w:pitch"), {qn("w:val"): "variable"})
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


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
    root = document.styles.element
    internal = {BabelFish.ui2internal(name) for name in keep}
    for style in list(root.findall(qn("w:style"))):
        if style.name_val not in internal:
            root.remove(style)
    for link in list(root.iter(qn("w:link"))):
        link.getparent().remove(link)


def _default_rpr(document):
    return document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))


def _set_defaults(document, spec: Layout, fonts: Mapping[str, str]) -> None:
    """Document defaults: body font, zh-CN, no paragraph spacing; theme fonts removed everywhere."""
    for element in document.styles.element.iter(qn("w:rFonts")):
        for attr in THEME_ATTRS:
            element.attrib.pop(qn(attr), None)
    rpr = _default_rpr(document)
    set_fonts(rpr, fonts["body"], fonts["latin"])
    set_language(rpr)
    ppr = document.styles.element.find(qn("w:docDefaults")).find(qn("w:pPrDefault")).find(qn("w:pPr"))
    spacing = ppr.find(qn("w:spacing"))
    if spacing is not None:
        ppr.remove(spacing)
    theme_lang = document.settings.element.find(qn("w:themeFontLang"))
    if theme_lang is not None:
        theme_lang.set(qn("w:eastAsia"), "zh-CN")


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
    font.color.rgb = docx.shared.RGBColor.from_string(spec.color)
    if name == "Normal" and page.char_spacing:
        child_in_order(rpr, "w:spacing", RPR_SEQ).set(qn("w:val"), str(round(page.char_spacing * 20)))
    if kind == WD_STYLE_TYPE.PARAGRAPH:
        _paragraph_spec(style, spec, page)


def _paragraph_spec(style, spec: StyleSpec, page: Layout) -> None:
    """The paragraph half of a style spec."""
    fmt = style.paragraph_format
    if spec.line is None:
        fmt.line_spacing = 1.0
    else:
        fmt.line_spacing = Pt(spec.line)
        fmt.line_spacing_rule = docx.enum.text.WD_LINE_SPACING.EXACTLY
    fmt.space_before, fmt.space_after = Pt(spec.before), Pt(spec.after)
    fmt.first_line_indent = Pt(spec.first_line) if spec.first_line else Pt(0)
    fmt.keep_with_next = spec.keep_next or None
    fmt.widow_control = True
    ppr = style.element.get_or_add_pPr()
    child_in_order(ppr, "w:jc", PPR_SEQ).set(qn("w:val"), spec.align)
    for tag in ("w:overflowPunct", "w:autoSpaceDE", "w:autoSpaceDN"):  # no 。 hanging out of the type area,
        child_in_order(ppr, tag, PPR_SEQ).set(qn("w:val"), "0")  # no extra gap between Chinese and digits
    if spec.outline is not None:
        child_in_order(ppr, "w:outlineLvl", PPR_SEQ).set(qn("w:val"), str(spec.outline))
    if ppr.find(qn("w:pBdr")) is not None:  # python-docx's Title has a blue rule
        ppr.remove(ppr.find(qn("w:pBdr")))
    if spec.border_bottom:
        bottom_border(ppr, *spec.border_bottom)
    if spec.tab_right:
        tabs = child_in_order(ppr, "w:tabs", PPR_SEQ)
        tab = OxmlElement("w:tab")
        tab.set(qn("w:val"), "right")
        tab.set(qn("w:pos"), str(round(page.type_width_mm / 25.4 * 1440)))
        tabs.append(tab)


def _fill_missing_styles(document, path: Path, shipped: Path, spec: Layout) -> None:
    """Copy every style the user's reference lacks from the shipped one, with a warning naming it."""
    import io

    shipped_styles = docx.Document(io.BytesIO(shipped.content)).styles
    root = document.styles.element
    for name in spec.styles:
        if name in document.styles:
            continue
        warnings.warn(f"{path}: no style {name!r}; using the shipped one", ReportgenWarning, stacklevel=3)
        element = copy.deepcopy(shipped_styles[name].element)
        for attr in ("w:basedOn", "w:next", "w:link"):
            ref = element.find(qn(attr))
            if ref is not None and root.get_by_id(ref.get(qn("w:val"))) is None:
                element.remove(ref)
        root.append(element)


def _ensure_east_asian(document, spec: Layout, fonts: Mapping[str, str]) -> None:
    """Give every needed style an explicit East Asian font: a theme font or none is replaced by the role's font."""
    for name, style_spec in spec.styles.items():
        style = document.styles[name]
        if resolved_east_asian(style.element, document.styles.element) is None:
            role = style_spec.role
            warnings.warn(f"style {name!r} of the reference has no East Asian font; using {fonts[role]}",
                          ReportgenWarning, stacklevel=3)
            rpr = style.element.get_or_add_rPr()
            fonts_el = rpr.find(qn("w:rFonts"))
            latin = fonts_el.get(qn("w:ascii")) if fonts_el is not None else None
            set_fonts(rpr, fonts[role], latin or fonts[style_spec.latin_role])


def resolved_east_asian(style, styles_root) -> str | None:
    """Return the East Asian typeface `style` resolves to through basedOn and the defaults, or None (theme/none)."""
    seen = set()
    while style is not None and style.get(qn("w:styleId")) not in seen:
        seen.add(style.get(qn("w:styleId")))
        found = _east_asian_of(style.find(qn("w:rPr")))
        if found is not False:
            return found
        based = style.find(qn("w:basedOn"))
        style = styles_root.get_by_id(based.get(qn("w:val"))) if based is not None else None
    found = _east_asian_of(styles_root.find(qn("w:docDefaults")).find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}"))
    return found or None


def _east_asian_of(rpr) -> str | None | bool:
    """An explicit name, None when a theme font decides, False when `rpr` says nothing."""
    fonts = rpr.find(qn("w:rFonts")) if rpr is not None else None
    if fonts is None:
        return False
    if fonts.get(qn("w:eastAsiaTheme")):
        return None
    return fonts.get(qn("w:eastAsia")) or False

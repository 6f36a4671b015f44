"""Every WordprocessingML tweak python-docx has no API for, in schema order; the only module that touches XML.

Functions take the python-docx proxy a caller holds (Paragraph, Table, _Row, InlineShape, Part) or an element a
proxy exposes publicly (`style.element`, `document.styles.element`), and say in their name what they make.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from dataclasses import dataclass

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from lxml import etree

THEME_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")
RPR_SEQ = ("w:rStyle", "w:rFonts", "w:b", "w:bCs", "w:i", "w:iCs", "w:caps", "w:smallCaps", "w:strike",
           "w:dstrike", "w:outline", "w:shadow", "w:emboss", "w:imprint", "w:noProof", "w:snapToGrid", "w:vanish",
           "w:webHidden", "w:color", "w:spacing", "w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight",
           "w:u", "w:effect", "w:bdr", "w:shd", "w:fitText", "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang",
           "w:eastAsianLayout", "w:specVanish", "w:oMath")
PPR_SEQ = ("w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr", "w:widowControl", "w:numPr",
           "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku",
           "w:wordWrap", "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi",
           "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
           "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap",
           "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")
TBLPR_SEQ = ("w:tblStyle", "w:tblpPr", "w:tblOverlap", "w:bidiVisual", "w:tblStyleRowBandSize",
             "w:tblStyleColBandSize", "w:tblW", "w:jc", "w:tblCellSpacing", "w:tblInd", "w:tblBorders", "w:shd",
             "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption", "w:tblDescription", "w:tblPrChange")
STYLE_REFS = ("w:basedOn", "w:next", "w:link")  # style elements that name another style
CJK_ADJUSTMENTS = ("w:overflowPunct", "w:autoSpaceDE", "w:autoSpaceDN")
XML_ERRORS = (etree.LxmlError,)  # what python-docx lets through for a part that is not well-formed XML


def child_in_order(parent, tag: str, seq: tuple[str, ...]):
    """Return the `tag` child of `parent`, creating it at its schema position when absent."""
    found = parent.find(qn(tag))
    if found is None:
        found = OxmlElement(tag)
        parent.insert_element_before(found, *seq[seq.index(tag) + 1:])
    return found


def _remove_child(parent, tag: str) -> None:
    """Remove the `tag` child of `parent`, if it has one."""
    found = parent.find(qn(tag))
    if found is not None:
        parent.remove(found)


# Run properties: fonts, language, character spacing.

def set_fonts(rpr, east_asia: str, latin: str) -> None:
    """Set explicit Latin and East Asian typefaces on `rpr` (a w:rPr) and drop theme fonts that would win."""
    fonts = child_in_order(rpr, "w:rFonts", RPR_SEQ)
    _drop_theme_attrs(fonts)
    for slot, name in (("w:ascii", latin), ("w:hAnsi", latin), ("w:cs", latin), ("w:eastAsia", east_asia)):
        fonts.set(qn(slot), name)


def drop_theme_fonts(root) -> None:
    """Remove every theme-font attribute of the w:rFonts below `root`, so explicit typefaces decide."""
    for fonts in root.iter(qn("w:rFonts")):
        _drop_theme_attrs(fonts)


def _drop_theme_attrs(fonts) -> None:
    for attr in THEME_ATTRS:
        fonts.attrib.pop(qn(attr), None)


def set_language(rpr, east_asia: str = "zh-CN") -> None:
    """Mark `rpr` as Chinese text, so Word applies Chinese line breaking and font choice."""
    lang = child_in_order(rpr, "w:lang", RPR_SEQ)
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), east_asia)


def set_char_spacing(rpr, twentieths_pt: int) -> None:
    """Widen (or, negative, narrow) every character of `rpr` by `twentieths_pt` twentieths of a point."""
    child_in_order(rpr, "w:spacing", RPR_SEQ).set(qn("w:val"), str(twentieths_pt))


# Paragraph properties.

def turn_off_cjk_adjustments(ppr) -> None:
    """No 。 hanging out of the type area, no extra gap between Chinese and Latin text or digits."""
    for tag in CJK_ADJUSTMENTS:
        child_in_order(ppr, tag, PPR_SEQ).set(qn("w:val"), "0")


def set_outline_level(ppr, level: int) -> None:
    """Show the paragraph at 0-based outline `level` in the navigation pane."""
    child_in_order(ppr, "w:outlineLvl", PPR_SEQ).set(qn("w:val"), str(level))


def remove_paragraph_borders(ppr) -> None:
    """Remove every border of the paragraph (python-docx's Title has a blue rule)."""
    _remove_child(ppr, "w:pBdr")


def bottom_border(ppr, color: str, eighths_pt: int) -> None:
    """Draw a rule under the paragraph (the masthead's red line), replacing any border it had."""
    borders = child_in_order(ppr, "w:pBdr", PPR_SEQ)
    for old in list(borders):
        borders.remove(old)
    borders.append(_border("w:bottom", color, eighths_pt, space=4))


def add_right_tab(ppr, twips: int) -> None:
    """Add a right-aligned tab stop at `twips` from the paragraph's edge (w:val before w:pos, as Word writes it)."""
    tab = OxmlElement("w:tab")
    tab.set(qn("w:val"), "right")
    tab.set(qn("w:pos"), str(twips))
    child_in_order(ppr, "w:tabs", PPR_SEQ).append(tab)


def _border(tag: str, color: str, eighths_pt: int, space: int = 0):
    """Return a border element (w:top, w:bottom, w:insideH …): a single line, or none when `eighths_pt` is 0."""
    element = OxmlElement(tag)
    values = (("w:val", "single" if eighths_pt else "nil"), ("w:sz", str(eighths_pt)), ("w:space", str(space)),
              ("w:color", color))
    for key, value in values if eighths_pt else values[:1]:
        element.set(qn(key), value)
    return element


# Tables and rows.

def set_table_borders(table, color: str, top: int, bottom: int, inside: int) -> None:
    """Give `table` only horizontal rules: `top` and `bottom` outside, `inside` between rows (1/8 pt)."""
    tbl_pr = table._tbl.tblPr
    _remove_child(tbl_pr, "w:tblBorders")
    borders = child_in_order(tbl_pr, "w:tblBorders", TBLPR_SEQ)
    for tag, size in (("w:top", top), ("w:left", 0), ("w:bottom", bottom), ("w:right", 0), ("w:insideH", inside),
                      ("w:insideV", 0)):
        borders.append(_border(tag, color, size))


def float_to_page_bottom(table, left, top) -> None:
    """Float `table` at the bottom of the type area of its page (the 报尾 closes the last page).

    Word aligns it to the bottom (tblpYSpec); LibreOffice reads only the offset `top` (a Length) from the top
    margin. The horizontal position `left` is measured from the page edge, which LibreOffice needs to float a
    table as wide as the type area.
    """
    position = child_in_order(table._tbl.tblPr, "w:tblpPr", TBLPR_SEQ)
    for key, value in (("w:leftFromText", "0"), ("w:rightFromText", "0"), ("w:topFromText", "0"),
                       ("w:bottomFromText", "0"), ("w:vertAnchor", "margin"), ("w:horzAnchor", "page"),
                       ("w:tblpX", str(left.twips)), ("w:tblpY", str(max(0, top.twips))), ("w:tblpYSpec", "bottom")):
        position.set(qn(key), value)


def zero_cell_margins(table) -> None:
    """Remove the left and right cell padding of `table`, so paragraph indents measure from the table's edge."""
    margins = child_in_order(table._tbl.tblPr, "w:tblCellMar", TBLPR_SEQ)
    for side in ("w:left", "w:right"):
        element = margins.find(qn(side))
        if element is None:
            element = OxmlElement(side)
            margins.append(element)
        element.set(qn("w:w"), "0")
        element.set(qn("w:type"), "dxa")


def set_cant_split(row) -> None:
    """Stop the table row `row` from breaking across pages (w:cantSplit)."""
    tr_pr = row._tr.get_or_add_trPr()
    if tr_pr.find(qn("w:cantSplit")) is None:
        tr_pr.insert(0, OxmlElement("w:cantSplit"))


def repeat_as_header(row) -> None:
    """Repeat the table row `row` at the top of every page the table continues on (w:tblHeader)."""
    tr_pr = row._tr.get_or_add_trPr()
    if tr_pr.find(qn("w:tblHeader")) is None:
        tr_pr.append(OxmlElement("w:tblHeader"))


# Paragraph content, pictures.

def append_field(paragraph, instruction: str, cached: str) -> None:
    """Append a complex field such as PAGE to `paragraph`, with `cached` as its last shown result."""
    parts = (("w:fldChar", "begin"), ("w:instrText", f" {instruction} "), ("w:fldChar", "separate"),
             ("w:t", cached), ("w:fldChar", "end"))
    for tag, value in parts:
        run, element = OxmlElement("w:r"), OxmlElement(tag)
        if tag == "w:fldChar":
            element.set(qn("w:fldCharType"), value)
        else:
            element.set(qn("xml:space"), "preserve")
            element.text = value
        run.append(element)
        paragraph._p.append(run)


def remove_paragraph(paragraph) -> None:
    """Remove `paragraph` from the story (body, cell, header or footer) that holds it."""
    paragraph._p.getparent().remove(paragraph._p)


def set_alt_text(shape, descr: str, title: str) -> None:
    """Give the inline picture `shape` (an InlineShape) its alternative text and title, read by screen readers."""
    doc_pr = shape._inline.docPr
    doc_pr.set("descr", descr)
    doc_pr.set("title", title)


CHART_URI = "http://schemas.openxmlformats.org/drawingml/2006/chart"
CHART_TYPE = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def add_chart_part(document, xml: bytes, workbook: bytes, workbook_rid: str) -> str:
    """Add a chart part made of `xml` (linked to its workbook as `workbook_rid`) and its embedded `workbook` to
    `document` (a python-docx Document); return the relationship id the body refers to it by."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.part import Part

    package = document.part.package
    chart = Part(package.next_partname("/word/charts/chart%d.xml"), CHART_TYPE, xml, package)
    sheet = Part(package.next_partname("/word/embeddings/Microsoft_Excel_Worksheet%d.xlsx"), XLSX_TYPE, workbook,
                 package)
    if chart.relate_to(sheet, RT.PACKAGE) != workbook_rid:
        raise AssertionError(f"a new chart part's first relationship is not {workbook_rid}")
    return document.part.relate_to(chart, RT.CHART)


def add_inline_chart(run, rid: str, shape_id: int, width: int, height: int, descr: str, title: str) -> None:
    """Add to `run` the chart of relationship `rid` as inline drawing `shape_id` (unique in the document),
    `width` × `height` EMU, with its alternative text and title for screen readers."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    drawing = parse_xml(
        f'<w:drawing {nsdecls("w", "wp", "a", "c", "r")}><wp:inline distT="0" distB="0" distL="0" distR="0">'
        f'<wp:extent cx="{int(width)}" cy="{int(height)}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
        f'<wp:docPr id="{shape_id}" name="Chart {shape_id}"/><wp:cNvGraphicFramePr/>'
        f'<a:graphic><a:graphicData uri="{CHART_URI}"><c:chart r:id="{rid}"/></a:graphicData></a:graphic>'
        '</wp:inline></w:drawing>')
    doc_pr = drawing.find(qn("wp:inline")).find(qn("wp:docPr"))
    doc_pr.set("descr", descr)
    doc_pr.set("title", title)
    run._r.append(drawing)


def set_table_alt_text(table, title: str, descr: str) -> None:
    """Give `table` (a python-docx Table) the title and description screen readers announce."""
    tbl_pr = table._tbl.tblPr
    for tag, text in (("w:tblCaption", title), ("w:tblDescription", descr)):
        child_in_order(tbl_pr, tag, TBLPR_SEQ).set(qn("w:val"), text)


# Document, styles, settings, font table.

def clear_body(document) -> None:
    """Remove every paragraph and table of `document` (a python-docx Document), keeping its section properties."""
    document.element.body.clear_content()


def default_rpr(styles_root):
    """Return the w:rPr of the document defaults (w:docDefaults/w:rPrDefault) of `styles_root` (a w:styles)."""
    return styles_root.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")


def drop_default_spacing(styles_root) -> None:
    """Remove the paragraph spacing of the document defaults (python-docx's template adds space after)."""
    _remove_child(styles_root.find(f"{qn('w:docDefaults')}/{qn('w:pPrDefault')}/{qn('w:pPr')}"), "w:spacing")


def set_theme_font_language(settings_root, east_asia: str) -> None:
    """Make `east_asia` the East Asian language theme fonts are chosen for, when the settings name one."""
    theme_lang = settings_root.find(qn("w:themeFontLang"))
    if theme_lang is not None:
        theme_lang.set(qn("w:eastAsia"), east_asia)


def remove_style_links(styles_root) -> None:
    """Remove every w:link of the styles (Heading 1 ↔ Heading 1 Char): the linked styles are gone."""
    for link in list(styles_root.iter(qn("w:link"))):
        link.getparent().remove(link)


def append_style_copy(style, styles_root) -> None:
    """Append a copy of `style` (a w:style of another document) to `styles_root`, without references
    (basedOn, next, link) to styles `styles_root` lacks."""
    element = copy.deepcopy(style)
    for tag in STYLE_REFS:
        ref = element.find(qn(tag))
        if ref is not None and styles_root.get_by_id(ref.get(qn("w:val"))) is None:
            element.remove(ref)
    styles_root.append(element)


def matching_style(styles_root, style):
    """Return the w:style of `styles_root` of the type of `style` (another document's) with its id, else the one
    whose name equals its name in any case, or None."""
    same_type = [s for s in styles_root.findall(qn("w:style")) if s.get(qn("w:type")) == style.get(qn("w:type"))]
    for candidate in same_type:
        if candidate.get(qn("w:styleId")) == style.get(qn("w:styleId")):
            return candidate
    name = (style.name_val or "").casefold()
    return next((s for s in same_type if (s.name_val or "").casefold() == name), None)


def rename_style(found, style) -> None:
    """Give `found` (a w:style) the name of `style`, so lookups by that name find it."""
    found.name_val = style.name_val


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
    return _east_asian_of(default_rpr(styles_root)) or None


def _east_asian_of(rpr) -> str | None | bool:
    """An explicit name, None when a theme font decides, False when `rpr` says nothing."""
    fonts = rpr.find(qn("w:rFonts")) if rpr is not None else None
    if fonts is None:
        return False
    if fonts.get(qn("w:eastAsiaTheme")):
        return None
    return fonts.get(qn("w:eastAsia")) or False


@dataclass(frozen=True)
class FontEntry:
    """One font of the font table: its name, an alternate name Word may match, and what it is for."""

    name: str
    alt_name: str = ""
    chinese: bool = False  # GB2312 character set (86), else ANSI (00)
    sans: bool = False  # family swiss, else roman


def replace_font_table(part, fonts: Iterable[FontEntry]) -> None:
    """Replace the fonts of `part` (the document's font table part) with `fonts`, in the order given."""
    root = etree.fromstring(part.blob)
    for font in list(root):
        root.remove(font)
    for entry in fonts:
        font = etree.SubElement(root, qn("w:font"), {qn("w:name"): entry.name})
        if entry.alt_name:
            etree.SubElement(font, qn("w:altName"), {qn("w:val"): entry.alt_name})
        etree.SubElement(font, qn("w:charset"), {qn("w:val"): "86" if entry.chinese else "00"})
        etree.SubElement(font, qn("w:family"), {qn("w:val"): "swiss" if entry.sans else "roman"})
        etree.SubElement(font, qn("w:pitch"), {qn("w:val"): "variable"})
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)

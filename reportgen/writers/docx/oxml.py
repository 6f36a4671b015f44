"""The WordprocessingML python-docx lacks: East Asian fonts, language, borders and fields, in schema order."""

from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

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


def child_in_order(parent, tag: str, seq: tuple[str, ...]):
    """Return the `tag` child of `parent`, creating it at its schema position when absent."""
    found = parent.find(qn(tag))
    if found is None:
        found = OxmlElement(tag)
        parent.insert_element_before(found, *seq[seq.index(tag) + 1:])
    return found


def set_fonts(rpr, east_asia: str, latin: str) -> None:
    """Set explicit Latin and East Asian typefaces on `rpr` (a w:rPr) and drop theme fonts that would win."""
    fonts = child_in_order(rpr, "w:rFonts", RPR_SEQ)
    for attr in THEME_ATTRS:
        fonts.attrib.pop(qn(attr), None)
    for slot, name in (("w:ascii", latin), ("w:hAnsi", latin), ("w:cs", latin), ("w:eastAsia", east_asia)):
        fonts.set(qn(slot), name)


def set_language(rpr, east_asia: str = "zh-CN") -> None:
    """Mark `rpr` as Chinese text, so Word applies Chinese line breaking and font choice."""
    lang = child_in_order(rpr, "w:lang", RPR_SEQ)
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), east_asia)


def bottom_border(ppr, color: str, eighths_pt: int) -> None:
    """Draw a rule under the paragraph (the masthead's red line, the colophon's lines)."""
    borders = child_in_order(ppr, "w:pBdr", PPR_SEQ)
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", str(eighths_pt)), ("w:space", "1"), ("w:color", color)):
        bottom.set(qn(key), value)
    borders.append(bottom)


def field_runs(instruction: str, cached: str) -> list:
    """Return the w:r elements of a complex field such as PAGE, with `cached` as its last shown result."""
    parts = (("w:fldChar", "begin"), ("w:instrText", f" {instruction} "), ("w:fldChar", "separate"),
             ("w:t", cached), ("w:fldChar", "end"))
    runs = []
    for tag, value in parts:
        run, element = OxmlElement("w:r"), OxmlElement(tag)
        if tag == "w:fldChar":
            element.set(qn("w:fldCharType"), value)
        else:
            element.set(qn("xml:space"), "preserve")
            element.text = value
        run.append(element)
        runs.append(run)
    return runs

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
    """Draw a rule under the paragraph (the masthead's red line), replacing any border it had."""
    borders = child_in_order(ppr, "w:pBdr", PPR_SEQ)
    for old in list(borders):
        borders.remove(old)
    borders.append(_border("w:bottom", color, eighths_pt, space=4))


def _border(tag: str, color: str, eighths_pt: int, space: int = 0):
    """Return a border element (w:top, w:bottom, w:insideH …): a single line, or none when `eighths_pt` is 0."""
    element = OxmlElement(tag)
    values = (("w:val", "single" if eighths_pt else "nil"), ("w:sz", str(eighths_pt)), ("w:space", str(space)),
              ("w:color", color))
    for key, value in values if eighths_pt else values[:1]:
        element.set(qn(key), value)
    return element


def set_table_borders(tbl, color: str, top: int, bottom: int, inside: int) -> None:
    """Give `tbl` (a w:tbl) only horizontal rules: `top` and `bottom` outside, `inside` between rows (1/8 pt)."""
    tbl_pr = tbl.tblPr
    old = tbl_pr.find(qn("w:tblBorders"))
    if old is not None:
        tbl_pr.remove(old)
    borders = OxmlElement("w:tblBorders")
    for tag, size in (("w:top", top), ("w:left", 0), ("w:bottom", bottom), ("w:right", 0), ("w:insideH", inside),
                      ("w:insideV", 0)):
        borders.append(_border(tag, color, size))
    tbl_pr.insert_element_before(borders, "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption",
                                 "w:tblDescription", "w:tblPrChange")


def float_to_page_bottom(tbl, left, top) -> None:
    """Float `tbl` at the bottom of the type area of its page (the 报尾 closes the last page).

    Word aligns it to the bottom (tblpYSpec); LibreOffice reads only the offset `top` (a Length) from the top
    margin. The horizontal position `left` is measured from the page edge, which LibreOffice needs to float a
    table as wide as the type area.
    """
    position = OxmlElement("w:tblpPr")
    for key, value in (("w:leftFromText", "0"), ("w:rightFromText", "0"), ("w:topFromText", "0"),
                       ("w:bottomFromText", "0"), ("w:vertAnchor", "margin"), ("w:horzAnchor", "page"),
                       ("w:tblpX", str(left.twips)), ("w:tblpY", str(max(0, top.twips))), ("w:tblpYSpec", "bottom")):
        position.set(qn(key), value)
    tbl.tblPr.insert_element_before(position, "w:tblOverlap", "w:bidiVisual", "w:tblStyleRowBandSize",
                                    "w:tblStyleColBandSize", "w:tblW", "w:jc", "w:tblCellSpacing", "w:tblInd",
                                    "w:tblBorders", "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook")


def keep_row_together(tr, keep_with_next: bool) -> None:
    """Stop a table row from breaking across pages; chain it to the next row when `keep_with_next`."""
    tr_pr = tr.get_or_add_trPr()
    if tr_pr.find(qn("w:cantSplit")) is None:
        tr_pr.insert(0, OxmlElement("w:cantSplit"))
    if keep_with_next:
        for p in tr.iter(qn("w:p")):
            child_in_order(p.get_or_add_pPr(), "w:keepNext", PPR_SEQ)


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


def zero_cell_margins(tbl) -> None:
    """Remove the left and right cell padding of `tbl`, so paragraph indents measure from the table's edge."""
    margins = tbl.tblPr.find(qn("w:tblCellMar"))
    if margins is None:
        margins = OxmlElement("w:tblCellMar")
        tbl.tblPr.insert_element_before(margins, "w:tblLook", "w:tblCaption", "w:tblDescription", "w:tblPrChange")
    for side in ("w:left", "w:right"):
        element = margins.find(qn(side))
        if element is None:
            element = OxmlElement(side)
            margins.append(element)
        element.set(qn("w:w"), "0")
        element.set(qn("w:type"), "dxa")


def repeat_as_header(tr) -> None:
    """Repeat the row `tr` at the top of every page the table continues on (w:tblHeader)."""
    tr_pr = tr.get_or_add_trPr()
    if tr_pr.find(qn("w:tblHeader")) is None:
        tr_pr.append(OxmlElement("w:tblHeader"))

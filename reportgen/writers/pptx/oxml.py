"""The DrawingML python-pptx lacks: the East Asian typeface (a:ea) and the zh-CN language on a run."""

from __future__ import annotations

from pptx.oxml.ns import qn
from pptx.oxml.xmlchemy import OxmlElement

from reportgen.fonts import DECK_FONTS


def set_east_asian(rpr, typeface: str = DECK_FONTS["body"]) -> None:
    """Give `rpr` (an a:rPr or a:defRPr) an explicit East Asian typeface after its a:latin; mark it Chinese."""
    rpr.set("lang", "zh-CN")
    rpr.set("altLang", "en-US")
    for old in rpr.findall(qn("a:ea")):
        rpr.remove(old)
    ea = OxmlElement("a:ea")
    ea.set("typeface", typeface)
    latin = rpr.find(qn("a:latin"))
    if latin is not None:
        latin.addnext(ea)
    else:
        rpr.append(ea)


def set_bullet(paragraph, char: str | None, indent: int) -> None:
    """Give `paragraph` a hanging bullet `char` in the accent colour (indent in EMU), or no bullet at all."""
    ppr = paragraph._p.get_or_add_pPr()
    for tag in ("a:buClr", "a:buSzPct", "a:buFont", "a:buNone", "a:buChar", "a:buAutoNum"):
        for old in ppr.findall(qn(tag)):
            ppr.remove(old)
    ppr.set("marL", str(indent if char else 0))
    ppr.set("indent", str(-indent if char else 0))
    if char is None:
        ppr.append(OxmlElement("a:buNone"))
        return
    colour = OxmlElement("a:buClr")
    scheme = OxmlElement("a:schemeClr")
    scheme.set("val", "accent1")
    colour.append(scheme)
    size = OxmlElement("a:buSzPct")
    size.set("val", "80000")
    bullet = OxmlElement("a:buChar")
    bullet.set("char", char)
    for element in (colour, size, bullet):
        ppr.append(element)

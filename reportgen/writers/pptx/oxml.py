"""The DrawingML python-pptx lacks: the East Asian typeface (a:ea) and the zh-CN language on a run."""

from __future__ import annotations

from pptx.oxml.ns import qn
from pptx.oxml.xmlchemy import OxmlElement


def set_east_asian(run, typeface: str) -> None:
    """Give `run` an explicit East Asian typeface right after its a:latin, and mark it as Chinese."""
    rpr = run._r.get_or_add_rPr()
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

"""Work around python-docx and python-pptx lookups that grow with the document and make big builds quadratic."""

from __future__ import annotations

def quick_partnames(package) -> None:
    """Make ``package.next_partname`` (python-pptx) constant time: it walks every part of the deck on each call.

    Each notes slide (and chart, embedded workbook) asks for a new part name, so a deck of 1000 slides with
    notes walked the part graph a million times. The names handed out are the same: the lowest free number.
    """
    from pptx.opc.packuri import PackURI

    taken: set[str] = set()
    counters: dict[str, int] = {}

    def next_partname(tmpl: str) -> PackURI:
        if not taken:  # first call: the parts as they are now, after any sample slides were dropped
            taken.update(str(part.partname) for part in package.iter_parts())
        n = counters.get(tmpl, 1)
        while tmpl % n in taken:
            n += 1
        counters[tmpl] = n + 1
        taken.add(tmpl % n)
        return PackURI(tmpl % n)

    package.next_partname = next_partname

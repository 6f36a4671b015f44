"""Work around a python-pptx lookup that grows with the deck and makes big builds quadratic."""

from __future__ import annotations

from pptx.opc.packuri import PackURI


def quick_partnames(package) -> bool:
    """Make ``package.next_partname`` (python-pptx) constant time; return whether it was replaced.

    python-pptx walks every part of the deck on each call, and each notes slide (and chart, embedded workbook) asks
    for a new part name, so a deck of 1000 slides with notes walked the part graph a million times. The names
    handed out are the same: the lowest free number. A package without ``next_partname`` (another python-pptx
    version) is left alone.
    """
    if not hasattr(package, "next_partname"):
        return False
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
    return True

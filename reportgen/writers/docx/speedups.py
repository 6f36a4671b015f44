"""Work around python-docx lookups that grow with the document and make big builds quadratic."""

from __future__ import annotations

import functools


def memoize_style_ids(document) -> bool:
    """Make style-name lookups of `document` (a python-docx Document) constant time after the first one; return
    whether the patch applies (False, and nothing changed, when this python-docx has no `part.get_style_id`).

    python-docx resolves ``add_paragraph(style="Body Text")`` by scanning every style, then every style again
    for the default: about 3 ms per paragraph with a full style sheet. Call this after the styles are set up;
    a name looked up once keeps its id for the rest of the build (styles are not renamed while writing).
    """
    part = document.part
    lookup = getattr(part, "get_style_id", None)
    if not callable(lookup):
        return False

    @functools.cache
    def by_name(name: str, style_type):
        return lookup(name, style_type)

    part.get_style_id = lambda style, style_type: (by_name(style, style_type) if isinstance(style, str)
                                                   else lookup(style, style_type))
    return True

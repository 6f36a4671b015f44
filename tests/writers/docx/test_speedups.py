"""The style-id memo gives the ids python-docx's own lookup gives, looks each name up once, and skips when absent."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import docx
from docx.enum.style import WD_STYLE_TYPE

from reportgen.writers.docx.speedups import memoize_style_ids

SHIPPED = Path(__file__).resolve().parents[3] / "templates" / "reference.docx"
P, C, T = WD_STYLE_TYPE.PARAGRAPH, WD_STYLE_TYPE.CHARACTER, WD_STYLE_TYPE.TABLE


def outcome(lookup, style, style_type):
    """Return what `lookup` gives: a style id, or the type and text of the error it raises."""
    try:
        return lookup(style, style_type)
    except (KeyError, ValueError) as exc:
        return type(exc), str(exc)


def test_memoized_lookups_give_the_ids_of_python_docx():
    plain, fast = docx.Document(str(SHIPPED)), docx.Document(str(SHIPPED))
    assert memoize_style_ids(fast)
    cases = [("Body Text", P), ("Heading 2", P), ("Normal", P), ("Strong", C), ("Table Grid", T), (None, P),
             ("No Such Style", P), ("Strong", P)]
    for name, style_type in cases + cases:  # the second round comes from the memo
        assert outcome(fast.part.get_style_id, name, style_type) == outcome(plain.part.get_style_id, name, style_type)
    for document in (plain, fast):
        caption = document.styles["Caption"]  # a style object, not a name
        assert outcome(document.part.get_style_id, caption, P) == "Caption"
    assert outcome(fast.part.get_style_id, "No Such Style", P)[0] is KeyError
    assert outcome(fast.part.get_style_id, "Strong", P)[0] is ValueError


def test_each_name_is_looked_up_once():
    document = docx.Document(str(SHIPPED))
    calls = []
    lookup = document.part.get_style_id
    document.part.get_style_id = lambda style, style_type: calls.append(style) or lookup(style, style_type)
    memoize_style_ids(document)
    for _ in range(3):
        document.add_paragraph("正文", style="Body Text")
    assert calls == ["Body Text"]


def test_a_python_docx_without_the_lookup_is_left_alone():
    part = SimpleNamespace()
    assert memoize_style_ids(SimpleNamespace(part=part)) is False
    assert vars(part) == {}

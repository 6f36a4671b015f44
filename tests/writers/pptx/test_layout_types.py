"""A reference deck saved by Chinese PowerPoint or WPS names its built-in layouts in Chinese: they are found by type."""

from __future__ import annotations

import io

from pptx import Presentation

from reportgen.document import Reference, WriterOptions
from reportgen.writers import write
from reportgen.writers.pptx.layouts import TYPES, find_layout

from .test_write_pptx import cards_deck, layouts_of

CHINESE = {"Title Slide": ("标题幻灯片", "title"), "Section Header": ("节标题", "secHead"),
           "Title and Content": ("标题和内容", "obj"), "Two Content": ("两栏内容", "twoObj")}


def chinese_deck(shipped: Reference, also: dict[str, tuple[str, str]] | None = None) -> Reference:
    """The shipped deck with its built-in layouts renamed and typed as Chinese PowerPoint saves them."""
    prs = Presentation(io.BytesIO(shipped.content))
    for name, (chinese, kind) in {**CHINESE, **(also or {})}.items():
        layout = prs.slide_layouts.get_by_name(name)
        layout.name = chinese
        layout._element.set("type", kind)
    stream = io.BytesIO()
    prs.save(stream)
    return Reference("custom/reference.pptx", stream.getvalue())


def test_the_mapping_covers_the_built_in_layouts():
    assert TYPES == {name: kind for name, (_, kind) in CHINESE.items()}


def test_chinese_layout_names_are_found_by_type(deck, shipped):
    rendered = write("pptx", cards_deck(deck), WriterOptions(chinese_deck(shipped), shipped), None)
    assert rendered.messages == ()
    used = layouts_of(rendered.content)
    assert used[0] == "标题幻灯片" and "Title Slide" not in used
    assert not set(used) & set(CHINESE)  # no layout was copied in from the shipped deck


def test_our_own_layouts_are_found_by_name_only(deck, shipped):
    """Cards has no built-in type: a deck calling it 仅标题 (titleOnly) does not stand in for it."""
    reference = chinese_deck(shipped, {"Cards": ("仅标题", "titleOnly")})
    rendered = write("pptx", cards_deck(deck), WriterOptions(reference, shipped), None)
    assert rendered.messages == ("custom/reference.pptx: layout 'Cards' missing; using the shipped one",)


def test_a_layout_of_our_names_is_not_taken_by_type(shipped):
    """A layout called by one of the deck's names serves only that name, whatever its type."""
    prs = Presentation(io.BytesIO(shipped.content))
    prs.slide_layouts.get_by_name("Agenda")._element.set("type", "obj")
    title_and_content = prs.slide_layouts.get_by_name("Title and Content")
    title_and_content.name = "标题和内容"
    assert find_layout(prs, "Title and Content") is None  # typed cust: copied from the shipped deck instead
    title_and_content._element.set("type", "obj")
    assert find_layout(prs, "Title and Content") == title_and_content

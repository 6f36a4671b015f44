"""write_pptx as the writer registry calls it: bytes, omissions and messages; and the part-name speed-up."""

from __future__ import annotations

import io
import types
import warnings

import pytest
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE

from reportgen.document import BulletList, Omission, Paragraph, Reference, Run, Section, WriterOptions
from reportgen.errors import TemplateError
from reportgen.writers import write
from reportgen.writers.pptx.layouts import find_layout
from reportgen.writers.pptx.speedups import quick_partnames


def cards_deck(deck):
    cards = tuple(Section(2, "", f"方向{k}", (BulletList(("措施",)),)) for k in range(1, 3))
    return deck(Section(1, "", "重点方向", cards), *(Section(1, "", f"第{k}部分", (Paragraph((Run("正文"),)),))
                                                     for k in range(1, 4)))


def without_layout(shipped: Reference, name: str) -> Reference:
    prs = Presentation(io.BytesIO(shipped.content))
    prs.slide_layouts.remove(prs.slide_layouts.get_by_name(name))
    stream = io.BytesIO()
    prs.save(stream)
    return Reference("custom/reference.pptx", stream.getvalue())


def layouts_of(content: bytes) -> list[str]:
    return [slide.slide_layout.name for slide in Presentation(io.BytesIO(content)).slides]


def test_a_missing_layout_is_copied_and_reported_as_a_message_not_a_warning(deck, shipped):
    options = WriterOptions(without_layout(shipped, "Cards"), shipped)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        rendered = write("pptx", cards_deck(deck), options, None)
    assert rendered.messages == ("custom/reference.pptx: layout 'Cards' missing; using the shipped one",)
    assert layouts_of(rendered.content)[:2] == ["Title Slide", "Cards"]


def test_the_shipped_reference_gives_no_message(deck, options):
    rendered = write("pptx", cards_deck(deck), options, None)
    assert rendered.messages == () and rendered.omissions == ()
    assert len(layouts_of(rendered.content)) == 5


def test_slides_beyond_the_deck_length_are_omissions(deck, shipped):
    rendered = write("pptx", cards_deck(deck), WriterOptions(shipped, shipped, max_slides=3), None)
    assert len(layouts_of(rendered.content)) == 3
    assert rendered.omissions == (Omission("slides[3]", "第2部分", "deck length", "the deck keeps 3 slides"),
                                  Omission("slides[4]", "第3部分", "deck length", "the deck keeps 3 slides"))


def test_a_broken_reference_is_a_template_error(deck, shipped):
    broken = Reference("custom/reference.pptx", b"not a zip")
    with pytest.raises(TemplateError, match=r"^custom/reference.pptx: not a usable PowerPoint file \(BadZipFile"):
        write("pptx", deck(), WriterOptions(broken, shipped), None)


def test_the_shipped_reference_lacking_a_layout_is_a_template_error(deck, shipped):
    lacking = without_layout(shipped, "Cards")
    with pytest.raises(TemplateError, match="the shipped reference deck lacks layouts Cards"):
        write("pptx", deck(), WriterOptions(lacking, lacking), None)


def build_parts(prs) -> list[str]:
    """Add slides with notes and a chart to `prs`; return its part names in package order."""
    data = CategoryChartData()
    data.categories = ("甲", "乙")
    data.add_series("值", (1.0, 2.0))
    for k in range(4):
        slide = prs.slides.add_slide(find_layout(prs, "Chart"))
        slide.notes_slide.notes_text_frame.text = f"备注{k}"
        if k % 2:
            slide.shapes.add_chart(XL_CHART_TYPE.COLUMN_CLUSTERED, 0, 0, 100, 100, data)
    return [str(part.partname) for part in prs.part.package.iter_parts()]


def test_quick_partnames_hands_out_the_names_python_pptx_would(shipped):
    plain, quick = (Presentation(io.BytesIO(shipped.content)) for _ in range(2))
    assert quick_partnames(quick.part.package) is True
    names = build_parts(quick)
    assert names == build_parts(plain)
    assert {"/ppt/slides/slide4.xml", "/ppt/notesSlides/notesSlide4.xml", "/ppt/charts/chart2.xml"} <= set(names)


def test_quick_partnames_leaves_a_package_without_next_partname_alone():
    package = types.SimpleNamespace(iter_parts=lambda: iter(()))
    assert quick_partnames(package) is False and not hasattr(package, "next_partname")

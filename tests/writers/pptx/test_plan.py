"""The pure deck planner: hand-made documents in, per-layout slide records out, compared as data."""

from __future__ import annotations

import dataclasses

import pytest

from reportgen.charts.spec import ChartSpec, Series
from reportgen.document import BulletList, Chart, Paragraph, Run, Section, SlideLayout, Table, WriterOptions
from reportgen.writers.pptx.cards import LEAD_ROOM
from reportgen.writers.pptx.geometry import Rect
from reportgen.writers.pptx.plan import CONTINUED, document_slides, plan_deck
from reportgen.writers.pptx.slides import (CardsSlide, ChartSlide, KpiSlide, SourceLine, TableSlide, Text, TextSlide,
                                           TwoContentSlide)

FIGURES = Table("主要指标", ("指标", "数值"), (("办理诉求", "7100余个"), ("满意度", "98.5%"), ("整改问题", "326个")),
                source="省信访局")


def section(title: str, *blocks) -> Section:
    return Section(1, "", title, tuple(blocks))


def plan(deck, geometry, metrics, *blocks):
    """Return the slides after the title slide of a deck of `blocks`."""
    return document_slides(deck(*blocks), geometry, metrics)[1:]


def inside(rect: Rect, outer: Rect) -> bool:
    eps = 1e-6
    return (rect.left >= outer.left - eps and rect.top >= outer.top - eps and rect.width > 0 and rect.height > 0
            and rect.left + rect.width <= outer.left + outer.width + eps and rect.bottom <= outer.bottom + eps)


def test_the_title_slide_holds_title_issuer_and_date(deck, geometry, metrics):
    cover = document_slides(deck(), geometry, metrics)[0]
    assert cover == TextSlide(layout="Title Slide", title=Text(((Run("全省治理成果汇报"),),), 40),
                              body=Text(((Run("省纪委监委办公厅"),), (Run("2025年1月20日"),)), 24))


@pytest.mark.parametrize(("blocks", "kind", "layout"), [
    ((Paragraph((Run("总体平稳。"),)),), TextSlide, "Title and Content"),
    ((BulletList(("一项", "两项")), Table("表", ("指标", "数值"), (("甲", "1个"),))), TwoContentSlide,
     "Two Content"),
    ((Table("表", ("指标", "数值"), (("甲", "1个"),)),), TableSlide, "Title and Content"),
    ((dataclasses.replace(FIGURES, tiles=True),), KpiSlide, "KPI Overview"),
    ((section("子项", BulletList(("措施",))),), CardsSlide, "Cards"),
    ((SlideLayout("Agenda"), BulletList(("一、总体情况", "二、主要成效"))), TextSlide, "Agenda"),
    ((), TextSlide, "Section Header"),
])
def test_the_layout_follows_the_content(deck, geometry, metrics, blocks, kind, layout):
    (slide,) = plan(deck, geometry, metrics, section("标题", *blocks))
    assert type(slide) is kind and slide.layout == layout
    assert slide.title.plain == ("标题",)


def test_a_chart_gets_its_own_slide_in_the_body_rect_with_its_source(deck, geometry, metrics):
    spec = ChartSpec("bar", "各市办件量", ("杭州", "宁波"), (Series("办件量", (12.0, 8.0)),), unit="万件")
    (slide,) = plan(deck, geometry, metrics, section("图表", Chart(spec, "各市办件量", source="省大数据局")))
    assert isinstance(slide, ChartSlide) and slide.title.plain == ("各市办件量",)
    assert slide.rect == geometry["Chart"][1]
    assert slide.source == SourceLine("省大数据局", Rect(43.2, 493.0, geometry.width - 86.4, 24.0))
    assert slide.notes.startswith(spec.alt_text)


def test_a_long_list_continues_on_continued_slides_and_keeps_every_item(deck, geometry, metrics):
    items = tuple(f"第{k}项成果：持续推进基层治理，群众满意度稳步提升，形成可复制可推广的经验做法。" for k in range(1, 41))
    slides = plan(deck, geometry, metrics, section("超长清单", BulletList(items)))
    assert len(slides) >= 2 and all(isinstance(s, TextSlide) and s.layout == "Title and Content" for s in slides)
    assert [s.title.plain[0] for s in slides] == ["超长清单"] + ["超长清单" + CONTINUED] * (len(slides) - 1)
    assert [t for s in slides for t in s.body.plain] == list(items)
    assert all(s.body.bullets and 14 <= s.body.size <= 24 for s in slides)


def test_the_rows_of_a_long_table_left_after_the_bullets_continue_across_the_width(deck, geometry, metrics):
    rows = tuple((f"指标{k}", f"{k}个") for k in range(40))
    slides = plan(deck, geometry, metrics, section("专项", BulletList(("一项",)), Table("表", ("指标", "数值"), rows,
                                                                                          source="省统计局")))
    first, *rest = slides
    assert isinstance(first, TwoContentSlide) and first.body.plain == ("一项",)
    right = geometry["Two Content"][2]
    assert first.table.rect == Rect(right.left, right.top, right.width,
                                    (len(first.table.table.rows) + 1) * first.table.size * 2)
    assert first.table.widths == (right.width * 0.68, right.width * 0.32)
    assert rest and all(isinstance(s, TableSlide) for s in rest)  # no half-empty （续） slide beside nothing
    wide = geometry["Title and Content"][1]
    assert all(s.table.rect.width == wide.width and s.table.widths == (wide.width * 0.68, wide.width * 0.32)
               for s in rest)
    assert [row for s in slides for row in s.table.table.rows] == list(rows)
    assert all(s.source.text == "省统计局" for s in slides)


def test_kpi_tiles_sit_in_a_row_inside_the_slide(deck, geometry, metrics):
    (slide,) = plan(deck, geometry, metrics, section("总体", Paragraph((Run("全年成效明显。"),)),
                                                     dataclasses.replace(FIGURES, tiles=True)))
    page = Rect(0, 0, geometry.width, geometry.height)
    assert [(t.label, t.value) for t in slide.tiles] == list(FIGURES.rows)
    assert slide.body.plain == ("全年成效明显。",) and slide.source.text == "省信访局"
    assert all(inside(t.rect, page) and inside(t.value_rect, t.rect) and inside(t.label_rect, t.rect)
               for t in slide.tiles)
    assert all(a.rect.left + a.rect.width < b.rect.left for a, b in zip(slide.tiles, slide.tiles[1:]))
    assert all(t.rect.bottom < geometry["KPI Overview"][1].top for t in slide.tiles)
    assert 16 <= slide.value_size <= 44 and 10 <= slide.label_size <= 18


def test_cards_fill_the_body_in_a_grid_below_the_lead(deck, geometry, metrics):
    cards = [section(f"方向{k}", BulletList((f"措施{k}甲", f"措施{k}乙"))) for k in range(1, 5)]
    (slide,) = plan(deck, geometry, metrics, section("重点方向", Paragraph((Run("四个方向同步推进。"),)), *cards))
    body = geometry["Cards"][1]
    assert slide.body.plain == ("四个方向同步推进。",)
    assert [c.card.title for c in slide.cards] == ["方向1", "方向2", "方向3", "方向4"]
    assert [c.card.body.plain for c in slide.cards] == [(f"措施{k}甲", f"措施{k}乙") for k in range(1, 5)]
    assert slide.cards[0].bar.top == body.top + LEAD_ROOM
    for c in slide.cards:
        assert inside(c.bar, body) and inside(c.panel, body) and c.panel.top == c.bar.bottom
    assert len({(c.panel.width, c.panel.height) for c in slide.cards}) == 1
    assert [c.bar.top for c in slide.cards] == [slide.cards[0].bar.top] * 3 + [slide.cards[3].bar.top]


def test_a_card_panel_is_as_tall_as_its_row_needs_and_no_taller_than_its_grid_cell(deck, geometry, metrics):
    long = tuple(f"第{k}项措施：深化专项整治，推动建章立制，巩固治理成果" for k in range(1, 12))
    (short,) = plan(deck, geometry, metrics, section("要闻", section("甲", BulletList(("一句话",))),
                                                     section("乙", BulletList(("另一句",)))))
    (full,) = plan(deck, geometry, metrics, section("要闻", section("甲", BulletList(long)),
                                                    section("乙", BulletList(("一句话",)))))
    body = geometry["Cards"][1]
    cell = body.height - 30.0  # one row: the body under its title bar
    assert short.cards[0].panel.height < cell / 3 and short.cards[0].panel.height == short.cards[1].panel.height
    assert full.cards[0].panel.height == full.cards[1].panel.height <= cell + 1e-6
    assert full.cards[0].panel.height > 2 * short.cards[0].panel.height
    assert all(inside(c.panel, body) for c in (*short.cards, *full.cards))


def test_more_cards_than_fit_continue_on_the_next_slide(deck, geometry, metrics):
    cards = [section(f"方向{k}", BulletList(("措施",))) for k in range(1, 9)]
    slides = plan(deck, geometry, metrics, section("方向", *cards))
    assert [len(s.cards) for s in slides] == [6, 2]
    assert slides[1].title.plain == ("方向" + CONTINUED,)
    assert [c.card.title for s in slides for c in s.cards] == [f"方向{k}" for k in range(1, 9)]


def test_notes_and_deck_length_come_from_the_options(deck, geometry, metrics, shipped):
    document = deck(section("一", Paragraph((Run("正文"),)), Paragraph((Run("备注"),), role="note")),
                    section("二", Paragraph((Run("正文"),))), section("三", Paragraph((Run("正文"),))))
    full = plan_deck(document, geometry, metrics, WriterOptions(shipped, shipped))
    assert [s.notes for s in full.slides] == ["", "备注", "", ""] and full.left_out == ()
    short = plan_deck(document, geometry, metrics, WriterOptions(shipped, shipped, notes=False, max_slides=2))
    assert [s.title.plain[0] for s in short.slides] == ["全省治理成果汇报", "一"]
    assert [s.title.plain[0] for s in short.left_out] == ["二", "三"]
    assert all(s.notes == "" for s in (*short.slides, *short.left_out))


def test_the_plan_holds_no_python_pptx_object(deck, geometry, metrics, options):
    cards = [section(f"方向{k}", BulletList(("措施",))) for k in range(1, 3)]
    document = deck(section("总体", dataclasses.replace(FIGURES, tiles=True)), section("方向", *cards),
                    section("表", BulletList(("一项",)), FIGURES))
    seen = list(_values(plan_deck(document, geometry, metrics, options)))
    assert len(seen) > 50 and not [v for v in seen if type(v).__module__.startswith(("pptx", "lxml"))]


def _values(value):
    """Yield `value` and everything inside it (dataclass fields, tuples)."""
    yield value
    if dataclasses.is_dataclass(value):
        for f in dataclasses.fields(value):
            yield from _values(getattr(value, f.name))
    elif isinstance(value, tuple | list):
        for item in value:
            yield from _values(item)

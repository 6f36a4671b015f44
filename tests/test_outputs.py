"""Re-open the built briefing and deck: every figure, achievement and slide a reader expects."""

from __future__ import annotations

import docx
from conftest import DATA, docx_tables, docx_text
from docx.oxml.ns import qn

from reportgen.numbers import figure_text


def every_figure(briefing):
    for gov in briefing.governance:
        yield from gov.totals
        for project in gov.projects:
            yield from project.figures
    for article in briefing.articles:
        yield from article.figures


def test_briefing_holds_every_figure_and_achievement(built, briefing):
    text = docx_text(built["docx"])
    assert [figure_text(f) for f in every_figure(briefing) if figure_text(f) not in text] == []
    for project in briefing.governance[0].projects:
        assert project.name in text and (f"牵头单位：{project.lead}" in text) is project.lead_stated
        for achievement in project.achievements:
            assert achievement.headline + achievement.text in text
    for article in briefing.articles:
        assert article.title in text and f"（来源：{article.source}）" in text
        assert all(m.text[len(m.name or ""):] in text for g in article.groups for m in g.measures)
        assert all(item in text for item in article.items)


def test_each_project_has_a_table_of_its_figures(built, briefing):
    tables = {rows[0] and tuple(map(tuple, rows[1:])) for rows in docx_tables(built["docx"])}
    for project in briefing.governance[0].projects:
        expected = tuple((f.label, figure_text(f)) for f in project.figures)
        assert expected in tables, project.id
    totals = tuple((f.label, figure_text(f)) for f in briefing.governance[0].totals)
    assert totals in tables


def test_briefing_headings_are_numbered_as_text(built):
    document = docx.Document(str(built["docx"]))
    headings = [(p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings[0] == ("Heading 1", "一、总体情况")
    assert ("Heading 2", "（一）中小学非教育教学事务进校园问题专项治理") in headings
    assert ("Heading 2", "（八）网络直播营销违法违规行为专项治理") in headings
    assert [t for s, t in headings if s == "Heading 1"][2] == "三、中央政法工作会议作出重要部署"
    captions = [p.text for p in document.paragraphs if p.style.name == "Caption" and p.text.startswith("表")]
    assert captions[0] == "表1 2024年专项治理总体情况" and captions[1].startswith("表2 中小学")


def test_briefing_page_fonts_and_properties(built):
    document = docx.Document(str(built["docx"]))
    section = document.sections[0]
    assert [round(x.mm) for x in (section.page_width, section.page_height)] == [210, 297]
    margins = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    assert [round(m.mm) for m in margins] == [37, 35, 28, 26]
    for name in ("Normal", "Body Text", "Title", "Heading 1", "Heading 2", "Caption", "Masthead"):
        fonts = document.styles[name].element.rPr.rFonts
        assert fonts.get(qn("w:eastAsia")), name
        assert fonts.get(qn("w:eastAsiaTheme")) is None, name
    assert document.styles["Normal"].element.rPr.rFonts.get(qn("w:eastAsia")) == "仿宋_GB2312"
    assert document.styles["Heading 1"].element.rPr.rFonts.get(qn("w:eastAsia")) == "黑体"
    props = document.core_properties
    assert props.author == "省纪委监委办公厅" and props.language == "zh-CN"
    assert props.created.date().isoformat() == "2025-01-20"


def test_core_properties_are_cut_to_the_office_limit(built):
    import dataclasses

    from reportgen.writers.properties import set_properties

    document = docx.Document(str(built["docx"]))
    meta = dataclasses.replace(_meta(), title="专项治理" * 100)
    set_properties(document.core_properties, meta, "简报")
    assert len(document.core_properties.title) == 255 and document.core_properties.title.endswith("…")


def _meta():
    from reportgen.compose import compose_document
    from reportgen.compose.profile import load_profile
    from reportgen.inputs.loader import load_briefing
    from reportgen.resources import Locator

    locator = Locator.default()
    return compose_document(load_briefing(DATA), load_profile("full", locator), locator).meta

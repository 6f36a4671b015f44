"""The shipped data against its source page: every figure, text and name as printed."""

from __future__ import annotations

import re
from decimal import Decimal

from conftest import SEED, seed_text

from reportgen.numbers import figure_text, plain_number

SEED_TEXT = seed_text()


def all_figures(briefing):
    for gov in briefing.governance:
        yield from gov.totals
        yield from gov.figures
        for project in gov.projects:
            yield from project.figures
    for article in briefing.articles:
        yield from article.figures


def test_every_figure_is_printed_in_the_source(briefing):
    missing = [figure_text(f) for f in all_figures(briefing) if figure_text(f) not in SEED_TEXT]
    assert missing == []


def test_sample_figures_keep_value_unit_and_qualifier(briefing):
    gov = briefing.governance[0]
    assert [(f.label, f.value, f.unit) for f in gov.totals] == [
        ("查处群众身边腐败和作风问题", Decimal(5704), "个"),
        ("批评教育和处理", Decimal(6450), "人"),
        ("党纪政务处分", Decimal(3561), "人"),
        ("追缴资金", Decimal(26877), "万元"),
    ]
    by_project = {p.id: {figure_text(f) for f in p.figures} for p in gov.projects}
    assert {"7100余个", "60多个", "1.9万家", "2.9万次", "18.8%"} <= by_project["noise"]
    assert {"超过90%", "86%", "1252家", "1456家"} <= by_project["elderly_care"]
    assert {"千余人", "1432.49万元", "11.87万个", "14.5亿元", "26.6%"} <= by_project["livestream"]
    assert {"200余种", "超28天", "1.32亿元", "3.65亿元", "887482次", "223317次", "500余辆"} <= by_project["primary_health"]
    assert {"14.8亿元", "6117家"} <= by_project["telecom_fraud"]
    assert {"7097.67万元", "11.5万份"} <= by_project["work_injury"]
    assert {"1481.8万元", "76亿元", "146万处"} <= by_project["community_income"]


def test_the_share_is_declared_with_its_parts_and_target(briefing):
    elderly = next(p for p in briefing.governance[0].projects if p.id == "elderly_care")
    share = next(f for f in elderly.figures if f.share_of)
    assert (share.value, share.target, share.share_of) == (86, 80, ("centres_outsourced", "centres_total"))


def test_every_digit_run_of_a_project_paragraph_is_covered_by_a_figure(briefing):
    skipped_years = {"2024"}
    for project in briefing.governance[0].projects:
        for achievement in project.achievements:
            stated = {plain_number(v) for f in achievement.figures for v in (f.value, f.target) if v is not None}
            text = re.sub(r"\d+至\d+月", "", achievement.text)  # a date range, not a figure
            for number in re.findall(r"\d+(?:\.\d+)?", text):
                assert number in skipped_years or number in stated, (project.id, number)


def test_texts_are_verbatim(briefing):
    for project in briefing.governance[0].projects:
        for achievement in project.achievements:
            assert re.sub(r"\s", "", achievement.headline + achievement.text) in SEED_TEXT
    for article in briefing.articles:
        for group in article.groups:
            for measure in group.measures:
                assert re.sub(r"\s", "", measure.text) in SEED_TEXT, measure.text


def test_structure_matches_the_source(briefing):
    gov = briefing.governance[0]
    assert len(gov.projects) == 8
    assert gov.mechanism == ["群众点题", "部门答题", "纪委监督", "社会评价"]
    articles = {a.id: a for a in briefing.articles}
    tourism = articles["tourism"]
    assert [len(g.measures) for g in tourism.groups] == [3] * 6
    assert len(articles["zhoushan"].items) == 20
    assert articles["zhoushan"].items[0] == "普陀山南海观音" and articles["zhoushan"].items[-1] == "岱山鹿栏晴沙"
    assert {f.value for f in articles["zhoushan"].figures} >= {1235517}
    political = articles["political_legal"]
    assert [g.key for g in political.groups[:3]] == ["惩", "防", "管"]
    justice = {m.name for g in political.groups for m in g.measures if m.name}
    assert {"宽严相济", "立案登记制", "司法公开", "审执分离"} <= justice


def test_sources_and_stated_lead_departments_are_on_the_page(briefing):
    sources = {g.source for g in briefing.governance} | {a.source for a in briefing.articles}
    assert sources == {"浙江发布微信公众号", "新华社", "《新华每日电讯》", "《舟山日报》"}
    assert all(f"（来源：{s}）" in SEED.read_text(encoding="utf-8") for s in sources)
    for project in briefing.governance[0].projects:
        if project.lead_stated:
            assert project.lead in SEED_TEXT

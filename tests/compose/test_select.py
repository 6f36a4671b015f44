"""restrict and allowed: what an audience may see, and the Omission list of what it may not, as plain data."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from reportgen.compose.profile import Profile
from reportgen.compose.select import allowed, restrict
from reportgen.inputs.loader import load_briefing

CLASSIFIED = Path(__file__).resolve().parents[1] / "roots" / "classified" / "data"
INTERNAL_ONLY = "marked 内部; this audience receives 公开 only"


def profile(**fields) -> Profile:
    return Profile(name="test", description="测试", bulletin="简报", sections=["overview"], **fields)


@pytest.fixture(scope="module")
def classified():
    return load_briefing(CLASSIFIED)


def omitted(omissions) -> list[tuple[str, str, str, str]]:
    return [dataclasses.astuple(o) for o in omissions]


def shape(briefing) -> dict:
    """The ids the briefing still holds: governance → projects → number of achievements, and the articles."""
    return {
        "governance": {g.id: {p.id: len(p.achievements) for p in g.projects} for g in briefing.governance},
        "articles": [a.id for a in briefing.articles],
    }


@pytest.mark.parametrize(("item", "audience", "expected"), [
    ("公开", "公开", True),
    ("内部", "公开", False),
    ("公开", "内部", True),
    ("内部", "内部", True),
])
def test_allowed_lets_internal_audiences_see_public_items_too(item, audience, expected):
    assert allowed(item, audience) is expected


def test_an_internal_audience_without_selection_keeps_everything(classified):
    kept, omissions = restrict(classified, profile(classification="内部"))
    assert omissions == []
    assert kept == classified


def test_a_public_audience_loses_every_internal_item_in_data_order(classified):
    kept, omissions = restrict(classified, profile(classification="公开"))
    assert shape(kept) == {"governance": {"city_2024": {"canteen": 1}}, "articles": ["public_news"]}
    assert kept.governance[0].projects[0].achievements[0].headline == "全面排查。"
    assert omitted(omissions) == [
        ("city_2024.projects.canteen.achievements[1]", "内部核查线索。", "classification", INTERNAL_ONLY),
        ("city_2024.projects.pension", "养老金冒领专项治理", "classification", INTERNAL_ONLY),
        ("internal_note", "关于下一阶段督查安排的内部通报", "classification", INTERNAL_ONLY),
    ]


def test_restricting_leaves_the_input_briefing_and_the_shared_totals_alone(classified):
    kept, _ = restrict(classified, profile(classification="公开"))
    assert shape(classified) == {"governance": {"city_2024": {"canteen": 2, "pension": 1}},
                                 "articles": ["public_news", "internal_note"]}
    assert kept.governance[0].totals == classified.governance[0].totals
    assert kept.meta == classified.meta


def test_an_articles_selection_keeps_the_listed_articles_and_names_the_unknown_ones(classified):
    kept, omissions = restrict(classified, profile(classification="内部", articles=["no_such_article", "internal_note"]))
    assert shape(kept) == {"governance": {"city_2024": {"canteen": 2, "pension": 1}}, "articles": ["internal_note"]}
    assert omitted(omissions) == [
        ("no_such_article", "no_such_article", "selection", "listed in the profile's articles but not in the data"),
        ("public_news", "测试市开展便民服务月活动", "selection", "not in the profile's articles list"),
    ]


def test_classification_is_the_reason_when_a_selected_article_is_above_the_audience(classified):
    kept, omissions = restrict(classified, profile(classification="公开", articles=["internal_note"]))
    assert kept.articles == []
    assert [(o.item, o.reason) for o in omissions] == [
        ("city_2024.projects.canteen.achievements[1]", "classification"),
        ("city_2024.projects.pension", "classification"),
        ("public_news", "selection"),
        ("internal_note", "classification"),
    ]


def test_an_empty_selection_removes_every_article(classified):
    kept, omissions = restrict(classified, profile(classification="内部", articles=[]))
    assert kept.articles == []
    assert [(o.item, o.reason) for o in omissions] == [("public_news", "selection"), ("internal_note", "selection")]


def test_an_internal_governance_file_goes_as_a_whole_for_a_public_audience(classified):
    internal = classified.model_copy(update={"governance": [
        classified.governance[0].model_copy(update={"classification": "内部"})]})
    kept, omissions = restrict(internal, profile(classification="公开"))
    assert kept.governance == []
    assert omitted(omissions)[0] == ("city_2024", "测试市公布2024年度专项治理工作成果", "classification", INTERNAL_ONLY)
    assert [o.item for o in omissions] == ["city_2024", "internal_note"]

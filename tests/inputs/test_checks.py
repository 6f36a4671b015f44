"""The cross-checks of inputs/checks.py, through load_briefing on tiny data folders: each problem with its field,
line and message."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportgen.errors import DataError
from reportgen.inputs.loader import load_briefing

META = """\
kind: briefing
title: 测试简报
issuer: 测试办公室
issue: 1
date: 2025-01-20
"""

GOVERNANCE = """\
kind: governance
id: city_2024
title: 测试市专项治理成果
headline: 群众点题
source: 测试市纪委监委
year: 2024
intro:
  - 全年查处问题120个，追缴资金350万元；受访群众1456人中满意群众1252人，满意率86%；2个项目各由1个牵头部门负责，共2个。
mechanism: [群众点题]
totals:
  - label: 查处问题
    value: 120
    unit: 个
  - label: 追缴资金
    value: 350
    unit: 万元
figures:
  - id: satisfied
    label: 满意群众
    value: 1252
    unit: 人
  - id: asked
    label: 受访群众
    value: 1456
    unit: 人
  - label: 满意率
    value: 86
    unit: "%"
    share_of: [satisfied, asked]
  - label: 项目
    value: 2
    unit: 个
    counts: projects
  - label: 牵头部门
    value: 2
    unit: 个
    counts: departments
projects:
  - id: canteen
    name: 校园食堂治理
    lead: 市教育局
    achievements:
      - headline: 全面排查。
        text: 排查食堂86家。
        figures:
          - label: 排查食堂
            value: 86
            unit: 家
  - id: pension
    name: 养老金治理
    lead: 市人力社保局
    achievements:
      - headline: 追回资金。
        text: 追回养老金210万元。
"""

ARTICLE = """\
kind: article
id: news
title: 便民服务月
source: 测试日报
summary:
  - 共推出3个方向6项措施，服务群众5000余人。
groups:
  - heading: 方向一
    measures: [{text: 措施一}, {text: 措施二}]
  - heading: 方向二
    measures: [{text: 措施三}, {text: 措施四}]
  - heading: 方向三
    measures: [{text: 措施五}, {text: 措施六}]
items: [一, 二]
figures:
  - label: 服务群众
    value: 5000
    unit: 人
    qualifier: 余
  - label: 方向
    value: 3
    unit: 个
    counts: groups
  - label: 措施
    value: 6
    unit: 项
    counts: measures
"""


PERCENT = '    value: {}\n    unit: "%"'  # the 满意率 figure's value


def folder(tmp_path: Path, **files: str) -> Path:
    """Write 00-briefing.yaml and each `name=text` as <name>.yaml into a fresh data folder; return the folder."""
    data = tmp_path / "data"
    data.mkdir(parents=True)
    (data / "00-briefing.yaml").write_text(META, encoding="utf-8")
    for name, text in files.items():
        (data / f"{name}.yaml").write_text(text, encoding="utf-8")
    return data


def problems(data: Path) -> list[tuple[str, int | None, str, str]]:
    """Return the problems load_briefing reports as (file name, line, field, message)."""
    with pytest.raises(DataError) as caught:
        load_briefing(data)
    return [(p.file.name, p.line, p.field, p.message) for p in caught.value.problems]


def line_of(text: str, line: str, after: int = 0) -> int:
    """Return the 1-based number of the first line equal to `line` at or after line number `after`."""
    lines = text.splitlines()
    return lines.index(line, after) + 1


def test_the_consistent_files_load(tmp_path):
    briefing = load_briefing(folder(tmp_path, gov=GOVERNANCE, news=ARTICLE))
    assert [g.id for g in briefing.governance] == ["city_2024"] and [a.id for a in briefing.articles] == ["news"]


def test_a_total_not_stated_in_the_intro_is_named_with_its_line(tmp_path):
    text = GOVERNANCE.replace("    value: 120\n", "    value: 121\n")
    assert problems(folder(tmp_path, gov=text)) == [
        ("gov.yaml", line_of(text, "  - label: 查处问题"), "totals[0]",
         "121个 (查处问题) is not stated in the intro (expected the text to contain it); the text says 120个")]


def test_a_qualifier_is_part_of_the_stated_figure(tmp_path):
    text = ARTICLE.replace("    qualifier: 余\n", "    qualifier: 超过\n")
    assert problems(folder(tmp_path, news=text)) == [
        ("news.yaml", line_of(text, "  - label: 服务群众"), "figures[0]",
         "超过5000人 (服务群众) is not stated in the text of the article (expected the text to contain it); "
         "the text says 5000余人")]


def test_an_achievement_figure_is_checked_against_its_own_text(tmp_path):
    text = GOVERNANCE.replace("text: 排查食堂86家。", "text: 排查食堂80余家。")
    assert problems(folder(tmp_path, gov=text)) == [
        ("gov.yaml", line_of(text, "          - label: 排查食堂"), "projects[0].achievements[0].figures[0]",
         "86家 (排查食堂) is not stated in the paragraph (expected the text to contain it); the text says 80余家")]


def test_a_share_that_contradicts_its_parts_is_refused(tmp_path):
    text = GOVERNANCE.replace("满意率86%", "满意率85%").replace(PERCENT.format(86), PERCENT.format(85))
    assert problems(folder(tmp_path, gov=text)) == [
        ("gov.yaml", line_of(text, "    share_of: [satisfied, asked]"), "figures[2].share_of",
         "85% contradicts its parts: 1252 / 1456 = 86%")]


def test_a_share_is_rounded_to_the_places_it_is_written_with(tmp_path):
    ok = GOVERNANCE.replace("满意率86%", "满意率85.99%").replace(PERCENT.format(86), PERCENT.format(85.99))
    assert len(load_briefing(folder(tmp_path, gov=ok)).governance[0].figures) == 5
    bad = GOVERNANCE.replace("满意率86%", "满意率86.0%").replace(PERCENT.format(86), PERCENT.format(85.9))
    assert [p[2:] for p in problems(folder(tmp_path / "bad", gov=bad))] == [
        ("figures[2]", "85.9% (满意率) is not stated in the intro (expected the text to contain it); the text "
                       "says 86.0%"),
        ("figures[2].share_of", "85.9% contradicts its parts: 1252 / 1456 = 86%")]


def test_a_share_of_an_unknown_id_is_named(tmp_path):
    text = GOVERNANCE.replace("share_of: [satisfied, asked]", "share_of: [satisfied, polled]")
    assert [p[2:] for p in problems(folder(tmp_path, gov=text))] == [
        ("figures[2].share_of", "refers to unknown figure id polled (expected ids of figures in the same list, "
                                 "or of the totals and figures of the file)")]


def test_a_share_needs_a_percentage_of_parts_in_one_unit(tmp_path):
    text = GOVERNANCE.replace("    value: 1456\n    unit: 人", "    value: 1456\n    unit: 次").replace("1456人", "1456次")
    assert [p[2:] for p in problems(folder(tmp_path, gov=text))] == [
        ("figures[2].share_of", "a share needs unit % and two parts in one unit (got %, 人, 次)")]


def test_a_count_of_projects_must_match_the_projects_listed(tmp_path):
    text = GOVERNANCE.replace("2个项目", "3个项目").replace("    value: 2\n    unit: 个\n    counts: projects",
                                                        "    value: 3\n    unit: 个\n    counts: projects")
    assert problems(folder(tmp_path, gov=text)) == [
        ("gov.yaml", line_of(text, "    value: 3"), "figures[3].value", "states 3 projects but the file lists 2 (if it describes only some of them, add listed: 2)")]


def test_departments_count_distinct_leads(tmp_path):
    text = GOVERNANCE.replace("lead: 市人力社保局", "lead: 市教育局")
    assert [p[2:] for p in problems(folder(tmp_path, gov=text))] == [
        ("figures[4].value", "states 2 departments but the file lists 1 (if it describes only some of them, add listed: 1)")]


def test_an_article_counts_groups_measures_and_items(tmp_path):
    text = ARTICLE.replace("items: [一, 二]", "items: [一, 二]\nitems_heading: 清单") + (
        "  - label: 清单\n    value: 3\n    unit: 项\n    counts: items\n")
    text = text.replace("6项措施", "6项措施3项").replace("measures: [{text: 措施五}, {text: 措施六}]",
                                                    "measures: [{text: 措施五}]")
    assert [p[2:] for p in problems(folder(tmp_path, news=text))] == [
        ("figures[2].value", "states 6 measures but the file lists 5 (if it describes only some of them, add listed: 5)"),
        ("figures[3].value", "states 3 items but the file lists 2 (if it describes only some of them, add listed: 2)")]


def test_an_article_cannot_count_projects(tmp_path):
    text = ARTICLE.replace("counts: groups", "counts: projects")
    assert [p[2:] for p in problems(folder(tmp_path, news=text))] == [
        ("figures[1].counts", "projects cannot be counted here (expected one of groups, measures, items)")]


def test_a_repeated_project_id_is_refused_at_the_second_project(tmp_path):
    text = GOVERNANCE.replace("  - id: pension", "  - id: canteen")
    assert problems(folder(tmp_path, gov=text)) == [
        ("gov.yaml", line_of(text, "  - id: canteen", line_of(text, "  - id: canteen")), "projects[1]",
         "duplicate project id 'canteen'")]


def test_a_repeated_figure_id_is_refused_within_one_list(tmp_path):
    text = (GOVERNANCE.replace("  - id: asked", "  - id: satisfied")
            .replace("[satisfied, asked]", "[satisfied, satisfied]"))
    found = problems(folder(tmp_path, gov=text))
    assert found[0][2:] == ("figures[1]", "duplicate figure id 'satisfied'")
    assert found[1][2:] == ("figures[2].share_of", "86% contradicts its parts: 1456 / 1456 = 100%")  # the last
    assert len(found) == 2


def test_every_problem_of_every_file_is_reported_at_once(tmp_path):
    gov = GOVERNANCE.replace("    value: 120\n", "    value: 121\n").replace("  - id: pension", "  - id: canteen")
    news = ARTICLE.replace("counts: groups", "counts: projects")
    assert [(p[0], p[2]) for p in problems(folder(tmp_path, gov=gov, news=news))] == [
        ("gov.yaml", "totals[0]"), ("gov.yaml", "projects[1]"), ("news.yaml", "figures[1].counts")]

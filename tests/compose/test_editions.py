"""editions_of: one edition of everything, or one per lead department holding only that department's projects."""

from __future__ import annotations

import pytest

from reportgen.compose.editions import EditionData, editions_of
from reportgen.compose.profile import Profile
from reportgen.errors import DataError
from reportgen.inputs.loader import load_briefing

LEADS = {"education": "省教育厅", "telecom_fraud": "省公安厅", "elderly_care": "省民政厅", "work_injury": "省人力社保厅",
         "noise": "省生态环境厅", "community_income": "省建设厅", "primary_health": "省卫生健康委",
         "livestream": "省市场监管局"}


def profile(batch=None) -> Profile:
    return Profile(name="test", description="测试", bulletin="简报", sections=["overview"], batch=batch)


def project_ids(briefing) -> dict[str, list[str]]:
    return {g.id: [p.id for p in g.projects] for g in briefing.governance}


def with_leads(briefing, **leads):
    """Return `briefing` with the lead department of the projects named in `leads` changed."""
    gov = briefing.governance[0]
    projects = [p.model_copy(update={"lead": leads.get(p.id, p.lead)}) for p in gov.projects]
    return briefing.model_copy(update={"governance": [gov.model_copy(update={"projects": projects})]})


def test_without_batch_there_is_one_edition_of_all_the_data(briefing):
    assert editions_of(briefing, profile()) == [EditionData("", "", (), briefing)]


def test_a_batch_profile_makes_one_edition_per_lead_department_in_data_order(briefing):
    editions = editions_of(briefing, profile("department"))
    assert [(e.folder, e.department, e.projects) for e in editions] == [(lead, lead, (i,)) for i, lead in LEADS.items()]


def test_each_department_holds_only_its_projects_and_the_shared_totals(briefing):
    gov = briefing.governance[0]
    for edition in editions_of(briefing, profile("department")):
        assert project_ids(edition.briefing) == {"zhejiang_2024": list(edition.projects)}
        (own,) = edition.briefing.governance[0].projects
        assert own.lead == edition.department == edition.folder  # the folder is named after the department
        assert own == next(p for p in gov.projects if p.id == edition.projects[0])
        assert edition.briefing.governance[0].totals == gov.totals
        assert edition.briefing.articles == briefing.articles and edition.briefing.meta == briefing.meta


def test_the_other_departments_projects_are_omitted_for_reason_batch(briefing):
    noise = editions_of(briefing, profile("department"))[4]
    assert noise.department == "省生态环境厅"
    assert [(o.item, o.reason, o.note) for o in noise.omissions] == [
        (f"zhejiang_2024.projects.{i}", "batch", f"led by {lead}, not 省生态环境厅")
        for i, lead in LEADS.items() if i != "noise"]
    assert noise.omissions[0].label == briefing.governance[0].projects[0].name


def test_a_department_leading_two_projects_gets_both_in_one_edition_named_after_it(briefing):
    shared = with_leads(briefing, livestream="省教育厅", noise="省教育厅")
    editions = editions_of(shared, profile("department"))
    assert len(editions) == 6
    first = editions[0]
    assert (first.folder, first.department) == ("省教育厅", "省教育厅")
    assert first.projects == ("education", "noise", "livestream")
    assert project_ids(first.briefing) == {"zhejiang_2024": ["education", "noise", "livestream"]}
    assert len(first.omissions) == 5 and {o.reason for o in first.omissions} == {"batch"}


def test_the_input_briefing_is_not_changed(briefing):
    before = project_ids(briefing)
    editions_of(briefing, profile("department"))
    assert project_ids(briefing) == before == {"zhejiang_2024": list(LEADS)}


def test_a_project_id_repeated_in_another_file_is_refused_so_no_edition_takes_another_departments_project(
        data_copy):
    text = (data_copy / "10-governance.yaml").read_text(encoding="utf-8")
    (data_copy / "11-governance-2023.yaml").write_text(text.replace("id: zhejiang_2024", "id: zhejiang_2023"),
                                                        encoding="utf-8")
    with pytest.raises(DataError, match=r"11-governance-2023\.yaml:\d+: projects\[0\]\.id: project id 'education' is "
                                        r"also used in 10-governance\.yaml:\d+"):
        load_briefing(data_copy)

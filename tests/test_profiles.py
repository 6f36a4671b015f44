"""Audience profiles: extends with deep merge, precedence across template roots, precise errors."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from reportgen.compose.profile import deep_merge, list_profiles, load_profile
from reportgen.errors import ReferenceFileError, TemplateError, UsageError
from reportgen.resources import Locator, shipped_templates

SHIPPED = Locator((shipped_templates(),))


def user_root(tmp_path: Path, **files: str) -> Locator:
    """A locator with a user folder holding audiences/<name>.yaml files, before the shipped templates."""
    folder = tmp_path / "mine" / "audiences"
    folder.mkdir(parents=True)
    for name, text in files.items():
        (folder / f"{name}.yaml").write_text(text, encoding="utf-8")
    return Locator((tmp_path / "mine", shipped_templates()))


def test_shipped_profiles_are_listed_and_valid():
    assert list_profiles(SHIPPED) == ["department", "full", "leadership", "meeting", "public"]
    for name in list_profiles(SHIPPED):
        assert load_profile(name, SHIPPED).description


def test_leadership_extends_full_child_wins_and_mappings_merge():
    full, leader = load_profile("full", SHIPPED), load_profile("leadership", SHIPPED)
    assert leader.extends == "full" and [p.name for p in leader.files] == ["leadership.yaml", "full.yaml"]
    assert leader.bulletin == "领导参阅" and leader.detail == "key" and leader.deck_detail == "key"
    assert leader.mark == full.mark == "内部资料 注意保存"  # inherited
    assert leader.recipients.report_to is None and leader.recipients.send_to == []  # 报: the data's; no 送
    assert leader.deck.notes is True and leader.deck.max_slides == 10  # deck: merged key by key
    assert leader.outputs.docx == "leadership-briefing.docx"


def test_public_allows_only_public_items_in_modern_style():
    public = load_profile("public", SHIPPED)
    assert (public.classification, public.style, public.mark, public.copies) == ("公开", "modern", None, None)


def test_deep_merge_replaces_lists_and_merges_mappings():
    base = {"a": {"x": 1, "y": [1, 2]}, "b": 1}
    assert deep_merge(base, {"a": {"y": [3]}, "c": 2}) == {"a": {"x": 1, "y": [3]}, "b": 1, "c": 2}
    assert base == {"a": {"x": 1, "y": [1, 2]}, "b": 1}


def test_a_user_profile_may_extend_the_shipped_one_of_the_same_name(tmp_path):
    locator = user_root(tmp_path, leadership="extends: leadership\ncopies: 5\n")
    profile = load_profile("leadership", locator)
    assert profile.copies == 5 and profile.bulletin == "领导参阅" and profile.mark == "内部资料 注意保存"
    assert profile.files[0] == tmp_path / "mine/audiences/leadership.yaml" and len(profile.files) == 3


def test_extends_cycle_is_reported_with_file_and_line(tmp_path):
    locator = user_root(tmp_path, a="description: A\n\nextends: b\n", b="extends: a\n")
    with pytest.raises(TemplateError) as err:
        load_profile("a", locator)
    assert str(err.value) == (f"{tmp_path}/mine/audiences/b.yaml:1: extends: the profiles extend each other in a "
                              "circle (a → b → a)")


def test_missing_parent_is_reported_with_file_and_line(tmp_path):
    locator = user_root(tmp_path, a="description: A\nextends: nowhere\n")
    with pytest.raises(TemplateError, match=r"a\.yaml:2: extends: no audience profile 'nowhere'"):
        load_profile("a", locator)


@pytest.mark.parametrize(("files", "message"), [
    ({"a": "extends: full\ndetail: everything\n"}, r"a\.yaml:2: detail: Input should be 'headline', 'key' or 'full'"),
    ({"a": "extends: full\ndeck:\n  slides: 3\n"}, r"a\.yaml:3: deck\.slides: unknown key \(expected one of: "
                                                     r"detail, notes, max_slides\)"),
    ({"a": "extends: b\n", "b": "extends: full\n\ncopies: -1\n"}, r"b\.yaml:3: copies: Input should be greater"),
    ({"a": "extends: full\ntitle: '{dept}简报'\n"}, r"a\.yaml:2: title: unknown placeholder \{dept\}"),
    ({"a": "extends: full\nsections: overview\n"}, r"a\.yaml:2: sections: Input should be a valid list"),
    ({"a": "- just\n- a list\n"}, r"a\.yaml:1: expected keys and values"),
])
def test_profile_errors_name_the_file_and_line_that_set_the_value(tmp_path, files, message):
    with pytest.raises(TemplateError, match=message):
        load_profile("a", user_root(tmp_path, **files))


def test_unknown_audience_lists_the_known_ones():
    with pytest.raises(UsageError, match="unknown audience 'mayor' .*leadership, meeting, public"):
        load_profile("mayor", SHIPPED)


def test_a_profile_names_its_reference_files_found_through_the_template_roots(tmp_path, briefing):
    from reportgen.compose import writer_options
    from reportgen.references import References

    locator = user_root(tmp_path, a="extends: full\nreference:\n  docx: house.docx\n",
                        b="extends: full\nreference:\n  pptx: missing.pptx\n",
                        c="extends: full\nreference:\n  docx: broken.docx\n")
    (tmp_path / "mine/broken.docx").write_bytes(b"PK")
    shutil.copy(shipped_templates() / "reference.docx", tmp_path / "mine/house.docx")
    options = writer_options(load_profile("a", locator), References(locator))
    assert options["docx"].reference.name == str(tmp_path / "mine/house.docx")
    assert options["docx"].reference.content == (tmp_path / "mine/house.docx").read_bytes()  # travels as bytes
    assert options["pptx"].reference == options["pptx"].shipped  # none named: the shipped deck
    with pytest.raises(TemplateError, match="reference file 'missing.pptx' not found"):
        writer_options(load_profile("b", locator), References(locator))
    with pytest.raises(ReferenceFileError, match="broken.docx: .*not a Word file"):  # checked before it is opened
        writer_options(load_profile("c", locator), References(locator))

"""read_yaml: plain data with the line of every key and list item, duplicate keys, no aliases, exact decimals and
a clear word for files that are not UTF-8."""

from __future__ import annotations

from decimal import Decimal

import pytest

from reportgen.errors import DataError, Problem
from reportgen.inputs import yamlfile
from reportgen.inputs.yamlfile import YamlFile, dotted, read_yaml

NESTED = """\
kind: governance
projects:
  - id: canteen
    achievements:
      - headline: 排查。
        figures:
          - label: 食堂
            value: 86
  - id: pension
"""


def write(tmp_path, content: str | bytes, name: str = "data.yaml"):
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def refused(path) -> list[tuple[int | None, str, str]]:
    with pytest.raises(DataError) as caught:
        read_yaml(path)
    return [(p.line, p.field, p.message) for p in caught.value.problems]


def test_every_key_and_list_item_has_its_line(tmp_path):
    yf = read_yaml(write(tmp_path, NESTED))
    assert yf.lines == {
        (): 1, ("kind",): 1, ("projects",): 2,
        ("projects", 0): 3, ("projects", 0, "id"): 3, ("projects", 0, "achievements"): 4,
        ("projects", 0, "achievements", 0): 5, ("projects", 0, "achievements", 0, "headline"): 5,
        ("projects", 0, "achievements", 0, "figures"): 6,
        ("projects", 0, "achievements", 0, "figures", 0): 7,
        ("projects", 0, "achievements", 0, "figures", 0, "label"): 7,
        ("projects", 0, "achievements", 0, "figures", 0, "value"): 8,
        ("projects", 1): 9, ("projects", 1, "id"): 9,
    }
    assert yf.data["projects"][0]["achievements"][0]["figures"] == [{"label": "食堂", "value": 86}]
    assert yf.duplicates == []


def test_line_of_falls_back_to_the_nearest_enclosing_key(tmp_path):
    yf = read_yaml(write(tmp_path, NESTED))
    assert yf.line_of(("projects", 0, "achievements", 0, "figures", 0, "unit")) == 7
    assert yf.line_of(("projects", 1, "achievements")) == 9
    assert yf.line_of(("meta", "title")) == 1


def test_duplicate_keys_are_listed_with_their_line_and_path(tmp_path):
    path = write(tmp_path, "kind: article\nid: a\nfigures:\n  - label: x\n    label: y\nid: b\n")
    yf = read_yaml(path)
    assert yf.duplicates == [Problem(path, 5, "figures[0].label", "duplicate key"),
                             Problem(path, 6, "id", "duplicate key")]
    # the file is still read (the last value wins); the loader refuses it for its duplicates
    assert yf.data == {"kind": "article", "id": "b", "figures": [{"label": "y"}]}


def test_an_alias_is_refused(tmp_path):
    path = write(tmp_path, "a: &shared\n  value: 1\nb: *shared\n")
    assert [message for _, _, message in refused(path)] == [
        "YAML error: aliases (*name) are not allowed in data files; write the value out"]


def test_an_anchor_without_alias_is_harmless(tmp_path):
    assert read_yaml(write(tmp_path, "a: &x 1\nb: 2\n")).data == {"a": 1, "b": 2}


@pytest.mark.xfail(strict=True, reason="_refuse_aliases reports the start of the aliased node (the anchor's line), "
                                       "not the line of the alias its docstring promises")
def test_a_refused_alias_is_reported_at_its_own_line(tmp_path):
    path = write(tmp_path, "a: &x 1\nb: 2\nc: *x\n")
    assert [line for line, _, _ in refused(path)] == [3]


def test_a_billion_laughs_file_is_refused_before_it_expands(tmp_path):
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"a{k}: &a{k} [{', '.join([f'*a{k - 1}'] * 9)}]" for k in range(1, 10)]
    assert "aliases (*name) are not allowed" in refused(write(tmp_path, "\n".join(lines) + "\n"))[0][2]


@pytest.mark.parametrize(("text", "expected"), [
    ("0.1", Decimal("0.1")),
    ("14.80", Decimal("14.80")),
    ("12345678901234567.89", Decimal("12345678901234567.89")),
    ("1_000.5", Decimal("1000.5")),
    ("7097.67", Decimal("7097.67")),
])
def test_decimals_are_read_exactly(tmp_path, text, expected):
    value = read_yaml(write(tmp_path, f"value: {text}\n")).data["value"]
    assert type(value) is Decimal and value == expected and str(value) == str(expected)


def test_integers_stay_integers_and_dates_stay_text(tmp_path):
    data = read_yaml(write(tmp_path, "count: 26877\nday: 2025-02-30\nok: 2025-01-20\n")).data
    assert data == {"count": 26877, "day": "2025-02-30", "ok": "2025-01-20"}
    assert type(data["count"]) is int


def test_a_gbk_file_is_read_with_a_note_suggesting_utf8(tmp_path):
    """Chinese Windows saves GB18030 (GBK) by default: the file is read, and the user is told UTF-8 is safer."""
    read = read_yaml(write(tmp_path, "kind: briefing\ntitle: 测试简报\n".encode("gbk")))
    assert read.data == {"kind": "briefing", "title": "测试简报"}
    assert len(read.notes) == 1 and "read as GB18030 (GBK); saving it as UTF-8 is safer" in read.notes[0]


def test_bytes_that_are_neither_utf8_nor_gbk_only_ask_for_utf8(tmp_path):
    assert refused(write(tmp_path, b"a: 1\nb: \xff\xff\n")) == [
        (2, "", "not valid UTF-8 (byte 0xFF); save it as UTF-8")]


def test_a_utf8_bom_is_accepted(tmp_path):
    assert read_yaml(write(tmp_path, "\ufeffkind: 简报\n".encode("utf-8"))).data == {"kind": "简报"}


def test_a_control_character_is_refused_at_its_line(tmp_path):
    assert refused(write(tmp_path, "a: 1\nb: x\x07y\n")) == [
        (2, "", "character U+0007 is not allowed in a data file (control characters cannot be printed); delete it")]


def test_a_syntax_error_names_its_line(tmp_path):
    assert refused(write(tmp_path, "a: 1\nb: [1, 2\nc: 3\n")) == [
        (3, "", "YAML syntax error: did not find expected ',' or ']'")]


def test_a_file_over_the_size_limit_is_refused_unread(tmp_path, monkeypatch):
    monkeypatch.setattr(yamlfile, "MAX_FILE_BYTES", 2**20)
    path = write(tmp_path, "a: " + "x" * (2**20 + 2**19) + "\n")
    assert refused(path) == [(None, "", "the file is 1.5 MB; data files are limited to 1 MB (split it into several "
                                        "files)")]


def test_an_empty_file_is_no_data(tmp_path):
    path = write(tmp_path, "")
    assert read_yaml(path) == YamlFile(path, None, {(): 1}, [])


@pytest.mark.parametrize(("loc", "text"), [
    ((), ""),
    (("kind",), "kind"),
    (("projects", 2, "figures", 0, "value"), "projects[2].figures[0].value"),
    (("summary", 1), "summary[1]"),
])
def test_dotted_writes_field_paths_as_users_read_them(loc, text):
    assert dotted(loc) == text

"""The JSON Schema of the data files: one choice per data kind, chosen by `kind`, with the model's fields."""

from __future__ import annotations

import re

import json

import pytest

from reportgen.inputs.loader import KINDS
from reportgen.inputs.schema import data_file_schema


@pytest.fixture(scope="module")
def schema() -> dict:
    return data_file_schema()


def definition(schema: dict, name: str) -> dict:
    return schema["$defs"][name]


def test_every_data_kind_is_one_choice_picked_by_kind(schema):
    assert schema["title"] == "reportgen data file"
    assert schema["discriminator"] == {"propertyName": "kind", "mapping": {
        "briefing": "#/$defs/BriefingMeta", "governance": "#/$defs/Governance", "article": "#/$defs/Article"}}
    assert sorted(c["$ref"] for c in schema["oneOf"]) == ["#/$defs/Article", "#/$defs/BriefingMeta",
                                                           "#/$defs/Governance"]
    assert set(schema["discriminator"]["mapping"]) == set(KINDS)


def test_each_kind_constant_matches_its_choice(schema):
    for kind, ref in schema["discriminator"]["mapping"].items():
        assert definition(schema, ref.rsplit("/", 1)[1])["properties"]["kind"]["const"] == kind


def test_every_nested_model_is_defined(schema):
    assert sorted(schema["$defs"]) == ["Achievement", "Article", "BriefingMeta", "Change", "ChartRequest", "Distribution",
                                       "Figure", "Governance", "Group",
                                       "Measure", "Project"]


@pytest.mark.parametrize(("name", "required"), [
    ("BriefingMeta", ["kind", "title", "issuer", "date"]),
    ("Governance", ["kind", "id", "title", "year", "projects"]),
    ("Article", ["kind", "id", "title", "source", "summary"]),
    ("Project", ["id", "name", "achievements"]),
    ("Achievement", ["text"]),
    ("Change", ["basis", "direction"]),
    ("Figure", ["label", "value", "unit"]),
    ("Group", ["heading", "measures"]),
    ("Measure", ["text"]),
])
def test_required_fields(schema, name, required):
    assert definition(schema, name)["required"] == required


def test_unknown_keys_are_refused_everywhere(schema):
    assert {name: d.get("additionalProperties") for name, d in schema["$defs"].items()} == dict.fromkeys(
        schema["$defs"], False)


def test_a_figure_has_a_described_text_unit_and_a_non_negative_value(schema):
    figure = definition(schema, "Figure")["properties"]
    assert figure["unit"]["type"] == "string"
    assert figure["unit"]["description"] == "个, 人, 万元, 亿元, % …"
    assert {"minimum": 0.0, "type": "number"} in figure["value"]["anyOf"]
    assert figure["qualifier"]["anyOf"][0]["enum"] == ["余", "多", "超过", "超", "近", "约", "左右", "以上", "千余"]
    assert figure["counts"]["anyOf"][0]["enum"] == ["projects", "departments", "groups", "measures", "items"]


def test_ids_classification_and_year_carry_their_limits(schema):
    governance = definition(schema, "Governance")["properties"]
    pattern = re.compile(governance["id"]["pattern"])  # an id: letters (汉字 too), digits and _, a letter first
    assert [bool(pattern.match(i)) for i in ("education", "教育", "教育_2", "x1")] == [True] * 4
    assert [bool(pattern.match(i)) for i in ("2x", "_x", "a-b", "a b", "a.b", "")] == [False] * 6
    assert (governance["year"]["minimum"], governance["year"]["maximum"]) == (1949, 2100)
    assert governance["classification"] == {"default": "公开", "enum": ["公开", "内部"], "title": "Classification",
                                            "type": "string"}
    assert definition(schema, "Project")["properties"]["achievements"]["minItems"] == 1
    assert definition(schema, "BriefingMeta")["properties"]["date"]["format"] == "date"


def test_the_schema_is_plain_json(schema):
    assert json.loads(json.dumps(schema, ensure_ascii=False)) == schema

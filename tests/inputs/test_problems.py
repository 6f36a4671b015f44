"""pydantic errors become located problems with one wording, wherever the file comes from."""

from pathlib import Path

import pytest
from pydantic import Field, ValidationError

from reportgen.distribute.meeting import Meeting, Recipient
from reportgen.errors import DataError
from reportgen.inputs.model import Figure, Governance, Strict
from reportgen.inputs.problems import error_text, model_at, short_repr, validate_file
from reportgen.inputs.yamlfile import read_yaml


class Named(Strict):
    name: str
    count: int = Field(0, alias="份数")
    inner: list[Figure] = []


def first_error(model, data) -> dict:
    with pytest.raises(ValidationError) as exc:
        model.model_validate(data)
    return exc.value.errors(include_url=False)[0]


def test_each_kind_of_error_says_what_is_expected():
    assert error_text(first_error(Named, {}), Named) == "required field is missing"
    assert error_text(first_error(Named, {"name": "a", "colour": 1}), Named) == \
        "unknown key (expected one of: name, 份数, inner)"
    assert error_text(first_error(Named, {"name": "a", "份数": "many"}), Named) == \
        "Input should be a valid integer, unable to parse string as an integer (got 'many')"
    figure = {"label": "x", "value": 999, "unit": "人", "qualifier": "千余"}
    assert error_text(first_error(Figure, figure), Figure) == "qualifier 千余 needs value 1000 (got 999)"


def test_an_unknown_key_lists_the_keys_of_the_mapping_it_stands_in():
    err = first_error(Named, {"name": "a", "inner": [{"label": "x", "value": 1, "unit": "人", "colour": "red"}]})
    assert error_text(err, Named).startswith("unknown key (expected one of: id, label, value, unit, qualifier,")
    assert error_text(first_error(Named, {"name": "a", "b": 1}), Named, hidden={"name"}) == \
        "unknown key (expected one of: 份数, inner)"


def test_the_model_at_a_location_is_found_through_lists_optionals_and_aliases():
    assert model_at(Governance, ("projects", 2, "achievements", 0, "figures", 1)) is Figure
    assert model_at(Meeting, ("recipients", 0)) is Recipient
    assert model_at(Meeting, ("sender",)) is not None
    assert model_at(Named, ("份数",)) is None


def test_a_long_input_is_cut():
    assert short_repr("x" * 1000) == "'" + "x" * 58 + "…"
    assert short_repr("short") == "'short'"


def test_a_file_reports_its_duplicate_keys_and_every_error_with_its_line(tmp_path: Path):
    path = tmp_path / "named.yaml"
    path.write_text("name: a\nname: b\ncolour: red\ninner:\n  - label: x\n", encoding="utf-8")
    with pytest.raises(DataError) as exc:
        validate_file(read_yaml(path), Named)
    problems = [str(p) for p in exc.value.problems]
    assert problems[0] == f"{path}:2: name: duplicate key"
    assert sorted(problems[1:]) == [
        f"{path}:3: colour: unknown key (expected one of: name, 份数, inner)",
        f"{path}:5: inner[0].unit: required field is missing",
        f"{path}:5: inner[0].value: required field is missing",
    ]

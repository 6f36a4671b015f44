"""`reportgen validate` on broken copies of the data: every problem listed with file and line, exit 1."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from reportgen.cli import main


def validate(data: Path):
    return CliRunner().invoke(main, ["validate", "--data", str(data)], catch_exceptions=False)


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


def test_shipped_data_is_valid(data_copy):
    result = validate(data_copy)
    assert result.exit_code == 0, result.output
    assert "8 projects" in result.output


def test_wrong_type_names_file_line_field_and_expectation(data_copy):
    gov = data_copy / "10-governance.yaml"
    edit(gov, "value: 5704", "value: 很多")
    result = validate(data_copy)
    assert result.exit_code == 1
    line = line_of(gov, "value: 很多")
    assert f"10-governance.yaml:{line}: totals[0].value: Input should be a valid decimal" in result.output
    assert "got '很多'" in result.output


def test_missing_field(data_copy):
    gov = data_copy / "10-governance.yaml"
    edit(gov, "    name: 电信网络诈骗专项治理\n", "")
    result = validate(data_copy)
    assert result.exit_code == 1
    assert re.search(r"10-governance\.yaml:\d+: projects\[1\]\.name: required field is missing", result.output)


def test_unknown_key_lists_the_allowed_ones(data_copy):
    gov = data_copy / "10-governance.yaml"
    edit(gov, "  - label: 批评教育和处理\n", "  - label: 批评教育和处理\n    colour: red\n")
    result = validate(data_copy)
    line = line_of(gov, "colour: red")
    assert f"10-governance.yaml:{line}: totals[1].colour: unknown key (expected one of: id, label, value" in result.output


def test_yaml_syntax_error(data_copy):
    path = data_copy / "30-tourism.yaml"
    edit(path, "kind: article", "kind: article\n  broken: [unclosed")
    result = validate(data_copy)
    assert result.exit_code == 1
    assert re.search(r"30-tourism\.yaml:\d+: YAML syntax error", result.output)


def test_gbk_file_is_read_with_a_note(data_copy):
    path = data_copy / "50-zhoushan.yaml"
    path.write_bytes(path.read_text(encoding="utf-8").encode("gb18030"))
    result = validate(data_copy)
    assert result.exit_code == 0, result.output
    assert re.search(r"50-zhoushan\.yaml: read as GB18030 \(GBK\); saving it as UTF-8 is safer", result.output)


def test_utf8_bom_is_accepted(data_copy):
    path = data_copy / "00-briefing.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert validate(data_copy).exit_code == 0


def test_every_problem_of_every_file_is_reported_at_once(data_copy):
    edit(data_copy / "10-governance.yaml", "value: 6450", "value: -6450")
    edit(data_copy / "10-governance.yaml", "unit: 万元\n", "unit: 万元（含利息）\n")
    edit(data_copy / "20-political-legal.yaml", "source:", "sauce:")
    result = validate(data_copy)
    assert result.exit_code == 1
    assert "totals[1].value: Input should be greater than or equal to 0" in result.output
    assert "'万元（含利息）' is not a unit: write the unit word as printed" in result.output
    assert "20-political-legal.yaml" in result.output
    assert "problems found in the data" in result.output


def test_figure_must_be_stated_in_its_text(data_copy):
    gov = data_copy / "10-governance.yaml"
    edit(gov, "value: 7100", "value: 7000")
    result = validate(data_copy)
    assert result.exit_code == 1
    assert "7000余个 (发现并整改问题) is not stated in the paragraph" in result.output


def test_share_contradicting_its_parts(data_copy):
    gov = data_copy / "10-governance.yaml"
    text = gov.read_text(encoding="utf-8")
    gov.write_text(text.replace("已达1252家", "已达1152家").replace("value: 1252\n    unit: 家\n    id: centres_outsourced",
                                                                  "value: 1152"), encoding="utf-8")
    edit(gov, "value: 1252", "value: 1152")
    result = validate(data_copy)
    assert "86% contradicts its parts: 1152 / 1456 = 79%" in result.output


def test_count_contradicting_the_list(data_copy):
    path = data_copy / "50-zhoushan.yaml"
    edit(path, "  - 岱山鹿栏晴沙\n", "")
    edit(data_copy / "30-tourism.yaml", "value: 18", "value: 19")
    result = validate(data_copy)
    assert "states 19 measures but the file lists 18" in result.output


def test_qualifier_and_duplicate_key_and_control_character(data_copy):
    gov = data_copy / "10-governance.yaml"
    edit(gov, "qualifier: 余", "qualifier: 好几")
    edit(gov, "kind: governance\n", "kind: governance\nyear: 2023\n")
    edit(data_copy / "50-zhoushan.yaml", "- 普陀山南海观音", '- "普陀山\\a南海观音"')  # escaped in YAML
    edit(data_copy / "40-medical-insurance.yaml", "kind: article", "kind: article\n# \x07")  # raw
    result = validate(data_copy)
    assert "qualifier: Input should be '余'" in result.output
    assert "year: duplicate key" in result.output
    assert "items[0]: contains the control character U+0007" in result.output
    line = line_of(data_copy / "40-medical-insurance.yaml", "\x07")
    assert f"40-medical-insurance.yaml:{line}: character U+0007 is not allowed" in result.output


def test_empty_or_missing_folder(tmp_path):
    assert "no *.yaml data files" in validate(tmp_path).output
    assert "data folder not found" in validate(tmp_path / "nope").output


def test_real_process_prints_no_traceback(data_copy):
    edit(data_copy / "10-governance.yaml", "value: 5704", "value: [1, 2]")
    proc = subprocess.run([sys.executable, "-m", "reportgen", "validate", "--data", str(data_copy)],
                          capture_output=True, text=True)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr + proc.stdout
    assert "totals[0].value" in proc.stderr


@pytest.mark.parametrize("kind", ["briefing", "governance", "article"])
def test_schema_covers_every_kind(kind):
    import json

    result = CliRunner().invoke(main, ["schema"], catch_exceptions=False)
    schema = json.loads(result.output)
    assert kind in json.dumps(schema["discriminator"]["mapping"])


def test_validate_warns_of_a_character_the_output_fonts_lack(data_copy):
    from reportgen.inputs.glyphs import output_fonts

    if not output_fonts():
        pytest.skip("no open CJK font on this machine")
    text = (data_copy / "00-briefing.yaml").read_text(encoding="utf-8")
    (data_copy / "00-briefing.yaml").write_text(text.replace("issuer: ", "issuer: 𪚥", 1), encoding="utf-8")
    result = validate(data_copy)
    assert result.exit_code == 0
    assert re.search(r"warning: .*00-briefing\.yaml:\d+: issuer: “𪚥” \(U\+2A6A5\) is not in the font", result.output)


def test_structural_and_cross_checked_problems_come_in_one_run_at_their_own_places(data_copy):
    """A project missing its name is left out while the rest is still cross-checked: a figure changed in a later
    project is reported too, at that project's own index and line."""
    gov = data_copy / "10-governance.yaml"
    edit(gov, "    name: 电信网络诈骗专项治理\n", "")  # projects[1]
    edit(gov, "value: 7100", "value: 7000")  # projects[4]
    result = validate(data_copy)
    assert result.exit_code == 1
    assert re.search(r"10-governance\.yaml:\d+: projects\[1\]\.name: required field is missing", result.output)
    line = next(n for n, text in enumerate(gov.read_text(encoding="utf-8").splitlines(), 1) if "value: 7000" in text)
    assert re.search(rf"10-governance\.yaml:{line - 1}: projects\[4\]\.achievements\[2\]\.figures\[2\]: 7000余个 "
                     r"\(发现并整改问题\) is not stated in the paragraph", result.output)
    assert "2 problems found in the data" in result.output  # no count of projects is checked on the partial file

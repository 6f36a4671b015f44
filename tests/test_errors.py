"""The exit codes: one table in reportgen.errors, the same in the README."""

import re

from conftest import ROOT

from reportgen import errors
from reportgen.errors import EXIT_CODES, ChartFontError, ReportgenError, TemplateError


def readme_exit_codes() -> dict[int, str]:
    """Return code → error class name from the README's "Exit codes" table (the success row left out)."""
    section = (ROOT / "README.md").read_text(encoding="utf-8").split("### Exit codes", 1)[1]
    rows = re.findall(r"^\| (\d+) \| `(\w+)` \|", section.split("\n#", 1)[0], re.M)
    return {int(code): name for code, name in rows}


def test_the_readme_lists_every_exit_code():
    assert readme_exit_codes() == {code: cls.__name__ for code, cls in EXIT_CODES.items()}


def test_every_error_class_has_its_code_in_the_table():
    classes = [c for c in vars(errors).values() if isinstance(c, type) and issubclass(c, ReportgenError)]
    assert all(issubclass(c, EXIT_CODES[c.exit_code]) for c in classes if c is not ReportgenError)


def test_a_missing_chart_font_exits_like_a_broken_template():
    assert issubclass(ChartFontError, TemplateError) and ChartFontError.exit_code == 3

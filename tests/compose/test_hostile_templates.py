"""Collects the table of hostile templates (tests/bad_inputs/hostile_templates.py): pytest collects only
test_*.py files, and that table lives beside the other bad inputs whose helpers it reuses."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bad_inputs"))

from hostile_templates import previous, test_hostile_template, test_the_table_is_long_enough  # noqa: E402,F401

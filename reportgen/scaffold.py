"""`reportgen init`: a new briefing project with sample data and editable copies of the shipped templates."""

from __future__ import annotations

import shutil
from pathlib import Path

from reportgen.errors import OutputError, UsageError
from reportgen.resources import shipped_templates

SKELETON = Path(__file__).parent / "skeleton"


def scaffold(folder: Path) -> list[Path]:
    """Copy the sample data to FOLDER/data and the shipped templates to FOLDER/templates; return both folders.

    Refuses to touch a folder that already has data/ or templates/, so nothing a user edited is overwritten.
    """
    targets = {SKELETON / "data": folder / "data", shipped_templates(): folder / "templates"}
    existing = [str(t) for t in targets.values() if t.exists()]
    if existing:
        raise UsageError(f"{', '.join(existing)} already exists; choose an empty folder (nothing was changed)")
    try:
        for source, target in targets.items():
            shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__", "*.pyc", ".*"))
    except OSError as exc:
        raise OutputError(f"cannot create the project in {folder}: {exc.strerror or exc}") from None
    return list(targets.values())

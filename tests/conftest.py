"""Shared fixtures: the shipped data, one build of it, and readers that re-open the outputs."""

from __future__ import annotations

import os

os.environ["REPORTGEN_LANG"] = "en"  # the suite reads English messages; tests of the Chinese ones ask for zh

import re
import shutil
from pathlib import Path

import docx
import pytest
from pptx import Presentation

from reportgen.api import Settings, build
from reportgen.inputs.loader import load_briefing

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
SEED = Path(__file__).parent / "fixtures" / "seed.txt"


@pytest.fixture(scope="session")
def briefing():
    return load_briefing(DATA)


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> dict[str, Path]:
    """Build the `full` audience once for the whole session; return its files by format."""
    out = tmp_path_factory.mktemp("build")
    paths = build(Settings(data=DATA, out=out, cwd=out)).files
    return {p.suffix[1:]: p for p in paths}


PICTURE_PROFILE = "extends: full\ndescription: 全文版，图表为图片\ncharts: picture\n"


def picture_templates(folder: Path, name: str = "pictures") -> Path:
    """Return a templates folder under `folder` holding audience `name`: the full profile with picture charts."""
    audiences = folder / "templates" / "audiences"
    audiences.mkdir(parents=True, exist_ok=True)
    (audiences / f"{name}.yaml").write_text(PICTURE_PROFILE, encoding="utf-8")
    return folder / "templates"


@pytest.fixture(scope="session")
def pictured(tmp_path_factory) -> dict[str, Path]:
    """Build the `full` audience with `charts: picture` once for the session; return its files by format."""
    out = tmp_path_factory.mktemp("pictured")
    paths = build(Settings(data=DATA, templates=picture_templates(out), audiences=("pictures",), out=out / "out",
                           cwd=out)).files
    return {p.suffix[1:]: p for p in paths}


@pytest.fixture
def data_copy(tmp_path) -> Path:
    """A writable copy of the shipped data folder, for breaking it."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


def seed_text() -> str:
    """The source page with every whitespace removed (the page breaks lines mid-word)."""
    return re.sub(r"\s+", "", SEED.read_text(encoding="utf-8"))


def docx_text(path: Path) -> str:
    """All text a reader sees in a .docx: paragraphs, table cells, headers and footers."""
    document = docx.Document(str(path))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts.extend(cell.text for row in table.rows for cell in row.cells)
    return "\n".join(parts)


def docx_tables(path: Path) -> list[list[list[str]]]:
    """Every table of a .docx as rows of cell texts."""
    return [[[c.text for c in row.cells] for row in t.rows] for t in docx.Document(str(path)).tables]


def slide_titles(path: Path) -> list[str]:
    """The title of each slide (its title placeholder)."""
    return [slide.shapes.title.text_frame.text for slide in Presentation(str(path)).slides]


def slide_texts(path: Path) -> list[str]:
    """The visible text of each slide (text boxes and table cells), one string per slide."""
    texts = []
    for slide in Presentation(str(path)).slides:
        parts = []
        for shape in slide.shapes:
            if shape.has_text_frame:
                parts.append(shape.text_frame.text)
            if shape.has_table:
                parts.extend(c.text for row in shape.table.rows for c in row.cells)
        texts.append("\n".join(parts))
    return texts

"""The benchmark's peer is given the same briefing: every project, paragraph, table and chart reportgen writes."""

from __future__ import annotations

import pickle
import shutil
import subprocess

import docx
import pytest
from conftest import ROOT

from reportgen.bench_peer import commands, prepare
from reportgen.compose import compose_document
from reportgen.compose.profile import load_profile
from reportgen.document import Chart, Paragraph, Section, Table
from reportgen.resources import Locator


@pytest.fixture(scope="module")
def document(briefing):
    locator = Locator.default(None, ROOT)
    return compose_document(briefing, load_profile("full", locator), locator)


def test_the_peer_markdown_holds_every_heading_paragraph_table_and_chart(document, tmp_path):
    prepare(document, tmp_path)
    markdown = (tmp_path / "briefing.md").read_text(encoding="utf-8")
    blocks = list(document.walk())
    for block in blocks:
        match block:
            case Section():
                assert f"{'#' * block.level} {block.heading}\n" in markdown
            case Paragraph():
                assert all(run.text in markdown for run in block.runs)
            case Table():
                assert f"Table: {block.title}" in markdown
                assert all("| " + " | ".join(row) + " |" in markdown for row in block.rows)
    charts = [b for b in blocks if isinstance(b, Chart)]
    assert pickle.loads((tmp_path / "charts.pickle").read_bytes()) == [c.spec for c in charts]
    assert [f"![{c.title}](chart{k}.png)" in markdown for k, c in enumerate(charts, 1)] == [True] * len(charts)


@pytest.mark.skipif(not shutil.which("pandoc"), reason="pandoc (Debian's package) runs only in the benchmark")
def test_the_peer_writes_a_briefing_with_every_chart_picture(document, tmp_path):
    prepare(document, tmp_path)
    for command in commands(tmp_path):
        subprocess.run(command, cwd=tmp_path, check=True, capture_output=True)
    pictures = [r for r in docx.Document(str(tmp_path / "briefing.docx")).part.rels.values() if "image" in r.reltype]
    charts = [b for b in document.walk() if isinstance(b, Chart)]
    assert len(pictures) == len(charts) and (tmp_path / "deck.pptx").stat().st_size > 0

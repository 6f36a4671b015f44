"""A real client: LibreOffice renders the briefing to PDF; check what a reader sees on the pages."""

from __future__ import annotations

import re
import shutil
import subprocess
from itertools import pairwise
from pathlib import Path

import pytest

from reportgen.fonts import libreoffice_env
from reportgen.numbers import figure_text

pdfplumber = pytest.importorskip("pdfplumber", reason="pdfplumber is not installed (pip install -e '.[test]')")
pytestmark = pytest.mark.skipif(shutil.which("soffice") is None,
                                reason="LibreOffice (soffice) is not installed; .ci/run installs it")

MM = 72 / 25.4
HANGING = "，。、；：！？”’）》"
LEFT, RIGHT, BOTTOM = 28 * MM, (210 - 26) * MM, (297 - 35) * MM  # type-area edges in points


@pytest.fixture(scope="session")
def pdf(built, tmp_path_factory):
    """The built briefing converted once by LibreOffice headless, opened with pdfplumber."""
    folder = tmp_path_factory.mktemp("pdf")
    command = ["soffice", f"-env:UserInstallation=file://{folder / 'profile'}", "--headless", "--convert-to", "pdf",
               "--outdir", str(folder), str(built["docx"])]
    subprocess.run(command, env=libreoffice_env(folder), capture_output=True, timeout=300, check=False)
    target = folder / (Path(built["docx"]).stem + ".pdf")
    assert target.exists(), "LibreOffice did not convert the briefing"
    with pdfplumber.open(target) as document:
        yield document


def lines_of(page, size: float = 16):
    """Text lines of `page` set entirely in `size` pt."""
    return [line for line in page.extract_text_lines()
            if all(abs(c["size"] - size) < 0.5 for c in line["chars"])]


def test_every_page_is_a4_with_no_text_outside_the_type_area(pdf):
    assert len(pdf.pages) > 10
    for page in pdf.pages:
        assert (round(page.width), round(page.height)) == (595, 842)
        for char in page.chars:
            # LibreOffice hangs closing punctuation past the edge whatever w:overflowPunct says (Word does not)
            end = char["x0"] if char["text"] in HANGING else char["x1"]
            assert LEFT - 1 <= char["x0"] and end <= RIGHT + 1, (page.page_number, char["text"])
            assert 0 <= char["top"] and char["bottom"] <= page.height


def test_red_masthead_and_red_rule_on_page_one(pdf):
    page = pdf.pages[0]
    red = [c for c in page.chars if c["non_stroking_color"] == (1.0, 0.0, 0.0)]
    assert "".join(c["text"] for c in red) == "专项治理工作简报"
    assert min(c["size"] for c in red) >= 36 and red[0]["top"] < 60 * MM
    rules = [r for r in page.rects + page.lines if r.get("stroking_color") == (1.0, 0.0, 0.0)
             or r.get("non_stroking_color") == (1.0, 0.0, 0.0)]
    assert rules and all(abs(r["x0"] - LEFT) < 2 and abs(r["x1"] - RIGHT) < 2 for r in rules)
    text = re.sub(r"\s", "", page.extract_text())
    assert text.index("内部资料") < text.index("专项治理工作简报") < text.index("第1期") < text.index("省纪委监委办公厅")
    assert "省纪委监委办公厅2025年1月20日" in text


def test_page_numbers_odd_right_even_left(pdf):
    for page in pdf.pages:
        footer = [line for line in page.extract_text_lines() if line["top"] > BOTTOM]
        assert [re.sub(r"\s", "", line["text"]) for line in footer] == [f"—{page.page_number}—"]
        line = footer[0]
        if page.page_number % 2:
            assert abs(line["x1"] - (RIGHT - 14)) < 3
        else:
            assert abs(line["x0"] - (LEFT + 14)) < 3
        assert 5 * MM < line["top"] - BOTTOM < 9 * MM  # the dash sits about 7 mm below the type area


def test_every_figure_is_in_the_pdf_text(pdf, briefing):
    text = re.sub(r"\s", "", "".join(page.extract_text() for page in pdf.pages))
    figures = [f for g in briefing.governance for f in (*g.totals, *(x for p in g.projects for x in p.figures))]
    figures += [f for a in briefing.articles for f in a.figures]
    assert figures and [figure_text(f) for f in figures if figure_text(f) not in text] == []


def test_body_grid_22_lines_of_28_characters(pdf):
    pitches, full_page_lines, cjk_full_lines = [], [], []
    for page in pdf.pages:
        body = lines_of(page)
        tops = [line["top"] for line in body]
        pitches += [b - a for a, b in pairwise(tops) if b - a < 30]
        if len(body) == len(page.extract_text_lines()) - 1:  # a page of body text only (and its number)
            full_page_lines.append(len(body))
        cjk_full_lines += [len(line["chars"]) for line in body if abs(line["x0"] - LEFT) < 2
                           and abs(line["x1"] - RIGHT) < 3 and all(c["x1"] - c["x0"] > 14 for c in line["chars"])]
    assert pitches and all(abs(p - 28.95) < 0.2 for p in pitches)
    assert full_page_lines and max(full_page_lines) == 22
    assert cjk_full_lines and set(cjk_full_lines) == {28}


def test_colophon_sits_at_the_foot_of_the_last_page(pdf):
    page = pdf.pages[-1]
    first = next(line for line in page.extract_text_lines() if line["text"].startswith("报："))
    rules = sorted((r for r in page.rects + page.lines if r["x1"] - r["x0"] > 400 and r["top"] > first["top"] - 12),
                   key=lambda r: r["top"])
    assert len(rules) == 3 and abs(rules[-1]["top"] - BOTTOM) < 3
    assert rules[0]["linewidth"] > rules[1]["linewidth"]
    text = re.sub(r"\s", "", page.extract_text())
    assert "报：省委、省政府领导，中央纪委国家监委。" in text and text.endswith("（共印120份）—" + f"{page.page_number}—")


def test_a_table_continued_on_the_next_page_repeats_its_header(pdf):
    continued = 0
    for page in pdf.pages[1:]:
        first = re.sub(r"\s", "", page.extract_text_lines()[0]["text"])
        table_text = all(abs(c["size"] - 14) < 0.5 for c in page.extract_text_lines()[0]["chars"])
        if table_text and not first.startswith(("表", "图", "数据来源", "报：")):
            assert first in ("指标数值", "方面主要措施"), (page.page_number, first)  # a data table, a 图 as table
            continued += 1
    assert continued  # the 15-row table of project 8 runs over a page break

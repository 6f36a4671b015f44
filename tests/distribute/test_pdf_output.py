"""PDFs by LibreOffice: one process for a whole build, fonts through the aliases, figures readable in the PDF."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from reportgen.api import Settings, build
from reportgen.numbers import figure_text
from reportgen.writers.pdf import ToolError

from .conftest import DATA, counting_soffice, fake_soffice, needs_soffice

pytestmark = needs_soffice


def pdf_text(path: Path) -> str:
    """All text of a PDF with whitespace removed (the renderer adds spaces between CJK and digits)."""
    document = pdfium.PdfDocument(path)
    try:
        return re.sub(r"\s+", "", "".join(page.get_textpage().get_text_range() for page in document))
    finally:
        document.close()


def test_every_document_of_a_build_gets_a_pdf_from_one_libreoffice_start(pdf_build):
    outputs = pdf_build["outputs"]
    sources = [p for p in outputs if p.suffix in (".docx", ".pptx")]
    pdfs = [p for p in outputs if p.suffix == ".pdf"]
    assert len(sources) == 4 and [p.with_suffix(".pdf") for p in sources] == pdfs
    assert all(p.read_bytes()[:5] == b"%PDF-" for p in pdfs)
    starts = pdf_build["starts"].read_text().splitlines()
    assert len(starts) == 1, starts
    assert starts[0].count("--convert-to pdf") == 1 and len(re.findall(r"\.(docx|pptx)\b", starts[0])) == 4
    assert "-env:UserInstallation=file://" in starts[0]


def test_pdfs_carry_the_figures_and_the_headline(pdf_build, briefing):
    totals = [figure_text(f) for f in briefing.governance[0].totals]
    for pdf in (p for p in pdf_build["outputs"] if p.suffix == ".pdf"):
        text = pdf_text(pdf)
        assert all(t in text for t in totals), (pdf, totals)
        assert "专项治理" in text
    briefing_text = pdf_text(pdf_build["out"] / "full" / "briefing.pdf")
    assert "7100余个" in briefing_text and "专项治理工作简报" in briefing_text


def test_pdf_fonts_are_the_open_cjk_fonts_the_aliases_name(pdf_build):
    fonts = {name: set(re.findall(rb"/BaseFont\s*/[A-Z]{6}\+([A-Za-z-]+)", (pdf_build["out"] / "full" / name)
                                  .read_bytes())) for name in ("briefing.pdf", "deck.pdf")}
    assert any(f.startswith(b"NotoSerifCJK") for f in fonts["briefing.pdf"])  # 仿宋_GB2312, 方正小标宋简体
    assert any(f.startswith(b"NotoSansCJK") for f in fonts["briefing.pdf"])  # 黑体 headings
    assert any(f.startswith(b"NotoSansCJK") for f in fonts["deck.pdf"])  # 微软雅黑
    assert not any(f.startswith(b"NotoSerifCJK") for f in fonts["deck.pdf"])


def test_missing_libreoffice_names_the_packages_and_keeps_docx_and_pptx(tmp_path):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    env = {k: v for k, v in os.environ.items() if k != "REPORTGEN_SOFFICE"} | {"PATH": str(bin_dir)}
    command = [sys.executable, "-m", "reportgen", "build", "--data", str(DATA), "--out", "out",
               "--format", "docx,pptx,pdf", "--quiet"]
    proc = subprocess.run(command, cwd=tmp_path, env=env, capture_output=True, text=True)
    assert proc.returncode == 5, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in proc.stderr
    assert "libreoffice-writer-nogui" in lines[0] and "libreoffice-impress-nogui" in lines[0]
    assert sorted(p.name for p in (tmp_path / "out" / "full").iterdir()) == ["briefing.docx", "deck.pptx", "manifest.json"]


def test_libreoffice_that_writes_nothing_is_an_error_not_a_silent_success(tmp_path, monkeypatch):
    program, starts = counting_soffice(tmp_path / "bin", body="exit 0")
    monkeypatch.setenv("REPORTGEN_SOFFICE", str(program))
    with pytest.raises(ToolError, match=r"LibreOffice wrote no PDF for .*briefing\.docx"):
        build(Settings(data=DATA, formats=["docx", "pdf"], out=tmp_path / "out", cwd=tmp_path)).files
    assert len(starts.read_text().splitlines()) == 1
    assert not (tmp_path / "out" / "full" / "briefing.pdf").exists()


def test_pdf_alone_means_both_documents_and_their_pdfs(tmp_path, monkeypatch):
    sample = tmp_path / "sample.pdf"
    sample.write_bytes(b"%PDF-1.4\n%%EOF\n")
    program, starts = fake_soffice(tmp_path / "bin", sample)
    monkeypatch.setenv("REPORTGEN_SOFFICE", str(program))
    outputs = build(Settings(data=DATA, formats=["pdf"], out=tmp_path / "out", cwd=tmp_path)).files
    assert sorted(p.name for p in outputs) == ["briefing.docx", "briefing.pdf", "deck.pdf", "deck.pptx", "manifest.json"]
    assert len(starts.read_text().splitlines()) == 1

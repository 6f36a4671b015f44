"""Previews: a PNG per page or slide and a contact sheet, rendered by PDFium without Office."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image

from reportgen.distribute.preview import render_previews

from .conftest import DATA, fake_soffice, needs_soffice, run_cli


def make_pdf(path: Path, pages: int, size=(8.27, 11.69)) -> Path:
    """Write a PDF of `pages` pages, each with a big black box whose width grows with the page number."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.backends.backend_pdf import PdfPages
    from matplotlib.figure import Figure

    with PdfPages(path) as pdf:
        for number in range(1, pages + 1):
            figure = Figure(figsize=size)
            figure.patches.append(matplotlib.patches.Rectangle((0.1, 0.1), 0.1 * number, 0.3, color="black",
                                                               transform=figure.transFigure, figure=figure))
            pdf.savefig(figure)
    return path


def dark_share(image: Image.Image) -> float:
    """Return the share of pixels darker than mid-grey."""
    grey = image.convert("L")
    return sum(grey.histogram()[:128]) / (grey.width * grey.height)


def test_one_png_per_page_and_a_contact_sheet(tmp_path):
    pdf = make_pdf(tmp_path / "briefing.pdf", 3)
    written = render_previews(pdf, tmp_path / "preview", dpi=40)
    assert [p.name for p in written] == ["briefing-01.png", "briefing-02.png", "briefing-03.png", "briefing-sheet.png"]
    pages = [Image.open(p) for p in written[:3]]
    assert all(page.size == (331, 468) for page in pages)  # A4 at 40 dpi
    shares = [dark_share(page) for page in pages]
    assert shares[0] < shares[1] < shares[2]  # each PNG shows its own page
    sheet = Image.open(written[3])
    assert sheet.width > 3 * 200 and sheet.height > 320  # three thumbnails side by side


def test_stale_previews_of_a_longer_earlier_build_are_removed(tmp_path):
    folder = tmp_path / "preview"
    render_previews(make_pdf(tmp_path / "deck.pdf", 4, size=(13.33, 7.5)), folder, dpi=20)
    render_previews(make_pdf(tmp_path / "deck.pdf", 2, size=(13.33, 7.5)), folder, dpi=20)
    assert sorted(p.name for p in folder.iterdir()) == ["deck-01.png", "deck-02.png", "deck-sheet.png"]


def test_preview_command_builds_converts_and_renders_every_page(tmp_path, monkeypatch):
    program, starts = fake_soffice(tmp_path / "bin", make_pdf(tmp_path / "sample.pdf", 2))
    monkeypatch.setenv("REPORTGEN_SOFFICE", str(program))
    result = run_cli("preview", "--data", str(DATA), "--out", str(tmp_path / "out"), "--quiet")
    assert result.exit_code == 0, result.output
    assert len(starts.read_text().splitlines()) == 1
    assert sorted(p.name for p in (tmp_path / "out" / "full" / "preview").iterdir()) == [
        "briefing-01.png", "briefing-02.png", "briefing-sheet.png", "deck-01.png", "deck-02.png", "deck-sheet.png"]


@needs_soffice
def test_previews_of_a_real_build_cover_every_page_and_slide(pdf_build, tmp_path):
    for name in ("briefing", "deck"):
        pdf = pdf_build["out"] / "full" / f"{name}.pdf"
        written = render_previews(pdf, tmp_path, dpi=30)
        assert len(written) == len(pdfium.PdfDocument(pdf)) + 1 > 2
        assert 0.001 < dark_share(Image.open(written[0])) < 0.5  # a rendered page, neither blank nor black
        assert Image.open(written[-1]).width > 1000  # the contact sheet

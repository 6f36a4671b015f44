"""Previews of a PDF: one PNG per page or slide and one contact sheet, rendered with PDFium (no Office needed)."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

from reportgen.i18n import _
from reportgen.output import write_atomic
from reportgen.progress import Progress, progress_of

DPI = 96
SHEET_THUMB = 320  # longest side of a thumbnail on the contact sheet, in pixels
GAP, LABEL = 16, 24
BACKGROUND, FRAME, INK = (236, 236, 236), (160, 160, 160), (40, 40, 40)


def build_previews(settings, report: Progress | Callable[[str], None] | None = None) -> list[Path]:
    """Build docx, pptx and their PDFs per audience, then preview each PDF into OUT/<audience>/preview/."""
    from reportgen.api import build

    report = progress_of(report)
    outputs = build(replace(settings, formats=("docx", "pptx", "pdf")), report).files
    written: list[Path] = []
    pdfs = [p for p in outputs if p.suffix == ".pdf"]
    with report.task(_("drawing previews of {count} PDF files").format(count=len(pdfs)), len(pdfs)) as advance:
        for pdf in pdfs:
            pages = render_previews(pdf, pdf.parent / "preview")
            advance()
            report(_("previewed {name}: {count} pages, sheet {sheet}").format(
                name=pdf.name, count=len(pages) - 1, sheet=pages[-1]))
            written += pages
    return written


def render_previews(pdf: Path, folder: Path, dpi: int = DPI) -> list[Path]:
    """Write <stem>-01.png … for every page of `pdf` and <stem>-sheet.png into `folder`; return the paths written."""
    import pypdfium2 as pdfium

    for stale in folder.glob(f"{pdf.stem}-*.png"):
        stale.unlink()
    document = pdfium.PdfDocument(pdf)
    try:
        images = [page.render(scale=dpi / 72).to_pil() for page in document]
    finally:
        document.close()
    written = [_save(image, folder / f"{pdf.stem}-{number:02d}.png") for number, image in enumerate(images, 1)]
    written.append(_save(contact_sheet(images), folder / f"{pdf.stem}-sheet.png"))
    return written


def contact_sheet(images: Sequence, columns: int | None = None):
    """Return one image with every page as a framed, numbered thumbnail, in reading order."""
    from PIL import Image, ImageDraw, ImageFont

    thumbs = [_thumbnail(image) for image in images]
    cell_w = max(t.width for t in thumbs) + GAP
    cell_h = max(t.height for t in thumbs) + GAP + LABEL
    columns = min(columns or _columns(len(thumbs), thumbs[0].height / thumbs[0].width), len(thumbs))
    rows = math.ceil(len(thumbs) / columns)
    sheet = Image.new("RGB", (columns * cell_w + GAP, rows * cell_h + GAP), BACKGROUND)
    draw = ImageDraw.Draw(sheet)
    font = ImageFont.load_default(size=16)
    for index, thumb in enumerate(thumbs):
        x = GAP + (index % columns) * cell_w
        y = GAP + (index // columns) * cell_h
        sheet.paste(thumb, (x, y))
        draw.rectangle((x - 1, y - 1, x + thumb.width, y + thumb.height), outline=FRAME)
        draw.text((x + thumb.width / 2, y + thumb.height + 4), str(index + 1), fill=INK, font=font, anchor="ma")
    return sheet


def _columns(count: int, aspect: float) -> int:
    """Return how many thumbnails per row make a sheet about 4:3 wide (at most 8)."""
    return max(1, min(8, math.ceil(math.sqrt(count * aspect * 4 / 3))))


def _thumbnail(image):
    """Return a copy of `image` scaled so its longest side is SHEET_THUMB pixels."""
    from PIL import Image

    scale = SHEET_THUMB / max(image.size)
    return image.resize((round(image.width * scale), round(image.height * scale)), Image.Resampling.LANCZOS)


def _save(image, target: Path) -> Path:
    """Write `image` as PNG atomically; return the path."""
    return write_atomic(target, lambda stream: image.save(stream, format="PNG"))

"""An independent measurement of a built deck: does every text box hold its text at its explicit sizes?

It re-reads the .pptx (box sizes, insets, run sizes, line pitch, indents) and measures with Pillow's FreeType
rendering of the open CJK font, not with reportgen's own metrics.
"""

from __future__ import annotations

import re
from functools import lru_cache

from PIL import ImageFont
from pptx.oxml.ns import qn
from pptx.util import Emu

from reportgen.fonts import open_sans_path

EMU_PT = 12700
TOKEN = re.compile(r"[A-Za-z0-9.%+\-/]+|.")


@lru_cache(maxsize=64)
def font(size: float):
    return ImageFont.truetype(str(open_sans_path()), size=int(round(size * 10)))  # 10× for precision


def width(text: str, size: float) -> float:
    return font(size).getlength(text) / 10


def lines(text: str, room: float, size: float) -> int:
    """Greedy line count: CJK characters one by one, Latin words whole."""
    count, used = 1, 0.0
    for token in TOKEN.findall(text):
        w = width(token, size)
        if used and used + w > room:
            count, used = count + 1, 0.0
        used += w
    return count


def paragraph_metrics(paragraph) -> tuple[float, float, float, float]:
    """Return (size, line pitch, space before, left margin) of a paragraph, all in points."""
    sizes = [r.font.size.pt for r in paragraph.runs if r.font.size is not None]
    size = max(sizes) if sizes else 18.0
    ppr = paragraph._p.pPr
    pitch = paragraph.line_spacing.pt if isinstance(paragraph.line_spacing, Emu) else size * 1.2
    pitch = max(pitch, size * 1.15)  # an exact pitch below the glyph height makes lines collide
    before = paragraph.space_before.pt if paragraph.space_before is not None else 0.0
    margin = int(ppr.get("marL", "0")) / EMU_PT if ppr is not None else 0.0
    return size, pitch, before, margin


def text_height(frame, box_width: float) -> float:
    """Return the height the frame's text needs inside a box `box_width` points wide."""
    inner = box_width - (frame.margin_left + frame.margin_right) / EMU_PT
    total = 0.0
    for k, paragraph in enumerate(frame.paragraphs):
        size, pitch, before, margin = paragraph_metrics(paragraph)
        text = "".join(r.text for r in paragraph.runs)
        total += lines(text, inner - margin, size) * pitch + (before if k else 0.0)
    return total + (frame.margin_top + frame.margin_bottom) / EMU_PT


def overflows(prs) -> list[str]:
    """Return a description of every text box, table or shape that does not fit, or lies off the slide."""
    problems = []
    slide_w, slide_h = prs.slide_width, prs.slide_height
    for number, slide in enumerate(prs.slides, 1):
        for shape in slide.shapes:
            where = f"slide {number} {shape.name!r}"
            if shape.left < 0 or shape.top < 0 or shape.left + shape.width > slide_w or \
                    shape.top + shape.height > slide_h:
                problems.append(f"{where}: outside the slide")
            if shape.has_text_frame and shape.text_frame.text.strip():
                need = text_height(shape.text_frame, shape.width / EMU_PT)
                if need > shape.height / EMU_PT + 0.5:
                    problems.append(f"{where}: needs {need:.0f} pt, has {shape.height / EMU_PT:.0f} pt")
            if shape.has_table:
                need = sum(max(text_height(cell.text_frame, col.width / EMU_PT)
                               for cell, col in zip(row.cells, shape.table.columns)) for row in shape.table.rows)
                if shape.top / EMU_PT + need > slide_h / EMU_PT - 20:
                    problems.append(f"{where}: table needs {need:.0f} pt from {shape.top / EMU_PT:.0f} pt")
    return problems


def east_asian_gaps(prs) -> list[str]:
    """Return every run (slides, tables, notes excluded) lacking an explicit a:ea typeface or zh-CN."""
    gaps = []
    for number, slide in enumerate(prs.slides, 1):
        for run in slide.shapes._spTree.iter(qn("a:r")):
            rpr = run.find(qn("a:rPr"))
            if rpr is None or rpr.find(qn("a:ea")) is None or rpr.get("lang") != "zh-CN":
                gaps.append(f"slide {number}: {run.findtext(qn('a:t'))!r}")
    return gaps

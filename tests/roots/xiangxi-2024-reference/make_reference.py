"""Regenerate templates/reference.docx of this root from the shipped templates/reference.docx.

A restyled reference as an office would make it in Word: the title in dark blue instead of black, and the body
text (Normal, Body Text) in 15 pt instead of 16 pt (三号). Run from the repository root:

    python tests/roots/xiangxi-2024-reference/make_reference.py
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.shared import Pt, RGBColor

HERE = Path(__file__).resolve().parent
SHIPPED = HERE.parents[2] / "templates" / "reference.docx"
OUT = HERE / "templates" / "reference.docx"

TITLE_COLOUR = RGBColor(0x1F, 0x4E, 0x79)
BODY_SIZE = Pt(15)


def main() -> None:
    doc = Document(str(SHIPPED))
    doc.styles["Title"].font.color.rgb = TITLE_COLOUR
    for name in ("Normal", "Body Text"):
        doc.styles[name].font.size = BODY_SIZE
    # fixed document properties, so the file is the same each time it is made
    doc.core_properties.title = "reference (restyled: title colour, body size)"
    OUT.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(OUT))
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()

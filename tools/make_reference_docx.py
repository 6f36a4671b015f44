"""Write templates/reference.docx and templates/reference-modern.docx from the style specs.

Run after changing reportgen/writers/docx/styles.py or the font map: `python tools/make_reference_docx.py`.
The output is byte-for-byte reproducible, so a test can check the committed files are up to date.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from reportgen.output import write_atomic
from reportgen.reproducible import package_bytes
from reportgen.writers.docx.make_reference import make_reference
from reportgen.writers.docx.reference import reference_name
from reportgen.writers.docx.styles import LAYOUTS

STAMP = dt.datetime(2025, 1, 1)


def main(folder: Path) -> None:
    """Write one reference per document style into `folder`."""
    for style in LAYOUTS:
        document = make_reference(style)
        props = document.core_properties
        props.created = props.modified = STAMP
        data = package_bytes(document.save)  # fixed zip order and times
        target = write_atomic(folder / reference_name(style), lambda stream, data=data: stream.write(data))
        print(target)


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent / "templates")

"""The writers: one registry from a format to the function that turns a Document into that file's bytes."""

from __future__ import annotations

import importlib
from dataclasses import dataclass

from reportgen.document import Document, Omission, WriterOptions

#: Format → "module:function"; writers are imported only when used (python-docx and python-pptx load slowly).
WRITERS = {"docx": "reportgen.writers.docx:write_docx", "pptx": "reportgen.writers.pptx:write_pptx"}


@dataclass(frozen=True)
class Rendered:
    """One written file: its bytes, what it left out, and the messages (warnings) the writer gave."""

    content: bytes
    omissions: tuple[Omission, ...] = ()
    messages: tuple[str, ...] = ()


def write(fmt: str, document: Document, options: WriterOptions, media) -> Rendered:
    """Return `document` written as `fmt`; `media` (a charts.media.MediaBag) holds the chart pictures."""
    module, function = WRITERS[fmt].split(":")
    return getattr(importlib.import_module(module), function)(document, options, media)

"""The old entry point `document_to_docx(document, locator)`, for the build until it calls `writers.write`.

It resolves what `write_docx` is handed (reference, shipped reference, fonts, chart pictures) the way the build
did before, and gives the writer's messages as warnings, as before. Delete it once nothing calls it.
"""

from __future__ import annotations

import warnings

from reportgen.document import Chart, Document, Reference, WriterOptions


def document_to_docx(document: Document, locator=None) -> bytes:
    """Return `document` as a .docx package; its reference is found through `locator` (the template roots)."""
    from reportgen.charts.media import MediaBag, chart_key
    from reportgen.charts.render import render_png
    from reportgen.charts.theme import theme_for
    from reportgen.errors import ReportgenWarning
    from reportgen.resources import Locator, shipped_templates
    from reportgen.writers.docx import write_docx
    from reportgen.writers.docx.reference import reference_name

    meta = document.meta
    name = reference_name(meta.style)
    locator = locator or Locator.default()
    shipped = shipped_templates() / name
    path = locator.find(meta.reference_docx) if meta.reference_docx else locator.find(name) or shipped
    charts = [(block.spec, theme_for(block.theme)) for block in document.walk() if isinstance(block, Chart)]
    media = MediaBag(pictures={chart_key(*chart): render_png(*chart) for chart in charts})
    options = WriterOptions(Reference(str(path), path.read_bytes()), Reference(str(shipped), shipped.read_bytes()),
                            fonts=meta.fonts)
    rendered = write_docx(document, options, media)
    for message in rendered.messages:
        warnings.warn(message, ReportgenWarning, stacklevel=2)
    return rendered.content

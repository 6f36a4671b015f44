"""Open the reference document a build writes into: empty body, every needed style present, CJK-ready."""

from __future__ import annotations

import io
from collections.abc import Mapping
from typing import TYPE_CHECKING
from zipfile import BadZipFile

import docx
from docx.opc.exceptions import PackageNotFoundError

from reportgen.document import WriterOptions
from reportgen.errors import TemplateError
from reportgen.fonts import docx_fonts
from reportgen.writers.docx.oxml import append_style_copy, clear_body, default_rpr, resolved_east_asian, set_fonts
from reportgen.writers.docx.styles import Layout, layout

if TYPE_CHECKING:
    from docx.document import Document as WordDocument


def reference_name(style: str) -> str:
    """Return the file name of the reference of a document style: reference.docx, reference-modern.docx."""
    return "reference.docx" if style == "official" else f"reference-{style}.docx"


def open_reference_docx(style: str, options: WriterOptions) -> tuple[WordDocument, list[str]]:
    """Return the reference Document of `style` from `options` with an empty body, every style of the spec
    present and an explicit East Asian font on each, and the messages saying what was repaired."""
    document = _open(options.reference)
    clear_body(document)
    spec = layout(style)
    overrides = dict(options.fonts)
    fonts = docx_fonts(style, overrides)
    messages = []
    if options.reference.content != options.shipped.content:
        messages += _fill_missing_styles(document, options, spec)
    messages += _ensure_east_asian(document, spec, fonts)
    if overrides:
        apply_fonts(document, spec, fonts, set(overrides))
    return document, messages


def _open(reference) -> WordDocument:
    """Return `reference` (a document.Reference) opened with python-docx; raise TemplateError if it is no .docx."""
    try:
        return docx.Document(io.BytesIO(reference.content))
    except (PackageNotFoundError, BadZipFile, KeyError, ValueError) as exc:
        raise TemplateError(f"{reference.name}: not a Word document ({type(exc).__name__})") from None


def apply_fonts(document, spec: Layout, fonts: Mapping[str, str], roles: set[str]) -> None:
    """Set the typeface of every style whose role is in `roles` (an audience's font overrides)."""
    for name, style_spec in spec.styles.items():
        if style_spec.role in roles or style_spec.latin_role in roles:
            rpr = document.styles[name].element.get_or_add_rPr()
            set_fonts(rpr, fonts[style_spec.role], fonts[style_spec.latin_role])
    if "body" in roles or "latin" in roles:
        set_fonts(default_rpr(document.styles.element), fonts["body"], fonts["latin"])


def _fill_missing_styles(document, options: WriterOptions, spec: Layout) -> list[str]:
    """Copy every style the user's reference lacks from the shipped one; return a message naming each."""
    shipped_styles = docx.Document(io.BytesIO(options.shipped.content)).styles
    messages = []
    for name in spec.styles:
        if name not in document.styles:
            messages.append(f"{options.reference.name}: no style {name!r}; using the shipped one")
            append_style_copy(shipped_styles[name].element, document.styles.element)
    return messages


def _ensure_east_asian(document, spec: Layout, fonts: Mapping[str, str]) -> list[str]:
    """Give every needed style an explicit East Asian font: a theme font or none is replaced by the role's font;
    return a message naming each style repaired."""
    messages = []
    for name, style_spec in spec.styles.items():
        style = document.styles[name]
        if resolved_east_asian(style.element, document.styles.element) is None:
            role = style_spec.role
            messages.append(f"style {name!r} of the reference has no East Asian font; using {fonts[role]}")
            latin = style.font.name
            set_fonts(style.element.get_or_add_rPr(), fonts[role], latin or fonts[style_spec.latin_role])
    return messages

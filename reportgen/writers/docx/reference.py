"""Open the reference document a build writes into: empty body, every needed style present, CJK-ready."""

from __future__ import annotations

import io
from collections.abc import Mapping
from typing import TYPE_CHECKING
from zipfile import BadZipFile

import docx
from docx.opc.exceptions import PackageNotFoundError

from reportgen.document import WriterOptions
from reportgen.errors import ReferenceFileError
from reportgen.fonts import docx_fonts
from reportgen.i18n import _
from reportgen.references import reference_messages
from reportgen.writers.docx.oxml import (XML_ERRORS, append_style_copy, clear_body, default_rpr, matching_style,
                                         rename_style, resolved_east_asian, set_fonts)
from reportgen.writers.docx.styles import Layout, layout

if TYPE_CHECKING:
    from docx.document import Document as WordDocument


def reference_name(style: str) -> str:
    """Return the file name of the reference of a document style: reference.docx, reference-modern.docx."""
    return "reference.docx" if style == "official" else f"reference-{style}.docx"


def open_reference_docx(style: str, options: WriterOptions) -> tuple[WordDocument, list[str]]:
    """Return the reference Document of `style` from `options` with an empty body, every style of the spec
    present and an explicit East Asian font on each, and the messages saying what was cleaned and repaired."""
    document = _open(options.reference)
    clear_body(document)
    spec = layout(style)
    overrides = dict(options.fonts)
    fonts = docx_fonts(style, overrides)
    messages = list(reference_messages(options.reference))
    if options.reference.content != options.shipped.content:
        messages += _fill_missing_styles(document, options, spec)
    messages += _ensure_east_asian(document, spec, fonts)
    if overrides:
        apply_fonts(document, spec, fonts, set(overrides))
    return document, messages


def _open(reference) -> WordDocument:
    """Return `reference` (a document.Reference) opened with python-docx; raise ReferenceFileError (plain text, so
    it travels back from a worker) if it is no readable .docx."""
    try:
        return docx.Document(io.BytesIO(reference.content))
    except (PackageNotFoundError, BadZipFile, KeyError, ValueError, *XML_ERRORS) as exc:
        raise ReferenceFileError(_("{name}: not a Word document ({error}: {detail})").format(
            name=reference.name, error=type(exc).__name__, detail=exc)) from None


def apply_fonts(document, spec: Layout, fonts: Mapping[str, str], roles: set[str]) -> None:
    """Set the typeface of every style whose role is in `roles` (an audience's font overrides)."""
    for name, style_spec in spec.styles.items():
        if style_spec.role in roles or style_spec.latin_role in roles:
            rpr = document.styles[name].element.get_or_add_rPr()
            set_fonts(rpr, fonts[style_spec.role], fonts[style_spec.latin_role])
    if "body" in roles or "latin" in roles:
        set_fonts(default_rpr(document.styles.element), fonts["body"], fonts["latin"])


def _fill_missing_styles(document, options: WriterOptions, spec: Layout) -> list[str]:
    """Find every style of the spec in the user's reference by name, else by the shipped style's id or its name in
    any case (LibreOffice writes "Heading 1" where Word writes "heading 1"), naming a match as the shipped one
    does; copy the styles still missing from the shipped reference and return a message naming each."""
    shipped_styles = docx.Document(io.BytesIO(options.shipped.content)).styles
    messages = []
    for name in spec.styles:
        if name in document.styles:
            continue
        shipped = shipped_styles[name].element
        found = matching_style(document.styles.element, shipped)
        if found is not None:
            rename_style(found, shipped)
        else:
            messages.append(_("{reference}: no style {name!r}; using the shipped one").format(
                reference=options.reference.name, name=name))
            append_style_copy(shipped, document.styles.element)
    return messages


def _ensure_east_asian(document, spec: Layout, fonts: Mapping[str, str]) -> list[str]:
    """Give every needed style an explicit East Asian font: a theme font or none is replaced by the role's font;
    return a message naming each style repaired."""
    messages = []
    for name, style_spec in spec.styles.items():
        style = document.styles[name]
        if resolved_east_asian(style.element, document.styles.element) is None:
            role = style_spec.role
            messages.append(_("style {name!r} of the reference has no East Asian font; using {font}").format(
                name=name, font=fonts[role]))
            latin = style.font.name
            set_fonts(style.element.get_or_add_rPr(), fonts[role], latin or fonts[style_spec.latin_role])
    return messages

"""Reference files (reference.docx, reference-modern.docx, reference.pptx): found through the template roots,
checked and read once per build, handed to the writers as bytes."""

from __future__ import annotations

from pathlib import Path

from reportgen.document import Reference
from reportgen.errors import TemplateError
from reportgen.resources import Locator, shipped_templates
from reportgen.safezip import check_reference


def reference_name(fmt: str, style: str = "official") -> str:
    """Return the file name of the reference of a format and document style: reference.docx,
    reference-modern.docx, reference.pptx."""
    return f"reference.{fmt}" if fmt == "pptx" or style == "official" else f"reference-{style}.{fmt}"


class References:
    """The reference files of one build, each checked and read at most once."""

    def __init__(self, locator: Locator) -> None:
        self.locator = locator
        self._read: dict[Path, Reference] = {}

    def shipped(self, fmt: str, style: str = "official") -> Reference:
        """Return the shipped reference of `fmt` and `style`."""
        return self._reference(shipped_templates() / reference_name(fmt, style), check=False)

    def user_default(self, fmt: str, style: str = "official") -> Reference:
        """Return the first reference of `fmt` and `style` on the template path (the shipped one at the end)."""
        name = reference_name(fmt, style)
        path = self.locator.find(name)
        return self._reference(path) if path else self.shipped(fmt, style)

    def named(self, name: str) -> Reference:
        """Return the reference file an audience profile names, found through the template roots."""
        path = self.locator.find(name)
        if path is None:
            raise TemplateError(f"reference file {name!r} not found in "
                                + ", ".join(str(r) for r in self.locator.roots))
        return self._reference(path)

    def _reference(self, path: Path, check: bool = True) -> Reference:
        """Return the reference at `path`, checked (size, zip bomb, main part) unless shipped."""
        if path not in self._read:
            if check and path.resolve() != (shipped_templates() / path.name).resolve():
                check_reference(path)
            self._read[path] = Reference(str(path), path.read_bytes())
        return self._read[path]

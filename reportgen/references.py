"""Reference files (reference.docx, reference-modern.docx, reference.pptx): found through the template roots,
checked, read and cleaned once per build, handed to the writers as bytes with what cleaning dropped."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reportgen.document import Reference
from reportgen.errors import ReferenceFileError, TemplateError
from reportgen.i18n import _
from reportgen.resources import Locator, shipped_templates
from reportgen.safezip import check_reference
from reportgen.sanitise import sanitise


@dataclass(frozen=True, slots=True)
class CleanReference(Reference):
    """A reference as the writers get it: cleaned bytes, and the messages saying what cleaning dropped (the
    writer returns them with its own, so the build prints each once)."""

    messages: tuple[str, ...] = ()


def reference_messages(reference: Reference) -> tuple[str, ...]:
    """Return what cleaning dropped from `reference` (nothing for one not read through References)."""
    return getattr(reference, "messages", ())


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
        return self._reference(shipped_templates() / reference_name(fmt, style))

    def user_default(self, fmt: str, style: str = "official") -> Reference:
        """Return the first reference of `fmt` and `style` on the template path (the shipped one at the end)."""
        name = reference_name(fmt, style)
        found = self.locator.locate(name)
        return self._reference(found[1], self.locator.roots[found[0]]) if found else self.shipped(fmt, style)

    def named(self, name: str) -> Reference:
        """Return the reference file an audience profile names, found through the template roots."""
        found = self.locator.locate(name)
        if found is None:
            raise TemplateError(_("reference file {name!r} not found in {folders}").format(
                name=name, folders=", ".join(str(r) for r in self.locator.roots)))
        return self._reference(found[1], self.locator.roots[found[0]])

    def _reference(self, path: Path, root: Path | None = None) -> Reference:
        """Return the reference at `path` (found in template root `root`): the shipped ones as they are, a user's
        checked (inside its root, size, zip bomb, names, main part) and cleaned."""
        if path not in self._read:
            if root is None or path.resolve() == (shipped_templates() / path.name).resolve():
                self._read[path] = Reference(str(path), path.read_bytes())
            else:
                check_reference(_inside(path, root))
                content, messages = sanitise(str(path), path.read_bytes(), path.suffix.lower())
                self._read[path] = CleanReference(str(path), content, messages)
        return self._read[path]


def _inside(path: Path, root: Path) -> Path:
    """Return `path`; raise ReferenceFileError when a symbolic link takes it outside template root `root`."""
    target = path.resolve()
    if not target.is_relative_to(root.resolve()):
        raise ReferenceFileError(_("{path}: cannot use this reference file: it is a link to {target}, outside "
                                   "{root}; copy the file into the templates folder").format(
            path=path, target=target, root=root))
    return path

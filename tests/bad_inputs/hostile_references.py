"""The table of hostile reference files: what each carries, and how the build must treat it.

A reference is copied into every output, so anything hostile in it would reach every recipient. Content a
reference may not carry (macros, ActiveX, embedded objects, custom XML, comments, external links, a DOCTYPE) is
dropped with a message: with --strict the build fails on it (exit 9, nothing written); without, the outputs are
re-opened and must not hold it. A package that is not a safe Office file is refused (exit 8). Either way the message
names the file, there is no traceback, and a failed build leaves the previous outputs as they were.

Collected by tests/writers/test_hostile_references.py (pytest collects test_*.py files only).
"""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from cases import Env
from click.testing import CliRunner
from conftest import DATA
from test_bad_inputs import previous, run_case  # noqa: F401  (previous is a fixture)
from writers.packages import DOCM, MS, R, SHIPPED_DOCX, SHIPPED_PPTX, Package, docx_settings_template, \
    everything, pptx_with_macros

from reportgen.cli import main

WML_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
MAIN_TYPES = {"docx": WML_MAIN, "pptx": "application/vnd.openxmlformats-officedocument.presentationml."
                                        "presentation.main+xml"}
SECRET = "SECRET-7f3a-reference-entity"


@dataclass(frozen=True)
class Hostile:
    """A hostile reference: `make` writes it (given the project); the build must end with `code` and print
    `messages`; for dropped content (code 9 under --strict) the outputs must hold none of `absent`."""

    id: str
    fmt: str  # docx or pptx
    make: Callable[[Path, Env], None]
    code: int
    messages: tuple[str, ...]
    absent: tuple[str, ...] = ()  # entry names (substrings) and texts no output may hold
    extra: tuple[str, ...] = ()

    def setup(self, env: Env, strict: bool = True) -> list[str]:
        self.make(env.templates / f"reference.{self.fmt}", env)
        return ["--format", self.fmt, *self.extra, *(["--strict"] if strict and self.code == 9 else [])]


def _save(package: Callable[[Env], Package]) -> Callable[[Path, Env], None]:
    return lambda target, env: package(env).save(target)


def _docx(*edits: Callable[[Package], Package]) -> Callable[[Path, Env], None]:
    def package(env: Env) -> Package:
        result = Package(SHIPPED_DOCX)
        for edit in edits:
            result = edit(result)
        return result
    return _save(package)


def _styles_doctype(doctype: str, reference: str) -> Callable[[Package], Package]:
    return lambda p: p.replace("word/styles.xml", "?>", f"?>{doctype}").replace(
        "word/styles.xml", "<w:docDefaults>", f"{reference}<w:docDefaults>")


def _xxe(target: Path, env: Env) -> None:
    (env.root / "secret.txt").write_text(SECRET, encoding="utf-8")
    doctype = (f'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/hostname"><!ENTITY s SYSTEM '
               f'"file://{env.root / "secret.txt"}">]>')
    _styles_doctype(doctype, "&e;&s;")(Package(SHIPPED_DOCX)).save(target)


LAUGHS = "<!DOCTYPE l [<!ENTITY l0 \"lol\">" + "".join(
    f"<!ENTITY l{k} \"{f'&l{k - 1};' * 10}\">" for k in range(1, 10)) + "]>"
HEADER = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:hdr xmlns:w="http://schemas.openxmlformats.org/'
          f'wordprocessingml/2006/main" xmlns:r="{R}"><w:p><w:hyperlink r:id="rIdF"><w:r><w:t>报头</w:t></w:r>'
          '</w:hyperlink></w:p></w:hdr>')
ACTIVEX = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><ax:ocx xmlns:ax="{MS.replace("relationships", "activeX")}"'
           f' xmlns:r="{R}" ax:classid="{{8BD21D40-EC42-11CE-9E0D-00AA006002F3}}" r:id="rId1"/>')
XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'


def _header(p: Package) -> Package:
    """A header with a file:// hyperlink, used by the section."""
    return (p.add("word/header1.xml", HEADER,
                  "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml")
            .relate("word/header1.xml", "rIdF", f"{R}/hyperlink", "file:///etc/passwd", external=True)
            .relate("word/document.xml", "rIdHd", f"{R}/header", "header1.xml")
            .replace("word/document.xml", 'w:rsidSect="00034616">',
                     'w:rsidSect="00034616"><w:headerReference w:type="default" r:id="rIdHd"/>'))


def _pptx_layout(edit: Callable[[Package], Package]) -> Callable[[Path, Env], None]:
    return _save(lambda env: edit(Package(SHIPPED_PPTX)))


def _activex(p: Package) -> Package:
    layout = "ppt/slideLayouts/slideLayout2.xml"
    return (p.add("ppt/activeX/activeX1.xml", ACTIVEX, "application/vnd.ms-office.activeX+xml")
            .add("ppt/activeX/activeX1.bin", b"\x00binary control", "application/vnd.ms-office.activeX")
            .relate("ppt/activeX/activeX1.xml", "rId1", f"{MS}/activeXControlBinary", "activeX1.bin")
            .relate(layout, "rIdX", f"{R}/control", "../activeX/activeX1.xml")
            .replace(layout, "</p:spTree>", '</p:spTree><p:controls><p:control name="Evil" r:id="rIdX" '
                                            'spid="_x0000_s1025"/></p:controls>'))


def _hyperlink(p: Package) -> Package:
    layout = "ppt/slideLayouts/slideLayout3.xml"
    return (p.relate(layout, "rIdH", f"{R}/hyperlink", "file:///C:/Windows/System32/calc.exe", external=True)
            .replace(layout, '<p:cNvPr id="2" name="Placeholder 2"/>',
                     '<p:cNvPr id="2" name="Placeholder 2"><a:hlinkClick r:id="rIdH"/></p:cNvPr>'))


def _xlsx(target: Path, env: Env) -> None:
    sheet = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
    with zipfile.ZipFile(target, "w") as package:
        package.writestr("[Content_Types].xml", f'{XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/'
                         f'content-types"><Override PartName="/xl/workbook.xml" ContentType="{sheet}"/></Types>')
        package.writestr("_rels/.rels", f'{XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
                         f'relationships"><Relationship Id="rId1" Type="{R}/officeDocument" Target="xl/workbook.xml"/>'
                         '</Relationships>')
        package.writestr("xl/workbook.xml", f'{XML}<workbook xmlns="http://schemas.openxmlformats.org/'
                         'spreadsheetml/2006/main"/>')


def _symlink_outside(target: Path, env: Env) -> None:
    outside = env.root / "elsewhere.docx"
    shutil.copy(SHIPPED_DOCX, outside)
    target.symlink_to(outside)


STYLES_REL = f'<Relationship Id="rId3" Type="{R}/styles" Target="styles.xml"/>'
DOCX_DROPPED, PPTX_DROPPED = r"reference\.docx: dropped", r"reference\.pptx: dropped"
REFUSED = r"reference\.docx: cannot use this reference file: "

HOSTILE = [
    Hostile("docx-remote-attached-template", "docx", _save(lambda env: docx_settings_template()), 9,
            (DOCX_DROPPED + r" 1 external link \(attachedTemplate http://evil\.example/evil\.dotm in word/settings",),
            ("evil.example", "attachedTemplate")),
    Hostile("docx-remote-image", "docx", _docx(lambda p: p.relate("word/document.xml", "rIdI", f"{R}/image",
                                                                   "http://evil.example/pixel.png", external=True)), 9,
            (DOCX_DROPPED + r" 1 external link \(image http://evil\.example/pixel\.png in word/document\.xml",),
            ("evil.example",)),
    Hostile("docx-header-file-hyperlink", "docx", _docx(_header), 9,
            (DOCX_DROPPED + r" 1 external link \(hyperlink file:///etc/passwd in word/header1\.xml",),
            ("file:///etc/passwd", 'r:id="rIdF"')),
    Hostile("docx-embedded-ole-object", "docx", _docx(
        lambda p: p.add("word/embeddings/oleObject1.bin", b"\xd0\xcf\x11\xe0 ole", "application/vnd.openxmlformats-"
                        "officedocument.oleObject")
        .relate("word/document.xml", "rIdO", f"{R}/oleObject", "embeddings/oleObject1.bin")), 9,
            (DOCX_DROPPED + r" embedded objects \(word/embeddings/oleObject1\.bin\)",), ("oleObject1",)),
    Hostile("docx-docm-with-macros", "docx", _docx(
        lambda p: p.main_type(WML_MAIN, DOCM)
        .add("word/vbaProject.bin", b"\xd0\xcf\x11\xe0 Attribute VB_Name", "application/vnd.ms-office.vbaProject")
        .add("word/vbaData.xml", f"{XML}<wne:vbaSuppData xmlns:wne=\"http://schemas.microsoft.com/office/word/2006/"
                                 "wordml\"/>", "application/vnd.ms-word.vbaData+xml")
        .relate("word/vbaProject.bin", "rId1", f"{MS}/wordVbaData", "vbaData.xml")
        .relate("word/document.xml", "rIdV", f"{MS}/vbaProject", "vbaProject.bin")), 9,
            (DOCX_DROPPED + r" macros: word/document\.xml is now a macro-free docx part",
             DOCX_DROPPED + r" macros \(word/vbaProject\.bin; word/vbaData\.xml\)"), ("vbaProject", "vbaData", "macroEnabled")),
    Hostile("docx-custom-xml", "docx", _docx(
        lambda p: p.add("customXml/item1.xml", f"{XML}<evil>data</evil>")
        .relate("word/document.xml", "rIdC", f"{R}/customXml", "../customXml/item1.xml")), 9,
            (DOCX_DROPPED + r" custom XML \(customXml/item1\.xml\)",), ("customXml", "<evil>")),
    Hostile("docx-comments-and-people", "docx", _docx(
        lambda p: p.add("word/comments.xml", f"{XML}<w:comments xmlns:w=\"http://schemas.openxmlformats.org/"
                        "wordprocessingml/2006/main\"/>", "application/vnd.openxmlformats-officedocument."
                        "wordprocessingml.comments+xml")
        .add("word/people.xml", f"{XML}<w15:people xmlns:w15=\"http://schemas.microsoft.com/office/word/2012/"
                                "wordml\"/>", "application/vnd.ms-word.people+xml")
        .relate("word/document.xml", "rIdM", f"{R}/comments", "comments.xml")
        .relate("word/document.xml", "rIdP", "http://schemas.microsoft.com/office/2011/relationships/people",
                "people.xml")), 9,
            (DOCX_DROPPED + r" comments \(word/comments\.xml; word/people\.xml\)",), ("comments.xml", "people.xml")),
    Hostile("docx-xxe-in-styles", "docx", _xxe, 9,
            (r"reference\.docx: removed a DOCTYPE declaration from word/styles\.xml",), (SECRET, "<!DOCTYPE", "&e;")),
    Hostile("docx-billion-laughs-in-styles", "docx", _docx(_styles_doctype(LAUGHS, "&l9;")), 8,  # libxml2 refuses it
            (REFUSED + r"word/styles\.xml: line 1: Maximum entity amplification factor exceeded",)),
    Hostile("pptx-macro-enabled-with-vba", "pptx", _save(lambda env: pptx_with_macros()), 9,
            (PPTX_DROPPED + r" macros: ppt/presentation\.xml is now a macro-free pptx part",
             PPTX_DROPPED + r" macros \(ppt/vbaProject\.bin\)"), ("vbaProject", "macroEnabled", "VB_Name")),
    Hostile("pptx-activex-on-a-layout", "pptx", _pptx_layout(_activex), 9,
            (PPTX_DROPPED + r" ActiveX controls \(ppt/activeX/activeX1\.xml",), ("activeX", "p:controls")),
    Hostile("pptx-file-hyperlink-on-a-layout", "pptx", _pptx_layout(_hyperlink), 9,
            (PPTX_DROPPED + r" 1 external link \(hyperlink file:///C:/Windows/System32/calc\.exe in "
                            r"ppt/slideLayouts/slideLayout3\.xml",), ("calc.exe", 'r:id="rIdH"')),
    Hostile("pptx-custom-xml-and-comment-authors", "pptx", _pptx_layout(
        lambda p: p.add("customXml/item1.xml", f"{XML}<evil>data</evil>")
        .relate("ppt/presentation.xml", "rIdC", f"{R}/customXml", "../customXml/item1.xml")
        .add("ppt/commentAuthors.xml", f"{XML}<p:cmAuthorLst xmlns:p=\"http://schemas.openxmlformats.org/"
                                       "presentationml/2006/main\"/>", "application/vnd.openxmlformats-"
                                       "officedocument.presentationml.commentAuthors+xml")
        .relate("ppt/presentation.xml", "rIdA", f"{R}/commentAuthors", "commentAuthors.xml")), 9,
            (PPTX_DROPPED + r" custom XML \(customXml/item1\.xml\)", PPTX_DROPPED + r" comments \(ppt/commentAuthors"),
            ("customXml", "<evil>", "commentAuthors", "printerSettings")),
    Hostile("docx-broken-styles-from-a-worker", "docx", _docx(lambda p: p.replace("word/styles.xml", "</w:styles>",
                                                                                   "</w:style>")), 8,
            (REFUSED + r"word/styles\.xml: line \d+: .*(mismatch|end tag|Premature)",), extra=("--jobs", "2")),
    Hostile("docx-entry-leaves-the-package", "docx", _docx(lambda p: p.add("../evil.xml", "<x/>")), 8,
            (REFUSED + r"entry '\.\./evil\.xml' is not a plain name inside the package",)),
    Hostile("docx-duplicate-entry", "docx", _docx(lambda p: p.duplicate("word/styles.xml", "<x/>")), 8,
            (REFUSED + r"entry 'word/styles\.xml' occurs twice in the package",)),
    Hostile("docx-is-an-xlsx", "docx", _xlsx, 8,
            (REFUSED + r"not a Word file \(its main part is application/vnd\.openxmlformats-officedocument\."
                       r"spreadsheetml\.sheet\.main\+xml",)),
    Hostile("docx-symlink-outside", "docx", _symlink_outside, 8,
            (REFUSED + r"it is a link to .*elsewhere\.docx, outside .*templates; copy the file",)),
    Hostile("docx-empty-file", "docx", lambda target, env: target.write_bytes(b""), 8,
            (REFUSED + r"not a Word file \(it is not a zip package",)),
    Hostile("docx-no-styles-part", "docx", _docx(lambda p: p.replace("word/_rels/document.xml.rels", STYLES_REL, "")), 8,
            (REFUSED + r"it has no styles part, which is what a reference file contributes",)),
]


def built_files(case: Hostile, root: Path) -> list[Path]:
    """Build a fresh project holding `case`'s reference without --strict; return the files of its format."""
    env = Env(root=root, data=root / "data", templates=root / "templates", out=root / "out")
    shutil.copytree(DATA, env.data)
    env.templates.mkdir(parents=True)
    args = ["build", "--data", str(env.data), "--templates", str(env.templates), "--out", str(env.out),
            *case.setup(env, strict=False)]
    result = CliRunner().invoke(main, args, env=env.environ)
    assert result.exit_code == 0, result.output
    return sorted(env.out.rglob(f"*.{case.fmt}"))


def main_type(data: bytes) -> str:
    """Return the content type the package `data` declares for its main part."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        types = package.read("[Content_Types].xml").decode()
    return re.search(r'PartName="/(?:word/document|ppt/presentation)\.xml" ContentType="([^"]+)"', types).group(1)


def test_the_table_is_long_enough():
    assert len(HOSTILE) >= 15
    assert len({case.id for case in HOSTILE}) == len(HOSTILE)


@pytest.mark.parametrize("case", HOSTILE, ids=[case.id for case in HOSTILE])
def test_hostile_reference(case: Hostile, tmp_path: Path, previous: Path):  # noqa: F811
    result, before, after = run_case(case, tmp_path / "strict", previous)
    assert isinstance(result.exception, SystemExit), result.exc_info  # no exception escaped: no traceback
    assert result.exit_code == case.code, result.output
    assert "Traceback" not in result.output
    assert len([line for line in result.output.splitlines() if line.startswith("error: ")]) == 1, result.output
    for pattern in case.messages:
        assert re.search(pattern, result.output), (pattern, result.output)
    assert after == before  # previous outputs unchanged, nothing new written, no temporary file left
    if case.code == 9:
        files = built_files(case, tmp_path / "built")
        assert files
        for path in files:
            data = path.read_bytes()
            assert main_type(data) == MAIN_TYPES[case.fmt]
            with zipfile.ZipFile(path) as package:
                names = "\n".join(package.namelist())
            content = everything(data).decode("utf-8", errors="replace")
            for text in case.absent:
                assert text not in names and text not in content, (text, path)

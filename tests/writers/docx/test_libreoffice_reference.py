"""A reference.docx re-saved by LibreOffice names its styles "Heading 1" where Word writes "heading 1": its styles
are still found (by id, then by name in any case) and used, one definition each."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from reportgen.document import Reference
from reportgen.sanitise import sanitise
from reportgen.writers.docx import write_docx

from .test_write_docx import DOCUMENT, SHIPPED, media, options  # noqa: F401  (media is a fixture)

pytestmark = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")


@pytest.fixture(scope="module")
def resaved(tmp_path_factory) -> bytes:
    """The shipped reference.docx opened and saved again by LibreOffice."""
    folder = tmp_path_factory.mktemp("libreoffice")
    source = folder / "reference.docx"
    shutil.copy(SHIPPED, source)
    subprocess.run(["soffice", f"-env:UserInstallation=file://{folder / 'profile'}", "--headless", "--convert-to",
                    "docx:MS Word 2007 XML", "--outdir", str(folder / "out"), str(source)],
                   check=True, capture_output=True, timeout=180)
    return (folder / "out" / "reference.docx").read_bytes()


def styles_xml(content: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(content)) as package:
        return package.read("word/styles.xml").decode("utf-8")


def test_libreoffice_names_headings_differently(resaved):
    assert '<w:name w:val="Heading 1"/>' in styles_xml(resaved)  # what the fix is for


def test_its_headings_are_used_once_each(resaved, media):
    content, messages = sanitise("lo/reference.docx", resaved, ".docx")
    assert messages == ()  # LibreOffice adds nothing a reference may not carry
    rendered = write_docx(DOCUMENT, options(Reference("lo/reference.docx", content)), media)
    assert not [m for m in rendered.messages if "no style" in m], rendered.messages
    styles = styles_xml(rendered.content)
    for level in range(1, 5):
        assert len(re.findall(rf'w:styleId="Heading{level}"', styles)) == 1
    with zipfile.ZipFile(io.BytesIO(rendered.content)) as package:
        body = package.read("word/document.xml").decode("utf-8")
    assert '<w:pStyle w:val="Heading1"/>' in body

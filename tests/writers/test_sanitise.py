"""sanitise on small packages: what a reference keeps, what it loses (with which message), what is refused."""

from __future__ import annotations

import io
import pickle
import zipfile

import docx
import pytest
from pptx import Presentation
from pptx.util import Inches

from reportgen.document import Reference
from reportgen.errors import ReferenceFileError
from reportgen.references import CleanReference, reference_messages
from reportgen.resources import shipped_templates
from reportgen.sanitise import part_name, rels_name, sanitise, source_of
from reportgen.writers.docx.reference import _open
from writers.packages import R, SHIPPED_DOCX, SHIPPED_PPTX, Package, docx_settings_template, entry_names, \
    everything, pptx_with_macros

PML_MAIN = "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"


def read(data: bytes, name: str) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return package.read(name).decode("utf-8")


@pytest.mark.parametrize("name", ["reference.docx", "reference-modern.docx"])
def test_the_shipped_documents_come_back_as_they_are(name):
    content = (shipped_templates() / name).read_bytes()
    assert sanitise(name, content, ".docx") == (content, ())


def test_a_copy_of_the_shipped_deck_loses_only_its_printer_settings_and_without_a_message():
    cleaned, messages = sanitise("r.pptx", SHIPPED_PPTX.read_bytes(), ".pptx")
    assert messages == ()
    assert "printerSettings" not in everything(cleaned).decode("utf-8", "replace")
    names = [layout.name for layout in Presentation(io.BytesIO(cleaned)).slide_layouts]
    assert len(names) == 9 and names[0] == "Title Slide"


def test_an_attached_template_is_dropped_with_its_settings_element():
    cleaned, messages = sanitise("r.docx", docx_settings_template().bytes(), ".docx")
    assert messages == ("r.docx: dropped 1 external link (attachedTemplate http://evil.example/evil.dotm in "
                        "word/settings.xml)",)
    assert "attachedTemplate" not in read(cleaned, "word/settings.xml")
    assert "evil" not in read(cleaned, "word/_rels/settings.xml.rels")
    docx.Document(io.BytesIO(cleaned))  # still a Word document


def test_a_reference_to_a_dropped_relationship_goes_with_it():
    header = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:hdr xmlns:w="http://schemas.openxmlformats'
              f'.org/wordprocessingml/2006/main" xmlns:r="{R}"><w:p><w:hyperlink r:id="rIdF"><w:r><w:t>报头</w:t>'
              '</w:r></w:hyperlink></w:p></w:hdr>')
    package = (Package(SHIPPED_DOCX)
               .add("word/header1.xml", header, "application/vnd.openxmlformats-officedocument.wordprocessingml."
                                               "header+xml")
               .relate("word/header1.xml", "rIdF", f"{R}/hyperlink", "file:///etc/passwd", external=True)
               .relate("word/document.xml", "rIdHd", f"{R}/header", "header1.xml"))
    cleaned, _ = sanitise("r.docx", package.bytes(), ".docx")
    kept = read(cleaned, "word/header1.xml")
    assert "<w:hyperlink>" in kept and "报头" in kept and "rIdF" not in kept  # the text stays, the link goes
    assert "passwd" not in read(cleaned, "word/_rels/header1.xml.rels")


def test_a_macro_enabled_deck_becomes_a_plain_one():
    cleaned, messages = sanitise("r.pptx", pptx_with_macros().bytes(), ".pptx")
    assert "r.pptx: dropped macros: ppt/presentation.xml is now a macro-free pptx part" in messages
    assert "r.pptx: dropped macros (ppt/vbaProject.bin)" in messages
    assert "ppt/vbaProject.bin" not in entry_names(cleaned)
    assert f'PartName="/ppt/presentation.xml" ContentType="{PML_MAIN}"' in read(cleaned, "[Content_Types].xml")
    assert "vbaProject" not in read(cleaned, "ppt/_rels/presentation.xml.rels")


def test_sample_slides_are_dropped_without_a_message():
    prs = Presentation(str(SHIPPED_PPTX))
    slide = prs.slides.add_slide(prs.slide_layouts[3])
    slide.shapes.add_picture(io.BytesIO(_png()),
                             Inches(1), Inches(1))
    stream = io.BytesIO()
    prs.save(stream)
    cleaned, messages = sanitise("r.pptx", stream.getvalue(), ".pptx")
    assert messages == ()
    assert not [n for n in entry_names(cleaned) if n.startswith(("ppt/slides/", "ppt/media/"))]
    assert "sldId " not in read(cleaned, "ppt/presentation.xml")
    assert len(Presentation(io.BytesIO(cleaned)).slides) == 0


def test_a_doctype_is_removed_and_its_entities_not_expanded():
    package = (Package(SHIPPED_DOCX)
               .replace("word/styles.xml", "?>", '?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/hostname">]>')
               .replace("word/styles.xml", "<w:docDefaults>", "&e;<w:docDefaults>"))
    cleaned, messages = sanitise("r.docx", package.bytes(), ".docx")
    assert messages == ("r.docx: removed a DOCTYPE declaration from word/styles.xml (its entities are not "
                        "expanded)",)
    styles = read(cleaned, "word/styles.xml")
    assert "DOCTYPE" not in styles and "&e;" not in styles and "<w:docDefaults>" in styles


def test_a_part_that_is_not_xml_is_a_located_error_that_travels_between_processes():
    broken = Package(SHIPPED_DOCX).replace("word/styles.xml", "</w:styles>", "</w:style>").bytes()
    with pytest.raises(ReferenceFileError, match=r"^r\.docx: cannot use this reference file: word/styles\.xml: "
                                                 r"line \d+: ") as caught:
        sanitise("r.docx", broken, ".docx")
    assert all(isinstance(arg, str) for arg in caught.value.args)  # plain text: it pickles back from a worker
    assert str(pickle.loads(pickle.dumps(type(caught.value)(*caught.value.args)))) == str(caught.value)


def test_the_writer_reports_broken_xml_as_plain_text_too():
    broken = Package(SHIPPED_DOCX).replace("word/styles.xml", "</w:styles>", "</w:style>").bytes()
    with pytest.raises(ReferenceFileError, match=r"^r\.docx: not a Word document \(XMLSyntaxError: ") as caught:
        _open(Reference("r.docx", broken))
    assert all(isinstance(arg, str) for arg in caught.value.args)  # plain text: it pickles back from a worker
    assert str(pickle.loads(pickle.dumps(type(caught.value)(*caught.value.args)))) == str(caught.value)


def test_a_deck_without_layouts_is_refused():
    package = Package(SHIPPED_PPTX)
    rels = "ppt/slideMasters/_rels/slideMaster1.xml.rels"
    package.entries[rels] = package.entries[rels].replace(b"relationships/slideLayout", b"relationships/unknown")
    with pytest.raises(ReferenceFileError, match="it has no slide layout, which is what a reference file"):
        sanitise("r.pptx", package.bytes(), ".pptx")


def test_a_clean_reference_carries_its_messages_to_the_writer():
    assert reference_messages(CleanReference("r", b"", ("dropped x",))) == ("dropped x",)
    assert reference_messages(Reference("r", b"")) == ()
    clean = CleanReference("r", b"x", ("m",))
    assert pickle.loads(pickle.dumps(clean)) == clean


def test_part_names():
    assert rels_name("") == "_rels/.rels" and rels_name("word/document.xml") == "word/_rels/document.xml.rels"
    assert source_of("word/_rels/document.xml.rels") == "word/document.xml" and source_of("_rels/.rels") == ""
    assert part_name("ppt/slideLayouts/slideLayout1.xml", "../media/a.png") == "ppt/media/a.png"
    assert part_name("word/document.xml", "/word/styles.xml") == "word/styles.xml"


def _png() -> bytes:
    """A 1×1 PNG."""
    import base64

    return base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5"
                            "ErkJggg==")

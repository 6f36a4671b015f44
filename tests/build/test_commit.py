"""Commit: every file and each manifest in one batch, manifests hashed from the bytes written."""

from __future__ import annotations

import hashlib
import json

import pytest

from reportgen.build.commit import commit
from reportgen.build.jobs import jobs_for
from reportgen.compose.editions import Edition
from reportgen.compose.profile import load_profile
from reportgen.document import DocumentMeta, Document, Omission, Reference, WriterOptions
from reportgen.errors import OutputError
from reportgen.resources import Locator
from reportgen.writers import Rendered

OPTIONS = WriterOptions(Reference("r", b""), Reference("s", b""))


@pytest.fixture
def composed():
    import datetime as dt

    meta = DocumentMeta("标题", "简报", "办公厅", 1, dt.date(2025, 1, 1), "2025年1月1日", "full")
    omitted = Omission("a.b", "某段", "detail", "not shown")
    edition = Edition("", "", {"docx": Document(meta), "pptx": Document(meta)}, {"docx": OPTIONS, "pptx": OPTIONS},
                      {"docx": (omitted,), "pptx": ()})
    return [(load_profile("full", Locator.default()), [edition])]


def test_files_and_the_manifest_are_written_with_the_hashes_of_their_bytes(tmp_path, composed):
    jobs = jobs_for(composed, ["docx", "pptx"], tmp_path)
    slide = Omission("slides[9]", "附页", "deck length", "the deck keeps 9 slides")
    rendered = [Rendered(b"docx bytes"), Rendered(b"pptx bytes", (slide,))]
    committed = commit(composed, ["docx", "pptx"], jobs, rendered, tmp_path, lambda message: None)
    manifest_path, digest, (edition,) = committed.audiences["full"]
    assert committed.files == [tmp_path / "full/briefing.docx", tmp_path / "full/deck.pptx", manifest_path]
    assert (edition.bulletin, edition.issue, edition.files["pptx"]) == ("简报", 1, tmp_path / "full/deck.pptx")
    assert (tmp_path / "full/deck.pptx").read_bytes() == b"pptx bytes"
    assert hashlib.sha256(manifest_path.read_bytes()).hexdigest() == digest
    edition = json.loads(manifest_path.read_text(encoding="utf-8"))["editions"][0]
    assert edition["files"]["docx"] == {"name": "briefing.docx", "bytes": 10,
                                        "sha256": hashlib.sha256(b"docx bytes").hexdigest()}
    assert [(d["item"], d["formats"]) for d in edition["dropped"]] == [("a.b", ["docx"]), ("slides[9]", ["pptx"])]


def test_a_write_that_fails_leaves_every_earlier_file_as_it_was(tmp_path, composed):
    (tmp_path / "full").mkdir()
    (tmp_path / "full/briefing.docx").write_bytes(b"previous")
    (tmp_path / "full/manifest.json").mkdir()  # a folder in the way of the manifest
    jobs = jobs_for(composed, ["docx", "pptx"], tmp_path)
    with pytest.raises(OutputError):
        commit(composed, ["docx", "pptx"], jobs, [Rendered(b"new"), Rendered(b"new")], tmp_path, print)
    assert (tmp_path / "full/briefing.docx").read_bytes() == b"previous"
    assert not (tmp_path / "full/deck.pptx").exists()

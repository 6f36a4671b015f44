"""Every option is checked before any work: formats, SOURCE_DATE_EPOCH, executor, audience names, references."""

from __future__ import annotations

import pytest

from reportgen.errors import ReferenceFileError, UsageError
from reportgen.settings import Settings, check


def test_checked_settings_name_the_audiences_and_the_formats_the_writers_make(tmp_path):
    checked = check(Settings(audiences=["all"], formats=["pdf"], out=tmp_path / "out", cwd=tmp_path))
    assert checked.audiences == ("department", "full", "leadership", "meeting", "public")
    assert checked.formats == ("docx", "pptx") and checked.pdf
    only = check(Settings(formats=["pptx"], out=tmp_path / "out", cwd=tmp_path))
    assert only.formats == ("pptx",) and not only.pdf and only.audiences == ("full",)


@pytest.mark.parametrize(("settings", "message"), [
    (dict(formats=["odt"]), "unknown format odt"),
    (dict(formats=[]), r"unknown format \(none\)"),
    (dict(executor="ray"), "unknown executor 'ray'"),
    (dict(executor="dask"), "--executor dask needs --scheduler"),
    (dict(audiences=["../etc"]), "audience name '../etc' is not a name"),
])
def test_a_bad_option_is_a_usage_error_before_any_work(tmp_path, settings, message):
    with pytest.raises(UsageError, match=message):
        check(Settings(out=tmp_path / "out", cwd=tmp_path, **settings))
    assert not (tmp_path / "out").exists()


def test_a_bad_source_date_epoch_is_a_usage_error(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with pytest.raises(UsageError, match="SOURCE_DATE_EPOCH='yesterday'"):
        check(Settings(out=tmp_path / "out", cwd=tmp_path))


def test_a_broken_reference_file_of_the_project_is_refused_by_the_check(tmp_path):
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates/reference.pptx").write_bytes(b"not a zip")
    check(Settings(formats=["docx"], out=tmp_path / "out", cwd=tmp_path))  # not needed for a docx build
    with pytest.raises(ReferenceFileError, match="reference.pptx: cannot use this reference file"):
        check(Settings(formats=["pptx"], out=tmp_path / "out", cwd=tmp_path))

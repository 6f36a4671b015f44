"""Freshness: an audience is up to date when its key matches and every file its manifest lists is unaltered."""

from __future__ import annotations

import datetime as dt
import hashlib
import json

from reportgen.build.cache import BuildCache, BuiltEdition


def built(out, name="full", key="k1"):
    """Write an audience folder with one file and its manifest, recorded in the cache under `key`."""
    folder = out / name
    folder.mkdir(parents=True)
    (folder / "briefing.docx").write_bytes(b"docx")
    manifest = {"editions": [{"folder": "", "files": {"docx": {"name": "briefing.docx",
                                                               "sha256": hashlib.sha256(b"docx").hexdigest()}}}]}
    data = json.dumps(manifest).encode()
    (folder / "manifest.json").write_bytes(data)
    edition = BuiltEdition(name, "", "工作简报", 3, dt.date(2025, 1, 20), {"docx": folder / "briefing.docx"})
    BuildCache(out).record({name: key}, {name: (folder / "manifest.json", hashlib.sha256(data).hexdigest(), [edition])})
    return folder


def test_an_unchanged_audience_is_fresh_with_its_files_manifest_last_and_its_editions(tmp_path):
    folder = built(tmp_path)
    fresh = BuildCache(tmp_path).fresh("full", "k1")
    assert fresh.files == [folder / "briefing.docx", folder / "manifest.json"]
    assert fresh.editions == [BuiltEdition("full", "", "工作简报", 3, dt.date(2025, 1, 20),
                                           {"docx": folder / "briefing.docx"})]
    assert list(BuildCache(tmp_path).fresh_audiences({"full": "k1", "public": "k1"})) == ["full"]


def test_another_key_an_altered_file_or_an_altered_manifest_is_stale(tmp_path):
    folder = built(tmp_path)
    assert BuildCache(tmp_path).fresh("full", "k2") is None
    assert BuildCache(tmp_path).fresh("public", "k1") is None
    (folder / "briefing.docx").write_bytes(b"edited")
    assert BuildCache(tmp_path).fresh("full", "k1") is None
    (folder / "briefing.docx").write_bytes(b"docx")
    (folder / "manifest.json").write_text("{}")
    assert BuildCache(tmp_path).fresh("full", "k1") is None


def test_a_damaged_entries_file_means_everything_is_stale(tmp_path):
    built(tmp_path)
    (tmp_path / ".reportgen-cache/entries.json").write_text("[not json")
    assert BuildCache(tmp_path).fresh("full", "k1") is None


def test_without_the_cache_the_chart_folder_is_emptied(tmp_path):
    folder = BuildCache(tmp_path).chart_folder()
    folder.mkdir(parents=True)
    (folder / "old.png").write_bytes(b"png")
    assert (BuildCache(tmp_path).chart_folder(keep=True) / "old.png").exists()
    assert not (BuildCache(tmp_path).chart_folder(keep=False) / "old.png").exists()

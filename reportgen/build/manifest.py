"""The audience's audit record (OUT/<audience>/manifest.json): its profile, its files and what it left out."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterable, Mapping
from pathlib import Path

from reportgen.document import Omission


def audience_manifest(profile, editions: Iterable[tuple[object, Mapping[str, tuple[str, bytes]]]]) -> dict:
    """Return the manifest of `profile`: one entry per edition with its files ({fmt: (name, bytes)}) and what
    it left out."""
    return {
        "audience": profile.name,
        "description": profile.description,
        "profile_files": [str(p) for p in profile.files],
        "classification": profile.classification,
        "detail": {"docx": profile.detail, "pptx": profile.deck_detail},
        "style": profile.style,
        "chart_theme": profile.chart_theme,
        "editions": [_edition(edition, files) for edition, files in editions],
    }


def edition_files(path: Path) -> dict[str, list[str]]:
    """Return the file names of each edition folder an earlier manifest at `path` records ({} when there is no
    readable manifest): what that build wrote, so that a build can remove what is no longer in the data."""
    try:
        editions = json.loads(path.read_text(encoding="utf-8")).get("editions", [])
        found = {e["folder"]: [f["name"] for f in e["files"].values()] for e in editions}
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return {}
    return {folder: names for folder, names in found.items()
            if isinstance(folder, str) and all(isinstance(n, str) for n in names)}


def manifest_json(manifest: dict) -> bytes:
    """Return the manifest as UTF-8 JSON, Chinese kept readable."""
    return (json.dumps(manifest, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _edition(edition, files: Mapping[str, tuple[str, bytes]]) -> dict:
    omitted = merge_omissions({fmt: edition.omissions[fmt] for fmt in files})
    return {
        "folder": edition.folder,
        "department": edition.department,
        "files": {fmt: _file(name, content) for fmt, (name, content) in files.items()},
        "dropped_counts": dict(Counter(entry["reason"] for entry in omitted)),
        "dropped": omitted,
    }


#: Reasons whose entries name the item by id only, without its label: a manifest never quotes what it withheld
#: (their note is written by reportgen and quotes nothing: "marked 内部; this audience receives 公开 only").
WITHHELD = ("classification",)


def merge_omissions(by_format: Mapping[str, Iterable[Omission]]) -> list[dict]:
    """Return one entry per omitted item, listing the formats (docx, pptx) it is missing from, in data order;
    an item withheld for its classification is given without its label."""
    entries: dict[str, dict] = {}
    for fmt, omissions in by_format.items():
        for o in omissions:
            entry = entries.setdefault(o.item, _entry(o))
            entry["formats"].append(fmt)
    return list(entries.values())


def _entry(omission: Omission) -> dict:
    """Return the manifest entry of `omission`, its formats still to be listed."""
    entry = {"item": omission.item, "label": omission.label, "reason": omission.reason, "note": omission.note,
             "formats": []}
    if omission.reason in WITHHELD:
        del entry["label"]
    return entry


def _file(name: str, content: bytes) -> dict:
    return {"name": name, "bytes": len(content), "sha256": hashlib.sha256(content).hexdigest()}

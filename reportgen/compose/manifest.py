"""The audience's audit record (OUT/<audience>/manifest.json): its profile, its files and what it left out."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterable, Mapping
from pathlib import Path

from reportgen.compose import Edition
from reportgen.compose.profile import Profile
from reportgen.compose.select import Dropped
from reportgen.output import staged_bytes


def audience_manifest(profile: Profile, editions: Iterable[tuple[Edition, Mapping[str, Path]]]) -> dict:
    """Return the manifest of `profile`: one entry per edition with its written files and its dropped items."""
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


def manifest_json(manifest: dict) -> bytes:
    """Return the manifest as UTF-8 JSON, Chinese kept readable."""
    return (json.dumps(manifest, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _edition(edition: Edition, files: Mapping[str, Path]) -> dict:
    dropped = merge_dropped({fmt: edition.dropped[fmt] for fmt in files})
    return {
        "folder": edition.folder,
        "department": edition.department,
        "files": {fmt: _file(path) for fmt, path in files.items()},
        "dropped_counts": dict(Counter(entry["reason"] for entry in dropped)),
        "dropped": dropped,
    }


def merge_dropped(by_format: Mapping[str, Iterable[Dropped]]) -> list[dict]:
    """Return one entry per dropped item, listing the formats (docx, pptx) it is missing from, in data order."""
    entries: dict[str, dict] = {}
    for fmt, dropped in by_format.items():
        for d in dropped:
            entry = entries.setdefault(d.item, {"item": d.item, "label": d.label, "reason": d.reason,
                                                "note": d.note, "formats": []})
            entry["formats"].append(fmt)
    return list(entries.values())


def _file(path: Path) -> dict:
    data = staged_bytes(path)  # inside a build's batch the file is not renamed into place yet
    return {"name": path.name, "bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}

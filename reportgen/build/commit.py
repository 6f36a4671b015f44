"""Write every file of a build and each audience's manifest.json in one batch: all are renamed into place at the
end, or none when a write fails. Manifests are hashed from the bytes in memory, never read back from disk."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from reportgen.build.cache import BuiltEdition
from reportgen.build.jobs import Job
from reportgen.build.manifest import audience_manifest, edition_files, manifest_json
from reportgen.i18n import _
from reportgen.output import batch, inside, remove_files, write_atomic
from reportgen.safezip import unsafe_name


@dataclass(frozen=True)
class Committed:
    """What one commit wrote: every path; each audience's manifest path, the sha256 of its bytes, its editions."""

    files: list[Path]
    audiences: dict[str, tuple[Path, str, list[BuiltEdition]]]


def commit(composed: Sequence, formats: Sequence[str], jobs: Sequence[Job], rendered: Sequence, out: Path,
           report: Callable[[str], None]) -> Committed:
    """Write the rendered `jobs` (in the order `jobs_for(composed, formats, out)` made them) and the manifests."""
    files, audiences, stale = [], {}, []
    results = iter(zip(jobs, rendered))
    with batch():
        for profile, editions in composed:
            stale += _stale(out / profile.name, {e.folder for e in editions})
            written, built = [], []
            for edition in editions:
                contents, paths, omissions = {}, {}, dict(edition.omissions)
                for fmt in formats:
                    job, result = next(results)
                    paths[fmt] = _write(job.target, result.content)
                    contents[fmt] = (job.target.name, result.content)
                    omissions[fmt] = (*omissions[fmt], *result.omissions)
                    report(_("wrote {path}").format(path=job.target))
                files += paths.values()
                written.append((replace(edition, omissions=omissions), contents))
                built.append(_built(profile.name, edition, paths))
            data = manifest_json(audience_manifest(profile, written))
            target = _write(inside(out, profile.name, "manifest.json"), data)
            files.append(target)
            audiences[profile.name] = (target, hashlib.sha256(data).hexdigest(), built)
    for folder, names in stale:
        for path in remove_files(folder, names):
            report(_("removed {path} (its edition is no longer in the data)").format(path=path))
    return Committed(files, audiences)


def _stale(folder: Path, current: set[str]) -> list[tuple[Path, list[tuple[str, str]]]]:
    """Return the files of the editions the audience's previous manifest lists and this build no longer makes
    (a department that leads no project now), with the PDFs made from them."""
    names = [(sub, name) for sub, files in edition_files(folder / "manifest.json").items()
             if sub and sub not in current and not unsafe_name(sub)
             for file in files for name in (file, str(Path(file).with_suffix(".pdf")))]
    return [(folder, names)] if names else []


def _built(audience: str, edition, paths: dict[str, Path]) -> BuiltEdition:
    """Return the record of an edition just written: its masthead as its briefing states it, and its files."""
    meta = edition.documents["docx"].meta
    return BuiltEdition(audience, edition.folder, meta.bulletin, meta.issue, meta.date, paths)


def _write(target: Path, content: bytes) -> Path:
    return write_atomic(target, lambda stream: stream.write(content))

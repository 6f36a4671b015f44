"""Write every file of a build and each audience's manifest.json in one batch: all are renamed into place at the
end, or none when a write fails. Manifests are hashed from the bytes in memory, never read back from disk."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from reportgen.build.jobs import Job
from reportgen.build.manifest import audience_manifest, manifest_json
from reportgen.output import batch, inside, write_atomic


@dataclass(frozen=True)
class Committed:
    """What one commit wrote: every path, and each audience's manifest with the sha256 of its bytes."""

    files: list[Path]
    manifests: dict[str, tuple[Path, str]]  # audience → (manifest path, sha256)


def commit(composed: Sequence, formats: Sequence[str], jobs: Sequence[Job], rendered: Sequence, out: Path,
           report: Callable[[str], None]) -> Committed:
    """Write the rendered `jobs` (in the order `jobs_for(composed, formats, out)` made them) and the manifests."""
    files, manifests = [], {}
    results = iter(zip(jobs, rendered))
    with batch():
        for profile, editions in composed:
            written = []
            for edition in editions:
                contents, omissions = {}, dict(edition.omissions)
                for fmt in formats:
                    job, result = next(results)
                    files.append(_write(job.target, result.content))
                    contents[fmt] = (job.target.name, result.content)
                    omissions[fmt] = (*omissions[fmt], *result.omissions)
                    report(f"wrote {job.target}")
                written.append((replace(edition, omissions=omissions), contents))
            data = manifest_json(audience_manifest(profile, written))
            target = _write(inside(out, profile.name, "manifest.json"), data)
            files.append(target)
            manifests[profile.name] = (target, hashlib.sha256(data).hexdigest())
    return Committed(files, manifests)


def _write(target: Path, content: bytes) -> Path:
    return write_atomic(target, lambda stream: stream.write(content))

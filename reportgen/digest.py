"""One SHA-256 over a set of files, for cache keys and packet manifests."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path


def digest_files(files: Iterable[tuple[str, Path]]) -> str:
    """Return the hex SHA-256 of (name, content) pairs, in the order given: a name, its length and its bytes each."""
    digest = hashlib.sha256()
    for name, path in files:
        data = path.read_bytes()
        digest.update(f"{name}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()

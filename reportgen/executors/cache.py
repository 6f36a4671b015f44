"""The build cache: a content hash of everything an output depends on, so an unchanged output is not rewritten.

One JSON file, ``OUT/.reportgen-cache/entries.json``, maps an entry name (``full/docx``) to the key it was built
with and the digest of the file written. Content-addressed blobs (rendered charts) live beside it under
``OUT/.reportgen-cache/blobs/<kind>/<key>``, so every cache of a build shares one folder and one clean-up.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
from collections.abc import Iterable
from pathlib import Path

from reportgen.output import write_atomic

FOLDER = ".reportgen-cache"
#: Environment variables that change output bytes (document dates).
ENVIRONMENT = ("SOURCE_DATE_EPOCH",)


def digest_files(files: Iterable[tuple[str, Path]]) -> str:
    """Return the sha256 of (name, content) pairs, in the order given."""
    h = hashlib.sha256()
    for name, path in files:
        data = path.read_bytes()
        h.update(f"{name}\0{len(data)}\0".encode())
        h.update(data)
    return h.hexdigest()


def tree_files(root: Path) -> list[tuple[str, Path]]:
    """Return (relative name, path) of every file under `root`, sorted; hidden files and bytecode left out."""
    files = [p for p in root.rglob("*") if p.is_file() and p.suffix != ".pyc"
             and not any(part.startswith(".") for part in p.relative_to(root).parts)]
    return sorted((p.relative_to(root).as_posix(), p) for p in files)


@functools.cache
def code_digest() -> str:
    """Return the digest of reportgen's own source and version: a new release or a local edit rebuilds all."""
    import reportgen

    package = Path(reportgen.__file__).parent
    files = [(name, path) for name, path in tree_files(package) if name.endswith(".py")]
    return hashlib.sha256(f"{reportgen.__version__}\0{digest_files(files)}".encode()).hexdigest()


def input_digest(data: Path, roots: Iterable[Path]) -> str:
    """Return the digest of the data folder and of every template root (profiles, section and slide templates,
    reference files), in lookup order, with the code digest and the environment that reaches the output."""
    parts = [code_digest(), digest_files(tree_files(data)) if data.is_dir() else "no data folder"]
    parts += [digest_files(tree_files(root)) for root in roots]
    parts += [f"{name}={os.environ.get(name, '')}" for name in ENVIRONMENT]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def output_key(inputs: str, audience: str, fmt: str) -> str:
    """Return the key of one output: the input digest, the audience and the format."""
    return hashlib.sha256(f"{inputs}\0{audience}\0{fmt}".encode()).hexdigest()


def file_digest(path: Path) -> str:
    """Return the sha256 of a file's bytes."""
    with path.open("rb") as stream:
        return hashlib.file_digest(stream, "sha256").hexdigest()


class BuildCache:
    """Entries of outputs built under `out`, and a blob store for content-addressed artefacts such as charts."""

    def __init__(self, out: Path):
        self.out = out
        self.folder = out / FOLDER
        self.entries: dict[str, dict[str, str]] = self._read()

    def _read(self) -> dict[str, dict[str, str]]:
        try:
            entries = json.loads((self.folder / "entries.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return entries if isinstance(entries, dict) else {}

    def fresh(self, name: str, key: str) -> Path | None:
        """Return the output of entry `name` when it was built with `key` and is on disk unaltered, else None."""
        entry = self.entries.get(name)
        if not isinstance(entry, dict) or entry.get("key") != key:
            return None
        path = self.out / entry.get("path", "")
        try:
            return path if path.is_file() and file_digest(path) == entry.get("sha256") else None
        except OSError:
            return None

    def record(self, name: str, key: str, path: Path) -> None:
        """Remember that `path` (inside the output folder) was built for entry `name` with `key`."""
        self.entries[name] = {"key": key, "path": path.relative_to(self.out).as_posix(), "sha256": file_digest(path)}

    def blob(self, kind: str, key: str) -> Path:
        """Return where a content-addressed artefact of `kind` (e.g. ``charts``) with `key` is kept."""
        return self.folder / "blobs" / kind / key

    def save(self) -> None:
        """Write the entries atomically."""
        text = json.dumps(self.entries, ensure_ascii=False, indent=1, sort_keys=True)
        write_atomic(self.folder / "entries.json", lambda stream: stream.write(text.encode("utf-8")))

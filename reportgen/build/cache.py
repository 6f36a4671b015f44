"""The build cache: a content hash of everything an audience's files depend on, so unchanged files are not rewritten.

One JSON file, ``OUT/.reportgen-cache/entries.json``, maps an audience to the key it was built with and the
digest of its manifest.json; the audience is fresh when the key matches and every file the manifest lists is on
disk unaltered. The chart pictures of the build live beside it in ``OUT/.reportgen-cache/charts/``.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import shutil
from collections.abc import Iterable
from pathlib import Path

from reportgen.digest import digest_files
from reportgen.output import write_atomic

FOLDER = ".reportgen-cache"
#: Environment variables that change output bytes (document dates).
ENVIRONMENT = ("SOURCE_DATE_EPOCH",)


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


def audience_keys(checked) -> dict[str, str]:
    """Return the cache key of every audience of `checked` (settings.Checked): inputs, audience and formats."""
    inputs = input_digest(checked.settings.data, checked.locator.roots)
    return {name: output_key(inputs, name, ",".join(checked.formats)) for name in checked.audiences}


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

    def chart_folder(self, keep: bool = True) -> Path:
        """Return the folder of the chart pictures every build into `out` shares; emptied first unless `keep`
        (--no-cache: every chart is drawn anew)."""
        folder = self.folder / "charts"
        if not keep:
            shutil.rmtree(folder, ignore_errors=True)
        return folder

    def fresh_files(self, name: str, key: str) -> list[Path] | None:
        """Return the files of audience `name` (its manifest last) when it was built with `key` and the manifest
        and every file it lists are on disk unaltered; else None."""
        manifest = self._fresh_manifest(name, key)
        if manifest is None:
            return None
        try:
            editions = json.loads(manifest.read_text(encoding="utf-8")).get("editions", [])
            paths = []
            for edition in editions:
                for entry in edition.get("files", {}).values():
                    path = manifest.parent / edition.get("folder", "") / entry["name"]
                    if not path.is_file() or file_digest(path) != entry["sha256"]:
                        return None
                    paths.append(path)
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None
        return [*paths, manifest]

    def _fresh_manifest(self, name: str, key: str) -> Path | None:
        """Return the manifest of entry `name` when it was built with `key` and is on disk unaltered, else None."""
        entry = self.entries.get(name)
        if not isinstance(entry, dict) or entry.get("key") != key:
            return None
        path = self.out / entry.get("path", "")
        try:
            return path if path.is_file() and file_digest(path) == entry.get("sha256") else None
        except OSError:
            return None

    def record(self, name: str, key: str, path: Path, digest: str) -> None:
        """Remember that the manifest `path` (inside the output folder), of sha256 `digest`, was built for
        audience `name` with `key`."""
        self.entries[name] = {"key": key, "path": path.relative_to(self.out).as_posix(), "sha256": digest}

    def save(self) -> None:
        """Write the entries atomically."""
        text = json.dumps(self.entries, ensure_ascii=False, indent=1, sort_keys=True)
        write_atomic(self.folder / "entries.json", lambda stream: stream.write(text.encode("utf-8")))

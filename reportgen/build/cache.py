"""The build cache: a content hash of everything an audience's files depend on, so unchanged files are not rewritten.

One JSON file, ``OUT/.reportgen-cache/entries.json``, maps an audience to the key it was built with and the
digest of its manifest.json; the audience is fresh when the key matches and every file the manifest lists is on
disk unaltered. The chart pictures of the build live beside it in ``OUT/.reportgen-cache/charts/``.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import os
import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from reportgen.digest import digest_files
from reportgen.output import refuse_links, write_atomic

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
    parts = [code_digest(), digest_files(tree_files(data)) if data.is_dir() else
             digest_files([(data.name, data)]) if data.is_file() else "no data folder"]  # a folder, or a workbook
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


@dataclass(frozen=True)
class BuiltEdition:
    """One edition as built: its audience and folder, what its masthead says, and its files by format."""

    audience: str
    folder: str
    bulletin: str
    issue: int | None
    date: dt.date
    files: dict[str, Path]

    def entry(self, out: Path) -> dict:
        """Return the edition as a cache entry, its files relative to `out`."""
        return {"folder": self.folder, "bulletin": self.bulletin, "issue": self.issue, "date": self.date.isoformat(),
                "files": {fmt: path.relative_to(out).as_posix() for fmt, path in self.files.items()}}

    @classmethod
    def from_entry(cls, audience: str, entry: dict, out: Path) -> BuiltEdition:
        """Return the edition a cache entry records (raise KeyError, TypeError or ValueError for a damaged one)."""
        return cls(audience, entry["folder"], entry["bulletin"], int(entry["issue"]),
                   dt.date.fromisoformat(entry["date"]), {fmt: out / name for fmt, name in entry["files"].items()})


@dataclass(frozen=True)
class Fresh:
    """An audience found up to date: its files (its manifest last) and its editions."""

    files: list[Path]
    editions: list[BuiltEdition]


class BuildCache:
    """What was built under `out`: each audience's key, manifest and editions; and the chart picture folder."""

    def __init__(self, out: Path):
        """Read the entries of `out`; raise OutputError when the cache folder or its charts folder is a link."""
        self.out = out
        self.folder = out / FOLDER
        refuse_links(out, self.folder / "charts")
        self.entries: dict[str, dict] = self._read()

    def _read(self) -> dict[str, dict]:
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

    def fresh_audiences(self, keys: dict[str, str]) -> dict[str, Fresh]:
        """Return the audiences of `keys` ({name: key}) that are up to date, as built."""
        found = {name: self.fresh(name, key) for name, key in keys.items()}
        return {name: fresh for name, fresh in found.items() if fresh is not None}

    def fresh(self, name: str, key: str) -> Fresh | None:
        """Return audience `name` as built when it was built with `key` and its manifest and every file the
        manifest lists are on disk unaltered; else None."""
        manifest = self._fresh_manifest(name, key)
        if manifest is None:
            return None
        try:
            paths = []
            for edition in json.loads(manifest.read_text(encoding="utf-8")).get("editions", []):
                for entry in edition.get("files", {}).values():
                    path = manifest.parent / edition.get("folder", "") / entry["name"]
                    if not path.is_file() or file_digest(path) != entry["sha256"]:
                        return None
                    paths.append(path)
            editions = [BuiltEdition.from_entry(name, e, self.out) for e in self.entries[name]["editions"]]
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None
        return Fresh([*paths, manifest], editions)

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

    def record(self, keys: dict[str, str], audiences: dict[str, tuple[Path, str, list[BuiltEdition]]]
               ) -> dict[str, list[BuiltEdition]]:
        """Remember and save each audience just built with its key of `keys`: its manifest path (inside the
        output folder), the manifest's sha256 and its editions; return the editions by audience."""
        for name, (path, digest, editions) in audiences.items():
            self.entries[name] = {"key": keys[name], "path": path.relative_to(self.out).as_posix(), "sha256": digest,
                                  "editions": [edition.entry(self.out) for edition in editions]}
        self.save()
        return {name: editions for name, (_, _, editions) in audiences.items()}

    def save(self) -> None:
        """Write the entries atomically."""
        text = json.dumps(self.entries, ensure_ascii=False, indent=1, sort_keys=True)
        write_atomic(self.folder / "entries.json", lambda stream: stream.write(text.encode("utf-8")))

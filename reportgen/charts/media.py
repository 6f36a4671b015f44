"""What a build makes once for its charts, by content hash: the pictures (drawn before any writer runs) and the
workbooks embedded behind native charts (made by the first writer that needs one), read by every writer that
shows the chart.

A picture's key is a hash of the spec, the theme, the matplotlib version and the font file, so every audience and
every format that shows the same chart shares one picture. A bag with a folder also keeps what it holds there, for
worker processes of this machine and for the next build.
"""

from __future__ import annotations

import functools
import hashlib
import struct
import zlib
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

from reportgen.charts.spec import ChartSpec
from reportgen.charts.theme import Theme


def chart_key(spec: ChartSpec, theme: Theme) -> str:
    """Return the content hash a picture is kept under."""
    from reportgen.charts.font import font_path

    blob = repr((spec, theme, _matplotlib_version(), font_path().name)).encode("utf-8")
    return hashlib.sha256(blob).hexdigest()


@functools.cache
def _matplotlib_version() -> str:
    """Return matplotlib's version without importing it (that takes half a second)."""
    from importlib.metadata import version

    return version("matplotlib")


class MediaBag:
    """PNG pictures by chart key and other made files by name, in memory and, with a `folder`, on disk; `drawn`
    counts the pictures added."""

    def __init__(self, folder: Path | None = None, pictures: Mapping[str, bytes] | None = None) -> None:
        self.folder = folder
        self._png: dict[str, bytes] = dict(pictures or {})
        self._made: dict[str, bytes] = {}
        self.drawn = 0

    def __getstate__(self) -> dict:
        """Travel to a worker process of this machine as the folder only: it reads what it shows from there."""
        return {"folder": self.folder, "_png": {} if self.folder else self._png, "_made": {}, "drawn": 0}

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)

    def picture(self, spec: ChartSpec, theme: Theme) -> bytes:
        """Return the PNG of `spec` in `theme`; a chart must be drawn (`add`) before a writer asks for it."""
        key = chart_key(spec, theme)
        if key not in self._png:
            path = self._path(key)
            if path is None or not path.is_file():
                raise LookupError(f"chart {spec.title!r} was not drawn before the documents were written")
            self._png[key] = path.read_bytes()
        return self._png[key]

    def missing(self, charts: Iterable[tuple[ChartSpec, Theme]]) -> dict[str, tuple[ChartSpec, Theme]]:
        """Return the distinct charts of `charts` that have no picture yet, by key."""
        missing = {}
        for spec, theme in charts:
            key = chart_key(spec, theme)
            if key not in self._png and not self._kept(key):
                missing[key] = (spec, theme)
        return missing

    def _kept(self, key: str) -> bool:
        """Return whether the folder holds a whole picture for `key`: a file, not a link, that is a complete PNG
        (a truncated or damaged one left by an earlier build is drawn again)."""
        path = self._path(key)
        if path is None or path.is_symlink() or not path.is_file():
            return False
        try:
            return whole_png(path.read_bytes())
        except OSError:
            return False

    def add(self, key: str, png: bytes) -> None:
        """Keep a picture drawn (here or by a worker process) under `key`, in the folder too when there is one."""
        from reportgen.output import write_atomic

        self._png[key] = png
        self.drawn += 1
        path = self._path(key)
        if path is not None:
            write_atomic(path, lambda stream: stream.write(png))

    def made(self, name: str, make: Callable[[], bytes], whole: Callable[[bytes], bool]) -> bytes:
        """Return the file `name` (a content hash and suffix): kept in memory or in the folder when `whole` finds
        it complete, else made by `make` and kept; so every process of a build shares the first one made."""
        if name not in self._made:
            path = self.folder / name if self.folder else None
            kept = path.read_bytes() if path is not None and path.is_file() and not path.is_symlink() else None
            if kept is None or not whole(kept):
                kept = make()
                if path is not None:
                    from reportgen.output import write_atomic

                    write_atomic(path, lambda stream: stream.write(kept))
            self._made[name] = kept
        return self._made[name]

    def pictures(self, keys: Iterable[str]) -> dict[str, bytes]:
        """Return the pictures of `keys` (each drawn or kept in the folder), for a worker on another machine."""
        return {key: self._png[key] if key in self._png else self._path(key).read_bytes() for key in keys}

    def _path(self, key: str) -> Path | None:
        return self.folder / f"{key}.png" if self.folder else None


PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def whole_png(data: bytes) -> bool:
    """Return whether `data` is a complete PNG: its signature, then chunks whose CRCs match, ending with IEND."""
    if not data.startswith(PNG_SIGNATURE):
        return False
    at, kind = len(PNG_SIGNATURE), b""
    while at + 12 <= len(data) and kind != b"IEND":
        (length,) = struct.unpack_from(">I", data, at)
        body = data[at + 4: at + 8 + length]
        if len(body) != length + 4 or data[at + 8 + length: at + 12 + length] != struct.pack(">I", zlib.crc32(body)):
            return False
        kind, at = body[:4], at + 12 + length
    return kind == b"IEND" and at == len(data)

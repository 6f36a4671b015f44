"""Characters the output fonts cannot print: each would come out as an empty box (□), so each is a warning that
names the character and where the data holds it.

The fonts are the open ones the outputs are made with: Noto Serif CJK SC and Noto Sans CJK SC (found through
fontconfig), which stand in for the Office fonts in PDFs and previews, and the font charts are drawn and slides
measured with (reportgen.fonts.open_sans_path). Their character maps are read once per process, as ranges of
code points (the whole of Unicode, beyond U+FFFF too), without the glyph names a full font reading needs.
"""

from __future__ import annotations

import bisect
import functools
import shutil
import struct
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from reportgen.fonts import OPEN_SANS, OPEN_SERIF, open_sans_path
from reportgen.inputs.yamlfile import YamlFile, texts_of
from reportgen.i18n import ngettext


@dataclass(frozen=True)
class FontMap:
    """The code points one font has a glyph for, as sorted (first, last) ranges."""

    name: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def has(self, char: str) -> bool:
        """Return whether the font has a glyph for `char`."""
        k = bisect.bisect_right(self.starts, ord(char)) - 1
        return k >= 0 and ord(char) <= self.ends[k]


def missing_glyphs(yf: YamlFile, fonts: tuple[FontMap, ...] | None = None) -> list[str]:
    """Return a warning for every text of `yf` holding a character one of the output fonts (default:
    output_fonts()) lacks: file, line, field, the character as U+XXXX and the fonts without it."""
    fonts = output_fonts() if fonts is None else fonts
    if not fonts:
        return []
    return [str(yf.problem(loc, lacking_text(char, lacking)))
            for loc, text in texts_of(yf.data, ())
            for char, lacking in _lacking(text, fonts)]


def lacking_text(char: str, fonts: list[str]) -> str:
    """Return the warning for `char`, which `fonts` lack."""
    return ngettext("“{char}” (U+{code:04X}) is not in the font {fonts}: it prints as an empty box (□); write it "
                    "with characters the fonts have",
                    "“{char}” (U+{code:04X}) is not in the fonts {fonts}: it prints as an empty box (□); write it "
                    "with characters the fonts have", len(fonts)).format(char=char, code=ord(char),
                                                                          fonts=", ".join(fonts))


def _lacking(text: str, fonts: tuple[FontMap, ...]) -> Iterator[tuple[str, list[str]]]:
    """Yield each distinct character of `text` some font lacks, in order of appearance, with those fonts."""
    for char in dict.fromkeys(text):
        if char.isspace() or char.isascii():
            continue
        lacking = [font.name for font in fonts if not font.has(char)]
        if lacking:
            yield char, lacking


@functools.cache
def output_fonts() -> tuple[FontMap, ...]:
    """Return the character maps of the open fonts the outputs use (those found on this machine), each once."""
    faces = [_fontconfig_face(family) for family in (OPEN_SERIF, OPEN_SANS)]
    chart = open_sans_path()
    faces.append((chart, _face_index(chart)) if chart is not None else None)
    maps = (_font_map(*face) for face in dict.fromkeys(f for f in faces if f is not None))
    return tuple(m for m in maps if m is not None)


def _fontconfig_face(family: str) -> tuple[Path, int] | None:
    """Return (file, face index) fontconfig picks for `family`, None when it has no such family."""
    if shutil.which("fc-match") is None:
        return None
    try:
        answer = subprocess.run(["fc-match", "-f", "%{family}|%{file}|%{index}", family], capture_output=True,
                                text=True, timeout=10, check=True).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    families, _, rest = answer.partition("|")
    file, _, index = rest.partition("|")
    if family not in families.split(",") or not file:
        return None
    return Path(file), int(index or 0)


def _face_index(path: Path) -> int:
    """Return the index of the Simplified Chinese face in a font collection (.ttc), 0 for a single font."""
    if path.suffix.lower() != ".ttc":
        return 0
    from fontTools.ttLib import TTCollection

    names = [font["name"].getDebugName(1) for font in TTCollection(str(path), lazy=True).fonts]
    return next((k for k, name in enumerate(names) if name and name.endswith(" SC")), 0)


def _font_map(path: Path, index: int) -> FontMap | None:
    """Return the font's name and the code point ranges of its Unicode character map: its full-range (format
    12) subtable read directly, else fontTools' best map; None for a font that cannot be read."""
    from fontTools.ttLib import TTFont

    try:
        font = TTFont(str(path), fontNumber=index, lazy=True)
        ranges = _format12_groups(font.reader["cmap"])
        if ranges is None:
            ranges = _ranges(sorted(font.getBestCmap()))
        name = font["name"].getDebugName(1) or path.stem
    except (OSError, KeyError, ValueError, struct.error, AssertionError):
        return None
    return FontMap(name, tuple(r[0] for r in ranges), tuple(r[1] for r in ranges))


def _format12_groups(table: bytes) -> list[tuple[int, int]] | None:
    """Return the ranges of the Unicode format-12 subtable of a raw cmap table, None when it has none."""
    (count,) = struct.unpack_from(">H", table, 2)
    for k in range(count):
        platform, encoding, offset = struct.unpack_from(">HHI", table, 4 + 8 * k)
        if (platform, encoding) in ((3, 10), (0, 4), (0, 6)) and struct.unpack_from(">H", table, offset)[0] == 12:
            (groups,) = struct.unpack_from(">I", table, offset + 12)
            body = table[offset + 16: offset + 16 + 12 * groups]
            return _merged(sorted((first, last) for first, last, _ in struct.iter_unpack(">III", body)))
    return None


def _ranges(points: list[int]) -> list[tuple[int, int]]:
    """Return sorted code points as (first, last) ranges of consecutive ones."""
    return _merged([(point, point) for point in points])


def _merged(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Return sorted (first, last) ranges with adjoining ones joined."""
    joined: list[tuple[int, int]] = []
    for first, last in ranges:
        if joined and first <= joined[-1][1] + 1:
            joined[-1] = (joined[-1][0], max(last, joined[-1][1]))
        else:
            joined.append((first, last))
    return joined

"""Measure Chinese text with real font metrics: wrap by character under 避头尾 rules, find the size that fits."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from reportgen.fonts import open_sans_path

#: No line may start with these (closing punctuation) …
NO_LINE_START = frozenset("，。、；：？！）》”’】〕」』…—％,.;:?!)]%")
#: … and none may end with these (opening punctuation).
NO_LINE_END = frozenset("（《“‘【〔「『([")
_TOKEN = re.compile(r"[A-Za-z0-9.%+\-/]+|.", re.S)


@dataclass(frozen=True)
class Metrics:
    """Advance widths of a font in em, with a fallback for characters it lacks: CJK 1 em, anything else `other`."""

    widths: dict[int, float]
    source: str
    other: float = 0.6
    codes: frozenset[int] = frozenset()  # every code point the font has (the widths keep the BMP only)

    def width(self, text: str, size: float) -> float:
        """Return the advance width of `text` at `size` points."""
        return size * sum(self.widths.get(ord(ch), 1.0 if ord(ch) > 0x2E7F else self.other) for ch in text)


@lru_cache(maxsize=4)
def load_metrics(path: str | None = None) -> Metrics:
    """Return the metrics of the open CJK sans font (`path`, or reportgen.fonts.open_sans_path()).

    Without any CJK font a conservative model is used: every CJK character 1 em, everything else 0.6 em.
    """
    found = path or open_sans_path()
    path = str(found) if found else None
    if path is None:
        return Metrics({}, "fallback: CJK 1 em, other 0.6 em")
    from fontTools.ttLib import TTCollection, TTFont

    with (TTCollection(path) if path.endswith(".ttc") else TTFont(path, lazy=True)) as opened:
        font = opened.fonts[0] if path.endswith(".ttc") else opened
        upm = font["head"].unitsPerEm
        advances = font["hmtx"].metrics
        cmap = font.getBestCmap()
        widths = {code: advances[name][0] / upm for code, name in cmap.items() if code < 0x10000}
    return Metrics(widths, path, codes=frozenset(cmap))


def wrap(text: str, width: float, size: float, metrics: Metrics, *, lone_last: bool = True) -> list[str]:
    """Return `text` broken into lines no wider than `width` points, Latin words kept whole, 避头尾 respected.

    Each newline starts a line. With `lone_last` False, a paragraph's one-character last line takes the word
    before it along (as chart labels are printed).
    """
    return [line for paragraph in text.split("\n") for line in _wrap_paragraph(paragraph, width, size, metrics,
                                                                                 lone_last)]


def balanced_wrap(text: str, width: float, size: float, metrics: Metrics) -> list[str]:
    """Return `text` (one paragraph) in as few lines as `wrap` gives it at `width`, every line as nearly the same
    length as the breaking rules allow: a title never ends on a short line of one or two characters."""
    lines = wrap(text, width, size, metrics)
    if len(lines) < 2:
        return lines
    narrow, wide = width * (len(lines) - 1) / len(lines), width  # the narrowest width that keeps the line count
    for _ in range(16):
        middle = (narrow + wide) / 2
        narrow, wide = (narrow, middle) if len(wrap(text, middle, size, metrics)) == len(lines) else (middle, wide)
    balanced = wrap(text, wide, size, metrics)
    # the most balanced breaks that split no word, widening a half character at a time; else the balanced ones
    step = size / 2
    for k in range(int((width - wide) / step) + 1):
        candidate = wrap(text, min(wide + k * step, width), size, metrics)
        if len(candidate) == len(lines) and len(candidate[-1]) >= 3 and not _splits_a_word(candidate):
            return candidate
    return balanced


@lru_cache(maxsize=1)
def _words() -> frozenset[str]:
    """The Chinese words of 2 to 4 characters titles are not broken inside (reportgen/words.txt)."""
    text = (Path(__file__).parent / "words.txt").read_text(encoding="utf-8")
    return frozenset(line for line in text.splitlines() if line and not line.startswith("#"))


def _splits_a_word(lines: list[str]) -> bool:
    """Whether a break between `lines` falls inside a dictionary word (身|边, 热|线)."""
    text, words, at = "".join(lines), _words(), 0
    for line in lines[:-1]:
        at += len(line)
        if any(text[a:b] in words for a in range(max(0, at - 3), at) for b in range(at + 1, min(len(text), a + 4) + 1)):
            return True
    return False


def _wrap_paragraph(text: str, width: float, size: float, metrics: Metrics, lone_last: bool) -> list[str]:
    """Return one paragraph's lines; linear in its length: each token is measured once, a carried line end again."""
    lines: list[list[str]] = [[]]
    used = 0.0
    for token in _TOKEN.findall(text):
        advance = metrics.width(token, size)
        if lines[-1] and used + advance > width:
            line = lines[-1]
            start = _next_line_start(line, token)
            lines.append(line[start:])
            del line[start:]
            used = metrics.width("".join(lines[-1]), size)
        lines[-1].append(token)
        used += advance
    if not lone_last:
        _join_lone_last(lines, width, size, metrics)
    return ["".join(line) for line in lines]


def _next_line_start(line: list[str], next_token: str) -> int:
    """Return where in `line` the next line must start so that `next_token` does not start it, nor `line` end
    with an opening bracket (避头尾); the first token always stays."""
    start = len(line)
    if next_token[0] in NO_LINE_START and start > 1:
        start -= 1
    while start > 1 and line[start - 1][-1] in NO_LINE_END:
        start -= 1
    return start


def _join_lone_last(lines: list[list[str]], width: float, size: float, metrics: Metrics) -> None:
    """Give a one-character last line the word before it, when two characters or more stay on the line before."""
    if len(lines) < 2 or len("".join(lines[-1])) != 1:
        return
    before = lines[-2]
    start = len(before) - 1
    while start > 0 and before[start - 1][-1] in NO_LINE_END:
        start -= 1
    moved = before[start:]
    if len("".join(before[:start])) < 2 or moved[0][0] in NO_LINE_START or \
            metrics.width("".join(moved + lines[-1]), size) > width:
        return
    lines[-1][:0] = moved
    del before[start:]


@dataclass(frozen=True)
class TextBox:
    """Where text goes: inner width and height in points, line pitch as a multiple of the size, paragraph gap."""

    width: float
    height: float
    line_pitch: float = 1.25
    paragraph_gap: float = 0.4  # in lines of the size

    def lines_needed(self, paragraphs: Sequence[str], size: float, metrics: Metrics, indent: float = 0.0) -> int:
        """Return the number of wrapped lines `paragraphs` take at `size`."""
        return sum(len(wrap(p, self.width - indent * size, size, metrics)) for p in paragraphs)

    def height_needed(self, paragraphs: Sequence[str], size: float, metrics: Metrics, indent: float = 0.0) -> float:
        """Return the height in points that `paragraphs` take at `size` (lines plus gaps between paragraphs)."""
        lines = self.lines_needed(paragraphs, size, metrics, indent)
        gaps = max(len(paragraphs) - 1, 0) * self.paragraph_gap
        return (lines * self.line_pitch + gaps) * size

    def fits(self, paragraphs: Iterable[str], size: float, metrics: Metrics, indent: float = 0.0,
             slack: float = 1e-6) -> bool:
        """Return whether `paragraphs` fit the box at `size` (as height_needed measures them), measuring only
        until they are too tall: the time is that of what fits, however long the list."""
        lines = gaps = 0
        for paragraph in paragraphs:
            lines += len(wrap(paragraph, self.width - indent * size, size, metrics))
            if (lines * self.line_pitch + gaps * self.paragraph_gap) * size > self.height + slack:
                return False
            gaps += 1
        return True

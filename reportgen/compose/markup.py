"""The small markup section templates write, and its parser into document blocks.

Markup, line by line: ``# 标题`` (one ``#`` per level) is a heading, ``- 条目`` a bullet, a blank line ends a
paragraph, ``**粗体**`` marks a paragraph's headline. Data values are wrapped in control characters by
`escape_value` (the Jinja ``finalize`` hook), so text from data is always literal: it can never open a heading,
a list or a strong run. Blocks that are not text (tables, KPI rows, source lines) are placed by template
helpers as block markers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from reportgen.document import Block, BulletList, Paragraph, Run

# Control characters data can never hold (the loader rejects them) and Python does not treat as whitespace.
LITERAL_START, LITERAL_END, BLOCK_MARK = "\x02", "\x03", "\x01"
_LITERAL = re.compile(f"{LITERAL_START}(.*?){LITERAL_END}", re.S)
_BLOCK_LINE = re.compile(f"^{BLOCK_MARK}(\\d+){BLOCK_MARK}$")
_HEADING = re.compile(r"^(#{1,4})\s+")


@dataclass(frozen=True, slots=True)
class Heading:
    """A heading line, before sections are built and numbered."""

    level: int
    title: str


class BlockRef(str):
    """A marker line a template helper returns in place of a non-text block."""


def escape_value(value: Any) -> str:
    """Return a template value as literal text (the Jinja ``finalize`` hook); block markers pass through."""
    if isinstance(value, BlockRef):
        return value
    text = "" if value is None else str(value)
    return f"{LITERAL_START}{text.replace(chr(10), '')}{LITERAL_END}"


def block_ref(index: int) -> BlockRef:
    """Return the marker line for block number `index` of the composition's block list."""
    return BlockRef(f"\n{BLOCK_MARK}{index}{BLOCK_MARK}\n")


def parse_markup(text: str, blocks: list[Block]) -> list[Heading | Block]:
    """Return the headings and blocks written by `text`, resolving block markers against `blocks`."""
    out: list[Heading | Block] = []
    paragraph: list[Run] = []
    bullets: list[str] = []

    def flush() -> None:
        if paragraph:
            out.append(Paragraph(tuple(_merge(paragraph))))
            paragraph.clear()
        if bullets:
            out.append(BulletList(tuple(bullets)))
            bullets.clear()

    for line in text.split("\n"):  # not splitlines(): data may hold U+2028
        markup = _LITERAL.sub(lambda m: "x" * len(m.group(0)), line)  # markup chars outside literals only
        if not line.strip():
            flush()
        elif found := _BLOCK_LINE.match(line.strip()):
            flush()
            out.append(blocks[int(found.group(1))])
        elif found := _HEADING.match(markup):
            flush()
            out.append(Heading(len(found.group(1)), _plain(line[found.end():])))
        elif markup.startswith("- "):
            if paragraph:
                flush()
            bullets.append(_plain(line[2:]))
        else:
            if bullets:
                flush()
            paragraph.extend(_runs(line.strip()))
    flush()
    return out


def _runs(line: str) -> list[Run]:
    """Split a paragraph line into runs at ``**`` found outside literal text."""
    runs: list[Run] = []
    strong = False
    for piece in re.split(f"({LITERAL_START}.*?{LITERAL_END})", line):
        if piece.startswith(LITERAL_START):
            runs.append(Run(piece[1:-1], strong))
            continue
        for k, part in enumerate(piece.split("**")):
            if k:
                strong = not strong
            if part:
                runs.append(Run(part, strong))
    return runs


def _merge(runs: list[Run]) -> list[Run]:
    """Join neighbouring runs of the same emphasis and drop empty ones."""
    merged: list[Run] = []
    for run in runs:
        if not run.text:
            continue
        if merged and merged[-1].strong == run.strong:
            merged[-1] = Run(merged[-1].text + run.text, run.strong)
        else:
            merged.append(run)
    return merged


def _plain(text: str) -> str:
    """Return `text` with literal markers removed (headings and bullets carry no emphasis)."""
    return "".join(r.text for r in _runs(text.strip()))

"""Fit text to a box: the largest size that fits, and pagination onto continuation slides where none does.

Text is measured with the open CJK font's metrics; nothing is ever dropped.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence

from reportgen.document import Run
from reportgen.textfit import Metrics, TextBox, balanced_wrap, wrap
from reportgen.writers.pptx.geometry import Rect
from reportgen.writers.pptx.slides import Text

BULLET_INDENT = 1.2  # hanging indent of a bullet, in em
BOLD = 1.1  # bold glyphs are up to a tenth wider than the regular metrics


def fit_one(text: str, box: Rect, sizes: Sequence[int], metrics: Metrics) -> Text:
    """Return `text` (lines become paragraphs) at the largest size that fits `box`; one line that wraps is
    broken into balanced lines (textfit.balanced_wrap), so no title ends on a line of one or two characters.

    A title longer than the range allows goes on shrinking, to 12 pt at the least, rather than overflow.
    """
    lines = text.split("\n")
    inner = box.text_box()
    candidates = [*sorted(sizes, reverse=True), *range(min(sizes) - 1, 11, -1)]
    size = next((s for s in candidates if inner.fits(lines, s, metrics)), 12)
    if len(lines) == 1:
        lines = balanced_wrap(lines[0], inner.width, size, metrics)
    return Text(tuple((Run(line),) for line in lines), size)


def paginate_text(paragraphs: list[tuple[Run, ...]], bullets: list[bool], box: Rect | None,
                   sizes: Sequence[int], metrics: Metrics) -> list[Text]:
    """Return the paragraphs as one Text per slide, each at the largest size that fits `box`."""
    if not paragraphs or box is None:
        return []
    inner, indent, height, capacity = _measures(box, any(bullets), sizes, metrics)
    items = _split_long(paragraphs, inner, min(sizes), metrics, indent)
    chunks = paginate(items, height, capacity, sizes)
    return [Text(tuple(chunk), size, any(bullets)) for chunk, size in chunks]


def first_page(items: list[tuple[Run, ...]], box: Rect, sizes: Sequence[int],
               metrics: Metrics) -> tuple[Text, list[tuple[Run, ...]]]:
    """Return the first page of bulleted `items` as paginate_text gives it, and the items left for the pages after.

    Only the items up to the first that no longer fits are measured, so taking a long list page by page is
    linear in its length."""
    _, _, height, capacity = _measures(box, True, sizes, metrics)
    used, taken = 0.0, 0
    for taken, item in enumerate(items, 1):
        used += height(item, min(sizes))
        if used > capacity:
            break
    pages = paginate_text(items[:taken], [True] * taken, box, sizes, metrics)
    return pages[0], [p for page in pages[1:] for p in page.paragraphs] + items[taken:]


def _measures(box: Rect, is_list: bool, sizes: Sequence[int], metrics: Metrics):
    """Return the inner text box of `box`, the bullet indent, the height of one paragraph at a size, and the
    height a page holds."""
    inner = box.text_box()
    indent = BULLET_INDENT if is_list else 0.0

    def height(item: tuple[Run, ...], size: int) -> float:
        return inner.height_needed([plain(item)], size, metrics, indent) + inner.paragraph_gap * size

    return inner, indent, height, inner.height + inner.paragraph_gap * min(sizes)


def _split_long(paragraphs, inner: TextBox, size: int, metrics: Metrics, indent: float) -> list[tuple[Run, ...]]:
    """Split any paragraph taller than the box at the smallest size into pieces at line boundaries."""
    capacity = max(1, int(inner.height // (size * inner.line_pitch)))
    out = []
    for runs in paragraphs:
        lines = wrap(plain(runs), inner.width - indent * size, size, metrics)
        if len(lines) <= capacity:
            out.append(runs)
            continue
        for k in range(0, len(lines), capacity):
            out.append((Run("".join(lines[k:k + capacity])),))
    return out


def paginate(items: list, height: Callable[[object, int], float], capacity: float,
             sizes: Sequence[int]) -> list[tuple[list, int]]:
    """Return `items` in slide-sized chunks, each with the largest of `sizes` at which it fits `capacity`.

    All items on one slide when they fit at some size; otherwise chunks packed at the smallest size, each then
    grown to the largest size it fits at. Order is kept and no item is dropped.
    """
    ordered = sorted(sizes, reverse=True)
    for size in ordered:
        if _fits(items, height, capacity, size):
            return [(items, size)]
    smallest = ordered[-1]
    chunks: list[list] = []
    used = 0.0
    for item in items:
        need = height(item, smallest)
        if not chunks or used + need > capacity:
            chunks.append([])
            used = 0.0
        chunks[-1].append(item)
        used += need
    return [(chunk, next((s for s in ordered if _fits(chunk, height, capacity, s)), smallest)) for chunk in chunks]


def _fits(items: list, height: Callable[[object, int], float], capacity: float, size: int) -> bool:
    """Whether the heights of `items` at `size` add up to at most `capacity`, measured only until they exceed it."""
    return all(total <= capacity for total in itertools.accumulate(height(item, size) for item in items))


def plain(runs: tuple[Run, ...]) -> str:
    """Return the plain text of `runs`."""
    return "".join(r.text for r in runs)



def largest_size(inner: TextBox, items: list[tuple[Run, ...]], sizes: Sequence[int], metrics: Metrics) -> int | None:
    """Return the largest size at which bulleted `items` fit `inner`, or None (measuring no more than fits)."""
    return next((s for s in sorted(sizes, reverse=True)
                 if inner.fits(map(plain, items), s, metrics, BULLET_INDENT, slack=0.0)), None)

"""Long lists cost time in proportion to their length: the characters the deck planner measures are counted
(a deterministic stand-in for time) for a list and for twice that list."""

from __future__ import annotations

import pytest

from reportgen.document import BulletList, Section
from reportgen.textfit import Metrics
from reportgen.writers.pptx.plan import document_slides


def measured(monkeypatch, deck, geometry, metrics, block) -> tuple[int, list]:
    """Return how many characters planning a deck of `block` measures, and its slides."""
    count = [0]
    original = Metrics.width

    def counting(self, text: str, size: float) -> float:
        count[0] += len(text)
        return original(self, text, size)

    monkeypatch.setattr(Metrics, "width", counting)
    slides = document_slides(deck(block), geometry, metrics)
    monkeypatch.setattr(Metrics, "width", original)
    return count[0], slides


def items(n: int) -> tuple[str, ...]:
    return tuple(f"第{i}项 完成老旧小区改造" for i in range(n))


@pytest.mark.parametrize("shape", ["cards", "bullets"])
def test_twice_the_items_cost_twice_the_measuring(monkeypatch, deck, geometry, metrics, shape):
    def block(n: int) -> Section:
        bullets = BulletList(items(n))
        inner = (Section(2, "", "分项", (bullets,)),) if shape == "cards" else (bullets,)
        return Section(1, "", "民生实事", inner)

    work_1, slides_1 = measured(monkeypatch, deck, geometry, metrics, block(1500))
    work_2, slides_2 = measured(monkeypatch, deck, geometry, metrics, block(3000))
    assert 1.8 < work_2 / work_1 < 2.25, (work_1, work_2)
    assert 1.8 < len(slides_2) / len(slides_1) < 2.25
    shown = "".join(str(slide) for slide in slides_2)
    assert shown.count("完成老旧小区改造") == 3000  # nothing dropped

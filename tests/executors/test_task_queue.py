"""The order of work of the local workers, as data: which chart or job a worker takes next."""

from __future__ import annotations

from reportgen.executors.queue import DRAW_FIRST, STEAL_AFTER, TaskQueue


def queue(charts=("c1", "c2"), formats=("docx", "pptx"), costs=(1, 1), needs=None, drawers=True) -> TaskQueue:
    return TaskQueue(list(charts), list(formats), list(costs), needs or {0: {"c1"}, 1: set()}, drawers)


def test_a_drawing_worker_takes_charts_first_and_a_deck_worker_takes_decks():
    q = queue()
    assert q.take(draws=False) == 1  # the deck needs no chart
    assert q.take(draws=True) == "c1"
    assert q.take(draws=False) is None  # the briefing waits for c1; two charts are not worth loading matplotlib
    assert q.take(draws=True) == "c2"
    assert q.take(draws=True) is None and q


def test_a_briefing_is_handed_out_once_the_charts_it_shows_are_drawn():
    q = queue()
    assert [q.take(True), q.take(True), q.take(True)] == ["c1", "c2", 1]  # the deck, while the briefing waits
    assert q.take(True) is None and q
    q.drawn("c1")
    assert q.take(False) == 0 and not q


def test_jobs_go_largest_first():
    q = TaskQueue([], ["pptx", "pptx", "pptx"], [1, 5, 3], {}, drawers=False)
    assert [q.take(False) for _ in range(3)] == [1, 2, 0]


def test_a_deck_worker_draws_only_when_enough_charts_wait_or_nobody_else_draws():
    few = [f"c{k}" for k in range(STEAL_AFTER)]
    assert queue(charts=few, formats=("docx",), costs=(1,), needs={0: set(few)}).take(draws=False) is None
    many = [f"c{k}" for k in range(STEAL_AFTER + 1)]
    assert queue(charts=many, formats=("docx",), costs=(1,), needs={0: set(many)}).take(draws=False) == "c0"
    assert queue(charts=few, formats=("docx",), costs=(1,), needs={0: set(few)}, drawers=False).take(False) == "c0"


def test_with_hundreds_of_charts_waiting_every_worker_draws_before_its_decks():
    charts = [f"c{k}" for k in range(DRAW_FIRST + 1)]
    q = queue(charts=charts, needs={0: set(charts), 1: set()})
    assert q.take(draws=False) == "c0"

"""The order of work of this machine's workers: which chart or job a worker takes next.

Charts come first for the workers that draw; a job waits for the charts it shows; jobs go largest first; an
idle deck worker draws charts only while enough wait to be worth loading matplotlib for.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

#: A deck worker starts drawing charts only while more than this many wait (loading matplotlib takes as long
#: as drawing about this many).
STEAL_AFTER = 8
#: … and draws charts before its decks while more than this many wait: the briefings wait for all of them
#: (a thousand projects have some three hundred), and sharing them gains far more than loading matplotlib costs.
DRAW_FIRST = 64

Task = str | int  # a chart's key, or a job's index


class TaskQueue:
    """Charts waiting to be drawn and jobs queued (by index; `formats[i]` and `costs[i]` describe job i, `needs[i]`
    the keys of the charts it shows)."""

    def __init__(self, charts: Sequence[str], formats: Sequence[str], costs: Sequence[int],
                 needs: Mapping[int, set[str]], drawers: bool) -> None:
        self.waiting = list(charts)
        self.formats = formats
        self.needs = {i: set(keys) & set(charts) for i, keys in needs.items()}
        self.queued = sorted(range(len(formats)), key=lambda i: costs[i], reverse=True)
        self.drawers = drawers  # whether some worker draws charts from the start

    def __bool__(self) -> bool:
        """Whether any chart or job has yet to be handed out."""
        return bool(self.waiting or self.queued)

    def take(self, draws: bool) -> Task | None:
        """Remove and return the next task for a worker that `draws` charts first (or not): a chart's key, a
        job's index, or None when it should do nothing now."""
        ready = [i for i in self.queued if not self.needs.get(i)]
        briefing = next((i for i in ready if self.formats[i] != "pptx"), None)
        deck = next((i for i in ready if self.formats[i] == "pptx"), None)
        steal = len(self.waiting) > STEAL_AFTER or not self.drawers
        chart = self.waiting[0] if self.waiting and (draws or steal) else None
        first = draws or len(self.waiting) > DRAW_FIRST
        order = (chart, briefing, deck) if first else (deck, briefing, chart)
        task = next((task for task in order if task is not None), None)
        if isinstance(task, str):
            self.waiting.remove(task)
        elif task is not None:
            self.queued.remove(task)
        return task

    def drawn(self, key: str) -> None:
        """Note that the chart `key` is drawn: the jobs that show it no longer wait for it."""
        for need in self.needs.values():
            need.discard(key)

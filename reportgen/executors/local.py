"""The worker processes of this machine, started before the data is composed and fed one task at a time.

Every worker loads both writers while this process composes. Native charts need no drawing; when a profile asks
for chart pictures, half the workers draw them and the other half write the decks: matplotlib is loaded only by
the workers that need it. A briefing is handed out as soon as the pictures it shows are drawn; an idle worker takes work of the other kind rather than wait, except for the last few
charts, which are not worth loading matplotlib for. When there are hundreds of charts, all workers draw first.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass

from reportgen.executors.queue import Task, TaskQueue

#: Workers are forked: they start at once, with the modules this process has loaded (where there is no fork,
#: the platform's default start method is used).
_FORK = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else None)
#: Cyclic garbage is collected after this many allocations instead of 700: a build makes millions of short-lived
#: objects (lxml proxies, matplotlib artists, validated records), nearly all freed by reference counting, and
#: collecting less often saves 5-10 % of a build for a few percent more memory.
GC_THRESHOLD = (200_000, 50, 50)


@dataclass(frozen=True)
class Worker:
    """One worker process; `draws` when it has loaded matplotlib and takes chart pictures first."""

    pool: ProcessPoolExecutor
    draws: bool


class Workers:
    """`count` worker processes (none when `count` is 1: the work is then done in this process), used as a
    context manager: leaving it on an error drops the queued work without waiting for it."""

    def __init__(self, count: int) -> None:
        self.workers = [Worker(ProcessPoolExecutor(1, _FORK, initializer=_start, initargs=(os.getpid(),)), False)
                        for _ in range(count if count > 1 else 0)]
        for worker in self.workers:  # fork now, so that the workers load their modules while the data is composed
            worker.pool.submit(int)

    def draw_pictures(self) -> None:
        """Make half of the workers chart drawers: they load matplotlib and the chart font now, while this
        process composes (called only when some briefing shows pictures: native charts need no drawing)."""
        from reportgen.charts.render import warm_up

        for k, worker in enumerate(self.workers[: (len(self.workers) + 1) // 2]):
            worker.pool.submit(warm_up)
            self.workers[k] = Worker(worker.pool, True)

    def __enter__(self) -> Workers:
        self._threshold = gc.get_threshold()
        gc.set_threshold(*GC_THRESHOLD)  # for the loading and composing done in this process meanwhile
        return self

    def __exit__(self, kind, error, trace) -> None:
        gc.set_threshold(*self._threshold)
        for worker in self.workers:
            if error is None:
                worker.pool.shutdown()
            else:  # drop the queued work and stop the worker now, even while it loads its modules
                _terminate(worker.pool)

    def run(self, jobs: Sequence, charts: dict, media, done: Callable[[], None] = lambda: None) -> list:
        """Draw `charts` ({chart key: (spec, theme)}) into `media` (a MediaBag), then write the `jobs`, calling
        `done` as each is written; return what each wrote (writers.Rendered), in job order."""
        from reportgen.build.jobs import charts_of, cost, write_job
        from reportgen.charts.media import chart_key
        from reportgen.charts.render import draw_chart

        if not self.workers:
            for key, (spec, theme) in charts.items():
                media.add(key, draw_chart(spec, theme))
            written = []
            for job in jobs:
                written.append(write_job(job, media))
                done()
            return written
        queue = TaskQueue(list(charts), [job.fmt for job in jobs], [cost(job) for job in jobs],
                          {i: {chart_key(*chart) for chart in charts_of(job)} for i, job in enumerate(jobs)},
                          drawers=any(worker.draws for worker in self.workers))
        results: dict[int, object] = {}
        running: dict[Future, tuple[Worker, Task]] = {}
        idle = list(self.workers)
        while queue or running:
            for worker in list(idle):
                task = queue.take(worker.draws)
                if task is None:
                    continue
                call = (draw_chart, *charts[task]) if isinstance(task, str) else (write_job, jobs[task], media)
                running[worker.pool.submit(*call)] = (worker, task)
                idle.remove(worker)
            if not running:
                raise RuntimeError("no task can start")  # unreachable: a waiting job always waits for a chart
            finished, _pending = wait(running, return_when=FIRST_COMPLETED)
            for future in finished:
                worker, task = running.pop(future)
                idle.append(worker)
                if isinstance(task, str):
                    media.add(task, future.result())
                    queue.drawn(task)
                else:
                    results[task] = future.result()
                    done()
        return [results[i] for i in range(len(jobs))]


def _start(parent: int) -> None:
    """Set up a worker process: Ctrl-C is for the build process to handle (it then stops the workers), SIGTERM
    ends the worker at once, and so does the end of the build process, however it ends; then load the modules
    its first tasks need."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    gc.set_threshold(*GC_THRESHOLD)
    if os.getppid() == parent:  # forked from the build process (not where fork is unavailable)
        threading.Thread(target=_watch, args=(parent,), daemon=True).start()
    try:
        _load()
    except Exception:  # noqa: BLE001 - the first task that needs what failed to load gives the error, in context
        pass


def _load() -> None:
    """Load what a worker's first tasks need: both writers and the font metrics (matplotlib only when told
    to draw pictures, by `Workers.draw_pictures`)."""
    import reportgen.writers.docx  # noqa: F401
    import reportgen.writers.pptx  # noqa: F401
    from reportgen.textfit import load_metrics

    load_metrics()


def _watch(parent: int) -> None:
    """End this worker as soon as `parent` is no longer its parent (killed, even by SIGKILL)."""
    while os.getppid() == parent:
        time.sleep(0.2)
    os._exit(1)


def _terminate(pool: ProcessPoolExecutor) -> None:
    """Kill the pool's processes without waiting for their work: a worker writes no file (it hands its work back
    to the build process), so nothing is left half-done."""
    if hasattr(pool, "kill_workers"):  # Python 3.14
        pool.kill_workers()
        pool.shutdown(wait=True, cancel_futures=True)
        return
    processes = list((pool._processes or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        process.kill()
        process.join()

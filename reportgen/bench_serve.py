"""The `serve` case of the benchmark: how long after a one-figure save the open briefing's new page images are on
the page (the server's own events say when), with one LibreOffice kept running."""

from __future__ import annotations

import http.client
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

READY_TIMEOUT = 600


def serve_figure_change(data: Path, work: Path, edit) -> dict:
    """Start `reportgen serve` on a copy of `data`, wait for every page image, open the full briefing's events,
    make the one-figure `edit` and time the "built" event and the briefing's "pages" event."""
    from reportgen.serve.office import free_port

    shutil.rmtree(work, ignore_errors=True)
    shutil.copytree(data, work / "data")
    port = free_port()
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "reportgen", "serve", "--data", str(work / "data"), "--out",
                             str(work / "build"), "--port", str(port), "-q"], cwd=work, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, env={**os.environ, "REPORTGEN_LANG": "en"})
    try:
        key = _ready(port)
        first = time.perf_counter() - started
        events = http.client.HTTPConnection("127.0.0.1", port, timeout=READY_TIMEOUT)
        events.request("GET", f"/events?after={_last_event(port)}&doc={key}")
        stream = events.getresponse()
        time.sleep(0.5)  # the server now counts the briefing as open
        saved = time.perf_counter()
        edit(work / "data")
        built = pages = None
        kind = ""
        while pages is None:
            line = stream.readline().decode().strip()
            if line.startswith("event: "):
                kind = line.removeprefix("event: ")
            elif line.startswith("data:"):
                if kind == "built" and built is None:
                    built = time.perf_counter() - saved
                if kind == "pages" and line.removeprefix("data:").strip() == key:
                    pages = time.perf_counter() - saved
        events.close()
    finally:
        proc.terminate()
        proc.wait(timeout=60)
    return {"first_pages_seconds": round(first, 2), "built_seconds": round(built or 0, 2),
            "pages_seconds": round(pages, 2)}


def _get(port: int, path: str) -> str:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    connection.request("GET", path)
    return connection.getresponse().read().decode()


def _ready(port: int) -> str:
    """Wait until every document's pages are drawn; return the key of the full briefing."""
    deadline = time.monotonic() + READY_TIMEOUT
    while time.monotonic() < deadline:
        try:
            html = _get(port, "/")
        except OSError:
            time.sleep(0.5)
            continue
        full = html.split('id="audience-full"', 1)[-1]
        found = re.search(r'href="/doc/([0-9a-f]+)"', full)
        if found and "…" not in html.split("<main>", 1)[-1] and html.count("/doc/") >= 24:
            return found.group(1)
        time.sleep(0.5)
    raise SystemExit("reportgen serve did not draw the pages in time")


def _last_event(port: int) -> str:
    return re.search(r'data-event="(\d+)"', _get(port, "/")).group(1)

"""`reportgen serve`: a local page to see every page and slide, fix the data and hand out the files.

One LibreOffice is kept running (office.py); the project is rebuilt when its data, templates or reference files
change (watchfiles), what a change affects only (the build cache), and the open page refreshes itself (events).
"""

from __future__ import annotations

import socket
import threading
import webbrowser
from pathlib import Path

from reportgen.errors import Interrupted
from reportgen.i18n import _
from reportgen.progress import Progress

LOCAL = ("127.0.0.1", "localhost", "::1")


def allowed_hosts(host: str) -> list[str]:
    """Return the Host header names the server answers to: its own address and, when it listens on every
    interface, this machine's names and addresses (any other name is a DNS rebinding)."""
    names = [host, *LOCAL]
    if host in ("0.0.0.0", "::"):
        hostname = socket.gethostname()
        try:
            names += [hostname, *socket.gethostbyname_ex(hostname)[2]]
        except OSError:
            names.append(hostname)
    return list(dict.fromkeys(names))


def serve(settings, host: str = "127.0.0.1", port: int = 8000, open_browser: bool = False,
          report: Progress | None = None) -> None:
    """Serve the project of `settings` at http://host:port/ until interrupted."""
    import uvicorn

    from reportgen.progress import progress_of
    from reportgen.serve.app import make_app
    from reportgen.serve.office import Office
    from reportgen.serve.workspace import Workspace

    report = progress_of(report)
    with report.task(_("starting LibreOffice")):
        office = Office().start()
    report.detail(_("LibreOffice kept running: {warm}").format(warm=office.warm))
    workspace = Workspace(settings, office)
    stop = threading.Event()
    threading.Thread(target=_watch, args=(workspace, stop), daemon=True).start()
    url = f"http://{'127.0.0.1' if host in ('0.0.0.0', '::') else host}:{port}/"
    report(_("serving {url} (Ctrl+C to stop)").format(url=url))
    if open_browser:
        threading.Timer(1.0, webbrowser.open, [url]).start()
    try:
        uvicorn.run(make_app(workspace, allowed_hosts(host)), host=host, port=port, log_level="warning",
                    access_log=False)
    except (Interrupted, KeyboardInterrupt):  # Ctrl+C or SIGTERM: the normal way to stop a server
        pass
    finally:
        report(_("stopped"))
        stop.set()
        office.stop()


def _watch(workspace, stop: threading.Event) -> None:
    """Build once, then again after each change to the data, the templates or the reference files."""
    from watchfiles import watch

    from reportgen.resources import Locator

    workspace.rebuild()
    folders = [workspace.settings.data, *Locator.default(workspace.settings.templates).roots]
    watched = [str(Path(f)) for f in folders if Path(f).exists()]
    out = Path(workspace.settings.out).resolve()
    for changes in watch(*watched, stop_event=stop, debounce=300, step=50,
                         watch_filter=lambda change, path: out not in Path(path).resolve().parents):
        if changes:
            workspace.rebuild()

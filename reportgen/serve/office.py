"""One LibreOffice kept running for the life of the server (unoserver), so a page image follows a save within
seconds; without a Python that can drive LibreOffice, each conversion starts LibreOffice anew (slower, same PDF);
without LibreOffice, no PDF and no page images, and the page says what to install."""

from __future__ import annotations

import contextlib
import shutil
import socket
import subprocess
import tempfile
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from xmlrpc.client import ServerProxy

from reportgen.errors import ToolError
from reportgen.fonts import libreoffice_env
from reportgen.output import write_atomic
from reportgen.writers.pdf import convert_to_pdf, end_tree, find_soffice, install_advice, pdf_target

START_TIMEOUT = 60  # seconds LibreOffice may take to start listening


class Office:
    """Converts documents to PDF: through a running LibreOffice when it can, else by starting it each time."""

    def __init__(self) -> None:
        self.program: str | None = None
        self.missing: str | None = None  # why there are no PDFs (LibreOffice not found), with what to install
        self._server: subprocess.Popen | None = None
        self._client = None
        self._work = Path(tempfile.mkdtemp(prefix="reportgen-office-"))
        self._lock = threading.Lock()

    def start(self) -> Office:
        """Find LibreOffice and start it listening, when a Python with its UNO bridge is on this machine."""
        try:
            self.program = find_soffice()
        except ToolError:
            self.missing = install_advice()
            return self
        python = uno_python(self.program)
        if python is not None:
            self._start_server(python)
        return self

    @property
    def warm(self) -> bool:
        """Whether a LibreOffice is kept running for the conversions."""
        return self._client is not None

    def to_pdf(self, sources: Sequence[Path]) -> list[Path]:
        """Write the PDF beside each source; return the PDFs (none without LibreOffice)."""
        if self.missing or not sources:
            return []
        with self._lock:
            if self._client is None:
                convert_to_pdf(sources, [pdf_target(s) for s in sources])
            else:
                for source in sources:
                    data = self._client.convert(inpath=str(source.resolve()), convert_to="pdf")
                    write_atomic(pdf_target(source), lambda stream, data=data: stream.write(data))
        return [pdf_target(s) for s in sources]

    def stop(self) -> None:
        """End the LibreOffice this object started, and remove its profile."""
        if self._server is not None:
            end_tree(self._server.pid)
            with contextlib.suppress(subprocess.TimeoutExpired):
                self._server.wait(timeout=10)
            self._server = None
        shutil.rmtree(self._work, ignore_errors=True)

    def _start_server(self, python: str) -> None:
        from unoserver.client import UnoClient

        port, uno_port = free_port(), free_port()
        env = {**libreoffice_env(self._work / "fontconfig"), "HOME": str(self._work),
               "PYTHONPATH": str(_unoserver_path(self._work))}
        command = [python, "-m", "unoserver.server", "--interface", "127.0.0.1", "--port", str(port),
                   "--uno-port", str(uno_port), "--executable", self.program,
                   "--user-installation", str(self._work / "profile")]
        self._server = subprocess.Popen(command, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                        stderr=subprocess.DEVNULL, start_new_session=True)
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline and self._server.poll() is None:
            try:
                ServerProxy(f"http://127.0.0.1:{port}").info()  # listening: LibreOffice is up
                self._client = UnoClient(port=str(port))
                return
            except (ConnectionError, OSError):
                time.sleep(0.3)
        self.stop()  # it did not start: convert by starting LibreOffice each time
        self._work.mkdir(parents=True, exist_ok=True)


def uno_python(program: str) -> str | None:
    """Return a Python that can import LibreOffice's UNO bridge: the one LibreOffice ships (Windows, the
    libreoffice.org packages), or the system's with python3-uno (Debian, 麒麟/统信); None when there is none."""
    folder = Path(program).resolve().parent
    candidates = [folder / "python.exe", folder / "python", Path("/usr/bin/python3")]
    for candidate in candidates:
        if candidate.is_file():
            with contextlib.suppress(OSError, subprocess.SubprocessError):
                if subprocess.run([str(candidate), "-c", "import uno"], capture_output=True, timeout=30).returncode == 0:
                    return str(candidate)
    return None


def _unoserver_path(work: Path) -> Path:
    """Return a folder holding only the unoserver package, for LibreOffice's Python to import it from."""
    import importlib.metadata

    import unoserver

    folder = work / "python"
    if not folder.exists():
        shutil.copytree(Path(unoserver.__file__).parent, folder / "unoserver")
        dist = importlib.metadata.distribution("unoserver")  # its version is read by the server at start
        record = next(f for f in dist.files or () if f.parent.name.endswith(".dist-info"))
        info = Path(dist.locate_file(record)).parent
        shutil.copytree(info, folder / info.name)
    return folder


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 free at this moment."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


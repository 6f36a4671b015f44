"""Kill builds of a large synthetic data set at random moments: the output folder only ever holds complete files.

Each file left after a kill is byte for byte either the previous build's or a complete new build's (builds are
reproducible, so a finished new file has exactly the bytes of a reference build), and re-opens in python-docx and
python-pptx. SIGINT and SIGTERM leave no temporary file; SIGKILL may leave one, which the next build removes.
"""

from __future__ import annotations

import hashlib
import random
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import docx
from conftest import DATA
from pptx import Presentation
from synthetic import write_synthetic

NAMES = ("briefing.docx", "deck.pptx")
#: (signal, progress line after which it is sent, after a further random delay of up to half a second)
KILLS = ((signal.SIGINT, "loaded"), (signal.SIGTERM, "composed"), (signal.SIGKILL, "briefing.docx"),
         (signal.SIGINT, "briefing.docx"), (signal.SIGKILL, "deck.pptx"), (signal.SIGTERM, "deck.pptx"))


def reportgen(data: Path, out: Path, quiet: bool = True) -> subprocess.Popen:
    """Start a build in its own process (printing a line per finished step unless `quiet`)."""
    return subprocess.Popen([sys.executable, "-m", "reportgen", "build", "--data", str(data), "--out", str(out),
                             *(["-q"] if quiet else [])], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def wait_for(proc: subprocess.Popen, needle: str) -> str:
    """Read the progress lines of `proc` until one contains `needle`; return what was read."""
    seen = ""
    while needle not in seen.replace("\n", ""):  # a long path may be folded over two lines
        line = proc.stderr.readline()
        if not line:
            break
        seen += line
    return seen


def finish(proc: subprocess.Popen) -> tuple[int, str]:
    """Wait for `proc`; return its exit code and what it printed on stderr."""
    _, err = proc.communicate(timeout=120)
    return proc.returncode, err


def hashes(folder: Path) -> dict[str, str]:
    """SHA-256 of each output file in `folder`."""
    return {name: hashlib.sha256((folder / name).read_bytes()).hexdigest() for name in NAMES}


def temps(folder: Path) -> list[Path]:
    """Temporary files in `folder` (``.<name>.<pid>.<random>.tmp``)."""
    return sorted(folder.glob(".*.tmp"))


def test_killed_builds_leave_only_complete_files(tmp_path: Path):
    big = write_synthetic(tmp_path / "big", projects=20)
    reference, out = tmp_path / "reference", tmp_path / "out"
    first, second = reportgen(big, reference), reportgen(DATA, out)
    assert finish(first)[0] == 0 and finish(second)[0] == 0
    old, new = hashes(out / "full"), hashes(reference / "full")
    assert all(old[name] != new[name] for name in NAMES)

    rng = random.Random(8)
    outcomes = set()
    for sig, stage in KILLS:
        proc = reportgen(big, out, quiet=False)
        progress = wait_for(proc, stage)
        time.sleep(rng.uniform(0, 0.5))
        proc.send_signal(sig)
        code, err = finish(proc)
        err = progress + err
        folder = out / "full"
        assert sorted(p.name for p in folder.iterdir() if p.suffix in (".docx", ".pptx")) == sorted(NAMES)
        now = hashes(folder)
        assert all(now[name] in (old[name], new[name]) for name in NAMES), (sig, code)
        docx.Document(str(folder / "briefing.docx"))
        Presentation(str(folder / "deck.pptx"))
        outcomes.add(tuple(now[name] == new[name] for name in NAMES))
        mine = [p for p in temps(folder) if re.search(rf"\.{proc.pid}\.", p.name)]
        if sig != signal.SIGKILL:
            assert mine == []
            if code == 130:
                assert "error: interrupted; files already in place are complete" in err
                assert "Traceback" not in err
            else:  # the signal came after the build had finished
                assert now == new, (sig, stage, code, err)

    assert (False, False) in outcomes  # some kills came before the new files were in place
    assert finish(reportgen(big, out))[0] == 0  # the next build removes what SIGKILL left behind
    assert temps(out / "full") == []
    assert hashes(out / "full") == new


def test_the_workers_of_a_killed_build_end_too(tmp_path: Path):
    out = tmp_path / "out"
    proc = reportgen(DATA, out, quiet=False)
    wait_for(proc, "loaded")
    proc.kill()
    proc.wait()
    deadline = time.monotonic() + 10
    while builds_of(out) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert builds_of(out) == []


def builds_of(out: Path) -> list[int]:
    """Process ids of the live processes (the build's workers are forks of it) whose command line names `out`."""
    pids = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            args = cmdline.read_bytes().split(b"\0")
        except OSError:  # the process ended meanwhile
            continue
        if str(out).encode() in args:
            pids.append(int(cmdline.parent.name))
    return pids


def test_a_stale_temporary_file_of_a_dead_build_is_removed_and_a_live_ones_kept(tmp_path: Path):
    from reportgen.output import remove_stale_temps

    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    stale = tmp_path / f".deck.pptx.{int(dead.stdout)}.abc123_x.tmp"
    live = tmp_path / f".deck.pptx.{__import__('os').getpid()}.def456.tmp"
    other = tmp_path / ".notes.tmp"
    for path in (stale, live, other):
        path.write_bytes(b"PK half")
    assert remove_stale_temps(tmp_path) == [stale]
    assert not stale.exists() and live.exists() and other.exists()

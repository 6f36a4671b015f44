"""Two sends of one meeting at once, in two processes, against one SMTP server: each recipient gets one message."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from reportgen.api import Settings
from reportgen.distribute.bundle import bundle
from reportgen.distribute.meeting import load_meeting

from .conftest import DATA, ROOT, Mailbox

RECIPIENTS = 12


def write_meeting(folder: Path, count: int = RECIPIENTS, extra: str = "cleared_domains: [example.org]\n") -> Path:
    """Write a meeting file of `count` recipients (documents without PDFs); return its path."""
    people = "".join(f"  - {{name: 单位{i:02d}, email: unit{i:02d}@example.org, 份号: {i}}}\n" for i in range(1, count + 1))
    path = folder / "meetings" / "big.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("name: 推进会\ndate: 2025-01-22\nplace: 第一会议室\npdf: false\n"
                    f"sender: {{name: 办公厅, email: office@example.org}}\n{extra}recipients:\n{people}",
                    encoding="utf-8")
    return path


class SlowMailbox(Mailbox):
    """A mailbox that takes `delay` seconds to answer DATA for its first `slow` messages."""

    def __init__(self, slow: int, delay: float):
        super().__init__()
        self.slow, self.delay, self.started = slow, delay, 0

    async def handle_DATA(self, server, session, envelope):
        self.started += 1
        if self.started <= self.slow:
            await asyncio.sleep(self.delay)
        return await super().handle_DATA(server, session, envelope)


#: `reportgen` whose run pauses `PAUSE` seconds right after reading the send log, once, after touching MARKER.
SLOW_PLAN = """
import pathlib, sys, time
import reportgen.distribute.send as send
real, marker, pause = send.read_log, pathlib.Path(sys.argv.pop(1)), float(sys.argv.pop(1))

def read_then_pause(path):
    entries = real(path)
    if not marker.exists():
        marker.touch()
        time.sleep(pause)
    return entries

send.read_log = read_then_pause
from reportgen.cli import run
run()
"""


ENV = {**os.environ, "PYTHONPATH": str(ROOT)}


def send_command(meeting: Path, out: Path, port: int, *before: str) -> list[str]:
    """Return the command line of `reportgen send --confirm` (`before`: -c SLOW_PLAN, its marker and pause)."""
    return [sys.executable, *(before or ["-m", "reportgen"]), "send", str(meeting), "--data", str(DATA),
            "--out", str(out), "--smtp-host", "127.0.0.1", "--smtp-port", str(port), "--no-starttls", "--confirm"]


def start_send(meeting: Path, out: Path, port: int, *before: str) -> subprocess.Popen:
    """Start `reportgen send --confirm` in its own process; return it."""
    return subprocess.Popen(send_command(meeting, out, port, *before), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=ENV)


def test_a_send_started_while_another_has_read_the_log_does_not_leave_it_a_stale_plan(tmp_path, smtp_server):
    """The first run reads the send log and pauses; a second starts meanwhile. Before the lock was taken first,
    the second served everyone and the first then sent its stale plan again: every recipient twice."""
    meeting = write_meeting(tmp_path)
    bundle(load_meeting(str(meeting), DATA), Settings(data=DATA, out=tmp_path / "out", cwd=tmp_path))
    box, port = smtp_server()
    marker = tmp_path / "read-the-log"
    slow = start_send(meeting, tmp_path / "out", port, "-c", SLOW_PLAN, str(marker), "2")
    deadline = time.monotonic() + 30
    while not marker.exists() and time.monotonic() < deadline:
        time.sleep(0.02)
    other = subprocess.run(send_command(meeting, tmp_path / "out", port), capture_output=True, text=True, env=ENV,
                           timeout=60)
    slow_out, slow_err = slow.communicate(timeout=60)
    assert slow.returncode == 0, slow_err
    assert other.returncode == 7 and "another send of this meeting is running (pid " in other.stderr, other.stderr
    assert Counter(rcpt[0] for rcpt, _, _ in box.messages) == Counter(
        {f"unit{i:02d}@example.org": 1 for i in range(1, RECIPIENTS + 1)})


def test_a_second_send_started_during_the_first_serves_nobody_twice(tmp_path, smtp_server):
    from aiosmtpd.controller import Controller

    from .conftest import free_port

    meeting = write_meeting(tmp_path)
    bundle(load_meeting(str(meeting), DATA), Settings(data=DATA, out=tmp_path / "out", cwd=tmp_path))
    box, port = SlowMailbox(slow=3, delay=0.4), free_port()
    controller = Controller(box, hostname="127.0.0.1", port=port, ready_timeout=10)
    controller.start()
    try:
        first = start_send(meeting, tmp_path / "out", port)
        deadline = time.monotonic() + 30
        while box.started == 0 and time.monotonic() < deadline:  # the first run is handing over its first message
            time.sleep(0.02)
        second = start_send(meeting, tmp_path / "out", port)
        second_out, second_err = second.communicate(timeout=60)
        first_out, first_err = first.communicate(timeout=60)
        third = start_send(meeting, tmp_path / "out", port)
        third_out, third_err = third.communicate(timeout=60)
    finally:
        controller.stop()
    assert first.returncode == 0, first_err
    assert second.returncode == 7 and "another send of this meeting is running (pid " in second_err, second_err
    assert "Traceback" not in second_err
    assert third.returncode == 0 and "nothing to send: every recipient has been served" in third_out, third_err
    delivered = Counter(rcpt[0] for rcpt, _, _ in box.messages)
    assert delivered == Counter({f"unit{i:02d}@example.org": 1 for i in range(1, RECIPIENTS + 1)})

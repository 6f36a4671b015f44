"""One send of a meeting at a time: an exclusive lock on a lock file beside the send log, held by the process.

The lock is the operating system's (``fcntl.flock`` on POSIX, ``msvcrt.locking`` on Windows), so it is released
when the process ends however it ends; a lock file left behind by a killed send does not block the next one.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from reportgen.errors import SendError
from reportgen.i18n import _

#: Windows locks a byte range; the lock is taken on a byte past the pid so that another process can read the pid.
_WINDOWS_LOCK_OFFSET = 1 << 20


def lock_path(log: Path) -> Path:
    """Return the lock file of a send log: <id>.send-log.jsonl.lock."""
    return log.with_name(log.name + ".lock")


@contextmanager
def send_lock(log: Path) -> Iterator[None]:
    """Hold the exclusive lock of `log` while the block runs; raise SendError at once when another send holds it."""
    lock = lock_path(log)
    fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        if not _try_lock(fd):
            raise SendError(_("another send of this meeting is running (pid {pid}); wait for it to finish, then run "
                              "the command again: it sends only to those not yet served (lock {lock})")
                            .format(pid=_holder(fd), lock=lock))
        os.ftruncate(fd, 0)
        os.lseek(fd, 0, os.SEEK_SET)
        os.write(fd, str(os.getpid()).encode())
        yield
    finally:
        os.close(fd)  # closing the file releases the lock


def _try_lock(fd: int) -> bool:
    """Return True when this process now holds the exclusive lock of `fd`, False when another process holds it."""
    try:
        import fcntl
    except ImportError:  # Windows
        import msvcrt

        os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _holder(fd: int) -> str:
    """Return the process id the lock file names, or 'unknown' when it names none yet."""
    os.lseek(fd, 0, os.SEEK_SET)
    text = os.read(fd, 32).decode("ascii", "replace").strip()
    return text if text.isdigit() else _("unknown")

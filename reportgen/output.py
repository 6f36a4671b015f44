"""Write output files so that nothing is ever half written or lost.

Each file is written to a temporary file in its target folder (``.<name>.<pid>.<random>.tmp``), flushed to disk
and renamed into place. Inside ``batch()`` the renames wait until every file of the build is ready, so a build
that fails midway changes none of the previous outputs. A build killed outright (SIGKILL) can leave a temporary
file; the next write into that folder removes temporary files whose process is gone.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import tempfile
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from pathlib import Path
from typing import BinaryIO

import psutil

from reportgen.errors import OutputError
from reportgen.i18n import _

_TEMP = re.compile(r"^\..+\.(\d+)\.[A-Za-z0-9_]+\.tmp$")
_pending: ContextVar[list[tuple[Path, Path]] | None] = ContextVar("reportgen_pending_outputs", default=None)


def write_atomic(target: Path, save: Callable[[BinaryIO], None]) -> Path:
    """Call `save` with a temporary file beside `target`, then rename it to `target` (at the end of a batch)."""
    folder = target.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        remove_stale_temps(folder)
        fd, name = tempfile.mkstemp(prefix=f".{target.name}.{os.getpid()}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise OutputError(_cannot_write_to(folder, _reason(exc))) from None
    tmp = Path(name)
    try:
        with os.fdopen(fd, "wb") as stream:
            save(stream)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(tmp, 0o644)
        pending = _pending.get()
        if pending is None:
            _commit([(tmp, target)])
        else:
            pending.append((tmp, target))
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise OutputError(_cannot_write(target, _reason(exc))) from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return target


@contextlib.contextmanager
def batch() -> Iterator[None]:
    """Stage every write_atomic inside the block; rename all files into place at its end, or none on error."""
    pending: list[tuple[Path, Path]] = []
    token = _pending.set(pending)
    try:
        yield
    except BaseException:
        _discard(pending)
        raise
    finally:
        _pending.reset(token)
    _commit(pending)


def staged_bytes(target: Path) -> bytes:
    """Return the content written for `target`: its staged temporary file inside a batch, else the file itself."""
    for tmp, path in reversed(_pending.get() or []):
        if path == target:
            return tmp.read_bytes()
    return target.read_bytes()


def remove_stale_temps(folder: Path) -> list[Path]:
    """Remove temporary files in `folder` left by builds whose process is gone; return what was removed."""
    removed = []
    for path in folder.glob(".*.tmp"):
        match = _TEMP.match(path.name)
        if match and not _alive(int(match.group(1))):
            path.unlink(missing_ok=True)
            removed.append(path)
    return removed


def safe_name(title: str, default: str = "材料") -> str:
    """Return `title` usable as a file or folder name on Windows and Unix (/ : * ? … replaced by －)."""
    return re.sub(r'[\\/:*?"<>|\x00-\x1f]', "－", title).strip(" .") or default


def remove_files(folder: Path, names: list[tuple[str, str]]) -> list[Path]:
    """Remove the files `names` ((subfolder, file name) pairs) of `folder` that exist, and each subfolder left
    empty; nothing outside `folder` or through a link. Return the files removed."""
    removed = []
    for sub, name in names:
        target = inside(folder, sub, name)
        if target.is_file():
            target.unlink()
            removed.append(target)
    for sub in dict.fromkeys(sub for sub, _name in names):
        with contextlib.suppress(OSError):
            inside(folder, sub, "x").parent.rmdir()  # only when empty
    return removed


def check_folder(folder: Path) -> Path:
    """Return `folder` when it is, or can be made, a folder; raise OutputError when a file stands in its way."""
    for existing in (folder, *folder.parents):
        if existing.exists():
            if not existing.is_dir():
                raise OutputError(_cannot_write_to(folder, _("{path} is a file, not a folder").format(path=existing)))
            if not os.access(existing, os.W_OK | os.X_OK):
                raise OutputError(_cannot_write_to(folder, _("{path} is not writable").format(path=existing)))
            return folder
    return folder


def inside(folder: Path, *parts: str) -> Path:
    """Return folder/parts…; raise OutputError when the result would lie outside `folder` (``../`` in a name) or
    be written through a symbolic link inside it."""
    target = folder.joinpath(*parts)
    refuse_links(folder, target)
    base = folder.resolve()
    if base not in target.resolve().parents:
        raise OutputError(_("output name {name} escapes the output folder {folder}").format(
            name=repr("/".join(parts)), folder=folder))
    return target


def refuse_links(folder: Path, target: Path) -> None:
    """Raise OutputError when a folder or file on the way from `folder` down to `target` is a symbolic link:
    nothing is written or read through a link inside the output folder (`folder` itself may be one)."""
    try:
        relative = target.relative_to(folder)
    except ValueError:
        return
    current = folder
    for part in relative.parts:
        current = current / part
        if current.is_symlink():
            raise OutputError(_cannot_write(target, _(
                "{path} is a symbolic link (to {link}); outputs are never written through a link: remove it and "
                "build again").format(path=current, link=os.readlink(current))))


def _commit(pending: list[tuple[Path, Path]]) -> None:
    """Rename every staged file into place, with Ctrl-C and SIGTERM held back until all are renamed."""
    current = pending[0][1] if pending else None
    try:
        for _tmp, current in pending:
            if current.is_dir():
                raise OutputError(_cannot_write(current, _("a folder of that name is in the way")))
        with _signals_held():
            for tmp, current in pending:
                os.replace(tmp, current)
        for folder in {target.parent for _tmp, target in pending}:
            _fsync_folder(folder)
    except OSError as exc:
        raise OutputError(_cannot_write(current, _reason(exc))) from None
    finally:
        _discard(pending)


def _discard(pending: list[tuple[Path, Path]]) -> None:
    """Remove the temporary files of `pending` that were not renamed."""
    for tmp, _target in pending:
        tmp.unlink(missing_ok=True)


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Delay SIGINT and SIGTERM for the duration of the block (where the platform can)."""
    held = {signal.SIGINT, signal.SIGTERM}
    try:
        previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    except (AttributeError, ValueError, OSError):
        previous = None
    try:
        yield
    finally:
        if previous is not None:
            signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _fsync_folder(folder: Path) -> None:
    """Flush the folder entry of renamed files to disk (POSIX); ignored where folders cannot be opened."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _alive(pid: int) -> bool:
    """Whether a process with id `pid` exists (this one included), asked without a signal (on Windows a
    signal 0 would end the process)."""
    try:
        return psutil.pid_exists(pid)
    except (OverflowError, ValueError, OSError):
        return True


def _cannot_write(path: Path, reason: str) -> str:
    return _("cannot write {path}: {reason}").format(path=path, reason=reason)


def _cannot_write_to(folder: Path, reason: str) -> str:
    return _("cannot write to {folder}: {reason}").format(folder=folder, reason=reason)


def _reason(exc: OSError) -> str:
    """Return the human part of an OSError: 'Permission denied', 'Not a directory', …"""
    return exc.strerror or str(exc)

"""Write output files atomically: a temporary file in the target folder, renamed into place."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from reportgen.errors import OutputError


def write_atomic(target: Path, save: Callable[[BinaryIO], None]) -> Path:
    """Call `save` with a temporary file beside `target`, then rename it to `target`; never leave a half file."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise OutputError(f"cannot write to {target.parent}: {exc.strerror}") from None
    try:
        with os.fdopen(fd, "wb") as stream:
            save(stream)
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target

"""Warnings a build reports without stopping: a fallback taken, a style or layout missing."""

from __future__ import annotations

import warnings


class ReportgenWarning(UserWarning):
    """Something the user should know about a build that still succeeded."""


def warn(message: str) -> None:
    """Report `message` as a ReportgenWarning (the CLI prints it as one line)."""
    warnings.warn(message, ReportgenWarning, stacklevel=2)

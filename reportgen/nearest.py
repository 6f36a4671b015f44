"""The name a user most likely meant, offered after a message about a name that does not exist."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from reportgen.i18n import _


def nearest(name: object, choices: Iterable[object]) -> str | None:
    """Return the choice nearest `name`, or None when none is near enough to be what was meant."""
    near = difflib.get_close_matches(str(name), [str(choice) for choice in choices], n=1, cutoff=0.6)
    return near[0] if near else None


def did_you_mean(name: object, choices: Iterable[object]) -> str:
    """Return "; did you mean X?" for the choice nearest `name`, or "" when none is near."""
    near = nearest(name, choices)
    return _("; did you mean {name}?").format(name=near) if near else ""

"""Who may receive a packet: 内部 documents go only to recipients the meeting file clears for 内部."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from reportgen.distribute.manifest import MANIFEST
from reportgen.distribute.meeting import MeetingFile, Recipient
from reportgen.errors import SendError
from reportgen.i18n import _
from reportgen.settings import AUDIENCE_NAME

INTERNAL, PUBLIC = "内部", "公开"
_RECORD_LIMIT = 4 << 20  # bytes of an audience's manifest.json read at most


def packet_classification(manifest: dict, out: Path) -> str:
    """Return 公开 only when the packet's manifest says so and the audience's OUT/<audience>/manifest.json, when
    there is one, does not say otherwise; else 内部 (also for a packet that records no classification)."""
    levels = [manifest.get("classification", INTERNAL)]
    audience = manifest["meeting"].get("audience")
    if isinstance(audience, str) and AUDIENCE_NAME.match(audience):
        levels.append(_recorded_classification(out / audience / MANIFEST))
    return PUBLIC if all(level == PUBLIC for level in levels if level is not None) else INTERNAL


def _recorded_classification(record: Path) -> str | None:
    """Return the classification an audience's manifest.json records; None when there is no such file, 内部 when
    it cannot be read."""
    if not record.is_file():
        return None
    try:
        with record.open("rb") as stream:
            value = json.loads(stream.read(_RECORD_LIMIT).decode("utf-8")).get("classification")
    except (OSError, UnicodeDecodeError, ValueError, AttributeError):
        return INTERNAL
    return value if value in (PUBLIC, INTERNAL) else INTERNAL


def check_clearance(meeting: MeetingFile, recipients: Sequence[Recipient], classification: str) -> None:
    """Raise SendError naming every recipient not cleared for the packet's 内部 documents; nothing is sent then."""
    if classification == PUBLIC:
        return
    uncleared = [r for r in recipients if not meeting.meeting.cleared(r)]
    if uncleared:
        names = ", ".join(f"{r.name} <{r.email}>" for r in uncleared)
        domains = ", ".join(dict.fromkeys(r.email.rsplit("@", 1)[1].lower() for r in uncleared))
        raise SendError(_("the packet's documents are 内部 and {count} recipients are not cleared for 内部: "
                          "{names}; nothing was sent. If they may receive 内部 documents, add 内部: true to each of "
                          "them in {path}, or cleared_domains: [{domains}] for whole domains")
                        .format(count=len(uncleared), names=names, path=meeting.path, domains=domains))

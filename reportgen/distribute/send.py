"""Sending a meeting's packet: a dry run by default; a send log so that a re-run serves only those not yet served."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import smtplib
from collections.abc import Callable, Sequence
from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path

from reportgen.distribute.mail import SendError, SmtpSettings, compose_message, message_id, smtp_reply
from reportgen.distribute.clearance import check_clearance, packet_classification
from reportgen.distribute.locking import send_lock
from reportgen.distribute.meeting import MeetingFile, Person, Recipient
from reportgen.distribute.packet import CONTENTS, PacketError, packet_bytes, read_packet
from reportgen.errors import UsageError
from reportgen.i18n import _

ATTACH = ("documents", "packet")
DOCUMENT_ROLES = ("briefing", "deck")


@dataclass(frozen=True)
class Delivery:
    """A recipient and what the send log says about them: pending, sent, failed or uncertain."""

    recipient: Recipient
    state: str
    last: dict | None = None

    @property
    def when(self) -> str:
        """Return the time of the last log entry about this recipient."""
        return str((self.last or {}).get("time", _("an unknown time")))

    @property
    def label(self) -> str:
        """Return '份号003 name <email>' as the lists show it."""
        copy = f"份号{self.recipient.copy_no:03d} " if self.recipient.copy_no else ""
        return f"{copy}{self.recipient.name} <{self.recipient.email}>"


def log_path(packet: Path) -> Path:
    """Return the send log beside the packet: <id>.send-log.jsonl."""
    return packet.with_name(f"{packet.stem}.send-log.jsonl")


def read_log(path: Path) -> dict[str, dict]:
    """Return the last log entry per e-mail address (lower case); a damaged line is an error, never skipped."""
    last: dict[str, dict] = {}
    if not path.exists():
        return last
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            entry = json.loads(line)
            last[entry["email"].lower()] = entry
        except (json.JSONDecodeError, KeyError, TypeError, AttributeError):
            raise SendError(_("{path}:{line}: damaged send log line; check who was served before sending again")
                            .format(path=path, line=number)) from None
    return last


def deliveries(recipients: Sequence[Recipient], log: dict[str, dict]) -> list[Delivery]:
    """Return each recipient's state from the log: sent, failed (to retry), uncertain (stopped mid-send) or pending."""
    states = {"sent": "sent", "failed": "failed", "attempt": "uncertain", "uncertain": "uncertain"}
    out = []
    for person in recipients:
        entry = log.get(person.email.lower())
        out.append(Delivery(person, states.get(entry["event"], "pending") if entry else "pending", entry))
    return out


def send_meeting(meeting: MeetingFile, packet: Path, smtp: SmtpSettings, sender: Person | None = None, *,
                 attach: str = "documents", confirm: bool = False, resend: Sequence[str] = (),
                 report: Callable[[str], None] = print) -> list[Delivery]:
    """List (dry run) or send the packet to every recipient not yet served; return the deliveries made now.

    A sending run holds the meeting's send lock from before it reads the send log until its last message, so a
    second run started meanwhile is refused instead of sending from a stale plan.
    """
    if not (packet.exists() or packet.is_symlink()):
        raise PacketError(_("{packet}: no packet yet; make it first with: reportgen bundle {meeting}")
                          .format(packet=packet, meeting=meeting.id))
    if confirm:
        smtp.password()  # a missing server or password is reported before anything is listed
    sender = sender or meeting.meeting.sender
    if sender is None:
        raise UsageError(_("no sender: add sender: {name, email} to the meeting file, or give --sender"))
    log = log_path(packet)
    with send_lock(log) if confirm else nullcontext():
        content, manifest, files = _verified_packet(meeting, packet)
        attachments = select_attachments(manifest, files, attach, packet, content)
        todo, lines = _plan(meeting, read_log(log), attachments, resend)
        heading = _("from {name} <{email}>: {count} attachments, {size}, packet {packet}").format(
            name=sender.name, email=sender.email, count=len(attachments),
            size=_size(sum(len(data) for _name, data in attachments)), packet=packet)
        for line in [heading, *lines]:
            report(line)
        check_clearance(meeting, [d.recipient for d in todo], packet_classification(manifest, packet.parent.parent))
        contents, packet_sha = files.get(CONTENTS, b"").decode("utf-8-sig", "replace"), hashlib.sha256(content)
        done = _send(todo, log, smtp, lambda r: compose_message(
            meeting.meeting, r, sender, attachments, contents, message_id(packet_sha.hexdigest(), r, sender)),
            report) if confirm and todo else []
    if not confirm:
        report(_("dry run: {count} to send; nothing was sent (add --confirm to send)").format(count=len(todo)))
    elif not todo:
        report(_("nothing to send: every recipient has been served"))
    _raise_unless_all_served(meeting, log, resend, expect_all=confirm, sent=len(done), meant=len(todo))
    if done:
        report(_("sent {count} messages; log {log}").format(count=len(done), log=log))
    return done


def _verified_packet(meeting: MeetingFile, packet: Path) -> tuple[bytes, dict, dict[str, bytes]]:
    """Return the packet's bytes, its manifest and its contents and documents, checked against the manifest and
    the meeting."""
    content = packet_bytes(packet)
    manifest, files = read_packet(packet, ("contents", *DOCUMENT_ROLES), content=content)
    if manifest["meeting"]["id"] != meeting.id:
        raise PacketError(_("{packet} is the packet of meeting {found!r}, not {meeting!r}")
                          .format(packet=packet, found=manifest["meeting"]["id"], meeting=meeting.id))
    return content, manifest, files


def _send(todo: list[Delivery], log: Path, smtp: SmtpSettings, compose: Callable,
          report: Callable[[str], None]) -> list[Delivery]:
    """Connect, send one message per delivery and close; return the deliveries the server accepted."""
    connection = smtp.connect()
    try:
        return _deliver_all(connection, todo, log, compose, report)
    finally:
        _quit(connection)


def select_attachments(manifest: dict, files: dict[str, bytes], attach: str, packet: Path,
                       content: bytes) -> list[tuple[str, bytes]]:
    """Return (name, bytes) to attach: the documents and PDFs of the packet, or the packet zip itself (`content`)."""
    if attach == "packet":
        return [(packet.name, content)]
    if attach != "documents":
        raise UsageError(_("unknown --attach {attach!r} (expected one of: {choices})")
                         .format(attach=attach, choices=", ".join(ATTACH)))
    return [(e["name"], files[e["name"]]) for e in manifest["files"] if e["role"] in DOCUMENT_ROLES]


def _plan(meeting: MeetingFile, log: dict[str, dict], attachments: list[tuple[str, bytes]],
          resend: Sequence[str]) -> tuple[list[Delivery], list[str]]:
    """Return who gets the packet now and one line per recipient saying so."""
    states = deliveries(meeting.meeting.recipients, log)
    wanted = {e.lower() for e in resend}
    unknown = wanted - {d.recipient.email.lower() for d in states}
    if unknown:
        raise UsageError(_("--resend {emails}: not a recipient of meeting {meeting}")
                         .format(emails=", ".join(sorted(unknown)), meeting=meeting.id))
    names = ", ".join(name for name, _data in attachments)
    todo, lines = [], []
    for d in states:
        if d.state in ("pending", "failed") or d.recipient.email.lower() in wanted:
            todo.append(d)
            line = _("  send (again) {recipient}: {files}") if d.state in ("sent", "uncertain") else \
                _("  send         {recipient}: {files}")
            lines.append(line.format(recipient=d.label, files=names))
        elif d.state == "sent":
            lines.append(_("  served         {recipient} at {time}").format(recipient=d.label, time=d.when))
        else:
            lines.append(_("  uncertain      {recipient}: sending stopped at {time} before the server answered; ask "
                           "the recipient, then --resend {email} if it did not arrive")
                         .format(recipient=d.label, time=d.when, email=d.recipient.email))
    return todo, lines


def _deliver_all(connection: smtplib.SMTP, todo: list[Delivery], log: Path, compose: Callable,
                 report: Callable[[str], None]) -> list[Delivery]:
    """Send one message per delivery, logging before and after; stop at the first server or connection trouble."""
    done = []
    for d in todo:
        try:
            connection.noop()
        except (smtplib.SMTPException, OSError) as exc:
            report(_("stopped before {recipient}: the connection is gone ({reply}); nothing of it was sent")
                   .format(recipient=d.label, reply=smtp_reply(exc)))
            break
        message = compose(d.recipient)
        base = {"email": d.recipient.email, "name": d.recipient.name, "份号": d.recipient.copy_no,
                "message_id": message["Message-ID"]}
        _append(log, event="attempt", attachments=[p.get_filename() for p in message.iter_attachments()], **base)
        try:
            connection.send_message(message, from_addr=None, to_addrs=[d.recipient.email])
        except (smtplib.SMTPResponseException, smtplib.SMTPRecipientsRefused, smtplib.SMTPNotSupportedError) as exc:
            _append(log, event="failed", reply=smtp_reply(exc), **base)
            report(_("failed {recipient}: {reply}").format(recipient=d.label, reply=smtp_reply(exc)))
            if _code(exc) < 500:
                break  # temporary trouble or the server is closing: stop, a re-run retries
            continue
        except (smtplib.SMTPException, OSError) as exc:
            _append(log, event="uncertain", reply=smtp_reply(exc), **base)
            report(_("uncertain {recipient}: connection broke while sending ({reply})")
                   .format(recipient=d.label, reply=smtp_reply(exc)))
            break  # no answer: the message may have arrived, so the log keeps it as uncertain
        _append(log, event="sent", **base)
        report(_("sent {recipient}").format(recipient=d.label))
        done.append(d)
    return done


def _raise_unless_all_served(meeting: MeetingFile, log: Path, resend: Sequence[str], *, expect_all: bool, sent: int,
                             meant: int) -> None:
    """Raise SendError naming each recipient whose message is uncertain (on every run, until resolved with
    --resend) and, after a sending run, each one still not served."""
    states = deliveries(meeting.meeting.recipients, read_log(log))
    resolving = {e.lower() for e in resend} if not expect_all else set()
    uncertain = [d for d in states if d.state == "uncertain" and d.recipient.email.lower() not in resolving]
    left = [d for d in states if d.state in ("pending", "failed")] if expect_all else []
    parts = [_("sent {sent} of {meant}; not served: {recipients} (see {log}; run the same command again to retry "
               "those not served)").format(sent=sent, meant=meant, recipients=", ".join(d.label for d in left),
                                           log=log)] if left else []
    parts += [_("uncertain: {recipient}: the hand-over broke off at {time} before the server answered, so it may "
                "have arrived; ask the recipient, and if it did not arrive send it with --resend {email}")
              .format(recipient=d.label, time=d.when, email=d.recipient.email) for d in uncertain]
    if parts:
        raise SendError("; ".join(parts))


def _code(exc: Exception) -> int:
    """Return the SMTP reply code of a refusal (500 when the refusal has no code, e.g. SMTPUTF8 unsupported)."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return min(code for code, _message in exc.recipients.values())
    return getattr(exc, "smtp_code", 500)


def _append(log: Path, **entry) -> None:
    """Append one JSON line to the send log and force it to disk before going on."""
    line = json.dumps({"time": dt.datetime.now().astimezone().isoformat(timespec="seconds"), **entry},
                      ensure_ascii=False)
    with log.open("a", encoding="utf-8") as stream:
        stream.write(line + "\n")
        stream.flush()
        os.fsync(stream.fileno())


def _quit(connection: smtplib.SMTP) -> None:
    """Close the SMTP session politely, ignoring a connection that is already gone."""
    try:
        connection.quit()
    except (smtplib.SMTPException, OSError):
        connection.close()


def _size(count: int) -> str:
    """Return a byte count as KB or MB."""
    return f"{count / 1_048_576:.1f} MB" if count >= 1_048_576 else f"{count / 1024:.0f} KB"

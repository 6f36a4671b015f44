"""Sending by e-mail through a real SMTP server on 127.0.0.1: one message each, exactly once, nothing on a dry run."""

from __future__ import annotations

import json
import re
import zipfile
from collections import Counter
from pathlib import Path

import pytest

from reportgen.distribute.mail import SendError, SmtpSettings
from reportgen.distribute.meeting import load_meeting
from reportgen.distribute.send import log_path, send_meeting
from reportgen.errors import UsageError

from .conftest import DATA, MEETING, run_cli

MEDIA = {".pdf": "application/pdf",
         ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
         ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation"}


def meeting_file(packet: Path) -> Path:
    """Return the meeting file beside the packet's output folder (the shipped one, cleared for 内部)."""
    return packet.parents[2] / "meetings" / f"{MEETING}.yaml"


def send(packet: Path, port: int, *extra: str):
    """Run `reportgen send` against the local server; return the click result."""
    return run_cli("send", str(meeting_file(packet)), "--data", str(DATA), "--out", str(packet.parent.parent),
                   "--smtp-host", "127.0.0.1", "--smtp-port", str(port), "--no-starttls", *extra)


def recipients() -> list[str]:
    return [r.email for r in load_meeting(MEETING, DATA).meeting.recipients]


def log_events(packet: Path) -> list[tuple[str, str]]:
    lines = log_path(packet).read_text(encoding="utf-8").splitlines()
    return [(json.loads(line)["event"], json.loads(line)["email"]) for line in lines]


def test_every_recipient_gets_one_message_with_the_packet_files(packet, smtp_server):
    box, port = smtp_server()
    result = send(packet, port, "--confirm")
    assert result.exit_code == 0, result.output
    assert [rcpt for rcpt, _, _ in box.messages] == [[e] for e in recipients()]
    with zipfile.ZipFile(packet) as archive:
        documents = {n: archive.read(n) for n in archive.namelist() if n.endswith((".pdf", ".docx", ".pptx"))}
    for (rcpt, message, raw), person in zip(box.messages, load_meeting(MEETING, DATA).meeting.recipients, strict=True):
        to = message["To"].addresses[0]
        assert to.addr_spec == rcpt[0] and to.display_name == person.name
        assert message["Subject"] == "全省漠视侵害群众利益问题专项治理工作推进会会议材料"
        body = message.get_body(("plain",))
        assert body.get_content_charset() == "utf-8"
        assert f"{person.name}：" in body.get_content() and f"份号：{person.copy_no:03d}" in body.get_content()
        attached = {part.get_filename(): part for part in message.iter_attachments()}
        assert set(attached) == set(documents)
        for name, part in attached.items():
            assert part.get_content_type() == MEDIA[Path(name).suffix]
            assert part.get_content() == documents[name]
        assert re.search(rb"filename\*(0\*)?=utf-8''02-%E4%B8%93%E9%A1%B9", raw)  # RFC 2231: 02-专项…
        assert "专".encode() not in raw  # no raw 8-bit text: subject, names and body are encoded
    assert Counter(e for ev, e in log_events(packet) if ev == "sent") == Counter(recipients())


def test_dry_run_lists_who_gets_what_and_sends_nothing(packet, smtp_server):
    box, port = smtp_server()
    result = send(packet, port)
    assert result.exit_code == 0
    assert box.messages == [] and not log_path(packet).exists()
    assert "dry run: 4 to send; nothing was sent" in result.output
    assert "份号003 省纪委监委党风政风监督室 <dangfeng@example.com>: 01-汇报材料.pptx, 01-汇报材料.pdf" in result.output


def test_a_server_failing_midway_then_a_rerun_delivers_each_message_exactly_once(packet, smtp_server):
    failing, port = smtp_server(fail_after=2)
    result = send(packet, port, "--confirm")
    assert result.exit_code == 7 and "sent 2 of 4" in result.output
    assert log_events(packet)[-1] == ("failed", recipients()[2])
    healthy, port = smtp_server()
    assert send(packet, port).output.count("served ") == 2  # the dry run sees the two already served
    result = send(packet, port, "--confirm")
    assert result.exit_code == 0, result.output
    again = send(packet, port, "--confirm")
    assert again.exit_code == 0 and "nothing to send" in again.output
    delivered = [rcpt[0] for rcpt, _, _ in failing.messages + healthy.messages]
    assert sorted(delivered) == sorted(recipients())
    ids = [m["Message-ID"] for _, m, _ in failing.messages + healthy.messages]
    assert len(set(ids)) == 4


def test_a_refused_mailbox_does_not_stop_the_others_and_is_retried_later(packet, smtp_server):
    bad = recipients()[1]
    box, port = smtp_server(refuse=frozenset({bad}))
    result = send(packet, port, "--confirm")
    assert result.exit_code == 7 and "550 5.1.1 No such mailbox" in result.output and "sent 3 of 4" in result.output
    assert sorted(r[0] for r, _, _ in box.messages) == sorted(set(recipients()) - {bad})
    fixed, port = smtp_server()
    assert send(packet, port, "--confirm").exit_code == 0
    assert [r[0] for r, _, _ in fixed.messages] == [bad]


def test_uncertain_delivery_is_reported_on_every_run_until_resent(packet, smtp_server):
    first = recipients()[0]
    log_path(packet).write_text(json.dumps({"time": "2025-01-21T09:00:00+08:00", "event": "attempt",
                                            "email": first}) + "\n", encoding="utf-8")
    box, port = smtp_server()
    for run in (("--confirm",), ("--confirm",), ()):  # the others are served; the uncertain one is named each time
        result = send(packet, port, *run)
        assert result.exit_code == 7, result.output
        assert f"uncertain: 份号001 省委办公厅秘书处 <{first}>" in result.output
        assert f"ask the recipient, and if it did not arrive send it with --resend {first}" in result.output
    assert first not in [rcpt[0] for rcpt, _, _ in box.messages] and len(box.messages) == 3
    result = send(packet, port, "--resend", first)
    assert result.exit_code == 0 and "dry run: 1 to send" in result.output
    result = send(packet, port, "--confirm", "--resend", first)
    assert result.exit_code == 0 and [rcpt[0] for rcpt, _, _ in box.messages][-1] == first
    assert send(packet, port, "--confirm").exit_code == 0


def test_a_connection_broken_mid_data_leaves_the_recipient_uncertain(packet, smtp_server, monkeypatch):
    import smtplib

    box, port = smtp_server()
    real, calls = smtplib.SMTP.data, []

    def break_on_second(self, msg):
        calls.append(1)
        if len(calls) == 2:
            self.close()
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        return real(self, msg)

    monkeypatch.setattr(smtplib.SMTP, "data", break_on_second)
    result = send(packet, port, "--confirm")
    second = recipients()[1]
    assert result.exit_code == 7 and f"uncertain: 份号002 省政府办公厅综合处 <{second}>" in result.output
    assert "sent 1 of 4; not served:" in result.output
    assert log_events(packet)[-2:] == [("attempt", second), ("uncertain", second)]
    monkeypatch.setattr(smtplib.SMTP, "data", real)
    result = send(packet, port, "--confirm")
    assert result.exit_code == 7 and f"--resend {second}" in result.output and "served " in result.output
    assert sorted(r[0] for r, _, _ in box.messages) == sorted(set(recipients()) - {second})


def test_packet_attachment_sends_the_zip_itself(packet, smtp_server):
    box, port = smtp_server()
    assert send(packet, port, "--confirm", "--attach", "packet").exit_code == 0
    parts = [list(m.iter_attachments()) for _, m, _ in box.messages]
    assert all(len(p) == 1 and p[0].get_content_type() == "application/zip" for p in parts)
    assert parts[0][0].get_content() == packet.read_bytes()


def test_a_changed_packet_is_refused_before_anything_is_sent(packet, smtp_server):
    raw = bytearray(packet.read_bytes())
    raw[len(raw) // 2] ^= 0xFF
    packet.write_bytes(bytes(raw))
    box, port = smtp_server()
    result = send(packet, port, "--confirm")
    assert result.exit_code == 6 and "does not match its manifest" in result.output and box.messages == []


def test_settings_problems_are_named_before_sending(packet, monkeypatch):
    meeting = load_meeting(str(meeting_file(packet)), DATA)
    with pytest.raises(UsageError, match="no SMTP server"):
        send_meeting(meeting, packet, SmtpSettings(), confirm=True, report=lambda m: None)
    monkeypatch.delenv("REPORTGEN_SMTP_PASSWORD", raising=False)
    with pytest.raises(UsageError, match="REPORTGEN_SMTP_PASSWORD"):
        send_meeting(meeting, packet, SmtpSettings(host="127.0.0.1", user="office"), confirm=True,
                     report=lambda m: None)
    with pytest.raises(SendError, match="cannot connect to SMTP server 127.0.0.1:9"):
        send_meeting(meeting, packet, SmtpSettings(host="127.0.0.1", port=9, starttls=False, timeout=5),
                     confirm=True, report=lambda m: None)
    assert not log_path(packet).exists()


def test_a_second_run_while_one_holds_the_lock_is_refused_naming_its_pid(packet, smtp_server):
    import fcntl

    from reportgen.distribute.locking import lock_path

    box, port = smtp_server()
    lock_path(log_path(packet)).write_text("12345")  # a lock file left by a killed run blocks nothing
    assert send(packet, port, "--confirm").exit_code == 0 and len(box.messages) == 4
    with lock_path(log_path(packet)).open("r+") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        held.truncate()
        held.write("4242")
        held.flush()
        result = send(packet, port, "--confirm", "--resend", recipients()[0])
    assert result.exit_code == 7 and "another send of this meeting is running (pid 4242)" in result.output
    assert len(box.messages) == 4


def test_a_damaged_log_stops_sending(packet, smtp_server):
    log_path(packet).write_text('{"event": "sent", "email": "mishuchu@example.org"}\n{"event": "se', encoding="utf-8")
    box, port = smtp_server()
    result = send(packet, port, "--confirm")
    assert result.exit_code == 7 and ".send-log.jsonl:2: damaged send log line" in result.output
    assert box.messages == []

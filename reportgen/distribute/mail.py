"""E-mail messages for a meeting's recipients, and the SMTP connection that carries them."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import format_datetime, formataddr, parseaddr
from pathlib import PurePath

from reportgen.distribute.meeting import EMAIL, Meeting, Person, Recipient
from reportgen.errors import SendError, UsageError
from reportgen.i18n import _
from reportgen.numbers import chinese_date

PASSWORD_ENV = "REPORTGEN_SMTP_PASSWORD"
MEDIA_TYPES = {
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".pdf": "application/pdf",
    ".zip": "application/zip",
    ".txt": "text/plain",
    ".json": "application/json",
}


@dataclass(frozen=True)
class SmtpSettings:
    """Where and how to hand the messages over: over implicit TLS (`smtps`, port 465) or upgraded with STARTTLS
    (port 587); the password comes only from the environment."""

    host: str | None = None
    port: int = 587
    starttls: bool = True
    smtps: bool = False
    user: str | None = None
    timeout: float = 60.0

    def password(self) -> str | None:
        """Return the login password from the environment; raise UsageError when a user is set without one."""
        if not self.host:
            raise UsageError(_("no SMTP server: give --smtp-host or set REPORTGEN_SMTP_HOST"))
        password = os.environ.get(PASSWORD_ENV)
        if self.user and not password:
            raise UsageError(_("--smtp-user {user} needs the password in the environment variable {variable}")
                             .format(user=self.user, variable=PASSWORD_ENV))
        return password

    def connect(self) -> smtplib.SMTP:
        """Return a logged-in SMTP connection; raise SendError or UsageError saying what is wrong."""
        password = self.password()
        try:
            smtp = self._open()
            if self.user:
                smtp.login(self.user, password)
        except smtplib.SMTPAuthenticationError as exc:
            raise SendError(_("SMTP login as {user} refused by {host}: {reply}")
                            .format(user=self.user, host=self.host, reply=smtp_reply(exc))) from None
        except (smtplib.SMTPException, OSError) as exc:
            raise SendError(_("cannot connect to SMTP server {host}:{port}: {reply}")
                            .format(host=self.host, port=self.port, reply=smtp_reply(exc))) from None
        return smtp


    def _open(self) -> smtplib.SMTP:
        """Return a connection to the server, encrypted as the settings say (certificates checked)."""
        if self.smtps:
            return smtplib.SMTP_SSL(self.host, self.port, timeout=self.timeout, context=ssl.create_default_context())
        smtp = smtplib.SMTP(self.host, self.port, timeout=self.timeout)
        if self.starttls:
            smtp.starttls(context=ssl.create_default_context())
        return smtp


def parse_sender(text: str) -> Person:
    """Return the person of 'Name <address>' or 'address'; raise UsageError when it is not an address."""
    name, address = parseaddr(text)
    if not re.match(EMAIL, address or ""):
        raise UsageError(_("sender {text!r} is not an e-mail address (expected Name <name@example.org>)")
                         .format(text=text))
    return Person(name=name or address, email=address)


def message_id(packet_sha256: str, recipient: Recipient, sender: Person) -> str:
    """Return the Message-ID for this packet and recipient: the same on every run, so a resend is recognisable."""
    token = hashlib.sha256(f"{packet_sha256}\0{recipient.email.lower()}".encode()).hexdigest()[:32]
    return f"<{token}@{sender.email.rsplit('@', 1)[1]}>"


def compose_message(meeting: Meeting, recipient: Recipient, sender: Person, attachments: list[tuple[str, bytes]],
                    contents: str, msg_id: str) -> EmailMessage:
    """Return the message to `recipient`: UTF-8 subject and body, attachments named per RFC 2231."""
    msg = EmailMessage()
    msg["Subject"] = meeting.subject or f"{meeting.name}会议材料"
    msg["From"] = formataddr((sender.name, sender.email))
    msg["To"] = formataddr((recipient.name, recipient.email))
    msg["Date"] = format_datetime(_now())
    msg["Message-ID"] = msg_id
    msg.set_content(message_body(meeting, recipient, sender, contents, len(attachments)), cte="base64")
    for name, data in attachments:
        maintype, subtype = MEDIA_TYPES.get(PurePath(name).suffix.lower(), "application/octet-stream").split("/")
        msg.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
    return msg


def message_body(meeting: Meeting, recipient: Recipient, sender: Person, contents: str, count: int) -> str:
    """Return the plain-text body: salutation, meeting, 份号, the packet's 目录 and the sender."""
    copy = [f"份号：{recipient.copy_no:03d}"] if recipient.copy_no else []
    lines = [f"{recipient.name}：", "", f"现将{meeting.name}会议材料（附件共{count}个）发送给您，请查收。",
             f"会议时间：{chinese_date(meeting.date)}", f"会议地点：{meeting.place}", *copy, "",
             contents.replace("\r\n", "\n").strip(), "", sender.name]
    return "\n".join(lines) + "\n"


def _now():
    """Return the current local time (the Date header is the moment of sending)."""
    return dt.datetime.now().astimezone()


def smtp_reply(exc: Exception) -> str:
    """Return the server's reply (code and text) or the error text of `exc`."""
    if isinstance(exc, smtplib.SMTPResponseException):
        text = exc.smtp_error.decode("utf-8", "replace") if isinstance(exc.smtp_error, bytes) else str(exc.smtp_error)
        return f"{exc.smtp_code} {text}"
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return "; ".join(f"{addr}: {code} {msg.decode('utf-8', 'replace')}" for addr, (code, msg) in
                         exc.recipients.items())
    return str(exc) or type(exc).__name__

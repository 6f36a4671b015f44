"""Fixtures for distribution: a LibreOffice start counter, one PDF build, one meeting packet, a local SMTP server."""

from __future__ import annotations

import email
import email.policy
import shutil
import socket
import stat
from pathlib import Path

import pytest

from reportgen.api import Settings, build
from reportgen.distribute.meeting import load_meeting
from reportgen.distribute.bundle import bundle

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"
MEETING = "2025-01-progress"
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
needs_soffice = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed; "
                                   ".ci/run installs libreoffice-writer-nogui and libreoffice-impress-nogui")


def counting_soffice(folder: Path, real: str | None = SOFFICE, body: str | None = None) -> tuple[Path, Path]:
    """Write an soffice wrapper that records each start in a file, then runs `real` (or `body`); return both paths."""
    folder.mkdir(parents=True, exist_ok=True)
    starts = folder / "starts.log"
    program = folder / "soffice"
    action = body if body is not None else f'exec "{real}" "$@"'
    program.write_text(f'#!/bin/sh\necho "$$ $*" >> "{starts}"\n{action}\n', encoding="utf-8")
    program.chmod(program.stat().st_mode | stat.S_IEXEC)
    return program, starts


def fake_soffice(folder: Path, sample: Path) -> tuple[Path, Path]:
    """Write a counting soffice stand-in that 'converts' each .docx/.pptx by copying `sample` to OUTDIR/<stem>.pdf."""
    body = ('out=""; prev=""\n'
            'for a in "$@"; do [ "$prev" = "--outdir" ] && out="$a"; prev="$a"; done\n'
            'for a in "$@"; do case "$a" in *.docx|*.pptx) n=$(basename "$a"); mkdir -p "$out"; '
            f'cp "{sample}" "$out/${{n%.*}}.pdf";; esac; done')
    return counting_soffice(folder, body=body)


@pytest.fixture(scope="session")
def pdf_build(tmp_path_factory) -> dict:
    """Build two audiences with PDFs through a counting soffice; return outputs, starts file and out folder."""
    if SOFFICE is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    tmp = tmp_path_factory.mktemp("pdfbuild")
    templates = tmp / "templates" / "audiences"
    templates.mkdir(parents=True)
    full = (ROOT / "templates" / "audiences" / "full.yaml").read_text(encoding="utf-8")
    (templates / "second.yaml").write_text(full.replace("完整版", "第二版"), encoding="utf-8")
    program, starts = counting_soffice(tmp / "bin")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("REPORTGEN_SOFFICE", str(program))
        outputs = build(Settings(data=DATA, templates=tmp / "templates", audiences=["full", "second"],
                                 formats=["docx", "pptx", "pdf"], out=tmp / "out", cwd=tmp)).files
    return {"outputs": outputs, "starts": starts, "out": tmp / "out"}


@pytest.fixture(scope="session")
def session_packet(tmp_path_factory) -> Path:
    """The shipped meeting's packet, bundled once (documents, PDFs, 目录, manifest)."""
    if SOFFICE is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    out = tmp_path_factory.mktemp("packet")
    return bundle(load_meeting(MEETING, DATA), Settings(data=DATA, out=out, cwd=out))


@pytest.fixture
def packet(session_packet, tmp_path, cleared_meeting) -> Path:
    """A private copy of the packet in tmp/out/meetings/, so each test has its own send log; its meeting file,
    cleared for 内部, in tmp/meetings/."""
    target = tmp_path / "out" / "meetings" / session_packet.name
    target.parent.mkdir(parents=True)
    shutil.copyfile(session_packet, target)
    return target


@pytest.fixture
def cleared_meeting(tmp_path) -> Path:
    """A copy of the shipped meeting whose recipients' domains are cleared for its 内部 documents."""
    target = tmp_path / "meetings" / f"{MEETING}.yaml"
    target.parent.mkdir(parents=True, exist_ok=True)
    text = (DATA / "meetings" / f"{MEETING}.yaml").read_text(encoding="utf-8")
    target.write_text(text + "cleared_domains: [example.org, example.com]\n", encoding="utf-8")
    return target


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Mailbox:
    """aiosmtpd handler keeping every accepted message; after `fail_after` messages it answers 421 to DATA."""

    def __init__(self, fail_after: int | None = None, refuse: frozenset[str] = frozenset()):
        self.fail_after, self.refuse = fail_after, refuse
        self.messages: list[tuple[list[str], email.message.EmailMessage, bytes]] = []

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return "550 5.1.1 No such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.fail_after is not None and len(self.messages) >= self.fail_after:
            return "421 4.3.2 Service shutting down, try again later"
        parsed = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
        self.messages.append((list(envelope.rcpt_tos), parsed, envelope.original_content))
        return "250 2.0.0 OK"


@pytest.fixture
def smtp_server():
    """Start local SMTP servers on 127.0.0.1 on demand; every one is stopped when the test ends."""
    from aiosmtpd.controller import Controller

    started = []

    def start(fail_after: int | None = None, refuse: frozenset[str] = frozenset()) -> tuple[Mailbox, int]:
        box, port = Mailbox(fail_after, refuse), free_port()
        controller = Controller(box, hostname="127.0.0.1", port=port, ready_timeout=10)
        controller.start()
        started.append(controller)
        return box, port

    yield start
    for controller in started:
        controller.stop()


def run_cli(*args: str):
    """Run reportgen in-process with click's runner; return the result."""
    from click.testing import CliRunner

    from reportgen.cli import main

    return CliRunner().invoke(main, list(args), catch_exceptions=False)


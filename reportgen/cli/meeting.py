"""The meeting commands: preview, bundle, verify, send; each parses its options and makes one library call."""

from __future__ import annotations

from pathlib import Path

import click

from reportgen.cli.options import AUDIENCES, DATA, OUT, TEMPLATES, VERBOSITY, display, print_messages, say, split_list
from reportgen.i18n import _

@click.command()
@DATA
@TEMPLATES
@AUDIENCES
@OUT
@VERBOSITY
def preview(data: Path, templates: Path | None, audiences: str, out: Path) -> None:
    """Build, convert to PDF, and write PNGs of every page and slide plus a contact sheet per document."""
    from reportgen.distribute.preview import build_previews
    from reportgen.settings import Settings

    settings = Settings(data=data, templates=templates, audiences=split_list(audiences), out=out)
    written = build_previews(settings, display())
    say(_("{count} preview images written under {folder}").format(count=len(written), folder=out))


@click.command()
@click.argument("meeting")
@DATA
@TEMPLATES
@OUT
@VERBOSITY
def bundle(meeting: str, data: Path, templates: Path | None, out: Path) -> None:
    """Build a meeting's documents and write its packet: OUT/meetings/MEETING.zip (MEETING: id or .yaml path)."""
    from reportgen.distribute.meeting import load_meeting
    from reportgen.distribute.bundle import bundle as make_packet
    from reportgen.settings import Settings

    packet = make_packet(load_meeting(meeting, data), Settings(data=data, templates=templates, out=out),
                         display())
    click.echo(str(packet))


@click.command()
@click.argument("packet", type=click.Path(path_type=Path))
@click.option("--data", type=click.Path(path_type=Path),
              help="Also warn when the data in this folder changed since the packet was built.")
@click.option("--meeting", "meeting_ref", metavar="MEETING",
              help="Also warn when this meeting file (id in DATA/meetings/ or .yaml path) changed since then.")
@VERBOSITY
def verify(packet: Path, data: Path | None, meeting_ref: str | None) -> None:
    """Check every file of a packet against its manifest.json; name each file that differs."""
    from reportgen.distribute.bundle import changed_since_built
    from reportgen.distribute.meeting import load_meeting
    from reportgen.distribute.packet import read_packet

    manifest, _files = read_packet(packet)
    meeting_path = load_meeting(meeting_ref, data or Path("data")).path if meeting_ref else None
    print_messages(changed_since_built(manifest, data, meeting_path))
    say(_("{packet}: OK ({count} files match the manifest; meeting {meeting}, built {built}, reportgen "
          "{version})").format(packet=packet, count=len(manifest["files"]), meeting=manifest["meeting"]["id"],
                               built=manifest.get("built"), version=manifest.get("reportgen")), err=False)


@click.command()
@click.argument("meeting")
@DATA
@OUT
@click.option("--confirm", is_flag=True, help="Really send; without it, list who would get what.")
@click.option("--attach", type=click.Choice(["documents", "packet"]), default="documents", show_default=True,
              help="Attach the documents and their PDFs, or the packet zip.")
@click.option("--resend", multiple=True, metavar="EMAIL", help="Send again to this recipient (repeatable).")
@click.option("--smtp-host", envvar="REPORTGEN_SMTP_HOST", help="SMTP server [env REPORTGEN_SMTP_HOST].")
@click.option("--smtp-port", envvar="REPORTGEN_SMTP_PORT", type=int,
              help="SMTP port [env REPORTGEN_SMTP_PORT; default 587, with --smtps 465].")
@click.option("--smtps", is_flag=True, envvar="REPORTGEN_SMTP_SSL",
              help="Connect over implicit TLS (SMTPS) instead of STARTTLS [env REPORTGEN_SMTP_SSL].")
@click.option("--starttls/--no-starttls", envvar="REPORTGEN_SMTP_STARTTLS", default=True, show_default=True,
              help="Upgrade the connection with STARTTLS [env REPORTGEN_SMTP_STARTTLS].")
@click.option("--smtp-user", envvar="REPORTGEN_SMTP_USER",
              help="Login name [env REPORTGEN_SMTP_USER]; the password only from env REPORTGEN_SMTP_PASSWORD.")
@click.option("--sender", envvar="REPORTGEN_SMTP_FROM",
              help="From: 'Name <address>' [env REPORTGEN_SMTP_FROM]; default: sender in the meeting file.")
@VERBOSITY
def send(meeting: str, data: Path, out: Path, confirm: bool, attach: str, resend: tuple[str, ...],
         smtp_host: str | None, smtp_port: int | None, smtps: bool, starttls: bool, smtp_user: str | None,
         sender: str | None) -> None:
    """E-mail the meeting's packet to each recipient not yet served (dry run unless --confirm)."""
    from reportgen.distribute.mail import SmtpSettings, parse_sender
    from reportgen.distribute.meeting import load_meeting
    from reportgen.distribute.packet import packet_path
    from reportgen.distribute.send import send_meeting

    loaded = load_meeting(meeting, data)
    smtp = SmtpSettings(host=smtp_host, port=smtp_port or (465 if smtps else 587), starttls=starttls, smtps=smtps,
                        user=smtp_user)
    send_meeting(loaded, packet_path(out, loaded.id), smtp, parse_sender(sender) if sender else None,
                 attach=attach, confirm=confirm, resend=resend, report=lambda message: say(message, err=False))


@click.command(short_help="A local page to see the pages, fix the data and download the files.")
@DATA
@TEMPLATES
@OUT
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True, help="Port to serve on.")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; only this computer by default (another address shows the data to the "
                   "network).")
@click.option("--open", "open_browser", is_flag=True, help="Open the page in the browser.")
@VERBOSITY
def serve(data: Path, templates: Path | None, out: Path, port: int, host: str, open_browser: bool) -> None:
    """Serve a local page: every audience's documents with their pages and slides, the problems of the data,
    the meeting packets; rebuilt and refreshed on every save."""
    from reportgen.serve import LOCAL, serve as run_server
    from reportgen.settings import Settings

    if host not in LOCAL:
        click.echo(_("warning: {host} shows the data to every computer that can reach this one").format(host=host),
                   err=True)
    run_server(Settings(data=data, templates=templates, out=out), host, port, open_browser, display())


COMMANDS = (preview, bundle, verify, send, serve)

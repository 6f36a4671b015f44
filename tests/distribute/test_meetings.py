"""Meeting files and what they decide: the audience, every edition of a department meeting, who is cleared for 内部,
SMTP over implicit TLS, and verify warning when the data changed since the packet was built."""

from __future__ import annotations

import datetime as dt
import ipaddress
import json
import zipfile
from pathlib import Path

import pytest

from reportgen.api import Settings
from reportgen.distribute.bundle import bundle
from reportgen.distribute.meeting import load_meeting
from reportgen.errors import DataError

from .conftest import DATA, run_cli
from .test_concurrent_send import write_meeting


def test_a_department_meeting_bundles_every_department_s_documents(tmp_path):
    path = write_meeting(tmp_path, count=2, extra="audience: department\n")
    packet = bundle(load_meeting(str(path), DATA), Settings(data=DATA, out=tmp_path / "out", cwd=tmp_path))
    record = json.loads((tmp_path / "out" / "department" / "manifest.json").read_text(encoding="utf-8"))
    departments = [e["department"] for e in record["editions"]]
    assert len(departments) == 8
    with zipfile.ZipFile(packet) as archive:
        names = archive.namelist()
        contents = archive.read("00-目录.txt").decode("utf-8-sig")
        manifest = json.loads(archive.read("manifest.json"))
    documents = names[1:-1]
    assert len(documents) == 16 and manifest["classification"] == "内部"
    for number, department in enumerate(departments):
        assert documents[2 * number] == f"{2 * number + 1:02d}-汇报材料（{department}）.pptx"
        assert documents[2 * number + 1] == f"{2 * number + 2:02d}-专项治理工作简报（第1期）（{department}）.docx"
        assert f"{2 * number + 1}. 汇报材料（{department}）" in contents
    assert "共16份材料、16个文件" in contents
    assert run_cli("verify", str(packet)).exit_code == 0


def test_an_unknown_audience_names_the_meeting_file_line_and_field(tmp_path):
    path = write_meeting(tmp_path, count=1, extra="audience: nosuch\n")
    with pytest.raises(DataError) as caught:
        bundle(load_meeting(str(path), DATA), Settings(data=DATA, out=tmp_path / "out", cwd=tmp_path))
    assert str(caught.value.problems[0]) == (f"{path}:6: audience: unknown audience 'nosuch' (expected one of: "
                                             "department, full, leadership, meeting, public)")
    assert not (tmp_path / "out").exists()
    path.write_text(path.read_text(encoding="utf-8").replace("nosuch", "../full"), encoding="utf-8")
    with pytest.raises(DataError, match=r"big.yaml:6: audience: String should match pattern"):
        load_meeting(str(path), DATA)


@pytest.mark.parametrize(("extra", "cleared"), [
    ("", []),
    ("cleared_domains: [example.org]\n", ["a@example.org", "b@sub.example.org"]),
    ("cleared_domains: [sub.example.org]\n", ["b@sub.example.org"]),
])
def test_clearance_for_internal_documents_by_domain_or_per_recipient(tmp_path, extra, cleared):
    path = tmp_path / "m.yaml"
    path.write_text(f"name: 会\ndate: 2025-01-22\nplace: 室\n{extra}recipients:\n"
                    "  - {name: 甲, email: a@example.org}\n  - {name: 乙, email: b@sub.example.org}\n"
                    "  - {name: 丙, email: c@notexample.org}\n  - {name: 丁, email: d@other.net, 内部: true}\n",
                    encoding="utf-8")
    meeting = load_meeting(str(path), DATA).meeting
    assert [r.email for r in meeting.recipients if meeting.cleared(r)] == [*cleared, "d@other.net"]


def test_a_public_packet_goes_to_uncleared_recipients_and_an_internal_one_is_refused(tmp_path, smtp_server):
    box, port = smtp_server()
    outputs = {}
    for audience in ("full", "public"):
        path = write_meeting(tmp_path, count=2, extra=f"audience: {audience}\n")
        bundle(load_meeting(str(path), DATA), Settings(data=DATA, out=tmp_path / "out", cwd=tmp_path))
        outputs[audience] = run_cli("send", str(path), "--data", str(DATA), "--out", str(tmp_path / "out"),
                                    "--smtp-host", "127.0.0.1", "--smtp-port", str(port), "--no-starttls", "--confirm")
    refused = outputs["full"]
    assert refused.exit_code == 7 and "2 recipients are not cleared for 内部: 单位01 <unit01@example.org>, 单位02 " \
                                      "<unit02@example.org>; nothing was sent" in refused.output
    assert "add 内部: true to each of them in" in refused.output and "cleared_domains: [example.org]" in refused.output
    assert outputs["public"].exit_code == 0, outputs["public"].output
    assert sorted(r[0] for r, _, _ in box.messages) == ["unit01@example.org", "unit02@example.org"]


def test_verify_warns_when_the_data_or_the_meeting_changed_since_the_bundle(tmp_path, data_copy):
    path = write_meeting(data_copy, count=1)
    packet = bundle(load_meeting("big", data_copy), Settings(data=data_copy, out=tmp_path / "out", cwd=tmp_path))
    result = run_cli("verify", str(packet), "--data", str(data_copy), "--meeting", "big")
    assert result.exit_code == 0 and "warning" not in result.output
    path.write_text(path.read_text(encoding="utf-8").replace("第一会议室", "第二会议室"), encoding="utf-8")
    (data_copy / "00-briefing.yaml").write_text((data_copy / "00-briefing.yaml").read_text(encoding="utf-8") + "\n",
                                                encoding="utf-8")
    result = run_cli("verify", str(packet), "--data", str(data_copy), "--meeting", "big")
    assert result.exit_code == 0 and ": OK (" in result.output
    assert "warning: the data changed since this packet was built" in result.output
    assert "warning: the meeting file changed since this packet was built" in result.output


def self_signed(folder: Path) -> tuple[Path, Path]:
    """Write a self-signed certificate for 127.0.0.1 and its key; return both paths."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - dt.timedelta(days=1))
            .not_valid_after(now + dt.timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), True)
            .sign(key, hashes.SHA256()))
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_path, key_path


def test_smtps_sends_over_implicit_tls_and_checks_the_certificate(tmp_path, monkeypatch):
    import ssl

    from aiosmtpd.controller import Controller

    from .conftest import Mailbox, free_port

    cert, key = self_signed(tmp_path)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    box, port = Mailbox(), free_port()
    controller = Controller(box, hostname="127.0.0.1", port=port, ssl_context=context, ready_timeout=10)
    controller.start()
    path = write_meeting(tmp_path, count=2)
    bundle(load_meeting(str(path), DATA), Settings(data=DATA, out=tmp_path / "out", cwd=tmp_path))
    command = ["send", str(path), "--data", str(DATA), "--out", str(tmp_path / "out"), "--smtp-host", "127.0.0.1",
               "--confirm"]
    try:
        monkeypatch.setenv("REPORTGEN_SMTP_PORT", str(port))
        untrusted = run_cli(*command, "--smtps")
        monkeypatch.setenv("SSL_CERT_FILE", str(cert))  # the test's own authority, as a company CA would be
        monkeypatch.setenv("REPORTGEN_SMTP_SSL", "1")
        trusted = run_cli(*command)
    finally:
        controller.stop()
    assert untrusted.exit_code == 7 and "CERTIFICATE_VERIFY_FAILED" in untrusted.output
    assert trusted.exit_code == 0, trusted.output
    assert sorted(r[0] for r, _, _ in box.messages) == ["unit01@example.org", "unit02@example.org"]


def test_smtps_without_a_port_means_465(monkeypatch):
    from reportgen.distribute.mail import SmtpSettings
    from reportgen.distribute import send as sending

    seen = {}
    monkeypatch.setattr(sending, "send_meeting", lambda meeting, packet, smtp, *a, **k: seen.setdefault("smtp", smtp))
    assert run_cli("send", "2025-01-progress", "--data", str(DATA), "--smtps").exit_code == 0
    assert seen["smtp"] == SmtpSettings(host=None, port=465, starttls=True, smtps=True)

"""Hostile packets, meeting files and sends: each case breaks a copy of a good project (a packet built from the
shipped data, its meeting file), runs one command, and checks its exit code and message, that no traceback is
shown and that nothing in or beside the project changed (the send log included; nothing was sent).

Collected with the distribution tests (tests/distribute/test_hostile_packets.py); run alone with
``pytest tests/bad_inputs/hostile_packets.py``.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import warnings
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from click.testing import CliRunner

from distribute.conftest import DATA, MEETING, free_port, smtp_server  # noqa: F401 (smtp_server: a fixture)
from reportgen.api import Settings
from reportgen.cli import main
from reportgen.distribute.bundle import bundle
from reportgen.distribute.meeting import load_meeting

OUTSIDE = Path("/tmp/reportgen-hostile-evil.txt")  # where an absolute entry name would write
PPTX, DOCX = "01-汇报材料.pptx", "02-专项治理工作简报（第1期）.docx"


@dataclass
class Project:
    """A copy of the good project: data (with the meeting file), output folder with the packet, the SMTP port."""

    root: Path
    port: int = 0
    held: list = field(default_factory=list)  # files kept open by a case (a held send lock)

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def out(self) -> Path:
        return self.root / "out"

    @property
    def meeting(self) -> Path:
        return self.data / "meetings" / f"{MEETING}.yaml"

    @property
    def packet(self) -> Path:
        return self.out / "meetings" / f"{MEETING}.zip"

    def entries(self) -> list[tuple[str, bytes]]:
        """Return the packet's entries, in order."""
        with zipfile.ZipFile(self.packet) as archive:
            return [(info.filename, archive.read(info)) for info in archive.infolist()]

    def rezip(self, entries: list[tuple[str | zipfile.ZipInfo, bytes]]) -> None:
        """Write the packet anew with these entries (names given twice are written twice)."""
        with warnings.catch_warnings(), zipfile.ZipFile(self.packet, "w", zipfile.ZIP_DEFLATED) as archive:
            warnings.simplefilter("ignore")  # zipfile warns of a name given twice
            for name, data in entries:
                archive.writestr(name, data)

    def edit_manifest(self, change: Callable[[dict], object]) -> None:
        """Rewrite manifest.json through `change(manifest)`, which edits it in place or returns its new bytes."""
        entries = self.entries()
        manifest = json.loads(entries[-1][1])
        raw = change(manifest)
        entries[-1] = ("manifest.json", raw if isinstance(raw, bytes) else json.dumps(manifest).encode())
        self.rezip(entries)

    def edit_meeting(self, old: str, new: str) -> None:
        text = self.meeting.read_text(encoding="utf-8")
        assert old in text, old
        self.meeting.write_text(text.replace(old, new, 1), encoding="utf-8")

    def args(self, command: str) -> list[str]:
        """Return the command line of `command`: verify, bundle, dry-run or send (--confirm)."""
        if command == "verify":
            return ["verify", str(self.packet)]
        meeting = ["--data", str(self.data), "--out", str(self.out)]
        if command == "bundle":
            return ["bundle", str(self.meeting), *meeting]
        smtp = ["--smtp-host", "127.0.0.1", "--smtp-port", str(self.port), "--no-starttls"]
        return ["send", str(self.meeting), *meeting, *smtp, *(["--confirm"] if command == "send" else [])]


@dataclass(frozen=True)
class Case:
    """One hostile input: `setup` breaks the project; `command` must then exit `code` with output matching
    each of `messages`."""

    id: str
    setup: Callable[[Project], None]
    command: str
    code: int
    messages: tuple[str, ...]


def _entries_with(change: Callable[[list[tuple[str, bytes]]], list]) -> Callable[[Project], None]:
    return lambda p: p.rezip(change(p.entries()))


def _replace(name: str, make: Callable[[bytes], bytes]) -> Callable[[Project], None]:
    """Replace the bytes of entry `name`, leaving the manifest as it is."""
    return _entries_with(lambda entries: [(n, make(d) if n == name else d) for n, d in entries])


def _bomb(p: Project, size: int = 64 << 20) -> None:
    """Replace the deck by `size` zero bytes, streamed into the zip, and list it truthfully in the manifest."""
    entries = p.entries()
    manifest = json.loads(entries[-1][1])
    entry = next(e for e in manifest["files"] if e["name"] == PPTX)
    entry["size"], entry["sha256"] = size, _zeros_sha256(size)
    write_bomb(p.packet, [(n, d) for n, d in entries[:-1] if n != PPTX], PPTX, size,
               json.dumps(manifest).encode())


def write_bomb(target: Path, entries: list[tuple[str, bytes]], name: str, size: int, manifest: bytes) -> None:
    """Write a zip of `entries`, an entry `name` of `size` zeros (streamed, 1 MB at a time) and manifest.json."""
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for entry_name, data in entries:
            archive.writestr(entry_name, data)
        with archive.open(name, "w", force_zip64=True) as stream:
            for _ in range(size >> 20):
                stream.write(bytes(1 << 20))
        archive.writestr("manifest.json", manifest)


def _zeros_sha256(size: int) -> str:
    digest = hashlib.sha256()
    for _ in range(size >> 20):
        digest.update(bytes(1 << 20))
    return digest.hexdigest()


class _LocalCodePage(zipfile.ZipInfo):
    """An entry named in GB18030 without the UTF-8 flag, as Info-ZIP and Windows write on Chinese systems."""

    def _encodeFilenameFlags(self):
        return self.filename.encode("gb18030"), self.flag_bits & ~0x800


def _gb18030_names(p: Project) -> None:
    p.rezip([(_LocalCodePage(name, date_time=(2025, 1, 22, 0, 0, 0)), data) for name, data in p.entries()])


def _rezipped_by_zip_tool(p: Project) -> None:
    if shutil.which("zip") is None:
        pytest.skip("the zip command-line tool is not installed")
    folder = p.root.parent / "unzipped"
    names = []
    for name, data in p.entries():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
        names.append(name)
    p.packet.unlink()
    subprocess.run(["zip", "-q", "-X", str(p.packet), *names], cwd=folder, check=True)


def _truncated(p: Project) -> None:
    p.packet.write_bytes(p.packet.read_bytes()[: p.packet.stat().st_size * 2 // 3])


def _a_folder(p: Project) -> None:
    p.packet.unlink()
    (p.packet / "manifest.json").mkdir(parents=True)


def _a_link(p: Project) -> None:
    p.packet.unlink()
    p.packet.symlink_to("/dev/zero")


def _listed_twice(manifest: dict) -> None:
    manifest["files"].append(dict(manifest["files"][1]))


def _wrong_type(manifest: dict) -> None:
    manifest["files"][1]["size"] = str(manifest["files"][1]["size"])


def _held_lock(p: Project) -> None:
    import fcntl

    from reportgen.distribute.locking import lock_path
    from reportgen.distribute.send import log_path

    log_path(p.packet).write_text(json.dumps({"time": "2025-01-21T09:00:00+08:00", "event": "sent",
                                              "email": "mishuchu@example.org"}) + "\n", encoding="utf-8")
    held = lock_path(log_path(p.packet)).open("w")
    fcntl.flock(held, fcntl.LOCK_EX)
    held.write("4242")
    held.flush()
    p.held.append(held)


def _uncleared(p: Project) -> None:
    p.edit_meeting("cleared_domains: [example.org, example.com]\n", "")


def _recipient_twice(p: Project) -> None:
    p.edit_meeting("email: zonghechu@example.org", "email: MISHUCHU@example.org")


GIVEN_TWICE = r"entries given twice \(a forged copy may hide behind the genuine one\): 01-汇报材料\.pptx"
OUTSIDE_NAME = r"entry names that could write outside a folder .*: "

CASES = [
    Case("forged-duplicate-first", _entries_with(lambda e: [(PPTX, b"forged"), *e]), "verify", 6, (GIVEN_TWICE,)),
    Case("forged-duplicate-last", _entries_with(lambda e: [*e[:-1], (PPTX, b"forged"), e[-1]]), "verify", 6,
         (GIVEN_TWICE,)),
    Case("forged-duplicate-send", _entries_with(lambda e: [(PPTX, b"forged"), *e]), "send", 6, (GIVEN_TWICE,)),
    Case("extra-unlisted-entry", _entries_with(lambda e: [*e, ("03-补充材料.docx", b"PK\x03\x04")]), "verify", 6,
         (r"entries not listed in its manifest\.json \(not read\): 03-补充材料\.docx",)),
    Case("zip-bomb-entry", _bomb, "verify", 6, (r"01-汇报材料\.pptx: compressed \d+:1 .* refused as a zip bomb",)),
    Case("entry-larger-than-manifest", _replace(DOCX, lambda d: d + bytes(5000)), "verify", 6,
         (r"02-专项治理工作简报（第1期）\.docx: larger than the manifest says \(\d+ bytes, manifest says \d+\)",)),
    Case("changed-entry", _replace(DOCX, lambda d: d[:-1] + b"x"), "send", 6, (r"\.docx: changed \(SHA-256",)),
    Case("dotdot-name", _entries_with(lambda e: [*e, ("../evil.txt", b"x")]), "verify", 6,
         (OUTSIDE_NAME + r"'\.\./evil\.txt'",)),
    Case("absolute-name", _entries_with(lambda e: [*e, (str(OUTSIDE), b"x")]), "verify", 6,
         (OUTSIDE_NAME + re.escape(repr(str(OUTSIDE))),)),
    Case("backslash-name", _entries_with(lambda e: [*e, ("..\\evil.txt", b"x")]), "verify", 6,
         (OUTSIDE_NAME + r"'\.\.\\\\evil\.txt'",)),
    Case("gb18030-names-without-utf8-flag", _gb18030_names, "verify", 0, (r": OK \(3 files match the manifest",)),
    Case("rezipped-by-zip-tool", _rezipped_by_zip_tool, "verify", 0, (r": OK \(3 files match the manifest",)),
    Case("truncated-zip", _truncated, "verify", 6, (r"not a readable zip packet",)),
    Case("manifest-not-json", lambda p: p.edit_manifest(lambda m: b"{\"format\": "), "verify", 6,
         (r"manifest\.json is damaged",)),
    Case("manifest-wrong-types", lambda p: p.edit_manifest(_wrong_type), "verify", 6,
         (r"manifest\.json: files\[1\]\.size: expected a whole number of bytes up to \d+ \(got \"\d+\"\)",)),
    Case("manifest-lists-a-file-twice", lambda p: p.edit_manifest(_listed_twice), "verify", 6,
         (r"manifest\.json: files\[3\]\.name: expected each file listed once \(got \"01-汇报材料\.pptx\"\)",)),
    Case("manifest-of-another-meeting", lambda p: p.edit_manifest(lambda m: m["meeting"].update(id="other")),
         "send", 6, (r"is the packet of meeting 'other', not '2025-01-progress'",)),
    Case("packet-is-a-folder", _a_folder, "verify", 6, (r"2025-01-progress\.zip: not a packet: not a regular file",)),
    Case("packet-is-a-symlink", _a_link, "send", 6, (r"2025-01-progress\.zip: not a packet: a symbolic link",)),
    Case("meeting-recipient-twice", _recipient_twice, "dry-run", 1,
         (r"2025-01-progress\.yaml:\d+: recipients\[1\]\.email: MISHUCHU@example\.org already receives as "
          r"recipients\[0\]",)),
    Case("meeting-copy-number-twice", lambda p: p.edit_meeting("份号: 2", "份号: 1"), "send", 1,
         (r"2025-01-progress\.yaml:\d+: recipients\[1\]\.份号: 份号 1 already given to recipients\[0\]",)),
    Case("meeting-unknown-audience", lambda p: p.edit_meeting("audience: full", "audience: nosuch"), "bundle", 1,
         (r"2025-01-progress\.yaml:6: audience: unknown audience 'nosuch' \(expected one of: department, full",)),
    Case("internal-to-uncleared", _uncleared, "send", 7,
         (r"documents are 内部 and 4 recipients are not cleared for 内部: 省委办公厅秘书处 <mishuchu@example\.org>",
          r"add 内部: true to each of them in .*2025-01-progress\.yaml, or cleared_domains: \[example\.org, "
          r"example\.com\]")),
    Case("concurrent-send", _held_lock, "send", 7,
         (r"another send of this meeting is running \(pid 4242\); wait for it to finish",)),
]


@pytest.fixture(scope="module")
def good_project(tmp_path_factory) -> Path:
    """A project whose meeting (the shipped one, without PDFs, its domains cleared for 内部) has been bundled."""
    root = tmp_path_factory.mktemp("hostile") / "project"
    shutil.copytree(DATA, root / "data")
    project = Project(root)
    project.edit_meeting("pdf: true", "pdf: false")
    project.meeting.write_text(project.meeting.read_text(encoding="utf-8") +
                               "cleared_domains: [example.org, example.com]\n", encoding="utf-8")
    bundle(load_meeting(str(project.meeting), project.data), Settings(data=project.data, out=project.out, cwd=root))
    return root


def tree(folder: Path) -> dict[str, str]:
    """Return every path under `folder` with the SHA-256 of its bytes (a link: its target), the send lock aside."""
    return {str(p.relative_to(folder)): f"-> {p.readlink()}" if p.is_symlink() else
            hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "folder"
            for p in sorted(folder.rglob("*")) if not p.name.endswith(".lock")}


def test_the_table_is_long_enough():
    assert len(CASES) >= 15 and len({case.id for case in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_hostile_input(case: Case, tmp_path: Path, good_project: Path, smtp_server, monkeypatch):  # noqa: F811
    project = Project(tmp_path / "project")
    shutil.copytree(good_project, project.root, symlinks=True)
    box, project.port = smtp_server()
    case.setup(project)
    monkeypatch.chdir(project.root)
    before = tree(tmp_path)
    try:
        result = CliRunner().invoke(main, project.args(case.command))
    finally:
        for held in project.held:
            held.close()
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    assert result.exit_code == case.code, result.output
    assert "Traceback" not in result.output
    if case.code:
        assert len([line for line in result.output.splitlines() if line.startswith("error: ")]) == 1, result.output
    for pattern in case.messages:
        assert re.search(pattern, result.output), (pattern, result.output)
    assert tree(tmp_path) == before  # packet, meeting, previous outputs and send log as they were; nothing added
    assert not OUTSIDE.exists()
    if case.command == "send":
        assert box.messages == []


def test_verifying_a_packet_whose_entry_inflates_to_200_mb_stays_within_100_mb(tmp_path, good_project):
    """The limits are lowered so that the bomb is read to its end: memory stays bounded by the chunk size."""
    import time
    import tracemalloc

    from reportgen.distribute.packet import Limits, read_packet

    project = Project(tmp_path / "project")
    shutil.copytree(good_project, project.root)
    _bomb(project, 200 << 20)
    started = time.monotonic()
    tracemalloc.start()
    try:
        manifest, files = read_packet(project.packet, limits=Limits(entry=300 << 20, ratio=10 ** 9))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert files == {} and next(e for e in manifest["files"] if e["name"] == PPTX)["size"] == 200 << 20
    assert peak < 100 << 20, peak
    assert time.monotonic() - started < 10

"""PDF from the written .docx/.pptx: every file of a build converted by one headless LibreOffice process."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable, Sequence
from pathlib import Path

import psutil

from reportgen.errors import ToolError, UsageError
from reportgen.fonts import libreoffice_env
from reportgen.i18n import _
from reportgen.output import write_atomic
from reportgen.progress import Progress, progress_of

#: Debian/Ubuntu package that lets headless LibreOffice open each source format.
PACKAGES = {".docx": "libreoffice-writer-nogui", ".pptx": "libreoffice-impress-nogui"}
#: Environment variable naming the soffice program when it is not on PATH (e.g. on macOS).
SOFFICE_ENV = "REPORTGEN_SOFFICE"
TIMEOUT = 600


def find_soffice(sources: Sequence[Path] = ()) -> str:
    """Return the LibreOffice program to run: REPORTGEN_SOFFICE, soffice on the PATH, or one in the folders
    LibreOffice installs into; raise ToolError saying how to install it on this system when there is none."""
    explicit = os.environ.get(SOFFICE_ENV)
    if explicit:
        if shutil.which(explicit):
            return shutil.which(explicit)
        raise ToolError(_("{name}={value} is not an executable program (set it to the full path of LibreOffice's "
                          "soffice)").format(name=SOFFICE_ENV, value=explicit))
    found = shutil.which("soffice") or shutil.which("libreoffice") or next(
        (str(p) for p in install_folders() if p.is_file()), None)
    if found:
        return found
    raise ToolError(_("LibreOffice is needed for PDF files and page previews but was not found; to install it: "
                      "{advice}").format(advice=install_advice()))


def install_folders() -> list[Path]:
    """Return where LibreOffice's soffice program is when installed by its own installer or a distribution."""
    if sys.platform == "win32":
        roots = [os.environ.get(k) for k in ("ProgramFiles", "ProgramFiles(x86)")]
        return [Path(r) / "LibreOffice" / "program" / "soffice.exe" for r in roots if r]
    if sys.platform == "darwin":
        return [Path("/Applications/LibreOffice.app/Contents/MacOS/soffice")]
    return sorted(Path("/opt").glob("libreoffice*/program/soffice"))  # libreoffice.org's packages (a distribution's
    # own LibreOffice puts soffice on the PATH)


def install_advice() -> str:
    """Return how to install LibreOffice on this system."""
    if sys.platform == "win32":
        return _("download and install it from https://zh-cn.libreoffice.org/download/ , or set REPORTGEN_SOFFICE "
                 "to the full path of soffice.exe")
    if sys.platform == "darwin":
        return _("download and install it from https://zh-cn.libreoffice.org/download/")
    return _("on 麒麟/统信 and Debian/Ubuntu: sudo apt-get install libreoffice-writer-nogui "
             "libreoffice-impress-nogui (or install it from the software centre); or set REPORTGEN_SOFFICE")


def pdf_target(source: Path) -> Path:
    """Return where the PDF of `source` goes: beside it, same stem (briefing.docx → briefing.pdf)."""
    return source.with_suffix(".pdf")


def add_pdfs(sources: Sequence[Path], report: Progress | Callable[[str], None] | None = None) -> list[Path]:
    """Convert every .docx/.pptx in `sources` to a PDF beside it in one LibreOffice run; return the PDFs in order."""
    report = progress_of(report)
    sources = [s for s in sources if s.suffix in PACKAGES]
    try:
        report.detail(_("LibreOffice: {program}").format(program=find_soffice(sources)))
    except ToolError as exc:  # the documents themselves are in place: say so
        raise ToolError(_("the .docx and .pptx files are written, but no PDF: {reason}").format(reason=exc)) from None
    targets = [pdf_target(s) for s in sources]
    clashes = sorted({str(t) for t in targets if targets.count(t) > 1})
    if clashes:
        raise UsageError(_("two documents would share the PDF {path}: give the .docx and .pptx different "
                           "names").format(path=clashes[0]))
    with report.task(_("converting {count} documents to PDF with LibreOffice").format(count=len(sources)),
                     len(sources)) as advance:
        convert_to_pdf(sources, targets, advance)
    for target in targets:
        report(_("wrote {path}").format(path=target))
    return targets


def convert_to_pdf(sources: Sequence[Path], targets: Sequence[Path], advance: Callable[[], None] = lambda: None) -> None:
    """Write the PDF of each source to its target, all converted by a single soffice process; `advance` is
    called as LibreOffice takes up each file."""
    if not sources:
        return
    program = find_soffice(sources)
    with tempfile.TemporaryDirectory(prefix="reportgen-pdf-") as tmp:
        work = Path(tmp)
        staged = _stage(sources, work / "in")
        _run_soffice(program, staged, work, advance)
        for stage, source, target in zip(staged, sources, targets, strict=True):
            produced = work / "out" / f"{stage.stem}.pdf"
            _check_pdf(produced, source)
            with produced.open("rb") as pdf:
                write_atomic(target, lambda stream: shutil.copyfileobj(pdf, stream))


def _stage(sources: Sequence[Path], folder: Path) -> list[Path]:
    """Copy the sources under unique names (two audiences both have briefing.docx); return the copies."""
    folder.mkdir(parents=True)
    staged = []
    for index, source in enumerate(sources, 1):
        copy = folder / f"{index:03d}{source.suffix}"
        shutil.copyfile(source, copy)
        staged.append(copy)
    return staged


def soffice_command(program: str, inputs: Sequence[Path], work: Path) -> list[str]:
    """Return the command line that converts `inputs` to PDF in work/out, with a private LibreOffice profile."""
    profile = (work / "profile").resolve().as_uri()
    return [program, f"-env:UserInstallation={profile}", "--headless", "--invisible", "--norestore", "--nologo",
            "--nodefault", "--nolockcheck", "--convert-to", "pdf", "--outdir", str(work / "out"),
            *(str(p) for p in inputs)]


def _run_soffice(program: str, inputs: Sequence[Path], work: Path, advance: Callable[[], None]) -> None:
    """Run LibreOffice once over all inputs, with the font aliases, calling `advance` at each "convert" line it
    prints; end it and every process it started when it runs past TIMEOUT."""
    env = libreoffice_env(work / "fontconfig")
    env["HOME"] = str(work)  # LibreOffice writes caches under HOME even with a private profile
    proc = subprocess.Popen(soffice_command(program, inputs, work), env=env, stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, errors="replace",
                            start_new_session=True)  # Ctrl-C is for reportgen, which then ends LibreOffice
    late = threading.Event()
    timer = threading.Timer(TIMEOUT, lambda: (late.set(), end_tree(proc.pid)))
    timer.start()
    said = []
    try:
        for line in proc.stdout:
            if line.startswith("convert "):
                advance()
            elif line.strip():
                said.append(line.strip())
        proc.wait()
    except BaseException:  # Ctrl-C, SIGTERM: leave no LibreOffice running
        end_tree(proc.pid)
        raise
    finally:
        timer.cancel()
        proc.stdout.close()
    if late.is_set():
        raise ToolError(_("LibreOffice did not finish converting to PDF within {seconds} s").format(seconds=TIMEOUT))
    if proc.returncode != 0:
        raise ToolError(_("LibreOffice failed converting to PDF (exit {code}): {message}").format(
            code=proc.returncode, message=(said or [_("no message")])[-1]))


def end_tree(pid: int) -> None:
    """End process `pid` and every process it started (soffice starts soffice.bin), on any system."""
    try:
        parent = psutil.Process(pid)
        processes = [*parent.children(recursive=True), parent]
    except psutil.Error:
        return
    for process in processes:
        try:
            process.kill()
        except psutil.Error:
            pass


def _check_pdf(produced: Path, source: Path) -> None:
    """Raise ToolError unless `produced` is a PDF (soffice exits 0 even when a file fails to convert)."""
    try:
        with produced.open("rb") as stream:
            ok = stream.read(5) == b"%PDF-"
    except OSError:
        ok = False
    if not ok:
        raise ToolError(_("LibreOffice wrote no PDF for {path} (is {package} installed?)").format(
            path=source, package=PACKAGES[source.suffix]))

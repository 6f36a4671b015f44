"""What the local page shows: the last good build of every audience (documents, PDFs, page images and their
text), the problems of the data and templates when a save broke them, and a version that grows with each
rebuild. Rebuilds run one at a time; the build cache rewrites only the audiences a change affects."""

from __future__ import annotations

import datetime as dt
import hashlib
import threading
from dataclasses import dataclass, field, replace
from pathlib import Path

from reportgen.errors import DataError, ReportgenError
from reportgen.i18n import _
from reportgen.serve.office import Office


@dataclass(frozen=True)
class Page:
    """One page or slide: its image and its text, without the spaces and line ends the layout put in it (for
    finding a figure on a page)."""

    image: Path
    text: str


@dataclass(frozen=True)
class Document:
    """One built document, with its PDF and its pages when LibreOffice made them."""

    key: str  # the opaque name a request uses for it
    audience: str
    title: str
    fmt: str
    path: Path
    pdf: Path | None
    pages: tuple[Page, ...]
    stale: bool = False  # its pages are of an earlier version: the new ones are being drawn
    digest: str = ""


@dataclass
class State:
    """The page's view of the project at one version."""

    version: int = 0
    built: dt.datetime | None = None
    documents: list[Document] = field(default_factory=list)
    problems: list[dict] = field(default_factory=list)
    error: str | None = None  # a failure that is not a list of data problems (a template error …)
    warnings: tuple[str, ...] = ()
    audiences: dict[str, str] = field(default_factory=dict)  # name → what its profile says it is

    @property
    def drawing(self) -> int:
        """How many documents' new pages are still being drawn."""
        return sum(doc.stale for doc in self.documents)

    def files(self) -> dict[str, Path]:
        """Return every file the build wrote that a request may download, by its key."""
        found = {}
        for doc in self.documents:
            found[doc.key] = doc.path
            if doc.pdf:
                found[doc.key + ".pdf"] = doc.pdf
            for number, page in enumerate(doc.pages, 1):
                found[f"{doc.key}-{number}.png"] = page.image
        return found


class Workspace:
    """Builds the project on request (a change, a click) and keeps the last good state for the page.

    A rebuild publishes the new documents at once ("built"), then converts the documents whose bytes changed,
    those open in a browser first, publishing each one's new pages as they are drawn ("pages", its key).
    """

    def __init__(self, settings, office: Office) -> None:
        self.settings = replace(settings, formats=("docx", "pptx"), audiences=("all",))
        self.office = office
        self.state = State()
        self.watching: dict[str, int] = {}  # document key → browsers showing it
        self._events: list[tuple[int, str, str]] = []  # (number, kind, document key)
        self._changed = threading.Condition()
        self._lock = threading.Lock()
        self._converted: dict[Path, str] = {}  # document → the digest of the bytes its pages show

    def events_after(self, number: int, timeout: float) -> list[tuple[int, str, str]]:
        """Return the events after `number`, waiting up to `timeout` seconds for one."""
        with self._changed:
            self._changed.wait_for(lambda: self._events and self._events[-1][0] > number, timeout)
            return [e for e in self._events if e[0] > number]

    @property
    def busy(self) -> threading.Lock:
        """The lock a rebuild holds: whatever else writes into the output folder (a packet) takes it too."""
        return self._lock

    @property
    def last_event(self) -> int:
        return self._events[-1][0] if self._events else 0

    def _publish(self, state: State, kind: str, key: str = "") -> None:
        with self._changed:
            self.state = state
            self._events = [*self._events[-200:], (self.last_event + 1, kind, key)]
            self._changed.notify_all()

    def rebuild(self) -> State:
        """Build what changed and publish it; then convert the changed documents and draw their pages; keep the
        last good documents when the data or a template is broken, and say what is wrong."""
        from reportgen.api import build

        with self._lock:
            state = replace(self.state, version=self.state.version + 1, problems=[], error=None)
            try:
                result = build(self.settings)
            except DataError as exc:
                state.problems = [p.as_dict() for p in exc.problems]
            except ReportgenError as exc:
                state.error = str(exc)
            else:
                state.documents = self._documents(result)
                state.audiences = self._descriptions({doc.audience for doc in state.documents})
                state.built = dt.datetime.now().astimezone()
                state.warnings = result.messages
            self._publish(state, "built")
            if state.problems or state.error:
                return state
            stale = [d for d in state.documents if d.stale]
            for doc in sorted(stale, key=lambda d: -self.watching.get(d.key, 0)):
                self._convert(doc)
            return self.state

    def _descriptions(self, names: set[str]) -> dict[str, str]:
        """Return the description of each audience, read once a rebuild (the overview shows them)."""
        from reportgen.compose.profile import load_profile
        from reportgen.resources import Locator

        locator = Locator.default(self.settings.templates)
        return {name: load_profile(name, locator).description or name for name in sorted(names)}

    def _documents(self, result) -> list[Document]:
        """Return the documents of a build, those whose bytes changed since their pages were drawn marked stale
        (showing their last pages until the new ones are drawn)."""
        previous = {d.path: d for d in self.state.documents}
        out = []
        for edition in result.editions:
            for fmt, path in edition.files.items():
                if fmt not in ("docx", "pptx"):
                    continue
                digest = hashlib.sha256(path.read_bytes()).hexdigest()
                old = previous.get(path)
                key = hashlib.sha256(str(path.resolve()).encode()).hexdigest()[:16]
                stale = self._converted.get(path) != digest and not self.office.missing
                out.append(Document(key, edition.audience, _title(edition, fmt), fmt, path, old.pdf if old else None,
                                    old.pages if old else (), stale, digest))
        return out

    def _convert(self, doc: Document) -> None:
        """Convert one document, draw its pages and publish them."""
        from reportgen.distribute.preview import render_previews

        pdfs = self.office.to_pdf([doc.path])
        if not pdfs:
            return
        render_previews(pdfs[0], doc.path.parent / "preview")
        self._converted[doc.path] = doc.digest
        fresh = replace(doc, pdf=pdfs[0], pages=_pages(pdfs[0], doc.path.parent / "preview"), stale=False)
        state = replace(self.state, documents=[fresh if d.key == doc.key else d for d in self.state.documents])
        self._publish(state, "pages", doc.key)


def _title(edition, fmt: str) -> str:
    """Return what the page calls a document: 简报 or 汇报材料, with its department edition's folder."""
    kind = _("briefing") if fmt == "docx" else _("deck")
    return kind if edition.folder in ("", ".") else f"{kind}（{edition.folder}）"


def _pages(pdf: Path, folder: Path) -> tuple[Page, ...]:
    """Return the page images of `pdf` in `folder` (render_previews wrote them) with each page's text."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    try:
        texts = ["".join(document[k].get_textpage().get_text_range().split()) for k in range(len(document))]
    finally:
        document.close()
    return tuple(Page(folder / f"{pdf.stem}-{k:02d}.png", text) for k, text in enumerate(texts, 1)
                 if (folder / f"{pdf.stem}-{k:02d}.png").exists())

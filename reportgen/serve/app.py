"""The local page (Starlette): the overview, a page per document, a page per meeting, downloads, and events that
refresh the open page when a rebuild changed what it shows.

Safe by construction: a download is looked up among the files the build wrote by an opaque key (no part of a
request reaches the file system); every state-changing request is a POST carrying the server's CSRF token; a
request whose Host header is not the server's own is refused (DNS rebinding); pages are Jinja2 with
autoescaping, so data text is always escaped.
"""

from __future__ import annotations

import asyncio
import secrets
from pathlib import Path
from urllib.parse import quote

import jinja2
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, PlainTextResponse, RedirectResponse, Response
from starlette.responses import StreamingResponse
from starlette.routing import Route

from reportgen.errors import ReportgenError
from reportgen.serve.workspace import Workspace

PAGES = Path(__file__).parent / "pages"
HEARTBEAT = 15.0  # seconds between the keep-alive comments of an event stream


def make_app(workspace: Workspace, hosts: list[str], meetings: MeetingDesk | None = None) -> Starlette:
    """Return the application serving `workspace` to requests for `hosts` only."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(PAGES), autoescape=True, undefined=jinja2.StrictUndefined)
    token = secrets.token_urlsafe(32)
    desk = meetings or MeetingDesk(workspace)

    def page(name: str, status: int = 200, **values) -> HTMLResponse:
        html = env.get_template(name).render(state=workspace.state, office=workspace.office, token=token,
                                             event=workspace.last_event, meetings=desk.ids(), **values)
        return HTMLResponse(html, status, headers=SECURITY_HEADERS)

    def checked(form) -> bool:
        return secrets.compare_digest(str(form.get("token", "")), token)

    async def overview(request: Request) -> Response:
        return page("overview.html", audiences=_audiences(workspace.state))

    async def document(request: Request) -> Response:
        key = request.path_params["key"]
        doc = next((d for d in workspace.state.documents if d.key == key), None)
        if doc is None:
            return PlainTextResponse("没有这个文档", 404)
        return page("document.html", doc=doc, audience=workspace.state.audiences.get(doc.audience, doc.audience))

    async def download(request: Request) -> Response:
        path = workspace.state.files().get(request.path_params["name"])
        if path is None or not path.is_file():
            return PlainTextResponse("没有这个文件", 404)
        inline = path.suffix == ".png"
        return FileResponse(path, headers={**SECURITY_HEADERS, "Content-Disposition": (
            "inline" if inline else f"attachment; filename*=UTF-8''{quote(path.name)}")})

    async def meeting(request: Request) -> Response:
        ident = request.path_params["ident"]
        if ident not in desk.ids():
            return PlainTextResponse("没有这个会议", 404)
        return page("meeting.html", meeting=desk.view(ident))

    async def bundle(request: Request) -> Response:
        ident = request.path_params["ident"]
        form = await request.form()
        if not checked(form):
            return PlainTextResponse("请求无效：请从页面上的按钮提交", 403)
        if ident not in desk.ids():
            return PlainTextResponse("没有这个会议", 404)
        await asyncio.to_thread(desk.bundle, ident)
        return RedirectResponse(f"/meeting/{quote(ident)}", 303)

    async def packet(request: Request) -> Response:
        path = desk.packets().get(request.path_params["ident"])
        if path is None or not path.is_file():
            return PlainTextResponse("还没有生成会议材料包", 404)
        return FileResponse(path, headers={**SECURITY_HEADERS,
                                           "Content-Disposition": f"attachment; filename*=UTF-8''{quote(path.name)}"})

    async def rebuild(request: Request) -> Response:
        form = await request.form()
        if not checked(form):
            return PlainTextResponse("请求无效：请从页面上的按钮提交", 403)
        await asyncio.to_thread(workspace.rebuild)
        return RedirectResponse("/", 303)

    async def events(request: Request) -> Response:
        after = int(request.query_params.get("after", "0") or 0)
        key = request.query_params.get("doc", "")
        return StreamingResponse(_stream(workspace, request, after, key), media_type="text/event-stream",
                                 headers={"Cache-Control": "no-store"})

    async def script(request: Request) -> Response:
        return Response((PAGES / "page.js").read_text(encoding="utf-8"), media_type="text/javascript",
                        headers=SECURITY_HEADERS)

    async def style(request: Request) -> Response:
        return Response((PAGES / "page.css").read_text(encoding="utf-8"), media_type="text/css",
                        headers=SECURITY_HEADERS)

    routes = [Route("/", overview), Route("/doc/{key}", document), Route("/files/{name}", download),
              Route("/meeting/{ident}", meeting), Route("/meeting/{ident}/bundle", bundle, methods=["POST"]),
              Route("/meeting/{ident}/packet", packet), Route("/rebuild", rebuild, methods=["POST"]),
              Route("/events", events), Route("/page.js", script), Route("/page.css", style)]
    return Starlette(routes=routes, middleware=[Middleware(TrustedHostMiddleware, allowed_hosts=hosts)])


SECURITY_HEADERS = {"X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY", "Referrer-Policy": "no-referrer",
                    "Content-Security-Policy": "default-src 'self'; img-src 'self'; script-src 'self'; "
                                               "style-src 'self'; frame-ancestors 'none'; form-action 'self'"}


async def _stream(workspace: Workspace, request: Request, after: int, key: str):
    """Send each event after `after` as it happens: "built" to every page, "pages" with the document's key."""
    if key:
        workspace.watching[key] = workspace.watching.get(key, 0) + 1
    quiet = 0.0
    try:
        while not await request.is_disconnected():
            # a short wait each time: a browser tab holds a worker thread only while it waits
            found = await asyncio.to_thread(workspace.events_after, after, 1.0)
            if not found:
                quiet += 1.0
                if quiet >= HEARTBEAT:
                    quiet = 0.0
                    yield ": waiting\n\n"
                continue
            quiet = 0.0
            for number, kind, doc in found:
                yield f"id: {number}\nevent: {kind}\ndata: {doc}\n\n"
                after = number
    finally:
        if key:
            workspace.watching[key] -= 1


def _audiences(state) -> list[dict]:
    """Return each audience with its description and documents, in the order of the build."""
    found: dict[str, dict] = {}
    for doc in state.documents:
        found.setdefault(doc.audience, {"name": doc.audience, "description": state.audiences.get(doc.audience, ""),
                                        "documents": []})["documents"].append(doc)
    return list(found.values())


class MeetingDesk:
    """The meetings of the data folder: each one's packet and the send list as a dry run gives it."""

    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace
        self.notes: dict[str, str] = {}  # meeting → why its last bundle failed

    def ids(self) -> list[str]:
        from reportgen.distribute.meeting import list_meetings

        try:
            return list_meetings(self.workspace.settings.data)
        except ReportgenError:
            return []

    def packets(self) -> dict[str, Path]:
        from reportgen.distribute.packet import packet_path

        return {ident: packet_path(self.workspace.settings.out, ident) for ident in self.ids()}

    def bundle(self, ident: str) -> None:
        from reportgen.distribute.bundle import bundle
        from reportgen.distribute.meeting import load_meeting

        settings = self.workspace.settings
        try:
            with self.workspace.busy:  # not while a rebuild writes the same documents
                bundle(load_meeting(ident, settings.data), settings)
            self.notes[ident] = ""
        except ReportgenError as exc:
            self.notes[ident] = str(exc)

    def view(self, ident: str) -> dict:
        """Return what the meeting page shows: the meeting, its packet's files, the send list or why not."""
        from reportgen.distribute.mail import SmtpSettings
        from reportgen.distribute.meeting import load_meeting
        from reportgen.distribute.packet import read_packet
        from reportgen.distribute.send import send_meeting

        settings = self.workspace.settings
        view = {"id": ident, "title": ident, "files": [], "sends": [], "problem": self.notes.get(ident, ""),
                "packet": None, "sends_problem": ""}
        try:
            loaded = load_meeting(ident, settings.data)
            when = loaded.meeting.date
            view["title"] = f"{loaded.meeting.name}（{when.year}年{when.month}月{when.day}日，{loaded.meeting.place}）"
        except ReportgenError as exc:
            view["problem"] = str(exc)
            return view
        packet = self.packets()[ident]
        if packet.is_file():
            try:
                manifest, _files = read_packet(packet)
                view["files"] = manifest.get("files", [])
                view["packet"] = packet.name
                lines: list[str] = []
                send_meeting(loaded, packet, SmtpSettings(), confirm=False, report=lines.append)
                view["sends"] = lines
            except ReportgenError as exc:
                view["sends_problem"] = str(exc)
        return view

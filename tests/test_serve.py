"""`reportgen serve`, as a user's browser sees it: the overview, a document's page with its page images, a download
re-opened with python-docx, and the page refreshing itself with the new figure after the data is saved; then the
requests a hostile page could send (a path out of the build, a POST without the token, a foreign Host header)
refused with nothing read or changed, and a broken save shown with the last good pages kept."""

from __future__ import annotations

import http.client
import os
import shutil
import subprocess
import sys
import time

import pytest
from conftest import DATA

from reportgen.bench import FIGURE_EDIT, edit_seed_figure
from reportgen.serve.office import free_port

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
NEEDS_OFFICE = pytest.mark.skipif(not shutil.which("soffice"), reason="the page images need LibreOffice")


def get(port: int, path: str, host: str | None = None, method: str = "GET", body: str = "") -> tuple[int, str]:
    """Send one raw request (the path exactly as given) and return the status and the body."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    connection.putrequest(method, path, skip_host=True)
    connection.putheader("Host", host or f"127.0.0.1:{port}")
    if body:
        connection.putheader("Content-Type", "application/x-www-form-urlencoded")
        connection.putheader("Content-Length", str(len(body)))
    connection.endheaders(body.encode() if body else None)
    response = connection.getresponse()
    return response.status, response.read().decode("utf-8", "replace")


def wait_for(check, timeout: float = 240.0, step: float = 0.5):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = check()
        if found:
            return found
        time.sleep(step)
    raise AssertionError("timed out")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    root = tmp_path_factory.mktemp("project")
    shutil.copytree(DATA, root / "data")
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "reportgen", "serve", "--data", str(root / "data"), "--out",
                             str(root / "build"), "--port", str(port)], cwd=root, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, env={**os.environ, "REPORTGEN_LANG": "zh"})

    def ready():
        try:
            status, html = get(port, "/")
        except OSError:
            return False
        return status == 200 and html.count("张幻灯片") >= 12  # every deck has its slides drawn

    try:
        wait_for(ready)
        yield port, root
    finally:
        proc.terminate()
        proc.wait(timeout=60)


@NEEDS_OFFICE
@pytest.mark.skipif(CHROMIUM is None, reason="no chromium to drive")
def test_a_browser_sees_the_pages_downloads_the_briefing_and_sees_a_saved_figure(server, tmp_path):
    playwright = pytest.importorskip("playwright.sync_api")
    port, root = server
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
        page = browser.new_page(accept_downloads=True)
        page.goto(f"http://127.0.0.1:{port}/")
        assert "总览" in page.title() and page.locator("#audience-full").is_visible()
        page.locator("#audience-full a.open").first.click()
        page.wait_for_selector("figure.page img")
        images = page.locator("figure.page img")
        assert images.count() >= 2 and page.evaluate("document.querySelector('figure.page img').naturalWidth") > 100
        with page.expect_download() as download:
            page.locator("#download").click()
        saved = tmp_path / download.value.suggested_filename
        download.value.save_as(saved)
        import docx

        text = "\n".join(par.text for par in docx.Document(str(saved)).paragraphs)
        old, new = FIGURE_EDIT[1]
        assert saved.name == "briefing.docx" and old in text
        edit_seed_figure(root / "data")
        page.wait_for_selector(f".page-text:has-text('{new}')", state="attached", timeout=180_000)
        assert old not in "".join(page.locator(".page-text").all_text_contents())
        page.locator("nav a", has_text="会议").first.click()
        assert "还没有生成材料包" in page.content()
        page.locator("button", has_text="生成会议材料包").click()
        page.wait_for_selector("text=材料包内容", timeout=180_000)
        assert page.locator("table td", has_text="汇报材料").count() >= 1
        assert "reportgen send 2025-01-progress --confirm" in page.content()
        assert (root / "build" / "meetings" / "2025-01-progress.zip").is_file()
        browser.close()


@NEEDS_OFFICE
def test_a_path_out_of_the_build_a_post_without_token_and_a_foreign_host_are_refused(server):
    port, root = server
    for path in ("/files/../../../etc/passwd", "/files/..%2F..%2F..%2Fetc%2Fpasswd", "/files/%2Fetc%2Fpasswd",
                 "/files/data%2F10-governance.yaml", "/meeting/..%2F..%2Fetc/packet"):
        status, body = get(port, path)
        assert status == 404 and "root:" not in body and "kind:" not in body, (path, status)
    wait_for(lambda: "正在生成" not in get(port, "/")[1])  # idle: the last save's pages are all drawn
    before = {p: p.stat().st_mtime_ns for p in (root / "build").rglob("*") if p.is_file()}
    assert get(port, "/rebuild", method="POST", body="")[0] == 403
    assert get(port, "/rebuild", method="POST", body="token=guess")[0] == 403
    assert get(port, "/meeting/2025-01-progress/bundle", method="POST", body="token=guess")[0] == 403
    assert get(port, "/", host="attacker.example")[0] == 400
    assert get(port, "/", host=f"attacker.example:{port}")[0] == 400
    assert {p: p.stat().st_mtime_ns for p in (root / "build").rglob("*") if p.is_file()} == before


@NEEDS_OFFICE
def test_a_broken_save_shows_its_problem_and_keeps_the_last_good_pages(server):
    port, root = server
    path = root / "data" / "00-briefing.yaml"
    good = path.read_text(encoding="utf-8")
    path.write_text(good.replace("issuer: ", "issuer： ", 1), encoding="utf-8")
    try:
        html = wait_for(lambda: (lambda page: page if "数据或模板有问题" in page else None)(get(port, "/")[1]), 60)
        assert "00-briefing.yaml:" in html and "中文冒号" in html and "查看各页" in html
        assert "<script>" not in html.split("<main>")[1]  # data text is escaped
    finally:
        path.write_text(good, encoding="utf-8")
    wait_for(lambda: "数据或模板有问题" not in get(port, "/")[1], 60)


def test_without_libreoffice_the_page_says_what_to_install_and_escapes_the_data(tmp_path):
    from starlette.testclient import TestClient

    from reportgen.serve.app import make_app
    from reportgen.serve.office import Office
    from reportgen.serve.workspace import State, Workspace
    from reportgen.settings import Settings

    office = Office()
    office.missing = "sudo apt-get install libreoffice-writer-nogui"
    workspace = Workspace(Settings(data=tmp_path / "data", out=tmp_path / "out"), office)
    workspace.state = State(version=1, problems=[{"file": "data/00-briefing.yaml", "line": 3, "field": "标题",
                                                  "message": "<script>alert(1)</script>"}])
    client = TestClient(make_app(workspace, ["testserver"]))
    html = client.get("/").text
    assert "本机没有找到 LibreOffice" in html and "sudo apt-get install libreoffice-writer-nogui" in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script>alert" not in html
    assert client.get("/doc/nothing").status_code == 404 and client.get("/files/nothing").status_code == 404
    office.stop()

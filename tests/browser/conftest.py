"""The built site in a real headless Chromium (Debian's /usr/bin/chromium), served over HTTP on localhost.

Locally, without Chromium, these tests are skipped with a loud notice; in CI
(CI=true) a missing browser is a failure, never a skip.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from pathlib import Path
from urllib.parse import urlparse

import pytest

CHROMIUM = os.environ.get("COOPSITE_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--autoplay-policy=no-user-gesture-required"]


def _no_browser(reason: str):
    if os.environ.get("CI") == "true":
        pytest.fail(f"browser tests cannot run in CI: {reason}")
    print(f"\n\n*** BROWSER TESTS SKIPPED: {reason}. Install Debian's chromium to run them. ***\n")
    pytest.skip(reason)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def serve():
    """serve(site_dir) -> base URL of a local HTTP server for that folder."""
    servers = []

    def start(site: Path) -> str:
        handler = functools.partial(_Quiet, directory=str(site))
        httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        servers.append(httpd)
        return f"http://127.0.0.1:{httpd.server_address[1]}/"

    yield start
    for httpd in servers:
        httpd.shutdown()


@pytest.fixture(scope="session")
def site_url(built_site, serve) -> str:
    return serve(built_site)


@pytest.fixture(scope="session")
def browser():
    # COOPSITE_CHROMIUM=bundled: Playwright's own Chromium (hosted CI with internet)
    bundled = CHROMIUM == "bundled"
    if not bundled and not Path(CHROMIUM).exists():
        _no_browser(f"no Chromium at {CHROMIUM}")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:  # pragma: no cover - dependency missing
        _no_browser(f"playwright is not installed ({exc})")
    with sync_playwright() as p:
        b = p.chromium.launch(args=ARGS) if bundled else p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    """A fresh page that records every request to another host than localhost."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.foreign_requests = []

    def on_request(request):
        host = urlparse(request.url).hostname
        if request.url.startswith(("data:", "blob:", "about:")):
            return
        if host not in ("127.0.0.1", "localhost"):
            pg.foreign_requests.append(request.url)

    pg.on("request", on_request)
    # nothing may leave the machine: block and record
    pg.route(lambda url: urlparse(url).hostname not in ("127.0.0.1", "localhost") and not url.startswith("data:"),
             lambda route: route.abort())
    yield pg
    context.close()

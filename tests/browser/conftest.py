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
import time
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


class QuietServer(http.server.ThreadingHTTPServer):
    """A browser that closes a connection early (a test moving on) is not an error worth a traceback."""

    def handle_error(self, request, client_address):
        import sys

        if not isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            super().handle_error(request, client_address)


@pytest.fixture(scope="session")
def serve():
    """serve(site_dir) -> base URL of a local HTTP server for that folder."""
    servers = []

    def start(site: Path) -> str:
        handler = functools.partial(_Quiet, directory=str(site))
        httpd = QuietServer(("127.0.0.1", 0), handler)
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


def open_page(browser):
    """(context, page): a fresh page that records every request to another host than localhost
    (blocked: nothing may leave the machine) and the requests in flight, for settle()."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.foreign_requests, pg.in_flight, pg.last_activity = [], set(), time.monotonic()

    def started(request):
        pg.in_flight.add(request)
        pg.last_activity = time.monotonic()
        if not request.url.startswith(("data:", "blob:", "about:")) \
                and urlparse(request.url).hostname not in ("127.0.0.1", "localhost"):
            pg.foreign_requests.append(request.url)

    def ended(request):
        pg.in_flight.discard(request)
        pg.last_activity = time.monotonic()

    pg.on("request", started)
    pg.on("requestfinished", ended)
    pg.on("requestfailed", ended)
    pg.route(lambda url: urlparse(url).hostname not in ("127.0.0.1", "localhost") and not url.startswith("data:"),
             lambda route: route.abort())
    return context, pg


def failed_requests(page) -> list[str]:
    """Every request of the page that fails from now on (4xx/5xx, or aborted because it went to
    another host), as a list that fills as they come."""
    bad: list[str] = []
    page.on("response", lambda r: r.status >= 400 and bad.append(f"{r.status} {r.url}"))
    page.on("requestfailed", lambda r: bad.append(f"failed {r.url} ({r.failure})"))
    return bad


@pytest.fixture
def page(browser):
    context, pg = open_page(browser)
    yield pg
    context.close()


QUIET_SECONDS = 0.15


def settle(page, timeout: float = 120.0) -> None:
    """Wait until every request the page started is answered and none has started for
    QUIET_SECONDS: what Playwright's "networkidle" does, with a fixed 0.5 s of quiet, which made
    half of the browser tests' time. The generous deadline is for a busy machine."""
    page.wait_for_load_state("load")
    deadline = time.monotonic() + timeout
    while page.in_flight or time.monotonic() - page.last_activity < QUIET_SECONDS:
        if time.monotonic() > deadline:
            raise AssertionError(f"requests still in flight after {timeout:.0f} s: "
                                 + ", ".join(r.url for r in list(page.in_flight)[:5]))
        page.wait_for_timeout(25)  # lets Playwright deliver the request events


@pytest.fixture(scope="session")
def page_visits(browser, site_url, tmp_path_factory) -> dict:
    """(kind, lang) -> visits.Visit for every page kind of test_accessibility in every language,
    each page visited once per test process, when a test first asks (tests/browser/visits.py)."""
    from axe_playwright_python.sync_playwright import Axe

    from ..conftest import shared_once
    from .test_accessibility import LANG_PREFIX, PAGE_KINDS
    from .visits import PageVisits

    urls = {(kind, lang): (site_url + LANG_PREFIX[lang] + path, site_url + LANG_PREFIX[lang] + "search/search_index.json")
            for kind, path in PAGE_KINDS.items() for lang in LANG_PREFIX}
    return PageVisits(browser, urls, Axe(), lambda name, make: shared_once(tmp_path_factory, name, make))

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

from ..conftest import POLL  # the test servers' shutdown check, here and in the browser tests

CHROMIUM = os.environ.get("COOPSITE_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--autoplay-policy=no-user-gesture-required",
        # Nothing may leave the machine: every request to another host than this one goes to a
        # proxy that is not there and fails at once (localhost never goes through a proxy), an
        # address as well as a name (test_tab). Not Playwright's request routing: that sends every
        # request through the test process and turns the browser's HTTP cache off.
        "--proxy-server=http://127.0.0.1:9",
        # V8 without its optimising compilers (TurboFan, Maglev): a test's page lives a second, too
        # short for optimised code to pay for compiling it. The same JavaScript semantics; 10 % less
        # CPU in the browser tests (99 s against 89 s in one process, /proc/stat, 2026-11-30).
        "--js-flags=--no-opt --no-maglev"]


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
        threading.Thread(target=httpd.serve_forever, kwargs=POLL, daemon=True).start()
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


VIEWPORT = {"width": 1280, "height": 900}


def open_page(browser):
    """(context, page): a fresh page that records every request to another host than localhost
    (which fails: see ARGS) in page.foreign_requests, every failed request in
    page.failed (see failed_requests), and the requests in flight, for settle()."""
    context = browser.new_context(viewport=VIEWPORT)
    pg = context.new_page()
    pg.foreign_requests, pg.failed, pg.in_flight, pg.last_activity = [], [], set(), time.monotonic()
    pg.origins = set()  # where it has been: what `page` clears after each test

    def started(request):
        pg.in_flight.add(request)
        pg.last_activity = time.monotonic()
        url = urlparse(request.url)
        if not request.url.startswith(("data:", "blob:", "about:")) and url.hostname not in ("127.0.0.1", "localhost"):
            pg.foreign_requests.append(request.url)
        elif url.scheme in ("http", "https"):
            pg.origins.add(f"{url.scheme}://{url.netloc}")

    def ended(request):
        pg.in_flight.discard(request)
        pg.last_activity = time.monotonic()

    def answered(response):
        if response.status >= 400:
            pg.failed.append(f"{response.status} {response.url}")

    def failed(request):
        ended(request)
        pg.failed.append(f"failed {request.url} ({request.failure})")

    pg.on("request", started)
    pg.on("requestfinished", ended)
    pg.on("requestfailed", failed)
    pg.on("response", answered)
    return context, pg


def failed_requests(page) -> list[str]:
    """Every request of the page that fails from now on (4xx/5xx, or aborted because it went to
    another host), as a list that fills as they come."""
    page.failed = []  # the page's own listener appends to whatever list this attribute holds
    return page.failed


class Tab:
    """One browser tab that the tests of a process take in turn (the `page` fixture), left as a
    new tab would be between two tests. Why not a new browser context per test: that starts a
    renderer process and compiles the site's scripts again, about 0.45 s of CPU out of 0.9 for
    each page a test opens (measured with axe on 6 pages, /proc/stat before and after)."""

    def __init__(self, browser):
        self.browser, self.context, self.page = browser, None, None

    def take(self):
        if self.page is None or self.page.is_closed():
            self.context, self.page = open_page(self.browser)
        pg = self.page
        pg.foreign_requests, pg.failed = [], []
        pg.set_viewport_size(VIEWPORT)
        return pg

    def give_back(self) -> None:
        """What a test leaves behind goes: the document (audio, timers, scripts stop), the
        storage and cookies of every origin it visited. If that fails, the next test gets a new tab."""
        pg = self.page
        try:
            pg.goto("about:blank")
            # requests the old document had in flight may end without an event once it is gone:
            # they would hold the next settle() until its deadline
            pg.in_flight.clear()
            cdp = self.context.new_cdp_session(pg)
            for origin in sorted(pg.origins):
                cdp.send("Storage.clearDataForOrigin", {"origin": origin, "storageTypes": "all"})
            cdp.detach()
            pg.origins.clear()
            self.context.clear_cookies()
        except Exception:  # noqa: BLE001 - a crashed or hung tab: start afresh
            self.close()

    def close(self) -> None:
        if self.context is not None:
            try:
                self.context.close()
            except Exception:  # noqa: BLE001 - already gone with its browser
                pass
        self.context = self.page = None


@pytest.fixture(scope="session")
def _tab(browser):
    tab = Tab(browser)
    yield tab
    tab.close()


@pytest.fixture
def page(_tab):
    """The test process's browser tab, as a new one would be: viewport 1280x900, no storage,
    no cookies, no request recorded yet (see Tab)."""
    yield _tab.take()
    _tab.give_back()


QUIET_SECONDS = 0.15


def settle(page, timeout: float = 120.0, quiet: float = QUIET_SECONDS) -> None:
    """Wait until every request the page started is answered and none has started for `quiet`
    seconds: what Playwright's "networkidle" does, with a fixed 0.5 s of quiet, which made half of
    the browser tests' time. quiet=0: loaded, nothing in flight (a step before a last settle that
    waits for quiet). The generous deadline is for a busy machine."""
    page.wait_for_load_state("load")
    deadline = time.monotonic() + timeout
    while page.in_flight or time.monotonic() - page.last_activity < quiet:
        if time.monotonic() > deadline:
            raise AssertionError(f"requests still in flight after {timeout:.0f} s: "
                                 + ", ".join(r.url for r in list(page.in_flight)[:5]))
        page.wait_for_timeout(25)  # lets Playwright deliver the request events


@pytest.fixture(scope="session")
def page_visits(browser, site_url, tmp_path_factory):
    """(kind, lang) -> visits.Visit for every page kind of test_accessibility in every language,
    each page visited once per test process, when a test first asks (tests/browser/visits.py)."""
    from axe_playwright_python.sync_playwright import Axe

    from ..conftest import shared_once
    from .test_accessibility import LANG_PREFIX, PAGE_KINDS
    from .visits import PageVisits

    urls = {(kind, lang): (site_url + LANG_PREFIX[lang] + path, site_url + LANG_PREFIX[lang] + "search/search_index.json")
            for kind, path in PAGE_KINDS.items() for lang in LANG_PREFIX}
    tab = Tab(browser)  # not the tests' own tab: a visit can happen while a test holds that one
    yield PageVisits(tab, urls, Axe(), lambda name, make: shared_once(tmp_path_factory, name, make))
    tab.close()

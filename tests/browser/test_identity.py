"""Issue 15 in a real browser: every page kind loads cleanly, search stays in the reader's
language, charts and the month grid are readable at a phone's and a desktop's width."""

from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path
from urllib.parse import urlparse

import pytest

from tests.browser.conftest import POLL, QuietServer, _Quiet, failed_requests, settle
from tests.browser.test_accessibility import LANG_PREFIX, PAGE_KINDS
from tests.browser.visits import CHART_LABELS, MEASURE


WIDTHS = (390, 1280)
MIN_TEXT_PX = 12


@pytest.mark.parametrize("lang", sorted(LANG_PREFIX))
@pytest.mark.parametrize("kind", sorted(PAGE_KINDS))
def test_every_page_kind_loads_without_4xx_or_requests_elsewhere(page_visits, kind, lang):
    visit = page_visits[(kind, lang)]  # loaded, settled, search opened (tests/browser/visits.py)
    assert not visit.failed, "\n".join(visit.failed)
    assert not visit.foreign, visit.foreign
    # the search worker fetched the index of the page's own language
    assert visit.search_index, f"{visit.url}: search/search_index.json of its language was not fetched"


class _NotFound(_Quiet):
    """Serves the site's 404.html for any missing address, as a static host does."""

    def send_error(self, code, message=None, explain=None):
        if code != 404:
            return super().send_error(code, message, explain)
        body = (Path(self.directory) / "404.html").read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def site_with_404(built_site):
    httpd = QuietServer(("127.0.0.1", 0), functools.partial(_NotFound, directory=str(built_site)))
    threading.Thread(target=httpd.serve_forever, kwargs=POLL, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


@pytest.mark.parametrize("missing", ["nope", "fr/recommendations/nope/", "en/a/b/c/d/"])
def test_the_404_page_works_at_any_depth(page, site_with_404, missing):
    bad = failed_requests(page)
    response = page.goto(site_with_404 + missing)
    settle(page)
    assert response.status == 404
    assert page.locator(".md-header").is_visible()
    rest = [b for b in bad if not b.endswith(missing)]  # the page itself is the 404
    assert not rest, "\n".join(rest)
    # every link of the page, the feeds in the head and footer included, leads somewhere on this site
    hrefs = page.eval_on_selector_all("a[href], link[href]", "els => els.map(e => e.href)")
    local = {h.split("#")[0] for h in hrefs if urlparse(h).hostname == "127.0.0.1"}
    assert any("/feeds/" in h for h in local)
    for href in sorted(local):
        if href.rstrip("/").endswith(missing.rstrip("/")):
            continue
        assert page.request.get(href).status == 200, href


def _search(page, site_url, prefix: str, query: str) -> list[str]:
    page.goto(site_url + prefix)
    settle(page)
    page.locator("label.md-search__icon, .md-search__input").first.click()
    box = page.locator("input.md-search__input")
    # a query typed before the worker has built its index is dropped: type it again until it answers
    for _ in range(30):
        box.fill("")
        box.press_sequentially(query, delay=20)
        try:
            page.wait_for_selector(".md-search-result__item a", timeout=1000)
            break
        except Exception:  # noqa: BLE001 - Playwright's TimeoutError: not ready yet
            continue
    page.wait_for_timeout(300)  # results arrive as they are ranked
    hrefs = page.eval_on_selector_all(".md-search-result__item > a", "els => els.map(e => e.href)")
    return [urlparse(h).path for h in hrefs]


@pytest.mark.parametrize("prefix,query", [("fr/", "agenda"), ("fr/", "solidarité"), ("fr/recommendations/", "coopérative")])
def test_a_search_on_a_french_page_lists_french_pages(page, site_url, prefix, query):
    paths = _search(page, site_url, prefix, query)
    assert paths, f"no result for {query!r}"
    assert all(p.startswith("/fr/") for p in paths), paths
    # list pages (month grids, archives, tags, authors) are not in the index
    assert not any("/calendar/20" in p or "/blog/tags/" in p or "/blog/archive/" in p for p in paths), paths


def test_a_search_in_english_and_in_dutch_stays_in_that_language(page, site_url):
    assert all(p.startswith("/en/") for p in _search(page, site_url, "en/", "podcast"))
    assert not any(p.startswith(("/fr/", "/en/")) for p in _search(page, site_url, "", "podcast"))


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", sorted(LANG_PREFIX))
@pytest.mark.parametrize("kind", ["home", "dashboard"])
def test_chart_labels_are_readable_as_rendered(request, page_visits, site_url, kind, lang, width):
    visit = page_visits[(kind, lang)]
    if visit.width == width:  # the page as its shared visit measured it (tests/browser/visits.py)
        labels, view = visit.chart_labels, visit.width
    else:
        page = request.getfixturevalue("page")
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(site_url + LANG_PREFIX[lang] + PAGE_KINDS[kind])
        settle(page)
        labels, view = page.eval_on_selector_all(CHART_LABELS, MEASURE), page.viewport_size["width"]
    assert len(labels) >= 16, "the status chart (8 statuses, label and number each) is missing"
    for label in labels:
        assert label["size"] >= MIN_TEXT_PX and label["height"] >= MIN_TEXT_PX, label
        assert not label["clipped"] and "…" not in label["text"], label
        assert 0 <= label["left"] and label["right"] <= view, label


@pytest.mark.parametrize("lang", sorted(LANG_PREFIX))
def test_the_month_grid_breaks_no_word_at_desktop_width(page_visits, lang):
    visit = page_visits[("calendar-month", lang)]  # at the desktop width (tests/browser/visits.py)
    assert visit.width >= 1280
    assert visit.grid_titles >= 1, "the month of the build date has events in the shipped content"
    assert visit.split_words == []

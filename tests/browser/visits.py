"""Every page kind in every language, visited once for the tests that look at it, in a real Chromium.

test_identity (no failed request, no request to another host, the search index of the page's
language fetched; chart labels and the month grid at a desktop's width), test_accessibility
(axe-core's WCAG 2.1 A/AA rules) and test_pages (no request leaves the site) look at the same 54
pages. Loading a page, letting it settle and opening its search was half of each test's time, so
a visit records what they all check, the first time one asks, and the others read the record.
With several test processes (pytest-xdist), the first to need a page visits it and leaves the
record in the run's shared temporary folder for the other (conftest.shared_once).
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass, field

from .conftest import settle

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

# What test_identity checks of the status charts and the month grid, measured in the page.
MEASURE = """els => els.map(e => {
  const r = e.getBoundingClientRect(), s = getComputedStyle(e);
  return {text: e.textContent.trim(), size: parseFloat(s.fontSize), height: r.height, left: r.left,
          right: r.right, clipped: e.scrollWidth > e.clientWidth + 1 || s.textOverflow === 'ellipsis'};
})"""
CHART_LABELS = ".bar-chart .bar-label, .bar-chart .bar-value"
WORDS_SPLIT = """els => els.flatMap(a => {
  // each word of a title is measured alone: one box per word, unless the browser broke it in two
  const out = [], walker = document.createTreeWalker(a, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (const m of node.textContent.matchAll(/\\S+/g)) {
      const range = document.createRange();
      range.setStart(node, m.index); range.setEnd(node, m.index + m[0].length);
      const boxes = [...range.getClientRects()].filter(b => b.width > 0);
      const cell = a.closest('td').getBoundingClientRect();
      if (boxes.length > 1 || boxes.some(b => b.right > cell.right + 1)) out.push(m[0]);
    }
  }
  return out;
})"""
GRID_TITLES = ".month-grid .grid-title"
GRID_LINKS = ".month-grid td li a"


@dataclass
class Visit:
    url: str
    failed: list[str] = field(default_factory=list)  # 4xx/5xx answers and failed requests
    foreign: list[str] = field(default_factory=list)  # requests to another host (they fail: conftest.ARGS)
    search_index: bool = False  # the index of the page's own language was fetched
    violations: list[dict] = field(default_factory=list)  # axe-core's, all impacts
    width: int = 0  # of the viewport, in CSS pixels
    chart_labels: list[dict] = field(default_factory=list)  # MEASURE of every CHART_LABELS element
    grid_titles: int = 0  # events in the month grid
    split_words: list[str] = field(default_factory=list)  # words of the grid's titles broken or overflowing


class PageVisits(dict):
    """(kind, lang) -> Visit, made on first use with the session's browser, or read from the
    record another test process made."""

    def __init__(self, tab, urls: dict, axe, shared):
        super().__init__()
        self.tab, self.urls, self.axe, self.shared = tab, urls, axe, shared

    def __missing__(self, key) -> Visit:
        def make(folder):
            folder.mkdir(parents=True, exist_ok=True)
            record = self._visit(*self.urls[key])
            (folder / "visit.json").write_text(json.dumps(dataclasses.asdict(record)), encoding="utf-8")

        folder = self.shared("visit-" + "-".join(key), make)
        record = Visit(**json.loads((folder / "visit.json").read_text(encoding="utf-8")))
        self[key] = record
        return record

    def _visit(self, url: str, index_url: str) -> Visit:
        record = Visit(url=url)
        page = self.tab.take()  # a tab of its own, reused from visit to visit (conftest.Tab)

        def answered(response):
            if response.url == index_url and response.status == 200:
                record.search_index = True

        page.on("response", answered)
        try:
            # the search worker asks for the index as the page loads: waited for by name, since a
            # quiet spell could end before a busy machine's worker asks
            with page.expect_response(lambda r: r.url == index_url, timeout=120_000):
                page.goto(url)
            # loaded, nothing in flight: axe reads the page as it stands. No quiet spell here (it was
            # 0.15 s of waiting in each of 54 visits): a request that starts later, while axe runs or
            # search opens, is still recorded, and the settle after opening search waits for quiet.
            settle(page, quiet=0)
            # measured before search opens (it locks the page's scrolling, which can change its width)
            record.width = page.viewport_size["width"]
            record.chart_labels = page.eval_on_selector_all(CHART_LABELS, MEASURE)
            record.grid_titles = page.locator(GRID_TITLES).count()
            record.split_words = page.eval_on_selector_all(GRID_LINKS, WORDS_SPLIT)
            # only violations are read: axe's passes, listed node by node, cost a fifth of its time
            record.violations = self.axe.run(page, options={
                "runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}).response["violations"]
            page.locator("label.md-search__icon, .md-search__input").first.click(timeout=30_000)  # opening search
            settle(page)
            record.foreign, record.failed = list(page.foreign_requests), list(page.failed)
        finally:
            page.remove_listener("response", answered)
            self.tab.give_back()
        return record

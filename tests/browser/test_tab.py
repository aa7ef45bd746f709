"""The browser tab the tests share (conftest.Tab) is handed to each test as a new tab would be:
what one test did there cannot make another pass or fail."""

from __future__ import annotations

from .conftest import VIEWPORT, Tab, failed_requests, settle

PAGE = """<!doctype html><html lang="en"><title>t</title>
<link rel="stylesheet" href="missing.css">
<img src="https://example.invalid/pixel.png" alt=""><img src="http://192.0.2.1/pixel.png" alt="">
<script>localStorage.setItem("k", "left"); sessionStorage.setItem("k", "left");
document.cookie = "k=left; path=/"; document.title = [localStorage.getItem("k"), document.cookie].join("|");</script>
</html>"""


def test_a_tab_given_back_keeps_nothing_of_the_last_test(browser, serve, tmp_path):
    (tmp_path / "index.html").write_text(PAGE, encoding="utf-8")
    base = serve(tmp_path)
    tab = Tab(browser)
    try:
        page = tab.take()
        bad = failed_requests(page)
        page.set_viewport_size({"width": 390, "height": 700})
        page.goto(base)
        settle(page)
        assert page.title() == "left|k=left"
        assert any("missing.css" in b for b in bad)
        foreign = ["https://example.invalid/pixel.png", "http://192.0.2.1/pixel.png"]
        assert sorted(page.foreign_requests) == sorted(foreign)
        # requests elsewhere fail at once (conftest.ARGS), an address as well as a name
        assert all(any(b.startswith(f"failed {url}") for b in bad) for url in foreign), bad
        first = page
        tab.give_back()

        page = tab.take()
        assert page is first  # the same tab (the point of sharing it) ...
        assert page.foreign_requests == [] and page.failed == [] and page.viewport_size == VIEWPORT
        page.route("**/index.html", lambda route: route.fulfill(  # ... with nothing left in its storage
            content_type="text/html", body="<script>document.title = [localStorage.getItem('k'), "
                                            "sessionStorage.getItem('k'), document.cookie].join('|')</script>"))
        page.goto(base + "index.html")
        assert page.title() == "||"
        page.unroute("**/index.html")
        tab.give_back()
    finally:
        tab.close()

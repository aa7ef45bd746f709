"""What a reader does in a browser: switch language, filter, read notices; nothing loads from other hosts."""

from __future__ import annotations

import pytest

from coopsite.core.i18n.labels import language_name
from coopsite.core.i18n.ui import t

from .conftest import settle
from .test_accessibility import LANG_PREFIX, PAGE_KINDS


def test_language_switch_keeps_the_reader_on_the_same_page(page, site_url):
    page.goto(site_url + "recommendations/sip2021-10/")
    assert page.locator("html").get_attribute("lang") == "nl"
    page.locator("a.md-select__link[hreflang='fr']").first.dispatch_event("click")
    page.wait_for_url("**/fr/recommendations/sip2021-10/")
    assert page.locator("html").get_attribute("lang") == "fr"
    assert "Langues des sites web" in page.locator("h1").inner_text() or "sites" in page.locator("h1").inner_text()
    page.locator("a.md-select__link[hreflang='en']").first.dispatch_event("click")
    page.wait_for_url("**/en/recommendations/sip2021-10/")
    page.locator("a.md-select__link[hreflang='nl']").first.dispatch_event("click")
    page.wait_for_url("**/recommendations/sip2021-10/")
    assert page.locator("html").get_attribute("lang") == "nl"


def test_home_switcher_goes_to_the_other_home(page, site_url):
    page.goto(site_url + "fr/")
    page.locator("a.md-select__link[hreflang='en']").first.dispatch_event("click")
    page.wait_for_url(site_url + "en/")


def test_recommendation_filters(page, site_url):
    page.goto(site_url + "en/recommendations/")
    form = page.locator("form.rec-filters")
    assert form.is_visible()
    total = page.locator("li.rec-item").count()
    assert page.locator(".rec-filter-count").inner_text() == f"{total} of {total} recommendations shown"
    page.select_option("select[name=status]", "in-progress")
    visible = page.locator("li.rec-item:visible")
    assert visible.count() == 1
    assert "suppliers" in visible.first.inner_text()
    assert page.locator(".rec-filter-count").inner_text() == f"1 of {total} recommendations shown"
    # themes without a match disappear; the URL keeps the choice
    assert page.locator("div.rec-theme:visible").count() == 1
    assert "status=in-progress" in page.url
    page.select_option("select[name=status]", "")
    page.select_option("select[name=group]", "FR-HOR1")
    shown = page.locator("li.rec-item:visible")
    assert shown.count() >= 6
    for i in range(shown.count()):
        assert "FR-HOR1" in shown.nth(i).get_attribute("data-groups")
    page.select_option("select[name=theme]", "lobbying")
    assert page.locator("li.rec-item:visible").count() == 0
    assert page.locator(".rec-filter-empty").is_visible()


def test_filters_from_a_shared_link_and_by_keyboard(page, site_url):
    page.goto(site_url + "recommendations/?theme=lobbying")
    assert page.locator("li.rec-item:visible").count() == 2
    page.focus("select[name=theme]")
    page.keyboard.press("Home")  # first option: all themes
    page.locator("select[name=theme]").dispatch_event("change")
    assert page.locator("li.rec-item:visible").count() == page.locator("li.rec-item").count()


def test_untranslated_notice_is_shown(page, serve, i18n_built):
    base = serve(i18n_built / "site")
    page.goto(base + "fr/recommendations/sip2021-03/")
    notice = t("fr", "not_translated", original=language_name("nl", "fr"))
    assert page.get_by_text(notice).is_visible()
    page.goto(base + "en/about/")
    assert page.locator(".untranslated-notice").is_visible()


@pytest.mark.parametrize("path", ["", "recommendations/", "fr/recommendations/dashboard/", "en/recommendations/sip2021-32/",
                                  "admin/"])  # admin/: the web editor, until someone signs in on the forge
def test_no_request_leaves_the_site(request, page_visits, site_url, path):
    visited = {LANG_PREFIX[lang] + PAGE_KINDS[kind]: (kind, lang) for kind, lang in page_visits.urls}
    if path in visited:  # a page of the shared visits (tests/browser/visits.py), which record them
        assert page_visits[visited[path]].foreign == []
        return
    page = request.getfixturevalue("page")
    page.goto(site_url + path)
    settle(page)
    assert page.foreign_requests == []

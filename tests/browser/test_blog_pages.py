"""The blog in a browser: the language switcher stays on the post; nothing loads from other hosts."""

from __future__ import annotations

import pytest

from .conftest import settle

POST = "blog/nantes-nieuwe-vooruitzichten/"


def test_language_switch_stays_on_the_post(page, site_url):
    page.goto(site_url + POST)
    assert page.locator("h1").inner_text().startswith("Nieuwe vooruitzichten")
    page.locator("a.md-select__link[hreflang='fr']").first.dispatch_event("click")
    page.wait_for_url("**/fr/" + POST)
    assert page.locator("h1").inner_text().startswith("De nouvelles perspectives")
    page.locator("a.md-select__link[hreflang='en']").first.dispatch_event("click")
    page.wait_for_url("**/en/" + POST)
    assert page.locator("h1").inner_text().startswith("New prospects")
    # the in-page links to the other versions land on the same post too
    page.locator("p.blog-translations a[hreflang='nl']").click()
    page.wait_for_url(site_url + POST)


def test_from_the_index_to_the_post_and_its_recommendations(page, site_url):
    page.goto(site_url + "en/blog/")
    page.locator("h2.blog-entry-title a").first.click()
    page.wait_for_url("**/en/" + POST)
    page.locator("ul.rec-list a").first.click()
    page.wait_for_url("**/en/recommendations/sip2021-nantes-1/")
    assert page.get_by_role("heading", name="Discussed on the blog").is_visible()


@pytest.mark.parametrize("path", ["blog/", "fr/" + POST, "en/blog/authors/werkgroep-nantes/"])
def test_no_request_leaves_the_site(page, site_url, path):
    page.goto(site_url + path)
    settle(page)
    assert page.foreign_requests == []

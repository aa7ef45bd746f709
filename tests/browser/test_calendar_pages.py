"""The month grid in a browser: it moves to the next month, by mouse and by keyboard alone."""

from __future__ import annotations

import datetime as dt

from coopsite.core.i18n import format as fmt

from coopsite.site.catalog import build_date


def month_after(d: dt.date) -> dt.date:
    return (d.replace(day=1) + dt.timedelta(days=32)).replace(day=1)


def test_month_grid_moves_to_the_next_month_by_keyboard(page, site_url):
    this = build_date().replace(day=1)
    following = month_after(this)
    page.goto(site_url + f"fr/calendar/{this:%Y-%m}/")
    caption = page.locator("table caption").first.inner_text()
    assert fmt.month_year(this, "fr").lower() in caption.lower()
    # Tab through the page until the "next month" link has the focus, then press Enter
    for _ in range(200):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement && document.activeElement.getAttribute('rel')") == "next":
            break
    else:
        raise AssertionError("the next-month link cannot be reached with the keyboard")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/fr/calendar/{following:%Y-%m}/")
    assert fmt.month_year(following, "fr").lower() in page.locator("table caption").first.inner_text().lower()
    # and back with the mouse
    page.locator("nav.month-nav a[rel='prev']").first.click()
    page.wait_for_url(f"**/fr/calendar/{this:%Y-%m}/")


def test_today_is_marked_in_the_grid(page, site_url):
    today = build_date()
    page.goto(site_url + f"en/calendar/{today:%Y-%m}/")
    marked = page.locator("[aria-current='date']")
    assert marked.count() == 1
    assert str(today.day) in marked.inner_text()

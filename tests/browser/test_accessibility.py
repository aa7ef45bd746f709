"""axe-core (WCAG 2.1 A/AA rules) in the browser on every kind of page, in all three languages."""

from __future__ import annotations

import pytest

from coopsite.site.catalog import build_date

from .conftest import settle

LANG_PREFIX = {"nl": "", "fr": "fr/", "en": "en/"}
# One page of every kind. Content types add theirs here as they land.
PAGE_KINDS = {
    "home": "",
    "overview": "recommendations/",
    "recommendation": "recommendations/sip2021-04/",
    "dashboard": "recommendations/dashboard/",
    "cycle": "recommendations/cycles/sip-2020-2021/",
    "translations": "translations/",
    "about": "about/",
    "calendar": "calendar/",
    "calendar-month": f"calendar/{build_date():%Y-%m}/",  # the month of the build date always has a grid
    "calendar-event": "calendar/productievergadering-brussel/",
    "calendar-type": "calendar/type/training/",
    "blog": "blog/",
    "blog-post": "blog/nantes-nieuwe-vooruitzichten/",
    "blog-tag": "blog/tags/nantes/",
    "blog-author": "blog/authors/werkgroep-nantes/",
    "blog-archive": "blog/archive/2021/",
    "podcast": "podcast/",
    "podcast-episode": "podcast/sip-2020-2021-samenvatting/",
}
BLOCKING = {"serious", "critical"}


@pytest.fixture(scope="module")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


@pytest.mark.parametrize("lang", sorted(LANG_PREFIX))
@pytest.mark.parametrize("kind", sorted(PAGE_KINDS))
def test_no_serious_or_critical_violations(page, site_url, axe, kind, lang):
    page.goto(site_url + LANG_PREFIX[lang] + PAGE_KINDS[kind])
    settle(page)
    results = axe.run(page, options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}})
    blocking = [
        f"{v['id']} ({v['impact']}): {v['help']} -> " + "; ".join(n["target"][0] for n in v["nodes"][:3])
        for v in results.response["violations"] if v["impact"] in BLOCKING
    ]
    assert not blocking, "\n".join(blocking)

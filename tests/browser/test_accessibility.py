"""axe-core (WCAG 2.1 A/AA rules) in the browser on every kind of page, in all three languages
(the pages are visited once for this module and test_identity: tests/browser/visits.py)."""

from __future__ import annotations

import pytest

from coopsite.site.catalog import build_date


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


@pytest.mark.parametrize("lang", sorted(LANG_PREFIX))
@pytest.mark.parametrize("kind", sorted(PAGE_KINDS))
def test_no_serious_or_critical_violations(page_visits, kind, lang):
    visit = page_visits[(kind, lang)]
    blocking = [
        f"{v['id']} ({v['impact']}): {v['help']} -> " + "; ".join(n["target"][0] for n in v["nodes"][:3])
        for v in visit.violations if v["impact"] in BLOCKING
    ]
    assert not blocking, "\n".join(blocking)

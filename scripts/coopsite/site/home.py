"""The home page per language: what Smart in Progress is, whom the site serves, and what is new."""

from __future__ import annotations

from typing import TYPE_CHECKING

from collections import Counter

from markupsafe import Markup

from coopsite.types.recommendations import labels
from coopsite.core.templates import render
from coopsite.core.views import Text, date_data, url
from coopsite.types.recommendations.labels import badge_data
from coopsite.types.recommendations.dashboard import recently_changed
from coopsite.types.recommendations.views import OVERVIEW, rec_heading, rec_page

if TYPE_CHECKING:  # the catalog is built from the types: at run time they only receive it
    from coopsite.site.catalog import Catalog

PAGE = "index"



def pages(catalog: Catalog, lang: str) -> dict[str, str]:
    text = Text(lang, catalog.config.languages.default)
    counts = Counter(r.status for r in catalog.recommendations)
    intro = catalog.partial("home", lang)
    data = {
        "title": text(catalog.config.site_name),
        # the home page's own text (content/_partials/home.<lang>.md), written by the editors
        "intro": Markup(intro.strip()) if intro else "",
        "total": len(catalog.recommendations),
        "by_status": [{"key": labels.STATUS_COUNT[s], "count": n} for s, n in sorted(counts.items(), key=lambda kv: -kv[1])],
        "recent": [{"date": date_data(rec.updated, lang, "medium"), "href": url(PAGE, rec_page(rec)),
                    "heading": rec_heading(rec, catalog, text), "status": badge_data(rec.status, lang)}
                   for rec in recently_changed(catalog, 5)],
        "overview_href": url(PAGE, OVERVIEW),
        "dashboard_href": url(PAGE, "recommendations/dashboard"),
        # each content type's block (Markdown of its views), in the order of the list
        "blocks": [Markup(block) for block in (ct.home_block(catalog, lang) for ct in catalog.content_types
                                               if ct.home_block) if block],
    }
    return {PAGE: render(catalog, "home.html", lang, **data)}

"""The home page per language, at a glance: what Smart in Progress is, where the recommendations
stand (a chart with counts), the latest status changes, each content type's block (the next
events) and newest items as cards, and the ways to follow the site without visiting it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from collections import Counter

from markupsafe import Markup

from coopsite.types.recommendations import labels
from coopsite.core.i18n.ui import t
from coopsite.core.templates import render
from coopsite.core.views import Text, date_data, url
from coopsite.site.files import announced
from coopsite.types.recommendations.labels import badge_data
from coopsite.types.recommendations.dashboard import recently_changed, status_chart
from coopsite.types.recommendations.views import OVERVIEW, rec_heading, rec_page

if TYPE_CHECKING:  # the catalog is built from the types: at run time they only receive it
    from coopsite.site.catalog import Catalog

PAGE = "index"


def _follow(catalog: Catalog, lang: str) -> dict:
    # feeds and files live at the site's root: the French home page (fr/) reaches them one folder up
    root = "" if lang == catalog.config.languages.default else "../"
    types = {ct.name for ct in catalog.content_types}
    return {
        "feeds": [{"title": title, "href": root + href} for title, href, mime in announced(catalog, lang)
                  if mime != "text/calendar"],
        "calendar_href": url(PAGE, "calendar/index") + "#subscribe" if "calendar" in types else "",
        "podcast_href": url(PAGE, "podcast/index") if "podcast" in types and catalog.episodes else "",
    }


def pages(catalog: Catalog, lang: str) -> dict[str, str]:
    text = Text(lang, catalog.config.languages.default)
    counts = Counter(r.status for r in catalog.recommendations)
    intro = catalog.partial("home", lang)
    data = {
        "title": text(catalog.config.site_name),
        # the home page's own text (content/_partials/home.<lang>.md), written by the editors
        "intro": Markup(intro.strip()) if intro else "",
        "about_href": url(PAGE, "about"),
        "total": len(catalog.recommendations),
        "by_status": [{"key": labels.STATUS_COUNT[s], "count": n} for s, n in sorted(counts.items(), key=lambda kv: -kv[1])],
        "chart": status_chart(catalog, lang) if catalog.recommendations else None,
        "recent": [{"date": date_data(rec.updated, lang, "medium"), "href": url(PAGE, rec_page(rec)),
                    "heading": rec_heading(rec, catalog, text), "status": badge_data(rec.status, lang)}
                   for rec in recently_changed(catalog, 5)],
        "overview_href": url(PAGE, OVERVIEW),
        "dashboard_href": url(PAGE, "recommendations/dashboard"),
        # each content type's block (Markdown of its views), in the order of the list
        "blocks": [Markup(block) for block in (ct.home_block(catalog, lang) for ct in catalog.content_types
                                               if ct.home_block) if block],
        # and the newest item of the types that show one as a card (blog post, podcast episode)
        "cards": [card for card in (ct.home_card(catalog, lang) for ct in catalog.content_types
                                    if ct.home_card) if card],
        "follow": _follow(catalog, lang),
    }
    return {PAGE: render(catalog, "home.html", lang, **data)}

"""The dashboard: where the recommendations stand, per status and per theme, and what changed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from collections import Counter

from coopsite.core.i18n.ui import t
from coopsite.types.recommendations.model import Status
from coopsite.core.templates import render
from coopsite.core.views import Text, date_data, url
from coopsite.types.recommendations.labels import badge_data, status_label
from coopsite.types.recommendations.charts import bar_chart_data
from coopsite.types.recommendations.views import OVERVIEW, rec_heading, rec_page

if TYPE_CHECKING:  # the catalog is built from the types: at run time they only receive it
    from coopsite.site.catalog import Catalog

PAGE = "recommendations/dashboard"
RECENT = 10


def recently_changed(catalog: Catalog, n: int = RECENT):
    return sorted(catalog.recommendations, key=lambda r: (r.updated, r.id), reverse=True)[:n]


def status_chart(catalog: Catalog, lang: str) -> dict:
    """Recommendations per status, every status listed (a zero says as much as a count): the
    dashboard's first chart and the home page's."""
    by_status = Counter(r.status for r in catalog.recommendations)
    rows = [(status_label(s, lang), by_status.get(s, 0), f"status-{s.value}") for s in Status]
    icons = {f"status-{s.value}": badge_data(s, lang)["icon"] for s in Status}
    return {**bar_chart_data("chart-status", t(lang, "per_status"), rows, icons), "head": t(lang, "status")}


def pages(catalog: Catalog, lang: str) -> dict[str, str]:
    text = Text(lang, catalog.config.languages.default)
    recs = catalog.recommendations
    by_theme = Counter(r.theme for r in recs)
    theme_rows = [(text(th.title), by_theme.get(th.id, 0), "theme-bar") for th in catalog.themes]
    charts = [status_chart(catalog, lang),
              {**bar_chart_data("chart-theme", t(lang, "per_theme"), theme_rows), "head": t(lang, "theme")}]
    data = {
        "title": t(lang, "dashboard"),
        "total": len(recs),
        "overview_href": url(PAGE, OVERVIEW),
        "charts": charts,
        "recent": [{"date": date_data(rec.updated, lang, "medium"), "href": url(PAGE, rec_page(rec)),
                    "heading": rec_heading(rec, catalog, text), "status": badge_data(rec.status, lang)}
                   for rec in recently_changed(catalog)],
    }
    return {PAGE: render(catalog, "dashboard.html", lang, **data)}

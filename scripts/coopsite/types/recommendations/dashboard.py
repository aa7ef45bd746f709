"""The dashboard: where the recommendations stand, per status and per theme, and what changed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from collections import Counter

from coopsite.core.i18n.ui import t
from coopsite.core.model import Status
from coopsite.types.recommendations.charts import bar_chart, data_table
from coopsite.core.views import Text, badge, date_html, esc, front_matter, status_label, url
from coopsite.types.recommendations.views import OVERVIEW, rec_heading, rec_page

if TYPE_CHECKING:  # the catalog is built from the types: at run time they only receive it
    from coopsite.site.catalog import Catalog

PAGE = "recommendations/dashboard"
RECENT = 10


def recently_changed(catalog: Catalog, n: int = RECENT):
    return sorted(catalog.recommendations, key=lambda r: (r.updated, r.id), reverse=True)[:n]


def pages(catalog: Catalog, lang: str) -> dict[str, str]:
    text = Text(lang, catalog.config.languages.default)
    recs = catalog.recommendations
    by_status = Counter(r.status for r in recs)
    by_theme = Counter(r.theme for r in recs)
    status_rows = [(status_label(s, lang), by_status.get(s, 0), f"status-{s.value}") for s in Status]
    theme_rows = [(text(th.title), by_theme.get(th.id, 0), "theme-bar") for th in catalog.themes]
    title = t(lang, "dashboard")
    out = [front_matter(title), f"# {title}\n"]
    out.append(f"<p class=\"dashboard-total\">{t(lang, 'total')}: <strong>{len(recs)}</strong> "
               f"{t(lang, 'recommendations').lower()} · "
               f"<a href=\"{url(PAGE, OVERVIEW)}\">{t(lang, 'view_all')}</a></p>\n")
    for key, rows, chart_id, head in (("per_status", status_rows, "chart-status", "status"),
                                      ("per_theme", theme_rows, "chart-theme", "theme")):
        out.append(f"## {t(lang, key)}\n")
        out.append(f'<figure class="chart">{bar_chart(chart_id, t(lang, key), rows)}'
                   f'<figcaption>{esc(t(lang, key))}</figcaption></figure>\n')
        out.append(f"<details class=\"chart-table\"><summary>{t(lang, 'chart_table')}</summary>"
                   f"{data_table((t(lang, head), t(lang, 'count')), rows)}</details>\n")
    out.append(f"## {t(lang, 'recently_changed')}\n")
    out.append('<ul class="recent-list">')
    for rec in recently_changed(catalog):
        out.append(f'<li>{date_html(rec.updated, lang, "medium")} '
                   f'<a href="{url(PAGE, rec_page(rec))}">{esc(rec_heading(rec, catalog, text))}</a> '
                   f'{badge(rec.status, lang)}</li>')
    out.append("</ul>\n")
    return {PAGE: "\n".join(out)}

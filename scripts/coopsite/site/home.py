"""The home page per language: what Smart in Progress is, whom the site serves, and what is new."""

from __future__ import annotations

from typing import TYPE_CHECKING

from collections import Counter

from coopsite.core.i18n.ui import t
from coopsite.core.views import Text, badge, date_html, esc, front_matter, status_label, url
from coopsite.types.recommendations.dashboard import recently_changed
from coopsite.types.recommendations.views import OVERVIEW, rec_heading, rec_page

if TYPE_CHECKING:  # the catalog is built from the types: at run time they only receive it
    from coopsite.site.catalog import Catalog

PAGE = "index"



def pages(catalog: Catalog, lang: str) -> dict[str, str]:
    text = Text(lang, catalog.config.languages.default)
    name = text(catalog.config.site_name)
    out = [front_matter(name), f"# {name}\n", f"<p class=\"tagline\">{esc(t(lang, 'site_tagline'))}</p>\n"]
    intro = catalog.partial("home", lang)
    if intro:
        out.append(intro.strip() + "\n")
    counts = Counter(r.status for r in catalog.recommendations)
    summary = ", ".join(f"{n} {status_label(s, lang)}" for s, n in sorted(counts.items(), key=lambda kv: -kv[1]))
    out.append(f"## {t(lang, 'recommendations')}\n")
    out.append(f"<p class=\"dashboard-total\"><strong>{len(catalog.recommendations)}</strong> "
               f"{t(lang, 'recommendations').lower()}: {esc(summary)}.</p>\n")
    out.append(f"### {t(lang, 'latest_answers')}\n")
    out.append('<ul class="recent-list">')
    for rec in recently_changed(catalog, 5):
        out.append(f'<li>{date_html(rec.updated, lang, "medium")} '
                   f'<a href="{url(PAGE, rec_page(rec))}">{esc(rec_heading(rec, catalog, text))}</a> '
                   f'{badge(rec.status, lang)}</li>')
    out.append("</ul>\n")
    out.append(f"[{t(lang, 'recommendations')}]({url(PAGE, OVERVIEW)}) · "
               f"[{t(lang, 'dashboard')}]({url(PAGE, 'recommendations/dashboard')})\n")
    for section in (ct.home_block for ct in catalog.content_types if ct.home_block):
        block = section(catalog, lang)
        if block:
            out.append(block)
    return {PAGE: "\n".join(out)}

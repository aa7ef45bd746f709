"""Every page's footer, per language, as plain data (theme/partials/copyright.html writes it):
who publishes the site, under which licence its texts may be reused, how to follow it, its open
data, its source and the state of its translations.

Links are paths from the site's root; the template passes them through MkDocs' `url` filter,
which makes them relative to the page (or rooted, on 404.html, which is served at any depth).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from coopsite.core.i18n.ui import t
from coopsite.core.views import Text
from coopsite.site.files import announced

if TYPE_CHECKING:
    from coopsite.site.catalog import Catalog


def _publisher(catalog: Catalog, lang: str) -> dict | None:
    """`publisher:` in coopsite.yml (who runs the site), in the reader's language."""
    publisher = catalog.config.publisher
    if publisher is None:
        return None
    return {"name": Text(lang, catalog.config.languages.default)(publisher.name), "url": publisher.url}


def footer(catalog: Catalog, lang: str) -> dict:
    cfg = catalog.config
    licence = cfg.licence
    forge = cfg.sections.get("forge")  # `forge:` in coopsite.yml (cms/forge.py): the repository
    forge_url = getattr(forge, "url", None)
    return {
        "label": t(lang, "footer_label"),
        "colon": t(lang, "colon"),  # French sets a narrow no-break space before it
        "publisher": _publisher(catalog, lang),
        "publisher_label": t(lang, "footer_publisher"),
        "licence": {"label": t(lang, "footer_licence"), "name": licence.name, "url": licence.url,
                    "proposed": None if licence.confirmed else t(lang, "footer_licence_proposed")}
                   if licence else None,
        "follow_label": t(lang, "footer_follow"),
        "feeds": [{"title": title, "href": href} for title, href, _ in announced(catalog, lang)],
        "data_label": t(lang, "footer_open_data"),
        "data": [{"title": t(lang, "footer_api"), "href": "api/recommendations.json"},
                 {"title": t(lang, "footer_csv"), "href": "api/recommendations.csv"}],
        "source": {"title": t(lang, "footer_source"), "url": forge_url} if isinstance(forge_url, str) else None,
        "translations": {"title": t(lang, "footer_translations"),
                         "href": cfg.languages.prefix(lang) + "translations/"},
    }

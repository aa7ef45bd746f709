"""Status-update feeds: one Atom entry per change of a recommendation's status, per language."""

from __future__ import annotations

import datetime as dt

from feedgen.feed import FeedGenerator

from coopsite.core.i18n.ui import t
from coopsite.core.model import Localized
from coopsite.types.recommendations.labels import status_label
from coopsite.types.recommendations.views import OVERVIEW, rec_page
from coopsite.core.links import latest_date, page_url


def path(lang: str) -> str:
    return f"feeds/recommendations.{lang}.xml"


def announced(catalog, lang: str) -> list[tuple[str, str, str]]:
    return [(t(lang, "status_feed_title"), path(lang), "application/atom+xml")]


def _midday(d: dt.date) -> dt.datetime:
    # Statuses are dated by day; noon UTC keeps the day the same in every European time zone.
    return dt.datetime(d.year, d.month, d.day, 12, 0, tzinfo=dt.timezone.utc)


def _text(loc: Localized | None, lang: str, default: str) -> str:
    return loc.pick(lang, default)[0] if loc else ""


def feed(catalog, lang: str) -> bytes:
    cfg = catalog.config
    default = cfg.languages.default
    fg = FeedGenerator()
    fg.id(cfg.url(path(lang)))
    fg.title(t(lang, "status_feed_title"))
    fg.subtitle(t(lang, "subscribe_feed"))
    fg.link(href=page_url(catalog, OVERVIEW, lang), rel="alternate")
    fg.link(href=cfg.url(path(lang)), rel="self")
    fg.language(lang)
    fg.author({"name": _text(cfg.site_name, lang, default)})
    fg.updated(_midday(latest_date(catalog)))
    entries = []
    for rec in catalog.recommendations:
        for entry in rec.history:
            entries.append((entry.date, rec, entry))
    entries.sort(key=lambda e: (e[0], e[1].id, e[2].status.value), reverse=True)
    for date, rec, entry in entries:
        title = _text(rec.title, lang, default)
        fe = fg.add_entry(order="append")
        fe.id(f"urn:coopsite:status:{rec.id}:{date.isoformat()}:{entry.status.value}")
        fe.title(t(lang, "status_feed_entry", title=title, status=status_label(entry.status, lang)))
        fe.link(href=page_url(catalog, rec_page(rec), lang), rel="alternate")
        fe.updated(_midday(date))
        fe.published(_midday(date))
        note = _text(entry.note, lang, default)
        fe.summary(f"{status_label(entry.status, lang)}. {note}".strip())
        fe.category(term=entry.status.value, label=status_label(entry.status, lang))
    return fg.atom_str(pretty=True)


def files(catalog) -> dict[str, bytes]:
    return {path(lang): feed(catalog, lang) for lang in catalog.config.languages.all}

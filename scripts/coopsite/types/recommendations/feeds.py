"""Status-update feeds: one Atom entry per change of a recommendation's status, per language.

Statuses are dated by day, and most changes of the first report share one day. So that feed
readers can still order them, the changes of one day get distinct times in the order of the
report (the catalog's order: cycle, theme, number), each recommendation's history in its written
order; the first is at 12:00:00 UTC, each next one second later. The feed's own `updated`
is its newest entry's, never the build date, so building the same content on another day gives
the same bytes.

Statuses are dated as precisely as they are known (core/dates.py): a day, a month or a year. Atom's
`updated` needs a full timestamp, so a month or a year stands in by the first day of its period
(a status of "2021" is 2021-01-01T12:00:00Z, the next one of that year a second later): the same
convention as a day, documented here and in the README. The entry's summary states the date at its
real precision ("2021", "juin 2021", "ca. 2021"), so a reader is never told a day nobody knows.
"""

from __future__ import annotations

import datetime as dt

from feedgen.feed import FeedGenerator

from coopsite.core.dates import format_partial
from coopsite.core.i18n.ui import t
from coopsite.core.model import Localized
from coopsite.core.views import lang_name
from coopsite.types.recommendations.labels import status_label
from coopsite.types.recommendations.views import OVERVIEW, rec_page
from coopsite.core.links import latest_date, page_url


def path(lang: str) -> str:
    return f"feeds/recommendations.{lang}.xml"


def announced(catalog, lang: str) -> list[tuple[str, str, str]]:
    return [(t(lang, "status_feed_title"), path(lang), "application/atom+xml")]


def _midday(d: dt.date, rank: int = 0) -> dt.datetime:
    # Statuses are dated by day; noon UTC keeps the day the same in every European time zone, and
    # `rank` seconds after it (the change's place within its day) keep the content's order.
    return dt.datetime(d.year, d.month, d.day, 12, 0, tzinfo=dt.timezone.utc) + dt.timedelta(seconds=rank)


def changes(catalog) -> list[tuple[dt.datetime, object, object]]:
    """(time, recommendation, history entry) of every status change, newest first."""
    ordered = [(entry.date.start, rec, entry) for rec in catalog.recommendations for entry in rec.history]
    # A stable sort by day keeps, within one day, the order of the catalog and of each history.
    ordered.sort(key=lambda e: e[0])
    out, rank, day = [], 0, None
    for date, rec, entry in ordered:
        rank = rank + 1 if date == day else 0
        day = date
        out.append((_midday(date, rank), rec, entry))
    return out[::-1]


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
    entries = changes(catalog)
    # The newest entry dates the feed; a feed without entries takes the newest date of the content.
    fg.updated(entries[0][0] if entries else _midday(latest_date(catalog)))
    approx = t(lang, "date_approximate")
    for when, rec, entry in entries:
        title = _text(rec.title, lang, default)
        fe = fg.add_entry(order="append")
        fe.id(f"urn:coopsite:status:{rec.id}:{entry.date.isoformat()}:{entry.status.value}")
        fe.title(t(lang, "status_feed_entry", title=title, status=status_label(entry.status, lang)))
        fe.link(href=page_url(catalog, rec_page(rec), lang), rel="alternate")
        fe.updated(when)
        fe.published(when)
        note = _text(entry.note, lang, default)
        if note and not entry.note.has(lang):
            # a note not translated yet is given in its own language, and said to be (as on the page)
            shown = entry.note.pick(lang, default)[1]
            note += f" ({t(lang, 'text_in_language', language=lang_name(shown, lang))})"
        when_text = format_partial(entry.date, lang, approx=approx)
        fe.summary(f"{status_label(entry.status, lang)} ({when_text}). {note}".strip())
        fe.category(term=entry.status.value, label=status_label(entry.status, lang))
    return fg.atom_str(pretty=True)


def files(catalog) -> dict[str, bytes]:
    return {path(lang): feed(catalog, lang) for lang in catalog.config.languages.all}

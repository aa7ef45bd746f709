"""Calendar pages: upcoming events by month, month grids, one page per event, past events, filters.

Everything works without JavaScript: the month grid is an HTML table built at
build time, filters are plain pages per type and per city, and "upcoming" is
relative to the build date (catalog.today; the site is rebuilt daily).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import datetime as dt
from collections import defaultdict
from functools import lru_cache
from urllib.parse import quote_plus

from coopsite.types.calendar import links
from coopsite.types.calendar import recurrence as rec
from coopsite.core.i18n import format as fmt
from coopsite.types.calendar import labels
from coopsite.core.i18n.ui import N_, t, tn
from coopsite.types.calendar.model import Event, Venue
from coopsite.types.calendar.recurrence import Occurrence
from coopsite.core.templates import render
from coopsite.core.views import Text, notice_data, url
from coopsite.types.recommendations.views import rec_heading, rec_page

if TYPE_CHECKING:  # the catalog is built from the types: at run time they only receive it
    from coopsite.site.catalog import Catalog


def pages(catalog: Catalog, lang: str) -> dict[str, str]:
    out = {links.INDEX: index(catalog, lang), links.PAST: past(catalog, lang)}
    out.update(months(catalog, lang))
    for event in catalog.events:
        out[links.event_page(event.id)] = event_text(catalog, event, lang)
    for et in catalog.event_types:
        out[links.type_page(et.id)] = selection(catalog, lang, links.type_page(et.id), et.name,
                                                lambda e, tid=et.id: e.type == tid,
                                                links.type_feed_path(et.id, lang))
    for place in catalog.places:
        out[links.city_page(place.id)] = selection(catalog, lang, links.city_page(place.id), place.name,
                                                   lambda e, pid=place.id: e.venue.city == pid,
                                                   links.city_feed_path(place.id, lang))
    return out


# --- plain data for the templates (theme/coopsite/partials/calendar.html) -------------

def _stamp(value) -> str:
    return value.isoformat(timespec="minutes") if isinstance(value, dt.datetime) else value.isoformat()


def labels_data(occ: Occurrence, lang: str, example: bool = True) -> dict:
    return {"example": example and occ.event.example, "cancelled": occ.cancelled,
            "moved": fmt.day_month(occ.original, lang) if occ.moved and not occ.cancelled else ""}


def when_short(occ: Occurrence, lang: str, default_tz: str, year: bool = False) -> dict:
    """'do 17 dec · 19:00–21:00' for lists under a month heading; with the year elsewhere."""
    return _when_short(occ.start, occ.end, occ.event.timezone, lang, default_tz, year)


@lru_cache(maxsize=4096)
def _when_short(start, end, tz: str, lang: str, default_tz: str, year: bool) -> dict:
    # An occurrence is listed on several pages (upcoming, its month, its type, its city): format it once.
    skeleton = "yMMMEd" if year else "MMMEd"
    if not isinstance(start, dt.datetime):
        return {"day": {"iso": _stamp(start), "text": fmt.date_range(start, end, lang, skeleton)}, "hours": "",
                "zone": ""}
    return {"day": {"iso": _stamp(start), "text": fmt.date_range(start.date(), start.date(), lang, skeleton)},
            "hours": fmt.time_range(start, end, lang), "zone": zone_label(tz, lang) if tz != default_tz else ""}


def zone_label(tz: str, lang: str) -> str:
    return t(lang, "local_time", country=fmt.zone_country(tz, lang))


def when_long(occ: Occurrence, lang: str) -> dict:
    """'donderdag 17 december 2026, 19:00–21:00' for the event page."""
    if occ.all_day:
        if occ.start == occ.end:
            return {"day": {"iso": _stamp(occ.start), "text": fmt.full_date(occ.start, lang)}, "all_day": True,
                    "hours": ""}
        return {"day": {"iso": _stamp(occ.start), "text": fmt.date_range(occ.start, occ.end, lang, "yMMMMEEEEd")},
                "all_day": False, "hours": ""}
    if occ.start.date() == occ.end.date():
        return {"day": {"iso": _stamp(occ.start), "text": fmt.full_date(occ.start, lang)}, "all_day": False,
                "hours": fmt.time_range(occ.start, occ.end, lang)}
    return {"day": {"iso": _stamp(occ.start), "text": fmt.time_range(occ.start, occ.end, lang)}, "all_day": False,
            "hours": ""}


def where_short(catalog: Catalog, venue: Venue | None, lang: str, text: Text) -> list[str]:
    if venue is None:
        return []
    parts = []
    place = catalog.place(venue.city)
    if venue.name:
        parts.append(text(venue.name))
    if place:
        parts.append(text(place.name))
    if venue.online:
        parts.append(t(lang, "online"))
    return parts


def map_url(catalog: Catalog, venue: Venue, lang: str) -> str | None:
    """An OpenStreetMap search for the address (or the city alone while the address is not known)."""
    place = catalog.place(venue.city)
    query = ", ".join(p for p in (venue.address, place.name.pick(lang, catalog.config.languages.default)[0]
                                  if place else None) if p)
    if place and place.country:
        query += f", {place.country}"
    return f"https://www.openstreetmap.org/search?query={quote_plus(query)}" if query else None


def occurrence_data(catalog: Catalog, occ: Occurrence, lang: str, page: str, text: Text, year: bool = False) -> dict:
    """One occurrence in a list, with its schema.org Event data: exact start and end with their
    offset, and its status (search engines read it, and so do the tests that compare the pages
    with what calendar apps compute from the feed)."""
    et = catalog.event_type(occ.event.type)
    stamp = (lambda v: v.isoformat(timespec="minutes")) if not occ.all_day else (lambda v: v.isoformat())
    return {
        "cancelled": occ.cancelled, "start": stamp(occ.start), "end": stamp(occ.end),
        "status": "EventCancelled" if occ.cancelled else "EventRescheduled" if occ.moved else "EventScheduled",
        "when": when_short(occ, lang, catalog.calendar.timezone, year),
        "href": url(page, links.event_page(occ.event.id)), "title": text(occ.event.title),
        "labels": labels_data(occ, lang), "kind": text(et.name) if et else "",
        "where": where_short(catalog, occ.venue, lang, text),
    }


def by_month(catalog: Catalog, occs: list[Occurrence], lang: str, page: str, text: Text, *,
             newest_first: bool = False) -> list[dict]:
    groups: dict[dt.date, list[Occurrence]] = defaultdict(list)
    for occ in occs:
        groups[occ.first_day.replace(day=1)].append(occ)
    out = []
    for month in sorted(groups, reverse=newest_first):
        items = groups[month][::-1] if newest_first else groups[month]
        out.append({"title": fmt.month_year(month, lang).capitalize(), "href": url(page, links.month_page(month)),
                    "anchor": f"{month:%Y-%m}",
                    "occurrences": [occurrence_data(catalog, o, lang, page, text) for o in items]})
    return out


def subscribe_data(catalog: Catalog, feed: str, label: str) -> dict:
    https = catalog.config.url(feed)
    return {"label": label, "https": https, "webcal": links.webcal(https)}


def month_range(catalog: Catalog) -> list[dt.date]:
    """The months that get a grid page: every month with an occurrence, and the current one."""
    cache = catalog.__dict__.get("_calendar_months")
    if cache is not None:
        return cache
    days = [d for o in rec.all_occurrences(catalog) for d in (o.first_day, o.last_day)]
    first = min(days + [catalog.today]).replace(day=1)
    last = max(days + [catalog.today]).replace(day=1)
    out = []
    month = first
    while month <= last:
        out.append(month)
        month = (month + dt.timedelta(days=32)).replace(day=1)
    catalog.__dict__["_calendar_months"] = out  # memo on the immutable catalog, like its other lookups
    return out


def _lang_prefix(catalog: Catalog, lang: str) -> str:
    return catalog.config.languages.prefix(lang)


# --- the pages --------------------------------------------------------------------

def index(catalog: Catalog, lang: str) -> str:
    text = Text(lang, catalog.config.languages.default)
    page = links.INDEX
    upcoming = rec.upcoming(catalog)
    data = {
        "title": t(lang, "calendar"), "description": t(lang, "calendar_intro"),
        "updated": fmt.date(catalog.today, lang),
        "this_month_href": url(page, links.month_page(catalog.today.replace(day=1))),
        "past_href": url(page, links.PAST),
        "filters": filters(catalog, lang, page, text),
        "months": by_month(catalog, upcoming, lang, page, text),
        "horizon": fmt.date(rec.horizon_end(catalog), lang) if any(e.recurring for e in catalog.events) else "",
        "subscribe": subscribe_data(catalog, links.feed_path(lang), t(lang, "all_events")),
        "api_href": links.file_url(page, _lang_prefix(catalog, lang), "api/events.json"),
    }
    data["notice"] = notice_data(text)
    return render(catalog, "calendar.html", lang, **data)


def filters(catalog: Catalog, lang: str, page: str, text: Text) -> list[dict]:
    """Plain links per type and per city, each with how many occurrences are coming."""
    upcoming = [o for o in rec.upcoming(catalog) if not o.cancelled]
    out = []
    for label, items, key, target in (
            (N_("by_type"), catalog.event_types, lambda o: o.event.type, links.type_page),
            (N_("by_city"), catalog.places, lambda o: o.event.venue.city, links.city_page)):
        counts = defaultdict(int)
        for o in upcoming:
            counts[key(o)] += 1
        used = [i for i in items if any(key_of(e, label) == i.id for e in catalog.events)]
        if used:
            out.append({"label": label, "entries": [{"href": url(page, target(i.id)), "name": text(i.name),
                                                     "count": counts[i.id]} for i in used]})
    return out


def key_of(event: Event, label: str) -> str | None:
    return event.type if label == "by_type" else event.venue.city


def past(catalog: Catalog, lang: str) -> str:
    text = Text(lang, catalog.config.languages.default)
    page = links.PAST
    return render(catalog, "calendar_list.html", lang, kind="past", title=t(lang, "past_events"),
                  calendar_href=url(page, links.INDEX),
                  months=by_month(catalog, rec.past(catalog), lang, page, text, newest_first=True))


def months(catalog: Catalog, lang: str) -> dict[str, str]:
    text = Text(lang, catalog.config.languages.default)
    all_months = month_range(catalog)
    by_day: dict[dt.date, list[Occurrence]] = defaultdict(list)
    for occ in rec.all_occurrences(catalog):
        for day in occ.days():
            by_day[day].append(occ)
    out = {}
    for i, month in enumerate(all_months):
        prev = all_months[i - 1] if i else None
        nxt = all_months[i + 1] if i + 1 < len(all_months) else None
        out[links.month_page(month)] = month_text(catalog, lang, month, prev, nxt, by_day, text)
    return out


def month_text(catalog: Catalog, lang: str, month: dt.date, prev: dt.date | None, nxt: dt.date | None,
               by_day: dict, text: Text) -> str:
    page = links.month_page(month)
    name = fmt.month_year(month, lang)
    in_month = [o for o in rec.all_occurrences(catalog)
                if o.first_day <= _month_end(month) and o.last_day >= month]
    return render(
        catalog, "calendar_month.html", lang,
        title=t(lang, "label_value", label=t(lang, "calendar"), value=name),
        prev={"href": url(page, links.month_page(prev)), "name": fmt.month_year(prev, lang)} if prev else None,
        next={"href": url(page, links.month_page(nxt)), "name": fmt.month_year(nxt, lang)} if nxt else None,
        upcoming_href=url(page, links.INDEX),
        grid=grid(catalog, lang, month, by_day, page, text),
        month_name=name.capitalize(),
        items=[occurrence_data(catalog, o, lang, page, text) for o in in_month])


def _month_end(month: dt.date) -> dt.date:
    return (month + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)


def grid(catalog: Catalog, lang: str, month: dt.date, by_day: dict, page: str, text: Text) -> dict:
    """The month as a table: a caption, a column header per weekday, today marked (aria-current).
    Rows of seven cells; None is a day of another month."""
    days = fmt.week_days(lang)
    order = [d for d, _, _ in days]
    cells: list = [None] * order.index(month.weekday())
    day = month
    while day.month == month.month:
        cells.append(_cell(catalog, lang, day, by_day.get(day, []), page, text))
        day += dt.timedelta(days=1)
    cells += [None] * (-len(cells) % 7)
    return {"caption": fmt.month_year(month, lang).capitalize(),
            "days": [{"short": short, "wide": wide} for _, short, wide in days],
            "rows": [cells[i:i + 7] for i in range(0, len(cells), 7)]}


def _cell(catalog: Catalog, lang: str, day: dt.date, occs: list[Occurrence], page: str, text: Text) -> dict:
    # On phones the titles are hidden visually (not from screen readers): the list below the grid has them.
    return {"iso": day.isoformat(), "day": day.day, "today": day == catalog.today,
            "events": [{"time": "" if occ.all_day or occ.first_day != day else fmt.time(occ.start, lang),
                       "href": url(page, links.event_page(occ.event.id)), "title": text(occ.event.title),
                       "cancelled": occ.cancelled} for occ in occs]}


def rule_summary(event: Event, lang: str) -> str:
    rule, _ = rec.parse_rule(event.rrule or "", event.all_day, event.timezone)
    if rule is None:
        return ""
    freq = rule.get("FREQ")
    interval = int(rule.get("INTERVAL") or 1)
    out = t(lang, labels.FREQUENCY[freq]) if interval == 1 else t(lang, labels.EVERY_N[freq], n=interval)
    if rule.until is not None:
        until = rule.until.date() if isinstance(rule.until, dt.datetime) else rule.until
        out += ", " + t(lang, "until_date", date=fmt.date(until, lang))
    elif rule.get("COUNT"):
        out += ", " + tn(lang, "times_count", int(rule.get("COUNT")))
    return out


def event_text(catalog: Catalog, event: Event, lang: str) -> str:
    default = catalog.config.languages.default
    text = Text(lang, default)
    page = links.event_page(event.id)
    title = text(event.title)
    occs = rec.occurrences(catalog, event)
    coming = [o for o in occs if o.last_day >= catalog.today]
    gone = [o for o in occs if o.last_day < catalog.today]
    nxt = next((o for o in coming if not o.cancelled), None) or (coming[0] if coming else None)
    shown = nxt or (gone[-1] if gone else None)
    et = catalog.event_type(event.type)
    data = {
        "title": title,
        "body": text(event.description),
        "example": event.example, "cancelled": event.cancelled,
        "rule": rule_summary(event, lang) if event.recurring else "",
        "next": {"when": when_long(nxt, lang), "labels": labels_data(nxt, lang, False)} if event.recurring and nxt
        else None,
        "shown": {"when": when_long(shown, lang), "labels": labels_data(shown, lang, False),
                  "past": shown.last_day < catalog.today} if not event.recurring and shown else None,
        "zone": zone_label(event.timezone, lang) if not event.all_day else "",
        "where": where_long(catalog, event.venue, lang, text),
        "event_type": {"href": url(page, links.type_page(et.id)), "name": text(et.name)} if et else None,
        "languages": ", ".join(fmt.language_name(c, lang) for c in event.languages),
        "organiser": text(event.organiser) if event.organiser else "",
        "contact": event.contact or "", "registration": event.registration or "",
        "coming": [_date_item(catalog, o, lang, text) for o in coming],
        "gone": [_date_item(catalog, o, lang, text) for o in reversed(gone)],
        "horizon": fmt.date(rec.horizon_end(catalog), lang),
        "recommendations": [{"href": url(page, rec_page(r)), "heading": rec_heading(r, catalog, text)}
                            for r in (catalog.recommendation(rid) for rid in event.recommendations) if r],
        "ics_href": links.file_url(page, _lang_prefix(catalog, lang), links.event_file_path(event.id, lang)),
        "ics_name": f"{event.id}.ics",
        "subscribe": subscribe_data(catalog, links.feed_path(lang), t(lang, "all_events")),
        "calendar_href": url(page, links.INDEX),
    }
    tr = event.translations.get(lang)
    data["notice"] = notice_data(text, tr.from_lang if tr else None, bool(tr and tr.outdated(event)))
    # the page's description: the first paragraph of the member's text, as plain words
    data["description"] = text(event.description).split("\n\n")[0].replace("\n", " ") if event.description else title
    return render(catalog, "event.html", lang, **data)


def _date_item(catalog: Catalog, occ: Occurrence, lang: str, text: Text) -> dict:
    return {"cancelled": occ.cancelled, "when": when_long(occ, lang), "labels": labels_data(occ, lang, False),
            "where": where_short(catalog, occ.venue, lang, text) if occ.venue is not occ.event.venue else [],
            "note": text(occ.note) if occ.note else ""}


def where_long(catalog: Catalog, venue: Venue, lang: str, text: Text) -> list[dict]:
    lines = []
    place = catalog.place(venue.city)
    if venue.in_person:
        parts = [text(venue.name)] if venue.name else []
        if venue.address:
            parts.append(venue.address)
        if place:
            parts.append(text(place.name))
        line = ", ".join(parts)
        tba = t(lang, "address_tba")
        lines.append({"kind": "address", "text": line if venue.address else f"{line} ({tba})"})
        link = map_url(catalog, venue, lang)
        if link:
            lines.append({"kind": "map", "href": link})
    if venue.online:
        lines.append({"kind": "online", "href": venue.online})
    return lines


def selection(catalog: Catalog, lang: str, page: str, name, keep, feed: str) -> str:
    """A filter page: the upcoming occurrences of one type or one city, with that selection's feed."""
    text = Text(lang, catalog.config.languages.default)
    label = text(name)
    occs = [o for o in rec.upcoming(catalog) if keep(o.event)]
    return render(catalog, "calendar_list.html", lang, kind="selection",
                  title=t(lang, "label_value", label=t(lang, "calendar"), value=label),
                  calendar_href=url(page, links.INDEX), past_href=url(page, links.PAST),
                  months=by_month(catalog, occs, lang, page, text), subscribe=subscribe_data(catalog, feed, label))


# --- blocks on other pages ----------------------------------------------------------

HOME_COUNT = 4


def home_block(catalog: Catalog, lang: str) -> str:
    """The next events on the home page."""
    if not catalog.events:
        return ""
    text = Text(lang, catalog.config.languages.default)
    coming = [o for o in rec.upcoming(catalog) if not o.cancelled][:HOME_COUNT]
    return render(catalog, "calendar_block.html", lang, title=t(lang, "next_events"),
                  calendar_href=url("index", links.INDEX),
                  items=[occurrence_data(catalog, o, lang, "index", text, True) for o in coming])


def discussed_in(catalog: Catalog, recommendation, lang: str, page: str) -> str:
    """On a recommendation's page: the events about it, each with its next (or last) date."""
    events = [e for e in catalog.events if recommendation.id in e.recommendations]
    if not events:
        return ""
    text = Text(lang, catalog.config.languages.default)
    items = []
    for event in events:
        occs = rec.occurrences(catalog, event)
        coming = [o for o in occs if o.last_day >= catalog.today and not o.cancelled]
        occ = coming[0] if coming else (occs[-1] if occs else None)
        if occ:
            items.append(occurrence_data(catalog, occ, lang, page, text, True))
    return render(catalog, "calendar_block.html", lang, title=t(lang, "in_the_calendar"), calendar_href="",
                  items=items)

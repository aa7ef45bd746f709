"""iCalendar (RFC 5545) feeds per language: all events, one per type, one per city, one file per event.

Recurring events go out as their rule (RRULE, EXDATE) with one VEVENT per
changed occurrence (RECURRENCE-ID), so calendar apps expand them themselves,
beyond the pages' horizon too. A cancelled event or occurrence stays in the
feed with STATUS:CANCELLED: subscribed calendars then drop it, where a
vanished event would linger in some apps. Nothing here reads the clock:
DTSTAMP and LAST-MODIFIED come from the event's revision date, and the
VTIMEZONE range from the content's dates, so the same content gives the same
bytes.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Callable

from icalendar import Calendar, vRecur
from icalendar import Event as VEvent

from coopsite.types.calendar import links
from coopsite.types.calendar import recurrence as rec
from coopsite.core.i18n import format as fmt
from coopsite.core.i18n.ui import t
from coopsite.core.model import Localized
from coopsite.types.calendar.model import Event, OccurrenceChange, Venue
from coopsite.core.links import latest_date, page_url
from coopsite.types.calendar.vtimezone import vtimezone

PRODID = "-//Smart in Progress//coopsite calendar//EN"
REFRESH = dt.timedelta(days=1)  # the site is rebuilt daily
ZONE_YEARS_AHEAD = 10  # VTIMEZONE transitions listed this far past the last date in the content (rules in force stay open)


def announced(catalog, lang: str) -> list[tuple[str, str, str]]:
    return [(t(lang, "calendar_feed_title"), links.feed_path(lang), "text/calendar")]


def uid(catalog, event: Event) -> str:
    # The domain comes from coopsite.yml, not from the site's address, so a
    # preview build at another address gives the same UIDs.
    return f"{event.id}@{catalog.calendar.uid_domain}"


def _pick(loc: Localized | None, lang: str, default: str) -> tuple[str, str]:
    return loc.pick(lang, default) if loc else ("", lang)


def _stamp(catalog, event: Event) -> dt.datetime:
    day = event.revision.date or latest_date(catalog)
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc)


def _moment(value: dt.datetime | dt.date, tz: str) -> dt.datetime | dt.date:
    return rec.local(value, tz) if isinstance(value, dt.datetime) else value


def _end(value: dt.datetime | dt.date, tz: str) -> dt.datetime | dt.date:
    # All-day events: DTEND is the day after the last day (RFC 5545, 3.6.1).
    return rec.local(value, tz) if isinstance(value, dt.datetime) else value + dt.timedelta(days=1)


def _fixed(value: dt.datetime | dt.date) -> dt.datetime | dt.date:
    """A DTSTART or DTEND that no rule repeats, in UTC when its local time is repeated or skipped.

    When summer time ends, clocks go through one hour twice. RFC 5545 (3.3.5) means the first
    time, as the pipeline does; Mozilla's ical.js (Thunderbird, Nextcloud) takes the second. A
    skipped time (spring) is read differently by clients too. In UTC the instant is the same for
    every client. Values that a rule repeats keep their zone: the rule follows local time.
    """
    if isinstance(value, dt.datetime) and value.utcoffset() != value.replace(fold=1).utcoffset():
        return value.astimezone(dt.timezone.utc)
    return value


def location(catalog, venue: Venue, lang: str) -> str:
    default = catalog.config.languages.default
    if not venue.in_person:
        return t(lang, "online") if venue.online else ""
    place = catalog.place(venue.city)
    parts = [_pick(venue.name, lang, default)[0]] if venue.name else []
    if venue.address:
        parts.append(venue.address)
    if place:
        parts.append(_pick(place.name, lang, default)[0])
    text = ", ".join(parts)
    return text if venue.address else f"{text} ({t(lang, 'address_tba')})"


_LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")
_EMPHASIS = re.compile(r"(\*\*|__|\*|_)(\S(?:.*?\S)?)\1")
_LIST_ITEM = re.compile(r"^\s*([-*+]|\d+[.)])\s")


def plain(markdown: str) -> str:
    """Markdown as plain text for DESCRIPTION: paragraphs unwrapped, links spelt out, list items kept."""
    paragraphs = []
    for block in re.split(r"\n\s*\n", markdown.strip()):
        lines = [line.strip() for line in block.splitlines()]
        out: list[str] = []
        for line in lines:
            if out and not _LIST_ITEM.match(line):
                out[-1] += " " + line
            else:
                out.append(line)
        paragraphs.append("\n".join(out))
    text = "\n\n".join(paragraphs)
    text = _LINK.sub(lambda m: f"{m.group(1)} ({m.group(2)})", text)
    return _EMPHASIS.sub(lambda m: m.group(2), text)


def summary(catalog, event: Event, lang: str, cancelled: bool) -> str:
    title = _pick(event.title, lang, catalog.config.languages.default)[0]
    prefix = []
    if event.example:
        prefix.append(t(lang, "example_prefix"))
    if cancelled:
        prefix.append(t(lang, "cancelled_prefix"))
    return " ".join(prefix + [title])


def description(catalog, event: Event, lang: str, change: OccurrenceChange | None = None) -> str:
    default = catalog.config.languages.default
    out = []
    if event.example:
        out.append(t(lang, "example_notice"))
    if change and change.note:
        out.append(t(lang, "label_value", label=t(lang, "note"), value=_pick(change.note, lang, default)[0]))
    if event.description:
        out.append(plain(_pick(event.description, lang, default)[0]))
    facts = []
    venue = change.venue if change and change.venue else event.venue
    if venue.online:
        facts.append(t(lang, "label_value", label=t(lang, "online"), value=venue.online))
    if event.languages:
        facts.append(t(lang, "label_value", label=t(lang, "languages_spoken"),
                       value=", ".join(fmt.language_name(c, lang) for c in event.languages)))
    if event.organiser:
        facts.append(t(lang, "label_value", label=t(lang, "organiser"), value=_pick(event.organiser, lang, default)[0]))
    if event.registration:
        facts.append(t(lang, "label_value", label=t(lang, "registration"), value=event.registration))
    facts.append(t(lang, "label_value", label=t(lang, "more_info"),
                   value=page_url(catalog, links.event_page(event.id), lang)))
    out.append("\n".join(facts))
    return "\n\n".join(out)


def _common(catalog, event: Event, lang: str, ve: VEvent, cancelled: bool, venue: Venue,
            change: OccurrenceChange | None) -> None:
    default = catalog.config.languages.default
    title_lang = _pick(event.title, lang, default)[1]
    ve.add("uid", uid(catalog, event))
    ve.add("dtstamp", _stamp(catalog, event))
    ve.add("last-modified", _stamp(catalog, event))
    ve.add("sequence", event.revision.sequence)
    ve.add("summary", summary(catalog, event, lang, cancelled), parameters={"LANGUAGE": title_lang})
    ve.add("description", description(catalog, event, lang, change))
    where = location(catalog, venue, lang)
    if where:
        ve.add("location", where)
    if venue.online:
        ve.add("conference", venue.online, parameters={"VALUE": "URI", "FEATURE": "VIDEO"})
    et = catalog.event_type(event.type)
    if et:
        ve.add("categories", [_pick(et.name, lang, default)[0]])
    ve.add("url", page_url(catalog, links.event_page(event.id), lang))
    ve.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    ve.add("class", "PUBLIC")
    if event.contact:
        name = _pick(event.organiser, lang, default)[0]
        ve.add("organizer", f"mailto:{event.contact}", parameters={"CN": name} if name else None)


def components(catalog, event: Event, lang: str) -> list[VEvent]:
    """The event's VEVENTs: the master (with its rule) and one per changed occurrence."""
    tz = event.timezone
    master = VEvent()
    _common(catalog, event, lang, master, event.cancelled, event.venue, None)
    if not event.recurring:
        master.add("dtstart", _fixed(_moment(event.start, tz)))
        master.add("dtend", _fixed(_end(event.end, tz)))
        return [master]
    master.add("dtstart", _moment(event.start, tz))
    master.add("dtend", _end(event.end, tz))
    out = [master]
    rule, _ = rec.parse_rule(event.rrule, event.all_day, tz)
    master.add("rrule", vRecur.from_ical(rec.ics_text(rule, event.all_day, tz)))
    if event.exdates:
        master.add("exdate", [_moment(rec.original_start(event, d), tz) for d in sorted(event.exdates)])
    duration = (event.end - event.start)
    for change in sorted(event.changes, key=lambda c: c.original):
        ve = VEvent()
        venue = change.venue or event.venue
        _common(catalog, event, lang, ve, event.cancelled or change.cancelled, venue, change)
        original = rec.original_start(event, change.original)
        ve.add("recurrence-id", _moment(original, tz))
        start = change.start if change.start is not None else original
        end = change.end if change.end is not None else start + duration
        ve.add("dtstart", _fixed(_moment(start, tz)))
        ve.add("dtend", _fixed(_end(end, tz)))
        out.append(ve)
    return out


def _zone_range(events: list[Event]) -> tuple[dt.date, dt.date]:
    days = []
    for e in events:
        for value in (e.start, e.end, *(c.start for c in e.changes if c.start), *(c.end for c in e.changes if c.end)):
            days.append(value.date() if isinstance(value, dt.datetime) else value)
    first = min(days).replace(month=1, day=1)
    last = max(days).replace(month=1, day=1)
    return first, last.replace(year=last.year + ZONE_YEARS_AHEAD)


def calendar(catalog, events: list[Event], lang: str, name: str, page: str, feed: str) -> bytes:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("name", name)
    cal.add("x-wr-calname", name)
    desc = t(lang, "calendar_feed_description")
    cal.add("description", desc)
    cal.add("x-wr-caldesc", desc)
    cal.add("url", page_url(catalog, page, lang))
    cal.add("source", catalog.config.url(feed), parameters={"VALUE": "URI"})
    cal.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", "P1D")
    zones = sorted({e.timezone for e in events} or {catalog.calendar.timezone})
    if events:
        first, last = _zone_range(events)
    else:  # an empty selection still needs a component to be a valid iCalendar object
        first = latest_date(catalog).replace(month=1, day=1)
        last = first.replace(year=first.year + ZONE_YEARS_AHEAD)
    # Each event appears in several feeds (all, its type, its city, its own file): its
    # VEVENTs are serialized once per language and spliced in, VTIMEZONEs first.
    body = b"".join(_zone_ical(zone, first, last) for zone in zones)
    body += b"".join(_event_ical(catalog, event, lang) for event in sorted(events, key=lambda e: e.id))
    head = cal.to_ical()
    end = b"END:VCALENDAR\r\n"
    assert head.endswith(end)
    return head[: -len(end)] + body + end


def _zone_ical(zone: str, first: dt.date, last: dt.date) -> bytes:
    # RRULE observances (see vtimezone.py): icalendar's own VTIMEZONEs put later years on one
    # comma-separated RDATE, of which ical.js reads only the first value.
    return vtimezone(zone, first, last)


def _event_ical(catalog, event: Event, lang: str) -> bytes:
    cache = catalog.__dict__.setdefault("_event_ical", {})  # memo on the immutable catalog
    key = (event.id, lang)
    if key not in cache:
        cache[key] = b"".join(c.to_ical() for c in components(catalog, event, lang))
    return cache[key]


def _selections(catalog, lang: str) -> list[tuple[str, Callable[[Event], bool], str, str]]:
    default = catalog.config.languages.default
    out = []
    for et in catalog.event_types:
        name = t(lang, "calendar_feed_selection", name=_pick(et.name, lang, default)[0])
        out.append((links.type_feed_path(et.id, lang), lambda e, tid=et.id: e.type == tid, name,
                    links.type_page(et.id)))
    for place in catalog.places:
        name = t(lang, "calendar_feed_selection", name=_pick(place.name, lang, default)[0])
        out.append((links.city_feed_path(place.id, lang), lambda e, pid=place.id: e.venue.city == pid, name,
                    links.city_page(place.id)))
    return out


def files(catalog) -> dict[str, bytes]:
    out = {}
    for lang in catalog.config.languages.all:
        events = list(catalog.events)
        out[links.feed_path(lang)] = calendar(catalog, events, lang, t(lang, "calendar_feed_title"),
                                              links.INDEX, links.feed_path(lang))
        for path, keep, name, page in _selections(catalog, lang):
            out[path] = calendar(catalog, [e for e in events if keep(e)], lang, name, page, path)
        for event in events:
            path = links.event_file_path(event.id, lang)
            title = _pick(event.title, lang, catalog.config.languages.default)[0]
            out[path] = calendar(catalog, [event], lang, title, links.event_page(event.id), path)
    return out

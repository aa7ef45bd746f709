"""site/api/events.json and its JSON Schema: every event with every field, plus its occurrences.

Occurrences are expanded up to the calendar's horizon (build date + horizon_days),
so a front end needs no recurrence library; the rule itself is there too, for
those that expand further.
"""

from __future__ import annotations

import datetime as dt

from coopsite.types.calendar import links
from coopsite.types.calendar import recurrence as rec
from coopsite.core import translations as ts
from coopsite.types.calendar.model import Event, Venue
from coopsite.types.recommendations.api import DATE, LOCALIZED, LOCALIZED_REQ, dump, loc
from coopsite.types.calendar.feeds import uid
from coopsite.core.links import latest_date, page_url

API_VERSION = 1


def _when(value: dt.datetime | dt.date | None) -> str | None:
    if value is None:
        return None
    return value.isoformat(timespec="minutes") if isinstance(value, dt.datetime) else value.isoformat()


def _venue(catalog, venue: Venue | None) -> dict | None:
    if venue is None:
        return None
    return {"name": loc(venue.name), "address": venue.address, "city": venue.city, "online": venue.online}


def _occurrence(catalog, occ: rec.Occurrence) -> dict:
    return {
        "original": occ.original.isoformat(),
        "start": _when(occ.start),
        "end": _when(occ.end),
        "all_day": occ.all_day,
        "status": "cancelled" if occ.cancelled else "confirmed",
        "moved": occ.moved,
        "note": loc(occ.note),
        "venue": _venue(catalog, occ.venue) if occ.venue is not occ.event.venue else None,
    }


def event_record(catalog, event: Event) -> dict:
    langs = catalog.config.languages
    item = ts.Item(kind="events", id=event.id, path=event.pos.path, record=event, translations=dict(event.translations))
    return {
        "id": event.id,
        "uid": uid(catalog, event),
        "type": event.type,
        "title": loc(event.title),
        "description": loc(event.description),
        "example": event.example,
        "cancelled": event.cancelled,
        "timezone": event.timezone,
        "all_day": event.all_day,
        "start": _when(event.start),
        "end": _when(event.end),
        "rrule": event.rrule,
        "exdates": [d.isoformat() for d in event.exdates],
        "changes": [{"original": c.original.isoformat(), "cancelled": c.cancelled, "start": _when(c.start),
                     "end": _when(c.end), "venue": _venue(catalog, c.venue), "note": loc(c.note)}
                    for c in sorted(event.changes, key=lambda c: c.original)],
        "venue": _venue(catalog, event.venue),
        "languages": list(event.languages),
        "organiser": loc(event.organiser),
        "contact": event.contact,
        "registration": event.registration,
        "recommendations": list(event.recommendations),
        "revision": {"sequence": event.revision.sequence,
                     "date": event.revision.date.isoformat() if event.revision.date else None},
        "translations": {lang: {"from": tr.from_lang, "state": ts.state_of(item, lang, langs.default)}
                         for lang, tr in sorted(event.translations.items())},
        "url": {lang: page_url(catalog, links.event_page(event.id), lang) for lang in langs.all},
        "ics": {lang: catalog.config.url(links.event_file_path(event.id, lang)) for lang in langs.all},
        "occurrences": [_occurrence(catalog, o) for o in rec.occurrences(catalog, event)],
        "source": event.pos.path,
    }


def events_document(catalog) -> dict:
    langs = catalog.config.languages
    return {
        "api_version": API_VERSION,
        "updated": latest_date(catalog).isoformat(),
        "build_date": catalog.today.isoformat(),
        "horizon": rec.horizon_end(catalog).isoformat(),
        "languages": list(langs.all),
        "default_language": langs.default,
        "feeds": {lang: catalog.config.url(links.feed_path(lang)) for lang in langs.all},
        "types": [{"id": et.id, "name": loc(et.name),
                   "feed": {lang: catalog.config.url(links.type_feed_path(et.id, lang)) for lang in langs.all}}
                  for et in catalog.event_types],
        "places": [{"id": p.id, "name": loc(p.name), "country": p.country, "timezone": p.timezone,
                    "feed": {lang: catalog.config.url(links.city_feed_path(p.id, lang)) for lang in langs.all}}
                   for p in catalog.places],
        "events": [event_record(catalog, e) for e in catalog.events],
    }


# JSON Schema (2020-12) of events.json, hand-written beside the serializer; the
# tests validate the real output against it.
LOCAL = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2})?$",
         "description": "Wall-clock time in the event's time zone (no offset), or a date for all-day events."}
LOCAL_OR_NULL = {**LOCAL, "type": ["string", "null"]}
AWARE = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}[+-]\d{2}:\d{2})?$",
         "description": "Date and time with the offset of the event's zone, or a date for all-day events."}
URI = {"type": "string", "format": "uri"}
FEEDS = {"type": "object", "additionalProperties": URI}
VENUE = {"type": ["object", "null"], "additionalProperties": False,
         "required": ["name", "address", "city", "online"],
         "properties": {"name": LOCALIZED, "address": {"type": ["string", "null"]},
                        "city": {"type": ["string", "null"]}, "online": {"type": ["string", "null"], "format": "uri"}}}


def events_schema(site_url: str) -> dict:
    occurrence = {
        "type": "object", "additionalProperties": False,
        "required": ["original", "start", "end", "all_day", "status", "moved"],
        "properties": {
            "original": {**DATE, "description": "The date the rule gives: the key of a change."},
            "start": AWARE, "end": {**AWARE, "description": "All-day events: the last day, inclusive."},
            "all_day": {"type": "boolean"},
            "status": {"enum": ["confirmed", "cancelled"]},
            "moved": {"type": "boolean"},
            "note": LOCALIZED,
            "venue": {**VENUE, "description": "Only when this occurrence takes place elsewhere."},
        },
    }
    event = {
        "type": "object", "additionalProperties": False,
        "required": ["id", "uid", "type", "title", "timezone", "all_day", "start", "end", "venue", "occurrences",
                     "url", "ics", "revision", "example", "cancelled"],
        "properties": {
            "id": {"type": "string", "pattern": "^[a-z][a-z0-9]*(-[a-z0-9]+)*$",
                   "description": "Stable identifier; never changes."},
            "uid": {"type": "string", "description": "The iCalendar UID of the event in every feed."},
            "type": {"type": "string"},
            "title": LOCALIZED_REQ, "description": LOCALIZED,
            "example": {"type": "boolean", "description": "Sample content, not a real activity."},
            "cancelled": {"type": "boolean"},
            "timezone": {"type": "string", "description": "IANA time zone, e.g. Europe/Brussels."},
            "all_day": {"type": "boolean"},
            "start": LOCAL, "end": {**LOCAL, "description": "All-day events: the last day, inclusive."},
            "rrule": {"type": ["string", "null"], "description": "RFC 5545 RRULE as written, on wall-clock time."},
            "exdates": {"type": "array", "items": DATE},
            "changes": {"type": "array", "items": {
                "type": "object", "additionalProperties": False, "required": ["original", "cancelled"],
                "properties": {"original": DATE, "cancelled": {"type": "boolean"}, "start": LOCAL_OR_NULL,
                               "end": LOCAL_OR_NULL, "venue": VENUE, "note": LOCALIZED}}},
            "venue": VENUE,
            "languages": {"type": "array", "items": {"type": "string"}},
            "organiser": LOCALIZED,
            "contact": {"type": ["string", "null"]},
            "registration": {"type": ["string", "null"], "format": "uri"},
            "recommendations": {"type": "array", "items": {"type": "string"}},
            "revision": {"type": "object", "additionalProperties": False, "required": ["sequence"],
                         "properties": {"sequence": {"type": "integer", "minimum": 0},
                                        "date": {**DATE, "type": ["string", "null"]}}},
            "translations": {"type": "object", "additionalProperties": {
                "type": "object", "required": ["from", "state"], "additionalProperties": False,
                "properties": {"from": {"type": "string"},
                               "state": {"enum": [ts.OK, ts.MISSING, ts.OUTDATED, ts.UNSTAMPED]}}}},
            "url": FEEDS, "ics": FEEDS,
            "occurrences": {"type": "array", "items": occurrence,
                            "description": "Every occurrence up to the document's horizon, in time order."},
            "source": {"type": "string", "description": "Source file in the repository."},
        },
    }
    named = {"type": "object", "required": ["id", "name", "feed"], "properties": {
        "id": {"type": "string"}, "name": LOCALIZED_REQ, "feed": FEEDS}}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": site_url.rstrip("/") + "/api/events.schema.json",
        "title": "Smart in Progress calendar",
        "type": "object", "additionalProperties": False,
        "required": ["api_version", "build_date", "horizon", "languages", "types", "places", "events", "feeds"],
        "properties": {
            "api_version": {"const": API_VERSION},
            "updated": DATE,
            "build_date": {**DATE, "description": "The day the document was built: occurrences before it are past."},
            "horizon": {**DATE, "description": "Occurrences are listed up to this day."},
            "languages": {"type": "array", "items": {"type": "string"}},
            "default_language": {"type": "string"},
            "feeds": FEEDS,
            "types": {"type": "array", "items": named},
            "places": {"type": "array", "items": {**named, "properties": {
                **named["properties"], "country": {"type": "string"}, "timezone": {"type": "string"}}}},
            "events": {"type": "array", "items": event},
        },
    }


def files(catalog) -> dict[str, bytes]:
    return {
        "api/events.json": dump(events_document(catalog)),
        "api/events.schema.json": dump(events_schema(catalog.config.site_url)),
    }

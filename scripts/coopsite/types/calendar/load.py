"""content/events/<id>.yml and the registries _types.yml and _places.yml -> Event models.

Every mistake becomes a positioned problem: a bad time, an unknown zone, a rule
that does not parse (pointed at the faulty part of the rule), a change of an
occurrence the rule never gives.
"""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo
from functools import lru_cache
from pathlib import Path

from babel import Locale

from coopsite.types.calendar import recurrence as rec
from coopsite.core.config import SiteConfig
from coopsite.core.i18n.text import read_localized, read_translations
from coopsite.core.model import frozen_map
from coopsite.types.calendar.model import (CalendarSettings, Event, EventType, OccurrenceChange, Place, Revision, Venue)
from coopsite.core.problems import Problems, did_you_mean
from coopsite.core.source import Pos, Reader, list_readers, load_yaml_file, parse_date

EVENTS_DIR = "content/events"
TYPES_FILE = f"{EVENTS_DIR}/_types.yml"
PLACES_FILE = f"{EVENTS_DIR}/_places.yml"

ID_RE = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
# Page names under calendar/ that an event id would collide with.
RESERVED_IDS = ("index", "past", "type", "city", "subscribe")
URL_RE = re.compile(r"^https?://[^\s]+$")
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$", re.I)
HOST_RE = re.compile(r"^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$")
COUNTRY_RE = re.compile(r"^[A-Z]{2}$")


def event_files(root: Path) -> list[Path]:
    folder = root / EVENTS_DIR
    return sorted(p for p in folder.glob("*.yml") if not p.name.startswith("_")) if folder.exists() else []


# --- settings and registries ------------------------------------------------------

def load_settings(cfg: SiteConfig) -> CalendarSettings:
    default_domain = re.sub(r"^https?://", "", CalendarSettings.uid_domain).split("/")[0]
    r = cfg.sections.get("calendar") if cfg.sections else None
    if r is None:
        return CalendarSettings(uid_domain=default_domain)
    horizon = r.int("horizon_days", default=365, minimum=1)
    if horizon > 3660:
        r.err("horizon_days", f"horizon_days {horizon} is more than ten years",
              "pages list recurring events this many days ahead; 365 is usual")
        horizon = 365
    tz = r.str("timezone", default="Europe/Brussels")
    if not rec.is_zone(tz):
        r.err("timezone", f"unknown time zone '{tz}'", zone_hint(tz))
        tz = "Europe/Brussels"
    domain = r.str("uid_domain", default=default_domain)
    if not HOST_RE.match(domain):
        r.err("uid_domain", f"uid_domain must be a host name like smartinprogress.example.org, found '{domain}'")
        domain = default_domain
    r.finish()
    return CalendarSettings(horizon_days=horizon, timezone=tz, uid_domain=domain)


@lru_cache(maxsize=1)
def _zone_names() -> tuple[str, ...]:
    return tuple(sorted(z for z in zoneinfo.available_timezones() if "/" in z))


def zone_hint(name: str) -> str:
    close = did_you_mean(name, _zone_names())
    if close.startswith("did you mean"):
        return close
    return "write an IANA zone name such as Europe/Brussels or Europe/Paris"


def _registry(root: Path, rel: str, problems: Problems, needed: bool) -> list[Reader]:
    path = root / rel
    if not path.exists():
        if needed:
            problems.error(rel, 0, 0, f"registry file {Path(rel).name} is missing",
                           hint=f"create {rel}; see README.md, section 'Calendar'")
        return []
    return list_readers(load_yaml_file(path, rel, problems), rel, problems, Path(rel).name)


def load_types(root: Path, cfg: SiteConfig, problems: Problems) -> tuple[EventType, ...]:
    out = []
    for r in _registry(root, TYPES_FILE, problems, bool(event_files(root))):
        tid = r.str("id", required=True)
        if tid and not ID_RE.match(tid):
            r.err("id", f"type id '{tid}' may only contain lower-case letters, digits and single dashes")
        name = read_localized(r, "name", cfg.languages, required=True)
        r.finish()
        if tid and name:
            out.append(EventType(id=tid, name=name, pos=r.pos()))
    return tuple(out)


def load_places(root: Path, cfg: SiteConfig, settings: CalendarSettings,
                problems: Problems) -> tuple[Place, ...]:
    out = []
    for r in _registry(root, PLACES_FILE, problems, False):
        pid = r.str("id", required=True)
        if pid and not ID_RE.match(pid):
            r.err("id", f"place id '{pid}' may only contain lower-case letters, digits and single dashes")
        name = read_localized(r, "name", cfg.languages, required=True)
        country = r.str("country", required=True)
        if country and not COUNTRY_RE.match(country):
            r.err("country", f"country must be a two-letter code such as BE or FR, found '{country}'")
        tz = r.str("timezone", default=settings.timezone)
        if not rec.is_zone(tz):
            r.err("timezone", f"unknown time zone '{tz}'", zone_hint(tz))
            tz = settings.timezone
        r.finish()
        if pid and name:
            out.append(Place(id=pid, name=name, country=country or "", timezone=tz, pos=r.pos()))
    return tuple(out)


# --- events ---------------------------------------------------------------------

def load_events(root: Path, cfg: SiteConfig, settings: CalendarSettings, problems: Problems, *,
                types: tuple[EventType, ...], places: tuple[Place, ...], recommendations: set[str],
                drafts: bool = False) -> tuple[Event, ...]:
    ctx = EventContext(cfg, settings, {t.id for t in types}, {p.id: p for p in places}, recommendations)
    out = []
    for path in event_files(root):
        rel = path.relative_to(root).as_posix()
        node = load_yaml_file(path, rel, problems)
        if node is None:
            continue
        event = read_event(Reader(node, rel, problems), ctx, file_stem=path.stem)
        if event is None:
            continue
        if event.draft and not drafts:
            continue
        if event.example and not cfg.examples:
            continue  # production builds: the examples switch in coopsite.yml
        out.append(event)
    return tuple(sorted(out, key=lambda e: e.id))


class EventContext:
    """What reading an event checks against: settings and the registries' ids."""

    def __init__(self, cfg, settings, types, places, recommendations):
        self.cfg, self.settings, self.types, self.places, self.recommendations = \
            cfg, settings, types, places, recommendations


def _when(r: Reader, key: str, required: bool = False) -> dt.datetime | dt.date | None:
    value = r.str(key, required=required,
                  hint=f"add '{key}: YYYY-MM-DD HH:MM' (or only the date for an all-day event)")
    if not value:
        return None
    when, why = rec.parse_when(value)
    if when is None:
        if why == "offset":
            r.err(key, f"'{key}' gives a UTC offset: '{value}'",
                  "write the local time without offset (2026-12-17 19:00) and the zone in 'timezone:'")
        else:
            r.err(key, f"'{key}' is not a date and time: '{value}'",
                  "write YYYY-MM-DD HH:MM (24-hour clock), or YYYY-MM-DD for an all-day event")
    return when


def _venue(vr: Reader | None, ctx: EventContext) -> Venue:
    if vr is None:
        return Venue()
    name = read_localized(vr, "name", ctx.cfg.languages)
    address = vr.str("address")
    city = vr.choice("city", ctx.places, what="place")
    online = vr.str("online")
    if online and not URL_RE.match(online):
        vr.err("online", f"'{online}' is not a web address", "write the full link, starting with https://")
        online = None
    vr.finish()
    return Venue(name=name, address=address or None, city=city, online=online, pos=vr.pos())


@lru_cache(maxsize=1)
def _language_codes() -> frozenset[str]:
    return frozenset(Locale.parse("en").languages)


def read_event(r: Reader, ctx: EventContext, *, file_stem: str) -> Event | None:
    if not r.ok:
        return None
    langs = ctx.cfg.languages
    eid = r.str("id", required=True)
    if eid and not ID_RE.match(eid):
        r.err("id", f"id '{eid}' must start with a letter and contain only lower-case letters, digits and "
                    "single dashes", "for example productievergadering-brussel")
    elif eid and eid in RESERVED_IDS:
        r.err("id", f"id '{eid}' is reserved for a page of the calendar", "choose a more specific id")
    elif eid and eid != file_stem:
        r.err("id", f"id '{eid}' does not match the file name '{file_stem}.yml'",
              f"rename the file to {eid}.yml (ids never change once published: calendars track them)")
    example = r.bool("example", default=False)
    draft = r.bool("draft", default=False)
    etype = r.choice("type", ctx.types, required=True, what="event type")
    title = read_localized(r, "title", langs, required=True)
    description = read_localized(r, "description", langs, multiline=True)
    venue = _venue(r.sub("venue"), ctx)
    if not venue.in_person and not venue.online and r.ok:
        r.missing("venue", "add 'venue:' with a 'city:' (and 'address:' when known) and/or an 'online:' link")

    tz = r.str("timezone")
    if tz and not rec.is_zone(tz):
        r.err("timezone", f"unknown time zone '{tz}'", zone_hint(tz))
        tz = None
    if not tz:
        place = ctx.places.get(venue.city or "")
        tz = place.timezone if place else ctx.settings.timezone

    start = _when(r, "start", required=True)
    end = _when(r, "end")
    end = _check_span(r, start, end)

    rrule = r.str("rrule")
    if rrule and start is not None:
        rule, errors = rec.parse_rule(rrule, not isinstance(start, dt.datetime), tz)
        line, col = r.value_pos("rrule")
        for e in errors:
            r.problems.error(r.relpath, line, col + e.offset, f"rrule: {e.message}",
                             e.hint or "see RFC 5545 section 3.3.10; e.g. FREQ=MONTHLY;BYDAY=3TH")
        if rule is None:
            rrule = None
    exdates = _dates(r, "exdates")
    changes = _changes(r, ctx, start)

    languages = tuple(r.str_list("languages", choices=sorted(_language_codes()), what="language code"))
    organiser = read_localized(r, "organiser", langs)
    contact = r.str("contact")
    if contact and not EMAIL_RE.match(contact):
        r.err("contact", f"'{contact}' is not an e-mail address")
        contact = None
    registration = r.str("registration")
    if registration and not URL_RE.match(registration):
        r.err("registration", f"'{registration}' is not a web address", "write the full link, starting with https://")
        registration = None
    recs = r.str_list("recommendations", choices=ctx.recommendations, what="recommendation")
    cancelled = r.bool("cancelled", default=False)
    revision = _revision(r.sub("revision"))
    translations = read_translations(r, langs)
    r.finish()
    if not (eid and etype and title and start is not None and end is not None):
        return None
    event = Event(id=eid, type=etype, title=title, description=description, start=start, end=end, timezone=tz, rrule=rrule, exdates=tuple(d for d, _ in exdates),
                  changes=tuple(c for c, _ in changes), venue=venue, languages=languages, organiser=organiser, contact=contact, registration=registration, recommendations=tuple(recs),
                  cancelled=cancelled, example=example, draft=draft, revision=revision, translations=frozen_map(translations), pos=r.pos(),
                  where=frozen_map(r.positions()))
    _check_schedule(r, event, exdates, changes)
    return event


def _check_span(r: Reader, start, end):
    """The end of an event: required for timed events, after the start, of the same kind."""
    if start is None:
        return None
    all_day = not isinstance(start, dt.datetime)
    if end is None:
        if all_day:
            return start  # one whole day
        r.missing("end", "add 'end: YYYY-MM-DD HH:MM' (when the event finishes)")
        return None
    if all_day != (not isinstance(end, dt.datetime)):
        r.err("end", "'start' and 'end' must both have a time, or both be dates only (an all-day event)")
        return None
    if (end < start) if all_day else (end <= start):
        r.err("end", f"the event ends before it starts ({end} is not after {start})",
              "check the dates; for an all-day event, 'end' is the last day")
        return None
    return end


def _dates(r: Reader, key: str) -> list[tuple[dt.date, tuple[int, int]]]:
    value = r.raw(key)
    if value is None:
        return []
    if not isinstance(value, list):
        r.err(key, f"'{key}' must be a list of dates, e.g. [2026-12-17, 2027-04-15]")
        return []
    out = []
    for i, item in enumerate(value):
        pos = r.item_pos(value, i)
        day = parse_date(str(item))
        if day is None:
            r.problems.error(r.relpath, pos[0], pos[1], f"'{item}' in '{key}' is not a date",
                             "write the date as YYYY-MM-DD")
            continue
        out.append((day, pos))
    return out


def _changes(r: Reader, ctx: EventContext, start) -> list[tuple[OccurrenceChange, tuple[int, int]]]:
    """`occurrences:` keyed by the date the rule gives, each saying what changes on that date."""
    value = r.raw("occurrences")
    if value is None:
        return []
    if not isinstance(value, dict):
        r.err("occurrences", "'occurrences' must be a mapping keyed by date",
              "write e.g. '  2026-12-17: {cancelled: true}'")
        return []
    sub = Reader(value, r.relpath, r.problems, line_offset=r.line_offset, at=r.value_pos("occurrences"),
                 what="'occurrences'")
    all_day = start is not None and not isinstance(start, dt.datetime)
    out = []
    for key in list(value):
        sub.known.add(key)
        at = sub.key_pos(key)
        day = parse_date(str(key))
        if day is None:
            r.problems.error(r.relpath, at[0], at[1], f"'{key}' is not a date",
                             "key each changed occurrence by the date the rule gives, as YYYY-MM-DD")
            continue
        one = sub.sub(key)
        if one is None:
            continue
        cancelled = one.bool("cancelled", default=False)
        new_start = _when(one, "start")
        new_end = _when(one, "end")
        for k, v in (("start", new_start), ("end", new_end)):
            if v is not None and start is not None and (not isinstance(v, dt.datetime)) != all_day:
                one.err(k, f"'{k}' must be {'a date' if all_day else 'a date and time'}, like the event's start")
        if new_end is not None and new_start is None:
            one.err("end", "a changed end needs the start too", "add 'start:' (the new or the same start)")
        if new_start is not None and new_end is not None and (new_end < new_start if all_day else new_end <= new_start):
            one.err("end", f"this occurrence ends before it starts ({new_end} is not after {new_start})")
        venue = _venue(one.sub("venue"), ctx) if one.has("venue") else None
        note = read_localized(one, "note", ctx.cfg.languages, multiline=True)
        one.finish()
        if not cancelled and new_start is None and venue is None and note is None:
            r.problems.warning(r.relpath, at[0], at[1], f"the change of {day} changes nothing",
                               "add 'cancelled: true', a new 'start:'/'end:', a 'venue:' or a 'note:'")
        out.append((OccurrenceChange(original=day, cancelled=cancelled, start=new_start, end=new_end, venue=venue, note=note, pos=Pos(r.relpath, *at)), at))
    return out


def _revision(rr: Reader | None) -> Revision:
    if rr is None:
        return Revision()
    seq = rr.int("sequence", default=0, minimum=0)
    date = rr.date("date")
    fp = rr.str("fingerprint")
    rr.finish()
    return Revision(sequence=seq, date=date, fingerprint=fp, pos=rr.pos())


def _check_schedule(r: Reader, event: Event, exdates, changes) -> None:
    """Rules that need the whole event: the rule against start, exdates and changed occurrences."""
    err = r.problems.error
    if not event.all_day and rec.nonexistent(event.start, event.timezone):
        r.err("start", f"{event.start:%Y-%m-%d %H:%M} does not exist in {event.timezone}: the clocks skip it "
                       "for daylight-saving time", "choose another time", warning=True)
    if not event.recurring:
        for day, pos in exdates:
            err(r.relpath, pos[0], pos[1], "'exdates' only apply to a recurring event",
                "add an 'rrule:', or remove 'exdates'")
            break
        for change, pos in changes:
            err(r.relpath, pos[0], pos[1], "'occurrences' only apply to a recurring event",
                "to move a single event, change its 'start' and 'end'")
            break
        return
    rule = rec.rule_of(event)
    if rule is None:
        return
    first = next(iter(rule), None)
    start = event.start if isinstance(event.start, dt.datetime) else dt.datetime.combine(event.start, dt.time())
    if first is None:
        r.err("rrule", "the rule gives no occurrence at all", "check UNTIL and COUNT against 'start'")
        return
    if first != start:
        shown = f"{first:%Y-%m-%d}" if event.all_day else f"{first:%Y-%m-%d %H:%M}"
        given = f"{event.start:%Y-%m-%d}" if event.all_day else f"{event.start:%Y-%m-%d %H:%M}"
        r.err("start", f"the start {given} is not an occurrence of the rule (its first is {shown})",
              "make 'start' the first occurrence: calendar apps disagree on a start outside the rule")
    excluded = {day for day, _ in exdates}
    for day, pos in exdates:
        if not rec.produces(event, day):
            err(r.relpath, pos[0], pos[1], f"the rule never gives {day}, so it cannot be excluded",
                _near(rule, event, day))
    for change, pos in changes:
        if change.original in excluded:
            err(r.relpath, pos[0], pos[1], f"{change.original} is excluded in 'exdates' and also changed here",
                "keep one: exclude it (gone without a trace) or cancel it here (shown as cancelled)")
        elif not rec.produces(event, change.original):
            err(r.relpath, pos[0], pos[1], f"the rule never gives {change.original}: there is no occurrence "
                f"to change", _near(rule, event, change.original))


def _near(rule, event: Event, day: dt.date) -> str:
    at = dt.datetime.combine(day, dt.time())
    before = rule.before(at, inc=False)
    after = rule.after(at, inc=True)
    near = [d.date().isoformat() for d in (before, after) if d is not None]
    return ("key it by a date the rule gives; nearest: " + ", ".join(near)) if near else \
        "key it by a date the rule gives"


def load(ctx) -> dict:
    """The type's load face: settings, event types, places and events (which may name recommendations)."""
    settings = load_settings(ctx.config)
    event_types = load_types(ctx.root, ctx.config, ctx.problems)
    places = load_places(ctx.root, ctx.config, settings, ctx.problems)
    recs = {r.id for r in ctx.loaded.get("recommendations", ())}
    events = load_events(ctx.root, ctx.config, settings, ctx.problems, types=event_types, places=places,
                         recommendations=recs, drafts=ctx.drafts)
    return {"calendar": settings, "event_types": event_types, "places": places, "events": events}


def translation_items(catalog):
    from coopsite.core.translations import Item

    for e in catalog.events:
        yield Item(kind="events", id=e.id, path=e.pos.path, record=e, translations=dict(e.translations))


def dates(catalog):
    """Events are dated by their revisions (never by their future start dates)."""
    return [e.revision.date for e in catalog.events if e.revision.date]

"""Event times and recurrence: parsing what contributors write, and expanding it into occurrences.

Occurrences are computed the way calendar apps compute them from the feed
(RFC 5545): the rule runs on the wall-clock time of the event's time zone, so
a meeting at 19:00 stays at 19:00 across daylight-saving changes. The pages
use this module; the feed carries the rule itself (feeds/calendar.py), and
the tests check that recurring-ical-events computes the same occurrences.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dateutil.rrule import rrulestr

from coopsite.core.model import Localized
from coopsite.types.calendar.model import Event, OccurrenceChange, Venue
from coopsite.core.problems import did_you_mean

# --- times as written -------------------------------------------------------

_WHEN = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$")
_OFFSET = re.compile(r"(Z|[+-]\d{2}:?\d{2})$")


def parse_when(text: str) -> tuple[dt.datetime | dt.date | None, str]:
    """'2026-12-17 19:00' -> naive datetime; '2026-12-17' -> date. Else (None, why)."""
    text = text.strip()
    if _OFFSET.search(text) and ":" in text:
        return None, "offset"
    m = _WHEN.match(text)
    if not m:
        return None, "format"
    try:
        day = dt.date.fromisoformat(m.group(1))
        if m.group(2) is None:
            return day, ""
        return dt.datetime(day.year, day.month, day.day, int(m.group(2)), int(m.group(3)),
                           int(m.group(4) or 0)), ""
    except ValueError:
        return None, "format"


@lru_cache(maxsize=64)
def zone(name: str) -> ZoneInfo | None:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def is_zone(name: str) -> bool:
    # A zone must be a Region/City name: 'CET' or 'UTC+1' exist in tzdata but
    # calendar apps map them inconsistently.
    return "/" in name and zone(name) is not None


def local(naive: dt.datetime, tz: str) -> dt.datetime:
    return naive.replace(tzinfo=zone(tz))


def nonexistent(naive: dt.datetime, tz: str) -> bool:
    """A wall-clock time skipped by a daylight-saving change (e.g. 02:30 on the last Sunday of March)."""
    aware = local(naive, tz)
    back = aware.astimezone(dt.timezone.utc).astimezone(zone(tz)).replace(tzinfo=None)
    return back != naive


# --- the RRULE -----------------------------------------------------------------

FREQS = ("DAILY", "WEEKLY", "MONTHLY", "YEARLY")
DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
PARTS = ("FREQ", "UNTIL", "COUNT", "INTERVAL", "BYSECOND", "BYMINUTE", "BYHOUR", "BYDAY", "BYMONTHDAY",
         "BYYEARDAY", "BYWEEKNO", "BYMONTH", "BYSETPOS", "WKST")
_RANGES = {"BYSECOND": (0, 60, False), "BYMINUTE": (0, 59, False), "BYHOUR": (0, 23, False),
           "BYMONTHDAY": (1, 31, True), "BYYEARDAY": (1, 366, True), "BYWEEKNO": (1, 53, True),
           "BYMONTH": (1, 12, False), "BYSETPOS": (1, 366, True)}
_BYDAY = re.compile(r"^([+-]?)(\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)$")
_UNTIL = re.compile(r"^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z?))?$")


@dataclass(frozen=True, kw_only=True)
class RuleError:
    offset: int  # 0-based character offset in the rule text
    message: str
    hint: str = ""


@dataclass(frozen=True, kw_only=True)
class Rule:
    parts: tuple[tuple[str, str], ...]  # (NAME, VALUE) in the order written, upper case
    until: dt.datetime | dt.date | None  # UNTIL as wall-clock time of the event's zone (or a date)

    def get(self, name: str) -> str | None:
        return next((v for k, v in self.parts if k == name), None)


def parse_rule(text: str, all_day: bool, tz: str) -> tuple[Rule | None, list[RuleError]]:
    """Check an RRULE value part by part, so a mistake can be pointed at; never raises."""
    errors: list[RuleError] = []
    base = 0
    body = text
    if body.upper().startswith("RRULE:"):
        base, body = 6, body[6:]
    parts: list[tuple[str, str]] = []
    offsets: dict[str, int] = {}
    pos = base
    for chunk in body.split(";"):
        at = pos
        pos += len(chunk) + 1
        if not chunk.strip():
            if at < len(text):
                errors.append(RuleError(offset=at, message="empty part in the rule (two ';' in a row, or one at the end)",
                                        hint="remove the extra ';'"))
            continue
        if "=" not in chunk:
            errors.append(RuleError(offset=at, message=f"'{chunk}' is not NAME=VALUE", hint="write parts like FREQ=MONTHLY;BYDAY=3TH"))
            continue
        name, value = chunk.split("=", 1)
        name = name.strip().upper()
        if name not in PARTS:
            errors.append(RuleError(offset=at, message=f"unknown rule part '{name}'", hint=did_you_mean(name, PARTS)))
            continue
        if name in offsets:
            errors.append(RuleError(offset=at, message=f"'{name}' appears twice in the rule", hint="keep one"))
            continue
        offsets[name] = at
        parts.append((name, value.strip().upper()))
    found = dict(parts)
    until = None
    freq = found.get("FREQ")
    if freq is None:
        if not errors:
            errors.append(RuleError(offset=base, message="the rule has no FREQ", hint="start with FREQ=DAILY, WEEKLY, MONTHLY or YEARLY"))
    elif freq not in FREQS:
        sub_daily = freq in ("HOURLY", "MINUTELY", "SECONDLY")
        errors.append(RuleError(offset=offsets["FREQ"], message=f"FREQ={freq} is not supported for events" if sub_daily
                                else f"unknown frequency '{freq}'", hint=did_you_mean(freq, FREQS)))
    for name in ("COUNT", "INTERVAL"):
        if name in found and not (found[name].isdigit() and int(found[name]) >= 1):
            errors.append(RuleError(offset=offsets[name], message=f"{name} must be a whole number of at least 1, found '{found[name]}'"))
    if "COUNT" in found and "UNTIL" in found:
        errors.append(RuleError(offset=offsets["UNTIL"], message="a rule has COUNT or UNTIL, not both", hint="keep one of them"))
    if "UNTIL" in found:
        until, why = _until(found["UNTIL"], all_day, tz)
        if why:
            errors.append(RuleError(offset=offsets["UNTIL"], message=why, hint="write UNTIL=YYYYMMDD (the last day, inclusive)"))
    if "BYDAY" in found:
        for item in found["BYDAY"].split(","):
            m = _BYDAY.match(item)
            if not m:
                errors.append(RuleError(offset=offsets["BYDAY"], message=f"'{item}' is not a weekday", hint="use MO TU WE TH FR SA SU, "
                                        "with a number for 'the nth' (3TH = third Thursday, -1FR = last Friday)"))
            elif m.group(2) and freq not in ("MONTHLY", "YEARLY"):
                errors.append(RuleError(offset=offsets["BYDAY"], message=f"'{item}': a numbered weekday needs FREQ=MONTHLY or "
                                        "YEARLY", hint="for a weekly rule write the day alone, e.g. BYDAY=TH"))
            elif m.group(2) and not 1 <= int(m.group(2)) <= 53:
                errors.append(RuleError(offset=offsets["BYDAY"], message=f"'{item}': the number must be between 1 and 53"))
    if "WKST" in found and found["WKST"] not in DAYS:
        errors.append(RuleError(offset=offsets["WKST"], message=f"WKST must be a weekday, found '{found['WKST']}'",
                                hint=did_you_mean(found["WKST"], DAYS)))
    for name, (low, high, signed) in _RANGES.items():
        if name not in found:
            continue
        for item in found[name].split(","):
            num = item[1:] if signed and item[:1] in "+-" else item
            if not num.isdigit() or not low <= int(num) <= high or int(num) == 0 and low > 0:
                span = f"{'±' if signed else ''}{low} to {high}"
                errors.append(RuleError(offset=offsets[name], message=f"{name} value '{item}' is out of range ({span})"))
    if "BYWEEKNO" in found and freq != "YEARLY":
        errors.append(RuleError(offset=offsets["BYWEEKNO"], message="BYWEEKNO needs FREQ=YEARLY"))
    if "BYSETPOS" in found and not any(k.startswith("BY") and k != "BYSETPOS" for k in found):
        errors.append(RuleError(offset=offsets["BYSETPOS"], message="BYSETPOS needs another BY... part to pick from"))
    if all_day and any(k in found for k in ("BYHOUR", "BYMINUTE", "BYSECOND")):
        errors.append(RuleError(offset=base, message="an all-day event cannot repeat by hour, minute or second"))
    if errors:
        return None, errors
    rule = Rule(parts=tuple(parts), until=until)
    try:  # the final word: the library that expands it must accept it too
        rrulestr(dateutil_text(rule, all_day), dtstart=dt.datetime(2000, 1, 1))
    except (ValueError, TypeError) as exc:
        return None, [RuleError(offset=base, message=f"invalid rule: {exc}")]
    return rule, []


def _until(value: str, all_day: bool, tz: str) -> tuple[dt.datetime | dt.date | None, str]:
    m = _UNTIL.match(value)
    if not m:
        return None, f"UNTIL '{value}' is not a date"
    try:
        day = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if m.group(4) is None:
            # A date: the whole day counts, in the event's zone.
            return (day if all_day else dt.datetime.combine(day, dt.time(23, 59, 59))), ""
        moment = dt.datetime(day.year, day.month, day.day, int(m.group(4)), int(m.group(5)), int(m.group(6)))
    except ValueError:
        return None, f"UNTIL '{value}' is not a valid date"
    if all_day:
        return None, "for an all-day event UNTIL must be a date without a time"
    if m.group(7):  # UTC, as RFC 5545 writes it: back to the event's wall clock
        moment = moment.replace(tzinfo=dt.timezone.utc).astimezone(zone(tz)).replace(tzinfo=None)
    return moment, ""


def _until_text(until: dt.datetime | dt.date) -> str:
    if isinstance(until, dt.datetime):
        return until.strftime("%Y%m%dT%H%M%S")
    return until.strftime("%Y%m%d")


def dateutil_text(rule: Rule, all_day: bool) -> str:
    """The rule for dateutil, on naive wall-clock time (UNTIL in the same clock)."""
    out = []
    for name, value in rule.parts:
        if name == "UNTIL":
            until = rule.until
            if all_day and isinstance(until, dt.date) and not isinstance(until, dt.datetime):
                until = dt.datetime.combine(until, dt.time())
            value = _until_text(until)
        out.append(f"{name}={value}")
    return ";".join(out)


def ics_text(rule: Rule, all_day: bool, tz: str) -> str:
    """The rule for the feed: FREQ first, UNTIL in UTC for timed events (RFC 5545, 3.3.10)."""
    ordered = sorted(rule.parts, key=lambda p: p[0] != "FREQ")
    out = []
    for name, value in ordered:
        if name == "UNTIL":
            if all_day:
                value = _until_text(rule.until)
            else:
                value = local(rule.until, tz).astimezone(dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
        out.append(f"{name}={value}")
    return ";".join(out)


def rule_of(event: Event):
    """A dateutil rule for a recurring event (wall-clock time), or None."""
    if not event.rrule:
        return None
    rule, errors = parse_rule(event.rrule, event.all_day, event.timezone)
    if rule is None:
        return None
    return rrulestr(dateutil_text(rule, event.all_day), dtstart=_naive(event.start))


def _naive(value: dt.datetime | dt.date) -> dt.datetime:
    return value if isinstance(value, dt.datetime) else dt.datetime.combine(value, dt.time())


def original_start(event: Event, day: dt.date) -> dt.datetime | dt.date:
    """The wall-clock start the rule gives on `day` (time of the first occurrence)."""
    if event.all_day:
        return day
    return dt.datetime.combine(day, event.start.time())


def produces(event: Event, day: dt.date) -> bool:
    rule = rule_of(event)
    return rule is not None and _naive(original_start(event, day)) in rule


# --- occurrences ---------------------------------------------------------------

@dataclass(frozen=True, kw_only=True)
class Occurrence:
    """One occurrence of an event, as shown on the pages and computed by calendar apps."""

    event: Event
    original: dt.date  # the day the rule (or the event) gives: the key of changes
    start: dt.datetime | dt.date  # aware datetime in the event's zone, or a date (all day)
    end: dt.datetime | dt.date  # aware datetime, or the last day inclusive (all day)
    cancelled: bool = False
    moved: bool = False
    note: Localized | None = None
    venue: Venue | None = None

    @property
    def all_day(self) -> bool:
        return not isinstance(self.start, dt.datetime)

    @property
    def first_day(self) -> dt.date:
        return self.start if self.all_day else self.start.date()

    @property
    def last_day(self) -> dt.date:
        if self.all_day:
            return self.end
        # an event ending at midnight does not occupy the next day
        end = self.end - dt.timedelta(microseconds=1) if self.end > self.start else self.end
        return end.date()

    @property
    def sort_key(self) -> tuple:
        moment = self.start if not self.all_day else \
            dt.datetime.combine(self.start, dt.time(), zone(self.event.timezone))
        return (moment.astimezone(dt.timezone.utc), self.all_day is False, self.event.id)

    def days(self) -> list[dt.date]:
        n = (self.last_day - self.first_day).days
        return [self.first_day + dt.timedelta(days=i) for i in range(n + 1)]


def _duration(event: Event) -> dt.timedelta:
    # Wall-clock duration: what the contributor wrote, 19:00-21:00 is two hours on every date.
    return _naive(event.end) - _naive(event.start)


def expand(event: Event, until: dt.date) -> list[Occurrence]:
    """Every occurrence that starts on or before `until` (all of them for a single event)."""
    tz = event.timezone
    changes = {c.original: c for c in event.changes}
    starts: list[dt.datetime | dt.date]
    if not event.recurring:
        starts = [event.start]
    else:
        rule = rule_of(event)
        if rule is None:
            return []
        # A series that begins beyond the horizon still shows its first date.
        limit = dt.datetime.combine(max(until, _naive(event.start).date()), dt.time(23, 59, 59))
        starts = []
        excluded = set(event.exdates)
        for naive in rule.between(_naive(event.start), limit, inc=True):
            if naive.date() not in excluded:
                starts.append(naive.date() if event.all_day else naive)
    duration = _duration(event)
    out = []
    for start in starts:
        day = start if event.all_day else start.date()
        change: OccurrenceChange | None = changes.get(day)
        new_start = change.start if change and change.start is not None else start
        new_end = change.end if change and change.end is not None else new_start + duration
        moved = (new_start, new_end) != (start, start + duration)
        if not event.all_day:
            new_start, new_end = local(new_start, tz), local(new_end, tz)
        out.append(Occurrence(event=event, original=day, start=new_start, end=new_end,
                              cancelled=event.cancelled or bool(change and change.cancelled), moved=moved,
                              note=change.note if change else None,
                              venue=change.venue if change and change.venue else event.venue))
    return out


def occurrences(catalog, event: Event) -> list[Occurrence]:
    """An event's occurrences up to the catalog's horizon, memoised on the (immutable) catalog."""
    cache = catalog.__dict__.setdefault("_occurrences", {})
    if event.id not in cache:
        cache[event.id] = expand(event, horizon_end(catalog))
    return cache[event.id]


def horizon_end(catalog) -> dt.date:
    return catalog.today + dt.timedelta(days=catalog.calendar.horizon_days)


def all_occurrences(catalog) -> list[Occurrence]:
    return sorted((o for e in catalog.events for o in occurrences(catalog, e)), key=lambda o: o.sort_key)


def upcoming(catalog, *, include_cancelled: bool = True) -> list[Occurrence]:
    """Occurrences still to come or going on at the build date."""
    return [o for o in all_occurrences(catalog)
            if o.last_day >= catalog.today and (include_cancelled or not o.cancelled)]


def past(catalog) -> list[Occurrence]:
    return [o for o in all_occurrences(catalog) if o.last_day < catalog.today]

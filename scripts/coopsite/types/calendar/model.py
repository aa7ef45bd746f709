"""The calendar's model: events, their types, places, venues, revisions and changed occurrences."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Mapping

from coopsite.core.model import NOWHERE, Localized, Translation, frozen_map
from coopsite.core.source import Pos


# --- events ---
# Times in events are wall-clock times of the event's own time zone, kept
# naive here: recurrence is computed on wall-clock time (RFC 5545), and the
# zone is attached only when a moment is shown or written to a feed.

@dataclass(frozen=True, kw_only=True)
class EventType:
    id: str
    name: Localized
    pos: Pos = field(default=NOWHERE, compare=False)


@dataclass(frozen=True, kw_only=True)
class Place:
    """A city (or venue) events take place in: the city filter, its feed and its default time zone."""

    id: str
    name: Localized
    country: str
    timezone: str
    pos: Pos = field(default=NOWHERE, compare=False)


@dataclass(frozen=True, kw_only=True)
class Venue:
    name: Localized | None = None
    address: str | None = None  # street and number; None = to be announced
    city: str | None = None  # a Place id
    online: str | None = None  # link to the online meeting
    pos: Pos = field(default=NOWHERE, compare=False)

    @property
    def in_person(self) -> bool:
        return bool(self.city or self.address or self.name)


@dataclass(frozen=True, kw_only=True)
class OccurrenceChange:
    """One occurrence of a recurring event moved or cancelled, keyed by the date the rule gives."""

    original: dt.date
    cancelled: bool = False
    start: dt.datetime | dt.date | None = None  # new wall-clock start; None = unchanged
    end: dt.datetime | dt.date | None = None
    venue: Venue | None = None
    note: Localized | None = None
    pos: Pos = field(default=NOWHERE, compare=False)


@dataclass(frozen=True, kw_only=True)
class Revision:
    """Which published version of the event this is: iCalendar SEQUENCE, DTSTAMP and LAST-MODIFIED.

    `fingerprint` is the schedule fingerprint (see event_revision.py) recorded when
    `sequence` was last raised; `coopsite check` warns when the schedule changed since.
    """

    sequence: int = 0
    date: dt.date | None = None
    fingerprint: str | None = None
    pos: Pos = field(default=NOWHERE, compare=False)


@dataclass(frozen=True, kw_only=True)
class Event:
    id: str
    type: str  # an EventType id
    title: Localized
    description: Localized | None
    start: dt.datetime | dt.date  # naive wall-clock time, or a date for all-day events
    end: dt.datetime | dt.date  # all-day events: the last day, inclusive
    timezone: str  # IANA name, e.g. Europe/Brussels
    rrule: str | None = None  # RFC 5545 RRULE value as written, validated
    exdates: tuple[dt.date, ...] = ()
    changes: tuple[OccurrenceChange, ...] = ()
    venue: Venue = field(default_factory=Venue)
    languages: tuple[str, ...] = ()  # languages spoken at the event
    organiser: Localized | None = None
    contact: str | None = None  # e-mail address
    registration: str | None = None  # link
    recommendations: tuple[str, ...] = ()
    cancelled: bool = False
    example: bool = False
    draft: bool = False
    revision: Revision = field(default_factory=Revision, compare=False,
                               metadata={"skip_translation": True})
    translations: Mapping[str, Translation] = field(default_factory=frozen_map, compare=False,
                                                    metadata={"skip_translation": True})
    pos: Pos = field(default=NOWHERE, compare=False)
    where: Mapping[str, Pos] = field(default_factory=frozen_map, compare=False,
                                     metadata={"skip_translation": True})

    def at(self, key: str) -> Pos:
        return self.where.get(key, self.pos)

    @property
    def all_day(self) -> bool:
        return not isinstance(self.start, dt.datetime)

    @property
    def recurring(self) -> bool:
        return bool(self.rrule)


@dataclass(frozen=True, kw_only=True)
class CalendarSettings:
    """The `calendar:` section of coopsite.yml."""

    horizon_days: int = 365  # how far ahead recurring events are listed on the pages and in the API
    timezone: str = "Europe/Brussels"  # zone of events that give neither a zone nor a city
    uid_domain: str = "smartinprogress.example.org"  # right-hand side of the events' UIDs; never change it

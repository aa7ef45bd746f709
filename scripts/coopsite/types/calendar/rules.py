"""Cross-file rules of the calendar: unique ids, languages by policy, revisions up to date."""

from __future__ import annotations

from coopsite.core.problems import Problems
from coopsite.core.rules import check_languages, unique
from coopsite.types.calendar import revision


def check_events(catalog, problems: Problems) -> None:
    unique(catalog.events, lambda e: e.id, "event id", problems, lambda e: e.at("id"))
    unique(catalog.event_types, lambda t: t.id, "event type id", problems)
    unique(catalog.places, lambda p: p.id, "place id", problems)
    for et in catalog.event_types:
        check_languages(et, et.pos, {}, catalog.config, problems, f"event type {et.id}")
    for place in catalog.places:
        check_languages(place, place.pos, {}, catalog.config, problems, f"place {place.id}")
    for event in catalog.events:
        check_languages(event, event.pos, dict(event.translations), catalog.config, problems, f"event {event.id}")
    revision.check(catalog, problems)

"""Helpers of the calendar tests: trees with events, and occurrences read back from pages and feeds."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import lxml.html
import recurring_ical_events
from icalendar import Calendar

from .conftest import REPO, copy_tree

TODAY = dt.date(2026, 11, 26)
# A year that crosses both daylight-saving changes (2026-10-25 and 2027-03-28).
YEAR = (dt.date(2026, 9, 1), dt.date(2027, 9, 1))


def events_tree(dest: Path, events: dict[str, str] | None = None, *, shipped: bool = False) -> Path:
    """A site tree with the event registries, and the given event files (or the shipped ones)."""
    root = copy_tree(dest, full=shipped)
    folder = root / "content" / "events"
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("_types.yml", "_places.yml"):
        shutil.copy2(REPO / "content" / "events" / name, folder / name)
    for name, text in (events or {}).items():
        (folder / f"{name}.yml").write_text(text, encoding="utf-8")
    return root


def event_yaml(eid: str, *, start: str, end: str | None = None, rrule: str | None = None, city: str | None = "brussel",
               extra: str = "", online: str | None = None) -> str:
    lines = [f"id: {eid}", "type: network-meeting", "title:", f"  nl: Test {eid}", f"  fr: Test {eid}",
             f"  en: Test {eid}", f"start: {start}"]
    if end:
        lines.append(f"end: {end}")
    if rrule:
        lines.append(f"rrule: {rrule}")
    lines.append("venue:")
    if city:
        lines.append(f"  city: {city}")
    if online:
        lines.append(f"  online: {online}")
    return "\n".join(lines) + "\n" + extra


def _event_id(href: str) -> str:
    return [p for p in href.split("/") if p and p != ".."][-1]


def page_occurrences(html_texts, window=YEAR) -> set[tuple[str, str, str, str]]:
    """(event id, start, end, status) of every occurrence listed on the given pages, starting in the window.

    Read from the schema.org data of each list item: exact start and end with
    their UTC offset, so equal strings mean the same local wall-clock time.
    """
    out = set()
    for text in html_texts:
        doc = lxml.html.fromstring(text)
        for li in doc.xpath('//li[@itemtype="https://schema.org/Event"]'):
            start = li.xpath('./meta[@itemprop="startDate"]/@content')[0]
            end = li.xpath('./meta[@itemprop="endDate"]/@content')[0]
            status = li.xpath('./link[@itemprop="eventStatus"]/@href')[0].rsplit("/", 1)[-1]
            eid = _event_id(li.xpath('.//a[@itemprop="url"]/@href')[0])
            if window[0] <= dt.date.fromisoformat(start[:10]) < window[1]:
                out.add((eid, start, end, "cancelled" if status == "EventCancelled" else "confirmed"))
    return out


def _iso(value) -> str:
    if isinstance(value, dt.datetime):
        return value.isoformat(timespec="minutes")
    return value.isoformat()


def feed_occurrences(ics: bytes, window=YEAR) -> set[tuple[str, str, str, str]]:
    """The same tuples, as a calendar app computes them from the feed (recurring-ical-events)."""
    cal = Calendar.from_ical(ics)
    out = set()
    for ev in recurring_ical_events.of(cal).between(window[0], window[1]):
        start, end = ev["DTSTART"].dt, ev["DTEND"].dt
        if not isinstance(start, dt.datetime):
            end = end - dt.timedelta(days=1)  # DTEND of an all-day event is exclusive; pages show the last day
        if not window[0] <= (start.date() if isinstance(start, dt.datetime) else start) < window[1]:
            continue
        status = "cancelled" if str(ev.get("STATUS", "")).upper() == "CANCELLED" else "confirmed"
        out.add((str(ev["UID"]).split("@")[0], _iso(start), _iso(end), status))
    return out

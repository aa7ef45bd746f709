"""The activity calendar: pages and feeds agree, across daylight-saving changes; feeds parse; examples switch."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from urllib.parse import urljoin

import jsonschema
import lxml.html
import pytest
import recurring_ical_events
from icalendar import Calendar

from coopsite.types.calendar import recurrence
from coopsite.site.catalog import build_catalog
from coopsite.site.files import site_files
from coopsite.site.render import render_pages

from .calendar_helpers import TODAY, event_yaml, events_tree, feed_occurrences, page_occurrences
from .conftest import REPO, coopsite, shared_once

LANGS = ("nl", "fr", "en")


@pytest.fixture(scope="module")
def calendar_site(tmp_path_factory) -> Path:
    """The shipped content built once per run with the build date pinned (COOPSITE_TODAY), whichever
    test process asks first."""
    def make(folder: Path) -> None:
        root = events_tree(folder / "repo", shipped=True)
        res = coopsite("--root", str(root), "build", "--quiet", env={"COOPSITE_TODAY": TODAY.isoformat()})
        assert res.returncode == 0, res.stdout + res.stderr

    return shared_once(tmp_path_factory, "calendar-site", make) / "repo" / "site"


def month_pages(site: Path, lang_prefix: str = "") -> list[str]:
    base = site / lang_prefix / "calendar"
    return [p.read_text(encoding="utf-8") for p in sorted(base.glob("20[0-9][0-9]-[0-9][0-9]/index.html"))]


# --- the shipped calendar, built -------------------------------------------------

def test_every_feed_parses_with_its_time_zones(calendar_site):
    feeds = sorted((calendar_site / "feeds").rglob("*.ics"))
    # all events + per type + per city + per event, in each language
    types = len(json.loads((calendar_site / "api" / "events.json").read_text())["types"])
    assert len(feeds) >= 3 * (1 + types + 3 + 7)
    for path in feeds:
        cal = Calendar.from_ical(path.read_bytes())
        assert cal["VERSION"] == "2.0" and cal.get("PRODID")
        assert cal.get("X-WR-CALNAME") and cal.get("NAME")
        assert str(cal["REFRESH-INTERVAL"].to_ical(), "ascii") == "P1D" and cal["X-PUBLISHED-TTL"] == "P1D"
        assert cal.get_missing_tzids() == set(), path
        assert cal.walk("VTIMEZONE"), f"{path}: no VTIMEZONE"
        for ev in cal.walk("VEVENT"):
            assert str(ev["UID"]).endswith("@smartinprogress.example.org")
            assert ev.get("DTSTAMP") and "SEQUENCE" in ev and ev.get("STATUS") in ("CONFIRMED", "CANCELLED")
            assert str(ev["SUMMARY"]).startswith(("[Voorbeeld]", "[Exemple]", "[Example]")), ev["SUMMARY"]


def test_pages_and_feed_give_the_same_occurrences_across_dst(calendar_site):
    """What a calendar app computes from the feed is what the pages list, at the same wall-clock time."""
    for lang, prefix in (("nl", ""), ("fr", "fr"), ("en", "en")):
        pages = page_occurrences(month_pages(calendar_site, prefix))
        feed = feed_occurrences((calendar_site / "feeds" / f"calendar.{lang}.ics").read_bytes())
        assert pages == feed, (sorted(pages ^ feed), lang)
    monthly = sorted(o for o in pages if o[0] == "productievergadering-brussel")
    offsets = {start[-6:] for _, start, _, _ in monthly}
    assert offsets == {"+01:00", "+02:00"}, "the year must cross both daylight-saving changes"
    moved = {"2027-02-25T19:00+01:00"}
    assert all(start[11:16] == "19:00" for _, start, _, _ in monthly)
    assert len(monthly) == 12 and moved <= {s for _, s, _, _ in monthly}
    assert ("productievergadering-brussel", "2026-12-17T19:00+01:00", "2026-12-17T21:00+01:00",
            "cancelled") in monthly
    # the excluded date of the network meeting is gone from both
    assert not any(o[0] == "netwerkvergadering-podiumkunsten" and o[1].startswith("2027-01-05") for o in pages)


def test_cancelled_occurrence_reaches_the_feed_as_cancelled(calendar_site):
    cal = Calendar.from_ical((calendar_site / "feeds" / "calendar.nl.ics").read_bytes())
    overrides = [ev for ev in cal.walk("VEVENT") if "RECURRENCE-ID" in ev
                 and str(ev["UID"]).startswith("productievergadering-brussel@")]
    by_date = {ev["RECURRENCE-ID"].dt.date(): ev for ev in overrides}
    cancelled = by_date[dt.date(2026, 12, 17)]
    assert cancelled["STATUS"] == "CANCELLED"
    assert cancelled["RECURRENCE-ID"].dt == dt.datetime(2026, 12, 17, 19, 0, tzinfo=recurrence.zone("Europe/Brussels"))
    moved = by_date[dt.date(2027, 2, 18)]
    assert moved["STATUS"] == "CONFIRMED" and moved["DTSTART"].dt.date() == dt.date(2027, 2, 25)
    found = recurring_ical_events.of(cal).at(dt.date(2026, 12, 17))
    assert [str(e["STATUS"]) for e in found if str(e["UID"]).startswith("productievergadering")] == ["CANCELLED"]


def test_pages_exist_in_three_languages(calendar_site):
    for prefix, lang in (("", "nl"), ("fr", "fr"), ("en", "en")):
        base = calendar_site / prefix / "calendar"
        for page in ("index.html", "past/index.html", "2026-11/index.html", "productievergadering-brussel/index.html",
                     "type/training/index.html", "city/nantes/index.html"):
            assert (base / page).exists(), f"{prefix}/calendar/{page}"
        doc = lxml.html.fromstring((base / "2026-11" / "index.html").read_text(encoding="utf-8"))
        assert doc.get("lang", "").startswith(lang)
        table = doc.xpath('//table[@class="month-grid"]')[0]
        assert table.xpath("./caption/text()") and len(table.xpath('.//th[@scope="col"]')) == 7
        today = table.xpath('.//td[@aria-current="date"]')
        assert len(today) == 1 and today[0].xpath('.//time/@datetime') == [TODAY.isoformat()]
        assert doc.xpath('//a[@rel="prev"]') and doc.xpath('//a[@rel="next"]')
        head = doc.xpath('//link[@rel="alternate"][@type="text/calendar"]/@href')
        here = "https://host/" + (f"{prefix}/" if prefix else "") + "calendar/2026-11/"
        assert [urljoin(here, h) for h in head] == [f"https://host/feeds/calendar.{lang}.ics"]
    nl = lxml.html.fromstring((calendar_site / "calendar" / "index.html").read_text(encoding="utf-8"))
    assert "webcal://smartinprogress.example.org/feeds/calendar.nl.ics" in nl.xpath("//a/@href")
    fr = (calendar_site / "fr" / "calendar" / "productievergadering-brussel" / "index.html").read_text(encoding="utf-8")
    assert "jeudi 21 janvier 2027" in fr and "openstreetmap.org/search?query=Bruxelles" in fr
    assert 'href="../../../feeds/calendar/event/productievergadering-brussel.fr.ics"' in fr
    assert (calendar_site / "feeds/calendar/event/productievergadering-brussel.fr.ics").exists()


def test_examples_are_labelled_everywhere(calendar_site):
    for page in (calendar_site / "calendar").rglob("index.html"):
        doc = lxml.html.fromstring(page.read_text(encoding="utf-8"))
        for li in doc.xpath('//li[@itemtype="https://schema.org/Event"]'):
            assert li.xpath('.//span[@class="example-label"]'), page
    cal = Calendar.from_ical((calendar_site / "feeds" / "calendar.en.ics").read_bytes())
    for ev in cal.walk("VEVENT"):
        assert str(ev["SUMMARY"]).startswith("[Example]")
        assert str(ev["DESCRIPTION"]).startswith("This is not a real event")


def test_home_and_recommendation_pages_show_events(calendar_site):
    home = (calendar_site / "index.html").read_text(encoding="utf-8")
    assert "Volgende activiteiten" in home and 'href="calendar/netwerkvergadering-podiumkunsten/"' in home
    rec = (calendar_site / "en" / "recommendations" / "sip2021-15" / "index.html").read_text(encoding="utf-8")
    assert "In the calendar" in rec and "../../calendar/productievergadering-brussel/" in rec


def test_api_validates_and_expands_up_to_the_horizon(calendar_site):
    doc = json.loads((calendar_site / "api" / "events.json").read_text(encoding="utf-8"))
    schema = json.loads((calendar_site / "api" / "events.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(doc, schema, format_checker=jsonschema.FormatChecker())
    assert doc["build_date"] == TODAY.isoformat()
    horizon = dt.date.fromisoformat(doc["horizon"])
    assert horizon == TODAY + dt.timedelta(days=365)
    meeting = next(e for e in doc["events"] if e["id"] == "productievergadering-brussel")
    assert meeting["rrule"] == "FREQ=MONTHLY;BYDAY=3TH"
    starts = [dt.date.fromisoformat(o["start"][:10]) for o in meeting["occurrences"]]
    assert max(starts) <= horizon < max(starts) + dt.timedelta(days=40)
    assert {o["status"] for o in meeting["occurrences"]} == {"confirmed", "cancelled"}


# --- recurrence on its own tree: rules chosen to cross the DST changes -----------------

DST_EVENTS = {
    # Saturdays in Nantes (Europe/Paris, from the place registry) across the October change
    "weekly-paris": event_yaml("weekly-paris", start="2026-10-03 10:00", end="2026-10-03 12:00",
                               rrule="FREQ=WEEKLY;BYDAY=SA;UNTIL=20261128", city="nantes"),
    # every day across the March change, one day excluded, one cancelled, one moved within its day
    "daily-spring": event_yaml("daily-spring", start="2027-03-25 08:00", end="2027-03-25 09:00",
                               rrule="FREQ=DAILY;COUNT=7", extra=(
                                   "exdates: [2027-03-27]\n"
                                   "occurrences:\n"
                                   "  2027-03-29: {cancelled: true}\n"
                                   "  2027-03-30: {start: 2027-03-30 10:00, end: 2027-03-30 11:00}\n")),
    # past midnight, weekly, across the October change
    "late-night": event_yaml("late-night", start="2026-10-11 23:30", end="2026-10-12 00:30",
                             rrule="FREQ=WEEKLY;COUNT=6"),
    # last Friday of the month, unbounded: cut at the horizon on the pages
    "last-friday": event_yaml("last-friday", start="2026-09-25 18:00", end="2026-09-25 20:00",
                              rrule="FREQ=MONTHLY;BYDAY=-1FR", online="https://meet.example.org/x", city=None),
    # all day, over New Year, yearly
    "new-year": event_yaml("new-year", start="2026-12-31", end="2027-01-01", rrule="FREQ=YEARLY;COUNT=2"),
    # a single event in summer time
    "single": event_yaml("single", start="2027-06-12 10:00", end="2027-06-12 16:00"),
    # a whole series called off
    "called-off": event_yaml("called-off", start="2027-01-07 20:00", end="2027-01-07 21:00",
                             rrule="FREQ=WEEKLY;COUNT=3", extra="cancelled: true\n"),
}


@pytest.fixture(scope="module")
def dst_catalog(tmp_path_factory):
    root = events_tree(tmp_path_factory.mktemp("dst") / "repo", DST_EVENTS)
    catalog, problems = build_catalog(root, today=TODAY)
    assert not problems.errors, "\n".join(map(str, problems.errors))
    return catalog


def test_rules_across_dst_match_recurring_ical_events(dst_catalog):
    pages = render_pages(dst_catalog)
    files = site_files(dst_catalog)
    for lang in LANGS:
        months = [text for path, text in pages.items() if re.match(rf"calendar/\d{{4}}-\d{{2}}\.{lang}\.md$", path)]
        on_pages = page_occurrences(months)
        in_feed = feed_occurrences(files[f"feeds/calendar.{lang}.ics"])
        assert on_pages == in_feed, sorted(on_pages ^ in_feed)
    by_id: dict[str, list] = {}
    for occ in on_pages:
        by_id.setdefault(occ[0], []).append(occ)
    weekly = sorted(by_id["weekly-paris"])
    assert [s[11:] for _, s, _, _ in weekly] == ["10:00+02:00"] * 4 + ["10:00+01:00"] * 5
    spring = sorted(by_id["daily-spring"])
    assert [s for _, s, _, _ in spring] == ["2027-03-25T08:00+01:00", "2027-03-26T08:00+01:00",
                                            "2027-03-28T08:00+02:00", "2027-03-29T08:00+02:00",
                                            "2027-03-30T10:00+02:00", "2027-03-31T08:00+02:00"]
    assert [st for *_, st in spring].count("cancelled") == 1
    late = sorted(by_id["late-night"])
    assert all(s[11:16] == "23:30" and e[11:16] == "00:30" for _, s, e, _ in late)
    assert sorted(by_id["new-year"])[0][1:3] == ("2026-12-31", "2027-01-01")
    assert [st for *_, st in by_id["called-off"]] == ["cancelled"] * 3


def test_unbounded_rules_stop_at_the_horizon_on_pages_not_in_feeds(dst_catalog):
    event = dst_catalog.event("last-friday")
    occs = recurrence.occurrences(dst_catalog, event)
    horizon = TODAY + dt.timedelta(days=365)
    assert occs[-1].first_day <= horizon and occs[-1].first_day + dt.timedelta(days=35) > horizon
    beyond = recurring_ical_events.of(Calendar.from_ical(site_files(dst_catalog)["feeds/calendar.nl.ics"])).between(
        horizon, horizon + dt.timedelta(days=400))
    assert any(str(e["UID"]).startswith("last-friday@") for e in beyond)


def test_upcoming_is_relative_to_the_build_date(tmp_path):
    root = events_tree(tmp_path / "repo", DST_EVENTS)
    later, _ = build_catalog(root, today=dt.date(2027, 4, 1))
    upcoming = {o.event.id for o in recurrence.upcoming(later)}
    past = {o.event.id for o in recurrence.past(later)}
    assert "weekly-paris" in past and "weekly-paris" not in upcoming and "single" in upcoming
    page = render_pages(later)["calendar/index.en.md"]
    assert "Test weekly-paris" not in page and "Test single" in page
    assert "Test weekly-paris" in render_pages(later)["calendar/past.en.md"]


def test_build_date_comes_from_coopsite_today(tmp_path, monkeypatch):
    root = events_tree(tmp_path / "repo", DST_EVENTS)
    monkeypatch.setenv("COOPSITE_TODAY", "2027-02-03")
    catalog, problems = build_catalog(root)
    assert catalog.today == dt.date(2027, 2, 3) and not problems.errors
    monkeypatch.setenv("COOPSITE_TODAY", "3 feb")
    _, problems = build_catalog(root)
    assert [p.path for p in problems.errors] == ["COOPSITE_TODAY"]


def test_feeds_do_not_depend_on_the_build_date(tmp_path):
    root = events_tree(tmp_path / "repo", DST_EVENTS)
    a, _ = build_catalog(root, today=TODAY)
    b, _ = build_catalog(root, today=TODAY + dt.timedelta(days=40))
    fa, fb = site_files(a), site_files(b)
    ics = [p for p in fa if p.endswith(".ics")]
    assert ics and all(fa[p] == fb[p] for p in ics)
    assert fa == site_files(build_catalog(root, today=TODAY)[0])  # reproducible


def test_examples_switch_removes_examples(tmp_path):
    root = events_tree(tmp_path / "repo", shipped=True)
    catalog, _ = build_catalog(root, today=TODAY)
    assert catalog.events and all(e.example for e in catalog.events)
    cfg = root / "coopsite.yml"
    cfg.write_text(cfg.read_text(encoding="utf-8").replace("examples: true", "examples: false"), encoding="utf-8")
    catalog, problems = build_catalog(root, today=TODAY)
    assert catalog.events == () and not problems.errors
    pages = render_pages(catalog)
    assert not any("example-label" in text for path, text in pages.items() if path.startswith("calendar/"))
    assert "Volgende activiteiten" not in pages["index.nl.md"]
    files = site_files(catalog)
    cal = Calendar.from_ical(files["feeds/calendar.nl.ics"])
    assert cal.walk("VEVENT") == [] and cal.walk("VTIMEZONE")
    assert json.loads(files["api/events.json"])["events"] == []
    assert not any(p.startswith("feeds/calendar/event/") for p in files)


def test_single_event_file_holds_that_event_only(dst_catalog):
    files = site_files(dst_catalog)
    for lang in LANGS:
        cal = Calendar.from_ical(files[f"feeds/calendar/event/daily-spring.{lang}.ics"])
        assert {str(e["UID"]) for e in cal.walk("VEVENT")} == {"daily-spring@smartinprogress.example.org"}
        assert len(cal.walk("VEVENT")) == 3  # the series and its two changed occurrences
        assert cal["METHOD"] == "PUBLISH"


def test_feed_rule_until_is_utc_and_exdate_keeps_the_time(dst_catalog):
    cal = Calendar.from_ical(site_files(dst_catalog)["feeds/calendar.nl.ics"])
    weekly = next(e for e in cal.walk("VEVENT") if str(e["UID"]).startswith("weekly-paris@"))
    # UNTIL=20261128 (a date) means the whole of that day in Nantes: 23:59:59 Paris time, written in UTC
    assert weekly["RRULE"]["UNTIL"] == [dt.datetime(2026, 11, 28, 22, 59, 59, tzinfo=dt.timezone.utc)]
    spring = next(e for e in cal.walk("VEVENT") if str(e["UID"]).startswith("daily-spring@")
                  and "RECURRENCE-ID" not in e)
    assert b"EXDATE;TZID=Europe/Brussels:20270327T080000" in spring.to_ical()


def test_ui_strings_complete():
    from coopsite.core.i18n.ui import messages

    keys = [k for k in messages("en").texts if k.startswith(("calendar", "freq_", "subscribe"))]
    assert keys and all(k in messages(lang).texts for k in keys for lang in LANGS)
    assert (REPO / "content" / "events" / "_types.yml").exists()


def test_drafts_only_in_live_preview(tmp_path):
    draft = event_yaml("draft-event", start="2027-01-14 13:30", end="2027-01-14 15:00", extra="draft: true\n")
    root = events_tree(tmp_path / "repo", {"draft-event": draft})
    assert build_catalog(root, today=TODAY)[0].events == ()
    assert [e.id for e in build_catalog(root, today=TODAY, drafts=True)[0].events] == ["draft-event"]

"""Every published .ics read by two clients: Mozilla's ical.js (Thunderbird, Nextcloud Calendar) and
Python's recurring-ical-events must give the same occurrences, in UTC, over five years.

ical.js reads times with the VTIMEZONE embedded in the file; recurring-ical-events (through
icalendar) with the IANA zone of the same name. Equal occurrences therefore also mean that the
site's VTIMEZONEs say what the IANA data says. ical.js runs in Node.js, pinned in
tests/js/package-lock.json and installed with `npm ci` into tests/js/node_modules (gitignored).
Without `node` the tests are skipped locally with a notice; in CI (CI=true) they fail.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import warnings
import zoneinfo
from importlib import resources
from pathlib import Path

import pytest
import recurring_ical_events
from icalendar import Calendar

from coopsite.site.catalog import build_catalog
from coopsite.site.files import site_files
from coopsite.types.calendar.vtimezone import VERIFY_YEARS, transitions, vtimezone

from .calendar_helpers import TODAY, event_yaml, events_tree
from .conftest import REPO
from .test_calendar import DST_EVENTS

JS = REPO / "tests" / "js"
UTC = dt.timezone.utc
# Five years, from the first month of the shipped content.
WINDOW = (dt.datetime(2026, 1, 1, tzinfo=UTC), dt.datetime(2031, 1, 1, tzinfo=UTC))


def _node() -> str:
    node, npm = shutil.which("node"), shutil.which("npm")
    if node and npm:
        return node
    message = ("node and npm are needed to run Mozilla's ical.js on the calendar feeds "
               "(apt-get install nodejs npm; .ci/run does it)")
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    warnings.warn(f"SKIPPED ical.js tests: {message}")
    pytest.skip(message)


@pytest.fixture(scope="session")
def icaljs() -> str:
    """The path of node, once ical.js is installed from the lock file."""
    node = _node()
    installed = JS / "node_modules" / "ical.js" / "package.json"
    lock = json.loads((JS / "package-lock.json").read_text(encoding="utf-8"))
    wanted = lock["packages"]["node_modules/ical.js"]["version"]
    if not installed.exists() or json.loads(installed.read_text(encoding="utf-8"))["version"] != wanted:
        res = subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=JS, capture_output=True, text=True,
                             timeout=300)
        assert res.returncode == 0, res.stdout + res.stderr
    return node


def icaljs_occurrences(node: str, paths: list[Path]) -> dict[str, set[tuple]]:
    res = subprocess.run([node, str(JS / "expand.mjs"), WINDOW[0].date().isoformat(), WINDOW[1].date().isoformat(),
                          *map(str, paths)], capture_output=True, text=True, timeout=300)
    assert res.returncode == 0, res.stderr
    return {path: {tuple(row) for row in rows} for path, rows in json.loads(res.stdout).items()}


def _utc(value) -> str:
    if isinstance(value, dt.datetime):
        return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return value.isoformat()


def _repeated(value) -> bool:
    """A local time in the hour that clocks go through twice (when summer time ends)."""
    return (isinstance(value, dt.datetime) and value.tzinfo is not None
            and value.replace(fold=0).utcoffset() != value.replace(fold=1).utcoffset())


def python_occurrences(path: Path) -> dict[tuple, tuple]:
    """The same rows from recurring-ical-events, with the same window rule (start in the window, in UTC).

    Each row maps to the row as ical.js 2.2.1 reads a local time in the repeated hour: RFC 5545
    (3.3.5) means its first occurrence, which icalendar follows; ical.js takes the second, whatever
    VTIMEZONE it is given (a known difference of that library, not of the site's files).
    """
    cal = Calendar.from_ical(path.read_bytes())
    margin = dt.timedelta(days=2)  # asked wider, then cut exactly as expand.mjs does
    out = {}
    for ev in recurring_ical_events.of(cal).between(WINDOW[0] - margin, WINDOW[1] + margin):
        start, end = ev["DTSTART"].dt, ev["DTEND"].dt
        moment = start if isinstance(start, dt.datetime) else dt.datetime.combine(start, dt.time(), UTC)
        if WINDOW[0] <= moment < WINDOW[1]:
            row = (str(ev["UID"]), _utc(start), _utc(end), str(ev.get("STATUS")))
            later = [v.replace(fold=1) if _repeated(v) else v for v in (start, end)]
            out[row] = (row[0], _utc(later[0]), _utc(later[1]), row[3])
    return out


def compare(node: str, paths: list[Path]) -> tuple[int, list[str], list[str]]:
    """(occurrences compared, differences, differences only in a repeated hour), for every file."""
    js = icaljs_occurrences(node, paths)
    count, diffs, repeated = 0, [], []
    for path in paths:
        mine, theirs = python_occurrences(path), js[str(path)]
        count += len(mine)
        for row in sorted(set(mine) - theirs):
            if mine[row] != row and mine[row] in theirs:
                repeated.append(f"{path.name}: {row} read by ical.js as {mine[row]}")
            else:
                diffs.append(f"{path.name}: only recurring-ical-events: {row}")
        for row in sorted(theirs - set(mine) - set(mine.values())):
            diffs.append(f"{path.name}: only ical.js: {row}")
    return count, diffs, repeated


# --- every .ics of the shipped site, as `coopsite build` publishes it ----------------------

def test_icaljs_and_recurring_ical_events_agree_on_the_published_site(icaljs, built_site):
    paths = sorted(built_site.rglob("*.ics"))
    assert len(paths) >= 50
    count, diffs, repeated = compare(icaljs, paths)
    assert count > 200, count  # every event in 57 files, monthly rules over five years
    assert not diffs, f"{len(diffs)} of {count} occurrences differ:\n" + "\n".join(diffs[:40])
    assert not repeated, repeated


# --- rules chosen to cross the daylight-saving changes, in Europe and elsewhere ------------

OTHER_RULES = {
    # New York: DST from the second Sunday of March to the first Sunday of November (Europe: last Sundays),
    # so for two or three weeks a year New York is 4 hours behind Brussels instead of 5
    "new-york-weekly": event_yaml(
        "new-york-weekly", start="2027-02-24 12:00", end="2027-02-24 13:00", rrule="FREQ=WEEKLY;BYDAY=WE;COUNT=12",
        city=None, online="https://meet.example.org/ny", extra=(
            "timezone: America/New_York\n"
            "occurrences:\n"
            "  2027-03-17: {start: 2027-03-18 09:00, end: 2027-03-18 10:00}\n"
            "  2027-03-31: {cancelled: true}\n")),
    # Sydney: the southern hemisphere, DST from the first Sunday of October to the first Sunday of April
    "sydney-monthly": event_yaml(
        "sydney-monthly", start="2026-09-06 09:30", end="2026-09-06 11:00", rrule="FREQ=MONTHLY;BYDAY=1SU",
        city=None, online="https://meet.example.org/syd", extra="timezone: Australia/Sydney\n"),
    # one evening in New York that ends in the hour the clocks go through twice (01:00-02:00 on
    # 7 November 2027): its end goes out in UTC, so ical.js cannot take the second 01:40
    "new-york-fallback": event_yaml(
        "new-york-fallback", start="2027-11-06 22:00", end="2027-11-07 01:40", city=None,
        online="https://meet.example.org/nyf", extra="timezone: America/New_York\n"),
    # past midnight in New York, daily across the November change
    "new-york-night": event_yaml(
        "new-york-night", start="2027-10-30 23:30", end="2027-10-31 01:30", rrule="FREQ=DAILY;COUNT=10",
        city=None, online="https://meet.example.org/nyn", extra="timezone: America/New_York\n"),
}


@pytest.fixture(scope="module")
def fixture_files(tmp_path_factory) -> list[Path]:
    """The .ics files of a tree with the Brussels/Paris DST fixtures and events in New York and Sydney."""
    root = events_tree(tmp_path_factory.mktemp("clients") / "repo", {**DST_EVENTS, **OTHER_RULES})
    catalog, problems = build_catalog(root, today=TODAY)
    assert not problems.errors, "\n".join(map(str, problems.errors))
    out = []
    for name, data in site_files(catalog).items():
        if name.endswith(".ics"):
            path = root / "out" / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            out.append(path)
    return sorted(out)


def test_icaljs_agrees_across_dst_in_europe_new_york_and_sydney(icaljs, fixture_files):
    count, diffs, repeated = compare(icaljs, fixture_files)
    assert not diffs, f"{len(diffs)} of {count} occurrences differ:\n" + "\n".join(diffs[:40])
    # The one occurrence that ends at 01:30 on the night New York's clocks go back: the only place
    # where ical.js reads the time otherwise (an hour later), in each of the 9 files that hold it
    # (all, its type, its own; 3 languages). The file cannot say it otherwise: ical.js computes that
    # end from the rule. A fixed end in that hour (new-york-fallback) is written in UTC and agrees.
    assert len(repeated) == 9 and all("new-york-night@" in r and "2027-11-07T05:30:00Z" in r for r in repeated)
    rows = icaljs_occurrences(icaljs, [p for p in fixture_files if p.name == "calendar.en.ics"])
    rows = next(iter(rows.values()))
    ny = sorted(r for r in rows if r[0].startswith("new-york-weekly@"))
    # 12:00 in New York is 17:00 UTC in winter and 16:00 UTC from 14 March 2027 on
    assert [r[1][11:16] for r in ny][:5] == ["17:00", "17:00", "17:00", "13:00", "16:00"]
    assert ("new-york-weekly@smartinprogress.example.org", "2027-03-18T13:00:00Z", "2027-03-18T14:00:00Z",
            "CONFIRMED") in ny  # moved to Thursday 09:00 EDT
    assert [r[3] for r in ny].count("CANCELLED") == 1
    sydney = sorted(r for r in rows if r[0].startswith("sydney-monthly@"))
    # 09:30 in Sydney: 23:30 UTC the day before in winter (AEST), 22:30 UTC in summer (AEDT)
    assert sydney[0][1] == "2026-09-05T23:30:00Z" and sydney[1][1] == "2026-10-03T22:30:00Z"
    assert ("new-york-fallback@smartinprogress.example.org", "2027-11-07T02:00:00Z", "2027-11-07T05:40:00Z",
            "CONFIRMED") in rows
    ics = next(p for p in fixture_files if p.name == "new-york-fallback.en.ics").read_bytes()
    assert b"DTSTART;TZID=America/New_York:20271106T220000\r\n" in ics and b"DTEND:20271107T054000Z\r\n" in ics
    spring = sorted(r for r in rows if r[0].startswith("daily-spring@"))
    assert [r[1] for r in spring] == ["2027-03-25T07:00:00Z", "2027-03-26T07:00:00Z", "2027-03-28T06:00:00Z",
                                      "2027-03-29T06:00:00Z", "2027-03-30T08:00:00Z", "2027-03-31T06:00:00Z"]


def test_comparison_sees_a_zone_that_is_one_hour_off(icaljs, fixture_files, tmp_path):
    """The comparison is not blind: an embedded zone that lacks the summer rule makes ical.js differ."""
    path = next(p for p in fixture_files if p.name == "calendar.nl.ics")
    text = path.read_bytes().decode("utf-8")
    start = text.index("TZID:Europe/Brussels")
    daylight = text.index("BEGIN:DAYLIGHT", start)
    broken = text[:daylight] + text[text.index("END:DAYLIGHT", daylight) + len("END:DAYLIGHT\r\n"):]
    bad = tmp_path / "calendar.nl.ics"
    bad.write_text(broken, encoding="utf-8", newline="")
    count, diffs, _ = compare(icaljs, [bad])
    assert count and diffs and all("Z', " in d for d in diffs)


# --- the VTIMEZONEs themselves, for every zone a contributor may name ----------------------

ZONE_RANGE = (dt.date(2020, 1, 1), dt.date(2040, 1, 1))


def _probes(tzid: str) -> list[dt.datetime]:
    """Local wall-clock times (naive) around every change, and one every month in between.

    Around a change: the second before the clocks jump or repeat, and the first second, and an hour,
    after. Times inside the skipped or repeated hour are left out: the first do not exist and the
    second are ambiguous, and ical.js reads those otherwise than RFC 5545 (see python_occurrences).
    """
    lo = dt.datetime.combine(ZONE_RANGE[0], dt.time())
    hi = dt.datetime(ZONE_RANGE[1].year + 5, 1, 1)  # past the last year asked for: open rules
    out = [lo + dt.timedelta(days=30 * i, hours=12) for i in range((hi - lo).days // 30)]
    # the range vtimezone() scans (memoised: the same scan serves both), of which only [lo, hi) is probed
    changes = transitions(tzid, lo.replace(tzinfo=UTC) - dt.timedelta(days=2),
                          dt.datetime(ZONE_RANGE[1].year + 1 + VERIFY_YEARS, 1, 1, tzinfo=UTC))
    for tr in changes:
        before, after = (tr.at + tr.before).replace(tzinfo=None), (tr.at + tr.after).replace(tzinfo=None)
        first, last = min(before, after), max(before, after)
        out += [first - dt.timedelta(seconds=1), last, last + dt.timedelta(hours=1)]
    spans = [(min(a, b), max(a, b)) for a, b in (((t.at + t.before).replace(tzinfo=None),
                                                  (t.at + t.after).replace(tzinfo=None)) for t in changes)]
    return sorted({t for t in out if lo <= t < hi and not any(a <= t < b for a, b in spans)})


def _zones() -> list[str]:
    """Every IANA zone name, one per distinct zone: links (Europe/Amsterdam -> Europe/Brussels) share their data."""
    seen, out = set(), []
    for name in sorted(zoneinfo.available_timezones()):
        try:
            data = (resources.files("tzdata.zoneinfo") / name).read_bytes()
        except OSError:
            continue
        if data not in seen:
            seen.add(data)
            out.append(name)
    return out


def test_every_iana_zone_reads_the_same_in_icaljs_as_in_zoneinfo(icaljs):
    data, expected = {}, {}
    for tzid in _zones():
        probes = _probes(tzid)
        data[tzid] = [vtimezone(tzid, *ZONE_RANGE).decode("ascii"), [p.strftime("%Y-%m-%dT%H:%M:%S") for p in probes]]
        zone = zoneinfo.ZoneInfo(tzid)
        expected[tzid] = [int(p.replace(tzinfo=zone).utcoffset().total_seconds()) for p in probes]
    res = subprocess.run([icaljs, str(JS / "offsets.mjs")], input=json.dumps(data), capture_output=True, text=True,
                         timeout=600)
    assert res.returncode == 0, res.stderr
    got = json.loads(res.stdout)
    wrong = {z: [(data[z][1][i], got[z][i], expected[z][i]) for i in range(len(expected[z]))
                 if got[z][i] != expected[z][i]] for z in expected}
    wrong = {z: w for z, w in wrong.items() if w}
    assert len(expected) > 250
    assert not wrong, f"{len(wrong)} zones differ, e.g. " + repr(list(wrong.items())[:3])


# Zones whose rules in 2020-2044 are open or have no rule. icalendar's VTIMEZONE reader (dateutil)
# compares a rule's UNTIL, which RFC 5545 wants in UTC, with local times, so it drops the last change
# of a closed rule east of Greenwich (Asia/Tehran 2022): ical.js, tested on every zone above, does not.
@pytest.mark.parametrize("tzid", ["Europe/Brussels", "Europe/Paris", "America/New_York", "Australia/Sydney",
                                  "America/Sao_Paulo", "Pacific/Chatham", "Asia/Kolkata", "America/St_Johns"])
def test_vtimezone_reads_the_same_in_icalendar_as_in_zoneinfo(tzid):
    """A second reader of the same text: icalendar's VTIMEZONE-to-tzinfo, beside zoneinfo."""
    text = vtimezone(tzid, *ZONE_RANGE)
    cal = Calendar.from_ical(b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n" + text + b"END:VCALENDAR\r\n")
    tz = cal.walk("VTIMEZONE")[0].to_tz(lookup_tzid=False)  # read the text, not the IANA name
    zone = zoneinfo.ZoneInfo(tzid)
    for probe in _probes(tzid):
        assert probe.replace(tzinfo=tz).utcoffset() == probe.replace(tzinfo=zone).utcoffset(), (tzid, probe)


def test_vtimezone_is_in_the_rrule_form():
    text = vtimezone("Europe/Brussels", dt.date(2026, 1, 1), dt.date(2037, 1, 1)).decode()
    assert "RDATE" not in text
    assert "DTSTART:20260329T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\n" in text  # local time before
    assert "DTSTART:20261025T030000\r\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\n" in text
    history = vtimezone("America/New_York", dt.date(2000, 1, 1), dt.date(2030, 1, 1)).decode()
    # the rule of 1987-2006 ends with UNTIL (in UTC, as RFC 5545 asks), the rule of 2007 stays open
    assert "RRULE:FREQ=YEARLY;BYMONTH=4;BYDAY=1SU;UNTIL=20060402T070000Z" in history
    assert "DTSTART:20070311T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU\r\n" in history

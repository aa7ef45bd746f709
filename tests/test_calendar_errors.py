"""Broken events: every mistake positioned (path:line:col) in one run; revisions and SEQUENCE."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from icalendar import Calendar

from coopsite.site.catalog import build_catalog
from coopsite.types.calendar.revision import set_revision_text
from coopsite.site.files import site_files

from .calendar_helpers import TODAY, event_yaml, events_tree
from .conftest import coopsite
from .test_check_errors import parse

MONTHLY = dict(start="2026-09-17 19:00", end="2026-09-17 21:00", rrule="FREQ=MONTHLY;BYDAY=3TH")

# name -> (file text, line, col, words of the message, words of the hint or "")
# Lines of event_yaml: 1 id, 2 type, 3-6 title, 7 start, 8 end, 9 rrule (if any), then venue and city,
# then the extra lines.
BROKEN = {
    "t-end": (event_yaml("t-end", start="2027-01-14 13:30", end="2027-01-14 12:00"),
              8, 6, "ends before it starts", ""),
    "t-zone": (event_yaml("t-zone", start="2027-01-14 13:30", end="2027-01-14 15:00",
                          extra="timezone: Europe/Brusels\n"),
               11, 11, "unknown time zone 'Europe/Brusels'", "did you mean 'Europe/Brussels'?"),
    "t-rrule-part": (event_yaml("t-rrule-part", start="2026-09-17 19:00", end="2026-09-17 21:00",
                                rrule="FREQ=MONTHLY;BYDAY=3TH;BYMONHT=2"),
                     9, 31, "unknown rule part 'BYMONHT'", "did you mean 'BYMONTH'?"),
    "t-rrule-freq": (event_yaml("t-rrule-freq", start="2026-09-17 19:00", end="2026-09-17 21:00",
                                rrule="FREQ=MONTLY"),
                     9, 8, "unknown frequency 'MONTLY'", "did you mean 'MONTHLY'?"),
    "t-rrule-byday": (event_yaml("t-rrule-byday", start="2026-09-17 19:00", end="2026-09-17 21:00",
                                 rrule="FREQ=WEEKLY;BYDAY=3TH"),
                      9, 20, "a numbered weekday needs FREQ=MONTHLY or YEARLY", ""),
    "t-type": (event_yaml("t-type", start="2027-01-14 13:30", end="2027-01-14 15:00").replace(
        "type: network-meeting", "type: netwerk-meeting"), 2, 7, "unknown event type 'netwerk-meeting'",
        "did you mean 'network-meeting'?"),
    "t-city": (event_yaml("t-city", start="2027-01-14 13:30", end="2027-01-14 15:00", city="brusel"),
               10, 9, "unknown place 'brusel'", "did you mean 'brussel'?"),
    "t-override": (event_yaml("t-override", **MONTHLY, extra="occurrences:\n  2026-12-18: {cancelled: true}\n"),
                   13, 3, "the rule never gives 2026-12-18", "nearest: 2026-12-17, 2027-01-21"),
    "t-exdate": (event_yaml("t-exdate", **MONTHLY, extra="exdates: [2026-12-17, 2026-12-24]\n"),
                 12, 23, "the rule never gives 2026-12-24", "nearest: 2026-12-17, 2027-01-21"),
    "t-start-rule": (event_yaml("t-start-rule", start="2026-09-18 19:00", end="2026-09-18 21:00",
                                rrule="FREQ=MONTHLY;BYDAY=3TH"),
                     7, 8, "is not an occurrence of the rule (its first is 2026-10-15 19:00)", ""),
    "t-when": (event_yaml("t-when", start="2027-01-14 1:30pm", end="2027-01-14 15:00"),
               7, 8, "'start' is not a date and time", "YYYY-MM-DD HH:MM"),
    "t-offset": (event_yaml("t-offset", start="2027-01-14T13:30+01:00", end="2027-01-14 15:00"),
                 7, 8, "gives a UTC offset", "zone in 'timezone:'"),
    "t-mixed": (event_yaml("t-mixed", start="2027-01-14", end="2027-01-14 15:00"),
                8, 6, "must both have a time, or both be dates only", ""),
    "t-rec": (event_yaml("t-rec", start="2027-01-14 13:30", end="2027-01-14 15:00",
                         extra="recommendations: [sip2021-01, sip2021-99]\n"),
              11, 31, "unknown recommendation 'sip2021-99'", ""),
    "t-key": (event_yaml("t-key", start="2027-01-14 13:30", end="2027-01-14 15:00", extra="rrulle: FREQ=DAILY\n"),
              11, 1, "unknown key 'rrulle'", "did you mean 'rrule'?"),
    "t-single-override": (event_yaml("t-single-override", start="2027-01-14 13:30", end="2027-01-14 15:00",
                                     extra="occurrences:\n  2027-01-14: {cancelled: true}\n"),
                          12, 3, "'occurrences' only apply to a recurring event", ""),
    "t-idname": (event_yaml("t-other-name", start="2027-01-14 13:30", end="2027-01-14 15:00"),
                 1, 5, "does not match the file name 't-idname.yml'", ""),
}


def test_every_event_mistake_is_positioned_in_one_run(tmp_path):
    root = events_tree(tmp_path / "repo", {name: text for name, (text, *_) in BROKEN.items()})
    res = coopsite("--root", str(root), "check", env={"COOPSITE_TODAY": TODAY.isoformat()})
    assert res.returncode == 1
    assert "Traceback" not in res.stdout + res.stderr
    errors = [e for e in parse(res.stdout) if e["sev"] == "error"]
    hints = {}
    lines = res.stdout.splitlines()
    for i, line in enumerate(lines):
        if i + 1 < len(lines) and lines[i + 1].startswith("    hint: "):
            hints[line] = lines[i + 1].removeprefix("    hint: ")
    for name, (_, line, col, words, hint) in BROKEN.items():
        path = f"content/events/{name}.yml"
        mine = [e for e in errors if e["path"] == path and words in e["msg"]]
        assert mine, f"no '{words}' error for {path}:\n{res.stdout}"
        assert (int(mine[0]["line"]), int(mine[0]["col"])) == (line, col), (name, mine[0])
        if hint:
            full = next(k for k in hints if k.startswith(f"{path}:{line}:{col}: error: ") and words in k)
            assert hint in hints[full], (name, hints[full])


def test_registry_and_config_mistakes_are_positioned(tmp_path):
    root = events_tree(tmp_path / "repo", {"ok": event_yaml("ok", start="2027-01-14 13:30", end="2027-01-14 15:00")})
    places = root / "content" / "events" / "_places.yml"
    places.write_text(places.read_text(encoding="utf-8").replace("timezone: Europe/Paris", "timezone: Europe/Nantes"),
                      encoding="utf-8")
    cfg = root / "coopsite.yml"
    cfg.write_text(cfg.read_text(encoding="utf-8").replace("horizon_days: 365", "horizon_days: 365\n  horizon: 2"),
                   encoding="utf-8")
    _, problems = build_catalog(root, today=TODAY)
    found = {(p.path, p.message) for p in problems.errors}
    assert ("content/events/_places.yml", "unknown time zone 'Europe/Nantes'") in found
    assert any(p.path == "coopsite.yml" and p.message == "unknown key 'horizon'" and p.line > 0
               for p in problems.errors)


# --- revisions -----------------------------------------------------------------------------

def _warnings(root: Path) -> list[dict]:
    res = coopsite("--root", str(root), "check", env={"COOPSITE_TODAY": TODAY.isoformat()})
    assert res.returncode == 0, res.stdout
    return [w for w in parse(res.stdout) if w["sev"] == "warning" and "revision" in w["msg"]]


def test_revision_is_raised_when_the_schedule_changes(tmp_path):
    text = event_yaml("meeting", **MONTHLY, extra="# the end of the file\n")
    root = events_tree(tmp_path / "repo", {"meeting": text})
    path = root / "content" / "events" / "meeting.yml"
    assert [w["msg"] for w in _warnings(root)] == ["event meeting has no revision stamp yet"]

    res = coopsite("--root", str(root), "revise", str(path), env={"COOPSITE_TODAY": "2026-11-20"})
    assert res.returncode == 0 and "revision 0 (2026-11-20)" in res.stdout, res.stdout + res.stderr
    stamped = path.read_text(encoding="utf-8")
    assert stamped.startswith(text) and stamped.count("\n") == text.count("\n") + 1
    assert _warnings(root) == []

    # A text edit is no new revision; a change of time is.
    path.write_text(stamped.replace("nl: Test meeting", "nl: Productievergadering"), encoding="utf-8")
    assert _warnings(root) == []
    changed = path.read_text(encoding="utf-8").replace("19:00", "19:30")
    path.write_text(changed, encoding="utf-8")
    warnings = _warnings(root)
    assert len(warnings) == 1 and "changed since revision 0" in warnings[0]["msg"]
    assert int(warnings[0]["line"]) == changed.splitlines().index(next(
        line for line in changed.splitlines() if line.startswith("revision:"))) + 1

    res = coopsite("--root", str(root), "revise", env={"COOPSITE_TODAY": "2026-11-27"})
    assert "content/events/meeting.yml: revision 1 (2026-11-27)" in res.stdout, res.stdout + res.stderr
    assert _warnings(root) == []
    catalog, _ = build_catalog(root, today=TODAY)
    cal = Calendar.from_ical(site_files(catalog)["feeds/calendar/event/meeting.nl.ics"])
    master = cal.walk("VEVENT")[0]
    assert master["SEQUENCE"] == 1
    assert master["DTSTAMP"].dt == dt.datetime(2026, 11, 27, tzinfo=dt.timezone.utc)
    assert master["DTSTART"].dt.strftime("%H:%M") == "19:30"


def test_set_revision_text_keeps_every_other_line():
    text = "id: x\nrevision:\n  sequence: 3   # a comment\n  date: 2026-01-01\nnext: 1\r\n"
    out = set_revision_text(text, 4, dt.date(2026, 2, 2), "abc")
    assert out == "id: x\nrevision: {sequence: 4, date: 2026-02-02, fingerprint: abc}\nnext: 1\r\n"
    assert set_revision_text("id: x\n", 0, dt.date(2026, 2, 2), "f").endswith(
        "id: x\nrevision: {sequence: 0, date: 2026-02-02, fingerprint: f}\n")


def test_revise_has_help_and_rejects_other_files(tmp_path):
    res = coopsite("revise", "--help")
    assert res.returncode == 0 and "SEQUENCE" in res.stdout
    root = events_tree(tmp_path / "repo", {"ok": event_yaml("ok", start="2027-01-14 13:30", end="2027-01-14 15:00")})
    res = coopsite("--root", str(root), "revise", str(root / "coopsite.yml"))
    assert res.returncode == 1 and "is not an event file" in res.stderr


def test_new_event_by_flags_passes_check_without_warnings_about_revisions(tmp_path):
    root = events_tree(tmp_path / "repo")
    env = {"COOPSITE_TODAY": TODAY.isoformat()}
    res = coopsite("--root", str(root), "new", "event", "--type", "training", "--title", "Opleiding: facturen maken",
                   "--start", "2027-02-04 14:00", "--end", "2027-02-04 16:00", "--city", "gent", env=env)
    assert res.returncode == 0, res.stderr
    assert res.stdout.strip() == "content/events/opleiding-facturen-maken.yml"
    res = coopsite("--root", str(root), "new", "event", "--type", "network-meeting", "--title", "Online koffie",
                   "--start", "2027-02-04 09:00", "--end", "2027-02-04 09:30", "--city", "online",
                   "--rrule", "FREQ=WEEKLY;BYDAY=TH", env=env)
    assert res.returncode == 0, res.stderr
    assert _warnings(root) == []
    catalog, _ = build_catalog(root, today=TODAY)
    event = catalog.event("online-koffie")
    assert event.rrule == "FREQ=WEEKLY;BYDAY=TH" and event.venue.online and event.revision.date == TODAY
    bad = coopsite("--root", str(root), "new", "event", "--type", "trainig", "--title", "x", "--start", "2027-02-04",
                   "--city", "gent", env=env)
    assert bad.returncode == 2 and "did you mean 'training'" in bad.stderr

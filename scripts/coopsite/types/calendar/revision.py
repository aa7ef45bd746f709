"""Revisions of events: the iCalendar SEQUENCE, kept reproducible.

Calendar apps that imported an event (the "add to my calendar" file) take a
new version of it only when its SEQUENCE is higher. SEQUENCE must therefore
only grow, which a hash of the content cannot do; and it must not come from
the clock, or builds would not be reproducible. So each event file records
`revision: {sequence: N, date: YYYY-MM-DD, fingerprint: ...}`, where the
fingerprint is a hash of the event's schedule (dates, times, rule, place,
cancellations) at revision N. `coopsite check` warns when the schedule no
longer matches the fingerprint, and `coopsite revise FILE` raises the
sequence, dates it and stores the new fingerprint, leaving the rest of the
file as it is. Text edits (a typo, a translation) need no revision: they are
not the "significant changes" of RFC 5545, and subscribed calendars pick
them up at their next refresh anyway.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json

from ruamel.yaml.comments import CommentedMap

from coopsite.types.calendar.model import Event, Venue
from coopsite.core.problems import Problems
from coopsite.core.source import parse_yaml_rt
from coopsite.core.yamledit import block_end, insert_lines, newline_of

OK, CHANGED, UNSTAMPED = "ok", "changed", "unstamped"


def _when(value) -> str | None:
    return value.isoformat() if value is not None else None


def _venue(v: Venue | None, default_lang: str):
    if v is None:
        return None
    return [v.name.get(default_lang) if v.name else None, v.address, v.city, v.online]


def fingerprint(event: Event, default_lang: str) -> str:
    """A short hash of what makes a new version of an event for calendar apps (RFC 5545 'significant')."""
    data = {
        "start": _when(event.start), "end": _when(event.end), "timezone": event.timezone,
        "rrule": (event.rrule or "").upper().removeprefix("RRULE:"),
        "exdates": [d.isoformat() for d in event.exdates],
        "changes": [[c.original.isoformat(), c.cancelled, _when(c.start), _when(c.end),
                     _venue(c.venue, default_lang)] for c in sorted(event.changes, key=lambda c: c.original)],
        "venue": _venue(event.venue, default_lang),
        "cancelled": event.cancelled,
    }
    blob = json.dumps(data, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:12]


def state(event: Event, default_lang: str) -> str:
    if not event.revision.fingerprint:
        return UNSTAMPED
    return OK if event.revision.fingerprint == fingerprint(event, default_lang) else CHANGED


def check(catalog, problems: Problems) -> None:
    default = catalog.config.languages.default
    for event in catalog.events:
        st = state(event, default)
        rev = event.revision
        at = rev.pos if rev.pos.line else event.pos
        if st == UNSTAMPED:
            problems.warning(at.path, at.line, at.col, f"event {event.id} has no revision stamp yet",
                             f"run 'coopsite revise {event.pos.path}' (it records revision 0 and its fingerprint)")
        elif st == CHANGED:
            problems.warning(at.path, at.line, at.col,
                             f"event {event.id}: its date, time, place or status changed since revision "
                             f"{rev.sequence}, but the revision was not raised",
                             f"run 'coopsite revise {event.pos.path}', so calendar apps that imported the event "
                             "take the change (iCalendar SEQUENCE)")


def revision_line(sequence: int, date: dt.date, fp: str) -> str:
    return f"revision: {{sequence: {sequence}, date: {date.isoformat()}, fingerprint: {fp}}}"


def set_revision_text(text: str, sequence: int, date: dt.date, fp: str) -> str:
    """The file's text with its `revision:` replaced (or appended); every other line stays as it is."""
    problems = Problems()
    node = parse_yaml_rt(text, "<file>", problems)
    if not isinstance(node, CommentedMap):
        raise ValueError("the file is not a YAML mapping")
    new = revision_line(sequence, date, fp)
    lines = text.splitlines(keepends=True)
    if "revision" not in node:
        return insert_lines(text, len(lines) - 1, [new]) if lines else new + "\n"
    keys = list(node.keys())
    start = node.lc.key("revision")[0]
    after = keys[keys.index("revision") + 1:]
    stop = min((node.lc.key(k)[0] for k in after), default=len(lines))
    end = block_end(lines, start, stop, node.lc.key("revision")[1])
    nl = newline_of(text)
    ending = lines[end][len(lines[end].rstrip("\r\n")):] or nl
    return "".join(lines[:start]) + new + ending + "".join(lines[end + 1:])

"""VTIMEZONE components with RRULE observances, derived from the IANA data that Python's zoneinfo reads.

Why not icalendar's own ``Timezone.from_tzid``: it lists every later year of an
observance on one comma-separated RDATE, and Mozilla's ical.js (Thunderbird,
Nextcloud Calendar) reads only the first value of such a list, so summer events
came out an hour late there. This module writes the form that tzurl/vzic
produce and every client reads the same way: consecutive years that follow one
rule ("last Sunday of March at 02:00") become one observance with a yearly
RRULE, closed by UNTIL when the rule ended and open when it is still in force;
a change that follows no rule is an observance of its own (DTSTART only).

The transitions come from zoneinfo itself (the pinned ``tzdata`` package), found
by sampling the zone's UTC offset and bisecting to the second, so any zone a
contributor may name works without a table of our own, and its future
transitions follow the zone's current rule as zoneinfo does. DTSTART of each
observance is the local time before the change (RFC 5545, 3.6.5).
"""

from __future__ import annotations

import calendar as _cal
import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from zoneinfo import ZoneInfo

UTC = dt.timezone.utc
_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_STEP = dt.timedelta(days=1)  # no zone has changed its offset twice within a day since 1970
# How far past the last year asked for the rules are checked before one is left open: the weekdays of
# the Gregorian calendar repeat every 28 years (within 1901-2099), so a rule that the zone follows for
# 28 more years is the rule it keeps. Zones whose changes follow no such rule (Morocco's Ramadan
# suspensions, Egypt's "Friday after the last Thursday") get their changes listed over those years.
VERIFY_YEARS = 28


@dataclass(frozen=True, kw_only=True)
class Transition:
    at: dt.datetime  # the instant of the change, in UTC
    before: dt.timedelta  # UTC offset until then
    after: dt.timedelta  # UTC offset from then on
    name: str  # abbreviation after the change (TZNAME)
    daylight: bool  # DST in force after the change

    @property
    def local(self) -> dt.datetime:
        """Local wall-clock time before the change, as DTSTART wants it (naive)."""
        return (self.at + self.before).replace(tzinfo=None)


def _offset(zone: ZoneInfo, instant: dt.datetime) -> dt.timedelta:
    return instant.astimezone(zone).utcoffset()


def _state(zone: ZoneInfo, instant: dt.datetime) -> tuple[dt.timedelta, str, bool]:
    local = instant.astimezone(zone)
    return local.utcoffset(), local.tzname() or "", bool(local.dst())


@lru_cache(maxsize=512)  # a day-by-day scan of decades: worth keeping for a second reader of the same zone
def transitions(tzid: str, start: dt.datetime, end: dt.datetime) -> tuple[Transition, ...]:
    """Every change of UTC offset (or of abbreviation/DST flag) of the zone between two UTC instants."""
    zone = ZoneInfo(tzid)
    out = []
    t, state = start, _state(zone, start)
    while t < end:
        nxt = t + _STEP
        if nxt > end:
            nxt = end
        # _state inlined: this line runs for every day of decades, for every zone a test reads
        local = nxt.astimezone(zone)
        new = (local.utcoffset(), local.tzname() or "", bool(local.dst()))
        if new != state:
            lo, hi = t, nxt  # state(lo) == state, state(hi) != state: bisect to the second
            while hi - lo > dt.timedelta(seconds=1):
                mid = lo + (hi - lo) / 2
                mid = mid.replace(microsecond=0)
                if mid <= lo:
                    break
                if _state(zone, mid) == state:
                    lo = mid
                else:
                    hi = mid
            after = _state(zone, hi)
            if after[0] != state[0] or after[2] != state[2]:
                out.append(Transition(at=hi, before=state[0], after=after[0], name=after[1], daylight=after[2]))
            state = after
            t = hi
        else:
            t = nxt
    return tuple(out)


def _rules(local: dt.datetime) -> set[tuple]:
    """Every yearly rule that this local date satisfies: nth or last weekday, weekday on or after a day, fixed day."""
    d = local.date()
    wd = d.weekday()
    last_day = _cal.monthrange(d.year, d.month)[1]
    out: set[tuple] = {("day", d.day)}
    # "Sun>=k" in the IANA rules: the weekday in the 7 days from k. Windows that stay within 28 days
    # exist in every month; "1st..4th" weekday are the windows from 1, 8, 15, 22.
    for k in range(max(1, d.day - 6), d.day + 1):
        if k + 6 <= 28:
            out.add(("ge", wd, k))
    if d.day + 7 > last_day:
        out.add(("last", wd))
    return out


def _rrule(rule: tuple, month: int) -> str:
    kind = rule[0]
    if kind == "day":
        return f"FREQ=YEARLY;BYMONTH={month};BYMONTHDAY={rule[1]}"
    if kind == "last":
        return f"FREQ=YEARLY;BYMONTH={month};BYDAY=-1{_DAYS[rule[1]]}"
    _, wd, k = rule
    if (k - 1) % 7 == 0:
        return f"FREQ=YEARLY;BYMONTH={month};BYDAY={(k - 1) // 7 + 1}{_DAYS[wd]}"
    days = ",".join(str(k + i) for i in range(7))
    return f"FREQ=YEARLY;BYMONTH={month};BYDAY={_DAYS[wd]};BYMONTHDAY={days}"


def _preference(rule: tuple) -> tuple:
    # The plainest rule wins when several fit: nth weekday, then last weekday, then a window, then a fixed day.
    if rule[0] == "ge":
        return (0 if (rule[2] - 1) % 7 == 0 else 2, rule[2])
    return ({"last": 1, "day": 3}[rule[0]], 0)


@dataclass(kw_only=True)
class _Group:
    members: list[Transition]
    rules: set[tuple]

    def key(self, tr: Transition) -> tuple:
        local = tr.local
        return (tr.before, tr.after, tr.name, tr.daylight, local.month, local.time())

    def takes(self, tr: Transition) -> bool:
        last = self.members[-1]
        return (self.key(tr) == self.key(last) and tr.local.year == last.local.year + 1
                and bool(self.rules & _rules(tr.local)))


def _fmt_offset(td: dt.timedelta) -> str:
    secs = int(td.total_seconds())
    sign = "+" if secs >= 0 else "-"
    secs = abs(secs)
    h, rest = divmod(secs, 3600)
    m, s = divmod(rest, 60)
    return f"{sign}{h:02d}{m:02d}" + (f"{s:02d}" if s else "")


def _fmt_local(value: dt.datetime) -> str:
    return value.strftime("%Y%m%dT%H%M%S")


def _observance(first: Transition, rrule: str | None, until: dt.datetime | None) -> list[str]:
    kind = "DAYLIGHT" if first.daylight else "STANDARD"
    lines = [f"BEGIN:{kind}", f"DTSTART:{_fmt_local(first.local)}"]
    if rrule:
        lines.append(f"RRULE:{rrule}" + (f";UNTIL={until.strftime('%Y%m%dT%H%M%SZ')}" if until else ""))
    if first.name:
        lines.append(f"TZNAME:{first.name}")
    lines += [f"TZOFFSETFROM:{_fmt_offset(first.before)}", f"TZOFFSETTO:{_fmt_offset(first.after)}",
              f"END:{kind}"]
    return lines


def _fold(line: str) -> str:
    # Lines here are ASCII; fold at 75 octets as RFC 5545, 3.1 asks.
    parts = [line[:75]]
    rest = line[75:]
    while rest:
        parts.append(" " + rest[:74])
        rest = rest[74:]
    return "\r\n".join(parts)


@lru_cache(maxsize=256)
def vtimezone(tzid: str, first: dt.date, last: dt.date) -> bytes:
    """The VTIMEZONE of ``tzid`` as iCalendar text, valid for every instant from ``first`` on.

    A yearly rule still followed 28 years after ``last`` stays open (no UNTIL), so
    recurring events beyond ``last`` keep their offsets as long as the zone keeps
    its rule; changes that follow no rule are listed up to then.
    """
    zone = ZoneInfo(tzid)
    start = dt.datetime(first.year, 1, 1, tzinfo=UTC) - dt.timedelta(days=2)
    end = dt.datetime(last.year + 1 + VERIFY_YEARS, 1, 1, tzinfo=UTC)
    changes = transitions(tzid, start, end)
    groups: list[_Group] = []
    for tr in changes:
        # A transition joins the group of the same kind whose yearly rule it continues, else starts one.
        home = next((g for g in reversed(groups) if g.takes(tr)), None)
        if home:
            home.members.append(tr)
            home.rules &= _rules(tr.local)
        else:
            groups.append(_Group(members=[tr], rules=_rules(tr.local)))
    # The offset in force at the start of the range: an observance at that instant (from == to), so that
    # clients know the offset of events before the first change in range.
    offset, name, daylight = _state(zone, start)
    opening = Transition(at=start, before=offset, after=offset, name=name, daylight=daylight)
    lines = ["BEGIN:VTIMEZONE", f"TZID:{tzid}"]
    lines += _observance(opening, None, None)
    # A rule that still applied in the scan's final year stays open (no UNTIL).
    final_year = end.year - 1
    for g in groups:
        head = g.members[0]
        if len(g.members) == 1:
            lines += _observance(head, None, None)
            continue
        rule = min(g.rules, key=_preference)
        tail = g.members[-1]
        still = tail.local.year >= final_year
        lines += _observance(head, _rrule(rule, head.local.month), None if still else tail.at)
    lines.append("END:VTIMEZONE")
    return ("\r\n".join(_fold(line) for line in lines) + "\r\n").encode("ascii")


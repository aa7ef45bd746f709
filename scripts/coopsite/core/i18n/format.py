"""Dates and numbers in the reader's locale (Babel), never English strftime."""

from __future__ import annotations

import datetime as dt
from functools import wraps

from babel.dates import format_date as _format_date
from babel.dates import format_datetime as _format_datetime
from babel.dates import format_time as _format_time
from babel.numbers import format_decimal

from coopsite.core.i18n.typography import DATE_TYPOGRAPHY

LOCALES = {"nl": "nl_BE", "fr": "fr_BE", "en": "en_GB", "de": "de_BE"}


def _memo(fn):
    """Remember results: Babel takes 30-100 us per call, and the site formats each date several times
    (event page, month grid, lists, home) in each language. The key holds each argument's type,
    zone and fold as well as its value, because aware datetimes in different zones compare equal
    when they are the same instant, yet read differently ('19:00' in Brussels, '18:00' in London)."""
    cache: dict = {}

    @wraps(fn)
    def wrapper(*args, **kwargs):
        key = (tuple((type(a), a, getattr(a, "tzinfo", None), getattr(a, "fold", 0)) for a in args),
               tuple(sorted(kwargs.items())))
        try:
            return cache[key]
        except KeyError:
            value = cache[key] = fn(*args, **kwargs)
            return value

    return wrapper


def locale(lang: str) -> str:
    return LOCALES.get(lang, lang)


def _day_rule(lang: str, text: str, day: int) -> str:
    rule = DATE_TYPOGRAPHY.get(lang)
    return rule(text, day) if rule else text


@_memo
def date(d: dt.date, lang: str, fmt: str = "long") -> str:
    return _day_rule(lang, _format_date(d, format=fmt, locale=locale(lang)), d.day)


@_memo
def datetime(d: dt.datetime, lang: str, fmt: str = "long") -> str:
    return _day_rule(lang, _format_datetime(d, format=fmt, locale=locale(lang), tzinfo=d.tzinfo), d.day)


@_memo
def time(d: dt.datetime | dt.time, lang: str, fmt: str = "short") -> str:
    return _format_time(d, format=fmt, locale=locale(lang), tzinfo=getattr(d, "tzinfo", None))


@_memo
def month_year(d: dt.date, lang: str) -> str:
    return _format_date(d, format="LLLL y", locale=locale(lang))


@_memo
def number(n: float, lang: str) -> str:
    return format_decimal(n, locale=locale(lang))


# --- calendar ---
# Event times are aware datetimes in the event's own zone: formatting keeps
# that zone (tzinfo=...), so 19:00 in Brussels reads 19:00 in every language.
from babel import Locale as _Locale  # noqa: E402  (the calendar's own imports, kept with its section)
from babel.dates import format_interval as _format_interval  # noqa: E402
from babel.dates import format_skeleton as _format_skeleton  # noqa: E402
from babel.dates import get_day_names as _get_day_names  # noqa: E402
from babel.core import get_global as _get_global  # noqa: E402
from babel.dates import get_timezone_location as _get_timezone_location  # noqa: E402

@_memo
def day_month(d: dt.date, lang: str) -> str:
    """Short weekday, day and month: 'do 17 dec', 'jeu. 17 déc.', 'Thu 17 Dec'."""
    return _day_rule(lang, _format_skeleton("MMMEd", d, locale=locale(lang)), d.day)


@_memo
def full_date(d: dt.date, lang: str) -> str:
    return _day_rule(lang, _format_date(d, format="full", locale=locale(lang)), d.day)


@_memo
def time_range(start: dt.datetime, end: dt.datetime, lang: str) -> str:
    """'19:00–21:00' on one day; date and time at both ends when the event runs past midnight."""
    skeleton = "Hm" if start.date() == end.date() else "yMMMEdHm"
    return _format_interval(start, end, skeleton, locale=locale(lang), tzinfo=start.tzinfo)


@_memo
def date_range(start: dt.date, end: dt.date, lang: str, skeleton: str = "yMMMEd") -> str:
    if start == end:
        return _day_rule(lang, _format_skeleton(skeleton, start, locale=locale(lang)), start.day)
    return _format_interval(start, end, skeleton, locale=locale(lang))


@_memo
def week_days(lang: str) -> tuple[tuple[int, str, str], ...]:
    """(weekday 0=Monday, abbreviated, wide) in the locale's order (Monday first in nl_BE, fr_BE, en_GB)."""
    loc = _Locale.parse(locale(lang))
    short = _get_day_names("abbreviated", locale=loc)
    wide = _get_day_names("wide", locale=loc)
    return tuple(((loc.first_week_day + i) % 7, short[(loc.first_week_day + i) % 7], wide[(loc.first_week_day + i) % 7])
                 for i in range(7))


@_memo
def zone_country(tz_name: str, lang: str) -> str:
    """The country a zone is the time of ('België', 'France'), else Babel's name of the zone."""
    territory = _get_global("zone_territories").get(tz_name)
    loc = _Locale.parse(locale(lang))
    if territory and territory in loc.territories:
        return loc.territories[territory]
    return _get_timezone_location(tz_name, locale=loc)


@_memo
def language_name(code: str, lang: str) -> str:
    return _Locale.parse(locale(lang)).languages.get(code, code)


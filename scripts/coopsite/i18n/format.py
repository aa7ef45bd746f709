"""Dates and numbers in the reader's locale (Babel), never English strftime."""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date as _format_date
from babel.dates import format_datetime as _format_datetime
from babel.dates import format_time as _format_time
from babel.numbers import format_decimal

LOCALES = {"nl": "nl_BE", "fr": "fr_BE", "en": "en_GB", "de": "de_BE"}


def locale(lang: str) -> str:
    return LOCALES.get(lang, lang)


def date(d: dt.date, lang: str, fmt: str = "long") -> str:
    return _format_date(d, format=fmt, locale=locale(lang))


def datetime(d: dt.datetime, lang: str, fmt: str = "long") -> str:
    return _format_datetime(d, format=fmt, locale=locale(lang), tzinfo=d.tzinfo)


def time(d: dt.datetime | dt.time, lang: str, fmt: str = "short") -> str:
    return _format_time(d, format=fmt, locale=locale(lang), tzinfo=getattr(d, "tzinfo", None))


def month_year(d: dt.date, lang: str) -> str:
    return _format_date(d, format="LLLL y", locale=locale(lang))


def number(n: float, lang: str) -> str:
    return format_decimal(n, locale=locale(lang))

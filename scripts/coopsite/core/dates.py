"""Dates as precise as they are known: a day, a month or a year, possibly approximate.

Content often knows less than a day. The report of Smart in Progress 2020-2021 carries no date at
all, only its cycle; writing 2021-06-01 for it would publish a day nobody knows. A `PartialDate`
keeps what is known and nothing more.

The written form is the Extended Date/Time Format's level-0/1 subset (ISO 8601-2:2019, EDTF,
https://www.loc.gov/standards/datetime/): `2021` (a year), `2021-06` (a month), `2021-06-15` (a day),
and a trailing `~` for "approximately" (`2021~`, `2021-06~`). The same string goes into the JSON API,
so that a program reads exactly what a person reads on the page.

Feeds that need a full timestamp (Atom's `updated`) stand a partial date in by the first day of its
period (see `types/recommendations/feeds.py`); the entry's text says the real precision.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

YEAR, MONTH, DAY = "year", "month", "day"
_FORM = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(~)?$")
HINT = ("write a day (2021-06-15), a month (2021-06) or a year (2021); add ~ at the end when it is "
        "approximate (2021~)")


@dataclass(frozen=True, order=True)
class PartialDate:
    """Ordered by year, month, day (an unknown month or day sorts before every known one)."""

    year: int
    month: int = 0  # 0 = not known
    day: int = 0  # 0 = not known
    approximate: bool = False

    @property
    def precision(self) -> str:
        return DAY if self.day else MONTH if self.month else YEAR

    @property
    def start(self) -> dt.date:
        """The first day of the period: for sorting, ranges and timestamps that need a day."""
        return dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def end(self) -> dt.date:
        """The last day of the period."""
        if self.day:
            return self.start
        if self.month:
            nxt = dt.date(self.year + self.month // 12, self.month % 12 + 1, 1)
            return nxt - dt.timedelta(days=1)
        return dt.date(self.year, 12, 31)

    def edtf(self) -> str:
        text = f"{self.year:04d}"
        if self.month:
            text += f"-{self.month:02d}"
        if self.day:
            text += f"-{self.day:02d}"
        return text + ("~" if self.approximate else "")

    # What <time datetime> accepts (HTML: a valid year, month or date string): no ~ in it.
    def iso(self) -> str:
        return self.edtf().rstrip("~")

    def isoformat(self) -> str:  # the name dt.date has, for code that only writes a date out
        return self.edtf()

    def __str__(self) -> str:
        return self.edtf()

    @classmethod
    def of(cls, d: dt.date) -> "PartialDate":
        return cls(d.year, d.month, d.day)


def parse(value) -> PartialDate | None:
    """A PartialDate from what YAML gives (a date, an int year, or an EDTF string); None if it is none."""
    if isinstance(value, dt.datetime):
        return None
    if isinstance(value, dt.date):
        return PartialDate.of(value)
    if isinstance(value, bool):
        return None
    m = _FORM.match(str(value).strip())
    if not m:
        return None
    year, month, day = int(m[1]), int(m[2] or 0), int(m[3] or 0)
    try:
        dt.date(year, month or 1, day or 1)
    except ValueError:
        return None
    return PartialDate(year, month, day, bool(m[4]))


def as_partial(d) -> PartialDate:
    return d if isinstance(d, PartialDate) else PartialDate.of(d)


def format_partial(d: PartialDate, lang: str, day_format: str = "long", *, approx: str = "{date}") -> str:
    """'2021', 'juin 2021', '1 juni 2021' in the reader's language; `approx` wraps an approximate date
    (an interface text such as 'ca. {date}', passed in so that this module needs no catalog)."""
    from coopsite.core.i18n import format as fmt  # the site's locales (nl_BE, fr_BE), French's '1er juin'

    if d.precision == DAY:
        text = fmt.date(d.start, lang, day_format)
    elif d.precision == MONTH:
        text = fmt.month_year(d.start, lang)
    else:
        text = str(d.year)
    return approx.format(date=text) if d.approximate else text

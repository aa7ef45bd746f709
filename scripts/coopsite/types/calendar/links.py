"""Where the calendar's pages and files live, shared by the page renderers, the feeds and the API."""

from __future__ import annotations

import datetime as dt
import posixpath
import re

INDEX = "calendar/index"
PAST = "calendar/past"


def event_page(eid: str) -> str:
    return f"calendar/{eid}"


def month_page(month: dt.date) -> str:
    return f"calendar/{month:%Y-%m}"


def type_page(tid: str) -> str:
    return f"calendar/type/{tid}"


def city_page(pid: str) -> str:
    return f"calendar/city/{pid}"


# Files at the site root (not pages), one per language.
def feed_path(lang: str) -> str:
    return f"feeds/calendar.{lang}.ics"


def type_feed_path(tid: str, lang: str) -> str:
    return f"feeds/calendar/type/{tid}.{lang}.ics"


def city_feed_path(pid: str, lang: str) -> str:
    return f"feeds/calendar/city/{pid}.{lang}.ics"


def event_file_path(eid: str, lang: str) -> str:
    return f"feeds/calendar/event/{eid}.{lang}.ics"


def file_url(from_page: str, lang_prefix: str, site_path: str) -> str:
    """Relative link from a generated page to a file at the site root.

    Pages of other languages live under their prefix (fr/...) with directory
    URLs, so the way back to the root depends on both.
    """
    page = from_page.removesuffix("index").rstrip("/")
    here = posixpath.join(lang_prefix.rstrip("/"), page) if lang_prefix else page
    depth = len([p for p in here.split("/") if p])
    return "../" * depth + site_path


def webcal(https_url: str) -> str:
    """The same address for calendar apps: webcal:// opens the subscription dialog."""
    return re.sub(r"^https?://", "webcal://", https_url)

"""Outputs that are files at the site root, not pages: feeds, iCalendar, JSON API.

site_files(catalog) -> {site-relative path: bytes}. Pure: the same catalog gives
the same bytes (dates come from the content, never from the clock).
"""

from __future__ import annotations

from typing import Callable

from coopsite.types.recommendations import api
from coopsite.types.blog import feeds as blog
from coopsite.types.blog import api as blog_api
from coopsite.types.calendar import feeds as calendar
from coopsite.types.calendar import api as events_api
from coopsite.core import links
from coopsite.types.podcast import feeds as podcast
from coopsite.types.recommendations import feeds as status

# Each producer: catalog -> {path: bytes}
PRODUCERS: list[Callable] = [api.files, status.files, calendar.files, events_api.files, blog.files, blog_api.files,
                             podcast.files]

# Feeds announced in page heads (autodiscovery): fn(catalog, lang) -> [(title, site path, mime)]
ANNOUNCED: list[Callable] = [status.announced, calendar.announced, blog.announced, podcast.announced]

# Events are dated by their revisions (never by their future start dates).
links.EXTRA_DATES.append(lambda catalog: [e.revision.date for e in catalog.events if e.revision.date])
links.EXTRA_DATES.append(blog.dates)
links.EXTRA_DATES.append(lambda catalog: [ep.date for ep in catalog.episodes])

# Big files published as they are, without passing through memory: fn(catalog) -> {site path: source file}
COPIES: list[Callable] = [podcast.copies]


def site_files(catalog) -> dict[str, bytes]:
    out: dict[str, bytes] = {}
    for producer in PRODUCERS:
        out.update(producer(catalog))
    return out


def site_copies(catalog) -> dict[str, str]:
    out: dict[str, str] = {}
    for fn in COPIES:
        out.update(fn(catalog))
    return out


def announced(catalog, lang: str) -> list[tuple[str, str, str]]:
    return [feed for fn in ANNOUNCED for feed in fn(catalog, lang)]

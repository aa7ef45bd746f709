"""Outputs that are files at the site root, not pages: feeds, iCalendar, JSON API.

site_files(catalog) -> {site-relative path: bytes}. Pure: the same catalog gives
the same bytes (dates come from the content, never from the clock).
"""

from __future__ import annotations



def site_files(catalog) -> dict[str, bytes]:
    out: dict[str, bytes] = {}
    for content_type in catalog.content_types:
        for producer in content_type.files:
            out.update(producer(catalog))
    return out


def site_copies(catalog) -> dict[str, str]:
    """Big files published as they are, without passing through memory: {site path: source file}."""
    out: dict[str, str] = {}
    for content_type in catalog.content_types:
        out.update(content_type.copies(catalog))
    return out


def announced(catalog, lang: str) -> list[tuple[str, str, str]]:
    """Feeds announced in page heads (autodiscovery): [(title, site path, mime type)]."""
    return [feed for content_type in catalog.content_types for feed in content_type.announced(catalog, lang)]

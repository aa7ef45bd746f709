"""Absolute URLs of pages, for feeds and the API."""

from __future__ import annotations


def page_url(catalog, logical: str, lang: str) -> str:
    """Absolute URL of a logical page ('recommendations/sip2021-01') in a language."""
    cfg = catalog.config
    path = logical.removesuffix("index").rstrip("/")
    return cfg.url(cfg.languages.prefix(lang) + (path + "/" if path else ""))


def latest_date(catalog):
    """The newest date in the content: the feeds' 'updated', so builds are reproducible
    (computed once by build_catalog from every content type's dates)."""
    return catalog.latest

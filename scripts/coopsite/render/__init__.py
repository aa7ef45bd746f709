"""Renderers: Catalog (+ language) -> Markdown pages for MkDocs. Pure functions, no I/O.

render_pages(catalog) returns {docs-relative path: text} for every language;
output.write_pages() puts them into content/.
"""

from __future__ import annotations

from typing import Callable

from ..catalog import Catalog
from . import blog, calendar, dashboard, home, podcast, recommendations, translations

# Each section returns {logical path without language suffix: markdown} for one language.
SECTIONS: list[Callable] = [
    home.pages,
    recommendations.pages,
    dashboard.pages,
    translations.pages,
    calendar.pages,
    blog.pages,
    podcast.pages,
]
home.HOME_SECTIONS.append(calendar.home_block)
recommendations.DISCUSSED_IN.append(calendar.discussed_in)

home.HOME_SECTIONS.append(blog.home_block)
recommendations.DISCUSSED_IN.append(blog.discussed_in)

home.HOME_SECTIONS.append(podcast.home_block)
recommendations.DISCUSSED_IN.append(podcast.discussed_in)


def render_pages(catalog: Catalog) -> dict[str, str]:
    out: dict[str, str] = {}
    for lang in catalog.config.languages.all:
        for section in SECTIONS:
            for logical, text in section(catalog, lang).items():
                out[f"{logical}.{lang}.md"] = text
    return out

"""What a content type is to the rest of the pipeline: a set of faces, all optional but `name`.

The site is assembled from the tuple of content types in coopsite/types/__init__.py (the one
list). The catalog keeps that tuple (catalog.content_types), so the shared code beneath
(translation status, feed dates, the home page, the rules) asks each type in turn instead of
importing it: core never imports a type, and no list is filled at import time.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Mapping

if TYPE_CHECKING:
    from coopsite.core.config import SiteConfig
    from coopsite.core.problems import Problems


@dataclass(frozen=True, kw_only=True)
class LoadContext:
    """What a type's loader gets: where the site is, its settings, where to report problems, and
    the catalog fields of the types loaded before it (the calendar links events to recommendations)."""

    root: Path
    config: SiteConfig
    problems: Problems
    drafts: bool
    loaded: Mapping[str, Any]


def _nothing(*_args, **_kwargs):
    return ()


@dataclass(frozen=True, kw_only=True)
class ContentType:
    name: str
    # the reader's name of each kind of item the type lists for translators (core.translations.Item.kind):
    # {kind: interface text key}
    item_labels: Mapping[str, str]
    # files -> catalog fields: fn(LoadContext) -> {catalog field: value}
    load: Callable[[LoadContext], Mapping[str, Any]]
    # cross-file rules: fn(catalog, problems) -> None, in this order
    rules: tuple[Callable, ...] = ()
    # pages: fn(catalog, lang) -> {logical page: Markdown}
    pages: Callable[[Any, str], Mapping[str, str]] = lambda catalog, lang: {}
    # the type's block on the home page: fn(catalog, lang) -> Markdown ("" to skip)
    home_block: Callable[[Any, str], str] | None = None
    # the type's newest item as a card on the home page (instead of a block): fn(catalog, lang) ->
    # {"kind", "title", "href", "date", "cover": {"src", "alt"} | None, "all_href", "all_label"} or None;
    # links relative to the home page of that language
    home_card: Callable[[Any, str], dict | None] | None = None
    # the type's block on a recommendation's page: fn(catalog, rec, lang, page) -> Markdown ("" to skip)
    discussed_in: Callable[[Any, Any, str, str], str] | None = None
    # records that may be translated: fn(catalog) -> iterable of core.translations.Item
    translation_items: Callable[[Any], Iterable] = _nothing
    # dates of the content, for the feeds' reproducible 'updated': fn(catalog) -> iterable of dates
    dates: Callable[[Any], Iterable[dt.date]] = _nothing
    # feeds and API files: fns(catalog) -> {site path: bytes}
    files: tuple[Callable[[Any], Mapping[str, bytes]], ...] = ()
    # feeds announced in page heads: fn(catalog, lang) -> [(title, site path, mime type)]
    announced: Callable[[Any, str], Iterable[tuple[str, str, str]]] = lambda catalog, lang: ()
    # big files published as they are: fn(catalog) -> {site path: source file}
    copies: Callable[[Any], Mapping[str, str]] = lambda catalog: {}
    # the source folders and files whose change means a new catalog (repo-relative)
    source_dirs: tuple[str, ...] = ()
    source_files: tuple[str, ...] = ()
    # the type's entries in the site's navigation: (page in docs_dir, interface text key of its label)
    nav: tuple[tuple[str, str], ...] = ()
    # a folder of the type's own templates (coopsite/<name>.html inside it), searched after the theme
    # folder: a new type brings its templates in its own folder; a site's custom_dir overrides them too
    templates: Path | None = None
    # the records that have a page of their own, and that page (logical path): other types link to them
    records: Callable[[Any], Iterable] = _nothing
    record_page: Callable[[Any], str] | None = None
    # how many drafts a catalog loaded with drafts holds (checked, never published): fn(catalog) -> int
    drafts: Callable[[Any], int] = lambda catalog: 0
    # `coopsite bench`: copy i of the type's shipped content into a corpus: fn(src, dest, i)
    bench_clone: Callable[[Path, Path, int], None] = lambda src, dest, i: None

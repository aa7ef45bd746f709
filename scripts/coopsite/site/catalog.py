"""build_catalog(root): the single entry point from files to one immutable Catalog."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import os
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Mapping

from coopsite.core.config import SiteConfig, load_config
from coopsite.core.containment import check_tree
from coopsite.core.content_type import ContentType, LoadContext
from coopsite.core.model import frozen_map
from coopsite.types.blog.model import Author, BlogSettings, Post, Tag
from coopsite.types.calendar.model import CalendarSettings, Event, EventType, Place
from coopsite.types.podcast.model import Episode, Media, Podcast
from coopsite.types.recommendations.model import Cycle, Group, Recommendation, Theme
from coopsite.core.problems import Problems
from coopsite.core.i18n.ui import LOCALES_DIR
from coopsite.core.rules import validate
from coopsite.core.templates import template_dirs
from coopsite.types import CONTENT_TYPES

# Files every build reads whatever its content types: a change in any of them means a new catalog.
CORE_DIRS = ("content/_partials",)
CORE_FILES = ("coopsite.yml", "mkdocs.yml", "termbase.yml")
SOURCE_DIRS = CORE_DIRS + tuple(d for ct in CONTENT_TYPES for d in ct.source_dirs)
SOURCE_FILES = CORE_FILES + tuple(f for ct in CONTENT_TYPES for f in ct.source_files)


@dataclass(frozen=True, kw_only=True)
class Catalog:
    config: SiteConfig
    # the content types this catalog is made of, in the order of the list (coopsite/types/__init__.py)
    content_types: tuple[ContentType, ...] = ()
    # the newest date of the content: the feeds' 'updated', so that builds are reproducible
    latest: dt.date = dt.date(2021, 1, 1)
    # catalog fields of content types this class does not name (a new type starts there)
    more: Mapping[str, object] = field(default_factory=frozen_map)
    cycles: tuple[Cycle, ...] = ()
    themes: tuple[Theme, ...] = ()
    groups: tuple[Group, ...] = ()
    recommendations: tuple[Recommendation, ...] = ()
    partials: Mapping[str, str] = field(default_factory=frozen_map)  # content/_partials/<name>.<lang>.md
    # calendar
    events: tuple[Event, ...] = ()
    event_types: tuple[EventType, ...] = ()
    places: tuple[Place, ...] = ()
    calendar: CalendarSettings = field(default_factory=CalendarSettings)
    # The build date: what "upcoming" is relative to. Set once by build_catalog
    # (see build_date), so renderers never read the clock themselves.
    today: dt.date = dt.date(1970, 1, 1)
    # blog: posts newest first; authors and tags from content/blog/authors.yml and tags.yml
    posts: tuple[Post, ...] = ()
    authors: tuple[Author, ...] = ()
    tags: tuple[Tag, ...] = ()
    blog: BlogSettings = field(default_factory=BlogSettings)
    # the podcast: the show's settings, episodes newest first, and (after the audio
    # stage in pipeline.run) the processed audio by episode id
    podcast: Podcast | None = None
    episodes: tuple[Episode, ...] = ()
    media: Mapping[str, Media] = field(default_factory=frozen_map)
    # How many drafts `check` went through (they are left out of a published catalog).
    drafts_checked: int = 0

    def __getattr__(self, name: str):
        # Only reached when no field has that name: a content type's own field (see `more`).
        more = self.__dict__.get("more") or {}
        if name in more:
            return more[name]
        raise AttributeError(f"the catalog has no field '{name}'")

    # lookups -------------------------------------------------------------
    def content_type(self, name: str) -> ContentType | None:
        """One of the types this catalog is made of (a type links to another's pages through it)."""
        return next((ct for ct in self.content_types if ct.name == name), None)

    def recommendation(self, rid: str) -> Recommendation | None:
        return self._recs_by_id().get(rid)

    def _recs_by_id(self) -> dict[str, Recommendation]:
        cache = self.__dict__.get("_by_id")
        if cache is None:
            cache = {r.id: r for r in self.recommendations}
            object.__setattr__(self, "_by_id", cache)
        return cache

    def referenced_by(self, rid: str) -> list[Recommendation]:
        """Recommendations whose references name `rid` (the other direction of a reference)."""
        index = self.__dict__.get("_referenced_by")
        if index is None:
            index = {}
            for rec in self.recommendations:
                for ref in rec.references:
                    if ref.recommendation and rec not in index.setdefault(ref.recommendation, []):
                        index[ref.recommendation].append(rec)
            object.__setattr__(self, "_referenced_by", index)
        return index.get(rid, [])

    def theme(self, tid: str) -> Theme | None:
        return next((t for t in self.themes if t.id == tid), None)

    def group(self, code: str) -> Group | None:
        return next((g for g in self.groups if g.code == code), None)

    def cycle(self, cid: str) -> Cycle | None:
        return next((c for c in self.cycles if c.id == cid), None)

    def event(self, eid: str) -> Event | None:
        return next((e for e in self.events if e.id == eid), None)

    def event_type(self, tid: str) -> EventType | None:
        return next((t for t in self.event_types if t.id == tid), None)

    def place(self, pid: str | None) -> Place | None:
        return next((p for p in self.places if p.id == pid), None)

    def post(self, slug: str) -> Post | None:
        return next((p for p in self.posts if p.slug == slug), None)

    def author(self, aid: str) -> Author | None:
        return next((a for a in self.authors if a.id == aid), None)

    def partial(self, name: str, lang: str) -> str:
        return self.partials.get(f"{name}.{lang}") or self.partials.get(f"{name}.{self.config.languages.default}", "")


def load_partials(root: Path, problems: Problems) -> dict[str, str]:
    from coopsite.core.source import read_text

    out = {}
    folder = root / "content" / "_partials"
    for path in sorted(folder.glob("*.md")) if folder.exists() else []:
        text = read_text(path, path.relative_to(root).as_posix(), problems)
        if text is not None:
            out[path.stem] = text
    return out


TODAY_ENV = "COOPSITE_TODAY"


def build_date(problems: Problems | None = None) -> dt.date:
    """The build date: $COOPSITE_TODAY (YYYY-MM-DD) when set (tests, rebuilding a past day), else today."""
    value = os.environ.get(TODAY_ENV, "").strip()
    if value:
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            if problems is not None:
                problems.error(TODAY_ENV, 0, 0, f"the environment variable {TODAY_ENV} is not a date: '{value}'",
                               "set it to YYYY-MM-DD, or unset it to use today's date")
    return dt.date.today()


def build_catalog(root: Path, *, drafts: bool = False, today: dt.date | None = None) -> tuple[Catalog, Problems]:
    """Load and validate everything under `root`. Never raises for bad content.

    drafts: include draft content (live preview), never in a published build.
    today: the build date; by default build_date().
    """
    root = Path(root).resolve()
    problems = Problems()
    # First, before any file is read: no link may lead out of the content folders.
    check_tree(root, problems)
    today = today or build_date(problems)
    cfg = load_config(root, problems)
    partials = frozen_map(load_partials(root, problems))

    def load(with_drafts: bool) -> Catalog:
        loaded: dict[str, object] = {}
        for content_type in CONTENT_TYPES:
            loaded.update(content_type.load(LoadContext(root=root, config=cfg, problems=problems,
                                                        drafts=with_drafts, loaded=frozen_map(loaded))))
        named = {f.name for f in fields(Catalog)}
        catalog = Catalog(config=cfg, content_types=CONTENT_TYPES, today=today, partials=partials,
                          **{k: v for k, v in loaded.items() if k in named},
                          more=frozen_map({k: v for k, v in loaded.items() if k not in named}))
        catalog = dataclasses.replace(catalog, latest=latest_date(catalog))
        validate(catalog, problems)
        return catalog

    # Drafts go through every rule, like published content: a contributor learns of a problem
    # while writing, not when publishing. The published catalog is then checked on its own
    # (published content may not lean on a draft); problems found by both passes count once.
    with_drafts = load(True)
    count = draft_count(with_drafts)
    catalog = with_drafts if drafts or not count else load(False)
    return dataclasses.replace(catalog, drafts_checked=count), problems


def draft_count(catalog: Catalog) -> int:
    """Drafts in a catalog loaded with drafts, as each content type counts them."""
    return sum(content_type.drafts(catalog) for content_type in catalog.content_types)


def latest_date(catalog: Catalog) -> dt.date:
    """The newest date of any content type's content (Catalog.latest)."""
    dates = [d for ct in catalog.content_types for d in ct.dates(catalog)]
    return max(dates) if dates else Catalog.__dataclass_fields__["latest"].default


def source_fingerprint(root: Path) -> str:
    """A cheap fingerprint of every source file (path, size, mtime): decides whether to rebuild."""
    root = Path(root)
    h = hashlib.sha256()
    paths = [root / f for f in SOURCE_FILES]
    # the interface text and the page templates (the package's, and the site's custom_dir)
    for base in [root / d for d in SOURCE_DIRS] + [LOCALES_DIR, *template_dirs(root)]:
        if base.exists():
            paths.extend(p for p in base.rglob("*") if p.is_file())
    for p in sorted(paths):
        try:
            st = p.stat()
        except OSError:
            continue
        h.update(f"{p}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    h.update(os.environ.get("COOPSITE_SITE_URL", "").encode())
    h.update(build_date().isoformat().encode())  # "upcoming" changes with the date
    h.update(os.environ.get("COOPSITE_MEDIA_DIR", "").encode())  # podcast masters kept outside the repo
    return h.hexdigest()

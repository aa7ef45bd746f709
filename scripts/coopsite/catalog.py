"""build_catalog(root): the single entry point from files to one immutable Catalog."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping

from .config import SiteConfig, load_config
from .containment import check_tree
from . import translation_status
from .load.blog import check_posts, load_blog, translation_items
from .load.events import load_events, load_places, load_settings, load_types
from .load.podcast import check_podcast, load_episodes, load_show
from .load.recommendations import load_recommendations
from .load.registries import load_cycles, load_groups, load_themes
from .model import (Author, BlogSettings, CalendarSettings, Cycle, Episode, Event, EventType, Group, Media, Place,
                    Podcast, Post, Recommendation, Tag, Theme, frozen_map)
from .problems import Problems
from .safety import check_records
from .validate import EXTRA_RULES, validate

# Cross-file rules of the blog and the podcast; member Markdown safety also covers recommendation texts.
for _rule in (check_posts, check_records, check_podcast):
    if _rule not in EXTRA_RULES:
        EXTRA_RULES.append(_rule)
if translation_items not in translation_status.SOURCES:
    translation_status.SOURCES.append(translation_items)

# Folders whose files feed the catalog: a change in any of them means a new catalog.
SOURCE_DIRS = ("recommendations", "podcasts", "content/blog/posts", "content/events", "content/_partials",
               "content/blog/images")
SOURCE_FILES = ("coopsite.yml", "scripts/coopsite/i18n/ui.yml", "content/blog/authors.yml", "content/blog/tags.yml")


@dataclass(frozen=True)
class Catalog:
    config: SiteConfig
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

    # lookups -------------------------------------------------------------
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


def _check_events(catalog: Catalog, problems: Problems) -> None:
    from .validate import check_languages, unique
    from . import event_revision

    unique(catalog.events, lambda e: e.id, "event id", problems, lambda e: e.at("id"))
    unique(catalog.event_types, lambda t: t.id, "event type id", problems)
    unique(catalog.places, lambda p: p.id, "place id", problems)
    for et in catalog.event_types:
        check_languages(et, et.pos, {}, catalog.config, problems, f"event type {et.id}")
    for place in catalog.places:
        check_languages(place, place.pos, {}, catalog.config, problems, f"place {place.id}")
    for event in catalog.events:
        check_languages(event, event.pos, dict(event.translations), catalog.config, problems, f"event {event.id}")
    event_revision.check(catalog, problems)


if _check_events not in EXTRA_RULES:
    EXTRA_RULES.append(_check_events)


def _rec_sort_key(theme_order: dict[str, int]):
    return lambda r: (r.cycle, theme_order.get(r.theme, 99), r.number, r.id)


def load_partials(root: Path, problems: Problems) -> dict[str, str]:
    from .source import read_text

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
    themes = load_themes(root, cfg, problems)
    groups = load_groups(root, cfg, problems)
    cycles = load_cycles(root, cfg, problems, {g.code for g in groups})
    recs = load_recommendations(root, cfg, problems, cycles={c.id for c in cycles},
                                themes={t.id for t in themes}, groups={g.code for g in groups})
    order = {t.id: t.order for t in themes}
    settings = load_settings(cfg)
    event_types = load_types(root, cfg, problems)
    places = load_places(root, cfg, settings, problems)
    show = load_show(root, cfg, problems)
    shared = dict(config=cfg, cycles=cycles, themes=themes, groups=groups,
                  recommendations=tuple(sorted(recs, key=_rec_sort_key(order))),
                  partials=frozen_map(load_partials(root, problems)),
                  event_types=event_types, places=places, calendar=settings, today=today, podcast=show)

    def member_content(with_drafts: bool) -> Catalog:
        posts, authors, tags, blog = load_blog(root, cfg, problems, drafts=with_drafts)
        events = load_events(root, cfg, settings, problems, types=event_types, places=places,
                             recommendations={r.id for r in recs}, drafts=with_drafts)
        episodes = load_episodes(root, cfg, problems, show, drafts=with_drafts)
        catalog = Catalog(**shared, events=events, posts=posts, authors=authors, tags=tags, blog=blog,
                          episodes=episodes)
        validate(catalog, problems)
        return catalog

    # Drafts go through every rule, like published content: a contributor learns of a problem
    # while writing, not when publishing. The published catalog is then checked on its own
    # (published content may not lean on a draft); problems found by both passes count once.
    with_drafts = member_content(True)
    count = draft_count(with_drafts)
    catalog = with_drafts if drafts or not count else member_content(False)
    return dataclasses.replace(catalog, drafts_checked=count), problems


def draft_count(catalog: Catalog) -> int:
    """Drafts in a catalog loaded with drafts: posts (or translations of them), events, episodes."""
    posts = sum(1 for p in catalog.posts if p.draft or any(f.draft for f in p.files.values()))
    return posts + sum(1 for e in catalog.events if e.draft) + sum(1 for e in catalog.episodes if e.draft)


def source_fingerprint(root: Path) -> str:
    """A cheap fingerprint of every source file (path, size, mtime): decides whether to rebuild."""
    root = Path(root)
    h = hashlib.sha256()
    paths = [root / f for f in SOURCE_FILES]
    for d in SOURCE_DIRS:
        base = root / d
        if base.exists():
            paths.extend(p for p in base.rglob("*") if p.is_file())
    for p in sorted(paths):
        try:
            st = p.stat()
        except OSError:
            continue
        h.update(f"{p.relative_to(root)}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    h.update(os.environ.get("COOPSITE_SITE_URL", "").encode())
    h.update(build_date().isoformat().encode())  # "upcoming" changes with the date
    h.update(os.environ.get("COOPSITE_MEDIA_DIR", "").encode())  # podcast masters kept outside the repo
    return h.hexdigest()


def _episodes(catalog):
    for ep in catalog.episodes:
        yield translation_status.Item("podcast", ep.id, ep.pos.path, ep, dict(ep.translations))


if _episodes not in translation_status.SOURCES:
    translation_status.SOURCES.append(_episodes)

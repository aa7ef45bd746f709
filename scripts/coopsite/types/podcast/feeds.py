"""Podcast feeds (RSS 2.0 with iTunes and Podcasting 2.0 tags), chapters, transcripts and the JSON API.

- feeds/podcast.<lang>.xml: the episodes spoken in <lang>; feeds/podcast.xml: every episode.
  An item is always written in the language of its audio.
- media/podcast/<slug>.chapters.json (JSON chapters 1.2), <slug>.<lang>.vtt (published times).
- api/podcast.json and api/podcast.schema.json.
- copies(): the MP3s and the artwork, published from the audio cache without passing through memory.

Reproducible: every date comes from the content, items are sorted here and
added with order="append" (feedgen prepends by default).
"""

from __future__ import annotations

import datetime as dt
import json

from feedgen.feed import FeedGenerator

from coopsite.core.i18n import labels
from coopsite.core.i18n.ui import t
from coopsite.core.model import Localized
from coopsite.core.safety import safe_html
from coopsite.types.podcast.paths import (INDEX, artwork_path, audio_path, chapters_path, episode_page, feed_languages, feed_path, published, show_guid, transcript_path)
from coopsite.types.podcast import subtitles
from coopsite.core.links import page_url
from coopsite.types.podcast.feed_ns import PodcastIndexEntryExtension, PodcastIndexExtension

API_VERSION = 1


def _midday(d: dt.date) -> dt.datetime:
    # Episodes are dated by day; noon UTC keeps the day the same in every European time zone.
    return dt.datetime(d.year, d.month, d.day, 12, 0, tzinfo=dt.timezone.utc)


def _pick(loc: Localized | None, lang: str, default: str) -> str:
    return loc.pick(lang, default)[0] if loc else ""


def _html(text: str) -> str:
    return safe_html(text)  # member Markdown: rendered and sanitised as on the site


def funding_url(catalog) -> str | None:
    url = catalog.podcast.funding_url
    if url and not url.startswith("https://"):
        return catalog.config.url(url)
    return url


def feed_title(catalog, lang: str | None) -> str:
    default = catalog.config.languages.default
    title = _pick(catalog.podcast.title, lang or default, default)
    return title if lang else t(default, "podcast_all_feed_title", title=title)


def announced(catalog, lang: str) -> list[tuple[str, str, str]]:
    if catalog.podcast is None or not published(catalog):
        return []
    out = []
    if lang in feed_languages(catalog):
        out.append((feed_title(catalog, lang), feed_path(lang), "application/rss+xml"))
    # the all-languages feed is titled in the default language inside the feed; a page announces
    # it in the reader's language ("toutes les langues" on a French page, not "alle talen")
    default = catalog.config.languages.default
    title = t(lang, "podcast_all_feed_title", title=_pick(catalog.podcast.title, lang, default))
    out.append((title, feed_path(None), "application/rss+xml"))
    return out


def feed(catalog, lang: str | None) -> bytes:
    cfg = catalog.config
    show = catalog.podcast
    default = cfg.languages.default
    text_lang = lang or default
    episodes = [ep for ep in published(catalog) if lang is None or ep.language == lang]
    fg = FeedGenerator()
    fg.load_extension("podcast")
    fg.register_extension("podcastindex", PodcastIndexExtension, PodcastIndexEntryExtension)
    self_url = cfg.url(feed_path(lang))
    fg.title(feed_title(catalog, lang))
    # feedgen uses the last link as the RSS <link> (its comment says the first): self goes first
    fg.link(href=self_url, rel="self", type="application/rss+xml")
    fg.link(href=page_url(catalog, INDEX, text_lang), rel="alternate")
    fg.description(_pick(show.description, text_lang, default))
    fg.language(text_lang)
    newest = max([ep.date for ep in episodes], default=None)
    if newest:
        fg.lastBuildDate(_midday(newest))
        fg.pubDate(_midday(newest))
    fg.podcast.itunes_author(show.author)
    fg.podcast.itunes_owner(name=show.owner_name, email=show.owner_email)
    category = {"cat": show.category}
    if show.subcategory:
        category["sub"] = show.subcategory
    fg.podcast.itunes_category([category])
    if show.artwork:
        fg.podcast.itunes_image(cfg.url(artwork_path(show)))
    fg.podcast.itunes_type("episodic")
    fg.podcast.itunes_summary(_pick(show.description, text_lang, default))
    ext = fg.podcastindex
    ext.explicit(show.explicit)
    ext.guid(show_guid(catalog, lang))
    ext.locked(show.locked, show.owner_email)
    if show.funding_url:
        ext.funding(funding_url(catalog), _pick(show.funding_text, text_lang, default))
    for ep in episodes:  # already newest first
        media = catalog.media[ep.id]
        fe = fg.add_entry(order="append")
        fe.guid(ep.guid, permalink=False)
        fe.title(_pick(ep.title, ep.language, default))
        fe.link(href=page_url(catalog, episode_page(ep), ep.language))
        notes = _pick(ep.description, ep.language, default)
        if ep.example:
            notes = f"**{t(ep.language, 'podcast_example').capitalize()}.** {t(ep.language, 'podcast_example_notice')}" \
                    f"\n\n{notes}"
        fe.description(_html(notes))
        fe.enclosure(cfg.url(audio_path(ep)), str(media.bytes), "audio/mpeg")
        fe.pubDate(_midday(ep.date))
        fe.podcast.itunes_duration(int(round(media.duration)))
        if ep.number:
            fe.podcast.itunes_episode(ep.number)
        if ep.season:
            fe.podcast.itunes_season(ep.season)
        fe.podcast.itunes_episode_type(ep.type)
        fe.podcastindex.explicit(ep.explicit)
        for tr in ep.transcripts:
            # Captions are what is heard: only the transcript in the spoken language. The others are
            # translations, declared with their language and no rel (Podcasting 2.0, podcast:transcript).
            rel = "captions" if tr.lang == ep.language and not tr.translated_from else None
            fe.podcastindex.transcript(cfg.url(transcript_path(ep, tr.lang)), "text/vtt", tr.lang, rel)
        if ep.chapters:
            fe.podcastindex.chapters(cfg.url(chapters_path(ep)))
        for person in ep.people:
            fe.podcastindex.person(person.name, person.role, person.group, person.href, person.img)
    return fg.rss_str(pretty=True)


def chapters_json(catalog, ep) -> bytes:
    media = catalog.media[ep.id]
    default = catalog.config.languages.default
    doc = {
        "version": "1.2.0",
        "title": _pick(ep.title, ep.language, default),
        "podcastName": _pick(catalog.podcast.title, ep.language, default),
        "author": catalog.podcast.author,
        "fileName": audio_path(ep).rsplit("/", 1)[-1],
        "chapters": [{"startTime": media.published(ch.start), "title": _pick(ch.title, ep.language, default)}
                     for ch in ep.chapters],
    }
    return (json.dumps(doc, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def transcript_vtt(catalog, ep, tr) -> bytes:
    media = catalog.media[ep.id]
    note = ""
    if tr.translated_from:
        note = t("en", "podcast_transcript_translated",
                 original=labels.language_name(tr.translated_from, "en"))
    return subtitles.to_vtt(tr.cues, media.published, note)


def files(catalog) -> dict[str, bytes]:
    if catalog.podcast is None:
        return {}
    out = {"api/podcast.json": json_dump(podcast_document(catalog)),
           "api/podcast.schema.json": json_dump(podcast_schema(catalog.config.site_url))}
    if not published(catalog):
        return out  # no feed without episodes: podcast apps refuse an empty one
    out[feed_path(None)] = feed(catalog, None)
    for lang in feed_languages(catalog):
        out[feed_path(lang)] = feed(catalog, lang)
    for ep in published(catalog):
        if ep.chapters:
            out[chapters_path(ep)] = chapters_json(catalog, ep)
        for tr in ep.transcripts:
            out[transcript_path(ep, tr.lang)] = transcript_vtt(catalog, ep, tr)
    return out


def copies(catalog) -> dict[str, str]:
    if catalog.podcast is None:
        return {}
    out = {audio_path(ep): catalog.media[ep.id].path for ep in published(catalog)}
    if out and catalog.podcast.artwork:
        out[artwork_path(catalog.podcast)] = catalog.podcast.artwork
    return out


# --- JSON API ------------------------------------------------------------------

def _loc(value: Localized | None):
    return dict(value.texts) if value else None


def episode_record(catalog, ep) -> dict:
    cfg = catalog.config
    media = catalog.media[ep.id]
    return {
        "id": ep.id,
        "guid": ep.guid,
        "slug": ep.slug,
        "title": _loc(ep.title),
        "description": _loc(ep.description),
        "language": ep.language,
        "date": ep.date.isoformat(),
        "type": ep.type,
        "number": ep.number,
        "season": ep.season,
        "explicit": ep.explicit,
        "example": ep.example,
        "audio": {"url": cfg.url(audio_path(ep)), "type": "audio/mpeg", "bytes": media.bytes,
                  "duration": round(media.duration, 3), "channels": media.channels, "bitrate": media.bitrate,
                  "loudness": media.loudness},
        "chapters": [{"start": media.published(ch.start), "title": _loc(ch.title)} for ch in ep.chapters],
        "chapters_url": cfg.url(chapters_path(ep)) if ep.chapters else None,
        "transcripts": [{"language": tr.lang, "url": cfg.url(transcript_path(ep, tr.lang)), "type": "text/vtt",
                         "translated_from": tr.translated_from} for tr in ep.transcripts],
        "people": [{"name": p.name, "role": p.role, "group": p.group, "href": p.href} for p in ep.people],
        "credits": [_loc(c) for c in ep.credits],
        "recommendations": list(ep.recommendations),
        "posts": list(ep.posts),
        "translations": {lang: {"from": tr.from_lang} for lang, tr in sorted(ep.translations.items())},
        "url": {lang: page_url(catalog, episode_page(ep), lang) for lang in cfg.languages.all},
        "source": ep.pos.path,
    }


def podcast_document(catalog) -> dict:
    cfg = catalog.config
    show = catalog.podcast
    eps = published(catalog)
    return {
        "api_version": API_VERSION,
        "updated": max((ep.date for ep in eps), default=dt.date(2021, 1, 1)).isoformat(),
        "title": _loc(show.title),
        "description": _loc(show.description),
        "author": show.author,
        "artwork": cfg.url(artwork_path(show)) if show.artwork and eps else None,
        "category": show.category,
        "subcategory": show.subcategory,
        "explicit": show.explicit,
        "funding": {"url": funding_url(catalog), "text": _loc(show.funding_text)} if show.funding_url else None,
        "feeds": [{"language": lang, "url": cfg.url(feed_path(lang)), "guid": show_guid(catalog, lang)}
                  for lang in ([None, *feed_languages(catalog)] if eps else [])],
        "url": {lang: page_url(catalog, INDEX, lang) for lang in cfg.languages.all},
        "episodes": [episode_record(catalog, ep) for ep in eps],
    }


LOCALIZED = {"type": "object", "additionalProperties": {"type": "string"}, "minProperties": 1,
             "propertyNames": {"pattern": "^[a-z]{2}$"}}
URL = {"type": "string", "format": "uri", "pattern": "^https?://"}
DATE = {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
UUID = {"type": "string", "pattern": "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"}


def podcast_schema(site_url: str) -> dict:
    episode = {
        "type": "object", "additionalProperties": False,
        "required": ["id", "guid", "slug", "title", "description", "language", "date", "type", "audio", "url"],
        "properties": {
            "id": {"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$", "description": "Stable; never changes."},
            "guid": {"type": "string", "description": "The RSS item guid; never changes."},
            "slug": {"type": "string"},
            "title": LOCALIZED, "description": LOCALIZED,
            "language": {"type": "string", "description": "The language spoken in the audio."},
            "date": DATE,
            "type": {"enum": ["full", "trailer", "bonus"]},
            "number": {"type": ["integer", "null"], "minimum": 1},
            "season": {"type": ["integer", "null"], "minimum": 1},
            "explicit": {"type": "boolean"},
            "example": {"type": "boolean", "description": "Sample content, not a real contribution."},
            "audio": {"type": "object", "additionalProperties": False,
                      "required": ["url", "type", "bytes", "duration"],
                      "properties": {"url": URL, "type": {"const": "audio/mpeg"},
                                     "bytes": {"type": "integer", "minimum": 1},
                                     "duration": {"type": "number", "exclusiveMinimum": 0,
                                                  "description": "Seconds."},
                                     "channels": {"enum": [1, 2]}, "bitrate": {"type": "integer"},
                                     "loudness": {"type": "number", "description": "Integrated, LUFS."}}},
            "chapters": {"type": "array", "items": {"type": "object", "additionalProperties": False,
                                                    "required": ["start", "title"],
                                                    "properties": {"start": {"type": "number", "minimum": 0},
                                                                   "title": LOCALIZED}}},
            "chapters_url": {"oneOf": [URL, {"type": "null"}]},
            "transcripts": {"type": "array", "items": {
                "type": "object", "additionalProperties": False, "required": ["language", "url", "type"],
                "properties": {"language": {"type": "string"}, "url": URL, "type": {"const": "text/vtt"},
                               "translated_from": {"type": ["string", "null"]}}}},
            "people": {"type": "array", "items": {"type": "object", "required": ["name", "role"]}},
            "credits": {"type": "array", "items": LOCALIZED},
            "recommendations": {"type": "array", "items": {"type": "string"}},
            "posts": {"type": "array", "items": {"type": "string"}},
            "translations": {"type": "object"},
            "url": {"type": "object", "additionalProperties": URL},
            "source": {"type": "string"},
        },
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": site_url.rstrip("/") + "/api/podcast.schema.json",
        "title": "Smart in Progress podcast",
        "type": "object", "additionalProperties": False,
        "required": ["api_version", "title", "feeds", "episodes"],
        "properties": {
            "api_version": {"const": API_VERSION},
            "updated": DATE,
            "title": LOCALIZED, "description": LOCALIZED,
            "author": {"type": "string"},
            "artwork": {"oneOf": [URL, {"type": "null"}]},
            "category": {"type": "string"}, "subcategory": {"type": ["string", "null"]},
            "explicit": {"type": "boolean"},
            "funding": {"oneOf": [{"type": "null"}, {"type": "object", "required": ["url", "text"],
                                                     "properties": {"url": URL, "text": LOCALIZED}}]},
            "feeds": {"type": "array", "items": {"type": "object", "required": ["language", "url", "guid"],
                                                 "additionalProperties": False,
                                                 "properties": {"language": {"type": ["string", "null"]},
                                                                "url": URL, "guid": UUID}}},
            "url": {"type": "object", "additionalProperties": URL},
            "episodes": {"type": "array", "items": episode},
        },
    }


def json_dump(doc: dict) -> bytes:
    return (json.dumps(doc, ensure_ascii=False, indent=2) + "\n").encode("utf-8")

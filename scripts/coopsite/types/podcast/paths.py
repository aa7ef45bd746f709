"""Where the podcast's pages, feeds and files are published (site paths), and the feeds' guids.

Shared by the renderers and the feed writers, so both always agree.
"""

from __future__ import annotations

import re
import uuid

INDEX = "podcast/index"
MEDIA = "media/podcast"
# The podcast namespace's UUIDv5 namespace for podcast:guid (podcastindex.org/namespace/1.0#guid)
PODCAST_GUID_NS = uuid.UUID("ead4c236-bf58-58c6-a2c6-a6b28d128cb6")


def episode_page(ep) -> str:
    return f"podcast/{ep.slug}"


def audio_path(ep) -> str:
    return f"{MEDIA}/{ep.slug}.mp3"


def chapters_path(ep) -> str:
    return f"{MEDIA}/{ep.slug}.chapters.json"


def transcript_path(ep, lang: str) -> str:
    return f"{MEDIA}/{ep.slug}.{lang}.vtt"


def artwork_path(show) -> str:
    suffix = ".jpg" if show.artwork_type == "image/jpeg" else ".png"
    return f"{MEDIA}/artwork{suffix}"


def feed_path(lang: str | None = None) -> str:
    """feeds/podcast.xml holds every episode; feeds/podcast.<lang>.xml those spoken in <lang>."""
    return f"feeds/podcast.{lang}.xml" if lang else "feeds/podcast.xml"


def feed_languages(catalog) -> list[str]:
    """Languages with at least one published episode, in the site's order."""
    spoken = {ep.language for ep in published(catalog)}
    return [lang for lang in catalog.config.languages.all if lang in spoken]


def published(catalog) -> list:
    """Episodes whose audio is ready, newest first."""
    return [ep for ep in catalog.episodes if ep.id in catalog.media]


def feed_guid(feed_url: str) -> str:
    """podcast:guid: UUIDv5 of the feed URL without its scheme and trailing slashes."""
    bare = re.sub(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", "", feed_url.strip()).rstrip("/")
    return str(uuid.uuid5(PODCAST_GUID_NS, bare))


def show_guid(catalog, lang: str | None) -> str:
    pinned = catalog.podcast.guids.get(lang or "all")
    return pinned or feed_guid(catalog.config.url(feed_path(lang)))


def root_relative(page: str, lang: str, default: str, target: str) -> str:
    """Relative URL from a generated page (logical path, directory URLs) to a file at the site root."""
    folder = page.removesuffix("index").rstrip("/")
    depth = (len(folder.split("/")) if folder else 0) + (0 if lang == default else 1)
    return "../" * depth + target



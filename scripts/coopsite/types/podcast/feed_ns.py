"""A feedgen extension for the Podcasting 2.0 namespace (podcastindex.org/namespace/1.0).

feedgen 1.0 knows the iTunes tags but not the podcast: namespace. This adds it
the way feedgen's own extensions work (register_extension with a feed and an
entry class), so the values are plain setters and feedgen stays the serializer.
Values are validated before they get here (load/podcast.py), not by feedgen.

It also writes itunes:explicit as "true"/"false", Apple's current values:
feedgen's podcast extension only writes the older "yes"/"no"/"clean".
"""

from __future__ import annotations

from feedgen.ext.base import BaseEntryExtension, BaseExtension
from feedgen.util import xml_elem

PODCAST_NS = "https://podcastindex.org/namespace/1.0"
ITUNES_NS = "http://www.itunes.com/dtds/podcast-1.0.dtd"


def _person(parent, person: dict) -> None:
    el = xml_elem(f"{{{PODCAST_NS}}}person", parent)
    el.text = person["name"]
    for key in ("role", "group", "href", "img"):
        if person.get(key):
            el.attrib[key] = person[key]


class PodcastIndexExtension(BaseExtension):
    """Channel level: guid, locked, funding, person; itunes:explicit."""

    def __init__(self):
        self._guid: str | None = None
        self._locked: tuple[bool, str | None] | None = None
        self._funding: list[tuple[str, str]] = []
        self._persons: list[dict] = []
        self._explicit: bool | None = None

    def extend_ns(self):
        return {"podcast": PODCAST_NS}

    def guid(self, value: str) -> None:
        self._guid = value

    def locked(self, locked: bool, owner: str | None = None) -> None:
        self._locked = (locked, owner)

    def funding(self, url: str, text: str) -> None:
        self._funding.append((url, text))

    def person(self, name: str, role: str | None = None, group: str | None = None, href: str | None = None,
               img: str | None = None) -> None:
        self._persons.append({"name": name, "role": role, "group": group, "href": href, "img": img})

    def explicit(self, value: bool) -> None:
        self._explicit = value

    def extend_rss(self, rss_feed):
        channel = rss_feed[0]
        if self._explicit is not None:
            xml_elem(f"{{{ITUNES_NS}}}explicit", channel).text = "true" if self._explicit else "false"
        if self._guid:
            xml_elem(f"{{{PODCAST_NS}}}guid", channel).text = self._guid
        if self._locked is not None:
            el = xml_elem(f"{{{PODCAST_NS}}}locked", channel)
            el.text = "yes" if self._locked[0] else "no"
            if self._locked[1]:
                el.attrib["owner"] = self._locked[1]
        for url, text in self._funding:
            el = xml_elem(f"{{{PODCAST_NS}}}funding", channel)
            el.attrib["url"] = url
            el.text = text
        for person in self._persons:
            _person(channel, person)
        return rss_feed


class PodcastIndexEntryExtension(BaseEntryExtension):
    """Item level: transcript, chapters, person; itunes:explicit."""

    def __init__(self):
        self._transcripts: list[dict] = []
        self._chapters: tuple[str, str] | None = None
        self._persons: list[dict] = []
        self._explicit: bool | None = None

    def transcript(self, url: str, mime: str, language: str | None = None, rel: str | None = None) -> None:
        self._transcripts.append({"url": url, "type": mime, "language": language, "rel": rel})

    def chapters(self, url: str, mime: str = "application/json+chapters") -> None:
        self._chapters = (url, mime)

    def person(self, name: str, role: str | None = None, group: str | None = None, href: str | None = None,
               img: str | None = None) -> None:
        self._persons.append({"name": name, "role": role, "group": group, "href": href, "img": img})

    def explicit(self, value: bool) -> None:
        self._explicit = value

    def extend_rss(self, item):
        if self._explicit is not None:
            xml_elem(f"{{{ITUNES_NS}}}explicit", item).text = "true" if self._explicit else "false"
        for tr in self._transcripts:
            el = xml_elem(f"{{{PODCAST_NS}}}transcript", item)
            for key in ("url", "type", "language", "rel"):
                if tr.get(key):
                    el.attrib[key] = tr[key]
        if self._chapters:
            el = xml_elem(f"{{{PODCAST_NS}}}chapters", item)
            el.attrib["url"], el.attrib["type"] = self._chapters
        for person in self._persons:
            _person(item, person)
        return item

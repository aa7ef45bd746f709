"""The content types, as frozen dataclasses. Loaders build them; renderers read them.

Nothing here reads files or knows about output. Every value that a problem
may point at carries its Pos (file:line:col), kept out of equality.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import hashlib
import json
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Iterator, Mapping

from coopsite.core.dates import PartialDate
from coopsite.core.source import Pos

NOWHERE = Pos("")


def frozen_map(d: Mapping | None = None) -> Mapping:
    return MappingProxyType(dict(d or {}))


@dataclass(frozen=True, kw_only=True)
class Localized:
    """One text in several languages: {'nl': ..., 'fr': ..., 'en': ...}."""

    texts: Mapping[str, str]
    pos: Pos = field(default=NOWHERE, compare=False)

    def get(self, lang: str) -> str | None:
        return self.texts.get(lang) or None

    def pick(self, lang: str, fallback: str) -> tuple[str, str]:
        """The text in `lang`, else in `fallback`; with the language actually used."""
        if self.texts.get(lang):
            return self.texts[lang], lang
        if self.texts.get(fallback):
            return self.texts[fallback], fallback
        for other, text in self.texts.items():
            if text:
                return text, other
        return "", lang

    def has(self, lang: str) -> bool:
        return bool(self.texts.get(lang))


def iter_localized(obj: Any, path: str = "") -> Iterator[tuple[str, Localized]]:
    """Every Localized inside a model, with a stable dotted path (for fingerprints and reports)."""
    if isinstance(obj, Localized):
        yield path, obj
    elif isinstance(obj, (tuple, list)):
        for i, item in enumerate(obj):
            yield from iter_localized(item, f"{path}[{i}]")
    else:
        names = _text_fields(type(obj))
        for name in names:
            yield from iter_localized(getattr(obj, name), f"{path}.{name}" if path else name)


_TEXT_FIELDS: dict[type, tuple[str, ...]] = {}


def _text_fields(cls: type) -> tuple[str, ...]:
    """The fields of a model class that may hold text (dataclasses.fields is slow to ask per object)."""
    names = _TEXT_FIELDS.get(cls)
    if names is None:
        names = ()
        if dataclasses.is_dataclass(cls):
            names = tuple(f.name for f in dataclasses.fields(cls) if not f.metadata.get("skip_translation"))
        _TEXT_FIELDS[cls] = names
    return names


def localized_fields(obj: Any) -> list[tuple[str, Localized]]:
    """iter_localized as a list, computed once per (immutable) record."""
    cache = obj.__dict__.get("_localized_fields") if hasattr(obj, "__dict__") else None
    if cache is None:
        cache = list(iter_localized(obj))
        if hasattr(obj, "__dict__"):
            object.__setattr__(obj, "_localized_fields", cache)
    return cache


# Texts added to a record after it was written and translated, by whoever answers, each in its own
# language (a status note, the cooperative's answer): each is its own text, with its own
# translation state, and is not part of the record's translation (core/translations.py).
PER_TEXT_FIELDS = ("history", "answer")


def is_per_text(path: str) -> bool:
    return path.startswith(PER_TEXT_FIELDS)


def page_fields(obj: Any) -> list[tuple[str, Localized]]:
    """The record's own texts, which its translation covers: every text but the per-text ones."""
    return [(p, loc) for p, loc in localized_fields(obj) if not is_per_text(p)]


def fingerprint(obj: Any, lang: str) -> str:
    """A short hash of the record's own text in `lang` (page_fields): the source a translation was
    made from. A new status note does not change it, so it does not make the page's translation
    outdated."""
    texts = [(p, loc.get(lang) or "") for p, loc in page_fields(obj)]
    blob = json.dumps(texts, ensure_ascii=False, sort_keys=False)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:12]


@dataclass(frozen=True, kw_only=True)
class Translation:
    """A language of a record that was translated: from which language, and from which text."""

    lang: str
    from_lang: str
    source: str | None  # fingerprint of the source text at translation time; None = never stamped
    pos: Pos = field(default=NOWHERE, compare=False)

    def outdated(self, record) -> bool:
        """THE outdated-translation check: the original's text changed since this was stamped."""
        return bool(self.source) and self.source != fingerprint(record, self.from_lang)


class Status(str, enum.Enum):
    SUBMITTED = "submitted"
    UNDER_REVIEW = "under-review"
    ACCEPTED = "accepted"
    IN_PROGRESS = "in-progress"
    DONE = "done"
    POSTPONED = "postponed"
    TO_ELABORATE = "to-elaborate"
    NOT_FEASIBLE = "not-feasible"

    @classmethod
    def values(cls) -> list[str]:
        return [s.value for s in cls]


PRIORITIES = ("high", "normal", "low")


@dataclass(frozen=True, kw_only=True)
class HistoryEntry:
    date: PartialDate  # as precise as known: a day, a month or a year (core/dates.py)
    status: Status
    note: Localized | None
    pos: Pos = field(default=NOWHERE, compare=False)


@dataclass(frozen=True, kw_only=True)
class Answer:
    """The cooperative's answer (Nantes 1/): feasible and why, priority and why."""

    feasible: bool | None = None
    reason: Localized | None = None
    priority: str | None = None
    priority_reason: Localized | None = None


@dataclass(frozen=True, kw_only=True)
class Point:
    label: str
    text: Localized


@dataclass(frozen=True, kw_only=True)
class Reference:
    recommendation: str | None = None  # id of a recommendation in the repo
    title: Localized | None = None  # a document outside the repo
    url: str | None = None
    pos: Pos = field(default=NOWHERE, compare=False)


@dataclass(frozen=True, kw_only=True)
class Recommendation:
    id: str
    cycle: str
    theme: str
    number: int
    groups: tuple[str, ...]
    title: Localized
    context: Localized | None
    proposal: Localized | None
    points: tuple[Point, ...]
    closing: Localized | None
    notes: tuple[Localized, ...]
    references: tuple[Reference, ...]
    answer: Answer
    status: Status
    history: tuple[HistoryEntry, ...]
    translations: Mapping[str, Translation] = field(default_factory=frozen_map, compare=False,
                                                    metadata={"skip_translation": True})
    # The language the working group wrote in, when the text in that language here is not their
    # original but translated back (the French-speaking groups' texts come from the Dutch report,
    # itself a translation of their French): pages say so, and that the original is elsewhere.
    written_in: str | None = field(default=None, metadata={"skip_translation": True})
    pos: Pos = field(default=NOWHERE, compare=False)
    # value positions of the file's top-level keys, for rules across files
    where: Mapping[str, Pos] = field(default_factory=frozen_map, compare=False,
                                     metadata={"skip_translation": True})

    def at(self, key: str) -> Pos:
        return self.where.get(key, self.pos)

    @property
    def updated(self) -> PartialDate:
        return self.history[-1].date


@dataclass(frozen=True, kw_only=True)
class Theme:
    id: str
    title: Localized
    order: int
    # how a recommendation's number reads in its heading ("{number}." -> "3."; Nantes: "Nantes {number}/")
    numbering: str = "{number}."
    pos: Pos = field(default=NOWHERE, compare=False)


@dataclass(frozen=True, kw_only=True)
class Group:
    code: str
    name: Localized
    country: str
    cities: tuple[str, ...]
    pos: Pos = field(default=NOWHERE, compare=False)


@dataclass(frozen=True, kw_only=True)
class Cycle:
    id: str
    title: Localized
    report_title: Localized | None
    theme: Localized
    report_date: PartialDate  # the report's own date, as precise as it says (often a year)
    groups: tuple[str, ...]
    group_languages: Localized | None
    people: Mapping[str, tuple[str, ...]]
    introduction: Localized | None
    notes: tuple[Localized, ...]
    translations: Mapping[str, Translation] = field(default_factory=frozen_map, compare=False,
                                                    metadata={"skip_translation": True})
    pos: Pos = field(default=NOWHERE, compare=False)


# --- events ---
# Times in events are wall-clock times of the event's own time zone, kept
# naive here: recurrence is computed on wall-clock time (RFC 5545), and the
# zone is attached only when a moment is shown or written to a feed.

@dataclass(frozen=True, kw_only=True)
class EventType:
    id: str
    name: Localized
    pos: Pos = field(default=NOWHERE, compare=False)


@dataclass(frozen=True, kw_only=True)
class Place:
    """A city (or venue) events take place in: the city filter, its feed and its default time zone."""

    id: str
    name: Localized
    country: str
    timezone: str
    pos: Pos = field(default=NOWHERE, compare=False)


@dataclass(frozen=True, kw_only=True)
class Venue:
    name: Localized | None = None
    address: str | None = None  # street and number; None = to be announced
    city: str | None = None  # a Place id
    online: str | None = None  # link to the online meeting
    pos: Pos = field(default=NOWHERE, compare=False)

    @property
    def in_person(self) -> bool:
        return bool(self.city or self.address or self.name)


@dataclass(frozen=True, kw_only=True)
class OccurrenceChange:
    """One occurrence of a recurring event moved or cancelled, keyed by the date the rule gives."""

    original: dt.date
    cancelled: bool = False
    start: dt.datetime | dt.date | None = None  # new wall-clock start; None = unchanged
    end: dt.datetime | dt.date | None = None
    venue: Venue | None = None
    note: Localized | None = None
    pos: Pos = field(default=NOWHERE, compare=False)


@dataclass(frozen=True, kw_only=True)
class Revision:
    """Which published version of the event this is: iCalendar SEQUENCE, DTSTAMP and LAST-MODIFIED.

    `fingerprint` is the schedule fingerprint (see event_revision.py) recorded when
    `sequence` was last raised; `coopsite check` warns when the schedule changed since.
    """

    sequence: int = 0
    date: dt.date | None = None
    fingerprint: str | None = None
    pos: Pos = field(default=NOWHERE, compare=False)


@dataclass(frozen=True, kw_only=True)
class Event:
    id: str
    type: str  # an EventType id
    title: Localized
    description: Localized | None
    start: dt.datetime | dt.date  # naive wall-clock time, or a date for all-day events
    end: dt.datetime | dt.date  # all-day events: the last day, inclusive
    timezone: str  # IANA name, e.g. Europe/Brussels
    rrule: str | None = None  # RFC 5545 RRULE value as written, validated
    exdates: tuple[dt.date, ...] = ()
    changes: tuple[OccurrenceChange, ...] = ()
    venue: Venue = field(default_factory=Venue)
    languages: tuple[str, ...] = ()  # languages spoken at the event
    organiser: Localized | None = None
    contact: str | None = None  # e-mail address
    registration: str | None = None  # link
    recommendations: tuple[str, ...] = ()
    cancelled: bool = False
    example: bool = False
    draft: bool = False
    revision: Revision = field(default_factory=Revision, compare=False,
                               metadata={"skip_translation": True})
    translations: Mapping[str, Translation] = field(default_factory=frozen_map, compare=False,
                                                    metadata={"skip_translation": True})
    pos: Pos = field(default=NOWHERE, compare=False)
    where: Mapping[str, Pos] = field(default_factory=frozen_map, compare=False,
                                     metadata={"skip_translation": True})

    def at(self, key: str) -> Pos:
        return self.where.get(key, self.pos)

    @property
    def all_day(self) -> bool:
        return not isinstance(self.start, dt.datetime)

    @property
    def recurring(self) -> bool:
        return bool(self.rrule)


@dataclass(frozen=True, kw_only=True)
class CalendarSettings:
    """The `calendar:` section of coopsite.yml."""

    horizon_days: int = 365  # how far ahead recurring events are listed on the pages and in the API
    timezone: str = "Europe/Brussels"  # zone of events that give neither a zone nor a city
    uid_domain: str = "smartinprogress.example.org"  # right-hand side of the events' UIDs; never change it


# --- blog ---

@dataclass(frozen=True, kw_only=True)
class Author:
    """A blog author from content/blog/authors.yml: a member or a working group."""

    id: str
    name: Localized
    bio: Localized | None
    avatar: str | None  # image path relative to content/blog/
    link: str | None  # the author's own web page
    consent: bool  # agreed to be published; without it nothing of theirs appears
    group: bool  # a collective author (a working group), not a person
    pos: Pos = field(default=NOWHERE, compare=False)


@dataclass(frozen=True, kw_only=True)
class Tag:
    """A blog tag: a language-neutral id and its label per language (content/blog/tags.yml)."""

    id: str
    label: Localized
    pos: Pos = field(default=NOWHERE, compare=False)


@dataclass(frozen=True, kw_only=True)
class Cover:
    image: str  # path relative to content/blog/
    alt: Localized  # required: what the image shows, per language
    pos: Pos = field(default=NOWHERE, compare=False)


@dataclass(frozen=True, kw_only=True)
class PostFile:
    """One language file of a post (content/blog/posts/<slug>.<lang>.md): where things stand in it."""

    lang: str
    path: str
    body_line: int  # 1-based line of the file where the Markdown body starts
    draft: bool
    where: Mapping[str, Pos] = field(default_factory=frozen_map, compare=False)


@dataclass(frozen=True, kw_only=True)
class Post:
    """A blog post in all its languages. Fields shared by the translations come from the original."""

    slug: str  # the file name's first part; also the page address blog/<slug>/
    date: PartialDate  # as precise as known (a post from a report may be dated by its year only)
    updated: dt.date | None
    authors: tuple[str, ...]
    tags: tuple[str, ...]
    recommendations: tuple[str, ...]
    episodes: tuple[str, ...]
    title: Localized
    description: Localized | None
    body: Localized  # Markdown, untrusted: checked by safety.check_markdown, sanitised when rendered
    cover: Cover | None
    original: str  # the language the post was written in
    draft: bool = False
    files: Mapping[str, PostFile] = field(default_factory=frozen_map, compare=False,
                                          metadata={"skip_translation": True})
    translations: Mapping[str, Translation] = field(default_factory=frozen_map, compare=False,
                                                    metadata={"skip_translation": True})
    # positions of each referenced id ("recommendations:<id>", "episodes:<id>", "authors:<id>", "tags:<id>")
    refs: Mapping[str, Pos] = field(default_factory=frozen_map, compare=False,
                                    metadata={"skip_translation": True})
    pos: Pos = field(default=NOWHERE, compare=False)

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(self.files)

    def has(self, lang: str) -> bool:
        return lang in self.files


@dataclass(frozen=True, kw_only=True)
class BlogSettings:
    """The `blog:` section of coopsite.yml."""

    page_size: int = 10


# --- podcast ---

EPISODE_TYPES = ("full", "trailer", "bonus")
AUDIO_EXTENSIONS = (".wav", ".flac", ".mp3", ".m4a", ".ogg")


@dataclass(frozen=True, kw_only=True)
class Chapter:
    start: float  # seconds on the master's timeline, as the author hears it
    title: Localized
    pos: Pos = field(default=NOWHERE, compare=False)


@dataclass(frozen=True, kw_only=True)
class Person:
    """Someone the report names, with a role from the Podcast Taxonomy (podcast:person)."""

    name: str
    role: str = "host"
    group: str = "cast"
    href: str | None = None
    img: str | None = None
    pos: Pos = field(default=NOWHERE, compare=False)


@dataclass(frozen=True, kw_only=True)
class Cue:
    start: float  # seconds on the master's timeline
    end: float
    text: str
    pos: Pos = field(default=NOWHERE, compare=False)


@dataclass(frozen=True, kw_only=True)
class Transcript:
    lang: str
    path: str  # repo-relative source file (WebVTT or SRT)
    cues: tuple[Cue, ...]
    translated_from: str | None  # the audio's language, when this is a translation
    pos: Pos = field(default=NOWHERE, compare=False)


@dataclass(frozen=True, kw_only=True)
class Episode:
    id: str  # stable; seeds the item guid; never changes once published
    slug: str  # the folder name: page and file addresses
    guid: str
    title: Localized
    description: Localized
    language: str  # the language spoken in the audio
    date: dt.date
    type: str
    explicit: bool
    number: int | None
    season: int | None
    master: str | None  # absolute path of the audio master, None when missing (already reported)
    chapters: tuple[Chapter, ...] = ()
    people: tuple[Person, ...] = ()
    credits: tuple[Localized, ...] = ()
    recommendations: tuple[str, ...] = ()
    posts: tuple[str, ...] = ()
    transcripts: tuple[Transcript, ...] = field(default=(), metadata={"skip_translation": True})
    example: bool = False
    draft: bool = False
    translations: Mapping[str, Translation] = field(default_factory=frozen_map, compare=False,
                                                    metadata={"skip_translation": True})
    pos: Pos = field(default=NOWHERE, compare=False)
    where: Mapping[str, Pos] = field(default_factory=frozen_map, compare=False,
                                     metadata={"skip_translation": True})

    def at(self, key: str) -> Pos:
        return self.where.get(key, self.pos)

    def transcript(self, lang: str) -> Transcript | None:
        return next((tr for tr in self.transcripts if tr.lang == lang), None)


@dataclass(frozen=True, kw_only=True)
class AudioSettings:
    """How masters become published MP3s; part of every cache key."""

    bitrate_stereo: int = 128  # kb/s, constant bitrate
    bitrate_mono: int = 64
    loudness_stereo: float = -16.0  # LUFS integrated (ITU-R BS.1770)
    loudness_mono: float = -19.0
    true_peak: float = -1.0  # dBTP
    crossfade_ms: int = 500
    silence_db: float = -50.0  # quieter than this, at the start and end, is trimmed
    silence_keep_ms: int = 250  # silence kept before the first and after the last sound
    max_size_mb: int = 1024
    max_minutes: int = 180

    def bitrate(self, channels: int) -> int:
        return self.bitrate_mono if channels == 1 else self.bitrate_stereo

    def loudness(self, channels: int) -> float:
        return self.loudness_mono if channels == 1 else self.loudness_stereo


@dataclass(frozen=True, kw_only=True)
class Podcast:
    """The show: coopsite.yml `podcast:`."""

    title: Localized
    description: Localized
    author: str
    owner_name: str
    owner_email: str
    artwork: str | None  # absolute path of the square cover (PNG or JPEG)
    artwork_type: str = "image/png"
    category: str = "Society & Culture"
    subcategory: str | None = None
    explicit: bool = False
    # the recommendation the podcast answers (its index links it), an id from recommendations/
    recommendation: str | None = None
    funding_url: str | None = None  # absolute, or relative to site_url
    funding_text: Localized | None = None
    intro: str | None = None  # absolute paths of the jingles
    outro: str | None = None
    locked: bool = True
    guids: Mapping[str, str] = field(default_factory=frozen_map)  # feed key -> pinned podcast:guid
    audio: AudioSettings = field(default_factory=AudioSettings)
    pos: Pos = field(default=NOWHERE, compare=False)
    where: Mapping[str, Pos] = field(default_factory=frozen_map, compare=False,
                                     metadata={"skip_translation": True})

    def at(self, key: str) -> Pos:
        return self.where.get(key, self.pos)


@dataclass(frozen=True, kw_only=True)
class Media:
    """A processed episode: the published MP3 in the audio cache, and where the master's time went."""

    path: str  # absolute path of the MP3 in .cache/audio/
    bytes: int
    duration: float  # seconds of the published file
    channels: int
    bitrate: int
    loudness: float  # the integrated loudness it was normalised to (LUFS)
    master_duration: float
    trim_start: float  # seconds cut from the master's start (leading silence)
    lead: float  # seconds of intro before the master's first kept sample (intro minus crossfade)

    def published(self, t: float) -> float:
        """Master time -> time in the published file. The master's start stays the file's start."""
        if t <= 0:
            return 0.0
        return round(min(max(0.0, self.lead + t - self.trim_start), self.duration), 3)

"""The podcast's model: the show, episodes, chapters, people, transcripts and processed audio."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Mapping

from coopsite.core.model import NOWHERE, Localized, Translation, frozen_map
from coopsite.core.source import Pos


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

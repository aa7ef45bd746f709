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

from .source import Pos

NOWHERE = Pos("")


def frozen_map(d: Mapping | None = None) -> Mapping:
    return MappingProxyType(dict(d or {}))


@dataclass(frozen=True)
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
    elif dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        for f in dataclasses.fields(obj):
            if f.metadata.get("skip_translation"):
                continue
            yield from iter_localized(getattr(obj, f.name), f"{path}.{f.name}" if path else f.name)
    elif isinstance(obj, (tuple, list)):
        for i, item in enumerate(obj):
            yield from iter_localized(item, f"{path}[{i}]")


def localized_fields(obj: Any) -> list[tuple[str, Localized]]:
    """iter_localized as a list, computed once per (immutable) record."""
    cache = obj.__dict__.get("_localized_fields") if hasattr(obj, "__dict__") else None
    if cache is None:
        cache = list(iter_localized(obj))
        if hasattr(obj, "__dict__"):
            object.__setattr__(obj, "_localized_fields", cache)
    return cache


def fingerprint(obj: Any, lang: str) -> str:
    """A short hash of all text of `obj` in `lang`: the source a translation was made from."""
    texts = [(p, loc.get(lang) or "") for p, loc in localized_fields(obj)]
    blob = json.dumps(texts, ensure_ascii=False, sort_keys=False)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:12]


@dataclass(frozen=True)
class Translation:
    """A language of a record that was translated: from which language, and from which text."""

    lang: str
    from_lang: str
    source: str | None  # fingerprint of the source text at translation time; None = never stamped
    pos: Pos = field(default=NOWHERE, compare=False)


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


@dataclass(frozen=True)
class HistoryEntry:
    date: dt.date
    status: Status
    note: Localized | None
    pos: Pos = field(default=NOWHERE, compare=False)


@dataclass(frozen=True)
class Answer:
    """The cooperative's answer (Nantes 1/): feasible and why, priority and why."""

    feasible: bool | None = None
    reason: Localized | None = None
    priority: str | None = None
    priority_reason: Localized | None = None


@dataclass(frozen=True)
class Point:
    label: str
    text: Localized


@dataclass(frozen=True)
class Reference:
    recommendation: str | None = None  # id of a recommendation in the repo
    title: Localized | None = None  # a document outside the repo
    url: str | None = None
    pos: Pos = field(default=NOWHERE, compare=False)


@dataclass(frozen=True)
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
    pos: Pos = field(default=NOWHERE, compare=False)
    # value positions of the file's top-level keys, for rules across files
    where: Mapping[str, Pos] = field(default_factory=frozen_map, compare=False,
                                     metadata={"skip_translation": True})

    def at(self, key: str) -> Pos:
        return self.where.get(key, self.pos)

    @property
    def updated(self) -> dt.date:
        return self.history[-1].date


@dataclass(frozen=True)
class Theme:
    id: str
    title: Localized
    order: int
    pos: Pos = field(default=NOWHERE, compare=False)


@dataclass(frozen=True)
class Group:
    code: str
    name: Localized
    country: str
    cities: tuple[str, ...]
    pos: Pos = field(default=NOWHERE, compare=False)


@dataclass(frozen=True)
class Cycle:
    id: str
    title: Localized
    report_title: Localized | None
    theme: Localized
    report_date: dt.date
    groups: tuple[str, ...]
    group_languages: Localized | None
    people: Mapping[str, tuple[str, ...]]
    introduction: Localized | None
    notes: tuple[Localized, ...]
    translations: Mapping[str, Translation] = field(default_factory=frozen_map, compare=False,
                                                    metadata={"skip_translation": True})
    pos: Pos = field(default=NOWHERE, compare=False)

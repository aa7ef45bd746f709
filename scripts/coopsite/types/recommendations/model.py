"""The recommendations' model: recommendations, their status and history, cycles, themes, groups."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Mapping

from coopsite.core.dates import PartialDate
from coopsite.core.model import NOWHERE, Localized, Translation, frozen_map
from coopsite.core.source import Pos


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

"""The blog's model: posts (one file per language), authors, tags, covers, settings."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Mapping

from coopsite.core.dates import PartialDate
from coopsite.core.model import NOWHERE, Localized, Translation, frozen_map
from coopsite.core.source import Pos


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

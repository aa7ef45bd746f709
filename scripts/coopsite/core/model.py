"""The content types, as frozen dataclasses. Loaders build them; renderers read them.

Nothing here reads files or knows about output. Every value that a problem
may point at carries its Pos (file:line:col), kept out of equality.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Iterator, Mapping

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

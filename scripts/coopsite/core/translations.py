"""Which translations are missing or outdated, per content type and language.

A translation is outdated when the fingerprint of the source text it was made
from (stored in the record as `translations.<lang>.source`) differs from the
source text's fingerprint now. Used by `coopsite translations`, by the public
translation-status page and by check's warnings.
"""

from __future__ import annotations

from dataclasses import dataclass

from coopsite.core.model import is_per_text, localized_fields, page_fields
from coopsite.core.rules import original_language

OK, MISSING, OUTDATED, UNSTAMPED = "ok", "missing", "outdated", "unstamped"


@dataclass(frozen=True, kw_only=True)
class Item:
    kind: str  # content type, e.g. "recommendations"
    id: str
    path: str  # repo-relative source file
    record: object
    translations: dict


@dataclass(frozen=True, kw_only=True)
class Row:
    kind: str
    id: str
    path: str
    lang: str
    state: str


def items(catalog) -> list[Item]:
    return [item for ct in catalog.content_types for item in ct.translation_items(catalog)]


def state_of(item: Item, lang: str, default: str) -> str:
    # per-text fields (status notes, answers) have their own state: see per_text_rows
    fields = [loc for _, loc in page_fields(item.record) if loc.texts]
    if any(not loc.has(lang) for loc in fields):
        return MISSING
    tr = item.translations.get(lang)
    if tr is None:
        return OK  # written directly in this language
    if not tr.source:
        return UNSTAMPED
    return OUTDATED if tr.outdated(item.record) else OK


def report(catalog) -> list[Row]:
    """A row per item and language other than the item's original."""
    langs = catalog.config.languages
    rows = []
    for item in items(catalog):
        original = original_language(localized_fields(item.record), item.translations, langs.default, langs.all)
        for lang in langs.all:
            if lang != original:
                rows.append(Row(kind=item.kind, id=item.id, path=item.path, lang=lang, state=state_of(item, lang, langs.default)))
    return rows


@dataclass(frozen=True, kw_only=True)
class TextRow:
    """One per-text text (a status note, an answer) without a version in `lang`, at its position."""

    kind: str
    id: str
    field: str  # e.g. history[1].note
    pos: object
    lang: str
    original: str


def per_text_rows(catalog) -> list[TextRow]:
    langs = catalog.config.languages
    rows = []
    for item in items(catalog):
        for path, loc in localized_fields(item.record):
            if not (is_per_text(path) and loc.texts):
                continue
            present = [lang for lang in langs.all if loc.has(lang)]
            for lang in langs.all:
                if not loc.has(lang) and present:
                    rows.append(TextRow(kind=item.kind, id=item.id, field=path, pos=loc.pos, lang=lang,
                                        original=present[0]))
    return rows


def coverage(rows: list[Row]) -> dict[tuple[str, str], tuple[int, int]]:
    """(kind, lang) -> (translated and current, total)."""
    out: dict[tuple[str, str], list[int]] = {}
    for row in rows:
        c = out.setdefault((row.kind, row.lang), [0, 0])
        c[1] += 1
        if row.state in (OK, UNSTAMPED):
            c[0] += 1
    return {k: (v[0], v[1]) for k, v in out.items()}

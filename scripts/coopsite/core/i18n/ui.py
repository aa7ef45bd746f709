"""Interface text from the gettext catalogs (scripts/coopsite/locales/<lang>.po).

The catalogs are the format volunteer translators and their tools (Weblate, Poedit) know. A msgid
is a stable key (`recommendations`, `status_count_done`): the English catalog holds the source
text. Counted phrases are plural entries, chosen by the language's CLDR plural rule (the
catalog's Plural-Forms header, written by Babel from CLDR). French typography is applied to the
French text by one rule (typography.french) when the catalog is read, never by hand in a string.
Babel extracts the keys from code (t, tn, N_) and templates (t, tn) for the completeness test.
"""

from __future__ import annotations

import gettext
from functools import lru_cache
from pathlib import Path

from coopsite.core.i18n.typography import TYPOGRAPHY

LOCALES_DIR = Path(__file__).resolve().parent.parent.parent / "locales"


class Messages:
    """One language's catalog: singular texts by key, plural forms by key, and the plural rule."""

    def __init__(self, path: Path):
        from babel.messages.pofile import read_po

        with path.open("rb") as fh:
            catalog = read_po(fh)
        fix = TYPOGRAPHY.get(path.stem, lambda s: s)
        self.lang = path.stem
        self.texts: dict[str, str] = {}
        self.plurals: dict[str, tuple[str, ...]] = {}
        for message in catalog:
            if not message.id:
                continue
            if message.pluralizable:
                self.plurals[message.id[0]] = tuple(fix(s) for s in message.string)
            elif message.string:
                self.texts[message.id] = fix(message.string)
        self.plural_index = gettext.c2py(catalog.plural_expr)


@lru_cache(maxsize=None)
def messages(lang: str) -> Messages | None:
    path = LOCALES_DIR / f"{lang}.po"
    return Messages(path) if path.exists() else None


def languages() -> tuple[str, ...]:
    return tuple(sorted(p.stem for p in LOCALES_DIR.glob("*.po")))


def N_(key: str) -> str:
    """Marks a key for extraction where the text is looked up later (a table of labels)."""
    return key


def t(lang: str, key: str, **kw: object) -> str:
    text = _lookup(lang, key)
    return text.format(**kw) if kw else text


def tn(lang: str, key: str, n: int, **kw: object) -> str:
    """A counted phrase: the form the language's plural rule picks for n; {n} is n."""
    return plural_form(lang, key, n).format(n=n, **kw)


def plural_form(lang: str, key: str, n: int) -> str:
    """The text of a counted phrase for n, its {placeholders} not filled in yet."""
    for candidate in (lang, "en"):
        m = messages(candidate)
        if m is not None and key in m.plurals:
            forms = m.plurals[key]
            return forms[min(m.plural_index(n), len(forms) - 1)]
    raise KeyError(f"no plural interface text '{key}' in {LOCALES_DIR.name}/")


def text(lang: str, key: str) -> str:
    """An interface text, its {placeholders} not filled in yet."""
    return _lookup(lang, key)


def _lookup(lang: str, key: str) -> str:
    # A missing translation is reported by `coopsite check`; the page then shows the English text.
    for candidate in (lang, "en"):
        m = messages(candidate)
        if m is not None and key in m.texts:
            return m.texts[key]
    raise KeyError(f"no interface text '{key}' in {LOCALES_DIR.name}/")


def missing_strings(langs: tuple[str, ...]) -> list[tuple[str, str]]:
    """(key, language) for every key of the English catalog that a language lacks."""
    source = messages("en")
    out = []
    for lang in langs:
        m = messages(lang)
        for key in source.texts:
            if m is None or key not in m.texts:
                out.append((key, lang))
        for key in source.plurals:
            if m is None or not all(m.plurals.get(key, ())):
                out.append((key, lang))
    return out

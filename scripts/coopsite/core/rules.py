"""Rules across files: unique ids, references that resolve, languages by policy.

Per-file rules (types, required fields, allowed values) live in the loaders;
what needs the whole catalog lives here.
"""

from __future__ import annotations

from typing import Iterable

from coopsite.core.config import SiteConfig
from coopsite.core.i18n.ui import missing_strings
from coopsite.core.model import Translation, is_per_text, localized_fields
from coopsite.core.problems import Problems
from coopsite.core.safety import check_records
from coopsite.core.source import Pos


def unique(items: Iterable, key, what: str, problems: Problems, where=lambda item: item.pos) -> None:
    seen: dict = {}
    for item in items:
        k = key(item)
        if k in seen:
            first, at = where(seen[k]), where(item)
            problems.error(at.path, at.line, at.col,
                           f"duplicate {what} '{k if not isinstance(k, tuple) else k[-1]}' (also in {first})",
                           f"every {what} must be unique: change one of them")
        else:
            seen[k] = item


def original_language(fields, translations: dict[str, Translation], default: str, all_langs) -> str:
    """The language a record was written in: what its translations were made from, else the
    default language if it has text, else the first language that has text."""
    for tr in translations.values():
        return tr.from_lang
    present = [lang for lang in all_langs if any(loc.has(lang) for _, loc in fields)]
    return default if default in present or not present else present[0]


# Fields written after the original, by whoever answers, in their own language.
ANY_LANGUAGE_FIELDS = ("history", "answer")


def check_languages(record, pos: Pos, translations: dict[str, Translation], cfg: SiteConfig,
                    problems: Problems, what: str) -> None:
    """Missing text: error in the original and required languages, warning for the others;
    stale translations: warning."""
    langs = cfg.languages
    fields = localized_fields(record)
    original = original_language(fields, translations, langs.default, langs.all)
    def field_names(items) -> str:
        return ", ".join(sorted({p.split("[")[0].split(".")[0] for p, _ in items}))

    for lang in langs.all:
        missing = [(path, loc) for path, loc in fields if loc.texts and not loc.has(lang)]
        if lang in langs.required:
            errors, rest = missing, []
        elif lang == original:
            # The cooperative's answer and the history notes are added later, by whoever
            # answers, in their own language: there the original is not required.
            errors = [(p, loc) for p, loc in missing if not p.startswith(ANY_LANGUAGE_FIELDS)]
            rest = [(p, loc) for p, loc in missing if p.startswith(ANY_LANGUAGE_FIELDS)]
        else:
            errors, rest = [], missing
        if errors:
            at = errors[0][1].pos if errors[0][1].pos.line else pos
            problems.error(at.path, at.line, at.col, f"{what}: missing {lang} text in {field_names(errors)}",
                           f"add a line '{lang}: ...' to each of these fields")
        # Per-text texts (a status note, an answer) are reported each at its own position; the page
        # stays translated (core/model.py: PER_TEXT_FIELDS).
        own = [(p, loc) for p, loc in rest if is_per_text(p)]
        rest = [(p, loc) for p, loc in rest if not is_per_text(p)]
        if rest and lang in langs.warned:
            problems.warning(pos.path, pos.line, pos.col, f"{what}: no {lang} translation of {field_names(rest)}",
                             "readers will see the original with a notice")
        if lang in langs.warned:
            for path, loc in own:
                at = loc.pos if loc.pos.line else pos
                shown = next((x for x in langs.all if loc.has(x)), "")
                problems.warning(at.path, at.line, at.col, f"{what}: {path} has no {lang} translation",
                                 f"{lang} readers see it in {shown}, marked as such; add a line '{lang}: ...'")
    for lang, tr in translations.items():
        if tr.outdated(record):
            problems.warning(tr.pos.path, tr.pos.line, tr.pos.col,
                             f"{what}: the {lang} translation is outdated (the {tr.from_lang} text changed)",
                             f"update the {lang} text, then run 'coopsite translations --stamp {pos.path}'")


def check_ui(cfg: SiteConfig, problems: Problems) -> None:
    """Every interface text of the English catalog in every language of the site."""
    for key, lang in missing_strings(cfg.languages.all):
        add = problems.error if lang in cfg.languages.required else problems.warning
        add(f"scripts/coopsite/locales/{lang}.po", 0, 0, f"interface text '{key}' has no {lang} translation",
            f"add it to scripts/coopsite/locales/{lang}.po")


def validate(catalog, problems: Problems) -> None:
    """Every cross-file rule: the interface text, then each content type's rules in the order of
    the list (coopsite/types/__init__.py), then member Markdown of every type."""
    check_ui(catalog.config, problems)
    for content_type in catalog.content_types:
        for rule in content_type.rules:
            rule(catalog, problems)
    check_records(catalog, problems)
    # the project's vocabulary (termbase.yml): avoided variants, with their positions
    from coopsite.core import termbase

    termbase.check(catalog.config.root, catalog.config.languages, problems)

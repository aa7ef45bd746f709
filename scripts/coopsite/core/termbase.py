"""The termbase (termbase.yml): the project's vocabulary, and the check that finds avoided variants.

Translators of three languages and members writing in their own need the same words for Smart's
things (vennoot / sociétaire / member, algemene vergadering / assemblée générale / general assembly).
termbase.yml gives, per term, the word to use in each language and the variants to avoid; `coopsite
check` warns with file:line:col wherever a text in that language uses one.

Texts are found where they are written, so that the position is the real one:
- YAML (recommendations, registries, events, episodes, authors, tags, coopsite.yml): every value under
  a language key (`fr: ...`), searched in the lines of the file from that value on;
- Markdown (`<name>.<lang>.md`: posts, hand-written pages, partials; generated pages are skipped);
- transcripts (`transcript.<lang>.vtt` / `.srt`);
- the interface catalogs (`scripts/coopsite/locales/<lang>.po`, msgstr lines) for rules whose scope
  includes `interface`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from coopsite.core.problems import Problems
from coopsite.core.source import Pos, Reader, list_readers, load_yaml_file

FILE = "termbase.yml"
SCOPES = ("content", "interface", "both")
LOCALES = Path(__file__).resolve().parent.parent / "locales"


@dataclass(frozen=True, kw_only=True)
class Term:
    id: str
    note: str
    use: dict  # lang -> preferred term
    avoid: dict  # lang -> tuple of variants
    scope: str = "content"
    pos: Pos = field(default=Pos(""), compare=False)

    def applies_to(self, where: str) -> bool:
        return self.scope == "both" or self.scope == where


def load(root: Path, languages, problems: Problems) -> tuple[Term, ...]:
    path = Path(root) / FILE
    if not path.exists():
        return ()
    node = load_yaml_file(path, FILE, problems)
    if node is None:
        return ()
    top = Reader(node, FILE, problems)
    terms = []
    seen = set()
    for r in top.items("terms", required=True):
        tid = r.str("id", required=True)
        note = r.str("note", default="") or ""
        use = {lang: r.str(lang) for lang in languages.all if r.has(lang)}
        avoid: dict[str, tuple[str, ...]] = {}
        ar = r.sub("avoid")
        if ar:
            for lang in languages.all:
                if ar.has(lang):
                    avoid[lang] = tuple(v for v in ar.str_list(lang) if v)
            ar.finish()
        scope = r.choice("scope", SCOPES, default="content", what="scope")
        r.finish()
        if tid in seen:
            r.err("id", f"duplicate term '{tid}'", "every term id must be unique")
            continue
        seen.add(tid)
        for lang, variants in avoid.items():
            for v in variants:
                if use.get(lang) and _pattern(v).search(use[lang]):
                    r.err("avoid", f"term '{tid}': the avoided {lang} variant '{v}' is part of the term to use "
                          f"('{use[lang]}')", "a text using the term would always be reported: remove the variant")
        if tid:
            terms.append(Term(id=tid, note=note, use=use, avoid=avoid, scope=scope, pos=r.pos()))
    top.finish()
    return tuple(terms)


def _pattern(variant: str) -> re.Pattern:
    # whole words, any white space between them (folded YAML lines, Markdown line breaks)
    body = r"\s+".join(re.escape(w) for w in variant.split())
    flags = 0 if any(c.isupper() for c in variant) else re.IGNORECASE
    return re.compile(rf"(?<![\w·-]){body}(?![\w·-])", flags)


@dataclass(frozen=True)
class Slip:
    path: str
    line: int
    col: int
    lang: str
    variant: str
    term: Term

    def message(self) -> str:
        return (f"termbase: '{self.variant}' is an avoided {self.lang} variant of '{self.term.id}'; "
                f"use '{self.term.use.get(self.lang, '?')}'")


def _lines_hits(lines: list[str], start: int, pattern: re.Pattern, text: str | None = None) -> Iterator[tuple[int, int]]:
    """(line, col), 1-based, of each match in lines[start:]. With `text`, only as many as in that text."""
    wanted = len(pattern.findall(text)) if text is not None else None
    found = 0
    joined_from = start
    for i in range(joined_from, len(lines)):
        for m in pattern.finditer(lines[i]):
            yield i + 1, m.start() + 1
            found += 1
            if wanted is not None and found >= wanted:
                return
    return


def _yaml_texts(node, langs) -> Iterator[tuple[str, str, int, int]]:
    """(lang, text, line, col) of every string value under a language key in a YAML tree."""
    if isinstance(node, dict):
        for key, value in node.items():
            if isinstance(value, str) and key in langs:
                try:
                    line, col = node.lc.value(key)
                except (KeyError, TypeError, AttributeError):
                    line, col = 0, 0
                yield key, value, line + 1, col + 1
            elif isinstance(value, (dict, list)):
                yield from _yaml_texts(value, langs)
    elif isinstance(node, list):
        for item in node:
            yield from _yaml_texts(item, langs)


def _check_text(path: str, lines: list[str], lang: str, text: str, line: int, col: int, terms, where: str,
                out: list[Slip]) -> None:
    for term in terms:
        if not term.applies_to(where):
            continue
        for variant in term.avoid.get(lang, ()):
            pattern = _pattern(variant)
            if not pattern.search(text):
                continue
            hits = list(_lines_hits(lines, max(line - 1, 0), pattern, text))
            if not hits:  # split over folded lines: the value's own position
                hits = [(line, col)] * len(pattern.findall(text))
            for ln, cl in hits:
                out.append(Slip(path, ln, cl, lang, variant, term))


def _files(root: Path) -> Iterator[tuple[str, str]]:
    """(kind, repo-relative path) of every file the termbase looks at."""
    from coopsite.core.output import _owned  # generated pages are the pipeline's, not a text to fix

    for pattern in ("recommendations/**/*.yml", "content/events/*.yml", "content/blog/*.yml",
                    "podcasts/*/episode.yml"):
        for p in sorted(root.glob(pattern)):
            yield "yaml", p.relative_to(root).as_posix()
    yield "yaml", "coopsite.yml"
    for p in sorted((root / "content").rglob("*.md")):
        rel = p.relative_to(root / "content").as_posix()
        if not _owned(rel):
            yield "md", f"content/{rel}"
    for p in sorted(root.glob("podcasts/*/transcript.*")):
        yield "transcript", p.relative_to(root).as_posix()


def _lang_of(name: str, langs) -> str | None:
    parts = name.split(".")
    return parts[-2] if len(parts) >= 3 and parts[-2] in langs else None


def slips(root: Path, terms, languages, *, locales: Path | None = LOCALES) -> list[Slip]:
    """Every use of an avoided variant, in content and (for interface rules) in the catalogs."""
    root = Path(root)
    langs = tuple(languages.all)
    out: list[Slip] = []
    if not terms:
        return out
    for kind, rel in _files(root):
        path = root / rel
        if not path.is_file() or path.is_symlink():
            continue
        try:
            source = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue  # unreadable files are reported by the loaders
        lines = source.splitlines()
        if kind == "yaml":
            node = load_yaml_file(path, rel, Problems())
            for lang, text, line, col in _yaml_texts(node, langs):
                _check_text(rel, lines, lang, text, line, col, terms, "content", out)
        else:
            lang = _lang_of(path.name, langs)
            if lang:
                _check_text(rel, lines, lang, source, 1, 1, terms, "content", out)
    if locales is not None:
        for lang in langs:
            po = Path(locales) / f"{lang}.po"
            if not po.exists():
                continue
            lines = po.read_text(encoding="utf-8").splitlines()
            rel = f"scripts/coopsite/locales/{lang}.po"
            for i, line in enumerate(lines):
                if line.startswith("msgstr"):
                    _check_text(rel, lines, lang, line, i + 1, 1, terms, "interface", out)
    # one report per place (a YAML value seen twice through an alias, a repeated scan)
    unique = {(s.path, s.line, s.col, s.variant): s for s in out}
    return sorted(unique.values(), key=lambda s: (s.path, s.line, s.col))


def check(root: Path, languages, problems: Problems, *, locales: Path | None = LOCALES) -> tuple[Term, ...]:
    terms = load(root, languages, problems)
    for s in slips(root, terms, languages, locales=locales):
        problems.warning(s.path, s.line, s.col, s.message(),
                         s.term.note or f"see {FILE}, term '{s.term.id}'")
    return terms

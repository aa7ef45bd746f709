"""`coopsite translations`: coverage report, and stamping reviewed translations."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from coopsite.core import translations as ts
from coopsite.core.model import fingerprint
from coopsite.core.output import atomic_write
from coopsite.core.problems import Problems
from coopsite.core.source import parse_yaml_rt
from coopsite.core.yamledit import flow_close, insert_lines, replace_scalar
from ruamel.yaml.comments import CommentedMap


def _record(node, record_id: str | None):
    """The mapping of the record: the document itself, or the list item with that id (registries)."""
    if isinstance(node, CommentedMap):
        return node
    if isinstance(node, list):
        for item in node:
            if isinstance(item, CommentedMap) and str(item.get("id")) == record_id:
                return item
    return None


def stamp_text(text: str, lang: str, source: str, record_id: str | None = None) -> str:
    """Set `translations.<lang>.source` in a YAML file's text; everything else stays as it is."""
    problems = Problems()
    node = _record(parse_yaml_rt(text, "<file>", problems), record_id)
    tr = node.get("translations") if isinstance(node, CommentedMap) else None
    if not isinstance(tr, CommentedMap) or not isinstance(tr.get(lang), CommentedMap):
        raise ValueError(f"no 'translations: {lang}:' entry")
    entry = tr[lang]
    lines = text.splitlines(keepends=True)
    if "source" in entry:
        line, col = entry.lc.value("source")
        return replace_scalar(text, line, col, source)
    line, col = tr.lc.value(lang)
    if getattr(entry, "fa", None) is not None and entry.fa.flow_style():
        cl, cc = flow_close(lines, line, col)
        lines[cl] = lines[cl][:cc] + f", source: {source}" + lines[cl][cc:]
        return "".join(lines)
    last_key = list(entry.keys())[-1]
    kline, kcol = entry.lc.key(last_key)
    return insert_lines(text, kline, [" " * kcol + f"source: {source}"])


def stamp_file(path: Path, item: ts.Item, langs: list[str] | None) -> list[str]:
    text = path.read_text(encoding="utf-8")
    done = []
    for lang, tr in sorted(item.translations.items()):
        if langs and lang not in langs:
            continue
        fp = fingerprint(item.record, tr.from_lang)
        if tr.source == fp:
            continue
        text = stamp_text(text, lang, fp, item.id)
        done.append(lang)
    if done:
        atomic_write(path, text.encode("utf-8"))
    return done


def stamp_front_matter(text: str, source: str) -> str:
    """Set `original_version: <source>` in a Markdown file's front matter; everything else stays as it is."""
    m = re.match(r"\A(---[ \t]*\r?\n)(.*?)(^---[ \t]*$)", text, re.S | re.M)
    if not m:
        raise ValueError("no front matter")
    front = m.group(2)
    if re.search(r"^original_version:.*$", front, re.M):
        front = re.sub(r"^original_version:.*$", f"original_version: {source}", front, count=1, flags=re.M)
    else:
        at = re.search(r"^translated_from:.*$\n?", front, re.M)
        if not at:
            raise ValueError("no 'translated_from:' line")
        line = f"original_version: {source}\n"
        front = front[: at.end()] + ("" if at.group(0).endswith("\n") else "\n") + line + front[at.end():]
    return text[: m.start(2)] + front + text[m.end(2):]


def stamp_post(root: Path, item: ts.Item, wanted: set[str], langs: list[str] | None) -> list[tuple[str, str]]:
    """A blog post's translations live in their own files: each records the original's fingerprint."""
    done = []
    for lang, tr in sorted(item.translations.items()):
        path = (root / tr.pos.path).resolve()
        if (langs and lang not in langs) or (wanted and str(path) not in wanted and
                                             str((root / item.path).resolve()) not in wanted):
            continue
        if not wanted and tr.source:
            continue  # without FILE, only never-stamped translations: a changed original needs a review first
        fp = fingerprint(item.record, tr.from_lang)
        if tr.source == fp:
            continue
        atomic_write(path, stamp_front_matter(path.read_text(encoding="utf-8"), fp).encode("utf-8"))
        done.append((tr.pos.path, lang))
    return done


# Content types whose translations are not `translations:` entries of one YAML file.
STAMPERS = {"blog": stamp_post}


def run_translations(args) -> int:
    from coopsite.site.catalog import build_catalog

    catalog, problems = build_catalog(args.root)
    if problems.errors:
        for p in problems.errors:
            print(p)
        print("fix these errors first (coopsite check)", file=sys.stderr)
        return 1
    if getattr(args, "terms", False):
        print_terms(catalog)
        return 0
    items = ts.items(catalog)
    if args.stamp is not None:
        wanted = {str(Path(f).resolve()) for f in args.stamp}
        count = 0
        for item in items:
            if item.kind in STAMPERS:
                for rel, lang in STAMPERS[item.kind](args.root, item, wanted, args.lang):
                    print(f"{rel}: {lang} translation stamped as up to date")
                    count += 1
                continue
            path = (args.root / item.path).resolve()
            if wanted and str(path) not in wanted:
                continue
            if not wanted and all(tr.source for tr in item.translations.values()):
                continue  # without FILE, only never-stamped records: a changed original needs a review first
            if not hasattr(item.record, "translations"):
                continue
            try:
                stamped = stamp_file(path, item, args.lang)
            except ValueError as exc:
                print(f"{item.path}: error: cannot stamp {item.id}: {exc}", file=sys.stderr)
                continue
            for lang in stamped:
                print(f"{item.path}: {lang} translation stamped as up to date")
                count += 1
        print(f"{count} translation{'s' * (count != 1)} stamped", file=sys.stderr)
        return 0
    rows = ts.report(catalog)
    if args.lang:
        rows = [r for r in rows if r.lang in args.lang]
    cov = ts.coverage(rows)
    langs = sorted({r.lang for r in rows})
    width = max((len(k) for k, _ in cov), default=10) + 2
    print("content type".ljust(width) + "".join(lang.rjust(16) for lang in langs))
    for kind in sorted({k for k, _ in cov}):
        cells = []
        for lang in langs:
            done, total = cov.get((kind, lang), (0, 0))
            cells.append(f"{done}/{total} {round(100 * done / total) if total else 100:3d}%".rjust(16))
        print(kind.ljust(width) + "".join(cells))
    todo = [r for r in rows if r.state != ts.OK]
    if todo:
        print()
        for r in sorted(todo, key=lambda r: (r.state, r.kind, r.path, r.lang)):
            print(f"{r.state:10} {r.lang}  {r.path}  ({r.id})")
    # Texts of their own (status notes, answers) not translated yet: each at its position; the
    # page they sit in stays translated.
    texts = [r for r in ts.per_text_rows(catalog) if not args.lang or r.lang in args.lang]
    if texts:
        print()
        for r in texts:
            print(f"{'text':10} {r.lang}  {r.pos.path}:{r.pos.line}:{r.pos.col}  ({r.id}, {r.field}, in {r.original})")
    print()
    print_terms(catalog)
    return 0


def print_terms(catalog) -> None:
    """The termbase for translators: each term, the word to use per language, the variants to avoid."""
    from coopsite.core import termbase
    from coopsite.core.problems import Problems

    langs = catalog.config.languages.all
    terms = termbase.load(catalog.config.root, catalog.config.languages, Problems())
    print(f"termbase ({termbase.FILE}): {len(terms)} term{'s' * (len(terms) != 1)}")
    for term in terms:
        uses = "  ".join(f"{lang}: {term.use.get(lang, '-')}" for lang in langs)
        scope = "" if term.scope == "content" else f"  [{term.scope}]"
        print(f"  {term.id}{scope}\n    {uses}")
        for lang in langs:
            if term.avoid.get(lang):
                print(f"    avoid {lang}: {', '.join(term.avoid[lang])}")
        if term.note:
            print(f"    ({term.note})")

"""A linear-time replacement for mkdocs-static-i18n 1.3.1's search de-duplication.

The i18n plugin removes, from the merged search index, entries of fr/ and en/
that are identical (title and text) to a Dutch entry at the same location. Its
own version compares every default-language entry with every other entry:
quadratic, and most of a build's time beyond a few thousand pages (measured
with `coopsite bench`: 4x the content cost 5.3x the time in plain MkDocs).
This one indexes the candidates by (title, text) and keeps the same rule
(upstream also iterates a list while removing from it, so it keeps a few
duplicates by accident; this one removes them all).
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path


def dedupe_search_entries(plugin, search_index_entries: list) -> None:
    prefixes = tuple(f"{lang}/" for lang in plugin.build_languages)
    candidates: dict[tuple, list] = defaultdict(list)
    for entry in search_index_entries:
        if entry["location"].startswith(prefixes):
            candidates[(entry["title"], entry["text"])].append(entry)
    drop: set[int] = set()
    for entry in search_index_entries:
        if entry["location"].startswith(prefixes):
            continue
        for other in candidates.get((entry["title"], entry["text"]), ()):
            if id(other) not in drop and other["location"].endswith(entry["location"]):
                drop.add(id(other))
    if drop:
        search_index_entries[:] = [e for e in search_index_entries if id(e) not in drop]


def split_index(site_dir: Path, default: str, others: tuple[str, ...]) -> dict[str, int]:
    """One search index per language, from the merged one the i18n plugin had Material write.

    With one index for all three languages, a French reader's search listed Dutch pages first
    (Dutch month grids for "agenda"). Each language now gets its own: search/search_index.json
    (the default language, at the root) and fr/search/search_index.json, en/...; a page's
    `__config.base` points its search at its language's folder (theme/main.html), and lunr
    stems the words with that language's rules only. Per language rather than one index and a
    filter in the browser: a reader downloads a third of the entries instead of all of them.
    Returns the size in bytes of each index written.
    """
    path = site_dir / "search" / "search_index.json"
    merged = json.loads(path.read_text(encoding="utf-8"))
    docs: dict[str, list] = {lang: [] for lang in (default, *others)}
    for doc in merged["docs"]:
        lang = next((o for o in others if doc["location"].startswith(f"{o}/")), default)
        if lang != default:
            doc = {**doc, "location": doc["location"][len(lang) + 1:]}
        docs[lang].append(doc)
    sizes = {}
    for lang, entries in docs.items():
        out = site_dir / ("" if lang == default else lang) / "search" / "search_index.json"
        out.parent.mkdir(parents=True, exist_ok=True)
        data = json.dumps({"config": {**merged["config"], "lang": [lang]}, "docs": entries},
                          ensure_ascii=False, separators=(",", ":"))
        out.write_text(data, encoding="utf-8")
        sizes[lang] = len(data.encode("utf-8"))
    return sizes


def install(i18n_plugin, *, per_language: bool = False, default: str = "nl") -> None:
    """Use the linear version on this i18n plugin instance (same rule, same result); with
    per_language, split the final index per language instead of de-duplicating it (a French
    page that shows the Dutch text while untranslated stays in the French index)."""
    if getattr(i18n_plugin, "_coopsite_dedupe", False):
        return
    if per_language:
        i18n_plugin.reconfigure_search_duplicates = lambda entries: None
        merge = i18n_plugin.reconfigure_search_index

        def merge_then_split(config):
            merge(config)
            others = tuple(lang for lang in i18n_plugin.build_languages if lang != default)
            if (Path(config.site_dir) / "search" / "search_index.json").exists():
                split_index(Path(config.site_dir), default, others)

        i18n_plugin.reconfigure_search_index = merge_then_split
    else:
        i18n_plugin.reconfigure_search_duplicates = lambda entries: dedupe_search_entries(i18n_plugin, entries)
    i18n_plugin._coopsite_dedupe = True

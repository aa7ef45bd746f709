"""One run of the pipeline: catalog, audio, pages and site files, memoised by a source fingerprint.

mkdocs-static-i18n re-runs every MkDocs hook once per language; the plugin calls
run() each time and gets the same Result back unless a source file changed.
The podcast's audio is processed here, once per run, between the catalog and
the renderers (which see the results as catalog.media).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from coopsite.site.catalog import Catalog, build_catalog, source_fingerprint
from coopsite.core.model import frozen_map
from coopsite.core.problems import Problems


@dataclass(frozen=True, kw_only=True)
class Result:
    catalog: Catalog
    problems: Problems
    pages: dict
    fingerprint: str
    # Big files published as they are (podcast MP3s, artwork): {site path: source file}.
    # output.copy_files() hardlinks or copies them; they never pass through memory.
    site_copies: dict = field(default_factory=dict)
    outputs: bool = True

    @property
    def ok(self) -> bool:
        return not self.problems.errors

    @property
    def files(self) -> dict:
        """Feeds and API files {site path: bytes}, made on first use: MkDocs does not need them,
        so `coopsite build` can make them in another process while MkDocs runs (output.FilesJob)."""
        cached = self.__dict__.get("_files")
        if cached is None:
            cached = {}
            if self.outputs and self.ok:
                from coopsite.site.files import site_files

                cached = site_files(self.catalog)
            object.__setattr__(self, "_files", cached)
        return cached

    @property
    def files_elsewhere(self) -> bool:
        """True when another process writes the files (the plugin then leaves them alone)."""
        return bool(self.__dict__.get("_files_elsewhere"))

    def write_pages(self, docs_dir: Path) -> int:
        """Write the generated pages into docs_dir once per result: `coopsite build` writes
        them before MkDocs starts, and the plugin's on_config then finds nothing to do."""
        from coopsite.core.output import write_pages

        done = self.__dict__.setdefault("_pages_written_to", set())
        key = str(Path(docs_dir).resolve())
        if key in done:
            return 0
        changed = write_pages(Path(docs_dir), self.pages)
        done.add(key)
        return changed

    def hand_files_to(self, job) -> None:
        object.__setattr__(self, "_files_elsewhere", job)


_memo: dict[tuple[str, bool, bool], Result] = {}


def run(root: Path, *, drafts: bool = False, outputs: bool = True,
        log: Callable[[str], None] | None = None, workers: int = 1) -> Result:
    """workers > 1: render the pages in a forked second process too (only `coopsite build` asks:
    forking is safe there, unlike inside `mkdocs serve`, whose server threads may hold locks)."""
    root = Path(root).resolve()
    key = (str(root), drafts, outputs)
    fp = source_fingerprint(root)
    cached = _memo.get(key)
    if cached and cached.fingerprint == fp:
        return cached
    catalog, problems = build_catalog(root, drafts=drafts)
    if catalog.episodes:
        from coopsite.types.podcast.audio import process_media

        # Without outputs (coopsite check) only the cheap audio checks run. With errors elsewhere the
        # audio is still processed: the build fails, but the fixed build finds it in the cache.
        media = process_media(catalog, problems, render=outputs, log=log)
        catalog = dataclasses.replace(catalog, media=frozen_map(media))
    pages, copies = {}, {}
    if outputs and not problems.errors:
        from coopsite.site.files import site_copies
        from coopsite.site.render import render_pages

        pages = render_pages(catalog, workers=workers)
        copies = site_copies(catalog)
    result = Result(catalog=catalog, problems=problems, pages=pages, fingerprint=fp, site_copies=copies, outputs=outputs)
    _memo[key] = result
    return result

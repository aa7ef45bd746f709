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

from .catalog import Catalog, build_catalog, source_fingerprint
from .model import frozen_map
from .problems import Problems


@dataclass(frozen=True)
class Result:
    catalog: Catalog
    problems: Problems
    pages: dict
    files: dict
    fingerprint: str
    # Big files published as they are (podcast MP3s, artwork): {site path: source file}.
    # output.copy_files() hardlinks or copies them; they never pass through memory.
    site_copies: dict = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems.errors


_memo: dict[tuple[str, bool, bool], Result] = {}


def run(root: Path, *, drafts: bool = False, outputs: bool = True,
        log: Callable[[str], None] | None = None) -> Result:
    root = Path(root).resolve()
    key = (str(root), drafts, outputs)
    fp = source_fingerprint(root)
    cached = _memo.get(key)
    if cached and cached.fingerprint == fp:
        return cached
    catalog, problems = build_catalog(root, drafts=drafts)
    if catalog.episodes:
        from .audio import process_media

        # Without outputs (coopsite check) only the cheap audio checks run. With errors elsewhere the
        # audio is still processed: the build fails, but the fixed build finds it in the cache.
        media = process_media(catalog, problems, render=outputs, log=log)
        catalog = dataclasses.replace(catalog, media=frozen_map(media))
    pages, files, copies = {}, {}, {}
    if outputs and not problems.errors:
        from .feeds import site_copies, site_files
        from .render import render_pages

        pages = render_pages(catalog)
        files = site_files(catalog)
        copies = site_copies(catalog)
    result = Result(catalog, problems, pages, files, fp, copies)
    _memo[key] = result
    return result

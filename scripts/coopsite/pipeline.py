"""One run of the pipeline: catalog, pages and site files, memoised by a source fingerprint.

mkdocs-static-i18n re-runs every MkDocs hook once per language; the plugin calls
run() each time and gets the same Result back unless a source file changed.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .catalog import Catalog, build_catalog, source_fingerprint
from .problems import Problems


@dataclass(frozen=True)
class Result:
    catalog: Catalog
    problems: Problems
    pages: dict
    files: dict
    fingerprint: str

    @property
    def ok(self) -> bool:
        return not self.problems.errors


_memo: dict[tuple[str, bool], Result] = {}


def run(root: Path, *, drafts: bool = False, outputs: bool = True) -> Result:
    root = Path(root).resolve()
    key = (str(root), drafts)
    fp = source_fingerprint(root)
    cached = _memo.get(key)
    if cached and cached.fingerprint == fp:
        return cached
    catalog, problems = build_catalog(root, drafts=drafts)
    pages, files = {}, {}
    if outputs and not problems.errors:
        from .feeds import site_files
        from .render import render_pages

        pages = render_pages(catalog)
        files = site_files(catalog)
    result = Result(catalog, problems, pages, files, fp)
    _memo[key] = result
    return result

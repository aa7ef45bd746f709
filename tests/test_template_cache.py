"""Compiled templates kept between builds (core/template_cache.py): a build from the cache gives the
same site as a build without it, a changed template is compiled again, and a cache that is broken or
cannot be used never fails a build."""

from __future__ import annotations

import os
from pathlib import Path

from coopsite.core.template_cache import PREFIX
from coopsite.core.templates import THEME_DIR

from .conftest import coopsite
from .test_reproducible import digest_tree
from .test_templates_i18n import _with_custom_dir


def build(root: Path, tmp: Path, site: str) -> dict[str, str]:
    """A build whose temporary folder (where the cache lives) is `tmp`: in a process forked from one
    that has run no build (tests/cli_forks.py looks TMPDIR up again), as a new interpreter would."""
    res = coopsite("--root", str(root), "build", "--quiet", "--site-dir", str(root / site),
                   env={"TMPDIR": str(tmp)})
    assert res.returncode == 0, res.stdout + res.stderr
    return digest_tree(root / site)


def cached(tmp: Path) -> list[Path]:
    return sorted((tmp / f"_jinja2-cache-{os.getuid()}").glob(f"{PREFIX}*"))


def test_a_build_from_the_cache_is_the_same_site_and_sees_a_changed_template(tree, tmp_path):
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    cold = build(tree, tmp, "site-cold")
    files = cached(tmp)
    assert len(files) > 40  # the theme's templates and the pipeline's
    stamps = {f: f.stat().st_mtime_ns for f in files}
    assert build(tree, tmp, "site-warm") == cold
    assert {f: f.stat().st_mtime_ns for f in cached(tmp)} == stamps  # read, not written again
    for f in files:  # cut short: each is compiled again, and the site is the same
        f.write_bytes(f.read_bytes()[:20])
    assert build(tree, tmp, "site-cut") == cold
    # a site owner's template changed after a build: the next build uses the new text
    macros = (THEME_DIR / "coopsite" / "partials" / "macros.html").read_text(encoding="utf-8")
    _with_custom_dir(tree, "partials/macros.html", macros)
    build(tree, tmp, "site-own")
    (tree / "overrides" / "coopsite" / "partials" / "macros.html").write_text(
        macros.replace('<span class="status-badge', '<span data-owner="yes" class="status-badge'), encoding="utf-8")
    build(tree, tmp, "site-own")
    page = (tree / "site-own" / "recommendations" / "sip2021-01" / "index.html").read_text(encoding="utf-8")
    assert 'data-owner="yes" class="status-badge' in page


def test_a_cache_folder_that_cannot_be_used_is_no_cache(tree, tmp_path):
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    (tmp / f"_jinja2-cache-{os.getuid()}").write_text("not a folder", encoding="utf-8")
    other = tmp_path / "other"
    other.mkdir()
    assert build(tree, tmp, "site-none") == build(tree, other, "site-cached")
    assert cached(other)

"""`coopsite build` builds the languages in parallel processes (site/languages.py): the site must be
the one the sequential build makes, file by file: pages, language switcher, fallback pages and
their notices, search index, sitemap with its alternates, 404 page, feeds and API."""

from __future__ import annotations

import shutil

from .conftest import coopsite, copy_tree, drop_language
from .test_reproducible import digest_tree


def assert_same_tree(a_dir, b_dir) -> None:
    a, b = digest_tree(a_dir), digest_tree(b_dir)
    assert sorted(a) == sorted(b), sorted(set(a) ^ set(b))[:20]
    differing = sorted(k for k in a if a[k] != b[k])
    assert not differing, differing[:20]


def build(root, site, *jobs: str) -> None:
    res = coopsite("--root", str(root), "build", "--quiet", "--site-dir", str(site), *jobs)
    assert res.returncode == 0, res.stdout + res.stderr
    assert "Traceback" not in res.stderr


def test_parallel_build_of_the_shipped_content_is_the_sequential_one(tmp_path, built_site):
    # built_site was built by the default `coopsite build` (languages in parallel on 2 cores or
    # more); this is the same content built one language after the other, as `mkdocs build` does.
    root = copy_tree(tmp_path / "repo", full=True)
    build(root, tmp_path / "sequential", "--jobs", "1")
    assert_same_tree(tmp_path / "sequential", built_site)
    # one child that builds two languages one after the other, beside this process
    build(root, tmp_path / "two", "--jobs", "2")
    assert_same_tree(tmp_path / "sequential", tmp_path / "two")
    # what the parallel build must not lose: all three languages, in one sitemap with alternates
    sitemap = (built_site / "sitemap.xml").read_text(encoding="utf-8")
    assert "/fr/recommendations/" in sitemap and "/en/recommendations/" in sitemap
    assert 'hreflang="en"' in sitemap
    assert not list(built_site.glob(".coopsite-languages-*"))


def test_parallel_build_keeps_fallback_pages_and_notices(tmp_path):
    root = copy_tree(tmp_path / "repo", recommendations=["sip2021-01", "sip2021-03", "sip2021-11", "sip2021-32"])
    drop_language(root / "recommendations" / "sip-2020-2021" / "sip2021-03.yml", "fr")
    (root / "content" / "about.en.md").unlink()  # a hand-written page without English: a fallback page
    build(root, tmp_path / "sequential", "--jobs", "1")
    build(root, tmp_path / "parallel", "--jobs", "3")
    assert_same_tree(tmp_path / "sequential", tmp_path / "parallel")
    assert (tmp_path / "parallel" / "en" / "about" / "index.html").exists()


def test_mkdocs_build_keeps_its_own_sequential_loop(tmp_path):
    # `mkdocs build` never forks languages (only `coopsite build` enables it): same site as --jobs 1
    root = copy_tree(tmp_path / "repo", recommendations=["sip2021-01", "sip2021-03"])
    build(root, tmp_path / "sequential", "--jobs", "1")
    import os
    import subprocess
    import sys
    res = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(root / "mkdocs.yml"),
                          "-d", str(tmp_path / "plain")], capture_output=True, text=True,
                         env=dict(os.environ, NO_MKDOCS_2_WARNING="1"), timeout=600)
    assert res.returncode == 0, res.stderr
    for name in ("index.html", "fr/index.html", "en/index.html", "sitemap.xml", "search/search_index.json"):
        assert (tmp_path / "plain" / name).exists(), name
    shutil.rmtree(tmp_path / "plain")


def test_a_failing_language_fails_the_build_in_one_line(tmp_path):
    # a broken link only in the French page: with --strict, the process that builds French fails
    root = copy_tree(tmp_path / "repo", recommendations=["sip2021-01", "sip2021-03"])
    about = root / "content" / "about.fr.md"
    about.write_text(about.read_text(encoding="utf-8") + "\n[perdu](nulle-part.md)\n", encoding="utf-8")
    for jobs in ("1", "3"):
        res = coopsite("--root", str(root), "build", "--quiet", "--strict", "--jobs", jobs)
        assert res.returncode == 1, res.stdout + res.stderr
        assert "Traceback" not in res.stderr
        assert "error: the site could not be built" in res.stderr
        assert not (root / "site").exists()
        assert not [p.name for p in root.iterdir() if p.name.startswith("site.")]

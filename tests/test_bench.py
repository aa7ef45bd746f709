"""`coopsite bench`: its corpus is valid content at any scale, and the command reports every figure.

No timing is asserted here (shared machines are too noisy); the figures are for a person to read.
"""

from __future__ import annotations

import re

from coopsite.commands.bench import make_corpus
from coopsite.site.catalog import build_catalog

from .conftest import REPO, coopsite


def test_corpus_is_the_shipped_content_n_times_with_unique_ids(tmp_path, monkeypatch):
    monkeypatch.setenv("COOPSITE_TODAY", "2026-11-26")
    shipped, _ = build_catalog(REPO)
    root = make_corpus(REPO, tmp_path / "corpus", 3)
    catalog, problems = build_catalog(root)
    assert not problems.errors, [str(p) for p in problems.errors]
    for kind in ("recommendations", "events", "posts", "episodes"):
        assert len(getattr(catalog, kind)) == 3 * len(getattr(shipped, kind)), kind
        assert len(getattr(shipped, kind)) > 0, kind
    assert len({r.id for r in catalog.recommendations}) == len(catalog.recommendations)


def test_bench_prints_the_ratios_and_the_rebuild_check():
    from coopsite.site.pipeline import run

    shipped_pages = len(run(REPO).pages)
    # the second scale at 2x rather than 4x: the same figures, in half the test's time
    proc = coopsite("bench", "--scale", "1", "--factor", "2", "--repeat", "1", "-q", cwd=REPO)
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert out.startswith("machine: ") and "cores" in out
    rows = re.findall(r"^\s+(\d+)x\s+(\d+)\s+([\d.]+)s\s+([\d.]+)s\s+([\d.]+)s\s+([\d.]+)$", out, re.M)
    assert [r[0] for r in rows] == ["1", "2"]
    # the measured builds are of all the content (a clean-up between runs once removed the blog posts)
    assert int(rows[0][1]) == shipped_pages
    assert int(rows[1][1]) > shipped_pages
    for scale in ("1x", "2x"):
        assert re.search(rf"full build over plain sequential MkDocs\+i18n at {scale}: [\d.]+ "
                         rf"\(languages in \d processes; target <= 0.70 at 20x on 2 cores\)", out)
    assert re.search(r"2x the content costs [\d.]+x the time \(target <= 2.2x\)", out)
    assert re.search(r"peak memory of a full build \(largest process\): \d+ MiB at 1x, \d+ MiB at 2x", out)
    # a rebuild with nothing changed takes every episode from the audio cache
    assert re.search(r"rebuild with no change: [\d.]+s; podcast: audio of 1 of 1 episodes ready "
                     r"\(1 from the cache, 0 processed\)", out)
    assert re.search(r"file system \(.+\): creating a file took [\d.]+ ms before the runs, [\d.]+ ms after", out)
    assert re.search(r"preview latency \(edit of a recommendation to the changed page, shipped content\): "
                     r"[\d.]+s median of 1 \(target <= 1.5s\)", out)

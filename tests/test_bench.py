"""`coopsite bench`: its corpus is valid content at any scale, and the command reports every figure.

No timing is asserted here (shared machines are too noisy); the figures are for a person to read.
"""

from __future__ import annotations

import re

from coopsite.commands.bench import make_corpus
from coopsite.site.catalog import build_catalog

from .conftest import REPO, coopsite, copy_tree


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


def linked_recommendations() -> list[str]:
    """The recommendations the shipped posts, episodes and events link to, the one the preview edits,
    and those these link to in turn: a tree with every content type, 17 of the 38 recommendations
    and 210 of the 273 generated pages (2026-11-30), so that each of the bench's dozen builds and
    runs costs less (its figures are not the point here)."""
    recs = REPO / "recommendations" / "sip-2020-2021"
    ids = {p.stem for p in recs.glob("*.yml")}

    def links(text: str) -> set[str]:
        return set(re.findall(r"sip2021-[\w-]+", text)) & ids

    others = [p for d in ("content/blog/posts", "podcasts", "content/events") for p in (REPO / d).rglob("*")
              if p.suffix in (".md", ".yml")]
    todo = {"sip2021-03"}.union(*(links(p.read_text(encoding="utf-8")) for p in others))
    closed: set[str] = set()
    while todo:
        rec = todo.pop()
        closed.add(rec)
        todo |= links((recs / f"{rec}.yml").read_text(encoding="utf-8")) - closed
    return sorted(closed)


def test_bench_prints_the_ratios_and_the_rebuild_check(tmp_path):
    from coopsite.site.pipeline import run

    src = copy_tree(tmp_path / "repo", recommendations=linked_recommendations(), full=True)
    result = run(src)
    assert result.ok, [str(p) for p in result.problems.errors]
    pages = len(result.pages)
    # the second scale at 2x rather than 4x: the same figures, in half the test's time
    proc = coopsite("--root", str(src), "bench", "--scale", "1", "--factor", "2", "--repeat", "1", "-q", cwd=src)
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert out.startswith("machine: ") and "cores" in out
    rows = re.findall(r"^\s+(\d+)x\s+(\d+)\s+([\d.]+)s\s+([\d.]+)s\s+([\d.]+)s\s+([\d.]+)$", out, re.M)
    assert [r[0] for r in rows] == ["1", "2"]
    # the measured builds are of all the content (a clean-up between runs once removed the blog posts)
    assert int(rows[0][1]) == pages
    assert int(rows[1][1]) > pages
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

"""Generated pages: written only when changed, stale ones removed, hand-written sources never touched."""

from __future__ import annotations

import subprocess

import pytest

from coopsite.output import GENERATED_DIRS, write_pages

from .conftest import REPO


def test_write_only_changed_and_remove_stale(tmp_path):
    docs = tmp_path / "content"
    (docs / "blog" / "posts").mkdir(parents=True)
    post = docs / "blog" / "posts" / "mine.nl.md"
    post.write_text("hand-written")
    (docs / "about.nl.md").write_text("hand-written page")
    pages = {"index.nl.md": "home", "recommendations/a.nl.md": "A", "recommendations/b.nl.md": "B"}
    assert write_pages(docs, pages) == 3
    before = (docs / "recommendations" / "a.nl.md").stat().st_mtime_ns
    assert write_pages(docs, pages) == 0
    assert (docs / "recommendations" / "a.nl.md").stat().st_mtime_ns == before
    del pages["recommendations/b.nl.md"]
    pages["recommendations/a.nl.md"] = "A2"
    assert write_pages(docs, pages) == 2
    assert not (docs / "recommendations" / "b.nl.md").exists()
    assert post.read_text() == "hand-written" and (docs / "about.nl.md").read_text() == "hand-written page"


def test_refuses_to_write_outside_generated_folders(tmp_path):
    with pytest.raises(ValueError):
        write_pages(tmp_path, {"about.nl.md": "overwrite a hand-written page"})
    with pytest.raises(ValueError):
        write_pages(tmp_path, {"blog/posts/x.nl.md": "overwrite a post"})


def test_gitignore_covers_generated_pages_but_not_sources():
    def ignored(path: str) -> bool:
        return subprocess.run(["git", "check-ignore", "-q", path], cwd=REPO).returncode == 0

    for d in GENERATED_DIRS:
        assert ignored(f"content/{d}/x.nl.md"), d
    assert ignored("content/index.fr.md")
    assert not ignored("content/blog/posts/x.nl.md")
    assert not ignored("content/about.nl.md")
    assert not ignored("recommendations/sip-2020-2021/sip2021-01.yml")

"""Generated pages: written only when changed, stale ones removed, hand-written sources never touched."""

from __future__ import annotations

import subprocess

import pytest

from coopsite.core.output import GENERATED_DIRS, write_pages

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


def test_folders_left_empty_by_removed_pages_go_and_hand_written_ones_stay(tmp_path):
    docs = tmp_path / "content"
    (docs / "blog" / "posts").mkdir(parents=True)  # an empty hand-written folder
    (docs / "blog" / "images").mkdir()
    pages = {"recommendations/cycles/c1/index.nl.md": "cycle", "recommendations/a.nl.md": "A",
             "blog/tags/t/index.nl.md": "tag", "calendar/2027-01/index.nl.md": "month"}
    write_pages(docs, pages)
    write_pages(docs, {"recommendations/a.nl.md": "A"})
    assert not (docs / "recommendations" / "cycles").exists()  # a removed cycle leaves no folder
    assert not (docs / "blog" / "tags").exists() and not (docs / "calendar").exists()
    assert (docs / "recommendations" / "a.nl.md").read_text() == "A"
    assert (docs / "blog" / "posts").is_dir() and (docs / "blog" / "images").is_dir()
    write_pages(docs, {})
    assert sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*")) == ["blog", "blog/images", "blog/posts"]


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


def test_rendering_in_two_processes_gives_the_same_pages_in_the_same_order(tmp_path, monkeypatch):
    """`coopsite build` renders half the pages in a forked process; the result must not differ."""
    from coopsite.site.catalog import build_catalog
    from coopsite.site import render

    from .conftest import copy_tree

    monkeypatch.setenv("COOPSITE_TODAY", "2026-11-26")
    # the suite's browser fixtures run server threads; `coopsite build` has none when it renders
    monkeypatch.setattr(render, "_single_threaded", lambda: True)
    forked = []
    real_fork = render._render_forked
    monkeypatch.setattr(render, "_render_forked", lambda *a: forked.append(1) or real_fork(*a))
    root = copy_tree(tmp_path / "site", full=True)
    catalog, problems = build_catalog(root)
    assert not problems.errors
    one = render.render_pages(catalog, workers=1)
    assert not forked
    two = render.render_pages(catalog, workers=2)
    assert forked == [1]
    assert len(one) > 250  # all content types, three languages
    assert list(one) == list(two)
    assert one == two


def test_a_failing_render_in_the_second_process_is_redone_here(tmp_path, monkeypatch, capfd):
    """If the forked renderer dies, its share is rendered again in this process (same pages);
    a genuine renderer error then surfaces here with its traceback."""
    import os

    from coopsite.site.catalog import build_catalog
    from coopsite.site import render

    from .conftest import copy_tree

    monkeypatch.setenv("COOPSITE_TODAY", "2026-11-26")
    monkeypatch.setattr(render, "_single_threaded", lambda: True)  # see the test above
    root = copy_tree(tmp_path / "site", full=True)
    catalog, _ = build_catalog(root)
    parent = os.getpid()
    real_sections = render.sections
    real = real_sections(catalog)[1]

    def dies_in_the_child(cat, lang):
        if os.getpid() != parent:
            raise RuntimeError("the child fails")
        return real(cat, lang)

    monkeypatch.setattr(render, "sections", lambda cat: [dies_in_the_child if f is real else f
                                                         for f in real_sections(cat)])
    assert render.render_pages(catalog, workers=2) == render.render_pages(catalog, workers=1)
    err = capfd.readouterr().err
    assert "rendering in a second process failed" in err
    assert "RuntimeError: the child fails (in test_output.py:" in err  # the child's real error and file

    def always_fails(cat, lang):
        raise RuntimeError("broken renderer")

    monkeypatch.setattr(render, "sections", lambda cat: [always_fails] + real_sections(cat)[1:])
    with pytest.raises(RuntimeError, match="broken renderer"):
        render.render_pages(catalog, workers=2)


def test_no_fork_while_other_threads_run(tmp_path, monkeypatch):
    """With another thread alive (as under `mkdocs serve`), rendering stays in one process."""
    import threading

    from coopsite.site.catalog import build_catalog
    from coopsite.site import render

    from .conftest import copy_tree

    monkeypatch.setenv("COOPSITE_TODAY", "2026-11-26")
    catalog, _ = build_catalog(copy_tree(tmp_path / "site", recommendations=["sip2021-01"]))
    forks = []
    monkeypatch.setattr(render, "_render_forked", lambda *a: forks.append(a) or None)
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        pages = render.render_pages(catalog, workers=2)
    finally:
        stop.set()
        other.join()
    assert not forks and pages == render.render_pages(catalog, workers=1)

"""`coopsite new`: every scaffold passes `coopsite check` unchanged, by flags or by questions."""

from __future__ import annotations

import os
import select
import subprocess
import sys
import time

from coopsite.site.catalog import build_catalog

from .conftest import coopsite


def test_new_recommendation_by_flags_passes_check(tree):
    res = coopsite("--root", str(tree), "new", "recommendation", "--cycle", "sip-2020-2021", "--theme", "lobbying",
                   "--group", "BE-HOR3", "--title", "Een titel: met een dubbele punt")
    assert res.returncode == 0, res.stderr
    rel = res.stdout.strip()
    assert rel == "recommendations/sip-2020-2021/sip2021-33.yml"
    check = coopsite("--root", str(tree), "check")
    assert check.returncode == 0, check.stdout
    catalog, _ = build_catalog(tree)
    rec = catalog.recommendation("sip2021-33")
    assert rec.title.get("nl") == "Een titel: met een dubbele punt" and rec.groups == ("BE-HOR3",)
    assert rec.status.value == "submitted"
    # and again: the file exists now
    again = coopsite("--root", str(tree), "new", "recommendation", "--cycle", "sip-2020-2021", "--theme", "lobbying",
                     "--group", "BE-HOR3", "--title", "x", "--number", "33")
    assert again.returncode == 2 and "already used" in again.stderr


def test_new_recommendation_unknown_values_are_explained(tree):
    res = coopsite("--root", str(tree), "new", "recommendation", "--theme", "lobying", "--group", "BE-HOR3", "--title", "x")
    assert res.returncode == 2 and "did you mean 'lobbying'" in res.stderr
    res = coopsite("--root", str(tree), "new", "recommendation", "--theme", "lobbying", "--group", "BE-HOR3")
    assert res.returncode == 2 and "--title is required" in res.stderr


def test_new_recommendation_by_questions_in_a_terminal(tree):
    """A contributor without flags answers questions at a real terminal (a pseudo-terminal here)."""
    master, slave = os.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "coopsite.commands.cli", "--root", str(tree), "new", "recommendation",
                             "--lang", "fr"], stdin=slave, stdout=slave, stderr=slave, close_fds=True)
    os.close(slave)
    screen = b""

    def expect(word: bytes, timeout: float = 30):
        nonlocal screen
        deadline = time.monotonic() + timeout
        while word not in screen and time.monotonic() < deadline:
            ready, _, _ = select.select([master], [], [], 0.5)
            if ready:
                try:
                    screen += os.read(master, 4096)
                except OSError:
                    break
        assert word in screen, screen.decode(errors="replace")

    for prompt, answer in ((b"Cycle", b"\n"), (b"Theme", b"netwerk\n"), (b"not one of them", b"netwerken\n"),
                           (b"Working group", b"FR-HOR1\n"), (b"Title (fr)", b"Un titre pos\xc3\xa9 au terminal\n")):
        expect(prompt)
        os.write(master, answer)
    expect(b"created")
    proc.wait(timeout=30)
    os.close(master)
    assert proc.returncode == 0
    catalog, problems = build_catalog(tree)
    assert not problems.errors
    rec = catalog.recommendation("sip2021-33")
    assert rec.theme == "netwerken" and rec.title.get("fr") == "Un titre posé au terminal"


def test_new_post_by_flags_passes_check(tmp_path):
    from .blog_support import blog_tree

    root = blog_tree(tmp_path / "repo")
    res = coopsite("--root", str(root), "new", "post", "--lang", "fr", "--title", "Mon premier billet : l'index",
                   "--author", "test-auteur", "--tag", "beta", "--recommendation", "sip2021-25")
    assert res.returncode == 0, res.stderr
    assert res.stdout.strip() == "content/blog/posts/mon-premier-billet-l-index.fr.md"
    assert coopsite("--root", str(root), "check", "--drafts", "--errors-only").returncode == 0
    preview, _ = build_catalog(root, drafts=True)
    post = preview.post("mon-premier-billet-l-index")
    assert post.draft and post.original == "fr" and post.recommendations == ("sip2021-25",)
    assert post.title.get("fr") == "Mon premier billet : l'index"
    catalog, _ = build_catalog(root)
    assert catalog.post("mon-premier-billet-l-index") is None  # a draft until the author removes the line
    res = coopsite("--root", str(root), "new", "post", "--title", "x", "--author", "zonder-toestemming")
    assert res.returncode == 2 and "not an author with consent" in res.stderr

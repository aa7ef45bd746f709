"""`coopsite check` on broken blog content: every problem positioned (file:line:col), with a hint, in one run."""

from __future__ import annotations

import types

from coopsite.site.catalog import build_catalog
from coopsite.types.blog.load import check_posts
from coopsite.core.problems import Problems

from .blog_support import blog_tree, write_post
from .conftest import coopsite
from .test_check_errors import parse


def errors_at(problems, path):
    return [(p.line, p.col, p.message, p.hint) for p in problems.errors if p.path == path]


def test_author_without_consent_is_an_error(tmp_path):
    root = blog_tree(tmp_path / "repo")
    p = write_post(root, "zonder.nl.md", "title: Test\ndate: 2024-01-01\nauthors: [test-auteur, zonder-toestemming]",
                   "Tekst.\n")
    _, problems = build_catalog(root)
    [(line, col, message, hint)] = errors_at(problems, p)
    assert (line, col) == (4, 24)
    assert "'zonder-toestemming' has not consented" in message and "content/blog/authors.yml:" in message
    assert "consent: true" in hint


def test_missing_consent_field_is_an_error(tmp_path):
    root = blog_tree(tmp_path / "repo")
    authors = root / "content" / "blog" / "authors.yml"
    before = authors.read_text(encoding="utf-8")
    authors.write_text(before + "- id: nieuw\n  name: Nieuw\n", encoding="utf-8")
    _, problems = build_catalog(root)
    [err] = [e for e in problems.errors if e.path == "content/blog/authors.yml"]
    assert "missing required field 'consent'" in err.message
    assert (err.line, err.col) == (before.count("\n") + 1, 3)


def test_cover_without_alt_is_an_error(tmp_path):
    root = blog_tree(tmp_path / "repo")
    p = write_post(root, "omslag.nl.md",
                   "title: Test\ndate: 2024-01-01\nauthors: [test-auteur]\ncover:\n  image: images/test-cover.png",
                   "Tekst.\n")
    _, problems = build_catalog(root)
    [(line, col, message, hint)] = errors_at(problems, p)
    assert (line, col) == (5, 1)
    assert "no 'alt' text" in message and "describe what the image shows" in hint


def test_unknown_recommendation_is_a_positioned_error(tmp_path):
    root = blog_tree(tmp_path / "repo")
    p = write_post(root, "aanbeveling.nl.md",
                   "title: Test\ndate: 2024-01-01\nauthors: [test-auteur]\nrecommendations: [sip2021-01, sip2021-25a]",
                   "Tekst.\n")
    res = coopsite("--root", str(root), "check")
    assert res.returncode == 1 and "Traceback" not in res.stdout + res.stderr
    found = [f for f in parse(res.stdout) if f["path"] == p]
    assert [(f["line"], f["col"], f["msg"]) for f in found] == \
        [("5", "31", "unknown recommendation 'sip2021-25a'")]
    assert "did you mean 'sip2021-25'?" in res.stdout


def test_episodes_are_checked_against_the_podcast(tmp_path):
    root = blog_tree(tmp_path / "repo")
    p = write_post(root, "podcast.nl.md", "title: Test\ndate: 2024-01-01\nauthors: [test-auteur]\nepisodes: [ep-1, ep-9]",
                   "Tekst.\n")
    catalog, problems = build_catalog(root)
    # the podcast is merged: a tree without episodes has none to refer to
    assert [(line, col, msg) for line, col, msg, _ in errors_at(problems, p)] == \
        [(5, 12, "unknown podcast episode 'ep-1'"), (5, 18, "unknown podcast episode 'ep-9'")]
    with_episodes = types.SimpleNamespace(**{**{k: getattr(catalog, k) for k in catalog.__dataclass_fields__},
                                             "episodes": (types.SimpleNamespace(id="ep-1"),
                                                          types.SimpleNamespace(id="ep-2"))})
    problems = Problems()
    check_posts(with_episodes, problems)
    assert [(e.path, e.line, e.col, e.message) for e in problems.errors] == \
        [(p, 5, 18, "unknown podcast episode 'ep-9'")]


def test_every_blog_problem_in_one_run(tmp_path):
    root = blog_tree(tmp_path / "repo")
    posts = root / "content" / "blog" / "posts"
    expect = {}
    expect[write_post(root, "Slecht Naam.nl.md", "title: x", "y")] = (0, 0, "file name is <slug>.<language>.md")
    expect[write_post(root, "index.nl.md", "title: x", "y")] = (0, 0, "'index' is a name the blog uses")
    expect[write_post(root, "taal.de.md", "title: x", "y")] = (0, 0, "unknown language 'de'")
    expect[write_post(root, "onbekend.nl.md", "title: T\ndate: 2024-01-01\nauthors: [test-auteur, niemand]",
                      "Tekst.\n")] = (4, 24, "unknown author 'niemand'")
    expect[write_post(root, "datum.nl.md", "title: T\ndate: 2024-02-30\nauthors: [test-auteur]", "Tekst.\n")] = \
        (3, 7, "not a valid date")
    expect[write_post(root, "sleutel.nl.md", "title: T\ndate: 2024-01-01\nauthors: [test-auteur]\ntgas: [alpha]",
                      "Tekst.\n")] = (5, 1, "unknown key 'tgas'")
    expect[write_post(root, "beeld.nl.md", "title: T\ndate: 2024-01-01\nauthors: [test-auteur]",
                      "Tekst.\n\n![foto](../images/bestaat-niet.png)\n")] = (9, 9, "image '../images/bestaat-niet.png' not found")
    expect[write_post(root, "wees.fr.md", "title: T\ntranslated_from: nl", "Texte.\n")] = \
        (3, 18, "no original of this translation")
    (posts / "vierde-bericht.en.md").write_text("---\ntitle: Fourth\ndate: 2022-12-30\ntranslated_from: nl\n---\n\nText.\n",
                                                encoding="utf-8")
    expect["content/blog/posts/vierde-bericht.en.md"] = (3, 7, "'date' differs from the original")
    expect[write_post(root, "leeg.nl.md", "title: T\ndate: 2024-01-01\nauthors: [test-auteur]", "")] = \
        (6, 1, "the post has no text")
    res = coopsite("--root", str(root), "check")
    assert res.returncode == 1
    assert "Traceback" not in res.stdout + res.stderr
    found = parse(res.stdout)
    for path, (line, col, words) in expect.items():
        mine = [f for f in found if f["path"] == path and words in f["msg"] and f["sev"] == "error"]
        if line == 0:  # whole-file problems print without a position
            assert f"{path}: error:" in res.stdout and words in res.stdout, (path, res.stdout)
            continue
        assert mine, f"no '{words}' error for {path}:\n{res.stdout}"
        assert (int(mine[0]["line"]), int(mine[0]["col"])) == (line, col), (path, mine[0])


def test_unknown_tag_is_a_warning_with_did_you_mean(tmp_path):
    root = blog_tree(tmp_path / "repo")
    p = write_post(root, "tag.nl.md", "title: T\ndate: 2024-01-01\nauthors: [test-auteur]\ntags: [alpah]", "Tekst.\n")
    _, problems = build_catalog(root)
    assert not errors_at(problems, p)
    [w] = [w for w in problems.warnings if w.path == p and "has no label" in w.message]
    assert (w.line, w.col) == (5, 8) and "did you mean 'alpha'?" in w.hint


def test_page_size_is_validated(tmp_path):
    root = blog_tree(tmp_path / "repo")
    cfg = root / "coopsite.yml"
    cfg.write_text(cfg.read_text(encoding="utf-8").replace("page_size: 2", "page_size: 0\n  pagesize: 3"),
                   encoding="utf-8")
    _, problems = build_catalog(root)
    messages = {e.message for e in problems.errors if e.path == "coopsite.yml"}
    assert "'page_size' must be at least 1, found 0" in messages and "unknown key 'pagesize'" in messages


def test_outdated_translation_is_reported_and_stamping_clears_it(tmp_path):
    root = blog_tree(tmp_path / "repo")
    res = coopsite("--root", str(root), "translations", "--stamp")
    assert res.returncode == 0
    fr = root / "content" / "blog" / "posts" / "eerste-bericht.fr.md"
    assert "original_version: " in fr.read_text(encoding="utf-8")
    assert "outdated" not in coopsite("--root", str(root), "check").stdout
    nl = root / "content" / "blog" / "posts" / "eerste-bericht.nl.md"
    nl.write_text(nl.read_text(encoding="utf-8").replace("Meer tekst", "Veel meer tekst"), encoding="utf-8")
    res = coopsite("--root", str(root), "check")
    assert "content/blog/posts/eerste-bericht.fr.md:3:18: warning: blog post eerste-bericht: the fr translation " \
           "is outdated" in res.stdout, res.stdout
    res = coopsite("--root", str(root), "translations")
    assert "outdated   fr  content/blog/posts/eerste-bericht.nl.md" in res.stdout
    res = coopsite("--root", str(root), "translations", "--stamp", str(fr))
    assert "content/blog/posts/eerste-bericht.fr.md: fr translation stamped" in res.stdout
    res = coopsite("--root", str(root), "check")
    assert "eerste-bericht.fr.md" not in res.stdout
    assert "eerste-bericht.en.md:" in res.stdout  # the English one was not reviewed: still outdated

"""Member Markdown is untrusted: every known XSS vector is rejected by check, and none reaches the HTML.

The vectors (tests/fixtures/xss-vectors.yml) come from the OWASP XSS Filter
Evasion Cheat Sheet and the HTML5 Security Cheatsheet, plus Markdown ones.
"""

from __future__ import annotations

import os
import posixpath
import re
from pathlib import Path

import markdown
import pytest
from lxml import html as lhtml
from ruamel.yaml import YAML

from coopsite.core import markup
from coopsite.core import safety
from coopsite.core import source
from coopsite.site.catalog import build_catalog
from coopsite.site.files import site_files
from coopsite.types.blog import load as blog_loader
from coopsite.core.problems import Problems
from coopsite.site.render import render_pages
from coopsite.types.blog import body as blog_body

from .blog_support import blog_tree, dangers, write_post
from .conftest import REPO

VECTORS = YAML(typ="safe").load((REPO / "tests" / "fixtures" / "xss-vectors.yml").read_text(encoding="utf-8"))
IDS = [v["name"] for v in VECTORS]
FRONT = "title: Test\ndate: 2024-01-01\nauthors: [test-auteur]"
INTRO = "Een gewone eerste alinea.\n\n"


def test_the_corpus_is_large_and_varied():
    assert len(VECTORS) >= 40
    assert len(set(IDS)) == len(IDS)
    text = "\n".join(v["md"] for v in VECTORS).lower()
    for kind in ("<script", "onerror", "javascript:", "&#x", "<svg", "<math", "<iframe", "style=", "`", "{:", "]("):
        assert kind in text, kind


@pytest.mark.parametrize("vector", VECTORS, ids=IDS)
def test_check_rejects_the_vector_where_it_is(vector):
    problems = Problems()
    body = INTRO + vector["md"] + "\n\nEen slotalinea.\n"
    first_line = 7  # as if the body started on line 7 of the file (after the front matter)
    n = safety.check_markdown(body, "content/blog/posts/x.nl.md", first_line, problems)
    assert n > 0 and problems.errors, vector["name"]
    start = first_line + 2  # two lines of intro
    end = start + vector["md"].count("\n")
    for p in problems.errors:
        assert start <= p.line <= end, (vector["name"], str(p))
        assert p.col >= 1 and p.hint, str(p)


@pytest.mark.parametrize("vector", VECTORS, ids=IDS)
def test_sanitizer_leaves_nothing_active(vector):
    html = safety.safe_html(vector["md"])
    assert not dangers(lhtml.fragment_fromstring(html or "<p></p>", create_parent="div")), (vector["name"], html)
    # and the page blocks as MkDocs renders them (Markdown around raw HTML)
    page = blog_body.page_blocks(html)
    out = markdown.markdown(page, extensions=markup.EXTENSIONS, extension_configs=markup.EXTENSION_CONFIGS)
    assert not dangers(lhtml.fragment_fromstring(out or "<p></p>", create_parent="div")), (vector["name"], out)


def test_harmless_markdown_is_not_flagged():
    body = """## A heading { #a-heading }

Some *text*, **bold**, a [link](https://example.org "title"), mail <mailto:info@example.org>,
<https://example.org/autolink>, and code: `<script>alert(1)</script>`, `[x](javascript:y)`.

    <img src=x onerror=alert(1)>
    <a href="javascript:alert(1)">indented code is text</a>

| left | right |
|:-----|------:|
| a    | b     |

!!! note "A note"
    An admonition with *emphasis*.

??? tip "Details"
    Hidden text.

> A quote with <abbr title="Smart in Progress">SIP</abbr>, <kbd>Ctrl</kbd> and <mark>marked</mark> text.

<!-- more -->

![A photo](../images/photo.jpg){ width=300 }

1. one
2. two
   - nested
"""
    problems = Problems()
    assert safety.check_markdown(body, "p.md", 1, problems) == 0, [str(p) for p in problems]


def test_every_vector_in_a_post_is_a_positioned_error(tmp_path):
    root = blog_tree(tmp_path / "repo", posts=False)
    expected = {}
    for i, vector in enumerate(VECTORS):
        path = write_post(root, f"vector-{i:02d}.nl.md", FRONT, INTRO + vector["md"] + "\n")
        # front matter: --- + 3 lines + --- + blank line: the body starts on line 7
        expected[path] = (9, 9 + vector["md"].count("\n"), vector["name"])
    _, problems = build_catalog(root)
    for path, (start, end, name) in expected.items():
        mine = [p for p in problems.errors if p.path == path]
        assert mine, f"{name}: not rejected"
        assert all(start <= p.line <= end for p in mine), (name, [str(p) for p in mine])


def test_unsafe_text_in_a_title_is_rejected(tmp_path):
    root = blog_tree(tmp_path / "repo", posts=False)
    p = write_post(root, "titel.nl.md", 'title: "<img src=x onerror=alert(1)>"\ndate: 2024-01-01\nauthors: [test-auteur]',
                   "Tekst.\n")
    _, problems = build_catalog(root)
    [err] = [e for e in problems.errors if e.path == p]
    assert (err.line, err.col) == (2, 19) and "onerror" in err.message


UNSAFE_REC = """\
id: t-unsafe
cycle: sip-2020-2021
theme: lobbying
number: 41
groups: [BE-HOR2]
title:
  nl: Titel
  fr: "Titre [klik](javascript:alert(1))"
  en: Title
proposal:
  nl: |
    Eerste regel.
    Zie <iframe src=x></iframe>
  fr: Texte
  en: Text
status: submitted
history:
  - date: 2021-06-01
    status: submitted
"""


def test_recommendation_texts_are_checked_too(tree):
    rec = tree / "recommendations" / "sip-2020-2021" / "t-unsafe.yml"
    rec.write_text(UNSAFE_REC, encoding="utf-8")
    _, problems = build_catalog(tree)
    mine = sorted((p.line, p.col, p.message) for p in problems.errors if p.path.endswith("t-unsafe.yml"))
    assert mine == [(8, 21, "'javascript:' address in href is not allowed"),
                    (13, 9, "<iframe> is not allowed: embedded players and frames are not allowed")]


# --- the second line of defence: with the check bypassed, nothing reaches the output ---
@pytest.fixture(scope="module")
def unchecked_blog(tmp_path_factory):
    """A site whose posts each hold one vector, loaded with the safety check switched off."""
    mp = pytest.MonkeyPatch()
    mp.setattr(safety, "check_markdown", lambda *a, **k: 0)
    mp.setattr(blog_loader, "_check_body_links", lambda *a, **k: None)  # image paths of vectors do not exist
    mp.setattr(source, "control_problem", lambda text: None)  # one vector hides a U+0001, which check refuses
    root = blog_tree(tmp_path_factory.mktemp("xss") / "repo", posts=False, page_size=100)
    for i, vector in enumerate(VECTORS):
        write_post(root, f"vector-{i:02d}.nl.md", FRONT.replace("Test", f"Vector {i}"), INTRO + vector["md"] + "\n")
        if i % 3 == 0:  # a French translation too, so that fallbacks and feeds of other languages hold vectors
            write_post(root, f"vector-{i:02d}.fr.md", "title: Vecteur\ntranslated_from: nl",
                       vector["md"] + "\n\n<!-- more -->\n\nSuite.\n")
    # a vector in the title and the description, which are text, never HTML
    write_post(root, "titel.nl.md", 'title: "<script>alert(1)</script>"\ndescription: "<img src=x onerror=alert(1)>"\n'
               "date: 2024-01-02\nauthors: [test-auteur]\ntags: [alpha]", "[x](javascript:alert(1))\n")
    yield root, mp
    mp.undo()


def test_rendered_pages_feeds_and_api_hold_nothing_active(unchecked_blog):
    root, _ = unchecked_blog
    catalog, problems = build_catalog(root)
    assert not problems.errors, [str(p) for p in problems.errors][:5]
    assert len(catalog.posts) == len(VECTORS) + 1
    pages = render_pages(catalog)
    blog_pages = {k: v for k, v in pages.items() if k.startswith("blog/") or k.startswith("index.")}
    assert len(blog_pages) > 3 * len(VECTORS)
    for name, text in blog_pages.items():
        # the front matter: the theme prints title and description unescaped, so they must come escaped
        front, body = text.split("\n---\n", 1)
        for value in YAML(typ="safe").load(front.removeprefix("---\n")).values():
            assert not set(str(value)) & set('<>"'), (name, value)
        out = markdown.markdown(body, extensions=markup.EXTENSIONS, extension_configs=markup.EXTENSION_CONFIGS)
        found = dangers(lhtml.fragment_fromstring(out, create_parent="div"))
        assert not found, (name, found)
    files = site_files(catalog)
    for lang in ("nl", "fr", "en"):
        from lxml import etree

        feed = etree.fromstring(files[f"feeds/blog.{lang}.xml"])
        for content in feed.iter("{http://purl.org/rss/1.0/modules/content/}encoded", "description", "title"):
            if content.text and "<" in content.text:
                found = dangers(lhtml.fragment_fromstring(content.text, create_parent="div"))
                assert not found, (lang, found)
    import json

    api = json.loads(files["api/blog.json"])
    for post in api["posts"]:
        for version in post["versions"].values():
            assert not dangers(lhtml.fragment_fromstring(version["html"] or "<p></p>", create_parent="div"))


def scripts(doc) -> set[tuple[str, str]]:
    """The page's executable scripts: file name of the source, or the inline code (JSON data is not code)."""
    def code(el):  # the theme's inline code names the site's base, relative to the page
        return re.sub(r'new URL\("[./]*",location\)', "new URL(BASE,location)", (el.text or "").strip())

    return {(posixpath.basename(el.get("src", "")), "" if el.get("src") else code(el))
            for el in doc.iter("script") if el.get("type") != "application/json"}


def test_built_site_holds_nothing_active(unchecked_blog, tmp_path):
    """The whole MkDocs build, in this process so that the check stays switched off."""
    from coopsite.commands.cli import Progress, build_site

    root, _ = unchecked_blog
    site = root / "site"
    before = os.environ.get("SOURCE_DATE_EPOCH")
    assert build_site(root, site, Progress(quiet=True)) == 0
    # set for MkDocs during the build, then taken back: the next build in this process (another
    # test's) dates its sitemap from its own content
    assert os.environ.get("SOURCE_DATE_EPOCH") == before
    theme_scripts = scripts(lhtml.parse(str(site / "about" / "index.html")).getroot())
    assert theme_scripts
    checked = 0
    for file in sorted(site.rglob("*.html")):
        rel = file.relative_to(site).as_posix()
        if "blog/" not in rel and rel not in ("index.html", "fr/index.html", "en/index.html"):
            continue
        doc = lhtml.parse(str(file)).getroot()
        content = doc.xpath("//article[contains(@class,'md-content__inner')]")
        assert content, rel
        assert not dangers(content[0]), (rel, dangers(content[0]))
        # outside the content only the theme's own elements: still no handler, no script address, no frame
        found = [d for d in dangers(doc) if not d.startswith(("<script>", "<link>", "<meta>", "<form>", "<input>",
                                                              "<button>", "<svg>", "<noscript>"))]
        assert not found, (rel, found)
        # the only scripts are the theme's own, the same as on a page without any member text
        assert scripts(doc) <= theme_scripts, (rel, scripts(doc) - theme_scripts)
        checked += 1
    assert checked > 3 * len(VECTORS)


def test_active_files_in_the_image_folder_are_rejected(tmp_path):
    root = blog_tree(tmp_path / "repo")
    images = root / "content" / "blog" / "images"
    (images / "drawing.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>')
    (images / "page.html").write_text("<script>alert(1)</script>")
    _, problems = build_catalog(root)
    assert sorted(p.path for p in problems.errors) == ["content/blog/images/drawing.svg", "content/blog/images/page.html"]
    assert all("PNG" in p.hint for p in problems.errors)

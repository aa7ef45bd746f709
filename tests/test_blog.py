"""The member blog: posts in three languages, pagination, tags, authors, archive, feeds, drafts, API."""

from __future__ import annotations

import json
from pathlib import Path

import feedparser
import jsonschema
import pytest
from lxml import html as lhtml
from ruamel.yaml import YAML

from coopsite.core import markup
from coopsite.site.catalog import build_catalog
from coopsite.types.blog import feeds as blog_feed
from coopsite.core.i18n.labels import language_name
from coopsite.core.i18n.ui import t
from coopsite.site.render import render_pages

from .blog_support import blog_tree
from .conftest import REPO, coopsite, shared_once

LANGS = ("nl", "fr", "en")
PREFIX = {"nl": "", "fr": "fr/", "en": "en/"}
# The fixture blog, newest first: slug -> languages it is written in
POSTS = {
    "tweede-bericht": {"nl"},
    "eerste-bericht": {"nl", "fr", "en"},
    "billet-en-francais": {"fr"},
    "derde-bericht": {"nl", "en"},
    "vierde-bericht": {"nl"},
}
SITE_URL = "https://smartinprogress.example.org/"


@pytest.fixture(scope="module")
def blog_site(tmp_path_factory) -> Path:
    def make(folder: Path) -> None:  # once per run, whichever test process asks first
        root = blog_tree(folder / "repo", page_size=2)
        res = coopsite("--root", str(root), "build", "--quiet")
        assert res.returncode == 0, res.stdout + res.stderr

    return shared_once(tmp_path_factory, "blog-site", make) / "repo"


def page(root: Path, lang: str, path: str):
    file = root / "site" / PREFIX[lang] / path / "index.html"
    assert file.exists(), file
    return lhtml.parse(str(file)).getroot()


def article(doc):
    return doc.xpath("//article[contains(@class,'md-content__inner')]")[0]


def entry_slugs(doc) -> list[str]:
    return [a.get("href").rstrip("/").split("/")[-1] for a in doc.xpath("//h2[@class='blog-entry-title']/a")]


@pytest.mark.parametrize("lang", LANGS)
def test_index_is_paginated_newest_first(blog_site, lang):
    pages = [page(blog_site, lang, "blog"), page(blog_site, lang, "blog/page/2"), page(blog_site, lang, "blog/page/3")]
    assert not (blog_site / "site" / PREFIX[lang] / "blog" / "page" / "4").exists()
    seen = [entry_slugs(p) for p in pages]
    assert seen == [["tweede-bericht", "eerste-bericht"], ["billet-en-francais", "derde-bericht"], ["vierde-bericht"]]
    first, middle, last = pages
    assert first.xpath("//nav[@class='blog-pagination']//a[@rel='next']/@href") == ["page/2/"]
    assert not first.xpath("//nav[@class='blog-pagination']//a[@rel='prev']")
    assert middle.xpath("//nav[@class='blog-pagination']//a[@rel='prev']/@href") == ["../../"]
    assert middle.xpath("//nav[@class='blog-pagination']//a[@rel='next']/@href") == ["../3/"]
    assert middle.xpath("//a[@aria-current='page']")[0].text_content() == "2"
    assert t(lang, "blog_page_of", page="3", pages="3") in last.text_content()
    # the teaser: the text before <!-- more -->, or the first paragraph
    excerpt = " ".join(first.xpath("//div[@class='blog-excerpt']")[1].text_content().split())
    assert excerpt.startswith({"nl": "Dit is het eerste", "fr": "Ceci est le premier", "en": "This is the first"}[lang])
    assert "after the teaser" not in excerpt and "na de teaser" not in excerpt
    assert first.xpath("//div[@class='blog-excerpt']")[0].text_content().strip().startswith("Alleen in het Nederlands")


@pytest.mark.parametrize("lang", LANGS)
def test_every_post_has_a_page_in_every_language(blog_site, lang):
    for slug, written in POSTS.items():
        doc = page(blog_site, lang, f"blog/{slug}")
        h1 = doc.xpath("//h1")[0]
        if lang in written:
            assert h1.get("lang") is None
            assert t(lang, "not_translated", original=language_name(lang, lang)) not in doc.text_content()
        else:
            # shown in its original, marked for screen readers and with a notice in the reader's language
            shown = "nl" if "nl" in written else sorted(written)[0]
            assert h1.get("lang") == shown
            assert t(lang, "not_translated", original=language_name(shown, lang)) in doc.text_content()
            assert all(div.get("lang") == shown for div in doc.xpath("//div[contains(@class,'blog-body')]"))
        assert doc.get("lang") == lang


def test_post_page_has_authors_tags_recommendations_prev_next(blog_site):
    doc = page(blog_site, "en", "blog/eerste-bericht")
    art = article(doc)
    assert art.xpath(".//h1")[0].text_content().strip() == "First test post"
    meta = art.xpath(".//p[@class='blog-meta']")[0].text_content()
    assert "1 March 2024" in meta and "1 min read" in meta and "by Testauteur" in meta
    assert art.xpath(".//figure[@class='blog-cover']/img/@alt") == ["A purple area"]
    box = art.xpath(".//aside[@class='blog-author']")[0]
    assert "An author who only exists in the tests." in box.text_content()
    assert box.xpath(".//img/@alt") == [""]  # the avatar is decorative: the name is next to it
    assert art.xpath(".//p[@class='blog-tags']/a/@href") == ["../tags/alpha/"]
    assert art.xpath(".//ul[@class='rec-list']/li/a/@href") == ["../../recommendations/sip2021-01/"]
    assert art.xpath(".//nav[@class='blog-prev-next']//a[@rel='prev']/@href") == ["../billet-en-francais/"]
    assert art.xpath(".//nav[@class='blog-prev-next']//a[@rel='next']/@href") == ["../tweede-bericht/"]
    # other versions of the same post, and the language switcher on the same post
    assert art.xpath(".//p[@class='blog-translations']/a/@href") == ["../../../blog/eerste-bericht/",
                                                                    "../../../fr/blog/eerste-bericht/"]
    switcher = {a.get("hreflang"): a.get("href") for a in doc.xpath("//a[contains(@class,'md-select__link')]")}
    assert switcher["nl"].rstrip("/").endswith("blog/eerste-bericht") and "/en/" not in switcher["nl"]
    assert switcher["fr"].rstrip("/").endswith("fr/blog/eerste-bericht")
    # body headings are in the table of contents
    toc = [a.get("href") for a in doc.xpath("//nav[contains(@class,'md-nav--secondary')]//a")]
    assert "#beginning" in toc
    # a link to another post's file became that post's page; the image is found from any language
    fr = article(page(blog_site, "fr", "blog/eerste-bericht"))
    assert fr.xpath(".//div[contains(@class,'blog-body')]//a[text()='deuxième billet']/@href") == ["../tweede-bericht/"]
    nl = article(page(blog_site, "nl", "blog/eerste-bericht"))
    img = nl.xpath(".//div[contains(@class,'blog-body')]//img/@src")[0]
    assert (blog_site / "site" / "blog" / "eerste-bericht" / img).resolve().is_file()
    assert nl.xpath(".//table//td[@style]")  # Markdown table alignment kept


@pytest.mark.parametrize("lang", LANGS)
def test_tags_authors_archive(blog_site, lang):
    beta = page(blog_site, lang, "blog/tags/beta")
    assert entry_slugs(beta) == ["tweede-bericht", "billet-en-francais"]
    label = {"nl": "bèta", "fr": "bêta", "en": "beta"}[lang]
    assert label in beta.xpath("//h1")[0].text_content()
    tags = page(blog_site, lang, "blog/tags")
    assert [a.get("href") for a in tags.xpath("//ul[@class='blog-tag-list']//a")] == ["alpha/", "beta/"]
    author = page(blog_site, lang, "blog/authors/test-auteur")
    assert [a.get("href") for a in author.xpath("//ul[@class='blog-list']//a")] == \
        ["../../tweede-bericht/", "../../eerste-bericht/", "../../derde-bericht/", "../../vierde-bericht/"]
    group = page(blog_site, lang, "blog/authors/test-groep")
    assert {"nl": "Testwerkgroep", "fr": "Groupe de test", "en": "Test group"}[lang] in group.xpath("//h1")[0].text_content()
    # an author without consent has no page, even without posts
    assert not (blog_site / "site" / PREFIX[lang] / "blog" / "authors" / "zonder-toestemming").exists()
    authors = page(blog_site, lang, "blog/authors")
    assert "Zonder Toestemming" not in authors.text_content()
    for year, slugs in ((2024, ["tweede-bericht", "eerste-bericht"]), (2023, ["billet-en-francais", "derde-bericht"]),
                        (2022, ["vierde-bericht"])):
        doc = page(blog_site, lang, f"blog/archive/{year}")
        assert [a.get("href").strip("./") for a in doc.xpath("//ul[@class='blog-list']//a")] == slugs
    months = [h.text_content() for h in page(blog_site, lang, "blog/archive/2024").xpath("//article//h2")]
    assert months == {"nl": ["Mei 2024", "Maart 2024"], "fr": ["Mai 2024", "Mars 2024"],
                      "en": ["May 2024", "March 2024"]}[lang]
    years = page(blog_site, lang, "blog/archive")
    assert [a.get("href") for a in years.xpath("//ul[@class='blog-years']//a")] == ["2024/", "2023/", "2022/"]


def test_untranslated_posts_are_marked_with_their_language(blog_site):
    doc = page(blog_site, "nl", "blog/page/2")
    labels = [x.text_content() for x in doc.xpath("//span[@class='blog-lang-label']")]
    assert labels == ["in het Frans"]
    title = doc.xpath("//h2[@class='blog-entry-title']")[0]
    assert title.get("lang") == "fr"


@pytest.mark.parametrize("lang", LANGS)
def test_feed_holds_exactly_that_languages_posts(blog_site, lang):
    parsed = feedparser.parse((blog_site / "site" / "feeds" / f"blog.{lang}.xml").read_bytes())
    assert not parsed.bozo, parsed.bozo_exception
    assert parsed.version == "rss20"
    assert parsed.feed.language == lang
    expected = [slug for slug, written in POSTS.items() if lang in written]
    assert [e.link for e in parsed.entries] == [f"{SITE_URL}{PREFIX[lang]}blog/{s}/" for s in expected]
    assert [e.id for e in parsed.entries] == [f"urn:coopsite:blog:{s}:{lang}" for s in expected]
    first = next(e for e in parsed.entries if "eerste-bericht" in e.link)
    full = first.content[0].value
    # full text, not the teaser, with every link absolute
    assert {"nl": "Meer tekst na de teaser", "fr": "Plus de texte", "en": "More text after"}[lang] in full
    for href in lhtml.fragment_fromstring(full, create_parent="div").xpath("//@href | //@src"):
        assert href.startswith(("https://", "http://")), href
    assert first.published_parsed[:3] == (2024, 3, 1)
    assert first.get("author") == "Testauteur"
    # the page announces the feed (autodiscovery)
    doc = page(blog_site, lang, "blog")
    feeds = doc.xpath("//link[@rel='alternate'][@type='application/rss+xml']/@href")
    assert any(f.endswith(f"feeds/blog.{lang}.xml") for f in feeds)


def test_feed_guid_does_not_change_with_the_title(tmp_path):
    root = blog_tree(tmp_path / "repo")
    catalog, _ = build_catalog(root)
    before = feedparser.parse(blog_feed.feed(catalog, "nl"))
    post = root / "content" / "blog" / "posts" / "tweede-bericht.nl.md"
    post.write_text(post.read_text(encoding="utf-8").replace("title: Tweede testbericht", "title: Nieuwe titel"),
                    encoding="utf-8")
    catalog, _ = build_catalog(root)
    after = feedparser.parse(blog_feed.feed(catalog, "nl"))
    assert after.entries[0].title == "Nieuwe titel" != before.entries[0].title
    assert [e.id for e in after.entries] == [e.id for e in before.entries]
    assert blog_feed.feed(catalog, "nl") == blog_feed.feed(catalog, "nl")  # no clock in it


def test_drafts_only_in_preview(tmp_path):
    root = blog_tree(tmp_path / "repo")
    catalog, problems = build_catalog(root)
    assert not problems.errors
    assert "concept" not in {p.slug for p in catalog.posts}
    pages = render_pages(catalog)
    assert not any("concept" in name for name in pages)
    assert all("Een concept" not in text for text in pages.values())
    preview, problems = build_catalog(root, drafts=True)
    assert not problems.errors
    draft = preview.post("concept")
    assert draft is not None and draft.draft
    pages = render_pages(preview)
    assert "blog/concept.nl.md" in pages
    assert t("nl", "blog_draft") in pages["blog/concept.nl.md"]
    assert b"concept" not in blog_feed.feed(preview, "nl")  # never in a feed, not even in preview


def test_drafts_absent_from_the_built_site(blog_site):
    assert not (blog_site / "site" / "blog" / "concept").exists()
    assert b"Een concept" not in (blog_site / "site" / "feeds" / "blog.nl.xml").read_bytes()
    assert "concept" not in (blog_site / "site" / "api" / "blog.json").read_text(encoding="utf-8")


def test_recommendation_page_lists_the_posts_that_discuss_it(blog_site):
    doc = page(blog_site, "fr", "recommendations/sip2021-01")
    heading = [h for h in doc.xpath("//h2") if h.text_content().strip() == t("fr", "blog_discussed_in")]
    assert heading
    links = heading[0].getnext().xpath(".//a/@href")
    assert links == ["../../blog/eerste-bericht/"]
    other = page(blog_site, "fr", "recommendations/sip2021-03")
    assert t("fr", "blog_discussed_in") not in other.text_content()


def test_home_page_shows_the_newest_posts(blog_site):
    doc = page(blog_site, "en", "")
    assert t("en", "blog_newest") in doc.text_content()
    # the newest post as a card (its date, a link to all posts)
    card = doc.xpath("//article[@class='home-card'][.//a[@href='blog/tweede-bericht/']]")[0]
    assert card.xpath(".//time/@datetime") and card.xpath(".//a[@href='blog/']")


def test_api_document_validates_against_its_schema(blog_site):
    api = blog_site / "site" / "api"
    doc = json.loads((api / "blog.json").read_text(encoding="utf-8"))
    schema = json.loads((api / "blog.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(doc, schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    assert [p["slug"] for p in doc["posts"]] == list(POSTS)
    first = next(p for p in doc["posts"] if p["slug"] == "eerste-bericht")
    assert set(first["versions"]) == {"nl", "fr", "en"}
    assert first["versions"]["fr"]["translated_from"] == "nl"
    assert first["url"]["en"] == f"{SITE_URL}en/blog/eerste-bericht/"
    assert [a["id"] for a in doc["authors"]] == ["test-auteur", "test-groep"]  # consent only
    # a schema that accepts anything would be worthless: a broken document must fail
    broken = json.loads(json.dumps(doc))
    broken["posts"][0]["versions"]["nl"]["reading_minutes"] = 0
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, schema)


def test_translation_page_and_command_cover_posts(blog_site):
    res = coopsite("--root", str(blog_site), "translations")
    assert res.returncode == 0
    assert "blog" in res.stdout
    assert "missing    fr  content/blog/posts/tweede-bericht.nl.md" in res.stdout


def test_shipped_nantes_post(built_site):
    """The first real post: the Nantes working group's text in three languages."""
    for lang in LANGS:
        doc = lhtml.parse(str(built_site / PREFIX[lang] / "blog" / "nantes-nieuwe-vooruitzichten" / "index.html"))
        art = article(doc.getroot())
        assert {"nl": "Werkgroep van Nantes", "fr": "Groupe de travail de Nantes",
                "en": "Nantes working group"}[lang] in art.xpath(".//p[@class='blog-meta']")[0].text_content()
        assert len(art.xpath(".//ul[@class='rec-list']/li")) == 6
        feed = feedparser.parse((built_site / "feeds" / f"blog.{lang}.xml").read_bytes())
        assert [e.id for e in feed.entries] == [f"urn:coopsite:blog:nantes-nieuwe-vooruitzichten:{lang}"]
    rec = lhtml.parse(str(built_site / "recommendations" / "sip2021-nantes-4" / "index.html")).getroot()
    assert "../../blog/nantes-nieuwe-vooruitzichten/" in rec.xpath("//a/@href")


def test_markdown_extensions_match_mkdocs_yml():
    cfg = YAML(typ="safe").load((REPO / "mkdocs.yml").read_text(encoding="utf-8").replace("!!python", "#"))
    names = [e if isinstance(e, str) else next(iter(e)) for e in cfg["markdown_extensions"]]
    assert names == markup.EXTENSIONS


def test_related_episodes_are_linked_when_the_podcast_exists(tmp_path):
    """The podcast is built beside the blog: a post links the episodes it names (those whose audio is
    ready have a page), and the episode links back to the post."""
    import dataclasses

    from coopsite.core.model import frozen_map
    from coopsite.types.podcast.model import Media
    from coopsite.types.blog import views as blog_render
    from coopsite.types.podcast import views as podcast_render

    from .podcast_helpers import write_episode

    root = blog_tree(tmp_path / "repo")
    write_episode(root, "eerste-aflevering", number=1, make_audio=False, extra="posts: [vierde-bericht]\n")
    (root / "podcasts" / "eerste-aflevering" / "master.wav").write_bytes(b"RIFF....WAVE")  # never decoded here
    post = root / "content" / "blog" / "posts" / "vierde-bericht.nl.md"
    post.write_text(post.read_text(encoding="utf-8").replace("authors:", "episodes: [ep-1]\nauthors:"),
                    encoding="utf-8")
    catalog, problems = build_catalog(root)
    assert [p.message for p in problems.errors] == ["unknown podcast episode 'ep-1'"]
    post.write_text(post.read_text(encoding="utf-8").replace("[ep-1]", "[eerste-aflevering]"), encoding="utf-8")
    catalog, problems = build_catalog(root)
    assert not problems.errors, [str(p) for p in problems.errors]
    assert t("en", "blog_related_episodes") not in blog_render.pages(catalog, "en")["blog/vierde-bericht"]
    media = Media(path="x.mp3", bytes=1000, duration=60.0, channels=1, bitrate=64, loudness=-19.0, master_duration=60.0, trim_start=0.0, lead=0.0)  # as if the audio stage had run
    ready = dataclasses.replace(catalog, media=frozen_map({"eerste-aflevering": media}))
    text = blog_render.pages(ready, "en")["blog/vierde-bericht"]
    assert t("en", "blog_related_episodes") in text
    assert '<a href="../../podcast/eerste-aflevering/">Title eerste-aflevering</a>' in text
    episode_page = podcast_render.pages(ready, "en")["podcast/eerste-aflevering"]
    assert "](../../blog/vierde-bericht/)" in episode_page

"""Blog feeds: one RSS 2.0 feed per language, holding exactly the posts written in or translated into it.

A post that exists only in Dutch is in the Dutch feed only: a subscriber of the
French feed chose French, and a feed reader shows the full text, so a text in
another language would be noise. (The blog's pages list every post, with its
language.) Entries carry the full sanitised text with absolute links, and a
guid made of the post's slug and language: a changed title never makes a
reader show the post again as new.
"""

from __future__ import annotations

from html import escape as esc  # feedgen writes titles as given: escaped here

from markupsafe import Markup

import datetime as dt

from feedgen.feed import FeedGenerator

from coopsite.core.i18n.ui import t
from coopsite.types.blog import body as bb
from coopsite.types.blog.views import INDEX, IMAGES, feed_path, post_page, tag_label
from coopsite.core.templates import render
from coopsite.core.views import Text
from coopsite.types.recommendations.views import rec_heading, rec_page

MIME = "application/rss+xml"


def announced(catalog, lang: str) -> list[tuple[str, str, str]]:
    return [(t(lang, "blog_feed_title"), feed_path(lang), MIME)]


def _midday(d: dt.date) -> dt.datetime:
    # Posts are dated by day; noon UTC keeps the day the same in every European time zone.
    return dt.datetime(d.year, d.month, d.day, 12, 0, tzinfo=dt.timezone.utc)


def guid(post, lang: str) -> str:
    return f"urn:coopsite:blog:{post.slug}:{lang}"


def posts_in(catalog, lang: str):
    """The posts of one language's feed, newest first: those that have a version in that language."""
    return [p for p in catalog.posts if p.has(lang) and not p.draft]


def content_html(catalog, post, lang: str) -> str:
    """The post's full text for feed readers and the API: sanitised, every link absolute."""
    cfg = catalog.config

    def place(target: str, static: bool) -> str:
        return bb.abs_url(target, lang, cfg, static=static)

    text = Text(lang, cfg.languages.default)
    cover = None
    if post.cover:
        cover = {"src": place(IMAGES + "/" + post.cover.image, True),
                 "alt": post.cover.alt.texts.get(lang) or post.cover.alt.pick(lang, post.original)[0]}
    recs = [r for r in (catalog.recommendation(rid) for rid in post.recommendations) if r]
    # the recommendations come after the text, which often leads up to them ("these came out of it:")
    return render(catalog, "blog_feed_item.html", lang, cover=cover,
                  body=Markup(bb.body_html(post, lang, place)),  # sanitised by blog.body
                  recommendations=[{"href": bb.abs_url(rec_page(r), lang, cfg), "heading": rec_heading(r, catalog, text)}
                                   for r in recs]).strip()


def author_names(catalog, post, lang: str) -> list[str]:
    text = Text(lang, catalog.config.languages.default)
    return [text(a.name) for a in (catalog.author(aid) for aid in post.authors) if a and a.consent]


def feed(catalog, lang: str) -> bytes:
    cfg = catalog.config
    text = Text(lang, cfg.languages.default)
    posts = posts_in(catalog, lang)
    fg = FeedGenerator()
    fg.load_extension("dc")
    fg.title(t(lang, "blog_feed_title"))
    fg.description(t(lang, "blog_feed_description"))
    fg.link(href=cfg.url(feed_path(lang)), rel="self")
    fg.link(href=bb.abs_url(INDEX, lang, cfg), rel="alternate")  # after 'self': RSS's <link> is the last one
    fg.language(lang)
    # the newest date in the content, never the clock: the same content gives the same bytes
    # a post dated by its month or year stands in by the first day of it (as in the status feeds)
    dates = [d for p in posts for d in (p.date.start, p.updated) if d]
    fg.lastBuildDate(_midday(max(dates) if dates else dt.date(2021, 1, 1)))
    fg.generator("coopsite")
    for post in posts:
        fe = fg.add_entry(order="append")
        fe.guid(guid(post, lang), permalink=False)
        # Many readers show RSS titles and descriptions as HTML: the text is escaped to stay text.
        fe.title(esc(post.title.texts[lang], quote=False))
        fe.link(href=bb.abs_url(post_page(post.slug), lang, cfg))
        summary = (post.description.texts.get(lang) if post.description else None) or bb.plain_excerpt(post, lang)
        fe.description(esc(summary, quote=False))
        fe.content(content_html(catalog, post, lang))
        fe.pubDate(_midday(post.date.start))
        names = author_names(catalog, post, lang)
        if names:
            fe.dc.dc_creator(", ".join(names))
        for tid in post.tags:
            fe.category(term=tid, label=tag_label(catalog, tid, text))
    return fg.rss_str(pretty=True)


def files(catalog) -> dict[str, bytes]:
    return {feed_path(lang): feed(catalog, lang) for lang in catalog.config.languages.all}


def dates(catalog):
    """Content dates for feeds.links.latest_date (reproducible 'updated' of the other feeds)."""
    for post in catalog.posts:
        yield post.date.start
        if post.updated:
            yield post.updated

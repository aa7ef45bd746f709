"""The blog's pages per language: paginated index, one page per post, tags, authors, yearly archive.

Material's own blog plugin cannot run with mkdocs-static-i18n, so the pipeline
builds the blog. Every logical page exists in every language (the language
switcher always lands on the same page); each page lists every post, and a
post not yet translated into the reader's language is shown in its original,
marked with its language. The feeds (feeds/blog.py) hold exactly one
language's posts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import re
from collections import defaultdict

from babel.lists import format_list

from coopsite.core.i18n import format as fmt
from coopsite.core.i18n import labels
from coopsite.core.i18n.ui import N_, t
from coopsite.types.blog.model import Author, Post
from coopsite.types.blog import body as bb
from markupsafe import Markup

from coopsite.core.templates import render
from coopsite.core.views import Text, date_data, lang_name, notice_data
from coopsite.types.recommendations.labels import badge_data

if TYPE_CHECKING:  # the catalog is built from the types: at run time they only receive it
    from coopsite.site.catalog import Catalog

INDEX = "blog/index"
TAGS = "blog/tags/index"
AUTHORS = "blog/authors/index"
ARCHIVE = "blog/archive/index"
IMAGES = "blog"  # cover and avatar paths are relative to content/blog/


def post_page(slug: str) -> str:
    return f"blog/{slug}"


def index_page(n: int) -> str:
    return INDEX if n == 1 else f"blog/page/{n}"


def tag_page(tid: str) -> str:
    return f"blog/tags/{tid}"


def author_page(aid: str) -> str:
    return f"blog/authors/{aid}"


def year_page(year: int) -> str:
    return f"blog/archive/{year}"


def feed_path(lang: str) -> str:
    return f"feeds/blog.{lang}.xml"


def text_lang(post: Post, lang: str, default: str) -> str:
    """The language a reader of `lang` reads the post in: theirs, else the site's default, else the original."""
    if post.has(lang):
        return lang
    return default if post.has(default) else post.original


def published_authors(catalog: Catalog) -> list[Author]:
    """Authors shown on the site: with consent, and with at least one post."""
    used = {aid for p in catalog.posts for aid in p.authors}
    return [a for a in catalog.authors if a.consent and a.id in used]


class Page:
    """What every blog renderer needs: where it stands, in which language, with which catalog."""

    def __init__(self, catalog: Catalog, lang: str, logical: str):
        self.catalog, self.lang, self.logical = catalog, lang, logical
        self.cfg = catalog.config
        self.default = self.cfg.languages.default
        self.text = Text(lang, self.default)

    def to(self, target: str, *, lang: str | None = None) -> str:
        return bb.rel_url(self.logical, self.lang, target, self.cfg, to_lang=lang)

    def static(self, path: str) -> str:
        return bb.rel_url(self.logical, self.lang, path, self.cfg, static=True)

    def place(self, target: str, static: bool) -> str:
        return self.static(target) if static else self.to(target)


# --- plain data for the templates (theme/coopsite/partials/blog.html) -----------
def tag_label(catalog: Catalog, tid: str, text: Text) -> str:
    tag = next((x for x in catalog.tags if x.id == tid), None)
    return text(tag.label) if tag else tid


def entry_data(pg: Page, post: Post, *, excerpt: bool = False) -> dict:
    """A post as the lists and its own page show it: title, link, meta line (and teaser)."""
    shown = text_lang(post, pg.lang, pg.default)
    authors = []
    for aid in post.authors:
        author = pg.catalog.author(aid)
        if author and author.consent:
            authors.append({"href": pg.to(author_page(aid)), "name": pg.text(author.name)})
    # the separators of the language's list pattern ("A, B et C"), from CLDR through Babel
    marks = [f"\x00{i}\x00" for i in range(len(authors))]
    parts = re.split(r"\x00\d+\x00", format_list(marks, locale=fmt.locale(pg.lang))) if marks else []
    separators = parts[1:-1] + [""] if marks else []
    data = {
        "href": pg.to(post_page(post.slug)),
        "title": post.title.texts.get(shown) or pg.text(post.title),
        "lang": shown if shown != pg.lang else "",
        "date": date_data(post.date, pg.lang), "date_medium": date_data(post.date, pg.lang, "medium"),
        "updated": fmt.date(post.updated, pg.lang) if post.updated and post.updated != post.date.start else "",
        "minutes": fmt.number(bb.reading_minutes(post, shown), pg.lang),
        "authors": authors, "author_separators": separators,
        "written_in": lang_name(shown, pg.lang) if shown != pg.lang else "",
        "draft": post.draft,
    }
    if excerpt:
        data["excerpt"] = Markup(bb.excerpt_html(post, shown, pg.place))  # sanitised by blog.body
    return data


def author_data(pg: Page, author: Author) -> dict:
    bio_lang = ""
    if author.bio and not author.bio.has(pg.lang):
        bio_lang = author.bio.pick(pg.lang, pg.default)[1]
    return {"href": pg.to(author_page(author.id)), "name": pg.text(author.name),
            "avatar": pg.static(IMAGES + "/" + author.avatar) if author.avatar else "",
            "bio": pg.text(author.bio) if author.bio else "", "bio_lang": bio_lang, "link": author.link or ""}


def _render(pg: Page, name: str, **data) -> str:
    return render(pg.catalog, name, pg.lang, **data)


# --- pages -------------------------------------------------------------------
def pages(catalog: Catalog, lang: str) -> dict[str, str]:
    out: dict[str, str] = {}
    posts = list(catalog.posts)
    size = catalog.blog.page_size
    count = max(1, -(-len(posts) // size))
    for n in range(1, count + 1):
        out[index_page(n)] = index(catalog, lang, n, count, posts[(n - 1) * size: n * size])
    for i, post in enumerate(posts):
        newer = posts[i - 1] if i > 0 else None
        older = posts[i + 1] if i + 1 < len(posts) else None
        out[post_page(post.slug)] = post_text(catalog, post, lang, older, newer)
    tags = sorted({tid for p in posts for tid in p.tags})
    out[TAGS] = tags_index(catalog, lang, tags)
    for tid in tags:
        out[tag_page(tid)] = tag_text(catalog, lang, tid)
    authors = published_authors(catalog)
    out[AUTHORS] = authors_index(catalog, lang, authors)
    for author in authors:
        out[author_page(author.id)] = author_text(catalog, lang, author)
    years = sorted({p.date.year for p in posts}, reverse=True)
    out[ARCHIVE] = archive_index(catalog, lang, years)
    for year in years:
        out[year_page(year)] = year_text(catalog, lang, year)
    return out


def index(catalog: Catalog, lang: str, n: int, count: int, posts: list[Post]) -> str:
    pg = Page(catalog, lang, index_page(n))
    intro = catalog.partial("blog", lang) if n == 1 else ""
    pagination = None
    if count > 1:
        pagination = {
            "page": fmt.number(n, lang), "pages": fmt.number(count, lang),
            "newer": pg.to(index_page(n - 1)) if n > 1 else "",
            "older": pg.to(index_page(n + 1)) if n < count else "",
            "links": [{"label": fmt.number(k, lang), "current": k == n, "href": "./" if k == n else pg.to(index_page(k))}
                      for k in range(1, count + 1)],
        }
    return _render(pg, "blog.html",
                   title=t(pg.lang, "blog") if n == 1 else t(pg.lang, "blog_page_title", page=fmt.number(n, lang)),
                   intro=Markup(intro.strip()) if intro else "",  # the editors' own text (content/_partials)
                   browse={"tags": pg.to(TAGS), "authors": pg.to(AUTHORS), "archive": pg.to(ARCHIVE),
                           "feed": pg.static(feed_path(lang))},
                   entries=[entry_data(pg, post, excerpt=True) for post in posts], pagination=pagination)


def post_text(catalog: Catalog, post: Post, lang: str, older: Post | None, newer: Post | None) -> str:
    from coopsite.types.recommendations.views import rec_heading, rec_page

    pg = Page(catalog, lang, post_page(post.slug))
    shown = text_lang(post, lang, pg.default)
    fell_back = shown != lang
    entry = entry_data(pg, post)
    tr = post.translations.get(shown)
    shown_text = Text(lang, pg.default)
    shown_text.fell_back, shown_text.original = fell_back, shown  # the notice names the language shown
    cover = None
    if post.cover:
        cover = {"src": pg.static(IMAGES + "/" + post.cover.image),
                 "alt": post.cover.alt.texts.get(shown) or pg.text(post.cover.alt)}
    podcast = catalog.content_type("podcast")
    episodes = {e.id: e for e in podcast.records(catalog)} if podcast else {}
    authors = [a for a in (catalog.author(aid) for aid in post.authors) if a and a.consent]
    prev_next = []
    for other, key, rel, css in ((older, N_("blog_previous_post"), "prev", "blog-older"),
                                 (newer, N_("blog_next_post"), "next", "blog-newer")):
        if other is not None:
            e = entry_data(pg, other)
            prev_next.append({"href": e["href"], "title": e["title"], "lang": e["lang"], "key": key, "rel": rel,
                              "css": css})
    return _render(
        pg, "post.html",
        title=entry["title"],
        description=(post.description.texts.get(shown) if post.description else None) or bb.plain_excerpt(post, shown),
        shown_lang=shown if fell_back else "",
        entry=entry,
        other_languages=[{"href": pg.to(post_page(post.slug), lang=o), "lang": o,
                          "name": labels.language_name(o, o).capitalize()}
                         for o in post.languages if o != lang and o != shown],
        notice=notice_data(shown_text, tr.from_lang if tr else None, bool(tr and tr.outdated(post))),
        cover=cover,
        # the member's text: converted and sanitised by blog.body, its headings made Markdown headings
        body=Markup(bb.page_blocks(bb.body_html(post, shown, pg.place), lang_attr=shown if fell_back else None)),
        tags=[{"href": pg.to(tag_page(tid)), "label": tag_label(catalog, tid, pg.text)} for tid in post.tags],
        recommendations=[{"href": pg.to(rec_page(r)), "heading": rec_heading(r, catalog, pg.text),
                          "status": badge_data(r.status, lang)}
                         for r in (catalog.recommendation(rid) for rid in post.recommendations) if r],
        episodes=[{"href": pg.to(podcast.record_page(episodes[eid])), "title": pg.text(episodes[eid].title)}
                  for eid in post.episodes if eid in episodes],
        authors=[author_data(pg, a) for a in authors],
        prev_next=prev_next,
    )


def tags_index(catalog: Catalog, lang: str, tags: list[str]) -> str:
    pg = Page(catalog, lang, TAGS)
    counts = defaultdict(int)
    for post in catalog.posts:
        for tid in post.tags:
            counts[tid] += 1
    rows = sorted(tags, key=lambda tid: tag_label(catalog, tid, pg.text).lower())
    return _render(pg, "blog_list.html", kind="tags", title=t(pg.lang, "blog_tags"), back=pg.to(INDEX),
                   tags=[{"href": pg.to(tag_page(tid)), "label": tag_label(catalog, tid, pg.text),
                          "count": fmt.number(counts[tid], lang)} for tid in rows])


def tag_text(catalog: Catalog, lang: str, tid: str) -> str:
    pg = Page(catalog, lang, tag_page(tid))
    return _render(pg, "blog_list.html", kind="tag", back=pg.to(INDEX),
                   title=t(pg.lang, "blog_tag_title", tag=tag_label(catalog, tid, pg.text)),
                   entries=[entry_data(pg, p, excerpt=True) for p in catalog.posts if tid in p.tags])


def authors_index(catalog: Catalog, lang: str, authors: list[Author]) -> str:
    pg = Page(catalog, lang, AUTHORS)
    return _render(pg, "blog_list.html", kind="authors", title=t(pg.lang, "blog_authors"), back=pg.to(INDEX),
                   authors=[author_data(pg, a) for a in authors])


def author_text(catalog: Catalog, lang: str, author: Author) -> str:
    pg = Page(catalog, lang, author_page(author.id))
    return _render(pg, "blog_list.html", kind="author", title=pg.text(author.name), back=pg.to(INDEX),
                   author=author_data(pg, author),
                   entries=[entry_data(pg, p) for p in catalog.posts if author.id in p.authors])


def archive_index(catalog: Catalog, lang: str, years: list[int]) -> str:
    pg = Page(catalog, lang, ARCHIVE)
    return _render(pg, "blog_list.html", kind="archive", title=t(pg.lang, "blog_archive"), back=pg.to(INDEX),
                   years=[{"href": pg.to(year_page(y)), "year": y,
                           "count": fmt.number(sum(1 for p in catalog.posts if p.date.year == y), lang)}
                          for y in years])


def year_text(catalog: Catalog, lang: str, year: int) -> str:
    pg = Page(catalog, lang, year_page(year))
    by_month: dict[int, list[Post]] = defaultdict(list)
    for post in catalog.posts:
        if post.date.year == year:
            by_month[post.date.month].append(post)
    # posts dated by their year only (month 0) come under the year itself, after its months
    months = [{"title": fmt.month_year(by_month[m][0].date.start, lang).capitalize() if m else str(year),
               "entries": [entry_data(pg, p) for p in by_month[m]]} for m in sorted(by_month, reverse=True)]
    return _render(pg, "blog_list.html", kind="year", title=t(pg.lang, "blog_archive_year", year=year),
                   back=pg.to(INDEX), months=months)


# --- blocks on other pages ----------------------------------------------------
def home_block(catalog: Catalog, lang: str) -> str:
    """The newest posts on the home page."""
    if not catalog.posts:
        return ""
    pg = Page(catalog, lang, "index")
    return _render(pg, "blog_block.html", title=t(pg.lang, "blog_newest"), all_href=pg.to(INDEX),
                   entries=[entry_data(pg, p) for p in catalog.posts[:3]])


def home_card(catalog: Catalog, lang: str) -> dict | None:
    """The newest post as a card on the home page: title, date, its cover when it has one."""
    if not catalog.posts:
        return None
    pg = Page(catalog, lang, "index")
    post = catalog.posts[0]
    entry = entry_data(pg, post)
    shown = text_lang(post, lang, pg.default)
    cover = ({"src": pg.static(IMAGES + "/" + post.cover.image),
              "alt": post.cover.alt.texts.get(shown) or pg.text(post.cover.alt)} if post.cover else None)
    return {"kind": t(lang, "blog_newest"), "title": entry["title"], "lang": entry["lang"], "href": entry["href"],
            "date": entry["date_medium"], "cover": cover, "example": False,
            "all_href": pg.to(INDEX), "all_label": t(lang, "blog_all_posts")}


def discussed_in(catalog: Catalog, rec, lang: str, page: str) -> str:
    """On a recommendation's page: the posts that discuss it."""
    posts = [p for p in catalog.posts if rec.id in p.recommendations]
    if not posts:
        return ""
    pg = Page(catalog, lang, page)
    return _render(pg, "blog_block.html", title=t(pg.lang, "blog_discussed_in"), all_href="",
                   entries=[entry_data(pg, p) for p in posts])

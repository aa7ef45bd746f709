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

from collections import defaultdict

from babel.lists import format_list

from coopsite.core.i18n import format as fmt
from coopsite.core.i18n import labels
from coopsite.core.i18n.ui import t
from coopsite.core.model import Author, Post
from coopsite.types.blog import body as bb
from coopsite.core.views import Text, badge, date_html, esc, front_matter, lang_name, notices

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

    def t(self, key: str, **kw) -> str:
        return t(self.lang, key, **kw)


# --- pieces ------------------------------------------------------------------
def tag_label(catalog: Catalog, tid: str, text: Text) -> str:
    tag = next((x for x in catalog.tags if x.id == tid), None)
    return text(tag.label) if tag else tid


def authors_html(pg: Page, post: Post) -> str:
    names = []
    for aid in post.authors:
        author = pg.catalog.author(aid)
        if author and author.consent:
            names.append(f'<a href="{pg.to(author_page(aid))}">{esc(pg.text(author.name))}</a>')
    if not names:
        return ""
    return pg.t("blog_by", authors=format_list(names, locale=fmt.locale(pg.lang)))


def meta_html(pg: Page, post: Post, shown_lang: str) -> str:
    parts = [date_html(post.date, pg.lang)]
    if post.updated and post.updated != post.date:
        parts.append(esc(pg.t("updated_on", date=fmt.date(post.updated, pg.lang))))
    parts.append(esc(pg.t("blog_reading_time", minutes=fmt.number(bb.reading_minutes(post, shown_lang), pg.lang))))
    by = authors_html(pg, post)
    if by:
        parts.append(by)
    if shown_lang != pg.lang:
        parts.append(f'<span class="blog-lang-label">'
                     f'{esc(pg.t("blog_written_in", language=lang_name(shown_lang, pg.lang)))}</span>')
    if post.draft:
        parts.append(f'<span class="example-label draft-label">{esc(pg.t("blog_draft"))}</span>')
    return '<p class="blog-meta">' + " · ".join(parts) + "</p>"


def entry_html(pg: Page, post: Post, *, excerpt: bool = True) -> str:
    """One post in a list: title, meta line, teaser."""
    shown = text_lang(post, pg.lang, pg.default)
    title = post.title.texts.get(shown) or pg.text(post.title)
    lang_attr = f' lang="{shown}"' if shown != pg.lang else ""
    href = pg.to(post_page(post.slug))
    out = ['<article class="blog-entry">',
           f'<h2 class="blog-entry-title"{lang_attr}><a href="{href}">{esc(title)}</a></h2>',
           meta_html(pg, post, shown)]
    if excerpt:
        out.append(f'<div class="blog-excerpt"{lang_attr}>{bb.excerpt_html(post, shown, pg.place)}</div>')
        out.append(f'<p class="blog-more"><a href="{href}">{esc(pg.t("blog_read_more"))}'
                   f'<span class="visually-hidden">: {esc(title)}</span></a></p>')
    out.append("</article>")
    return "\n".join(out)


def compact_list(pg: Page, posts: list[Post]) -> str:
    if not posts:
        return f"<p>{esc(pg.t('blog_no_posts_here'))}</p>\n"
    items = []
    for post in posts:
        shown = text_lang(post, pg.lang, pg.default)
        title = post.title.texts.get(shown) or pg.text(post.title)
        lang_attr = f' lang="{shown}"' if shown != pg.lang else ""
        label = (f' <span class="blog-lang-label">'
                 f'{esc(pg.t("blog_written_in", language=lang_name(shown, pg.lang)))}</span>'
                 if shown != pg.lang else "")
        items.append(f'<li>{date_html(post.date, pg.lang, "medium")} '
                     f'<a href="{pg.to(post_page(post.slug))}"{lang_attr}>{esc(title)}</a>{label}</li>')
    return '<ul class="blog-list">\n' + "\n".join(items) + "\n</ul>\n"


def browse_links(pg: Page) -> str:
    links = [(pg.to(TAGS), pg.t("blog_tags")), (pg.to(AUTHORS), pg.t("blog_authors")),
             (pg.to(ARCHIVE), pg.t("blog_archive")),
             (pg.static(feed_path(pg.lang)), pg.t("blog_subscribe"))]
    inner = " · ".join(f'<a href="{href}">{esc(label)}</a>' for href, label in links)
    return f'<nav class="blog-browse" aria-label="{esc(pg.t("blog_nav_links"))}"><p>{inner}</p></nav>\n'


def heading(text: str, level: int = 1) -> str:
    return "#" * level + " " + bb.md_text(text) + "\n"


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
    title = pg.t("blog") if n == 1 else pg.t("blog_page_title", page=fmt.number(n, lang))
    out = [front_matter(title), heading(title)]
    if n == 1:
        intro = catalog.partial("blog", lang)
        if intro:
            out.append(intro.strip() + "\n")
    out.append(browse_links(pg))
    if not posts:
        out.append(f"<p>{esc(pg.t('blog_no_posts'))}</p>\n")
    for post in posts:
        out.append(entry_html(pg, post) + "\n")
    if count > 1:
        out.append(pagination(pg, n, count))
    return "\n".join(out)


def pagination(pg: Page, n: int, count: int) -> str:
    items = []
    if n > 1:
        items.append(f'<li><a href="{pg.to(index_page(n - 1))}" rel="prev">← {esc(pg.t("blog_newer"))}</a></li>')
    for k in range(1, count + 1):
        label = fmt.number(k, pg.lang)
        hidden = esc(pg.t("blog_page_of", page=label, pages=fmt.number(count, pg.lang)))
        if k == n:
            items.append(f'<li><a href="./" aria-current="page" title="{hidden}">{label}</a></li>')
        else:
            items.append(f'<li><a href="{pg.to(index_page(k))}" title="{hidden}">{label}</a></li>')
    if n < count:
        items.append(f'<li><a href="{pg.to(index_page(n + 1))}" rel="next">{esc(pg.t("blog_older"))} →</a></li>')
    return (f'<nav class="blog-pagination" aria-label="{esc(pg.t("blog_pagination"))}">\n'
            f'<p class="blog-page-of">{esc(pg.t("blog_page_of", page=fmt.number(n, pg.lang), pages=fmt.number(count, pg.lang)))}</p>\n'
            f'<ul>{"".join(items)}</ul>\n</nav>\n')


def post_text(catalog: Catalog, post: Post, lang: str, older: Post | None, newer: Post | None) -> str:
    pg = Page(catalog, lang, post_page(post.slug))
    shown = text_lang(post, lang, pg.default)
    fell_back = shown != lang
    title = post.title.texts.get(shown) or pg.text(post.title)
    description = (post.description.texts.get(shown) if post.description else None) or bb.plain_excerpt(post, shown)
    out = [front_matter(title, description=description)]
    out.append(heading(title).rstrip("\n") + (f' {{ lang="{shown}" }}' if fell_back else "") + "\n")
    out.append(meta_html(pg, post, shown) + "\n")
    others = [other for other in post.languages if other != lang and other != shown]
    if others:
        links = ", ".join(f'<a href="{pg.to(post_page(post.slug), lang=o)}" hreflang="{o}" lang="{o}">'
                          f'{esc(labels.language_name(o, o).capitalize())}</a>' for o in others)
        out.append(f'<p class="blog-translations">{pg.t("blog_also_in", languages=links)}</p>\n')
    tr = post.translations.get(shown)
    outdated = bool(tr and tr.outdated(post))
    shown_text = Text(lang, pg.default)
    shown_text.fell_back, shown_text.original = fell_back, shown  # the notice names the language shown
    banner = notices(shown_text, tr.from_lang if tr else None, outdated)
    if banner:
        out.append(banner)
    if post.cover:
        alt = post.cover.alt.texts.get(shown) or pg.text(post.cover.alt)
        out.append(f'<figure class="blog-cover"><img src="{pg.static(IMAGES + "/" + post.cover.image)}" '
                   f'alt="{esc(alt)}"></figure>\n')
    out.append(bb.page_blocks(bb.body_html(post, shown, pg.place), lang_attr=shown if fell_back else None))
    if post.tags:
        tags = ", ".join(f'<a href="{pg.to(tag_page(tid))}">{esc(tag_label(catalog, tid, pg.text))}</a>'
                         for tid in post.tags)
        out.append(f'<p class="blog-tags">{pg.t("blog_tags_line", tags=tags)}</p>\n')
    out.append(related_recommendations(pg, post))
    out.append(related_episodes(pg, post))
    out.append(author_boxes(pg, post))
    out.append(prev_next(pg, older, newer))
    return "\n".join(block for block in out if block)


def related_recommendations(pg: Page, post: Post) -> str:
    from coopsite.types.recommendations.views import rec_heading, rec_page

    recs = [r for r in (pg.catalog.recommendation(rid) for rid in post.recommendations) if r]
    if not recs:
        return ""
    items = [f'<li><a href="{pg.to(rec_page(r))}">{esc(rec_heading(r, pg.catalog, pg.text))}</a> '
             f'{badge(r.status, pg.lang)}</li>' for r in recs]
    return heading(pg.t("blog_related_recommendations"), 2) + '\n<ul class="rec-list">\n' + "\n".join(items) + "\n</ul>\n"


def _episodes(catalog) -> dict:
    """The podcast's episodes that have a page, by id (none when the site has no podcast)."""
    podcast = catalog.content_type("podcast")
    return {e.id: e for e in podcast.records(catalog)} if podcast else {}


def episode_links(pg: Page, ids) -> list[str]:
    """Links to the post's podcast episodes, when the catalog has them."""
    episodes = _episodes(pg.catalog)
    podcast = pg.catalog.content_type("podcast")
    out = []
    for eid in ids:
        ep = episodes.get(eid)
        if ep is None:
            continue
        title = getattr(ep, "title", None)
        label = pg.text(title) if hasattr(title, "pick") else str(title or eid)
        out.append(f'<li><a href="{pg.to(podcast.record_page(ep))}">{esc(label)}</a></li>')
    return out


def related_episodes(pg: Page, post: Post) -> str:
    items = episode_links(pg, post.episodes)
    if not items:
        return ""
    return heading(pg.t("blog_related_episodes"), 2) + '\n<ul class="blog-episodes">\n' + "\n".join(items) + "\n</ul>\n"


def author_box(pg: Page, author: Author, *, link_name: bool = True) -> str:
    name = esc(pg.text(author.name))
    out = ['<aside class="blog-author">']
    if author.avatar:
        out.append(f'<img class="blog-avatar" src="{pg.static(IMAGES + "/" + author.avatar)}" alt="" '
                   f'width="64" height="64">')
    out.append(f'<p class="blog-author-name"><a href="{pg.to(author_page(author.id))}">{name}</a></p>'
               if link_name else f'<p class="blog-author-name">{name}</p>')
    if author.bio:
        bio_text = pg.text(author.bio)
        lang_attr = "" if author.bio.has(pg.lang) else f' lang="{author.bio.pick(pg.lang, pg.default)[1]}"'
        out.append(f'<p class="blog-author-bio"{lang_attr}>{esc(bio_text)}</p>')
    if author.link:
        out.append(f'<p><a href="{esc(author.link)}" rel="noopener">{esc(pg.t("blog_author_link"))}</a></p>')
    out.append("</aside>")
    return "\n".join(out) + "\n"


def author_boxes(pg: Page, post: Post) -> str:
    authors = [a for a in (pg.catalog.author(aid) for aid in post.authors) if a and a.consent]
    if not authors:
        return ""
    title = pg.t("blog_about_author" if len(authors) == 1 else "blog_about_authors")
    return heading(title, 2) + "\n" + "\n".join(author_box(pg, a) for a in authors)


def prev_next(pg: Page, older: Post | None, newer: Post | None) -> str:
    if not older and not newer:
        return ""
    items = []
    for post, key, rel, cls in ((older, "blog_previous_post", "prev", "blog-older"),
                                (newer, "blog_next_post", "next", "blog-newer")):
        if post is None:
            continue
        shown = text_lang(post, pg.lang, pg.default)
        title = post.title.texts.get(shown) or pg.text(post.title)
        lang_attr = f' lang="{shown}"' if shown != pg.lang else ""
        items.append(f'<li class="{cls}"><a href="{pg.to(post_page(post.slug))}" rel="{rel}">'
                     f'<span class="blog-nav-label">{esc(pg.t(key))}</span> '
                     f'<span{lang_attr}>{esc(title)}</span></a></li>')
    return (f'<nav class="blog-prev-next" aria-label="{esc(pg.t("blog_post_nav"))}">\n<ul>\n'
            + "\n".join(items) + "\n</ul>\n</nav>\n")


def tags_index(catalog: Catalog, lang: str, tags: list[str]) -> str:
    pg = Page(catalog, lang, TAGS)
    title = pg.t("blog_tags")
    counts = defaultdict(int)
    for post in catalog.posts:
        for tid in post.tags:
            counts[tid] += 1
    rows = sorted(tags, key=lambda tid: tag_label(catalog, tid, pg.text).lower())
    items = [f'<li><a href="{pg.to(tag_page(tid))}">{esc(tag_label(catalog, tid, pg.text))}</a> '
             f'({fmt.number(counts[tid], lang)})</li>' for tid in rows]
    body = '<ul class="blog-tag-list">\n' + "\n".join(items) + "\n</ul>\n" if items else \
        f"<p>{esc(pg.t('blog_no_posts'))}</p>\n"
    return front_matter(title) + heading(title) + "\n" + back_link(pg) + body


def tag_text(catalog: Catalog, lang: str, tid: str) -> str:
    pg = Page(catalog, lang, tag_page(tid))
    title = pg.t("blog_tag_title", tag=tag_label(catalog, tid, pg.text))
    posts = [p for p in catalog.posts if tid in p.tags]
    return (front_matter(title) + heading(title) + "\n" + back_link(pg)
            + "\n".join(entry_html(pg, p) for p in posts) + "\n")


def authors_index(catalog: Catalog, lang: str, authors: list[Author]) -> str:
    pg = Page(catalog, lang, AUTHORS)
    title = pg.t("blog_authors")
    boxes = "\n".join(author_box(pg, a) for a in authors) or f"<p>{esc(pg.t('blog_no_posts'))}</p>\n"
    return front_matter(title) + heading(title) + "\n" + back_link(pg) + boxes


def author_text(catalog: Catalog, lang: str, author: Author) -> str:
    pg = Page(catalog, lang, author_page(author.id))
    name = pg.text(author.name)
    posts = [p for p in catalog.posts if author.id in p.authors]
    return (front_matter(name) + heading(name) + "\n" + back_link(pg) + author_box(pg, author, link_name=False)
            + "\n" + heading(pg.t("blog_author_posts", author=name), 2) + "\n" + compact_list(pg, posts))


def archive_index(catalog: Catalog, lang: str, years: list[int]) -> str:
    pg = Page(catalog, lang, ARCHIVE)
    title = pg.t("blog_archive")
    items = [f'<li><a href="{pg.to(year_page(y))}">{y}</a> '
             f'({fmt.number(sum(1 for p in catalog.posts if p.date.year == y), lang)})</li>' for y in years]
    body = '<ul class="blog-years">\n' + "\n".join(items) + "\n</ul>\n" if items else \
        f"<p>{esc(pg.t('blog_no_posts'))}</p>\n"
    return front_matter(title) + heading(title) + "\n" + back_link(pg) + body


def year_text(catalog: Catalog, lang: str, year: int) -> str:
    pg = Page(catalog, lang, year_page(year))
    title = pg.t("blog_archive_year", year=year)
    out = [front_matter(title), heading(title), back_link(pg)]
    by_month: dict[int, list[Post]] = defaultdict(list)
    for post in catalog.posts:
        if post.date.year == year:
            by_month[post.date.month].append(post)
    for month in sorted(by_month, reverse=True):
        first = by_month[month][0].date
        out.append(heading(fmt.month_year(first, lang).capitalize(), 2))
        out.append(compact_list(pg, by_month[month]))
    return "\n".join(out)


def back_link(pg: Page) -> str:
    return f'<p class="blog-back"><a href="{pg.to(INDEX)}">← {esc(pg.t("blog"))}</a></p>\n'


# --- blocks on other pages ----------------------------------------------------
def home_block(catalog: Catalog, lang: str) -> str:
    """The newest posts on the home page."""
    if not catalog.posts:
        return ""
    pg = Page(catalog, lang, "index")
    return (heading(pg.t("blog_newest"), 2) + "\n" + compact_list(pg, list(catalog.posts[:3]))
            + f'\n<p><a href="{pg.to(INDEX)}">{esc(pg.t("blog_all_posts"))}</a></p>\n')


def discussed_in(catalog: Catalog, rec, lang: str, page: str) -> str:
    """On a recommendation's page: the posts that discuss it."""
    posts = [p for p in catalog.posts if rec.id in p.recommendations]
    if not posts:
        return ""
    pg = Page(catalog, lang, page)
    return heading(pg.t("blog_discussed_in"), 2) + "\n" + compact_list(pg, posts)

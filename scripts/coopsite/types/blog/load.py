"""content/blog/: authors.yml, tags.yml and posts/<slug>.<lang>.md -> Author, Tag and Post models.

A post is one file per language, `<slug>.<lang>.md`, sharing the slug. The
file without `translated_from` is the original: date, authors, tags, related
recommendations and episodes come from it; a translation may repeat them but
not contradict them. Post bodies are member Markdown: safety.check_markdown
reports anything that could run a script, positioned in the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from coopsite.core import markup
from coopsite.core import safety
from coopsite.core.config import SiteConfig
from coopsite.core.i18n.text import read_localized
from coopsite.core.model import Localized, Translation, frozen_map
from coopsite.types.blog.model import Author, BlogSettings, Cover, Post, PostFile, Tag
from coopsite.core.problems import Problems, did_you_mean
from coopsite.core.source import Pos, Reader, list_readers, load_yaml_file, read_text, split_front_matter

BLOG_DIR = "content/blog"
POSTS_DIR = f"{BLOG_DIR}/posts"
AUTHORS_FILE = f"{BLOG_DIR}/authors.yml"
TAGS_FILE = f"{BLOG_DIR}/tags.yml"
IMAGES_DIR = f"{BLOG_DIR}/images"
IMAGE_TYPES = (".jpg", ".jpeg", ".png", ".webp", ".gif", ".avif")

ID_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
FILE_RE = re.compile(r"^(?P<slug>[^.]+)\.(?P<lang>[a-z]{2})\.md$")
URL_RE = re.compile(r"^https?://[^\s]+$")
# Page names the blog uses itself under blog/: a post cannot take them.
RESERVED_SLUGS = frozenset({"index", "page", "tags", "authors", "archive", "images", "posts"})


@dataclass(kw_only=True)
class _File:
    """One language file as read, before the files of a post are put together."""

    slug: str
    lang: str
    rel: str
    problems: Problems
    reader: Reader
    body: str = ""
    body_line: int = 1
    title: str | None = None
    description: str | None = None
    draft: bool = False
    translated_from: str | None = None
    original_version: str | None = None
    shared: dict = field(default_factory=dict)  # key -> value, only for keys the file gives
    ids: dict = field(default_factory=dict)  # key -> [(id, Pos)]
    cover_image: str | None = None
    cover_alt: str | None = None
    cover_pos: Pos | None = None


def load_blog(root: Path, cfg: SiteConfig, problems: Problems, *, drafts: bool = False):
    """-> (posts newest first, authors, tags, settings)."""
    settings = load_settings(cfg)
    authors = load_authors(root, cfg, problems)
    tags = load_tags(root, cfg, problems)
    posts = load_posts(root, cfg, problems, drafts=drafts)
    check_image_folder(root, problems)
    return posts, authors, tags, settings


# Served from the site's own address, these would run their scripts there when opened.
ACTIVE_FILES = (".svg", ".svgz", ".html", ".htm", ".xhtml", ".xml", ".xsl", ".js", ".mjs", ".swf")


def check_image_folder(root: Path, problems: Problems) -> None:
    folder = root / IMAGES_DIR
    if not folder.is_dir():
        return
    for path in sorted(folder.rglob("*")):
        if path.is_file() and path.suffix.lower() in ACTIVE_FILES:
            problems.error(path.relative_to(root).as_posix(), 0, 0,
                           f"'{path.suffix}' files can carry scripts and are not published with the blog",
                           "export the image as PNG or JPEG (an SVG drawing: 'Export as PNG' in most editors)")


def load_settings(cfg: SiteConfig) -> BlogSettings:
    r = cfg.sections.get("blog")
    if r is None:
        return BlogSettings()
    page_size = r.int("page_size", default=BlogSettings.page_size, minimum=1)
    r.finish()
    return BlogSettings(page_size=page_size)


# --- authors and tags ------------------------------------------------------
def load_authors(root: Path, cfg: SiteConfig, problems: Problems) -> tuple[Author, ...]:
    path = root / AUTHORS_FILE
    if not path.exists():
        return ()
    out = []
    for r in list_readers(load_yaml_file(path, AUTHORS_FILE, problems), AUTHORS_FILE, problems, "authors.yml"):
        aid = r.str("id", required=True)
        if aid and not ID_RE.match(aid):
            r.err("id", f"author id '{aid}' may only hold lower-case letters, digits and single dashes",
                  "for example jan-peeters or werkgroep-nantes")
        name = _name(r, cfg)
        bio = read_localized(r, "bio", cfg.languages, multiline=True)
        avatar = r.str("avatar")
        if avatar:
            _check_image(root, r, "avatar", avatar)
        link = r.str("link")
        if link and not URL_RE.match(link):
            r.err("link", f"'{link}' is not a web address", "write a full address starting with https://")
            link = None
        if not r.has("consent"):
            r.missing("consent", "set 'consent: true' only once the author agreed to be published on the site "
                      "(name, bio, avatar and posts); until then write 'consent: false'")
        consent = r.bool("consent", default=False)
        group = r.bool("group", default=False)
        r.finish()
        if aid and name:
            out.append(Author(id=aid, name=name, bio=bio, avatar=avatar, link=link, consent=bool(consent), group=bool(group), pos=r.pos()))
    return tuple(out)


def _name(r: Reader, cfg: SiteConfig) -> Localized | None:
    """A name is the same in every language (a person), or given per language (a group)."""
    value = r.raw("name", required=True)
    if isinstance(value, dict):
        return read_localized(r, "name", cfg.languages, required=True)
    name = r.str("name", required=True)
    return Localized(texts=frozen_map({lang: name for lang in cfg.languages.all}), pos=r.value_loc("name")) if name else None


def load_tags(root: Path, cfg: SiteConfig, problems: Problems) -> tuple[Tag, ...]:
    path = root / TAGS_FILE
    if not path.exists():
        return ()
    out = []
    for r in list_readers(load_yaml_file(path, TAGS_FILE, problems), TAGS_FILE, problems, "tags.yml"):
        tid = r.str("id", required=True)
        if tid and not ID_RE.match(tid):
            r.err("id", f"tag '{tid}' may only hold lower-case letters, digits and single dashes",
                  "for example cooperatieve-democratie")
        label = read_localized(r, "label", cfg.languages, required=True)
        r.finish()
        if tid and label:
            out.append(Tag(id=tid, label=label, pos=r.pos()))
    return tuple(out)


def _check_image(root: Path, r: Reader, key: str, value: str) -> bool:
    if URL_RE.match(value):
        r.err(key, "images are published with the site, not loaded from another one",
              f"save the image in {IMAGES_DIR}/ and write '{key}: images/<name>'")
        return False
    target = (root / BLOG_DIR / value).resolve()
    if not target.is_relative_to((root / IMAGES_DIR).resolve()):
        r.err(key, f"'{value}' is not in {IMAGES_DIR}/", f"save the image in {IMAGES_DIR}/ and write "
              f"'{key}: images/<name>'")
        return False
    if target.suffix.lower() not in IMAGE_TYPES:
        r.err(key, f"'{target.suffix or value}' is not an image type the blog accepts",
              "use " + ", ".join(IMAGE_TYPES) + " (SVG files can carry scripts: export them as PNG)")
        return False
    if not target.is_file():
        r.err(key, f"image '{value}' not found", f"add the file {IMAGES_DIR}/{Path(value).name}, or fix the name")
        return False
    return True


# --- posts -----------------------------------------------------------------
def post_files(root: Path) -> list[Path]:
    folder = root / POSTS_DIR
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix == ".md" and not p.name.startswith(("_", "README")))


def load_posts(root: Path, cfg: SiteConfig, problems: Problems, *, drafts: bool) -> tuple[Post, ...]:
    groups: dict[str, list[_File]] = {}
    for path in post_files(root):
        f = read_file(root, path, cfg)
        if f is None:
            continue
        if isinstance(f, Problems):
            problems.extend(f.items)
            continue
        groups.setdefault(f.slug, []).append(f)
    posts = []
    for slug in sorted(groups):
        post = assemble(root, slug, groups[slug], cfg, problems, drafts=drafts)
        if post:
            posts.append(post)
    return tuple(sorted(posts, key=lambda p: (p.date, p.slug), reverse=True))


def read_file(root: Path, path: Path, cfg: SiteConfig) -> _File | Problems | None:
    """One language file, with its own problems (dropped if it turns out to be an unpublished draft)."""
    rel = path.relative_to(root).as_posix()
    probs = Problems()
    m = FILE_RE.match(path.name)
    langs = cfg.languages
    if not m or not ID_RE.match(m.group("slug")) or m.group("lang") not in langs.all:
        lang = m.group("lang") if m else None
        if m and ID_RE.match(m.group("slug")) and lang not in langs.all:
            probs.error(rel, 0, 0, f"unknown language '{lang}' in the file name",
                        f"name it <slug>.<language>.md with a language of the site: {', '.join(langs.all)}")
        else:
            probs.error(rel, 0, 0, "a post's file name is <slug>.<language>.md",
                        "the slug holds lower-case letters, digits and single dashes, e.g. "
                        f"my-first-post.{langs.default}.md; translations share the slug")
        return probs
    slug, lang = m.group("slug"), m.group("lang")
    if slug in RESERVED_SLUGS:
        probs.error(rel, 0, 0, f"'{slug}' is a name the blog uses for its own pages",
                    "choose another slug (the first part of the file name)")
        return probs
    text = read_text(path, rel, probs)
    if text is None:
        return probs
    doc = split_front_matter(text, rel, probs)
    if doc is None or doc.meta is None:
        return probs
    if isinstance(doc.meta, dict) and not doc.meta.get("title") and not doc.body.strip():
        # The web editor (Decap) writes a file for every language once fields shared with the original
        # are copied into it; without a title and a text it is not a translation yet.
        probs.warning(rel, 1, 1, f"no title and no text: not yet a version of the post in '{lang}', left out",
                      "write its title and text, or delete the file")
        return probs
    r = Reader(doc.meta, rel, probs, line_offset=1)
    f = _File(slug=slug, lang=lang, rel=rel, problems=probs, reader=r, body=doc.body, body_line=doc.body_line)
    f.draft = bool(r.bool("draft", default=False))
    f.translated_from = r.choice("translated_from", langs.all, what="language")
    if f.translated_from == lang:
        r.err("translated_from", f"a {lang} file cannot be translated from {lang}",
              "remove 'translated_from' from the original; a translation names the original's language")
        f.translated_from = None
    f.original_version = r.str("original_version")
    is_original = f.translated_from is None
    f.title = r.str("title", required=True)
    if f.title:
        line, col = r.value_pos("title")
        safety.check_markdown(f.title, rel, line, probs, first_col=col)
    f.description = r.str("description")
    if f.description:
        line, col = r.value_pos("description")
        safety.check_markdown(f.description, rel, line, probs, first_col=col)
    key = r.str("translation_key")
    if key and key != slug:
        r.err("translation_key", f"translation_key '{key}' differs from the file name's slug '{slug}'",
              f"translations share the file name: {key}.{lang}.md, or remove translation_key")
    if r.has("date") or is_original:
        f.shared["date"] = r.partial_date("date", required=True)
    if r.has("updated"):
        f.shared["updated"] = r.date("updated")
    for key, required in (("authors", True), ("tags", False), ("recommendations", False), ("episodes", False)):
        if r.has(key) or (required and is_original):
            f.ids[key] = read_ids(r, key, required=required)
            f.shared[key] = tuple(i for i, _ in f.ids[key])
    _read_cover(root, r, f)
    if not f.body.strip():
        probs.error(rel, doc.body_line, 1, "the post has no text", "write the post below the closing '---' line")
    else:
        if not safety.check_markdown(f.body, rel, doc.body_line, probs):
            _check_body_links(root, f)  # after a safety problem, addresses are not worth checking
    r.finish()
    return f


def read_ids(r: Reader, key: str, required: bool = False) -> list[tuple[str, Pos]]:
    """A list of ids, each with its position (a single id without brackets is accepted)."""
    value = r.raw(key, required)
    if value is None:
        return []
    if isinstance(value, (str, int)) and not isinstance(value, bool):
        items = [(str(value).strip(), r.value_loc(key))]
    elif isinstance(value, list):
        items = []
        for i, item in enumerate(value):
            pos = Pos(r.relpath, *r.item_pos(value, i))
            if not isinstance(item, (str, int)) or isinstance(item, bool):
                r.problems.error(pos.path, pos.line, pos.col, f"items of '{key}' must be ids (text)")
                continue
            items.append((str(item).strip(), pos))
    else:
        r.err(key, f"'{key}' must be a list", f"write '{key}: [first, second]'")
        return []
    out = []
    for text, pos in items:
        if not ID_RE.match(text):
            r.problems.error(pos.path, pos.line, pos.col, f"'{text}' in '{key}' is not an id",
                             "ids hold lower-case letters, digits and single dashes")
            continue
        if any(text == seen for seen, _ in out):
            r.problems.error(pos.path, pos.line, pos.col, f"'{text}' appears twice in '{key}'", "remove one")
            continue
        out.append((text, pos))
    if required and not out and not r.problems.errors:
        r.err(key, f"'{key}' must name at least one", f"write '{key}: [id]' with ids from {AUTHORS_FILE}")
    return out


def _read_cover(root: Path, r: Reader, f: _File) -> None:
    cr = r.sub("cover")
    if cr is None:
        return
    f.cover_pos = cr.pos()
    image = cr.str("image")
    if image is not None and _check_image(root, cr, "image", image):
        f.cover_image = image
    elif image is None and f.translated_from is None:
        cr.missing("image", f"write 'image: images/<name>' with a file in {IMAGES_DIR}/")
    if not cr.has("alt"):
        line, col = r.key_pos("cover")
        r.problems.error(r.relpath, line, col, "the cover image has no 'alt' text",
                         "describe what the image shows, for readers who cannot see it: "
                         "cover: {image: ..., alt: \"...\"}")
    else:
        f.cover_alt = cr.str("alt", required=True, hint="describe what the image shows, in the post's language")
    cr.finish()


def _check_body_links(root: Path, f: _File) -> None:
    """Local images must exist; links to other posts must name a post file."""
    from lxml import html as lhtml

    html = markup.to_html(f.body)
    if not html.strip():
        return
    try:
        doc = lhtml.fragment_fromstring(html, create_parent="div")
    except Exception:  # the safety check has already reported what is wrong
        return
    for el, attr, what in [(e, "src", "image") for e in doc.iter("img")] + [(e, "href", "link") for e in doc.iter("a")]:
        url = (el.get(attr) or "").strip()
        if not url or url.startswith(("#", "mailto:", "tel:")) or safety.url_scheme(url):
            if what == "image" and url.startswith(("http://", "https://", "//")):
                _problem_at(f, url, f"image '{url[:60]}' is loaded from another site",
                            f"readers' browsers would contact that site: save the image in {IMAGES_DIR}/ and "
                            "link it as ../images/<name>", warning=True)
            continue
        path = url.split("#", 1)[0].split("?", 1)[0]
        if not path:
            continue
        target = (root / POSTS_DIR / path).resolve()
        if what == "image" and not target.is_relative_to((root / IMAGES_DIR).resolve()):
            _problem_at(f, url, f"image '{path}' is not in {IMAGES_DIR}/",
                        f"images of posts live in {IMAGES_DIR}/; from a post, write ![what it shows](../images/<name>)")
        elif what == "image" and not target.is_file():
            _problem_at(f, url, f"image '{path}' not found", f"images live in {IMAGES_DIR}/; from a post, "
                        "write ![what it shows](../images/<name>)")
        elif what == "link" and path.endswith(".md") and target.parent == (root / POSTS_DIR).resolve() \
                and not target.is_file():
            _problem_at(f, url, f"post '{path}' not found", "link another post by its file name, "
                        f"e.g. [title](other-post.{f.lang}.md)")


def _problem_at(f: _File, needle: str, message: str, hint: str, warning: bool = False) -> None:
    lines = f.body.split("\n")
    for i, line in enumerate(lines):
        col = line.find(needle)
        if col >= 0:
            break
    else:
        i, col = 0, 0
    add = f.problems.warning if warning else f.problems.error
    add(f.rel, f.body_line + i, col + 1, message, hint)


def assemble(root: Path, slug: str, files: list[_File], cfg: SiteConfig, problems: Problems, *,
             drafts: bool) -> Post | None:
    """The files of one slug -> one Post, or None (errors reported, or an unpublished draft)."""
    langs = cfg.languages
    order = {lang: i for i, lang in enumerate(langs.all)}
    files.sort(key=lambda f: (f.lang != langs.default, order.get(f.lang, 99)))
    originals = [f for f in files if f.translated_from is None]
    if not originals:
        for f in files:
            problems.extend(f.problems.items)
            problems.error(f.rel, *f.reader.value_pos("translated_from"),
                           f"no original of this translation: {slug}.{f.translated_from}.md is missing",
                           f"add the original as {POSTS_DIR}/{slug}.{f.translated_from}.md, or remove "
                           "'translated_from' if this file is the original")
        return None
    canon = originals[0]
    if canon.draft and not drafts:
        return None  # an unpublished draft: not checked, not shown (coopsite check --drafts checks it)
    published = [f for f in files if drafts or not f.draft]
    have = {f.lang for f in published}
    for f in published:
        if f.translated_from and f.translated_from not in have:
            f.reader.err("translated_from", f"no {f.translated_from} version of '{slug}' to translate from",
                         f"add {POSTS_DIR}/{slug}.{f.translated_from}.md, or name the language of an existing one")
        if f is canon:
            continue
        for key, value in f.shared.items():
            if value != canon.shared.get(key):
                f.reader.err(key, f"'{key}' differs from the original ({canon.rel})",
                             f"a translation takes '{key}' from the original: remove the line, or make it equal")
        if f.cover_image and f.cover_image != canon.cover_image:
            problems.error(f.rel, f.cover_pos.line, f.cover_pos.col, f"the cover image differs from the "
                           f"original ({canon.rel})", "a translation only gives the cover's 'alt' text in its "
                           "language: cover: {alt: \"...\"}")
    for f in published:
        problems.extend(f.problems.items)
    if any(f.problems.errors for f in published):
        return None
    date = canon.shared.get("date")
    if date is None:
        return None

    def loc(attr: str, at: Pos | None = None) -> Localized | None:
        texts = {f.lang: getattr(f, attr) for f in published if getattr(f, attr)}
        return Localized(texts=frozen_map(texts), pos=at or Pos(canon.rel)) if texts else None

    title = loc("title", Pos(canon.rel, *canon.reader.value_pos("title")))
    body = Localized(texts=frozen_map({f.lang: f.body for f in published}), pos=Pos(canon.rel, canon.body_line, 1))
    cover = None
    if canon.cover_image:
        alt = loc("cover_alt", canon.cover_pos) or Localized(texts=frozen_map({}), pos=canon.cover_pos)
        cover = Cover(image=canon.cover_image, alt=alt, pos=canon.cover_pos)
    refs = {f"{key}:{i}": pos for key, items in canon.ids.items() for i, pos in items}
    translations = {f.lang: Translation(lang=f.lang, from_lang=f.translated_from, source=f.original_version,
                                        pos=Pos(f.rel, *f.reader.value_pos("translated_from")))
                    for f in published if f.translated_from}
    files_map = {f.lang: PostFile(lang=f.lang, path=f.rel, body_line=f.body_line, draft=f.draft, where=frozen_map(f.reader.positions()))
                 for f in sorted(published, key=lambda f: order.get(f.lang, 99))}
    return Post(slug=slug, date=date, updated=canon.shared.get("updated"),
                authors=canon.shared.get("authors", ()), tags=canon.shared.get("tags", ()),
                recommendations=canon.shared.get("recommendations", ()), episodes=canon.shared.get("episodes", ()),
                title=title, description=loc("description"), body=body, cover=cover, original=canon.lang,
                draft=canon.draft, files=frozen_map(files_map), translations=frozen_map(translations),
                refs=frozen_map(refs), pos=Pos(canon.rel, 1, 1))


# --- rules across files (the type's rules face) -------------------------------
def check_posts(catalog, problems: Problems) -> None:
    from coopsite.core.rules import unique

    unique(catalog.authors, lambda a: a.id, "author id", problems)
    unique(catalog.tags, lambda t: t.id, "tag id", problems)
    authors = {a.id: a for a in catalog.authors}
    rec_ids = {r.id for r in catalog.recommendations}
    episodes = getattr(catalog, "episodes", None)
    episode_ids = {e.id for e in episodes} if episodes is not None else None
    tag_ids = {t.id for t in catalog.tags}
    langs = catalog.config.languages
    for post in catalog.posts:
        def at(key: str, value: str) -> Pos:
            return post.refs.get(f"{key}:{value}", post.pos)

        for aid in post.authors:
            p = at("authors", aid)
            author = authors.get(aid)
            if author is None:
                problems.error(p.path, p.line, p.col, f"unknown author '{aid}'",
                               did_you_mean(aid, authors) + f" (authors are listed in {AUTHORS_FILE})"
                               if authors else f"add the author to {AUTHORS_FILE}")
            elif not author.consent:
                problems.error(p.path, p.line, p.col, f"author '{aid}' has not consented to be published "
                               f"({author.pos})", "nothing of an author is published without consent: ask them, "
                               f"then set 'consent: true' in {AUTHORS_FILE}, or remove them from 'authors'")
        for rid in post.recommendations:
            if rid not in rec_ids:
                p = at("recommendations", rid)
                problems.error(p.path, p.line, p.col, f"unknown recommendation '{rid}'", did_you_mean(rid, rec_ids))
        if episode_ids is not None:
            for eid in post.episodes:
                if eid not in episode_ids:
                    p = at("episodes", eid)
                    problems.error(p.path, p.line, p.col, f"unknown podcast episode '{eid}'",
                                   did_you_mean(eid, episode_ids) if episode_ids else "there are no episodes yet")
        if tag_ids:
            for tid in post.tags:
                if tid not in tag_ids:
                    p = at("tags", tid)
                    problems.warning(p.path, p.line, p.col, f"tag '{tid}' has no label in {TAGS_FILE}",
                                     did_you_mean(tid, tag_ids) + f" Or add it to {TAGS_FILE} with its label "
                                     "per language")
        # Members write in the language they choose: a missing translation is never an error.
        for lang in langs.all:
            if not post.has(lang):
                problems.warning(post.pos.path, 0, 0, f"blog post {post.slug}: no {lang} version",
                                 f"readers see the {post.original} original with a notice; to translate it, "
                                 f"add {POSTS_DIR}/{post.slug}.{lang}.md with 'translated_from: {post.original}'")
            elif post.cover and not post.cover.alt.has(lang):
                f = post.files[lang]
                problems.warning(f.path, 0, 0, f"blog post {post.slug}: the cover has no {lang} 'alt' text",
                                 "add cover: {alt: \"...\"} in this file's front matter")
        for lang, tr in post.translations.items():
            if tr.outdated(post):
                problems.warning(tr.pos.path, tr.pos.line, tr.pos.col,
                                 f"blog post {post.slug}: the {lang} translation is outdated "
                                 f"(the {tr.from_lang} text changed)",
                                 f"update it, then run 'coopsite translations --stamp {tr.pos.path}'")


def translation_items(catalog):
    """Posts for `coopsite translations` and the public translation page."""
    from coopsite.core.translations import Item

    for post in catalog.posts:
        yield Item(kind="blog", id=post.slug, path=post.pos.path, record=post, translations=dict(post.translations))


def load(ctx) -> dict:
    """The type's load face."""
    posts, authors, tags, settings = load_blog(ctx.root, ctx.config, ctx.problems, drafts=ctx.drafts)
    return {"posts": posts, "authors": authors, "tags": tags, "blog": settings}

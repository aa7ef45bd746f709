"""A post's body as safe HTML: rendered and sanitised, links resolved, cut into page blocks.

Members link other posts and images the way their editor shows them, relative
to the post's file (`other-post.fr.md`, `../images/photo.jpg`); here those
become the site's addresses, relative to the page that shows them (any
language, any depth) or absolute (feeds).
"""

from __future__ import annotations

import html as _html
import math
import posixpath
import re
from functools import lru_cache
from urllib.parse import urlsplit

from lxml import html as lhtml

from coopsite.core import markup
from coopsite.core import safety
from coopsite.types.blog.model import Post

SOURCE_DIR = "blog/posts"  # where post files stand, docs_dir-relative: relative links start here
WORDS_PER_MINUTE = 200


# --- addresses ---------------------------------------------------------------
def _dir(page: str) -> str:
    return page.removesuffix("index").rstrip("/")


def page_path(logical: str, lang: str, cfg) -> str:
    """Site path of a logical page in a language ('' for the home page), without a trailing slash."""
    return (cfg.languages.prefix(lang) + _dir(logical)).rstrip("/")


def rel_url(from_page: str, from_lang: str, target: str, cfg, *, to_lang: str | None = None,
            static: bool = False) -> str:
    """Relative URL from a page (in a language) to another page (in to_lang) or to a static file at the root."""
    src = page_path(from_page, from_lang, cfg)
    dst = target if static else page_path(target, to_lang or from_lang, cfg)
    rel = _relpath(dst, src)
    if static:
        return rel
    return "./" if rel == "." else rel + "/"


def _relpath(dst: str, src: str) -> str:
    """posixpath.relpath for two site paths, without its calls to the file system (thousands per build)."""
    s, d = [p for p in src.split("/") if p], [p for p in dst.split("/") if p]
    i = 0
    while i < min(len(s), len(d)) and s[i] == d[i]:
        i += 1
    return "/".join([".."] * (len(s) - i) + d[i:]) or "."


def abs_url(target: str, lang: str, cfg, *, static: bool = False) -> str:
    if static:
        return cfg.url(target)
    path = page_path(target, lang, cfg)
    return cfg.url(path + "/" if path else "")


def resolve(url: str) -> tuple[str, bool] | None:
    """(logical page or static file path, is_static) for a link relative to a post file; None: leave it."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or not parts.path or url.startswith("/"):
        return None
    path = posixpath.normpath(posixpath.join(SOURCE_DIR, parts.path))
    if path.startswith(".."):
        return None
    if path.endswith(".md"):
        stem = re.sub(r"\.[a-z]{2}$", "", path[:-3])
        if stem.startswith(SOURCE_DIR + "/"):
            stem = "blog/" + stem[len(SOURCE_DIR) + 1:]
        return stem, False
    if posixpath.splitext(path)[1]:
        return path, True  # a file: images, documents
    return path, False  # a page address written the site's way (../../about/)


def rewrite_links(root, place) -> None:
    """Every relative href/src under `root`, made to work from where it is shown.

    place(target, static) -> URL for the page being rendered (relative or absolute).
    """
    for el in root.iter("a", "img"):
        attr = "href" if el.tag == "a" else "src"
        url = el.get(attr)
        if not url:
            continue
        target = resolve(url)
        if target is None:
            continue
        frag = urlsplit(url).fragment
        new = place(*target)
        el.set(attr, new + (f"#{frag}" if frag else ""))


# --- the body ----------------------------------------------------------------
def fragment(html: str):
    """Parse an HTML fragment into a <div> holding it."""
    return lhtml.fragment_fromstring(html or "<p></p>", create_parent="div")


def serialize_children(root) -> str:
    out = [_html.escape(root.text)] if root.text and root.text.strip() else []
    for child in root:
        out.append(lhtml.tostring(child, encoding="unicode", method="html"))
    return "".join(out)


def body_html(post: Post, text_lang: str, place) -> str:
    """The whole body in `text_lang` as sanitised HTML, links placed for its page (or feed)."""
    root = fragment(safety.safe_html(post.body.texts[text_lang]))
    rewrite_links(root, place)
    return safety.sanitize_html(serialize_children(root))


def excerpt_html(post: Post, text_lang: str, place) -> str:
    """The teaser: the text before <!-- more -->, or the first paragraph; headings left out."""
    root = fragment(_excerpt(post.body.texts[text_lang]))
    rewrite_links(root, place)
    return safety.sanitize_html(serialize_children(root))


@lru_cache(maxsize=2048)
def _excerpt(text: str) -> str:
    m = markup.MORE.search(text)
    root = fragment(safety.safe_html(text[: m.start()] if m else text))
    for h in root.xpath("./h1|./h2|./h3|./h4|./h5|./h6"):
        _drop(h)
    if not m:
        first = next(iter(root.xpath("./p")), None)
        for child in list(root):
            if child is not first:
                _drop(child)
    return serialize_children(root)


def _drop(el) -> None:
    parent = el.getparent()
    if el.tail and el.tail.strip():
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + el.tail
        else:
            parent.text = (parent.text or "") + el.tail
    parent.remove(el)


def reading_minutes(post: Post, text_lang: str) -> int:
    return _minutes(post.body.texts[text_lang])


@lru_cache(maxsize=2048)
def _minutes(markdown_text: str) -> int:
    text = fragment(safety.safe_html(markdown_text)).text_content()
    return max(1, math.ceil(markup.word_count(text) / WORDS_PER_MINUTE))


def plain_excerpt(post: Post, text_lang: str, limit: int = 300) -> str:
    """The teaser as plain text (page description, feed summary)."""
    text = " ".join(fragment(excerpt_html(post, text_lang, lambda t, s: t)).text_content().split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


# --- cut into page blocks ----------------------------------------------------
_ID_OK = safety.ID_RE


def page_blocks(html: str, *, lang_attr: str | None = None) -> str:
    """Sanitised body HTML -> the Markdown of a generated page.

    Headings become Markdown headings (plain text, escaped), so MkDocs puts them
    in the table of contents; everything between them becomes one raw <div>
    block, which Python-Markdown passes through untouched: member text is never
    read as Markdown a second time. Body headings start at level 2 (the
    page's title is the only h1).
    """
    root = fragment(html)
    heads = root.xpath("./h1|./h2|./h3|./h4|./h5|./h6")
    shift = 1 if any(h.tag == "h1" for h in heads) else 0
    lang = f' lang="{lang_attr}"' if lang_attr else ""
    out: list[str] = []
    pending: list[str] = [_html.escape(root.text)] if root.text and root.text.strip() else []

    def flush():
        if pending:
            inner = "".join(pending)
            # one raw block for Python-Markdown (it passes a <div> through untouched), sanitised again
            # as a whole: this wrapper is the one tag the blog writes in Python
            out.append(safety.sanitize_html(f'<div class="blog-body"{lang}>{inner}</div>'))
            pending.clear()

    for child in root:
        if child in heads:
            flush()
            level = min(6, int(child.tag[1]) + shift)
            title = " ".join(child.text_content().split())
            hid = child.get("id") or ""
            attrs = [f"#{hid}"] if _ID_OK.match(hid) else []
            if lang_attr:
                attrs.append(f'lang="{lang_attr}"')
            suffix = " { " + " ".join(attrs) + " }" if attrs else ""
            out.append("#" * level + " " + md_text(title) + suffix)
            if child.tail and child.tail.strip():
                pending.append(_html.escape(child.tail))
        else:
            pending.append(lhtml.tostring(child, encoding="unicode", method="html"))
    flush()
    return "\n\n".join(out) + "\n"


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")


def md_text(text: str) -> str:
    """Plain text made inert in Markdown: HTML escaped, Markdown punctuation backslash-escaped."""
    return _MD_SPECIAL.sub(r"\\\1", _html.escape(text, quote=False))

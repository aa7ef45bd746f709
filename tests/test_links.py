"""No broken internal link or anchor in any language, generated pages and feeds included."""

from __future__ import annotations

import posixpath
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlparse

from lxml import etree
from lxml import html as lhtml

SITE_URL = "https://smartinprogress.example.org/"
ATTRS = (("a", "href"), ("link", "href"), ("script", "src"), ("img", "src"), ("source", "src"), ("audio", "src"),
         ("track", "src"))
SKIP_SCHEMES = ("mailto:", "tel:", "javascript:", "data:", "webcal:", "podcast:", "pcast:", "itpc:", "antennapod:")


def target_file(site: Path, page_path: str, href: str) -> tuple[Path | None, str]:
    """The file a link points at (None: not ours to check) and its fragment."""
    url, frag = urldefrag(href)
    if href.startswith(SKIP_SCHEMES):
        return None, ""
    if url.startswith(SITE_URL):
        path = "/" + url[len(SITE_URL):]
    elif urlparse(url).scheme or url.startswith("//"):
        return None, ""  # another site: not an internal link
    elif url == "":
        path = "/" + page_path
    elif url.startswith("/"):
        path = url
    else:
        base = "/" + page_path
        base_dir = base if base.endswith("/") else posixpath.dirname(base) + "/"
        path = posixpath.normpath(posixpath.join(base_dir, url)) + ("/" if url.endswith("/") else "")
    path = unquote(urlparse(path).path)
    file = site / path.lstrip("/")
    if path.endswith("/") or file.is_dir():
        file = file / "index.html"
    return file, frag


@lru_cache(maxsize=None)
def ids_of(file: Path) -> frozenset[str]:
    doc = lhtml.parse(str(file)).getroot()
    return frozenset(doc.xpath("//@id") + doc.xpath("//a/@name"))


def html_pages(site: Path):
    for file in sorted(site.rglob("*.html")):
        rel = file.relative_to(site).as_posix()
        page_path = rel[: -len("index.html")] if rel.endswith("index.html") else rel
        yield file, page_path


def test_no_broken_internal_links_or_anchors(built_site):
    broken = []
    checked = 0
    for file, page_path in html_pages(built_site):
        if page_path == "404.html":
            continue  # served at any depth: its links are root-relative by design
        doc = lhtml.parse(str(file)).getroot()
        for tag, attr in ATTRS:
            for el in doc.iter(tag):
                href = el.get(attr)
                if not href:
                    continue
                target, frag = target_file(built_site, page_path, href)
                if target is None:
                    continue
                checked += 1
                if not target.exists():
                    broken.append(f"{page_path}: {href} -> missing {target.relative_to(built_site)}")
                elif frag and not frag.startswith("/") and target.suffix == ".html" and frag not in ids_of(target):
                    # (a fragment "#/collections/..." is a route of the web editor at admin/, not an anchor)
                    broken.append(f"{page_path}: {href} -> no anchor #{frag}")
    assert checked > 1000
    assert not broken, "\n".join(broken[:50])


def test_feed_links_point_at_published_pages(built_site):
    broken, checked = [], 0
    for feed in sorted((built_site / "feeds").glob("*.xml")):
        tree = etree.parse(str(feed))
        urls = tree.xpath("//*[local-name()='link']/@href | //*[local-name()='link']/text() "
                          "| //*[local-name()='enclosure']/@url")
        for url in urls:
            url = str(url).strip()
            if not url.startswith(SITE_URL):
                continue
            target, _ = target_file(built_site, "", url)
            checked += 1
            if not target.exists():
                broken.append(f"{feed.name}: {url}")
    assert checked > 0
    assert not broken, "\n".join(broken[:50])

"""Helpers of the blog tests: the fixture blog tree, and a detector of active content in built HTML."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from .conftest import REPO, copy_tree

FIXTURE = REPO / "tests" / "fixtures" / "blog"
RECS = ["sip2021-01", "sip2021-03", "sip2021-25"]


def blog_tree(dest: Path, *, page_size: int = 2, posts: bool = True) -> Path:
    """A site tree with three recommendations and the fixture blog (5 published posts, 1 draft)."""
    root = copy_tree(dest, recommendations=RECS)
    blog = root / "content" / "blog"
    blog.mkdir(parents=True, exist_ok=True)
    if posts:
        shutil.copytree(FIXTURE / "posts", blog / "posts")
    else:
        (blog / "posts").mkdir()
    shutil.copytree(FIXTURE / "images", blog / "images")
    for name in ("authors.yml", "tags.yml"):
        shutil.copy2(FIXTURE / name, blog / name)
    cfg = root / "coopsite.yml"
    text = cfg.read_text(encoding="utf-8")
    assert "page_size: 10" in text
    cfg.write_text(text.replace("page_size: 10", f"page_size: {page_size}"), encoding="utf-8")
    return root


def write_post(root: Path, name: str, front: str, body: str) -> str:
    """Write content/blog/posts/<name> with the given front matter lines; returns its repo-relative path."""
    path = root / "content" / "blog" / "posts" / name
    path.write_text(f"---\n{front.strip()}\n---\n\n{body}", encoding="utf-8")
    return path.relative_to(root).as_posix()


ACTIVE_TAGS = {"script", "iframe", "frame", "frameset", "object", "embed", "applet", "form", "input", "button",
               "textarea", "select", "style", "link", "meta", "base", "svg", "math", "template", "noscript",
               "portal", "video", "audio", "source"}
URL_ATTRS = {"href", "src", "action", "formaction", "data", "xlink:href", "background", "poster", "cite", "srcdoc",
             "dynsrc", "lowsrc", "codebase"}


def dangers(root, *, allow_theme_head: bool = False) -> list[str]:
    """Everything in an lxml tree that could run a script or load active content."""
    found = []
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        tag = el.tag.lower().split("}")[-1]
        if tag in ACTIVE_TAGS:
            found.append(f"<{tag}>")
        for name, value in el.attrib.items():
            name = name.lower().split("}")[-1]
            if name.startswith("on"):
                found.append(f"<{tag} {name}=>")
            if name in URL_ATTRS:
                v = re.sub(r"[\x00-\x20\x7f]+", "", value).lower()
                if v.startswith(("javascript:", "vbscript:", "data:", "livescript:")):
                    found.append(f"<{tag} {name}={value[:30]}>")
            if name == "style" and re.search(r"url\s*\(|expression|behavior|binding|@import", value, re.I):
                found.append(f"<{tag} style={value[:30]}>")
    return found

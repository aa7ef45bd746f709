"""Member Markdown -> HTML, rendered like MkDocs renders pages (the same extensions as mkdocs.yml).

The blog renders post bodies itself, so that their HTML can be sanitised
(safety.sanitize_html) before it reaches a page or a feed; safety.check_markdown
renders the same way to see exactly what a browser would get.
"""

from __future__ import annotations

import re
from functools import lru_cache

import markdown

# Keep in step with `markdown_extensions` in mkdocs.yml (a test compares them).
EXTENSIONS = ["admonition", "attr_list", "md_in_html", "tables", "toc", "pymdownx.details"]
EXTENSION_CONFIGS = {"toc": {"permalink": False}}

# Material's excerpt separator: what comes before it is the post's teaser.
MORE = re.compile(r"^[ \t]*<!--\s*more\s*-->[ \t]*$", re.M | re.I)

_LIST_LINE = re.compile(r"^( +)([-*+]|\d+[.)]) ")

_md: markdown.Markdown | None = None


def normalize(text: str) -> str:
    """Two-space nested lists made four-space (Python-Markdown's rule), keeping every line where it is.

    Same rule as render.common.md, but without stripping: positions in
    problems must stay those of the file.
    """
    lines = []
    for line in text.split("\n"):
        m = _LIST_LINE.match(line)
        if m and len(m.group(1)) % 4:
            line = " " * (2 * len(m.group(1))) + line.lstrip(" ")
        lines.append(line)
    return "\n".join(lines)


@lru_cache(maxsize=2048)
def to_html(text: str) -> str:
    """Markdown to HTML, NOT sanitised: use safety.safe_html for anything published.

    Memoised: check, pages, feeds and the API all render the same post bodies.
    """
    global _md
    if _md is None:
        _md = markdown.Markdown(extensions=EXTENSIONS, extension_configs=EXTENSION_CONFIGS)
    _md.reset()
    return _md.convert(normalize(text))


_WORD = re.compile(r"\w+(?:[-'’]\w+)*")


def word_count(plain_text: str) -> int:
    return len(_WORD.findall(plain_text))

"""Generated pages' HTML blocks passed through Markdown without being parsed again.

The pipeline writes its pages as Markdown whose body is mostly HTML that its templates
made (and that member text reached already sanitised). Python-Markdown copies such a raw
HTML block to its output unchanged, but only after parsing it with html.parser twice
(md_in_html's block extractor, and MkDocs' scan for anchor ids): about 60 % of the time
MkDocs spent converting these pages, at every language and every build.

So the plugin sets each top-level HTML block aside before Markdown runs (a one-line
comment takes its place, which Markdown also copies unchanged) and puts it back in the
converted HTML. The result is what Markdown gives for the whole text (tests compare the
two on every generated page), because only blocks Markdown would copy verbatim are set
aside: a run of lines, after a blank line, of well-nested elements that each start with a
block-level tag at the start of a line and close at the end of a line. Anything else (headings,
lists, admonitions, a tag inside a paragraph, text after a closing tag, comments) is left to
Markdown.
"""

from __future__ import annotations

import html
import re

# Python-Markdown's block-level elements (markdown.Markdown().block_level_elements, 3.x) that our
# templates start blocks with; a block starting with any other tag is left to Markdown.
BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "details", "dialog", "dd", "div", "dl", "dt",
    "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
    "header", "hgroup", "hr", "main", "menu", "nav", "ol", "p", "section", "table", "ul",
})
VOID_TAGS = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                       "source", "track", "wbr"})
# Elements whose content is not markup, and comments or declarations: Markdown's rules decide.
RAW_TAGS = frozenset({"script", "style", "pre", "textarea", "code"})
_START = re.compile(r"<([a-zA-Z][a-zA-Z0-9]*)[\s>]")
# A tag, with quoted attribute values that may hold '>' (html5 serialisers do not escape it there).
_TAG = re.compile(r"""<(?:(/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*(/?)>|!|\?)""")
_TOKEN = re.compile(r"<!--coopsite-block:(\d+)-->")
# MkDocs records the ids (and <a name>) a page holds, to check links to anchors.
_ANCHOR = re.compile(r"<(?:[a-zA-Z][a-zA-Z0-9]*\s(?:[^>]*?\s)?id|a\s(?:[^>]*?\s)?name)=\"([^\"]*)\"")


def _block_end(text: str, start: int) -> int | None:
    """Where the HTML block that starts at `start` (a block-level tag at a line start) ends, if
    Markdown would copy it verbatim: well-nested elements, each top-level one starting a line and
    closing at the end of a line, up to a blank line. None when anything else is met (text after
    a closing tag, a comment, an element whose content is not markup, an unclosed element)."""
    depth, pos = 0, start
    while True:
        if depth == 0 and pos > start:  # a top-level element has just closed
            eol = text.find("\n", pos)
            if eol < 0:
                return len(text) if not text[pos:].strip() else None
            if text[pos:eol].strip():
                return None
            nxt = text.find("\n", eol + 1)
            next_line = text[eol + 1: nxt if nxt >= 0 else len(text)]
            if not next_line.strip():
                return eol
            match = _START.match(next_line)
            if not (match and match.group(1).lower() in BLOCK_TAGS):
                return None
            pos = eol + 1
        match = _TAG.search(text, pos)
        if match is None or match.group(2) is None:
            return None
        if depth == 0 and match.start() != pos:
            return None
        name = match.group(2).lower()
        if name in RAW_TAGS:
            return None
        if match.group(1):
            depth -= 1
            if depth < 0:
                return None
        elif name not in VOID_TAGS and not match.group(4):
            depth += 1
        pos = match.end()


def set_aside(markdown: str) -> tuple[str, list[str]]:
    """The text with its top-level HTML blocks replaced by placeholders, and those blocks."""
    if "<!--coopsite-block:" in markdown:  # a text that holds our placeholder: leave it to Markdown
        return markdown, []
    out: list[str] = []
    blocks: list[str] = []
    pos, previous_blank, fence = 0, True, False
    n = len(markdown)
    while pos < n:
        eol = markdown.find("\n", pos)
        eol = n if eol < 0 else eol
        line = markdown[pos:eol]
        if line.startswith(("```", "~~~")):
            fence = not fence  # never inside a fenced code block
        match = None if fence or not previous_blank else _START.match(line)
        if match and match.group(1).lower() in BLOCK_TAGS:
            end = _block_end(markdown, pos)
            if end is not None:
                blocks.append(markdown[pos:end])
                out.append(f"<!--coopsite-block:{len(blocks) - 1}-->")
                pos, previous_blank = end + 1, False
                continue
        out.append(line)
        previous_blank = not line.strip()
        pos = eol + 1
    if markdown.endswith("\n") or not markdown:
        out.append("")
    return "\n".join(out), blocks


def put_back(converted: str, blocks: list[str]) -> str:
    """The converted HTML with each placeholder replaced by its block."""
    if not blocks:
        return converted
    return _TOKEN.sub(lambda m: blocks[int(m.group(1))], converted)


def anchor_ids(blocks: list[str]) -> set[str]:
    """The ids of the set-aside blocks, as MkDocs' scan of raw HTML would have found them."""
    return {html.unescape(value) for block in blocks for value in _ANCHOR.findall(block)}

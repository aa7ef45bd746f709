"""Member Markdown is untrusted: reject what could run a script, and sanitise what is published.

Two lines of defence with one allow-list:

- check_markdown(): `coopsite check` renders the Markdown exactly as the site
  does and reports every element, attribute or address that could run script
  or load active content, positioned in the Markdown file, with what to write
  instead. Code between backticks is text, so a post may *show* `<script>`.
- sanitize_html(): whatever the check let through (or if it was bypassed), the
  HTML that reaches a page or a feed passes nh3 (ammonia, an HTML5 parser like
  browsers have) with the same allow-list.
"""

from __future__ import annotations

import html as _html
import re
from dataclasses import dataclass
from functools import lru_cache
from html.parser import HTMLParser

import nh3

from coopsite.core import markup
from coopsite.core.problems import Problems

# --- the allow-list -------------------------------------------------------
ALLOWED_TAGS = frozenset({
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "dd", "del", "details", "dfn", "div",
    "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins",
    "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "samp", "small", "span", "strong", "sub", "summary",
    "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul", "var", "wbr",
})
GLOBAL_ATTRIBUTES = frozenset({"title", "lang", "dir", "class", "id"})
TAG_ATTRIBUTES = {
    "a": {"href", "hreflang"},
    "img": {"src", "alt", "width", "height", "loading"},
    "ol": {"start", "reversed", "type"},
    "li": {"value"},
    "td": {"colspan", "rowspan", "style"},  # style: text-align only (Markdown tables write it)
    "th": {"colspan", "rowspan", "scope", "style"},
    "time": {"datetime"},
    "details": {"open"},
    "blockquote": {"cite"},
    "q": {"cite"},
    "del": {"cite", "datetime"},
    "ins": {"cite", "datetime"},
}
URL_ATTRIBUTES = frozenset({("a", "href"), ("img", "src"), ("blockquote", "cite"), ("q", "cite"),
                            ("del", "cite"), ("ins", "cite")})
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
# Elements removed with their content (not only their tags) by the sanitiser.
CLEAN_CONTENT = frozenset({"script", "style", "template", "noscript", "iframe", "object", "embed", "applet",
                           "svg", "math", "textarea", "select", "xmp", "noembed", "noframes", "title"})
# An id starts with a letter: never '__…' like the theme's own elements (no DOM clobbering).
ID_RE = re.compile(r"^[a-z][a-z0-9_-]*$")
ALIGN_RE = re.compile(r"^\s*text-align\s*:\s*(left|right|center|justify)\s*;?\s*$", re.I)
LINK_REL = "noopener noreferrer ugc"


def _attribute_filter(tag: str, attr: str, value: str) -> str | None:
    if (tag, attr) in URL_ATTRIBUTES:
        # stricter than browsers: an address that is a script once blanks are removed goes too
        scheme = url_scheme(value)
        return value if scheme is None or scheme in URL_SCHEMES else None
    if attr == "id":
        return value if ID_RE.match(value) else None
    if attr == "style":
        return value if ALIGN_RE.match(value) else None
    return value


def sanitize_html(html: str) -> str:
    """HTML reduced to the allow-list: no script, no event attribute, no active address, no comment."""
    attributes = {"*": set(GLOBAL_ATTRIBUTES), **{tag: set(attrs) for tag, attrs in TAG_ATTRIBUTES.items()}}
    return nh3.clean(html, tags=set(ALLOWED_TAGS), clean_content_tags=set(CLEAN_CONTENT), attributes=attributes,
                     attribute_filter=_attribute_filter, strip_comments=True, link_rel=LINK_REL,
                     url_schemes=set(URL_SCHEMES), filter_style_properties={"text-align"})


@lru_cache(maxsize=2048)
def safe_html(markdown_text: str) -> str:
    """Markdown rendered and sanitised: the only way post bodies become HTML."""
    return sanitize_html(markup.to_html(markdown_text))


# --- finding what is not allowed -------------------------------------------
@dataclass(frozen=True, kw_only=True)
class Finding:
    message: str
    hint: str
    needle: str  # regexes (separated by ' || ') that find the construct in its source line, for the column


_SCRIPT = ({"script", "noscript", "template"},
           "scripts never run from the site's texts",
           "to show code, put it between backticks (`<script>`) or indent it by four spaces")
_EMBED = ({"iframe", "frame", "frameset", "object", "embed", "applet", "portal", "audio", "video", "source",
           "track", "picture", "canvas", "param", "bgsound"},
          "embedded players and frames are not allowed",
          "link to the page instead: [title of the video](https://...)")
_FORM = ({"form", "input", "button", "textarea", "select", "option", "optgroup", "keygen", "isindex",
          "datalist", "output", "fieldset"},
         "forms are not allowed",
         "link to the form instead: [fill in the form](https://...)")
_PAGE = ({"style", "link", "meta", "base", "head", "html", "body", "title", "xml", "import"},
         "this element would change the whole page",
         "remove it; format with Markdown instead (*italic*, **bold**, ## heading)")
_VECTOR = ({"svg", "math", "animate", "foreignobject", "mglyph", "mtext", "annotation-xml"},
           "inline SVG and MathML can run scripts",
           "save the drawing as a PNG in content/blog/images/ and insert it with ![what it shows](../images/name.png)")
_CATEGORIES = (_SCRIPT, _EMBED, _FORM, _PAGE, _VECTOR)


def _tag_finding(tag: str) -> Finding:
    needle = r"<\s*" + re.escape(tag[:20])
    for names, why, hint in _CATEGORIES:
        if tag in names:
            return Finding(message=f"<{tag}> is not allowed: {why}", hint=hint, needle=needle)
    if not re.fullmatch(r"[a-z][a-z0-9-]*", tag):
        return Finding(message=f"malformed HTML tag '<{tag[:30]}'", hint="write the text in Markdown; to show a '<' "
                       "character write &lt; or put it between backticks", needle=r"<")
    return Finding(message=f"HTML element <{tag}> is not allowed",
                   hint="use Markdown instead (*italic*, **bold**, lists, links, > quotes), or one of these elements: "
                   + ", ".join(sorted(ALLOWED_TAGS)), needle=needle)


def url_scheme(url: str) -> str | None:
    """The scheme a browser would see: entities decoded, control characters and whitespace dropped."""
    cleaned = re.sub(r"[\x00-\x20\x7f-\x9f]+", "", _html.unescape(url)).lower()
    m = re.match(r"^([a-z][a-z0-9+.\-]*):", cleaned)
    return m.group(1) if m else None


def _attr_findings(tag: str, attrs: list[tuple[str, str | None]]) -> list[Finding]:
    out = []
    allowed = GLOBAL_ATTRIBUTES | TAG_ATTRIBUTES.get(tag, set())
    for name, value in attrs:
        value = value or ""
        needle = re.escape(name[:30]) + r"\s*="
        if name.startswith("on"):
            out.append(Finding(message=f"event attribute '{name}' is not allowed: it runs a script",
                               hint=f"remove {name}=...: no script runs from the site's texts", needle=needle))
        elif name == "style":
            if tag in ("td", "th") and ALIGN_RE.match(value):
                continue
            out.append(Finding(message="style attributes are not allowed",
                               hint="remove style=...; the site's own style applies everywhere (emphasis: *italic*, "
                               "**bold**)", needle=needle))
        elif name not in allowed:
            out.append(Finding(message=f"attribute '{name}' is not allowed on <{tag}>",
                               hint=f"remove it; allowed on <{tag}>: " + ", ".join(sorted(allowed)), needle=needle))
        elif (tag, name) in URL_ATTRIBUTES:
            scheme = url_scheme(value)
            if scheme and scheme not in URL_SCHEMES:
                out.append(Finding(message=f"'{scheme}:' address in {name} is not allowed",
                                   hint="a link or image address starts with https:// (or http://, mailto:, tel:) or is "
                                   "relative, e.g. [text](https://example.org) or ![photo](../images/photo.jpg)",
                                   needle=rf"{re.escape(scheme)}\s*: || {name}\s*= || \]\( || \]:"))
        elif name == "id" and not ID_RE.match(value):
            out.append(Finding(message=f"id '{value[:30]}' is not allowed",
                               hint="an id starts with a lower-case letter and holds letters, digits, - and _, "
                               "e.g. {#my-section}", needle=r"#|id\s*="))
    return out


class _Scanner(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.findings: list[Finding] = []

    def handle_starttag(self, tag, attrs):
        if tag not in ALLOWED_TAGS:
            self.findings.append(_tag_finding(tag))  # the element goes whole: its attributes need no report
        else:
            self.findings.extend(_attr_findings(tag, attrs))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_comment(self, data):
        if re.search(r"[<>\[\]]", data):
            self.findings.append(Finding(message="HTML comment with markup in it",
                                         hint="a comment holds plain text only; <!-- more --> marks the end of the "
                                         "excerpt", needle=r"<!--"))

    def handle_decl(self, decl):
        self.findings.append(Finding(message=f"'<!{decl[:20]}>' is not allowed", hint="remove it", needle=r"<!"))

    def unknown_decl(self, data):
        self.findings.append(Finding(message="CDATA sections are not allowed", hint="remove it", needle=r"<!\["))

    def handle_pi(self, data):
        self.findings.append(Finding(message="processing instructions (<?...?>) are not allowed", hint="remove it",
                                     needle=r"<\?"))


# A safety net under the parser: what a browser might still read as script,
# found in the rendered HTML's tags after decoding entities.
_NET_TAG = re.compile(r"<\s*/?\s*(script|iframe|object|embed|applet|svg|math|style|meta|base|link|form|frame"
                      r"|frameset|template|noscript|xml|import|portal)\b", re.I)
_TAG_SPAN = re.compile(r"<[a-zA-Z!/?][^>]*>?")
_NET_WORDS = re.compile(r"(javascript|vbscript|livescript|mocha):|data:[a-z/+.-]*[;,]|expression\(|url\(|"
                        r"-moz-binding|behavior:|@import|\bon[a-z]+=|srcdoc=", re.I)


def findings(html: str) -> list[Finding]:
    """What in rendered HTML is not allowed, in document order."""
    scanner = _Scanner()
    scanner.feed(html)
    scanner.close()
    if scanner.findings:
        return scanner.findings
    net = []
    for m in _NET_TAG.finditer(html):
        net.append(Finding(message=f"<{m.group(1).lower()}> is not allowed", hint="remove it", needle=r"<"))
    for span in _TAG_SPAN.finditer(html):
        decoded = re.sub(r"[\x00-\x20\x7f-\x9f`'\"]+", "", _html.unescape(span.group(0)))
        m = _NET_WORDS.search(decoded)
        if m:
            net.append(Finding(message=f"'{m.group(0)[:20]}' inside an HTML tag could run a script",
                               hint="remove it: links start with https://, and the site's texts carry no scripts or styles",
                               needle=r"<"))
    return net


# The last net, on the Markdown source itself: a tag-like text with a script in
# it that the renderer happened to neutralise (a code span splitting a tag, an
# unquoted address it did not read as HTML) is still rejected: another renderer
# (a pull request preview, a future version) may read it differently.
# Code spans are blanked first, so a post may still show such code.
_SRC_DANGER = re.compile(
    r"<\s*/?\s*(?P<tag>script|iframe|object|embed|applet|svg|math|style|meta|base|link|form|frame|frameset"
    r"|template|noscript|xml|import|portal)\b"
    r"|<[a-zA-Z][^<>]*?[\s/\"'`](?P<attr>on[a-z]+)\s*="
    r"|<[a-zA-Z][^<>]*?(?P<scheme>javascript|vbscript|livescript|data)\s*:", re.I)
_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.S)


def _blank_code(text: str) -> str:
    """Code spans and code blocks blanked out (same length, same lines): code is text, not HTML."""
    text = _CODE_SPAN.sub(lambda m: m.group(1) + re.sub(r"[^\n]", " ", m.group(2)) + m.group(1), text)
    # Lines of code blocks are those the renderer put in <pre><code>.
    code_lines = set()
    for block in re.findall(r"<pre><code[^>]*>(.*?)</code></pre>", markup.to_html(text), re.S):
        code_lines.update(line.strip() for line in _html.unescape(block).split("\n") if line.strip())
    return "\n".join(" " * len(line) if line.strip() in code_lines else line for line in text.split("\n"))


def source_findings(text: str) -> list[tuple[int, Finding]]:
    """(offset in text, finding) for tag-like script text in the Markdown source, outside code spans."""
    out = []
    for m in _SRC_DANGER.finditer(_blank_code(text)):
        if m.group("tag"):
            finding = _tag_finding(m.group("tag").lower())
            offset = m.start()
        elif m.group("attr"):
            finding = Finding(message=f"event attribute '{m.group('attr')}' in an HTML tag: it would run a script",
                              hint=f"remove {m.group('attr')}=...: no script runs from the site's texts", needle="")
            offset = m.start("attr")
        else:
            finding = Finding(message=f"'{m.group('scheme').lower()}:' address in an HTML tag is not allowed",
                              hint="a link starts with https://: write it in Markdown, [text](https://example.org)", needle="")
            offset = m.start("scheme")
        out.append((offset, finding))
    return out


def _column(needles: str, line: str) -> int:
    for needle in filter(None, needles.split(" || ")):
        m = re.search(needle, line, re.I)
        if m:
            return m.start()
    return len(line) - len(line.lstrip())


# Without '<' (raw HTML, autolinks), a link or image destination, or '{' (attr_list),
# Markdown produces no element that could carry a script: no need to render.
_MAYBE_ACTIVE = re.compile(r"[<{]|\]\s*[(:\[]")


def has_findings(text: str) -> bool:
    if not _MAYBE_ACTIVE.search(text):
        return False
    return bool(findings(markup.to_html(text)) or source_findings(text))


def check_markdown(text: str, relpath: str, first_line: int, problems: Problems, *, first_col: int = 1,
                   indent: int = 0) -> int:
    """Report every disallowed construct in Markdown `text` whose first line is line `first_line` of `relpath`.

    first_col: column of the text's first character in the file (a YAML value
    on its key's line); indent: columns before every other line (a YAML block).
    Returns how many problems were added.
    """
    found = findings(markup.to_html(text))
    lines = text.split("\n")
    placed: list[tuple[int, int, Finding]] = []  # (0-based line, 0-based column, finding)
    if found:
        # The line of each finding: the shortest prefix of the text that produces it.
        at: list[int] = []
        for k in range(1, len(lines) + 1):
            if len(at) == len(found):
                break
            if not lines[k - 1].strip() and k < len(lines):
                continue
            count = len(findings(markup.to_html("\n".join(lines[:k]))))
            while len(at) < min(count, len(found)):
                at.append(k - 1)
        while len(at) < len(found):
            at.append(len(lines) - 1)
        for finding, k in zip(found, at):
            col = _column(finding.needle, lines[k])
            placed.append((k, col, finding))
    else:
        for offset, finding in source_findings(text):
            k = text.count("\n", 0, offset)
            placed.append((k, offset - (text.rfind("\n", 0, offset) + 1), finding))
    for k, col, finding in placed:
        col += first_col if k == 0 else indent + 1
        problems.error(relpath, first_line + k, col, finding.message, finding.hint)
    return len(placed)


# --- the same rule for the Markdown text of recommendations and cycles ------
def check_records(catalog, problems: Problems) -> None:
    """Every localized text of recommendations and cycles (validate.EXTRA_RULES).

    Texts are checked first; only a file with a problem is read again, to find
    the line and column of the text in its language.
    """
    records = [(rec, None) for rec in catalog.recommendations] + [(c, c.id) for c in catalog.cycles]
    for record, list_id in records:
        check_record(record, catalog.config.root, problems, list_id)


def check_record(record, root, problems: Problems, list_id: str | None = None) -> None:
    """Every localized text of one record read from a YAML file (recommendations, cycles, podcast episodes)."""
    from coopsite.core.model import localized_fields

    for path, loc in localized_fields(record):
        for lang, text in loc.texts.items():
            if has_findings(text):
                line, col, indent = _text_position(root, record.pos.path, list_id, path, lang)
                check_markdown(text, record.pos.path, line, problems, first_col=col, indent=indent)


def _text_position(root, relpath: str, list_id: str | None, dotted: str, lang: str) -> tuple[int, int, int]:
    """(first line, first column, indent of the other lines) of a localized text in its YAML file."""
    from coopsite.core.source import parse_yaml

    try:
        text = (root / relpath).read_text(encoding="utf-8")
    except OSError:
        return 0, 0, 0
    node = parse_yaml(text, relpath, Problems())  # the loader has reported a broken file already
    if list_id is not None and isinstance(node, list):
        node = next((item for item in node if isinstance(item, dict) and str(item.get("id")) == list_id), None)
    for part in re.findall(r"[^.\[\]]+|\[\d+\]", dotted):
        if node is None:
            return 0, 0, 0
        if part.startswith("["):
            i = int(part[1:-1])
            node = node[i] if isinstance(node, list) and i < len(node) else None
        else:
            node = node.get(part) if isinstance(node, dict) else None
    if not isinstance(node, dict) or lang not in node:
        return 0, 0, 0
    line, col = node.lc.value(lang)
    lines = text.split("\n")
    indicator = lines[line][col:col + 1] if line < len(lines) else ""
    if indicator in ("|", ">"):
        # a block: the text starts on the next line, indented
        nxt = next((x for x in lines[line + 1:] if x.strip()), "")
        indent = len(nxt) - len(nxt.lstrip(" "))
        first = line + 2 + next((i for i, x in enumerate(lines[line + 1:]) if x.strip()), 0)
        return first, indent + 1, indent
    quote = 1 if indicator in ("'", '"') else 0
    return line + 1, col + 1 + quote, col

"""Pages from Jinja2 templates: views hand plain data over, templates write the markup.

The templates live in the package's theme folder (coopsite/theme/coopsite/<kind>.html; partials in
coopsite/theme/coopsite/partials/), the folder the MkDocs plugin already adds to the theme; a
content type may also bring its own folder (ContentType.templates), searched after it. A site
owner overrides any of them with a file of the same name under Material's `custom_dir`
(theme.custom_dir in mkdocs.yml): the pipeline looks there first, as MkDocs does for the theme's
own templates.

A template produces the Markdown page MkDocs reads: a front matter, Markdown headings (so the
table of contents and anchors work) and HTML. Autoescaping is on: every value is text unless it
went through `member` (member Markdown, converted then sanitised) or is a partial's output.
"""

from __future__ import annotations

import html
from functools import lru_cache
from pathlib import Path

import jinja2
from markupsafe import Markup

from coopsite.core import safety, template_cache
from coopsite.core.i18n import format as fmt
from coopsite.core.i18n import ui

THEME_DIR = Path(__file__).resolve().parent.parent / "theme"
MKDOCS_FILE = "mkdocs.yml"


def custom_dir(root: Path) -> Path | None:
    """theme.custom_dir of mkdocs.yml, if the site has one (None otherwise, or when unreadable:
    MkDocs itself then reports the file's problems)."""
    path = Path(root) / MKDOCS_FILE
    try:
        st = path.stat()
        stamp = (st.st_mtime_ns, st.st_size)
    except OSError:
        stamp = None
    return _custom_dir(path, stamp)


@lru_cache(maxsize=64)
def _custom_dir(path: Path, stamp) -> Path | None:
    # Remembered per file version (mtime and size): every page render asks, and reading
    # mkdocs.yml with ruamel each time cost 0.1 s a page (80 s of a 20x build).
    from ruamel.yaml import YAML

    root = path.parent
    try:
        data = YAML(typ="rt", pure=True).load(path.read_text(encoding="utf-8"))
    except Exception:  # noqa: BLE001  (any YAML error: MkDocs reports it with its own position)
        return None
    theme = data.get("theme") if isinstance(data, dict) else None
    value = theme.get("custom_dir") if isinstance(theme, dict) else None
    if not isinstance(value, str) or not value.strip():
        return None
    folder = (Path(root) / value).resolve()
    return folder if folder.is_dir() else None


def template_dirs(root: Path) -> tuple[Path, ...]:
    own = custom_dir(root)
    return (own, THEME_DIR) if own else (THEME_DIR,)


def member(text: str | None) -> Markup:
    """THE way member Markdown reaches a page: converted, then sanitised (core.safety.safe_html)."""
    if not text or not text.strip():
        return Markup("")
    return Markup(safety.safe_html(text))


def member_inline(text: str | None) -> Markup:
    """Member Markdown of one paragraph, without its <p>, to sit inside a list item or a sentence."""
    html_text = str(member(text)).strip()
    if html_text.startswith("<p>") and html_text.endswith("</p>") and html_text.count("<p>") == 1:
        html_text = html_text[3:-4]
    return Markup(html_text)


def yaml_str(value: str, *, quote: bool = True) -> Markup:
    """A front matter value. Material prints page meta unescaped (the description inside an
    attribute): HTML-escaped here, then quoted for YAML, so text stays text."""
    escaped = html.escape(str(value), quote=quote)
    return Markup('"' + escaped.replace("\\", "\\\\").replace('"', '\\"') + '"')


def md_text(value: str) -> Markup:
    """Text inside a Markdown heading or list line: HTML-escaped, and the characters Markdown would
    read as markup escaped with a backslash (a title with *stars* stays a title with stars)."""
    # interface text arrives escaped (Markup, quotes as &#39;): headings carry text only, so it is
    # read back and escaped the one way Markdown headings need
    plain = html.unescape(str(value)) if isinstance(value, Markup) else str(value)
    escaped = html.escape(plain, quote=False)
    out = []
    for ch in escaped:
        out.append("\\" + ch if ch in "\\`*_[]#" else ch)
    return Markup("".join(out))


def _fill(message: str, values: dict) -> Markup:
    """An interface text with its values: the text is escaped, and so is every value except markup
    a template made (a link handed over as a {% set %} block), so a translation may hold a link."""
    return Markup.escape(message).format(**values) if values else Markup.escape(message)


@lru_cache(maxsize=8)
def _environment(dirs: tuple[Path, ...]) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(d) for d in dirs]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,  # a misspelt name fails the build instead of vanishing
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["member"] = member
    env.filters["member_inline"] = member_inline
    env.filters["yaml_str"] = yaml_str
    env.filters["md"] = md_text
    template_cache.keep_compiled(env, "pages")
    return env


def environment(root: Path, content_types=()) -> jinja2.Environment:
    own = tuple(ct.templates for ct in content_types if ct.templates)
    return _environment(template_dirs(root) + own)


def render(catalog, name: str, lang: str, **data) -> str:
    """The template coopsite/<name> for one language. Templates get the view's data and, for
    interface text, _(key, **values) and _n(key, n, **values) in the page's language (the names
    gettext tools look for), and date(d, format) with the date formats of that language."""
    env = environment(catalog.config.root, catalog.content_types)
    template = env.get_template(f"coopsite/{name}")
    return template.render(
        lang=lang,
        _=lambda key, **kw: _fill(ui.text(lang, key), kw),
        _n=lambda key, n, **kw: _fill(ui.plural_form(lang, key, n), {"n": n, **kw}),
        date=lambda d, f="long": fmt.date(d, lang, f),
        # who runs the site (coopsite.yml `publisher:`), for every template (footer, about page)
        publisher=publisher_data(catalog.config, lang),
        **data,
    )


def publisher_data(config, lang: str) -> dict | None:
    """The publisher in the reader's language: {name, url, contact}, or None when not set."""
    pub = getattr(config, "publisher", None)
    if pub is None:
        return None
    return {"name": pub.name.pick(lang, config.languages.default)[0], "url": pub.url or "",
            "contact": pub.contact or ""}

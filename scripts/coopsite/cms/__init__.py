"""The web editor (issue 19): Decap CMS at /admin/, its configuration, and the edit links of every page.

- schema.py: the editable fields of each content type, and the Decap configuration made from them;
- forge.py: the `forge:` settings and the forge's addresses (edit a file, new issue, sign-in);
- local.py: `coopsite edit`, Decap's local backend protocol answered from the working copy;
- vendor/: the pinned, prebuilt Decap bundle (scripts/update_cms_bundle.py updates it).

Nothing here runs in the reader's browser but Decap itself, and only on /admin/.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

import jinja2

from coopsite.core.i18n import ui
from coopsite.core.i18n.ui import N_

VENDOR = Path(__file__).with_name("vendor")
OWN = Path(__file__).with_name("admin")  # our own scripts of the editor page
FORMAT = "coopsite-yml"  # the YAML format that keeps hand-kept files as they are (admin/coopsite-yml.js)
ADMIN = "admin"

# The interface text of the editor's links, from the catalogs (locales/*.po), keys marked for Babel.
TEXT = {"suggest": N_("cms_suggest"), "translate": N_("cms_translate"), "report": N_("cms_report"),
        "issue_title": N_("cms_issue_title"), "issue_body": N_("cms_issue_body"), "nav": N_("cms_nav"),
        "editor_title": N_("cms_editor_title")}


def text(key: str, lang: str) -> str:
    return ui.text(lang, TEXT[key])


def forge_of(catalog):
    return catalog.config.sections.get("forge")


def editor_on(catalog) -> bool:
    forge = forge_of(catalog)
    return bool(forge and forge.editor)


# --- the published editor -------------------------------------------------------

def bundle_manifest() -> dict:
    return json.loads((VENDOR / "BUNDLE.json").read_text(encoding="utf-8"))


def init_js(langs) -> bytes:
    """Start Decap in the member's language: the one of the page they came from (?lang=), else the browser's."""
    return ("""// The web editor of the site (coopsite.cms): Decap CMS, with the site's YAML format, in the member's language.
import { coopsiteYml } from "./coopsite-yml.js";

const known = %s;
const asked = new URLSearchParams(window.location.search).get("lang") || (navigator.language || "").slice(0, 2);
CMS.registerCustomFormat("%s", "yml", coopsiteYml);
CMS.init({ config: { locale: known.includes(asked) ? asked : known[0] } });
""" % (json.dumps(list(langs)), FORMAT)).encode("utf-8")


def index_html(title: str) -> bytes:
    """The editor's page (admin/index.html, a template: the title is escaped): Decap and a few lines
    of our own, all from this folder (no other host)."""
    return _PAGE.render(title=title).encode("utf-8")


_PAGE = jinja2.Environment(loader=jinja2.FileSystemLoader(str(Path(__file__).with_name("admin"))),
                           autoescape=True, keep_trailing_newline=True).get_template("index.html")


def admin_files(catalog) -> dict[str, bytes]:
    """{site path: bytes}: the editor's page and its configuration (JSON is YAML too; Decap reads config.yml)."""
    if not editor_on(catalog):
        return {}
    from coopsite.cms.schema import decap_config

    title = f"{catalog.config.site_name.get(catalog.config.languages.default) or ''}: " + " · ".join(
        text("editor_title", lang) for lang in catalog.config.languages.all)
    config = json.dumps(decap_config(catalog), ensure_ascii=False, indent=1) + "\n"
    return {f"{ADMIN}/index.html": index_html(title), f"{ADMIN}/config.yml": config.encode("utf-8"),
            f"{ADMIN}/init.js": init_js(catalog.config.languages.all),
            f"{ADMIN}/coopsite-yml.js": (OWN / "coopsite-yml.js").read_bytes()}


def admin_copies(catalog) -> dict[str, str]:
    """{site path: file}: the bundle as it is in vendor/ (hard-linked or copied, never read into memory)."""
    if not editor_on(catalog):
        return {}
    return {f"{ADMIN}/{name}": str(VENDOR / name) for name in bundle_manifest()["files"]}


def bundle_problems() -> list[str]:
    """Files of the bundle whose SHA-256 is not the one BUNDLE.json records (none: the bundle is intact)."""
    out = []
    for name, digest in bundle_manifest()["files"].items():
        path = VENDOR / name
        if not path.is_file():
            out.append(f"{name}: missing")
        elif hashlib.sha256(path.read_bytes()).hexdigest() != digest:
            out.append(f"{name}: checksum differs from BUNDLE.json")
    return out


# --- the links of every page ------------------------------------------------------

@dataclass(frozen=True, kw_only=True)
class Source:
    path: str  # repository-relative source file of the page
    collection: str | None = None  # the editor's collection, None: not in the editor
    entry: str | None = None  # the entry's slug in that collection
    exists: bool = True  # False: the page shows another language's file; the translation is a new file
    also: tuple[str, ...] = ()  # other files the editor saves with it (a post's other languages)


def page_sources(catalog) -> dict[str, Source]:
    """{docs-relative page path without language ('recommendations/sip2021-01'): its source}."""
    from coopsite.cms.schema import EPISODE, EVENT, POST

    out: dict[str, Source] = {}
    for r in catalog.recommendations:
        out[f"recommendations/{r.id}"] = Source(path=r.pos.path, collection=f"recommendations-{r.cycle}", entry=r.id)
    for e in catalog.events:
        out[f"calendar/{e.id}"] = Source(path=e.pos.path, collection=EVENT.name, entry=e.id)
    for ep in catalog.episodes:
        out[f"podcast/{ep.slug}"] = Source(path=f"podcasts/{ep.slug}/episode.yml", collection=EPISODE.name, entry=f"{ep.slug}/episode")
    for p in catalog.posts:
        out[f"blog/{p.slug}"] = Source(path=p.files[p.original].path, collection=POST.name, entry=p.slug,
                                       also=tuple(f.path for f in p.files.values()))
    return out


# What Decap would change when it saves a post: it keeps every value, but writes the front matter its
# own way, so comments are lost and flow lists ([a, b]) become blocks. A post already in its shape is
# kept as it is; any other post is edited on the forge, whose editor changes only the lines the member
# changes. (YAML files are saved with the site's own format, which changes only the values that changed.)
_NOT_DECAP = re.compile(r"^\s*#|\s#|:\s*[\[{]|^\s*-\s*[\[{]", re.M)


def decap_keeps(path: Path) -> bool:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    if path.suffix == ".md":  # the front matter only: the body is Markdown, where '#' is a heading
        parts = text.split("---", 2)
        text = parts[1] if len(parts) == 3 and not parts[0].strip() else ""
    return bool(text) and not _NOT_DECAP.search(text)


def page_links(catalog, src_uri: str, lang: str, title: str, url: str, root: Path) -> dict | None:
    """The links under a page: src_uri is the page's file in docs_dir ('blog/my-post.fr.md')."""
    from coopsite.core.output import _owned

    forge = forge_of(catalog)
    if forge is None:
        return None
    logical, _, _ = src_uri.removesuffix(".md").rpartition(".")
    sources = catalog.__dict__.get("_cms_sources")
    if sources is None:  # the catalog is immutable; this index of it is made once
        sources = page_sources(catalog)
        object.__setattr__(catalog, "_cms_sources", sources)
    src = sources.get(logical)
    if logical == "index":  # the home page is generated around a hand-written text
        own = f"content/_partials/home.{lang}.md"
        src = Source(path=own, exists=(root / own).is_file())
    elif src is None and (root / "content" / src_uri).is_file() and not _owned(src_uri):
        # a hand-written page (about.nl.md): its own file, or the file its translation would be
        own = f"content/{logical}.{lang}.md"
        src = Source(path=own, exists=(root / own).is_file())
    links: dict = {}
    if src is not None:
        in_editor = src.collection and forge.editor and (
            src.path.endswith(".yml") or all(decap_keeps(root / p) for p in (src.path, *src.also)))
        if in_editor:
            edit = f"{ADMIN}/?lang={lang}#/collections/{src.collection}/entries/{src.entry}"
            links["suggest"] = links["translate"] = {"href": edit, "site": True}
        else:
            links["suggest"] = {"href": forge.edit_url(src.path) if src.exists else forge.new_file_url(src.path)}
            links["translate"] = links["suggest"]
        if lang == catalog.config.languages.default and src.collection is None:
            links.pop("translate")  # a hand-written page is translated in its own language's file
        links["source"] = src.path
    body = text("issue_body", lang).format(url=url, source=src.path if src else "-")
    links["report"] = {"href": forge.issue_url(text("issue_title", lang).format(title=title), body)}
    links["labels"] = {k: text(k, lang) for k in ("suggest", "translate", "report", "nav")}
    return links

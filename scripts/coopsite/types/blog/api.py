"""The blog in the JSON API: site/api/blog.json and its JSON Schema, site/api/blog.schema.json.

Every post with every language version (sanitised HTML with absolute links,
the same as the feeds), its authors (only those who consented), tags and
related recommendations: another front end needs nothing else.
"""

from __future__ import annotations

from coopsite.core import translations as ts
from coopsite.types.blog import body as bb
from coopsite.types.blog.views import IMAGES, post_page, published_authors
from coopsite.types.recommendations.api import DATE, LOCALIZED, LOCALIZED_REQ, PARTIAL_DATE, dump, loc
from coopsite.types.blog.feeds import content_html
from coopsite.core.links import latest_date

API_VERSION = 1


def post_record(catalog, post) -> dict:
    cfg = catalog.config
    langs = cfg.languages
    item = ts.Item(kind="blog", id=post.slug, path=post.pos.path, record=post, translations=dict(post.translations))
    versions = {}
    for lang in post.languages:
        tr = post.translations.get(lang)
        versions[lang] = {
            "title": post.title.texts[lang],
            "html": content_html(catalog, post, lang),
            "excerpt": bb.plain_excerpt(post, lang),
            "reading_minutes": bb.reading_minutes(post, lang),
            "translated_from": tr.from_lang if tr else None,
            "state": ts.state_of(item, lang, langs.default) if tr else "original",
            "source": post.files[lang].path,
        }
    return {
        "slug": post.slug,
        "date": post.date.edtf(),  # as precise as known: "2021", "2021-06", "2021-06-15", "2021~"
        "updated": post.updated.isoformat() if post.updated else None,
        "original": post.original,
        "authors": list(post.authors),
        "tags": list(post.tags),
        "recommendations": list(post.recommendations),
        "episodes": list(post.episodes),
        "title": loc(post.title),
        "description": loc(post.description),
        "cover": {"image": cfg.url(IMAGES + "/" + post.cover.image), "alt": loc(post.cover.alt)}
        if post.cover else None,
        "versions": versions,
        # every language has a page: untranslated posts are shown in their original there
        "url": {lang: bb.abs_url(post_page(post.slug), lang, cfg) for lang in langs.all},
    }


def blog_document(catalog) -> dict:
    cfg = catalog.config
    used_tags = {tid for p in catalog.posts for tid in p.tags}
    return {
        "api_version": API_VERSION,
        "updated": latest_date(catalog).isoformat(),
        "languages": list(cfg.languages.all),
        "default_language": cfg.languages.default,
        "authors": [{"id": a.id, "name": loc(a.name), "bio": loc(a.bio), "group": a.group, "link": a.link,
                     "avatar": cfg.url(IMAGES + "/" + a.avatar) if a.avatar else None}
                    for a in published_authors(catalog)],
        "tags": [{"id": tg.id, "label": loc(tg.label)} for tg in catalog.tags if tg.id in used_tags],
        "posts": [post_record(catalog, p) for p in catalog.posts if not p.draft],
    }


ID = {"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"}
URI = {"type": "string", "format": "uri"}
LANG = {"type": "string", "pattern": "^[a-z]{2}$"}


def blog_schema(site_url: str) -> dict:
    version = {
        "type": "object", "additionalProperties": False,
        "required": ["title", "html", "excerpt", "reading_minutes", "translated_from", "state", "source"],
        "properties": {
            "title": {"type": "string", "minLength": 1},
            "html": {"type": "string", "description": "The full text as sanitised HTML, links absolute."},
            "excerpt": {"type": "string", "description": "The teaser as plain text."},
            "reading_minutes": {"type": "integer", "minimum": 1},
            "translated_from": {"oneOf": [LANG, {"type": "null"}]},
            "state": {"enum": ["original", ts.OK, ts.MISSING, ts.OUTDATED, ts.UNSTAMPED]},
            "source": {"type": "string", "description": "Source file in the repository."},
        },
    }
    post = {
        "type": "object", "additionalProperties": False,
        "required": ["slug", "date", "original", "authors", "tags", "recommendations", "title", "versions", "url"],
        "properties": {
            "slug": {**ID, "description": "Stable identifier; also the page address blog/<slug>/."},
            "date": PARTIAL_DATE,
            "updated": {"oneOf": [DATE, {"type": "null"}]},
            "original": LANG,
            "authors": {"type": "array", "items": ID, "minItems": 1},
            "tags": {"type": "array", "items": ID},
            "recommendations": {"type": "array", "items": {"type": "string"},
                                "description": "Ids of recommendations in api/recommendations.json."},
            "episodes": {"type": "array", "items": {"type": "string"}},
            "title": LOCALIZED_REQ,
            "description": LOCALIZED,
            "cover": {"oneOf": [{"type": "null"}, {
                "type": "object", "required": ["image", "alt"], "additionalProperties": False,
                "properties": {"image": URI, "alt": LOCALIZED_REQ}}]},
            "versions": {"type": "object", "minProperties": 1, "propertyNames": {"pattern": "^[a-z]{2}$"},
                         "additionalProperties": version},
            "url": {"type": "object", "propertyNames": {"pattern": "^[a-z]{2}$"}, "additionalProperties": URI},
        },
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": site_url.rstrip("/") + "/api/blog.schema.json",
        "title": "Smart in Progress blog",
        "type": "object",
        "required": ["api_version", "languages", "authors", "tags", "posts"],
        "additionalProperties": False,
        "properties": {
            "api_version": {"const": API_VERSION},
            "updated": DATE,
            "languages": {"type": "array", "items": LANG},
            "default_language": LANG,
            "authors": {"type": "array", "items": {
                "type": "object", "required": ["id", "name", "group"], "additionalProperties": False,
                "properties": {"id": ID, "name": LOCALIZED_REQ, "bio": LOCALIZED, "group": {"type": "boolean"},
                               "link": {"oneOf": [URI, {"type": "null"}]},
                               "avatar": {"oneOf": [URI, {"type": "null"}]}}}},
            "tags": {"type": "array", "items": {
                "type": "object", "required": ["id", "label"], "additionalProperties": False,
                "properties": {"id": ID, "label": LOCALIZED_REQ}}},
            "posts": {"type": "array", "items": post},
        },
    }


def files(catalog) -> dict[str, bytes]:
    return {
        "api/blog.json": dump(blog_document(catalog)),
        "api/blog.schema.json": dump(blog_schema(catalog.config.site_url)),
    }

"""The MkDocs plugin: hooks only. The pipeline does the work; this file hands it over.

- on_startup: remember whether this is `serve` (drafts shown, errors don't stop the server).
- on_config: add the package's theme overrides; the theme's environments listed without their
  hidden folders and with compiled templates kept (site/theme_env.py); run the pipeline (memoised:
  mkdocs-static-i18n calls this once per language), write generated pages into docs_dir, expose the
  feeds to templates.
- on_env: keep the theme's compiled templates from one build to the next (core/template_cache.py).
- on_serve: also watch the content folders outside docs_dir.
- on_post_build: write feeds and API into site_dir and link the podcast audio, once
  (in the default language's pass).
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config import base
from mkdocs.exceptions import PluginError
from mkdocs import plugins
from mkdocs.plugins import BasePlugin

from coopsite import cms
from coopsite.site.render import theme_blocks
from coopsite.site import i18n_search, passthrough, preview, theme_env
from coopsite.core import output, template_cache
from coopsite.site import footer, pipeline
from coopsite.site.catalog import SOURCE_DIRS, SOURCE_FILES
from coopsite.site.files import announced
from coopsite.core.i18n.labels import language_name
from coopsite.core.i18n.ui import N_, t
from coopsite.types import CONTENT_TYPES

log = logging.getLogger("mkdocs.plugins.coopsite")


# The generated pages every site has, beside those of the content types: their navigation labels.
SITE_NAV = (("index.md", N_("nav_home")), ("translations/index.md", N_("translation_status")))


def translate_nav(nav, languages) -> None:
    """Navigation labels of the generated pages from the interface catalogs, in every language:
    mkdocs-static-i18n renames a nav entry by its title (nav_translations), so each language gets
    the catalog's text for the titles mkdocs.yml gives these pages. The site's own pages keep the
    nav_translations written in mkdocs.yml."""
    keys = dict(SITE_NAV)
    for content_type in CONTENT_TYPES:
        keys.update(content_type.nav)
    titles = {}
    for item in nav or []:
        if isinstance(item, dict):
            for title, target in item.items():
                if isinstance(target, str) and target in keys:
                    titles[title] = keys[target]
    for language in languages:
        known = dict(language.get("nav_translations") or {})
        known.update({title: t(language["locale"], key) for title, key in titles.items()})
        language["nav_translations"] = known


class CoopsiteConfig(base.Config):
    pass


class CoopsitePlugin(BasePlugin[CoopsiteConfig]):
    serving = False
    result: pipeline.Result | None = None
    _extra_for: pipeline.Result | None = None
    _extra: dict = {}

    def __init__(self):
        super().__init__()
        self._aside: dict[str, list[str]] = {}  # src_uri -> HTML blocks set aside (passthrough)
    languages = None  # site.languages.ParallelLanguages, set by `coopsite build` (languages.enable)

    def on_startup(self, *, command, dirty):
        self.serving = command == "serve"

    def on_config(self, config):
        # The pipeline's templates (feed links, untranslated notice) ship with the package.
        theme_dir = str(Path(__file__).parent.parent / "theme")
        if theme_dir not in config.theme.dirs:
            config.theme.dirs.insert(0, theme_dir)
        theme_env.prepare(config.theme)  # not Material's 14,348 icons at each build; compiled templates kept
        i18n = config.plugins.get("i18n")
        if i18n is not None:
            translate_nav(config.nav, i18n.config.languages)
            if self.serving:  # the preview builds the language the reader is looking at first
                preview.PREVIEW.first_language(i18n)
        # mkdocs-static-i18n sets each page's language links as an attribute of config.extra
        # (over the key it resets per language) and leaves the last page's there: the next
        # language's 404.html, rendered before its pages, linked that page (/fr/translations/)
        # instead of the language home pages. Every language's build starts from the key.
        vars(config.extra).pop("alternate", None)
        root = Path(config.config_file_path).resolve().parent
        result = pipeline.run(root, drafts=self.serving)
        if i18n is not None:  # one search index per language (and no quadratic de-duplication)
            i18n_search.install(i18n, per_language=True, default=result.catalog.config.languages.default)
        if result is not self.result:
            self._report(result)
        if not result.ok:
            if not self.serving:
                raise PluginError(f"content has errors ({result.problems.summary()}); see above")
            # Live preview: keep the last good pages; the server keeps running.
            return config
        if result is not self.result:
            result.write_pages(Path(config.docs_dir))
            self.result = result
        # One site address: coopsite.yml's (or COOPSITE_SITE_URL), also for MkDocs' canonical links
        # and sitemap, which otherwise kept mkdocs.yml's placeholder whatever the build was given.
        config.site_url = result.catalog.config.site_url
        config.extra.update(self._theme_extra(result))
        return config

    def _theme_extra(self, result: pipeline.Result) -> dict:
        """What the theme's templates read from config.extra, for every language: made once per
        pipeline result, although mkdocs-static-i18n runs on_config once per language."""
        if self._extra_for is not result:
            catalog = result.catalog
            langs = catalog.config.languages
            self._extra = {
                "coopsite_feeds": {
                    lang: [{"title": title, "href": href, "type": mime}
                           for title, href, mime in announced(catalog, lang)] for lang in langs.all},
                "coopsite_footer": {lang: footer.footer(catalog, lang) for lang in langs.all},
                # the publisher (coopsite.yml) for the theme's templates: footer and about page
                **theme_blocks(catalog),
                "coopsite_default_language": langs.default,
                "coopsite_untranslated": {
                    lang: t(lang, "not_translated", original=language_name(langs.default, lang))
                    for lang in langs.all},
            }
            self._extra_for = result
        return self._extra

    def _report(self, result: pipeline.Result) -> None:
        for problem in result.problems:
            (log.error if problem.severity == "error" else log.warning)(str(problem))

    # Generated pages: their HTML blocks skip Markdown's parsing (site/passthrough.py). Last of
    # the Markdown hooks, so that other plugins still see the whole text; first of the content
    # hooks, so that they see the whole HTML.
    @plugins.event_priority(-100)
    def on_page_markdown(self, markdown, page, config, files):
        self._aside.pop(page.file.src_uri, None)  # never blocks of an earlier, failed render
        if self.result and page.file.src_uri in self.result.pages:
            markdown, blocks = passthrough.set_aside(markdown)
            if blocks:
                self._aside[page.file.src_uri] = blocks
        return markdown

    @plugins.event_priority(100)
    def on_page_content(self, html, page, config, files):
        blocks = self._aside.pop(page.file.src_uri, None)
        if blocks:
            html = passthrough.put_back(html, blocks)
            page.present_anchor_ids = (page.present_anchor_ids or set()) | passthrough.anchor_ids(blocks)
        return html

    @plugins.event_priority(-50)  # after mkdocs-static-i18n has set this page's alternates
    def on_page_context(self, context, page, config, nav):
        # The i18n plugin links home pages as "/fr/": that breaks a site hosted in a
        # sub-folder (a GitHub Pages project site). Site-relative links go through
        # Material's `url` filter, which makes them relative to the page.
        # (the i18n plugin sets it as an attribute, which Jinja reads before the key)
        # Search engines want hreflang alternates as absolute addresses, with an x-default (the
        # original language's page): main.html writes these into the head, while the language
        # selector keeps the relative links (a preview stays on its own host).
        hreflang = []
        site_url = (config.site_url or "").rstrip("/") + "/"
        for alternate in getattr(config.extra, "alternate", None) or config.extra.get("alternate") or []:
            link = alternate.get("link", "")  # "fr/recommendations/", or "/fr/" for home pages
            if not link.startswith(("http://", "https://", "//")):
                hreflang.append({"lang": alternate.get("lang"), "href": site_url + link.lstrip("/")})
            if link.startswith("/") and not link.startswith("//"):
                alternate["link"] = link.lstrip("/") or "."
        if hreflang and self.result:
            default = self.result.catalog.config.languages.default
            hreflang += [{"lang": "x-default", "href": a["href"]} for a in hreflang if a["lang"] == default]
        context["coopsite_hreflang"] = hreflang
        if self.result and self.result.ok:  # "Suggest a change", "Translate", "Report a problem" (cms.page_links)
            i18n = config.plugins.get("i18n")
            lang = getattr(i18n, "current_language", None) or config.theme.language
            context["coopsite_edit"] = cms.page_links(self.result.catalog, page.file.src_uri, lang, page.title or "",
                                                      page.canonical_url or page.url, self.result.catalog.config.root)
        return context

    @plugins.event_priority(100)  # first: the other languages' processes start before any other work
    def on_files(self, files, config):
        # The default language's build has just cleaned site_dir: the other languages can start.
        i18n = config.plugins.get("i18n")
        if self.languages is not None and i18n is not None and self.result and self.result.ok:
            self.languages.start(config, i18n)
        return files

    def on_env(self, env, config, files):
        # the build's environment has the plugins' filters now: its compiled templates are kept
        # under a tag of their own (site/theme_env.py gave it one without them)
        template_cache.keep_compiled(env, "theme")
        return env

    def on_build_error(self, error):
        if self.languages is not None:
            self.languages.abandon()

    def on_serve(self, server, config, builder):
        i18n = config.plugins.get("i18n")
        if i18n is not None:
            preview.PREVIEW.attach(server, i18n.build_languages, i18n.default_language)
        root = Path(config.config_file_path).resolve().parent
        for rel in SOURCE_DIRS + SOURCE_FILES:
            path = root / rel
            if path.exists() and not str(path).startswith(str(Path(config.docs_dir).resolve())):
                server.watch(str(path))
        return server

    def on_post_build(self, config):
        i18n = config.plugins.get("i18n")
        if self.serving and i18n is not None and not i18n.building:
            preview.PREVIEW.first_language_done()  # its pages are written; the others follow
        if i18n is not None and getattr(i18n, "current_language", None) not in (None, i18n.default_language):
            return  # the other languages' passes: feeds are already written
        if self.result and self.result.ok:
            if not self.result.files_elsewhere:  # `coopsite build` makes them in parallel
                output.write_files(Path(config.site_dir), self.result.files)
            output.copy_files(Path(config.site_dir), self.result.site_copies)
            # the web editor at /admin/ (part of the HTML site, so not in `coopsite export`)
            output.write_files(Path(config.site_dir), cms.admin_files(self.result.catalog))
            output.copy_files(Path(config.site_dir), cms.admin_copies(self.result.catalog))

"""The languages of one MkDocs build in parallel processes, giving the site the sequential build gives.

mkdocs-static-i18n builds the default language, then, from that build's `on_post_build`, calls
`mkdocs.commands.build.build(config)` once per other language, one after the other, on the same
config and plugin objects. Across those builds it accumulates three things:

- `search_entries`: every language's search entries, merged into one index at the end
  (`reconfigure_search_index`, which the coopsite plugin may wrap: de-duplication, one index per
  language);
- `i18n_files_per_language`: every language's pages with their alternates, which the sitemap
  template lists; each language's build rewrites site/sitemap.xml, so the last one wins, with
  all languages in it;
- the files each build writes at the same place (404.html, sitemap.xml, the search index, the
  theme's assets): the last language's wins.

Here the other languages start in forked children as soon as the default language's build has
cleaned site_dir (its `on_files`), so that they build while this process builds the default
language. Each child builds its languages exactly as the sequential loop would (the same nested
`build(config)` with `current_language` set and `building` true) but into a staging folder of its
own, and sends back what it accumulated. The i18n plugin's loop still runs in this process, in
the same order: where it would build a language, `collect()` waits for that language's child and
does what the sequential build left behind: the config reconfigured for that language (its
`on_config`), the child's files moved over this build's (in language order, so the same file
wins), its search entries appended, its pages added for the sitemap, and, after the last
language, the sitemap rendered again from everything accumulated (the children could not see
one another's pages). The test
tests/test_parallel_languages.py compares both builds of the shipped content file by file.

Only `coopsite build` turns this on (`enable`); `mkdocs build` and `mkdocs serve` run the plugin's
own sequential loop.
"""

from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path
from types import SimpleNamespace

from coopsite.core import parallel

log = logging.getLogger("mkdocs.plugins.coopsite")


def jobs_for(languages: int) -> int:
    """How many processes build the languages: one per language once there are two cores. With
    three languages on two cores, three processes beat two: language builds are of equal size, so
    two processes would need two language-builds' time and three, sharing the cores, one and a
    half (measured in README, Performance)."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return 1 if cores < 2 else languages


class ParallelLanguages:
    """Attached to the coopsite plugin by `enable`; the plugin calls `start` from its on_files."""

    def __init__(self, jobs: int):
        self.jobs = jobs
        self.children: dict[str, parallel.Forked] = {}  # language -> the child that builds it
        self.started = False

    # -- in this process, at the default language's on_files -------------------------------
    def start(self, config, i18n) -> None:
        if self.started or i18n.building or i18n.current_language != i18n.default_language:
            return
        self.started = True
        others = [lang for lang in i18n.build_languages if lang != i18n.current_language]
        if self.jobs <= 1 or not others or not parallel.can_fork():
            return
        groups = _split(others, self.jobs - 1)
        self.staging: dict[int, Path] = {}
        for number, group in enumerate(groups):
            # inside site_dir: whatever stops this build, the folder goes with the site's
            root = Path(config.site_dir) / f".coopsite-languages-{number}"
            child = parallel.Forked(lambda group=group, root=root: _build_in_child(config, i18n, group, root))
            self.staging[child.pid] = root
            for lang in group:
                self.children[lang] = child
        self._results: dict[int, dict] = {}
        self.env = None
        _install_dispatch(self, i18n)

    # -- in this process, where the i18n plugin's loop would build `lang` ------------------
    def collect(self, config, i18n, lang: str) -> None:
        child = self.children.pop(lang)
        if child.pid not in self._results:
            try:
                self._results[child.pid] = child.result()
            except parallel.ChildError as error:
                self.abandon()
                raise parallel.WorkerFailed(f"building the '{lang}' pages failed: {error}") from None
        done = self._results[child.pid][lang]
        # The state the sequential build of this language leaves on the shared config.
        config = config.plugins.on_config(config)
        _move_over(Path(done["staging"]), Path(config.site_dir))
        i18n.search_entries.extend(done["search_entries"])
        i18n.i18n_files_per_language[lang] = _LightFiles(done["pages"])
        if not self.children:  # the last language: the sitemap as the sequential build leaves it
            self._write_sitemap(config, i18n, done["pages"])
        if not any(c is child for c in self.children.values()):
            shutil.rmtree(self.staging[child.pid], ignore_errors=True)

    def _write_sitemap(self, config, i18n, last_pages) -> None:
        """site/sitemap.xml as the sequential build's last language writes it: every language's
        pages so far, and the .gz stamped with that language's newest page date."""
        from mkdocs.commands import build as mkbuild

        env = config.theme.get_env()
        env = config.plugins.on_env(env, config=config, files=_LightFiles(last_pages))
        # nav is not read by the sitemap template; MkDocs passes the language's own
        mkbuild._build_theme_template("sitemap.xml", env, _LightFiles(last_pages), config, None)

    def abandon(self) -> None:
        """The build failed: stop the children and drop what they made."""
        for child in {id(c): c for c in self.children.values()}.values():
            child.abandon()
            shutil.rmtree(self.staging[child.pid], ignore_errors=True)
        self.children.clear()


def enable(config, jobs: int) -> None:
    plugin = config.plugins.get("coopsite")
    if plugin is not None and config.plugins.get("i18n") is not None:
        plugin.languages = ParallelLanguages(jobs)


def _split(items: list, n: int) -> list[list]:
    """Consecutive groups (a child builds its languages in the sequential order)."""
    n = max(1, min(n, len(items)))
    size, extra = divmod(len(items), n)
    groups, start = [], 0
    for i in range(n):
        end = start + size + (i < extra)
        groups.append(items[start:end])
        start = end
    return groups


def _build_in_child(config, i18n, group: list[str], root: Path) -> dict:
    """In the child: build each language of the group as the i18n plugin's loop would, into a
    staging folder beside the site, and return what the loop accumulates."""
    from mkdocs.commands.build import build
    from mkdocs_static_i18n.utils import I18nLoggingFilter

    build_logger = logging.getLogger(build.__module__)  # properdocs.commands.build under ProperDocs
    quiet = I18nLoggingFilter()  # as the i18n plugin's loop does for its nested builds
    quiet.filtered_prefixes.add("Documentation built in")
    quiet.filtered_prefixes.add("Building documentation to directory")
    build_logger.addFilter(quiet)
    out: dict = {}
    i18n.building = True
    for lang in group:
        staging = root / lang
        staging.mkdir(parents=True)
        config.site_dir = str(staging)
        before = len(i18n.search_entries)
        i18n.current_language = lang
        build(config)
        out[lang] = {
            "staging": str(staging),
            "search_entries": i18n.search_entries[before:],
            "pages": [_light(f) for f in i18n.i18n_files_per_language[lang]],
        }
    return out


def _light(file) -> SimpleNamespace:
    """What the sitemap template reads of a page's file, picklable (a Page drags the whole nav)."""
    return SimpleNamespace(
        url=file.url, page=_light_page(file.page),
        alternates={lang: SimpleNamespace(url=alt.url, page=_light_page(alt.page))
                    for lang, alt in (getattr(file, "alternates", None) or {}).items()})


def _light_page(page):
    if page is None:
        return None
    return SimpleNamespace(is_link=getattr(page, "is_link", False), canonical_url=page.canonical_url,
                           abs_url=page.abs_url, update_date=page.update_date, url=page.url)


class _LightFiles(list):
    """The one Files method MkDocs calls when it renders the sitemap."""

    def documentation_pages(self, **_):
        return self


def _move_over(src: Path, dest: Path) -> None:
    """Move a child's output over this build's: whole folders where nothing is there yet (the
    language's own pages), file by file (overwriting) where both wrote."""
    for entry in os.scandir(src):
        target = dest / entry.name
        if entry.is_dir(follow_symlinks=False):
            if not target.exists():
                os.replace(entry.path, target)
            else:
                _move_over(Path(entry.path), target)
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(entry.path, target)


def _install_dispatch(languages: ParallelLanguages, i18n) -> None:
    """Where the i18n plugin's loop calls build(config) for a language a child builds, collect
    that child's work instead; any other call (another site, `mkdocs serve`) is a real build."""
    import mkdocs_static_i18n.plugin as i18n_module
    from mkdocs.commands.build import build as real_build

    def build(config, dirty=False, **kwargs):
        lang = i18n.current_language
        if lang in languages.children and i18n.building:
            return languages.collect(config, i18n, lang)
        return real_build(config, dirty=dirty, **kwargs)

    i18n_module.build = build

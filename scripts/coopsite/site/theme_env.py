"""The theme's Jinja environments as the engine asks for them (`Theme.get_env`, once per build and
again by plugins such as Material's search): listed without their hidden folders, with the
compiled templates kept from one build to the next.

- Listing. Before any plugin event can filter them, every build lists all the files of the
  theme's folders (`Files.add_files_from_theme`, through the loader's `list_templates`) and then
  drops, one name at a time, those it does not copy. Material keeps its 14,348 icons in a hidden
  folder (`.icons`), beside some 160 files the site uses: the listing and its filter took about
  0.14 s of CPU in each language's build, a third of the whole build of a small tree, and the live
  preview paid it at every edit. The engine's filter drops every name with a part that starts with
  a dot ('.*' at the root, '*/.*' below), so a listing that does not go into hidden folders gives
  the same files (tests/test_theme_env.py compares the two on the real theme). Templates are
  still found and loaded by Jinja's own FileSystemLoader.
- Compiled templates (core/template_cache.py). The build's environment gets them in on_env, after
  the plugins have added their filters; the others had none: Material's search plugin compiled
  its language templates again in every language's build (25 ms each). Each environment's cache
  is tagged with the filters it has when it is given the cache, so an environment with fewer
  filters never shares compiled code with one that has more.
"""

from __future__ import annotations

import os

import jinja2

from coopsite.core import template_cache


class ThemeLoader(jinja2.FileSystemLoader):
    """Jinja's FileSystemLoader, whose list_templates leaves out hidden folders (not hidden files:
    the engine's filter sees those as before)."""

    def list_templates(self) -> list[str]:
        found = set()
        for searchpath in self.searchpath:
            for dirpath, dirnames, filenames in os.walk(searchpath, followlinks=self.followlinks):
                dirnames[:] = [d for d in dirnames if not d.startswith(".")]
                relative = os.path.relpath(dirpath, searchpath)
                prefix = "" if relative == "." else relative.replace(os.path.sep, "/") + "/"
                found.update(prefix + filename for filename in filenames)
        return sorted(found)


def prepare(theme) -> None:
    """Make `theme.get_env()` give an environment whose loader is a ThemeLoader over the same
    folders (left alone when the engine's loader is not a plain FileSystemLoader: another engine
    version, whose listing may differ) and that keeps its compiled templates."""
    if getattr(theme, "_coopsite_env", False):
        return
    get_env = theme.get_env

    def get_env_prepared():
        env = get_env()
        loader = env.loader
        if type(loader) is jinja2.FileSystemLoader:
            env.loader = ThemeLoader(loader.searchpath, encoding=loader.encoding, followlinks=loader.followlinks)
        template_cache.keep_compiled(env, "theme")
        return env

    theme.get_env = get_env_prepared
    theme._coopsite_env = True

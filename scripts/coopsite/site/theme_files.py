"""The theme's static files, listed without walking its hidden folders.

Before any plugin event can filter them, every build lists all the files of the theme's folders
(`Files.add_files_from_theme`, through the Jinja loader's `list_templates`) and then drops, one
name at a time, those it does not copy. Material keeps its 14,348 icons in a hidden folder
(`.icons`), beside some 160 files the site uses: the listing and its filter took about 0.14 s of CPU
in each language's build, a third of the whole build of a small tree, and the live preview paid it
at every edit.

The engine's filter drops every name with a part that starts with a dot ('.*' at the root, '*/.*'
below), so a listing that does not go into hidden folders gives the same files
(tests/test_theme_files.py compares the two on the real theme). Only the listing changes: templates
are still found and loaded by Jinja's own FileSystemLoader.
"""

from __future__ import annotations

import os

import jinja2


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


def list_without_hidden_folders(theme) -> None:
    """Make `theme.get_env()` (called once per build, before the plugins see the files) give an
    environment whose loader is a ThemeLoader over the same folders. Left alone when the engine's
    loader is not a plain FileSystemLoader (another engine version: its listing may differ)."""
    if getattr(theme, "_coopsite_listing", False):
        return
    get_env = theme.get_env

    def get_env_listing_without_hidden_folders():
        env = get_env()
        loader = env.loader
        if type(loader) is jinja2.FileSystemLoader:
            env.loader = ThemeLoader(loader.searchpath, encoding=loader.encoding, followlinks=loader.followlinks)
        return env

    theme.get_env = get_env_listing_without_hidden_folders
    theme._coopsite_listing = True

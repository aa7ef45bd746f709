"""The theme's files listed without its hidden folders (site/theme_env.py) are the files the engine
copies with its own listing: on the real theme, and on a theme folder with hidden folders and files
at every level."""

from __future__ import annotations

import os
from pathlib import Path

import jinja2
from mkdocs.config import load_config
from mkdocs.structure.files import Files

from coopsite.site.theme_env import ThemeLoader, prepare

from .conftest import REPO

THEME_TREE = [
    "extra.css", "sub/page.js", "sub/deeper/font.woff2",  # copied
    ".hidden.css", "sub/.hidden.js",  # hidden files: listed, then dropped by the engine's filter
    ".icons/a/b.svg", "sub/.cache/c.js", ".hidden-dir/x.css",  # in hidden folders: never listed
    "partials/extra.html", "notes.md", "README.txt",  # not copied (templates, Markdown, readme)
]


def theme_files(custom_dir: Path, without_hidden_folders: bool) -> tuple[list[str], jinja2.Environment]:
    """The theme's files the engine adds to a build, as `build` does (get_env, add_files_from_theme)."""
    config = load_config(str(REPO / "mkdocs.yml"), theme={"name": "material", "custom_dir": str(custom_dir)})
    if without_hidden_folders:
        prepare(config.theme)
        prepare(config.theme)  # twice (a second on_config) wraps once
    env = config.theme.get_env()
    files = Files([])
    files.add_files_from_theme(env, config)
    return sorted(f"{f.abs_src_path}" for f in files), env


def test_the_listing_without_hidden_folders_gives_the_same_files(tmp_path):
    theme = tmp_path / "overrides"
    for name in THEME_TREE:
        (theme / name).parent.mkdir(parents=True, exist_ok=True)
        (theme / name).write_text("x", encoding="utf-8")
    (theme / "linked").symlink_to(theme / "sub", target_is_directory=True)  # the engine does not follow it

    engine_files, engine_env = theme_files(theme, False)
    ours, env = theme_files(theme, True)
    assert type(engine_env.loader) is jinja2.FileSystemLoader and type(env.loader) is ThemeLoader
    assert ours == engine_files
    names = {os.path.relpath(f, theme) for f in ours if f.startswith(str(theme))}
    assert names == {"extra.css", "sub/page.js", "sub/deeper/font.woff2"}
    # the real theme: its icons are in the engine's listing before the filter, never in ours
    listed = engine_env.loader.list_templates()
    assert sum(n.startswith(".icons/") for n in listed) > 10_000
    assert not any(folder.startswith(".") for n in env.loader.list_templates() for folder in n.split("/")[:-1])
    assert any("/material/templates/assets/javascripts/bundle." in f for f in ours)
    assert env.bytecode_cache is not None and engine_env.bytecode_cache is None  # compiled templates kept
    # templates are still found and loaded from the same folders
    assert env.get_template("main.html").filename == engine_env.get_template("main.html").filename

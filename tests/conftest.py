"""Shared fixtures: small content trees built from the real repository's files."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
# What a content tree needs besides its content (the theme and UI strings come from the package).
TREE_FILES = ("mkdocs.yml", "coopsite.yml", "termbase.yml")
TREE_DIRS = ("content/_partials", "content/assets", "podcasts/_show")
REGISTRIES = ("cycles.yml", "themes.yml", "groups.yml")


def copy_tree(dest: Path, *, recommendations: list[str] | None = None, full: bool = False) -> Path:
    """A working site tree in `dest`: config, registries, and the named recommendations (or all)."""
    dest.mkdir(parents=True, exist_ok=True)
    for f in TREE_FILES:
        shutil.copy2(REPO / f, dest / f)
    for d in TREE_DIRS:
        shutil.copytree(REPO / d, dest / d)
    for f in ("about.nl.md", "about.fr.md", "about.en.md"):
        shutil.copy2(REPO / "content" / f, dest / "content" / f)
    (dest / "recommendations" / "sip-2020-2021").mkdir(parents=True)
    for f in REGISTRIES:
        shutil.copy2(REPO / "recommendations" / f, dest / "recommendations" / f)
    src = REPO / "recommendations" / "sip-2020-2021"
    names = [p.stem for p in sorted(src.glob("*.yml"))] if (full or recommendations is None) else recommendations
    for name in names:
        shutil.copy2(src / f"{name}.yml", dest / "recommendations" / "sip-2020-2021" / f"{name}.yml")
    if full:
        for d in ("content/blog", "podcasts", "content/events"):
            if (REPO / d).exists():
                shutil.copytree(REPO / d, dest / d, dirs_exist_ok=True,
                                ignore=shutil.ignore_patterns("*.pyc", "__pycache__"))
    return dest


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """A small tree: four recommendations that reference each other."""
    return copy_tree(tmp_path / "site-src", recommendations=["sip2021-01", "sip2021-03", "sip2021-11", "sip2021-32"])


def coopsite(*args: str, cwd: Path | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run the real command line, as a contributor would."""
    import os

    full_env = dict(os.environ, NO_MKDOCS_2_WARNING="1", **(env or {}))
    return subprocess.run([sys.executable, "-m", "coopsite.commands.cli", *args], cwd=cwd, capture_output=True,
                          text=True, env=full_env, timeout=600)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The whole shipped content, built once per test session into a temporary site/."""
    root = copy_tree(tmp_path_factory.mktemp("full") / "repo", full=True)
    res = coopsite("--root", str(root), "build", "--quiet", "--strict")  # MkDocs warnings fail too
    assert res.returncode == 0, res.stdout + res.stderr
    return root / "site"


def drop_language(path: Path, lang: str) -> None:
    """Remove every `  <lang>: ...` line (and its block) of a recommendation file: an untranslated record."""
    out, skip_indent = [], None
    for line in path.read_text(encoding="utf-8").splitlines(keepends=True):
        indent = len(line) - len(line.lstrip(" "))
        if skip_indent is not None and (indent > skip_indent or not line.strip()):
            continue
        skip_indent = None
        if re.match(rf"^\s+{lang}: ", line):
            skip_indent = indent
            continue
        out.append(line)
    text = "".join(out).replace(f", {lang}: {{from: nl", ", x: {from: nl")
    text = re.sub(r",? ?x: \{from: nl(, source: \w+)?\}", "", text)
    path.write_text(text, encoding="utf-8")


@pytest.fixture(scope="session")
def i18n_built(tmp_path_factory):
    """A small site with an untranslated record, an outdated translation and a page without English."""
    root = copy_tree(tmp_path_factory.mktemp("i18n") / "repo",
                     recommendations=["sip2021-01", "sip2021-03", "sip2021-05", "sip2021-11", "sip2021-32"])
    recs = root / "recommendations" / "sip-2020-2021"
    drop_language(recs / "sip2021-03.yml", "fr")  # never translated into French
    # the Dutch original of 05 changes after it was translated
    p = recs / "sip2021-05.yml"
    p.write_text(p.read_text(encoding="utf-8").replace("Deze actie zal de kosten beperken.",
                                                       "Deze actie zal de kosten sterk beperken."), encoding="utf-8")
    (root / "content" / "about.en.md").unlink()  # a hand-written page without English
    res = coopsite("--root", str(root), "build", "--quiet")
    assert res.returncode == 0, res.stdout + res.stderr
    return root

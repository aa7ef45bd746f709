"""Shared fixtures: small content trees built from the real repository's files."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from coopsite.site import engine

from .cli_forks import Client

engine.use()  # tests that import mkdocs run on the engine `coopsite build` uses (ProperDocs)

REPO = Path(__file__).resolve().parents[1]
# What a content tree needs besides its content (the theme and UI strings come from the package).
TREE_FILES = ("mkdocs.yml", "coopsite.yml", "termbase.yml")
TREE_DIRS = ("content/_partials", "content/assets", "podcasts/_show")
REGISTRIES = ("cycles.yml", "themes.yml", "groups.yml")


# The podcast's audio cache that trees of the shipped content share (the repository's own, which
# `make build` fills): its keys hash the masters, jingles, settings and tags, and results are moved
# into place under names unique to the writing process, so trees built at once (xdist workers)
# can share it. Without it every copy of the tree encoded the shipped episodes again.
SHARED_AUDIO_CACHE = REPO / ".cache" / "audio"


def copy_tree(dest: Path, *, recommendations: list[str] | None = None, full: bool = False,
              shared_audio_cache: bool = True) -> Path:
    """A working site tree in `dest`: config, registries, and the named recommendations (or all). A
    full tree also has the posts, episodes and events, and uses the shared audio cache unless told
    otherwise (a test of the audio stage's own first run)."""
    dest.mkdir(parents=True, exist_ok=True)
    if full and shared_audio_cache:
        SHARED_AUDIO_CACHE.mkdir(parents=True, exist_ok=True)
        (dest / ".cache").mkdir(exist_ok=True)
        (dest / ".cache" / "audio").symlink_to(SHARED_AUDIO_CACHE, target_is_directory=True)
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
    names = [p.stem for p in sorted(src.glob("*.yml"))] if recommendations is None else recommendations
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


def coopsite(*args: str, cwd: Path | None = None, env: dict | None = None,
             fresh: bool = False) -> subprocess.CompletedProcess:
    """Run the real command line, as a contributor would: in a process of its own, forked from one
    that has imported it (tests/cli_forks.py), or with fresh=True in a new interpreter (its own
    hash seed: what a test of reproducible output needs)."""
    import os

    full_env = dict(os.environ, NO_MKDOCS_2_WARNING="1", **(env or {}))
    if fresh or not _FORKS.can_run(full_env):
        return subprocess.run([sys.executable, "-m", "coopsite.commands.cli", *args], cwd=cwd, capture_output=True,
                              text=True, env=full_env, timeout=600)
    return _FORKS.run(list(args), cwd=cwd, env=full_env, timeout=600)


_FORKS = Client()

# A test's HTTP server looks for shutdown() every 50 ms rather than socketserver's 0.5 s: each
# shutdown at a test's or a run's end waited for that, up to half a second of nothing each time.
POLL = {"poll_interval": 0.05}


def shared_once(tmp_path_factory, name: str, make) -> Path:
    """make(folder) once per test run, whichever process asks first: with pytest-xdist each worker
    has its own session, and the fixture sites below (full builds) would be built once per worker.
    The folder is in the run's shared temporary root; a lock makes the others wait and reuse it."""
    import fcntl
    import json
    import os

    base = tmp_path_factory.getbasetemp()
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    folder, lock, done = shared / name, shared / f"{name}.lock", shared / f"{name}.done"
    with open(lock, "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            if done.exists():
                failure = json.loads(done.read_text(encoding="utf-8"))
                assert failure is None, failure
                return folder
            try:
                make(folder)
            except BaseException as exc:
                done.write_text(json.dumps(f"{name} could not be made: {exc}"), encoding="utf-8")
                raise
            done.write_text("null", encoding="utf-8")
            return folder
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The whole shipped content, built once per test run into a temporary site/."""
    def make(folder: Path) -> None:
        root = copy_tree(folder / "repo", full=True)
        res = coopsite("--root", str(root), "build", "--quiet", "--strict")  # MkDocs warnings fail too
        assert res.returncode == 0, res.stdout + res.stderr

    return shared_once(tmp_path_factory, "full", make) / "repo" / "site"


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
    """A small site with an untranslated record, an outdated translation and a page without English
    (built once per run, whichever test process asks first)."""
    return shared_once(tmp_path_factory, "i18n-site", _make_i18n_site) / "repo"


def _make_i18n_site(folder: Path) -> None:
    root = copy_tree(folder / "repo",
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


# What makes a test slow: a fixture that builds the shipped content or starts a server or browser,
# or a module whose tests each build a full site. Marked here, in one place, rather than test by
# test, so that a new test using these fixtures is marked without anyone remembering to.
SLOW_FIXTURES = {"built_site", "i18n_built", "server", "serve", "browser", "page", "page_visits", "site_url", "built",
                 "icaljs", "blog_site"}
SLOW_MODULES = {"test_parallel_languages", "test_reproducible", "test_bench", "test_serve", "test_podcast_build",
                "test_html_validity", "test_contributing"}


def pytest_collection_modifyitems(config, items):
    for item in items:
        module = item.module.__name__.rsplit(".", 1)[-1] if item.module else ""
        if SLOW_FIXTURES & set(getattr(item, "fixturenames", ())) or module in SLOW_MODULES \
                or "browser" in item.nodeid.split("/"):
            item.add_marker(pytest.mark.slow)
    # Longest first: xdist (--dist worksteal, Makefile) gives the first half of this order to one
    # process and steals from its end; started last, a half-minute test would leave the other
    # process idle at the end.
    items.sort(key=lambda item: (item.module.__name__.rsplit(".", 1)[-1] not in FIRST_MODULES,
                                 item.get_closest_marker("slow") is None))


FIRST_MODULES = {"test_bench", "test_calendar_clients", "test_layout"}

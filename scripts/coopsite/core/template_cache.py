"""Compiled templates kept from one build to the next (Jinja's bytecode cache).

Every build compiled its templates again: Material's and ours (some 70, in each language's
process) and the pipeline's. That was about 15 % of a build's CPU for the shipped content (2.7 s
before, 2.3 s after) and a quarter for a tree of four recommendations (1.35 s, 1.0 s), and the live
preview paid it at every edit. Jinja can keep the compiled code on disk; this module
turns that on for the theme's environment (the MkDocs plugin's on_env) and the pipeline's, with
three cares:

- Where: Jinja's own per-user folder in the system's temporary directory (created 0700, refused
  when it is not the user's own folder), never in the repository, where a pull request could put
  compiled code of its own.
- What a cached template depends on besides its source (which Jinja checks with a checksum): the
  environment's syntax options, and the filters Jinja may call while compiling (a filter of a
  constant is folded into the code). Those are code: of Jinja, the engine, the theme, the i18n
  plugin and of coopsite itself. All of it goes into the file names' tag, so a change of any
  of it (an upgrade, an edit of a filter) starts a new set of files.
- Never a failed build because of the cache: a file that cannot be read, written or loaded is a
  template compiled as before. Files of other tags are removed a day after they were written.
"""

from __future__ import annotations

import hashlib
import os
import sys
import time
from functools import lru_cache
from importlib import metadata
from pathlib import Path

import jinja2

PREFIX = "__coopsite-templates-"
STALE_SECONDS = 24 * 3600
PACKAGE = Path(__file__).resolve().parent.parent  # the coopsite package
DISTRIBUTIONS = ("jinja2", "markupsafe", "properdocs", "mkdocs", "mkdocs-material", "mkdocs-static-i18n")


class _Cache(jinja2.FileSystemBytecodeCache):
    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # noqa: BLE001 - unreadable or truncated: compile the template instead
            bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:  # a full or read-only disk: the next build compiles again
            pass


@lru_cache(maxsize=1)
def _code_tag() -> str:
    """A digest of the code that compiled templates depend on: the versions of the libraries, the
    Python version, and coopsite's own source files (read once per process, a few milliseconds)."""
    h = hashlib.sha256(sys.version.encode())
    for name in DISTRIBUTIONS:
        try:
            h.update(f"{name}={metadata.version(name)};".encode())
        except metadata.PackageNotFoundError:
            h.update(f"{name}=none;".encode())
    for path in sorted(PACKAGE.rglob("*.py")):
        h.update(path.relative_to(PACKAGE).as_posix().encode())
        h.update(path.read_bytes())
    return h.hexdigest()


def _options(env: jinja2.Environment) -> str:
    autoescape = env.autoescape
    if callable(autoescape):  # a function: its name, not its address (which changes every run)
        autoescape = f"{autoescape.__module__}.{autoescape.__qualname__}"
    return repr((env.block_start_string, env.block_end_string, env.variable_start_string, env.variable_end_string,
                 env.comment_start_string, env.comment_end_string, env.line_statement_prefix,
                 env.line_comment_prefix, env.trim_blocks, env.lstrip_blocks, env.newline_sequence,
                 env.keep_trailing_newline, sorted(env.extensions), env.optimized, env.is_async, autoescape,
                 sorted(env.filters), sorted(env.tests)))


def keep_compiled(env: jinja2.Environment, kind: str) -> None:
    """Give `env` the on-disk cache of compiled templates; `kind` names the environment (the
    theme's, the pipeline's), whose compiled templates are kept apart."""
    try:
        tag = hashlib.sha256(f"{kind}|{_code_tag()}|{_options(env)}".encode()).hexdigest()[:16]
        cache = _Cache(pattern=f"{PREFIX}{tag}-%s.cache")
    except (OSError, RuntimeError):  # no temporary folder of our own: compile as before
        return
    env.bytecode_cache = cache
    _remove_stale(cache.directory, f"{PREFIX}{tag}-")


@lru_cache(maxsize=None)
def _remove_stale(directory: str, current: str) -> None:
    """Files of other tags (older code, other options) written more than a day ago: once per process."""
    now = time.time()
    try:
        entries = list(os.scandir(directory))
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith(PREFIX) and not entry.name.startswith(current):
            try:
                if now - entry.stat(follow_symlinks=False).st_mtime > STALE_SECONDS:
                    os.unlink(entry.path)
            except OSError:
                pass

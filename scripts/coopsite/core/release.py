"""The release gate (`coopsite check --release`): nothing placeholder or example goes public.

A setting is a placeholder when it names a host of the domains reserved for examples and tests
(RFC 2606 and RFC 6761: example, example.com/.net/.org, test, invalid, localhost and their
sub-domains): `https://smartinprogress.example.org/`, `podcast@smartinprogress.example.org`, a
calendar `uid_domain` of `smartinprogress.example.org`. Such a value cannot be a real address, so the
rule needs no list of settings: every text value of coopsite.yml and mkdocs.yml is looked at, and a
new setting (the web editor's `forge:`, say) is covered the day it appears. Example content
(`examples: true`) is refused too, and so is a placeholder address in content that would be published.

`make build` and plain `coopsite check` never run this gate: local previews keep working with the
placeholders. The deploy job of .github/workflows/site.yml does.
"""

from __future__ import annotations

import dataclasses
import os
import re
from pathlib import Path
from typing import Any, Iterator

from coopsite.core.model import Localized
from coopsite.core.problems import Problems
from coopsite.core.source import load_yaml_file

RESERVED = ("example", "example.com", "example.net", "example.org", "test", "invalid", "localhost")
# Hosts of URLs and e-mail addresses, and bare domain names (with a dot: a word such as "test" in a
# sentence is not a host).
_URL_HOST = re.compile(r"[a-z][a-z0-9+.-]*://(?:[^\s@/]+@)?([^/\s:?#]+)", re.IGNORECASE)
_MAIL_HOST = re.compile(r"[^\s@<>:/]+@([a-z0-9.-]+)", re.IGNORECASE)
_DOMAIN = re.compile(r"(?<![\w.@/-])((?:[a-z0-9-]+\.)+[a-z]{2,})(?![\w-])", re.IGNORECASE)
HINT = "set the real value before publishing (`make build` and plain `coopsite check` accept it for previews)"


def _reserved(host: str) -> bool:
    host = host.lower().rstrip(".")
    return any(host == r or host.endswith("." + r) for r in RESERVED)


def reserved_host(text: str) -> str | None:
    """The first host in `text` that is reserved for examples (RFC 2606, RFC 6761), or None."""
    for pattern in (_URL_HOST, _MAIL_HOST):
        for m in pattern.finditer(text):
            if _reserved(m[1]):
                return m[1].lower()
    for m in _DOMAIN.finditer(text):
        if "." in m[1] and _reserved(m[1]):
            return m[1].lower()
    return None


def _scalars(node: Any, path: str = "") -> Iterator[tuple[str, Any, tuple[int, int]]]:
    """(dotted key, value, (line, col)) of every scalar of a YAML tree read by core.source."""
    if isinstance(node, dict):
        for key, value in node.items():
            try:
                line, col = node.lc.value(key)
            except (KeyError, TypeError, AttributeError):
                line, col = 0, 0
            sub = f"{path}.{key}" if path else str(key)
            if isinstance(value, (dict, list)):
                yield from _scalars(value, sub)
            else:
                yield sub, value, (line + 1, col + 1)
    elif isinstance(node, list):
        for i, value in enumerate(node):
            try:
                line, col = node.lc.item(i)
            except (KeyError, TypeError, AttributeError, IndexError):
                line, col = 0, 0
            if isinstance(value, (dict, list)):
                yield from _scalars(value, f"{path}[{i}]")
            else:
                yield f"{path}[{i}]", value, (line + 1, col + 1)


# Settings whose value a variable of the build replaces (core/config.py): the variable is what
# goes public when it is set.
ENV_OVERRIDES = {("coopsite.yml", "site_url"): "COOPSITE_SITE_URL"}
# mkdocs.yml's site_url is replaced by coopsite.yml's at build time (site/mkdocs_plugin.py).
IGNORED = {("mkdocs.yml", "site_url")}


def settings_problems(root: Path, problems: Problems) -> None:
    for name in ("coopsite.yml", "mkdocs.yml"):
        path = Path(root) / name
        if not path.exists():
            continue
        node = load_yaml_file(path, name, Problems())  # its own errors are check's to report
        for key, value, (line, col) in _scalars(node):
            if (name, key) in IGNORED or not isinstance(value, str):
                continue
            env = ENV_OVERRIDES.get((name, key))
            if env and os.environ.get(env):
                value, where = os.environ[env], f"{key} (from {env})"
            else:
                where = key
            host = reserved_host(value)
            if host:
                problems.error(name, line, col, f"release: {where} is a placeholder: '{value}' "
                               f"({host} is reserved for examples)",
                               HINT + (f"; or set {env} at build time" if env else ""))


def listed_problems(root: Path, listed, problems: Problems) -> None:
    """Settings named in `placeholders:`: their value looks real but nobody has confirmed it."""
    node = load_yaml_file(Path(root) / "coopsite.yml", "coopsite.yml", Problems())
    where = {key: (value, pos) for key, value, pos in _scalars(node)}
    for key in listed:
        if key in where:
            value, (line, col) = where[key]
            problems.error("coopsite.yml", line, col, f"release: {key} is a placeholder: '{value}' (listed in "
                           "'placeholders')", "set the real value, then remove it from 'placeholders'")
        else:
            problems.error("coopsite.yml", 1, 1, f"release: 'placeholders' names '{key}', which is not a setting",
                           "write the dotted name of a setting, e.g. forge.url")


def _strings(obj: Any) -> Iterator[str]:
    if isinstance(obj, str):
        yield obj
    elif isinstance(obj, Localized):
        yield from obj.texts.values()
    elif isinstance(obj, (tuple, list)):
        for item in obj:
            yield from _strings(item)
    elif dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        for f in dataclasses.fields(obj):
            if f.name not in ("pos", "where", "translations"):
                yield from _strings(getattr(obj, f.name))


def release_problems(root: Path, catalog) -> Problems:
    """One error per placeholder setting, per example switch, per placeholder in published content."""
    problems = Problems()
    settings_problems(root, problems)
    cfg = catalog.config
    listed_problems(root, cfg.placeholders, problems)
    if cfg.licence is not None and not cfg.licence.confirmed:
        # The footer shows a proposed licence as a proposal; the public site must not.
        node = load_yaml_file(Path(root) / "coopsite.yml", "coopsite.yml", Problems())
        where = {key: pos for key, _, pos in _scalars(node)}
        line, col = where.get("licence.confirmed", where.get("licence.name", (1, 1)))
        problems.error("coopsite.yml", line, col,
                       f"release: the licence {cfg.licence.name} is a proposal (licence.confirmed: false)",
                       "once the cooperative has chosen the licence of its texts, set it and 'confirmed: true'")
    if cfg.examples:
        path = Path(root) / "coopsite.yml"
        line, col = 1, 1
        node = load_yaml_file(path, "coopsite.yml", Problems()) if path.exists() else None
        try:
            line, col = (x + 1 for x in node.lc.value("examples"))
        except (KeyError, TypeError, AttributeError):
            pass
        count = sum(1 for name in ("events", "episodes", "posts") for r in (getattr(catalog, name, ()) or ())
                    if getattr(r, "example", False))
        problems.error("coopsite.yml", line, col,
                       f"release: examples: true would publish example content ({count} example item"
                       f"{'s' * (count != 1)})", "set 'examples: false' for the public site")
    # Content that is published (not an example, or examples switched off) with a placeholder address.
    for name in ("events", "episodes", "posts", "recommendations"):
        for record in getattr(catalog, name, ()) or ():
            if getattr(record, "example", False) or getattr(record, "draft", False):
                continue
            for text in _strings(record):
                host = reserved_host(text)
                if host:
                    pos = record.pos
                    problems.error(pos.path, pos.line, pos.col,
                                   f"release: a published text names the placeholder host {host}", HINT)
                    break
    return problems

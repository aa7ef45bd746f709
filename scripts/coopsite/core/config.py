"""The pipeline's own settings, from coopsite.yml at the repo root."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from coopsite.core.i18n import ui  # a language can be published when the interface speaks it
from coopsite.core.i18n.text import read_localized
from coopsite.core.model import NOWHERE, Localized, frozen_map
from coopsite.core.problems import Problems
from coopsite.core.source import Pos, Reader, load_yaml_file

CONFIG_FILE = "coopsite.yml"


@dataclass(frozen=True, kw_only=True)
class Languages:
    default: str = "nl"
    all: tuple[str, ...] = ("nl", "fr", "en")
    # The language a text was written in is always required; these are required on top of it.
    required: tuple[str, ...] = ()
    warned: tuple[str, ...] = ("nl", "fr", "en")

    @property
    def others(self) -> tuple[str, ...]:
        return tuple(lang for lang in self.all if lang != self.default)

    def prefix(self, lang: str) -> str:
        """URL prefix of a language: '' for the default, 'fr/' for French."""
        return "" if lang == self.default else f"{lang}/"


EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@dataclass(frozen=True, kw_only=True)
class Publisher:
    """Who runs the site and how to reach them (coopsite.yml `publisher:`): shown on the about page
    and in the footer, so that a reader knows whose site this is. Templates get it as `publisher`."""

    name: Localized
    url: str | None = None
    contact: str | None = None  # an e-mail address
    pos: Pos = field(default=NOWHERE, compare=False)


@dataclass(frozen=True, kw_only=True)
class Licence:
    """The licence under which the site's texts may be reused (shown in every page's footer).
    `confirmed: false` says it is still a proposal: the footer then says so, instead of
    claiming a licence the cooperative has not chosen."""
    name: str
    url: str
    confirmed: bool = False


@dataclass(frozen=True, kw_only=True)
class SiteConfig:
    root: Path
    site_url: str = "https://smartinprogress.example.org/"
    site_name: Localized = field(default_factory=lambda: Localized(texts=frozen_map({"nl": "Smart in Progress"})))
    languages: Languages = field(default_factory=Languages)
    examples: bool = True
    publisher: Publisher | None = None
    # dotted names of settings that are placeholders although their value looks real (coopsite.yml
    # `placeholders:`): `coopsite check --release` refuses them (core/release.py)
    placeholders: tuple[str, ...] = ()
    licence: Licence | None = None
    # Sections owned by feature modules (podcast, calendar, blog), read by them.
    sections: Any = field(default_factory=frozen_map, compare=False)

    def url(self, path: str = "") -> str:
        return self.site_url.rstrip("/") + "/" + path.lstrip("/")


def load_config(root: Path, problems: Problems) -> SiteConfig:
    path = root / CONFIG_FILE
    if not path.exists():
        return SiteConfig(root=root)
    node = load_yaml_file(path, CONFIG_FILE, problems)
    if node is None:
        return SiteConfig(root=root)
    r = Reader(node, CONFIG_FILE, problems)
    site_url = r.str("site_url", default="https://smartinprogress.example.org/")
    if not site_url.startswith(("http://", "https://")):
        r.err("site_url", f"site_url must be an absolute http(s) address, found '{site_url}'")
        site_url = "https://smartinprogress.example.org/"
    site_url = os.environ.get("COOPSITE_SITE_URL") or site_url
    if not site_url.endswith("/"):
        site_url += "/"

    langs = Languages()
    lr = r.sub("languages")
    if lr:
        all_langs = tuple(lr.str_list("all", required=True, choices=ui.languages(), what="language")) or langs.all
        default = lr.choice("default", all_langs, required=True, default="nl", what="language")
        required = tuple(lr.str_list("required", choices=all_langs, what="language"))
        warned = tuple(lr.str_list("warned", choices=all_langs, what="language"))
        for lang in all_langs:
            if lang not in required and lang not in warned:
                lr.err("all", f"language '{lang}' is neither in 'required' nor in 'warned'",
                       "list every language in one of the two")
        lr.finish()
        langs = Languages(default=default, all=all_langs, required=required, warned=warned)

    site_name = read_localized(r, "site_name", langs, required=False) or Localized(texts=frozen_map({langs.default: "Smart in Progress"}))
    examples = r.bool("examples", default=True)
    publisher = _publisher(r.sub("publisher"), langs)
    placeholders = tuple(r.str_list("placeholders", what="setting"))
    licence = None
    if lic := r.sub("licence"):
        lic_url = lic.str("url", required=True, default="")
        if lic_url and not lic_url.startswith(("http://", "https://")):
            lic.err("url", f"the licence's url must be an absolute http(s) address, found '{lic_url}'")
        licence = Licence(name=lic.str("name", required=True, default=""), url=lic_url,
                          confirmed=lic.bool("confirmed", default=False))
        lic.finish()
    sections = {}
    for name in ("podcast", "calendar", "blog"):
        if r.has(name):
            sections[name] = r.sub(name)
    if r.has("forge"):  # read here: every command needs it (page links, the web editor)
        from coopsite.cms.forge import read_forge

        sections["forge"] = read_forge(r.sub("forge"))
    r.finish()
    return SiteConfig(root=root, site_url=site_url, site_name=site_name, languages=langs,
                      examples=examples, publisher=publisher, placeholders=placeholders, licence=licence,
                      sections=frozen_map(sections))


def _publisher(pr: Reader | None, langs: Languages) -> Publisher | None:
    if pr is None:
        return None
    name = read_localized(pr, "name", langs, required=True)
    url = pr.str("url")
    if url and not url.startswith(("http://", "https://")):
        pr.err("url", f"the publisher's url must be an absolute http(s) address, found '{url}'",
               "for example https://smartbe.be/")
        url = None
    contact = pr.str("contact")
    if contact and not EMAIL_RE.match(contact):
        pr.err("contact", f"'{contact}' is not an e-mail address", "write the address readers can write to")
        contact = None
    pr.finish()
    return Publisher(name=name, url=url, contact=contact, pos=pr.pos()) if name else None

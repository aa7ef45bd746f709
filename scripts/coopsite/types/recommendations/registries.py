"""The registries beside the recommendations: cycles, themes, working groups."""

from __future__ import annotations

from pathlib import Path

from coopsite.core.config import SiteConfig
from coopsite.core.i18n.text import read_localized, read_localized_list, read_translations
from coopsite.core.model import frozen_map
from coopsite.types.recommendations.model import Cycle, Group, Theme
from coopsite.core.problems import Problems
from coopsite.core.source import list_readers, load_yaml_file

REC_DIR = "recommendations"

COUNTRIES = ("BE", "FR", "NL", "DE", "ES", "IT", "SE", "AT")
PEOPLE_ROLES = ("secretaries", "moderators", "participants")


def _registry(root: Path, name: str, problems: Problems):
    rel = f"{REC_DIR}/{name}"
    path = root / rel
    if not path.exists():
        problems.error(rel, 0, 0, f"registry file {name} is missing",
                       hint=f"create {rel}; see recommendations/README.md")
        return []
    return list_readers(load_yaml_file(path, rel, problems), rel, problems, name)


def load_themes(root: Path, cfg: SiteConfig, problems: Problems) -> tuple[Theme, ...]:
    out = []
    for order, r in enumerate(_registry(root, "themes.yml", problems)):
        tid = r.str("id", required=True)
        title = read_localized(r, "title", cfg.languages, required=True)
        numbering = r.str("numbering", default="{number}.")
        if "{number}" not in numbering:
            r.err("numbering", f"numbering must contain {{number}}, found '{numbering}'",
                  "for example: \"{number}.\" or \"Nantes {number}/\"")
            numbering = "{number}."
        r.finish()
        if tid and title:
            out.append(Theme(id=tid, title=title, order=order, numbering=numbering, pos=r.pos()))
    return tuple(out)


def load_groups(root: Path, cfg: SiteConfig, problems: Problems) -> tuple[Group, ...]:
    out = []
    for r in _registry(root, "groups.yml", problems):
        code = r.str("code", required=True)
        name = read_localized(r, "name", cfg.languages, required=True)
        country = r.choice("country", COUNTRIES, required=True, what="country code")
        cities = tuple(r.str_list("cities"))
        r.finish()
        if code and name:
            out.append(Group(code=code, name=name, country=country or "", cities=cities, pos=r.pos()))
    return tuple(out)


def load_cycles(root: Path, cfg: SiteConfig, problems: Problems, group_codes: set[str]) -> tuple[Cycle, ...]:
    langs = cfg.languages
    out = []
    for r in _registry(root, "cycles.yml", problems):
        cid = r.str("id", required=True)
        title = read_localized(r, "title", langs, required=True)
        report_title = read_localized(r, "report_title", langs)
        theme = read_localized(r, "theme", langs, required=True)
        report_date = r.partial_date("report_date", required=True)
        groups = tuple(r.str_list("groups", choices=group_codes, what="working group"))
        group_languages = read_localized(r, "group_languages", langs)
        people = {}
        pr = r.sub("people")
        if pr:
            for role in PEOPLE_ROLES:
                people[role] = tuple(pr.str_list(role))
            pr.finish()
        introduction = read_localized(r, "introduction", langs, multiline=True)
        notes = read_localized_list(r, "notes", langs, multiline=True)
        translations = read_translations(r, langs)
        r.finish()
        if cid and title and theme and report_date:
            out.append(Cycle(id=cid, title=title, report_title=report_title, theme=theme, report_date=report_date, groups=groups, group_languages=group_languages,
                             people=frozen_map(people), introduction=introduction, notes=notes, translations=frozen_map(translations), pos=r.pos()))
    return tuple(out)

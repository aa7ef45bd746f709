"""Cross-file rules of recommendations, cycles, themes and groups."""

from __future__ import annotations

from coopsite.core.problems import Problems, did_you_mean
from coopsite.core.rules import check_languages, unique


def check_recommendations(catalog, problems: Problems) -> None:
    recs = catalog.recommendations
    unique(recs, lambda r: r.id, "id", problems, lambda r: r.at("id"))
    unique(recs, lambda r: (r.cycle, r.theme, r.number), "number within its cycle and theme", problems,
           lambda r: r.at("number"))
    ids = {r.id for r in recs}
    for rec in recs:
        for ref in rec.references:
            if ref.recommendation and ref.recommendation not in ids:
                problems.error(ref.pos.path, ref.pos.line, ref.pos.col,
                               f"reference to unknown recommendation '{ref.recommendation}'",
                               did_you_mean(ref.recommendation, ids))
            if ref.recommendation == rec.id:
                problems.error(ref.pos.path, ref.pos.line, ref.pos.col, "a recommendation refers to itself")


def check_registries(catalog, problems: Problems) -> None:
    cfg = catalog.config
    for rec in catalog.recommendations:
        check_languages(rec, rec.pos, dict(rec.translations), cfg, problems, f"recommendation {rec.id}")
    for cyc in catalog.cycles:
        check_languages(cyc, cyc.pos, dict(cyc.translations), cfg, problems, f"cycle {cyc.id}")
    for theme in catalog.themes:
        check_languages(theme, theme.pos, {}, cfg, problems, f"theme {theme.id}")
    unique(catalog.themes, lambda t: t.id, "theme id", problems)
    unique(catalog.groups, lambda g: g.code, "group code", problems)
    unique(catalog.cycles, lambda c: c.id, "cycle id", problems)

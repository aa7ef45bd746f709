"""Recommendations of the working groups, their cycles, themes and groups, and the cooperative's answers."""

from __future__ import annotations

from coopsite.core.content_type import ContentType
from coopsite.core.i18n.ui import N_
from coopsite.types.recommendations import api, bench, dashboard, feeds, load, rules, views


def _pages(catalog, lang: str) -> dict[str, str]:
    return {**views.pages(catalog, lang), **dashboard.pages(catalog, lang)}


TYPE = ContentType(
    name="recommendations",
    item_labels={"recommendations": N_("type_recommendations"), "cycles": N_("type_cycles")},
    load=load.load,
    rules=(rules.check_recommendations, rules.check_registries),
    nav=(("recommendations/index.md", N_("recommendations")), ("recommendations/dashboard.md", N_("dashboard"))),
    pages=_pages,
    translation_items=load.translation_items,
    dates=load.dates,
    files=(api.files, feeds.files),
    announced=feeds.announced,
    source_dirs=("recommendations",),
    bench_clone=bench.clone,
)

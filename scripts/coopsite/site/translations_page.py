"""The public translation-status page, so volunteer translators can pick work."""

from __future__ import annotations

from coopsite.core import translations as ts
from coopsite.core.i18n import format as fmt
from coopsite.core.i18n.ui import t
from coopsite.core.views import front_matter, lang_name

PAGE = "translations/index"


def pages(catalog, lang: str) -> dict[str, str]:
    rows = ts.report(catalog)
    cov = ts.coverage(rows)
    kinds = sorted({k for k, _ in cov})
    others = [lang for lang in catalog.config.languages.all if any(k[1] == lang for k in cov)]
    title = t(lang, "translation_status")
    out = [front_matter(title), f"# {title}\n", t(lang, "translation_intro") + "\n"]
    out.append(f"| {t(lang, 'content_type')} | " + " | ".join(lang_name(o, lang).capitalize() for o in others) + " |")
    out.append("|---|" + "---:|" * len(others))
    for kind in kinds:
        cells = []
        for o in others:
            done, total = cov.get((kind, o), (0, 0))
            pct = fmt.number(round(100 * done / total) if total else 100, lang)
            cells.append(f"{done}/{total} ({pct} %)")
        out.append(f"| {kind} | " + " | ".join(cells) + " |")
    out.append("")
    todo = [r for r in rows if r.state in (ts.MISSING, ts.OUTDATED)]
    if todo:
        out.append(f"| {t(lang, 'items')} | {t(lang, 'language')} | {t(lang, 'status')} | |")
        out.append("|---|---|---|---|")
        for r in sorted(todo, key=lambda r: (r.kind, r.id, r.lang)):
            state = t(lang, "translation_missing" if r.state == ts.MISSING else "translation_outdated_short")
            out.append(f"| {r.id} | {lang_name(r.lang, lang)} | {state} | `{r.path}` |")
    else:
        out.append(f"**{t(lang, 'translation_ok').capitalize()}.**")
    return {PAGE: "\n".join(out) + "\n"}

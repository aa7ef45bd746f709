"""The public translation-status page, so volunteer translators can pick work."""

from __future__ import annotations

from coopsite.core import translations as ts
from coopsite.core.i18n import format as fmt
from coopsite.core.i18n import labels
from coopsite.core.i18n.ui import t
from coopsite.core.templates import render
from coopsite.core.views import Text, lang_name

PAGE = "translations/index"



def pages(catalog, lang: str) -> dict[str, str]:
    rows = ts.report(catalog)
    cov = ts.coverage(rows)
    kinds = list(dict.fromkeys(k for k, _ in cov))  # in the order of the content types
    others = [o for o in catalog.config.languages.all if any(k[1] == o for k in cov)]
    text = Text(lang, catalog.config.languages.default)
    records = {(item.kind, item.id): item.record for item in ts.items(catalog)}

    kind_labels = {kind: key for ct in catalog.content_types for kind, key in ct.item_labels.items()}

    def label(kind: str) -> str:
        return t(lang, kind_labels[kind])

    def title(row) -> str:
        record = records.get((row.kind, row.id))
        found = text(getattr(record, "title", None))
        return found or row.id

    coverage = []
    for kind in kinds:
        cells = []
        for o in others:
            done, total = cov.get((kind, o), (0, 0))
            cells.append({"done": done, "total": total,
                          "percent": fmt.number(round(100 * done / total) if total else 100, lang)})
        coverage.append({"label": label(kind), "cells": cells})
    todo = [{"title": f"{label(r.kind)} · {title(r)}", "language": lang_name(r.lang, lang),
             "state": t(lang, labels.TRANSLATION_STATE[r.state]),
             "path": r.path}
            for r in sorted(rows, key=lambda r: (kinds.index(r.kind), r.id, r.lang))
            if r.state in (ts.MISSING, ts.OUTDATED)]
    # texts of their own (a status note, an answer) not translated yet: each with its position
    todo += [{"title": f"{label(r.kind)} · {title(r)}", "language": lang_name(r.lang, lang),
              "state": t(lang, "translation_state_text"), "path": f"{r.pos.path}:{r.pos.line}"}
             for r in ts.per_text_rows(catalog) if r.kind in kind_labels]
    return {PAGE: render(catalog, "translations.html", lang, title=t(lang, "translation_status"),
                         languages=[lang_name(o, lang).capitalize() for o in others],
                         coverage=coverage, todo=todo)}

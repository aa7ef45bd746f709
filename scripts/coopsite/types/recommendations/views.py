"""Recommendation pages: the filterable overview, one page per recommendation, one per cycle."""

from __future__ import annotations

from typing import TYPE_CHECKING

import textwrap
from collections import defaultdict

from coopsite.core.i18n.ui import t
from coopsite.core.model import Recommendation, Status, fingerprint
from coopsite.core.views import Text, badge, date_html, esc, front_matter, indent, md, notices, status_label, url

if TYPE_CHECKING:  # the catalog is built from the types: at run time they only receive it
    from coopsite.site.catalog import Catalog

OVERVIEW = "recommendations/index"


def rec_page(rec: Recommendation) -> str:
    return f"recommendations/{rec.id}"


def cycle_page(cycle_id: str) -> str:
    return f"recommendations/cycles/{cycle_id}"


def pages(catalog: Catalog, lang: str) -> dict[str, str]:
    out = {OVERVIEW: overview(catalog, lang)}
    for rec in catalog.recommendations:
        out[rec_page(rec)] = recommendation(catalog, rec, lang)
    for cycle in catalog.cycles:
        out[cycle_page(cycle.id)] = cycle_text(catalog, cycle, lang)
    return out


def rec_heading(rec: Recommendation, catalog: Catalog, text: Text) -> str:
    theme = catalog.theme(rec.theme)
    prefix = f"{text(theme.title)} " if rec.theme == "nantes" and theme else ""
    number = f"{rec.number}/" if rec.theme == "nantes" else f"{rec.number}."
    if rec.theme == "nantes":
        return f"Nantes {number} {text(rec.title)}"
    return f"{prefix}{number} {text(rec.title)}"


def overview(catalog: Catalog, lang: str) -> str:
    """Plain lists grouped by theme; the filter form only appears when JavaScript runs."""
    text = Text(lang, catalog.config.languages.default)
    by_theme: dict[str, list[Recommendation]] = defaultdict(list)
    for rec in catalog.recommendations:
        by_theme[rec.theme].append(rec)
    themes = [th for th in catalog.themes if by_theme.get(th.id)]
    statuses = [s for s in Status if any(r.status == s for r in catalog.recommendations)]
    groups = sorted({g for r in catalog.recommendations for g in r.groups})

    def options(values):
        return "".join(f'<option value="{esc(v)}">{esc(label)}</option>' for v, label in values)

    parts = [front_matter(t(lang, "recommendations")), f"# {t(lang, 'recommendations')}\n"]
    for cycle in catalog.cycles:
        parts.append(f"[{esc(text(cycle.title))}: {esc(text(cycle.theme))}]({url(OVERVIEW, cycle_page(cycle.id))})"
                     f" · [{t(lang, 'dashboard')}]({url(OVERVIEW, 'recommendations/dashboard')})\n")
    total = len(catalog.recommendations)
    parts.append(
        f'<form class="rec-filters" hidden data-total="{total}" '
        f'data-shown-template="{esc(t(lang, "filter_shown", shown="{shown}", total="{total}"))}">\n'
        f'<fieldset><legend>{t(lang, "filter_heading")}</legend>\n'
        f'<label>{t(lang, "theme")} <select name="theme"><option value="">{t(lang, "all")}</option>'
        f'{options((th.id, text(th.title)) for th in themes)}</select></label>\n'
        f'<label>{t(lang, "group")} <select name="group"><option value="">{t(lang, "all")}</option>'
        f'{options((g, g) for g in groups)}</select></label>\n'
        f'<label>{t(lang, "status")} <select name="status"><option value="">{t(lang, "all")}</option>'
        f'{options((s.value, status_label(s, lang)) for s in statuses)}</select></label>\n'
        f'</fieldset>\n<p class="rec-filter-count" role="status" aria-live="polite"></p>\n'
        f'<p class="rec-filter-empty" hidden>{t(lang, "no_match")}</p>\n</form>\n')
    for th in themes:
        parts.append(f'<section class="rec-theme" data-theme="{esc(th.id)}" markdown>\n')
        parts.append(f"## {text(th.title)} {{ #{th.id} }}\n")
        parts.append('<ul class="rec-list">')
        for rec in by_theme[th.id]:
            parts.append(
                f'<li class="rec-item" data-theme="{esc(rec.theme)}" data-status="{rec.status.value}" '
                f'data-groups="{esc(" ".join(rec.groups))}">'
                f'<a href="{url(OVERVIEW, rec_page(rec))}">{esc(rec_heading(rec, catalog, text))}</a> '
                f'{badge(rec.status, lang)} <span class="rec-groups">{esc(", ".join(rec.groups))}</span></li>')
        parts.append("</ul>\n\n</section>\n")
    parts.insert(2, notices(text))
    return "\n".join(parts)


def recommendation(catalog: Catalog, rec: Recommendation, lang: str) -> str:
    default = catalog.config.languages.default
    text = Text(lang, default)
    page = rec_page(rec)
    theme = catalog.theme(rec.theme)
    cycle = catalog.cycle(rec.cycle)
    body = []
    heading = rec_heading(rec, catalog, text)
    meta = [badge(rec.status, lang)]
    if theme:
        meta.append(f'{t(lang, "theme")}: <a href="{url(page, OVERVIEW)}#{theme.id}">{esc(text(theme.title))}</a>')
    if rec.groups:
        names = []
        for code in rec.groups:
            g = catalog.group(code)
            names.append(f'<abbr title="{esc(text(g.name))}">{esc(code)}</abbr>' if g else esc(code))
        meta.append(f'{t(lang, "group")}: {", ".join(names)}')
    if cycle:
        meta.append(f'<a href="{url(page, cycle_page(cycle.id))}">{esc(text(cycle.title))}</a>')
    body.append(f'<p class="rec-meta">{" · ".join(meta)}</p>\n')

    if rec.context:
        body.append(f"## {t(lang, 'context')}\n\n{md(text(rec.context))}\n")
    if rec.proposal or rec.points:
        body.append(f"## {t(lang, 'proposal')}\n")
        if rec.proposal:
            body.append(md(text(rec.proposal)) + "\n")
        if rec.points:
            items = []
            for point in rec.points:
                first, *rest = text(point.text).strip("\n").split("\n")
                item = f"- **{esc(point.label)})** {first}"
                if rest:
                    # continuation lines (nested lists, paragraphs) belong inside the list item
                    item += "\n" + indent(md(textwrap.dedent("\n".join(rest))))
                items.append(item)
            body.append('<div class="rec-points" markdown>\n\n' + "\n".join(items) + "\n\n</div>\n")
        if rec.closing:
            body.append(md(text(rec.closing)) + "\n")
    for note in rec.notes:
        body.append(f'!!! note "{t(lang, "editorial_note")}"\n\n{indent(md(text(note)))}\n')
    if rec.references:
        body.append(f"## {t(lang, 'references')}\n")
        for ref in rec.references:
            if ref.recommendation:
                other = catalog.recommendation(ref.recommendation)
                if other:
                    body.append(f"- [{esc(rec_heading(other, catalog, text))}]({url(page, rec_page(other))})")
            else:
                title = text(ref.title)
                body.append(f"- [{title}]({ref.url})" if ref.url else f"- {title}")
        body.append("")
    referenced_by = catalog.referenced_by(rec.id)
    if referenced_by:
        if not rec.references:
            body.append(f"## {t(lang, 'references')}\n")
        for other in referenced_by:
            body.append(f"- [{esc(rec_heading(other, catalog, text))}]({url(page, rec_page(other))})")
        body.append("")
    for hook in (ct.discussed_in for ct in catalog.content_types if ct.discussed_in):
        block = hook(catalog, rec, lang, page)
        if block:
            body.append(block)

    body.append(answer_block(rec, lang, text))
    body.append(history_block(rec, lang, text))

    tr = rec.translations.get(lang)
    outdated = bool(tr and tr.source and tr.source != fingerprint(rec, tr.from_lang))
    head = front_matter(heading, description=text(rec.title))
    banner = notices(text, tr.from_lang if tr else None, outdated)
    return head + f"# {heading}\n\n" + banner + "\n" + "\n".join(body) + "\n"


DISCUSSED_IN: list = []


def answer_block(rec: Recommendation, lang: str, text: Text) -> str:
    a = rec.answer
    out = [f"## {t(lang, 'answer')}\n"]
    if a.feasible is None and not a.reason and not a.priority:
        out.append(f"<p class=\"no-answer\">{t(lang, 'no_answer_yet')}</p>\n")
        return "\n".join(out)
    out.append('<dl class="rec-answer">')
    feasible = {True: "feasible_yes", False: "feasible_no", None: "feasible_unknown"}[a.feasible]
    out.append(f"<dt>{t(lang, 'feasible')}</dt><dd>{t(lang, feasible)}</dd>")
    if a.reason:
        out.append(f"<dt>{t(lang, 'why')}</dt><dd markdown>\n\n{md(text(a.reason))}\n\n</dd>")
    if a.priority:
        out.append(f"<dt>{t(lang, 'priority')}</dt><dd>{t(lang, 'priority_' + a.priority)}</dd>")
    if a.priority_reason:
        out.append(f"<dt>{t(lang, 'why')}</dt><dd markdown>\n\n{md(text(a.priority_reason))}\n\n</dd>")
    out.append("</dl>\n")
    return "\n".join(out)


def history_block(rec: Recommendation, lang: str, text: Text) -> str:
    out = [f"## {t(lang, 'history')}\n", '<ol class="timeline" reversed>']
    for entry in reversed(rec.history):
        note = f'<div class="timeline-note" markdown>\n\n{md(text(entry.note))}\n\n</div>' if entry.note else ""
        out.append(f'<li class="timeline-entry" markdown="block">{date_html(entry.date, lang)} '
                   f'{badge(entry.status, lang)}\n{note}\n</li>')
    out.append("</ol>\n")
    return "\n".join(out)


def cycle_text(catalog: Catalog, cycle, lang: str) -> str:
    default = catalog.config.languages.default
    text = Text(lang, default)
    page = cycle_page(cycle.id)
    body = [f'<p class="rec-meta">{t(lang, "report_date")} {date_html(cycle.report_date, lang, "long")}'
            f' · {esc(text(cycle.report_title))}</p>\n']
    body.append(f"## {t(lang, 'introduction')}: {text(cycle.theme)}\n\n{md(text(cycle.introduction))}\n")
    for note in cycle.notes:
        body.append(f'!!! note "{t(lang, "editorial_note")}"\n\n{indent(md(text(note)))}\n')
    body.append(f"## {t(lang, 'groups')}\n")
    for code in cycle.groups:
        g = catalog.group(code)
        if g:
            cities = f" ({', '.join(g.cities)})" if g.cities else ""
            count = sum(1 for r in catalog.recommendations if code in r.groups and r.cycle == cycle.id)
            body.append(f"- **{esc(code)}**: {esc(text(g.name))}{esc(cities)} · {count} "
                        f"{t(lang, 'recommendations').lower()}")
    if cycle.group_languages:
        body.append(f"\n{t(lang, 'group_languages')}: {text(cycle.group_languages)}\n")
    if any(cycle.people.values()):
        body.append(f"## {t(lang, 'people')}\n")
        for role, names in cycle.people.items():
            if names:
                body.append(f"**{t(lang, 'people_' + role)}**: {esc(', '.join(names))}\n")
    body.append(f"## {t(lang, 'recommendations')}\n")
    for rec in catalog.recommendations:
        if rec.cycle == cycle.id:
            body.append(f"- [{esc(rec_heading(rec, catalog, text))}]({url(page, rec_page(rec))}) "
                        f"{badge(rec.status, lang)}")
    tr = cycle.translations.get(lang)
    title = f"{text(cycle.title)}: {text(cycle.theme)}"
    banner = notices(text, tr.from_lang if tr else None,
                     bool(tr and tr.source and tr.source != fingerprint(cycle, tr.from_lang)))
    return front_matter(title) + f"# {title}\n\n" + banner + "\n" + "\n".join(body) + "\n"

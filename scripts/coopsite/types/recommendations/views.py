"""Recommendation pages: the filterable overview, one page per recommendation, one per cycle."""

from __future__ import annotations

from typing import TYPE_CHECKING

from collections import defaultdict

from babel import Locale
from markupsafe import Markup

from coopsite.types.recommendations import labels
from coopsite.core.i18n.ui import N_, t, tn
from coopsite.types.recommendations.model import Recommendation, Status
from coopsite.core.templates import render
from coopsite.core.views import Text, date_data, lang_name, notice_data, url
from coopsite.types.recommendations.labels import badge_data, status_label

if TYPE_CHECKING:  # the catalog is built from the types: at run time they only receive it
    from coopsite.site.catalog import Catalog

OVERVIEW = "recommendations/index"


def rec_page(rec: Recommendation) -> str:
    return f"recommendations/{rec.id}"


def cycle_page(cycle_id: str) -> str:
    return f"recommendations/cycles/{cycle_id}"


def report_page(cycle_id: str) -> str:
    return f"recommendations/report/{cycle_id}"


def pages(catalog: Catalog, lang: str) -> dict[str, str]:
    out = {OVERVIEW: overview(catalog, lang)}
    for rec in catalog.recommendations:
        out[rec_page(rec)] = recommendation(catalog, rec, lang)
    for cycle in catalog.cycles:
        out[cycle_page(cycle.id)] = cycle_text(catalog, cycle, lang)
        out[report_page(cycle.id)] = report(catalog, cycle, lang)
    return out


def report(catalog: Catalog, cycle, lang: str) -> str:
    """The whole report of a cycle on one page, to read or print before a general assembly: every
    recommendation in the report's order (theme, number) with its current status, the answer as
    published (or that none is) and its history."""
    text = Text(lang, catalog.config.languages.default)
    page = report_page(cycle.id)
    recs = [r for r in catalog.recommendations if r.cycle == cycle.id]
    themes = []
    for th in catalog.themes:
        mine = [recommendation_data(catalog, r, lang, page) for r in recs if r.theme == th.id]
        if mine:
            themes.append({"id": th.id, "title": text(th.title), "recommendations": mine})
    data = {
        "title": t(lang, "report_page_title", cycle=text(cycle.title)),
        "description": t(lang, "label_value", label=text(cycle.title), value=text(cycle.theme)),
        "report_title": text(cycle.report_title),
        "theme": text(cycle.theme),
        "report_date": date_data(cycle.report_date, lang, "long"),
        "introduction": text(cycle.introduction),
        "notes": [text(note) for note in cycle.notes],
        "cycle_href": url(page, cycle_page(cycle.id)),
        "total": len(recs),
        "themes": themes,
    }
    tr = cycle.translations.get(lang)
    data["notice"] = notice_data(text, tr.from_lang if tr else None, bool(tr and tr.outdated(cycle)))
    return render(catalog, "report.html", lang, **data)


def rec_heading(rec: Recommendation, catalog: Catalog, text: Text) -> str:
    """'3. Title', or as the theme numbers its recommendations (themes.yml: numbering)."""
    theme = catalog.theme(rec.theme)
    number = (theme.numbering if theme else "{number}.").format(number=rec.number)
    return f"{number} {text(rec.title)}"


def _plural_forms(lang: str, key: str, **kw) -> list[dict]:
    """One text per CLDR plural category of the language, for a sentence that JavaScript completes
    (the filter's count): it picks the form with Intl.PluralRules, the same CLDR rules."""
    rule = Locale.parse(lang).plural_form
    out = []
    for category in sorted(rule.tags | {"other"}):
        sample = next(n for n in (0, 1, 2, 3, 5, 11, 21, 101, 1000000) if rule(n) == category)
        out.append({"category": category, "text": tn(lang, key, sample, **kw)})
    return out


def overview(catalog: Catalog, lang: str) -> str:
    """Plain lists grouped by theme; the filter form only appears when JavaScript runs."""
    text = Text(lang, catalog.config.languages.default)
    by_theme: dict[str, list[Recommendation]] = defaultdict(list)
    for rec in catalog.recommendations:
        by_theme[rec.theme].append(rec)
    themes = [th for th in catalog.themes if by_theme.get(th.id)]
    statuses = [s for s in Status if any(r.status == s for r in catalog.recommendations)]
    groups = sorted({g for r in catalog.recommendations for g in r.groups})
    data = {
        "title": t(lang, "recommendations"),
        "cycles": [{"href": url(OVERVIEW, cycle_page(c.id)), "report_href": url(OVERVIEW, report_page(c.id)),
                    "title": t(lang, "label_value", label=text(c.title), value=text(c.theme))} for c in catalog.cycles],
        "dashboard_href": url(OVERVIEW, "recommendations/dashboard"),
        "total": len(catalog.recommendations),
        "shown_forms": _plural_forms(lang, N_("filter_shown"), shown="{shown}", total="{total}"),
        "filters": [
            {"name": "theme", "label": t(lang, "theme"),
             "options": [{"value": th.id, "label": text(th.title)} for th in themes]},
            {"name": "group", "label": t(lang, "group"), "options": [{"value": g, "label": g} for g in groups]},
            {"name": "status", "label": t(lang, "status"),
             "options": [{"value": s.value, "label": status_label(s, lang)} for s in statuses]},
        ],
        "themes": [{"id": th.id, "title": text(th.title), "recommendations": [
            {"href": url(OVERVIEW, rec_page(rec)), "heading": rec_heading(rec, catalog, text),
             "status": badge_data(rec.status, lang), "groups": list(rec.groups)} for rec in by_theme[th.id]]}
            for th in themes],
    }
    data["notice"] = notice_data(text)  # after every text was picked: did any fall back?
    return render(catalog, "recommendations.html", lang, **data)


def recommendation(catalog: Catalog, rec: Recommendation, lang: str) -> str:
    return render(catalog, "recommendation.html", lang, **recommendation_data(catalog, rec, lang, rec_page(rec)))


def recommendation_data(catalog: Catalog, rec: Recommendation, lang: str, page: str) -> dict:
    """A recommendation's page data; links are relative to `page` (its own page, or the whole report)."""
    text = Text(lang, catalog.config.languages.default)
    theme = catalog.theme(rec.theme)
    cycle = catalog.cycle(rec.cycle)
    groups = []
    for code in rec.groups:
        g = catalog.group(code)
        groups.append({"code": code, "name": text(g.name) if g else ""})
    references = []
    for ref in rec.references:
        if ref.recommendation:
            other = catalog.recommendation(ref.recommendation)
            if other:
                references.append({"title": rec_heading(other, catalog, text), "href": url(page, rec_page(other))})
        else:
            references.append({"title": text(ref.title), "href": ref.url or ""})
    a = rec.answer
    answered = not (a.feasible is None and not a.reason and not a.priority)
    data = {
        "title": rec_heading(rec, catalog, text),
        "description": text(rec.title),
        "status": badge_data(rec.status, lang),
        "theme": {"href": f"{url(page, OVERVIEW)}#{theme.id}", "title": text(theme.title)} if theme else None,
        "groups": groups,
        "cycle": {"href": url(page, cycle_page(cycle.id)), "title": text(cycle.title)} if cycle else None,
        "context": text(rec.context),
        "proposal": text(rec.proposal),
        # the label of a point belongs to its first paragraph, as in the report ("a) ...")
        "points": [f"**{point.label})** {text(point.text).strip()}" for point in rec.points],
        "closing": text(rec.closing),
        "notes": [text(note) for note in rec.notes],
        "references": references,
        "referenced_by": [{"title": rec_heading(o, catalog, text), "href": url(page, rec_page(o))}
                          for o in catalog.referenced_by(rec.id)],
        # other content types' blocks ("discussed in the blog"): Markdown of their views
        "discussed_in": [Markup(block) for block in
                         (ct.discussed_in(catalog, rec, lang, page) for ct in catalog.content_types if ct.discussed_in)
                         if block],
        # The answer and the status notes are texts of their own, each in the language it was
        # given in: one not translated yet is shown in its language and marked, the page stays
        # translated (text.own, core/model.py: PER_TEXT_FIELDS).
        "answer": {
            "feasible": t(lang, labels.FEASIBLE[a.feasible]),
            "reason": text.own(a.reason),
            "priority": t(lang, labels.PRIORITY[a.priority]) if a.priority else "",
            "priority_reason": text.own(a.priority_reason),
        } if answered else None,
        "history": [{"date": date_data(e.date, lang), "status": badge_data(e.status, lang), "note": text.own(e.note)}
                    for e in reversed(rec.history)],
    }
    tr = rec.translations.get(lang)
    data["notice"] = notice_data(text, tr.from_lang if tr else None, bool(tr and tr.outdated(rec)))
    data["notice"] = original_notice(rec, lang, data["notice"])
    data["id"] = rec.id
    data["href"] = url(page, rec_page(rec))
    return data


def original_notice(rec: Recommendation, lang: str, notice: dict | None) -> dict | None:
    """What a page says of its text's origin when the working group wrote in another language than
    the text it was imported from (`written_in`). The French-speaking groups wrote in French; the
    Dutch report translated them; the French here is translated back from that Dutch until their
    original is imported (which replaces the texts and the `translations` entry, nothing else)."""
    wrote = rec.written_in
    if not wrote or (notice and notice.get("kind") == "untranslated"):
        return notice
    where = lang_name(wrote, lang)
    tr = rec.translations.get(lang)
    # the group's own text is here once its language is no longer a translation
    here = wrote not in rec.translations
    if lang == wrote:
        if not tr:
            return notice  # the group's original
        # the reader's language is the group's, but this text is not theirs: it was translated back
        message = t(lang, "back_translated", original=where, source=lang_name(tr.from_lang, lang))
    elif tr is None:
        # the text imported (the report's): itself a translation of the group's original
        message = t(lang, "report_translation", original=where)
    else:
        message = (notice or {}).get("message", "") + " " + t(lang, "via_report_translation",
                                                                source=lang_name(tr.from_lang, lang), original=where)
    message += " " + (t(lang, "original_here", original=where) if here else t(lang, "original_elsewhere"))
    if tr and tr.outdated(rec):
        message += " " + t(lang, "translation_outdated")
    return {"kind": "translated", "message": message.strip()}


def cycle_text(catalog: Catalog, cycle, lang: str) -> str:
    text = Text(lang, catalog.config.languages.default)
    page = cycle_page(cycle.id)
    groups = []
    for code in cycle.groups:
        g = catalog.group(code)
        if g:
            count = sum(1 for r in catalog.recommendations if code in r.groups and r.cycle == cycle.id)
            groups.append({"code": code, "name": text(g.name), "cities": list(g.cities), "count": count})
    data = {
        "title": t(lang, "label_value", label=text(cycle.title), value=text(cycle.theme)),
        "report_date": date_data(cycle.report_date, lang, "long"),
        "report_title": text(cycle.report_title),
        "theme": text(cycle.theme),
        "introduction": text(cycle.introduction),
        "notes": [text(note) for note in cycle.notes],
        "groups": groups,
        "group_languages": text(cycle.group_languages) if cycle.group_languages else "",
        "people": [{"label": t(lang, labels.PEOPLE[role]), "names": list(names)}
                   for role, names in cycle.people.items() if names],
        "report_href": url(page, report_page(cycle.id)),
        "recommendations": [{"href": url(page, rec_page(rec)), "heading": rec_heading(rec, catalog, text),
                             "status": badge_data(rec.status, lang)}
                            for rec in catalog.recommendations if rec.cycle == cycle.id],
    }
    tr = cycle.translations.get(lang)
    data["notice"] = notice_data(text, tr.from_lang if tr else None, bool(tr and tr.outdated(cycle)))
    return render(catalog, "cycle.html", lang, **data)

"""recommendations/<cycle>/<id>.yml -> Recommendation models."""

from __future__ import annotations

import re
from pathlib import Path

from coopsite.core.config import SiteConfig
from coopsite.core.i18n.text import read_localized, read_localized_list, read_translations
from coopsite.core.model import frozen_map
from coopsite.types.recommendations.model import (PRIORITIES, Answer, HistoryEntry, Point, Recommendation, Reference, Status)
from coopsite.core.problems import Problems
from coopsite.core.source import Reader, load_yaml_file
from coopsite.types.recommendations.registries import REC_DIR

ID_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
URL_RE = re.compile(r"^https?://[^\s]+$")


def recommendation_files(root: Path) -> list[Path]:
    return sorted(p for p in (root / REC_DIR).glob("*/*.yml") if not p.name.startswith("_"))


def load_recommendations(root: Path, cfg: SiteConfig, problems: Problems, *, cycles: set[str],
                         themes: set[str], groups: set[str]) -> tuple[Recommendation, ...]:
    out = []
    for path in recommendation_files(root):
        rel = path.relative_to(root).as_posix()
        node = load_yaml_file(path, rel, problems)
        if node is None:
            continue
        rec = read_recommendation(Reader(node, rel, problems), cfg, cycles=cycles, themes=themes, groups=groups,
                                  file_stem=path.stem, folder=path.parent.name)
        if rec:
            out.append(rec)
    return tuple(out)


def read_recommendation(r: Reader, cfg: SiteConfig, *, cycles: set[str], themes: set[str], groups: set[str],
                        file_stem: str, folder: str) -> Recommendation | None:
    if not r.ok:
        return None
    langs = cfg.languages
    rid = r.str("id", required=True)
    if rid and not ID_RE.match(rid):
        r.err("id", f"id '{rid}' may only contain lower-case letters, digits and single dashes",
              "for example sip2021-07")
    elif rid and rid != file_stem:
        r.err("id", f"id '{rid}' does not match the file name '{file_stem}.yml'",
              f"rename the file to {rid}.yml (ids never change once published)")
    cycle = r.choice("cycle", cycles, required=True, what="cycle")
    if cycle and cycle != folder:
        r.err("cycle", f"cycle '{cycle}' does not match the folder '{folder}'",
              f"move the file to recommendations/{cycle}/")
    theme = r.choice("theme", themes, required=True, what="theme")
    number = r.int("number", required=True, minimum=1)
    grps = tuple(r.str_list("groups", required=True, choices=groups, what="working group"))
    title = read_localized(r, "title", langs, required=True)
    context = read_localized(r, "context", langs, multiline=True)
    proposal = read_localized(r, "proposal", langs, multiline=True)
    points = []
    for pr in r.items("points"):
        label = pr.str("label", required=True)
        text = read_localized(pr, "text", langs, required=True, multiline=True)
        pr.finish()
        if label and text:
            points.append(Point(label=label, text=text))
    if proposal is None and not points and r.ok:
        r.missing("proposal", "add 'proposal:' with the text per language, or lettered 'points:'")
    closing = read_localized(r, "closing", langs, multiline=True)
    notes = read_localized_list(r, "notes", langs, multiline=True)
    references = []
    for rr in r.items("references"):
        target = rr.str("recommendation")
        title_ref = read_localized(rr, "title", langs)
        url = rr.str("url")
        if url and not URL_RE.match(url):
            rr.err("url", f"'{url}' is not a web address", "write a full address starting with https://")
        if not target and not title_ref:
            rr.missing("recommendation' or 'title", "a reference names a recommendation id or a document title")
        rr.finish()
        references.append(Reference(recommendation=target, title=title_ref, url=url, pos=rr.pos()))
    answer = Answer()
    ar = r.sub("answer")
    if ar:
        feasible = ar.bool("feasible")
        reason = read_localized(ar, "reason", langs, multiline=True)
        priority = ar.choice("priority", PRIORITIES, what="priority")
        priority_reason = read_localized(ar, "priority_reason", langs, multiline=True)
        ar.finish()
        answer = Answer(feasible=feasible, reason=reason, priority=priority, priority_reason=priority_reason)
    status = r.choice("status", Status.values(), required=True, what="status")
    history = []
    for hr in r.items("history", required=True):
        date = hr.partial_date("date", required=True)
        st = hr.choice("status", Status.values(), required=True, what="status")
        note = read_localized(hr, "note", langs, multiline=True)
        hr.finish()
        if date and st:
            history.append(HistoryEntry(date=date, status=Status(st), note=note, pos=hr.pos()))
    check_history(r, history, status)
    translations = read_translations(r, langs)
    written_in = r.choice("written_in", langs.all, what="language")
    r.finish()
    if not (rid and cycle and theme and number and title and status and history):
        return None
    return Recommendation(id=rid, cycle=cycle, theme=theme, number=number, groups=grps, title=title, context=context, proposal=proposal, points=tuple(points), closing=closing,
                          notes=notes, references=tuple(references), answer=answer, status=Status(status), history=tuple(history),
                          translations=frozen_map(translations), written_in=written_in, pos=r.pos(), where=frozen_map(r.positions()))


def check_history(r: Reader, history: list[HistoryEntry], status: str | None) -> None:
    for before, after in zip(history, history[1:]):
        # Only a clear inversion is an error: "2021" may well come after "2021-06-01".
        if after.date.end < before.date.start:
            r.problems.error(after.pos.path, after.pos.line, after.pos.col,
                             f"history is not in date order: {after.date} comes after {before.date}",
                             "list the history oldest first; add new entries at the end")
    if history and status and history[-1].status.value != status:
        r.err("status", f"status '{status}' differs from the last history entry ('{history[-1].status.value}')",
              "the current status is the latest history entry: change both, or use 'coopsite status'")


def load(ctx) -> dict:
    """The type's load face: registries (themes, groups, cycles) and recommendations, sorted by
    cycle, theme order and number."""
    from coopsite.types.recommendations.registries import load_cycles, load_groups, load_themes

    themes = load_themes(ctx.root, ctx.config, ctx.problems)
    groups = load_groups(ctx.root, ctx.config, ctx.problems)
    cycles = load_cycles(ctx.root, ctx.config, ctx.problems, {g.code for g in groups})
    recs = load_recommendations(ctx.root, ctx.config, ctx.problems, cycles={c.id for c in cycles},
                                themes={t.id for t in themes}, groups={g.code for g in groups})
    order = {t.id: t.order for t in themes}
    recs = sorted(recs, key=lambda r: (r.cycle, order.get(r.theme, 99), r.number, r.id))
    return {"themes": themes, "groups": groups, "cycles": cycles, "recommendations": tuple(recs)}


def translation_items(catalog):
    from coopsite.core.translations import Item

    for r in catalog.recommendations:
        yield Item(kind="recommendations", id=r.id, path=r.pos.path, record=r, translations=dict(r.translations))
    for c in catalog.cycles:
        yield Item(kind="cycles", id=c.id, path=c.pos.path, record=c, translations=dict(c.translations))


def dates(catalog):
    # the first day of each period: what the build's reproducible timestamp may rest on
    yield from (h.date.start for r in catalog.recommendations for h in r.history)
    yield from (c.report_date.start for c in catalog.cycles)

"""The headless JSON API: one document per content type, each with its JSON Schema, plus CSV.

site/api/recommendations.json, recommendations.schema.json, recommendations.csv.
Records carry stable ids, every language and every field, so another front end
(a mobile app, a newsletter) needs nothing else.
"""

from __future__ import annotations

import json

from coopsite.core import translations as ts
from coopsite.core.links import latest_date, page_url
from coopsite.core.model import Localized
from coopsite.types.recommendations.model import Recommendation
from coopsite.core.spreadsheet import csv_bytes
from coopsite.types.recommendations.views import rec_page

API_VERSION = 1


def loc(value: Localized | None):
    return dict(value.texts) if value else None


def recommendation_record(catalog, rec: Recommendation) -> dict:
    langs = catalog.config.languages
    item = ts.Item(kind="recommendations", id=rec.id, path=rec.pos.path, record=rec, translations=dict(rec.translations))
    return {
        "id": rec.id,
        "cycle": rec.cycle,
        "theme": rec.theme,
        "number": rec.number,
        "groups": list(rec.groups),
        "title": loc(rec.title),
        "context": loc(rec.context),
        "proposal": loc(rec.proposal),
        "points": [{"label": p.label, "text": loc(p.text)} for p in rec.points],
        "closing": loc(rec.closing),
        "notes": [loc(n) for n in rec.notes],
        "references": [
            {"recommendation": r.recommendation} if r.recommendation
            else {"title": loc(r.title), "url": r.url}
            for r in rec.references
        ],
        "answer": {
            "feasible": rec.answer.feasible,
            "reason": loc(rec.answer.reason),
            "priority": rec.answer.priority,
            "priority_reason": loc(rec.answer.priority_reason),
        },
        "status": rec.status.value,
        "updated": rec.updated.edtf(),
        # dates as precise as the content knows them: EDTF "2021", "2021-06", "2021-06-15", "2021~"
        "history": [{"date": h.date.edtf(), "precision": h.date.precision, "status": h.status.value,
                     "note": loc(h.note)}
                    for h in rec.history],
        "translations": {lang: {"from": tr.from_lang, "state": ts.state_of(item, lang, langs.default)}
                         for lang, tr in sorted(rec.translations.items())},
        "url": {lang: page_url(catalog, rec_page(rec), lang) for lang in langs.all},
        # the language the group wrote in when its original is not here (see README, 'Originals')
        "written_in": rec.written_in,
        "source": rec.pos.path,
    }


def recommendations_document(catalog) -> dict:
    return {
        "api_version": API_VERSION,
        "updated": latest_date(catalog).isoformat(),
        "languages": list(catalog.config.languages.all),
        "default_language": catalog.config.languages.default,
        "cycles": [{"id": c.id, "title": loc(c.title), "theme": loc(c.theme), "report_title": loc(c.report_title),
                    "report_date": c.report_date.edtf(),
                    "report_date_precision": c.report_date.precision, "groups": list(c.groups),
                    "introduction": loc(c.introduction), "notes": [loc(n) for n in c.notes]}
                   for c in catalog.cycles],
        "themes": [{"id": t.id, "title": loc(t.title)} for t in catalog.themes],
        "groups": [{"code": g.code, "name": loc(g.name), "country": g.country, "cities": list(g.cities)}
                   for g in catalog.groups],
        "recommendations": [recommendation_record(catalog, r) for r in catalog.recommendations],
    }


# JSON Schema (2020-12) of recommendations.json. Hand-written next to the
# serializer above; tests validate the real output against it.
LOCALIZED = {"type": ["object", "null"], "additionalProperties": {"type": "string"},
             "propertyNames": {"pattern": "^[a-z]{2}$"}}
LOCALIZED_REQ = {"type": "object", "additionalProperties": {"type": "string"}, "minProperties": 1,
                 "propertyNames": {"pattern": "^[a-z]{2}$"}}
STATUSES = ["submitted", "under-review", "accepted", "in-progress", "done", "postponed", "to-elaborate",
            "not-feasible"]
DATE = {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
# A date as precise as known, in EDTF (ISO 8601-2): a year "2021", a month "2021-06", a day
# "2021-06-15"; a trailing "~" marks it approximate ("2021~"). See core/dates.py.
PARTIAL_DATE = {"type": "string", "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?~?$",
                "description": "EDTF date: YYYY, YYYY-MM or YYYY-MM-DD, '~' at the end when approximate"}
PRECISION = {"enum": ["year", "month", "day"]}


def recommendations_schema(site_url: str) -> dict:
    rec = {
        "type": "object",
        "additionalProperties": False,
        "required": ["id", "cycle", "theme", "number", "groups", "title", "status", "updated", "history",
                     "answer", "url"],
        "properties": {
            "id": {"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$",
                   "description": "Stable identifier; never changes."},
            "cycle": {"type": "string"},
            "theme": {"type": "string"},
            "number": {"type": "integer", "minimum": 1},
            "groups": {"type": "array", "items": {"type": "string"}},
            "title": LOCALIZED_REQ,
            "context": LOCALIZED,
            "proposal": LOCALIZED,
            "points": {"type": "array", "items": {"type": "object", "required": ["label", "text"],
                                                  "additionalProperties": False,
                                                  "properties": {"label": {"type": "string"},
                                                                 "text": LOCALIZED_REQ}}},
            "closing": LOCALIZED,
            "notes": {"type": "array", "items": LOCALIZED_REQ},
            "references": {"type": "array", "items": {"oneOf": [
                {"type": "object", "required": ["recommendation"], "additionalProperties": False,
                 "properties": {"recommendation": {"type": "string"}}},
                {"type": "object", "required": ["title"], "additionalProperties": False,
                 "properties": {"title": LOCALIZED_REQ, "url": {"type": ["string", "null"], "format": "uri"}}},
            ]}},
            "answer": {"type": "object", "additionalProperties": False,
                       "properties": {"feasible": {"type": ["boolean", "null"]}, "reason": LOCALIZED,
                                      "priority": {"enum": ["high", "normal", "low", None]},
                                      "priority_reason": LOCALIZED}},
            "status": {"enum": STATUSES, "description": "Current status: the status of the last history entry."},
            "updated": PARTIAL_DATE,
            "history": {"type": "array", "minItems": 1, "items": {
                "type": "object", "required": ["date", "status"], "additionalProperties": False,
                "properties": {"date": PARTIAL_DATE, "precision": PRECISION, "status": {"enum": STATUSES},
                               "note": LOCALIZED}}},
            "translations": {"type": "object", "additionalProperties": {
                "type": "object", "required": ["from", "state"], "additionalProperties": False,
                "properties": {"from": {"type": "string"},
                               "state": {"enum": [ts.OK, ts.MISSING, ts.OUTDATED, ts.UNSTAMPED]}}}},
            "url": {"type": "object", "additionalProperties": {"type": "string", "format": "uri"}},
            "written_in": {"type": ["string", "null"],
                           "description": "The language the working group wrote in, when its original text is "
                                          "not in this document (its text in that language is translated back)."},
            "source": {"type": "string", "description": "Source file in the repository."},
        },
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": site_url.rstrip("/") + "/api/recommendations.schema.json",
        "title": "Smart in Progress recommendations",
        "type": "object",
        "required": ["api_version", "languages", "recommendations", "cycles", "themes", "groups"],
        "additionalProperties": False,
        "properties": {
            "api_version": {"const": API_VERSION},
            "updated": DATE,
            "languages": {"type": "array", "items": {"type": "string"}},
            "default_language": {"type": "string"},
            "cycles": {"type": "array", "items": {"type": "object", "required": ["id", "title", "report_date"],
                                                  "properties": {"id": {"type": "string"}, "title": LOCALIZED_REQ,
                                                                 "report_date": PARTIAL_DATE,
                                                                 "report_date_precision": PRECISION}}},
            "themes": {"type": "array", "items": {"type": "object", "required": ["id", "title"]}},
            "groups": {"type": "array", "items": {"type": "object", "required": ["code", "name"]}},
            "recommendations": {"type": "array", "items": rec},
        },
    }


CSV_COLUMNS = ["id", "cycle", "theme", "number", "groups", "status", "updated", "feasible", "priority"]


def recommendations_csv(catalog) -> bytes:
    """One row per recommendation; a spreadsheet opens it directly (UTF-8 with BOM, comma-separated)."""
    langs = catalog.config.languages.all
    rows = [CSV_COLUMNS + [f"title_{lang}" for lang in langs] + [f"url_{lang}" for lang in langs]]
    for rec in catalog.recommendations:
        feasible = {True: "yes", False: "no", None: ""}[rec.answer.feasible]
        rows.append([rec.id, rec.cycle, rec.theme, rec.number, " ".join(rec.groups), rec.status.value,
                     rec.updated.edtf(), feasible, rec.answer.priority or ""]
                    + [rec.title.get(lang) or "" for lang in langs]
                    + [page_url(catalog, rec_page(rec), lang) for lang in langs])
    return csv_bytes(rows)


def dump(doc: dict) -> bytes:
    # compact: the C encoder only runs without indent (5x faster on large documents)
    return (json.dumps(doc, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


def files(catalog) -> dict[str, bytes]:
    return {
        "api/recommendations.json": dump(recommendations_document(catalog)),
        "api/recommendations.schema.json": dump(recommendations_schema(catalog.config.site_url)),
        "api/recommendations.csv": recommendations_csv(catalog),
    }

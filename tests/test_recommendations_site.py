"""The recommendations as readers, feed readers and API clients get them from a real build."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import feedparser
import jsonschema
import pytest
from lxml import html as lhtml

from coopsite.site.catalog import build_catalog

from .conftest import REPO

LANGS = ("nl", "fr", "en")


@pytest.fixture(scope="module")
def catalog():
    cat, problems = build_catalog(REPO)
    assert not problems.errors
    return cat


def page(site: Path, lang: str, path: str):
    prefix = "" if lang == "nl" else f"{lang}/"
    return lhtml.parse(str(site / prefix / path / "index.html")).getroot()


def test_every_recommendation_of_the_report_is_published_in_three_languages(built_site, catalog):
    # the seed report: 32 numbered recommendations and the Nantes group's 1/ to 6/
    ids = {r.id for r in catalog.recommendations}
    assert {f"sip2021-{n:02d}" for n in range(1, 33)} <= ids
    assert {f"sip2021-nantes-{n}" for n in range(1, 7)} <= ids
    for rec in catalog.recommendations:
        for lang in LANGS:
            doc = page(built_site, lang, f"recommendations/{rec.id}")
            assert doc.get("lang") == lang
            h1 = doc.xpath("string(//h1)")
            assert rec.title.get(lang) in h1
            # the badge shows the status in the reader's language
            assert doc.xpath("//span[contains(@class,'status-badge')]")


def test_lettered_points_and_editorial_notes_are_on_the_page(built_site, catalog):
    rec = catalog.recommendation("sip2021-04")
    doc = page(built_site, "nl", "recommendations/sip2021-04")
    text = doc.text_content()
    for point in rec.points:
        assert f"{point.label})" in text
        assert point.text.get("nl").split()[0] in text
    assert len(rec.points) == 7  # a) to g) in the report
    note_rec = catalog.recommendation("sip2021-02")
    doc = page(built_site, "en", "recommendations/sip2021-02")
    assert doc.xpath("//div[contains(@class,'admonition') and contains(@class,'note')]")
    assert note_rec.notes[0].get("en")[:40] in doc.text_content()


def test_overview_groups_by_theme_with_filter_data(built_site, catalog):
    doc = page(built_site, "fr", "recommendations")
    items = doc.xpath("//li[contains(@class,'rec-item')]")
    assert len(items) == len(catalog.recommendations)
    assert {i.get("data-status") for i in items} == {r.status.value for r in catalog.recommendations}
    sections = doc.xpath("//div[contains(@class,'rec-theme') and @data-theme]")
    assert [s.get("data-theme") for s in sections] == [t.id for t in catalog.themes]
    # the filter form exists but is hidden until the script shows it (no JavaScript: plain lists)
    form = doc.xpath("//form[contains(@class,'rec-filters')]")[0]
    assert form.get("hidden") is not None
    assert form.xpath(".//select[@name='status']/option[@value='in-progress']")


def test_dashboard_has_charts_readable_without_colour(built_site, catalog):
    doc = page(built_site, "nl", "recommendations/dashboard")
    charts = doc.xpath("//div[contains(@class,'bar-chart') and @role='img']")
    assert len(charts) == 2
    status_chart = charts[0]
    values = [t.text for t in status_chart.xpath(".//span[contains(@class,'bar-value')]")]
    assert sum(map(int, values)) == len(catalog.recommendations)
    # every label in full (wrapped by the browser, never cut with an ellipsis), and a name for screen readers
    assert status_chart.get("aria-label") and not any("…" in (t.text or "") for t in doc.xpath("//span[@class='bar-label']"))
    # the same figures as a table
    assert doc.xpath("//table[contains(@class,'chart-data')]//th[@scope='row']")
    assert doc.xpath("//h2[contains(.,'Recent gewijzigd')]")


def test_timeline_shows_every_history_entry(built_site, catalog):
    rec = catalog.recommendation("sip2021-32")
    doc = page(built_site, "fr", "recommendations/sip2021-32")
    entries = doc.xpath("//ol[contains(@class,'timeline')]/li")
    assert len(entries) == len(rec.history) == 2
    assert [e.xpath("string(.//time/@datetime)") for e in entries] == \
        [h.date.isoformat() for h in reversed(rec.history)]
    assert "en cours" in entries[0].text_content()


def test_status_feed_has_one_entry_per_status_change(built_site, catalog):
    changes = sum(len(r.history) for r in catalog.recommendations)
    for lang in LANGS:
        feed = feedparser.parse((built_site / "feeds" / f"recommendations.{lang}.xml").read_bytes())
        assert not feed.bozo, feed.bozo_exception
        assert len(feed.entries) == changes
        assert len({e.id for e in feed.entries}) == changes
        assert feed.feed.language == lang
        first = feed.entries[0]
        assert first.link.startswith("https://")
        assert ("/fr/" in first.link) == (lang == "fr")
        # newest first
        dates = [e.updated_parsed for e in feed.entries]
        assert dates == sorted(dates, reverse=True)
    # announced in the page heads of that language
    doc = page(built_site, "en", "recommendations")
    links = doc.xpath("//link[@rel='alternate' and @type='application/atom+xml']/@href")
    assert any(href.endswith("feeds/recommendations.en.xml") for href in links)


def test_json_api_validates_against_its_schema(built_site, catalog):
    data = json.loads((built_site / "api" / "recommendations.json").read_text(encoding="utf-8"))
    schema = json.loads((built_site / "api" / "recommendations.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(data, schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    assert [r["id"] for r in data["recommendations"]] == [r.id for r in catalog.recommendations]
    rec = next(r for r in data["recommendations"] if r["id"] == "sip2021-32")
    assert rec["status"] == "in-progress" and len(rec["history"]) == 2
    assert set(rec["title"]) == set(LANGS)
    # the schema rejects what it should
    broken = json.loads(json.dumps(data))
    broken["recommendations"][0]["status"] = "finished"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, schema)


def test_csv_export_opens_as_a_spreadsheet(built_site, catalog):
    raw = (built_site / "api" / "recommendations.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(rows) == len(catalog.recommendations)
    row = next(r for r in rows if r["id"] == "sip2021-10")
    assert row["title_nl"] == "Talen van de websites" and row["status"] == "submitted"
    assert row["url_fr"].endswith("/fr/recommendations/sip2021-10/")


def test_cycle_page_has_introduction_groups_and_people(built_site, catalog):
    doc = page(built_site, "en", "recommendations/cycles/sip-2020-2021")
    text = doc.text_content()
    cycle = catalog.cycles[0]
    assert cycle.introduction.get("en")[:50] in text
    for code in cycle.groups:
        assert code in text
    assert "Carmelo Virone" in text  # a secretary named by the report
    assert "Secretaries" in text

"""Issue 17: the site claims only what the content holds. Dates as precise as known (pages, feeds,
API), the translation state of each text (a status note in one language inside a translated page),
and the wording of a recommendation without an answer."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import feedparser
import jsonschema
import pytest
from lxml import etree, html

from coopsite.core import dates
from coopsite.site.catalog import build_catalog
from coopsite.site.files import site_files
from coopsite.types.recommendations import views
from coopsite.types.recommendations.api import recommendations_schema
from coopsite.types.recommendations.feeds import path as feed_path

from .conftest import coopsite, copy_tree

LANGS = ("nl", "fr", "en")
REC = "recommendations/sip-2020-2021/sip2021-03.yml"


def _set_history(tree: Path, text: str) -> None:
    """Replace the history of sip2021-03 (the last block of the file) with `text`."""
    p = tree / REC
    src = p.read_text(encoding="utf-8")
    i = src.index("history:\n")
    p.write_text(src[:i] + text, encoding="utf-8")


def _page(catalog, rid: str, lang: str):
    md = views.recommendation(catalog, catalog.recommendation(rid), lang)
    return html.fromstring(f"<div>{md}</div>")


# --- dates ---------------------------------------------------------------------------------

def test_partial_dates_parse_order_and_read_in_each_language():
    assert dates.parse(2021) == dates.PartialDate(2021)
    assert dates.parse("2021-06").precision == "month"
    assert dates.parse(dt.date(2021, 6, 1)).precision == "day"
    assert dates.parse("2021~").approximate and dates.parse("2021~").edtf() == "2021~"
    for bad in ("2021-13", "21", "2021-06-31", "june 2021", True):
        assert dates.parse(bad) is None, bad
    assert dates.parse(2021) < dates.parse("2021-01-05") < dates.parse("2021-02")
    assert dates.parse("2021-02").end == dt.date(2021, 2, 28)
    year, month = dates.parse(2021), dates.parse("2021-06")
    assert [dates.format_partial(month, lang) for lang in LANGS] == ["juni 2021", "juin 2021", "June 2021"]
    assert dates.format_partial(year, "fr") == "2021"
    assert dates.format_partial(dates.parse("2021~"), "nl", approx="ca. {date}") == "ca. 2021"


def test_the_shipped_report_is_dated_by_its_year_only(built_site):
    """No page, feed or API file states a day of the 2020-2021 report: it carries none."""
    cat, problems = build_catalog(Path(__file__).resolve().parents[1])
    assert not problems.errors
    assert {h.date.edtf() for r in cat.recommendations for h in r.history} == {"2021"}
    assert cat.cycle("sip-2020-2021").report_date.edtf() == "2021"
    for lang in LANGS:
        prefix = "" if lang == "nl" else f"{lang}/"
        page = html.parse(str(built_site / prefix / "recommendations/sip2021-32/index.html")).getroot()
        times = page.xpath("//ol[contains(@class,'timeline')]//time")
        assert [(t.get("datetime"), t.text) for t in times] == [("2021", "2021")] * 2
        assert "2019" not in "".join(t.text for t in times)
        text = (built_site / prefix / "recommendations/cycles/sip-2020-2021/index.html").read_text()
        assert '<time datetime="2021">2021</time>' in text
    api = json.loads((built_site / "api/recommendations.json").read_text())
    assert {h["date"] for r in api["recommendations"] for h in r["history"]} == {"2021"}
    assert {h["precision"] for r in api["recommendations"] for h in r["history"]} == {"year"}
    assert api["cycles"][0]["report_date"] == "2021"


def test_day_month_year_and_approximate_dates_in_pages_feeds_and_api(tree):
    _set_history(tree, """history:
  - date: 2021~
    status: submitted
  - date: 2022-03
    status: under-review
  - date: 2022-03-01
    status: accepted
""")
    p = tree / REC
    p.write_text(re.sub(r"(?m)^status: \S+$", "status: accepted", p.read_text()), encoding="utf-8")
    cat, problems = build_catalog(tree)
    assert not problems.errors, [str(x) for x in problems.errors]
    expected = {"nl": ["1 maart 2022", "maart 2022", "ca. 2021"], "fr": ["1er mars 2022", "mars 2022", "vers 2021"],
                "en": ["1 March 2022", "March 2022", "c. 2021"]}
    for lang in LANGS:
        page = _page(cat, "sip2021-03", lang)
        times = page.xpath("//ol[contains(@class,'timeline')]//time")
        assert [t.text for t in times] == expected[lang]
        assert [t.get("datetime") for t in times] == ["2022-03-01", "2022-03", "2021"]
    files = site_files(cat)
    api = json.loads(files["api/recommendations.json"])
    jsonschema.validate(api, recommendations_schema(cat.config.site_url))
    rec = next(r for r in api["recommendations"] if r["id"] == "sip2021-03")
    assert [(h["date"], h["precision"]) for h in rec["history"]] == [("2021~", "year"), ("2022-03", "month"),
                                                                     ("2022-03-01", "day")]
    assert rec["updated"] == "2022-03-01"
    for lang in LANGS:
        feed = feedparser.parse(files[feed_path(lang)])
        assert not feed.bozo
        mine = [e for e in feed.entries if ":sip2021-03:" in e.id]
        # Atom needs a timestamp: a month or a year stands in by its first day at noon UTC, a second
        # per position in the report's order (sip2021-01's "2021" comes first) ...
        assert [e.updated for e in mine] == ["2022-03-01T12:00:01+00:00", "2022-03-01T12:00:00+00:00",
                                             "2021-01-01T12:00:01+00:00"]
        # ... and the entry's text says what is really known
        assert [re.search(r"\((.*?)\)", e.summary)[1] for e in mine] == expected[lang]
        assert len({e.id for e in feed.entries}) == len(feed.entries)


def test_a_bad_date_is_a_positioned_error_with_a_hint(tree):
    _set_history(tree, "history:\n  - date: juni 2021\n    status: submitted\n")
    result = coopsite("check", cwd=tree)
    assert result.returncode == 1 and "Traceback" not in result.stderr + result.stdout
    out = result.stdout + result.stderr
    assert re.search(r"sip2021-03\.yml:\d+:\d+: error: 'date' is not a valid date: 'juni 2021'", out)
    assert "2021-06" in out and "~" in out


# --- a recommendation without an answer -------------------------------------------------------

def test_no_answer_says_none_is_published_here_not_that_none_was_given(tree):
    cat, _ = build_catalog(tree)
    wording = {"nl": "geen antwoord", "fr": "Aucune réponse", "en": "No answer"}
    for lang in LANGS:
        text = _page(cat, "sip2021-03", lang).text_content()
        assert wording[lang] in text
        assert "not answered" not in text and "nog niet geantwoord" not in text and "pas encore répondu" not in text


# --- translation state per text ------------------------------------------------------------

def test_a_dutch_status_note_stays_a_text_of_its_own_in_a_translated_page(tree):
    before, _ = build_catalog(tree)
    result = coopsite("status", "sip2021-03", "under-review", "--note", "Besproken door de raad van bestuur.",
                      "--date", "2027-01-12", cwd=tree)
    assert result.returncode == 0, result.stderr
    cat, problems = build_catalog(tree)
    assert not problems.errors
    rec = cat.recommendation("sip2021-03")
    note = rec.history[-1].note
    # the page's translations are still current: the note is not part of them
    assert not any(tr.outdated(rec) for tr in rec.translations.values())
    warnings = [w for w in problems.warnings if "sip2021-03" in w.path]
    assert sorted(w.message.split(": ", 1)[1] for w in warnings) == [
        f"history[{len(rec.history) - 1}].note has no {lang} translation" for lang in ("en", "fr")]
    assert {(w.line, w.col) for w in warnings} == {(note.pos.line, note.pos.col)}
    assert all("outdated" not in w.message and w.line != 1 for w in warnings)
    for lang, label in (("fr", "Pas encore traduit"), ("en", "Not translated yet")):
        page = _page(cat, "sip2021-03", lang)
        assert not page.xpath("//div[contains(@class,'admonition') and contains(@class,'warning')]")
        marked = page.xpath("//div[@class='timeline-note']/div[@class='own-language']")
        assert len(marked) == 1 and marked[0].get("lang") == "nl"
        assert "Besproken door de raad van bestuur." in marked[0].text_content()
        assert label in marked[0].xpath("p[@class='own-language-label']")[0].text
        # the older notes, translated, carry no mark
        assert len(page.xpath("//div[@class='timeline-note']")) == len(rec.history)
    nl = _page(cat, "sip2021-03", "nl")
    assert not nl.xpath("//div[@class='own-language']")
    # the status feeds give it in its language and say so
    fr_feed = feedparser.parse(site_files(cat)[feed_path("fr")])
    newest = next(e for e in fr_feed.entries if ":sip2021-03:" in e.id)
    assert "Besproken door de raad van bestuur. (Pas encore traduit" in newest.summary
    # `coopsite translations` keeps the page translated and lists the note at its position
    out = coopsite("translations", cwd=tree).stdout
    assert f"{REC}:{note.pos.line}:{note.pos.col}" in out


# --- the release gate ----------------------------------------------------------------------

RELEASE_LINE = re.compile(r"^coopsite\.yml:\d+:\d+: error: release: ", re.M)


def _real_settings(tree: Path) -> None:
    """What the cooperative would set before publishing (addresses of its own, not reserved ones)."""
    p = tree / "coopsite.yml"
    text = p.read_text(encoding="utf-8")
    for old, new in (("https://smartinprogress.example.org/", "https://participation.smart.coop/"),
                     ("contact@smartinprogress.example.org", "participation@smart.coop"),
                     ("podcast@smartinprogress.example.org", "podcast@smart.coop"),
                     ("uid_domain: smartinprogress.example.org", "uid_domain: participation.smart.coop"),
                     ("examples: true", "examples: false"),
                     ("placeholders: [forge.url]", "placeholders: []"),
                     ("  confirmed: false", "  confirmed: true")):
        assert old in text, old
        text = text.replace(old, new)
    p.write_text(text, encoding="utf-8")


def test_release_gate_fails_on_todays_settings_one_line_each(tree):
    result = coopsite("check", "--release", cwd=tree, env={"COOPSITE_SITE_URL": ""})
    assert result.returncode == 1 and "Traceback" not in result.stderr
    lines = RELEASE_LINE.findall(result.stdout)
    named = [line.split(": error: release: ")[1].split(" ")[0] for line in result.stdout.splitlines()
             if ": error: release: " in line]
    assert sorted(named) == ["calendar.uid_domain", "examples:", "forge.url", "podcast.owner.email",
                             "publisher.contact", "site_url", "the"]  # "the licence CC BY 4.0 is a proposal"
    assert "release: the licence CC BY 4.0 is a proposal (licence.confirmed: false)" in result.stdout
    assert len(lines) == 7
    # plain check (and so `make build`) is not the gate: previews keep working with placeholders
    assert coopsite("check", cwd=tree).returncode == 0


def test_release_gate_passes_once_set_and_reads_the_build_variable(tree):
    _real_settings(tree)
    result = coopsite("check", "--release", cwd=tree, env={"COOPSITE_SITE_URL": ""})
    assert result.returncode == 0, result.stdout
    assert "ready to publish" in result.stderr
    # the build variable is what goes public when set: a placeholder there fails too
    bad = coopsite("check", "--release", cwd=tree, env={"COOPSITE_SITE_URL": "https://preview.example.com/"})
    assert bad.returncode == 1
    assert "site_url (from COOPSITE_SITE_URL) is a placeholder: 'https://preview.example.com/'" in bad.stdout
    # any other setting with a reserved address is caught without being listed (the editor's sign-in)
    p = tree / "coopsite.yml"
    p.write_text(p.read_text().replace("  # auth_url: https://auth.smartinprogress.example.org",
                                       "  auth_url: https://auth.smartinprogress.example.org"))
    cfg_error = coopsite("check", "--release", cwd=tree, env={"COOPSITE_SITE_URL": ""})
    assert re.findall(r"error: release: (\S+)", cfg_error.stdout) == ["forge.auth_url"]


def test_release_gate_refuses_placeholder_addresses_in_published_content(tmp_path):
    tree = copy_tree(tmp_path / "full", full=True)
    _real_settings(tree)
    event = tree / "content/events/productievergadering-brussel.yml"
    event.write_text(event.read_text().replace("example: true\n", "example: false\n", 1))
    result = coopsite("check", "--release", cwd=tree, env={"COOPSITE_SITE_URL": ""})
    assert result.returncode == 1
    assert re.search(r"content/events/productievergadering-brussel\.yml:\d+:\d+: error: release: a published "
                     r"text names the placeholder host meet\.example\.org", result.stdout)
    assert len(re.findall(r": error: release: ", result.stdout)) == 1


# --- the termbase --------------------------------------------------------------------------

from coopsite.core import termbase  # noqa: E402
from coopsite.core.config import Languages  # noqa: E402
from coopsite.core.problems import Problems  # noqa: E402


def _slips(tree, **kw):
    terms = termbase.load(tree, Languages(), Problems())
    assert len(terms) >= 10
    return termbase.slips(tree, terms, Languages(), **kw)


def test_termbase_catches_an_avoided_variant_in_a_yaml_text_at_its_position(tree):
    assert _slips(tree, locales=None) == []  # the shipped texts follow it
    p = tree / "recommendations/sip-2020-2021/sip2021-03.yml"
    text = p.read_text(encoding="utf-8")
    # reintroduce two slips of issue 17 in the English and French translations
    text = text.replace("  en: ", "  en: Decided by the general meeting. ", 1).replace(
        "  fr: ", "  fr: Vu par le comité éthique. ", 1)
    p.write_text(text, encoding="utf-8")
    lines = text.splitlines()
    found = {(s.variant, s.lang, s.line, s.col) for s in _slips(tree, locales=None)}
    en_line = next(i for i, ln in enumerate(lines) if "general meeting" in ln)
    fr_line = next(i for i, ln in enumerate(lines) if "comité éthique" in ln)
    assert found == {("general meeting", "en", en_line + 1, lines[en_line].index("general meeting") + 1),
                     ("comité éthique", "fr", fr_line + 1, lines[fr_line].index("comité éthique") + 1)}
    # ... and `coopsite check` says it with the position and the term to use
    out = coopsite("check", cwd=tree).stdout
    assert (f"sip2021-03.yml:{en_line + 1}:{lines[en_line].index('general meeting') + 1}: warning: termbase: "
            "'general meeting' is an avoided en variant of 'algemene-vergadering'; use 'general assembly'") in out
    # the Dutch report's own words are never reported: the rules are per language
    assert not any(s.lang == "nl" for s in _slips(tree, locales=None))


def test_termbase_reads_markdown_and_transcripts_by_their_language(tmp_path):
    tree = copy_tree(tmp_path / "full", full=True)
    assert _slips(tree, locales=None) == []
    post = tree / "content/blog/posts/nantes-nieuwe-vooruitzichten.en.md"
    post.write_text(post.read_text().replace("the most fundamental ones", "the most original ones"))
    vtt = tree / "podcasts/sip-2020-2021-samenvatting/transcript.fr.vtt"
    vtt.write_text(vtt.read_text().replace("soutien aux freelances", "soutien aux indépendants"))
    found = {(s.path, s.variant) for s in _slips(tree, locales=None)}
    assert found == {("content/blog/posts/nantes-nieuwe-vooruitzichten.en.md", "most original"),
                     ("podcasts/sip-2020-2021-samenvatting/transcript.fr.vtt", "indépendants")}


def test_termbase_interface_rules_apply_to_the_catalogs_only(tree, tmp_path):
    locales = tmp_path / "locales"
    locales.mkdir()
    for lang in LANGS:
        src = (termbase.LOCALES / f"{lang}.po").read_text(encoding="utf-8")
        if lang == "nl":
            src = src.replace('msgid "priority_normal"\nmsgstr "normaal"', 'msgid "priority_normal"\nmsgstr "gewoon"')
        if lang == "fr":
            src = src.replace('msgstr "Animateur·ices"', 'msgstr "Modérateurs"')
        (locales / f"{lang}.po").write_text(src, encoding="utf-8")
    assert _slips(tree, locales=termbase.LOCALES) == []
    found = {(s.path, s.variant) for s in _slips(tree, locales=locales)}
    assert found == {("scripts/coopsite/locales/nl.po", "gewoon"), ("scripts/coopsite/locales/fr.po", "modérateurs")}
    # an interface-only rule does not touch content: "gewoon" is an ordinary Dutch word there
    p = tree / "recommendations/sip-2020-2021/sip2021-03.yml"
    p.write_text(p.read_text().replace("  nl: ", "  nl: Gewoon doen. ", 1))
    assert _slips(tree, locales=None) == []


def test_termbase_checks_settings_and_reports_its_own_mistakes_with_positions(tree):
    cfg = tree / "coopsite.yml"
    cfg.write_text(cfg.read_text().replace("fr: Le podcast de Smart in Progress", "fr: Smart in Progress podcast"))
    assert {(s.path, s.variant) for s in _slips(tree, locales=None)} == {("coopsite.yml", "Smart in Progress podcast")}
    tb = tree / "termbase.yml"
    tb.write_text(tb.read_text().replace("    fr: sociétaire\n", "    fr: sociétaire\n    it: socio\n", 1))
    result = coopsite("check", cwd=tree)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert re.search(r"termbase\.yml:\d+:5: error: unknown key 'it'", result.stdout)


# --- originals named -----------------------------------------------------------------------

def _notice(catalog, rid, lang) -> str:
    page = _page(catalog, rid, lang)
    return " ".join(p.text_content() for p in page.xpath("//p[@class='translated-notice']"))


def test_french_pages_of_the_french_groups_say_they_are_translated_back(tree):
    for name in ("sip2021-14",):
        src = Path(__file__).resolve().parents[1] / "recommendations/sip-2020-2021" / f"{name}.yml"
        (tree / "recommendations/sip-2020-2021" / f"{name}.yml").write_bytes(src.read_bytes())
    cat, problems = build_catalog(tree)
    assert not problems.errors
    fr = _notice(cat, "sip2021-14", "fr")
    assert "a écrit cette recommandation en français" in fr and "retraduit du néerlandais" in fr
    assert "L'original n'est pas publié sur ce site." in fr
    assert "in het Frans" in _notice(cat, "sip2021-14", "nl")
    en = _notice(cat, "sip2021-14", "en")
    assert en.startswith("Translated from Dutch.") and "translation of a text in French" in en
    assert en.endswith("The original is not published on this site.")
    # a Belgian group's recommendation keeps the plain notice
    assert _notice(cat, "sip2021-03", "fr") == "Traduit du néerlandais."
    assert _notice(cat, "sip2021-03", "nl") == ""
    api = json.loads(site_files(cat)["api/recommendations.json"])
    assert {r["id"]: r["written_in"] for r in api["recommendations"]}["sip2021-14"] == "fr"


def test_importing_the_french_original_keeps_id_history_and_links(tree):
    name = "recommendations/sip-2020-2021/sip2021-14.yml"
    src = Path(__file__).resolve().parents[1] / name
    (tree / name).write_bytes(src.read_bytes())
    before, _ = build_catalog(tree)
    old = before.recommendation("sip2021-14")
    # the import: the French texts become the group's own, Dutch becomes the report's translation of them
    text = (tree / name).read_text(encoding="utf-8")
    text = text.replace("  fr: Smart dispose d'un outil de suivi des membres",
                        "  fr: Smart se dote d'un outil de suivi des sociétaires")
    text = re.sub(r"(?m)^  fr: \{from: nl, source: \w+\}\n", "", text)
    (tree / name).write_text(text, encoding="utf-8")
    after, problems = build_catalog(tree)
    assert not problems.errors, [str(p) for p in problems.errors]
    new = after.recommendation("sip2021-14")
    assert (new.id, new.history, new.groups, new.number) == (old.id, old.history, old.groups, old.number)
    assert views.rec_page(new) == views.rec_page(old)
    assert _notice(after, "sip2021-14", "fr") == ""  # the French is the group's own now
    assert _notice(after, "sip2021-14", "nl").endswith("Het origineel staat op deze site, in het Frans.")
    assert "Het origineel staat op deze site" in _notice(after, "sip2021-14", "nl")


# --- the whole report on one page ----------------------------------------------------------

def test_the_whole_report_on_one_page_in_the_reports_order(built_site):
    repo = Path(__file__).resolve().parents[1]
    cat, _ = build_catalog(repo)
    ids = [r.id for r in cat.recommendations if r.cycle == "sip-2020-2021"]
    assert ids[0] == "sip2021-01" and ids[-1] == "sip2021-nantes-6"
    for lang, prefix, none in (("nl", "", "geen antwoord"), ("fr", "fr/", "Aucune réponse"),
                               ("en", "en/", "No answer")):
        path = built_site / prefix / "recommendations/report/sip-2020-2021/index.html"
        page = html.parse(str(path)).getroot()
        articles = page.xpath("//article[@class='report-rec']")
        assert [a.get("id") for a in articles] == ids
        for a in articles:
            rec = cat.recommendation(a.get("id"))
            assert a.xpath(".//span[contains(@class,'status-badge')]")[0].get("class").endswith(rec.status.value)
            assert none in a.xpath(".//p[@class='no-answer']")[0].text
            assert [t.get("datetime") for t in a.xpath(".//ol[@class='timeline']//time")] == [
                h.date.iso() for h in reversed(rec.history)]
        # one page, printable: the print stylesheet is linked, themes start a printed page
        assert any("print.css" in href for href in page.xpath("//link[@rel='stylesheet']/@href"))
        assert len(page.xpath("//h2[contains(@class,'report-theme')]")) == 8
        # reachable from the cycle page
        cycle = html.parse(str(built_site / prefix / "recommendations/cycles/sip-2020-2021/index.html")).getroot()
        assert cycle.xpath("//p[@class='report-link']/a/@href") == ["../../report/sip-2020-2021/"]
    css = (built_site / "assets/print.css").read_text()
    assert "@media print" in css and "break-before: page" in css

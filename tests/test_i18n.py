"""Three languages everywhere: honest fallbacks, outdated translations, switcher, hreflang, locale dates."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import etree
from lxml import html as lhtml

from coopsite.site.catalog import build_catalog
from coopsite.core.i18n.labels import language_name
from coopsite.core.i18n.ui import t

from .conftest import coopsite, copy_tree, drop_language

LANGS = ("nl", "fr", "en")


def doc(root: Path, lang: str, path: str):
    prefix = "" if lang == "nl" else f"{lang}/"
    file = root / "site" / prefix / path / "index.html"
    assert file.exists(), file
    return lhtml.parse(str(file)).getroot()


@pytest.fixture(scope="module")
def i18n_site(i18n_built):
    return i18n_built


def test_untranslated_record_shows_original_with_notice(i18n_site):
    page = doc(i18n_site, "fr", "recommendations/sip2021-03")
    text = page.text_content()
    assert t("fr", "not_translated", original=language_name("nl", "fr")) in text
    assert "De vennoten inschakelen bij lobbyactiviteiten" in text  # the Dutch original
    assert page.get("lang") == "fr"
    # translated records say so instead
    page = doc(i18n_site, "fr", "recommendations/sip2021-01")
    assert t("fr", "translated_from", original=language_name("nl", "fr")) in page.text_content()
    assert t("fr", "not_translated", original=language_name("nl", "fr")) not in page.text_content()


def test_check_warns_about_missing_translation(i18n_site):
    res = coopsite("--root", str(i18n_site), "check")
    assert res.returncode == 0
    assert re.search(r"recommendations/sip-2020-2021/sip2021-03\.yml:\d+:\d+: warning: .*no fr translation", res.stdout)


def test_changed_original_reports_translation_outdated(i18n_site):
    res = coopsite("--root", str(i18n_site), "check")
    assert re.search(r"sip2021-05\.yml:\d+:\d+: warning: .*the fr translation is outdated", res.stdout), res.stdout
    res = coopsite("--root", str(i18n_site), "translations")
    assert re.search(r"outdated\s+fr\s+recommendations/sip-2020-2021/sip2021-05\.yml", res.stdout), res.stdout
    assert re.search(r"missing\s+fr\s+recommendations/sip-2020-2021/sip2021-03\.yml", res.stdout)
    # the page says the translation may be out of date
    assert t("en", "translation_outdated") in doc(i18n_site, "en", "recommendations/sip2021-05").text_content()
    # the public translation page lists it for volunteers
    assert "sip2021-05" in doc(i18n_site, "en", "translations").text_content()


def test_stamp_after_review_clears_outdated(tmp_path):
    root = copy_tree(tmp_path / "repo", recommendations=["sip2021-05"])
    p = root / "recommendations" / "sip-2020-2021" / "sip2021-05.yml"
    p.write_text(p.read_text(encoding="utf-8").replace("kosten beperken", "kosten sterk beperken"), encoding="utf-8")
    _, problems = build_catalog(root)
    assert any("outdated" in w.message for w in problems.warnings)
    before = p.read_text(encoding="utf-8")
    res = coopsite("--root", str(root), "translations", "--stamp", str(p))
    assert res.returncode == 0, res.stderr
    after = p.read_text(encoding="utf-8")
    changed = [(a, b) for a, b in zip(before.splitlines(), after.splitlines()) if a != b]
    assert changed and all(re.match(r"^\s*(translations:|fr:|en:).*source: \w+", b) for _, b in changed), changed
    assert len(before.splitlines()) == len(after.splitlines())
    _, problems = build_catalog(root)
    assert not any("outdated" in w.message for w in problems.warnings)


def test_untranslated_handwritten_page_exists_with_notice(i18n_site):
    page = doc(i18n_site, "en", "about")
    assert "untranslated-notice" in lhtml.tostring(page, encoding="unicode")
    assert "Over deze site" in page.text_content()
    assert "Over deze site" not in doc(i18n_site, "fr", "about").text_content()


@pytest.mark.parametrize("path", ["", "recommendations", "recommendations/dashboard", "recommendations/sip2021-11",
                                  "recommendations/cycles/sip-2020-2021", "translations", "about"])
def test_every_page_exists_in_each_language_and_switcher_stays_on_it(i18n_site, path):
    for lang in LANGS:
        page = doc(i18n_site, lang, path)
        assert page.get("lang") == lang
        switch = {a.get("hreflang"): a.get("href") for a in page.xpath("//a[@hreflang]")}
        assert set(switch) == set(LANGS)
        here = (i18n_site / "site" / ("" if lang == "nl" else lang) / path)
        for other, href in switch.items():
            target = (here / href).resolve()
            expected = (i18n_site / "site" / ("" if other == "nl" else other) / path).resolve()
            assert target == expected, (lang, other, href)


def test_dates_in_the_readers_locale(i18n_site):
    # The report is dated by its year only: the history says "2021", never a day nobody knows
    # (issue 17). Days in the reader's locale (French '1er juin') are tested in test_dates.py.
    for lang in LANGS:
        page = doc(i18n_site, lang, "recommendations/sip2021-01")
        times = [(t.get("datetime"), t.text) for t in page.xpath("//ol[@class='timeline']//time")]
        assert times and all(t == ("2021", "2021") for t in times), times
        assert "juni 2021" not in page.text_content() and "June 2021" not in page.text_content()


def test_sitemap_carries_hreflang_for_all_languages(i18n_site):
    tree = etree.parse(str(i18n_site / "site" / "sitemap.xml"))
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    urls = tree.xpath("//s:url", namespaces=ns)
    assert urls
    rec = [u for u in urls if u.xpath("string(s:loc)", namespaces=ns).endswith("/recommendations/sip2021-11/")]
    assert rec
    for u in urls:
        langs = {link.get("hreflang") for link in u.xpath("x:link", namespaces=ns)}
        assert langs == set(LANGS), u.xpath("string(s:loc)", namespaces=ns)


def test_search_index_per_language(i18n_site):
    import json

    # one index per language, each in its language's folder with its own lunr language
    for lang, folder in (("nl", ""), ("fr", "fr/"), ("en", "en/")):
        index = json.loads((i18n_site / "site" / folder / "search" / "search_index.json").read_text(encoding="utf-8"))
        assert index["config"]["lang"] == [lang]
        locs = {d["location"] for d in index["docs"]}
        assert locs and not any(loc.startswith(("fr/", "en/")) for loc in locs)


def test_required_language_missing_is_an_error(tmp_path):
    root = copy_tree(tmp_path / "repo", recommendations=["sip2021-01"])
    drop_language(root / "recommendations" / "sip-2020-2021" / "sip2021-01.yml", "nl")
    res = coopsite("--root", str(root), "check")
    assert res.returncode == 1
    assert re.search(r"sip2021-01\.yml:\d+:\d+: error: .*missing nl text", res.stdout), res.stdout


def test_remembered_formats_keep_each_zone():
    """The formatting cache must not mix up aware datetimes that are the same instant in two zones."""
    import datetime as dt
    from zoneinfo import ZoneInfo

    from coopsite.core.i18n import format as fmt

    brussels = dt.datetime(2026, 3, 5, 19, 0, tzinfo=ZoneInfo("Europe/Brussels"))
    london = brussels.astimezone(ZoneInfo("Europe/London"))
    assert brussels == london  # the trap: equal instants, different local times
    assert fmt.time(brussels, "nl") == "19:00"
    assert fmt.time(london, "nl") == "18:00"
    assert fmt.time_range(brussels, brussels + dt.timedelta(hours=2), "en") != \
        fmt.time_range(london, london + dt.timedelta(hours=2), "en")
    # a date and a datetime of the same day are different keys too
    assert fmt.date(dt.date(2026, 3, 5), "fr") == "5 mars 2026"
    assert fmt.date(dt.date(2026, 3, 5), "fr", "short") != fmt.date(dt.date(2026, 3, 5), "fr")

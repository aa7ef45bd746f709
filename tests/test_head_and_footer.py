"""Issue 15 in the built HTML: absolute hreflang alternates with x-default, one search index per
language without list pages, and a footer that says who publishes and under which licence."""

from __future__ import annotations

import json
import re
from pathlib import Path

import lxml.html
import pytest

from coopsite.core.config import load_config
from coopsite.core.i18n.ui import t
from coopsite.core.problems import Problems

LANGS = ("nl", "fr", "en")
PREFIX = {"nl": "", "fr": "fr/", "en": "en/"}


def _pages(site: Path):
    """The site's pages (the web editor at admin/ is Decap's own page, not one of them)."""
    for path in sorted(site.rglob("*.html")):
        doc = lxml.html.fromstring(path.read_bytes())
        if doc.xpath("//meta[@name='generator' and starts-with(@content, 'mkdocs')]"):
            yield path, doc


def test_every_hreflang_alternate_is_absolute_with_an_x_default(built_site):
    site_url = "https://smartinprogress.example.org/"
    checked = 0
    for path, doc in _pages(built_site):
        links = doc.xpath("//head/link[@hreflang]")
        if path.name == "404.html" and not links:
            continue
        assert links, path
        hrefs = {link.get("hreflang"): link.get("href") for link in links}
        assert set(hrefs) == {*LANGS, "x-default"}, path
        assert all(h.startswith(site_url) for h in hrefs.values()), (path, hrefs)
        assert hrefs["x-default"] == hrefs["nl"]
        # the page is among its own alternates, under its language's folder
        rel = path.relative_to(built_site).parent.as_posix()
        lang = rel.split("/")[0] if rel.split("/")[0] in ("fr", "en") else "nl"
        assert hrefs[lang] == site_url + (rel + "/" if rel != "." else ""), path
        checked += 1
    assert checked > 200


def test_feed_links_never_start_with_a_double_slash(built_site):
    for path, doc in _pages(built_site):
        bad = [h for h in doc.xpath("//@href | //@src") if h.startswith("//")]
        assert not bad, (path, bad[:3])


def test_one_search_index_per_language_without_list_pages(built_site):
    for lang in LANGS:
        index = json.loads((built_site / PREFIX[lang] / "search" / "search_index.json").read_text(encoding="utf-8"))
        assert index["config"]["lang"] == [lang]
        locations = [d["location"] for d in index["docs"]]
        assert locations and not any(loc.startswith(("fr/", "en/")) for loc in locations)
        assert "recommendations/sip2021-01/" in locations
        for listing in (r"^calendar/\d{4}-\d{2}/", r"^blog/tags/", r"^blog/authors/", r"^blog/archive/", r"^calendar/past/"):
            assert not any(re.match(listing, loc) for loc in locations), (lang, listing)
    # each page asks its own language's index
    config = lxml.html.fromstring((built_site / "fr" / "recommendations" / "index.html").read_bytes())
    assert json.loads(config.xpath("//script[@id='__config']")[0].text)["base"] == "../../fr/"


@pytest.mark.parametrize("lang", LANGS)
def test_footer_has_licence_feeds_open_data_and_translations(built_site, lang):
    doc = lxml.html.fromstring((built_site / PREFIX[lang] / "recommendations" / "index.html").read_bytes())
    footer = doc.xpath("//footer")[0]
    text = footer.text_content()
    assert "Made with" not in text and "Material for MkDocs" not in text
    licence = footer.xpath(".//a[@rel='license']")[0]
    assert licence.get("href") == "https://creativecommons.org/licenses/by/4.0/"
    # coopsite.yml marks the licence as a proposal: the footer must not present it as decided
    assert t(lang, "footer_licence_proposed") in text
    hrefs = footer.xpath(".//a/@href")
    up = "../" if lang == "nl" else "../../"  # from recommendations/ (or fr/recommendations/) to the root
    assert f"{up}feeds/recommendations.{lang}.xml" in hrefs
    assert f"{up}api/recommendations.csv" in hrefs and f"{up}api/recommendations.json" in hrefs
    assert "../translations/" in hrefs


def test_licence_setting(tmp_path):
    (tmp_path / "coopsite.yml").write_text(
        "licence: {name: CC BY-SA 4.0, url: 'https://creativecommons.org/licenses/by-sa/4.0/', confirmed: true}\n",
        encoding="utf-8")
    problems = Problems()
    cfg = load_config(tmp_path, problems)
    assert not problems.errors
    assert cfg.licence.confirmed and cfg.licence.name == "CC BY-SA 4.0"
    (tmp_path / "coopsite.yml").write_text("licence: {name: CC BY 4.0, url: creativecommons.org}\n", encoding="utf-8")
    problems = Problems()
    cfg = load_config(tmp_path, problems)
    assert [e.message for e in problems.errors if "absolute" in e.message]
    assert not cfg.licence.confirmed  # not said: a proposal

"""Pages from templates (overridable through Material's custom_dir), interface text from the gettext
catalogs: plurals by CLDR rules, French typography, and every interface text translated."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from coopsite.core.i18n import format as fmt
from coopsite.core.i18n.typography import NNBSP, french
from coopsite.core.i18n.ui import LOCALES_DIR, messages, t, tn
from coopsite.core.templates import THEME_DIR
from coopsite.site.catalog import build_catalog
from coopsite.site.render import render_pages

from .conftest import REPO, coopsite, copy_tree

LANGS = ("nl", "fr", "en")


def _with_custom_dir(root: Path, template: str, text: str) -> None:
    mkdocs = root / "mkdocs.yml"
    mkdocs.write_text(mkdocs.read_text(encoding="utf-8").replace("theme:\n", "theme:\n  custom_dir: overrides\n", 1),
                      encoding="utf-8")
    target = root / "overrides" / "coopsite" / template
    target.parent.mkdir(parents=True)
    target.write_text(text, encoding="utf-8")


def test_overriding_one_template_changes_every_page_of_its_kind(tmp_path, monkeypatch):
    monkeypatch.setenv("COOPSITE_TODAY", "2026-11-26")
    root = copy_tree(tmp_path / "site", recommendations=["sip2021-01", "sip2021-03", "sip2021-11"])
    original = (THEME_DIR / "coopsite" / "recommendation.html").read_text(encoding="utf-8")
    _with_custom_dir(root, "recommendation.html",
                     original.replace('<p class="rec-meta">', '<p class="site-owner-mark">ours</p>\n\n<p class="rec-meta">'))
    catalog, problems = build_catalog(root)
    assert not problems.errors
    pages = render_pages(catalog)
    recs = {p: text for p, text in pages.items() if re.match(r"recommendations/sip2021-\d+\.\w\w\.md$", p)}
    assert len(recs) == 3 * len(LANGS)
    assert all('<p class="site-owner-mark">ours</p>' in text for text in recs.values())
    others = [p for p, text in pages.items() if p not in recs and "site-owner-mark" in text]
    assert others == []  # the other kinds of page keep the package's templates


def test_an_override_reaches_the_built_site(tmp_path):
    """Through `coopsite build` and MkDocs: the page of every recommendation, in every language."""
    root = copy_tree(tmp_path / "site", recommendations=["sip2021-01", "sip2021-03"])
    _with_custom_dir(root, "partials/macros.html",
                     (THEME_DIR / "coopsite" / "partials" / "macros.html").read_text(encoding="utf-8")
                     .replace('<span class="status-badge', '<span data-owner="yes" class="status-badge'))
    res = coopsite("build", "-q", cwd=root)
    assert res.returncode == 0, res.stderr
    for lang in LANGS:
        prefix = "" if lang == "nl" else f"{lang}/"
        for rid in ("sip2021-01", "sip2021-03"):
            html = (root / "site" / f"{prefix}recommendations/{rid}/index.html").read_text(encoding="utf-8")
            assert 'data-owner="yes" class="status-badge' in html
    # the members' texts are in the page body, converted: the search index holds them
    import json

    catalog, _ = build_catalog(root)
    rec = catalog.recommendation("sip2021-03")
    words = " ".join((rec.context or rec.proposal).get("nl").split()[:6])
    index = json.loads((root / "site" / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert any(words in " ".join(d.get("text", "").split()) and d["location"].startswith("recommendations/sip2021-03/")
               for d in index["docs"]), words
    # the navigation's labels of generated pages come from the catalogs: no "Home" in French
    nav = {}
    for lang in LANGS:
        prefix = "" if lang == "nl" else f"{lang}/"
        html = (root / "site" / f"{prefix}translations/index.html").read_text(encoding="utf-8")
        nav[lang] = re.findall(r'class="md-nav__link[^"]*"[^>]*>\s*<span class="md-ellipsis">\s*([^<]*?)\s*</span>', html)
    assert "Accueil" in nav["fr"] and "Home" not in nav["fr"] and "Traductions" in nav["fr"]
    assert "Recommendations" in nav["en"] and "Translations" in nav["en"]
    assert "Aanbevelingen" in nav["nl"] and "Vertalingen" in nav["nl"]


def test_templates_escape_what_they_print(tmp_path, monkeypatch):
    """A title with markup characters stays text, escaped once, in the page and its overview."""
    monkeypatch.setenv("COOPSITE_TODAY", "2026-11-26")
    root = copy_tree(tmp_path / "site", recommendations=["sip2021-01"])
    path = root / "recommendations" / "sip-2020-2021" / "sip2021-01.yml"
    text = path.read_text(encoding="utf-8")
    title = re.search(r"^title:\n  nl: (.*)$", text, re.M)
    assert title, "the fixture's title layout changed"
    path.write_text(text.replace(title.group(0), "title:\n  nl: 'Kosten <b>& baten</b> *nu*'"), encoding="utf-8")
    catalog, problems = build_catalog(root)
    assert not problems.errors, [str(p) for p in problems.errors]
    pages = render_pages(catalog)
    page, overview = pages["recommendations/sip2021-01.nl.md"], pages["recommendations/index.nl.md"]
    assert "Kosten &lt;b&gt;&amp; baten&lt;/b&gt; \\*nu\\*" in page  # the heading: HTML and Markdown escaped
    assert "Kosten &lt;b&gt;&amp; baten&lt;/b&gt; *nu*" in overview  # inside HTML, stars are text already
    assert "&amp;lt;" not in page + overview  # never escaped twice
    assert "<b>" not in page + overview


def test_no_markdown_attribute_in_any_generated_page(tmp_path, monkeypatch):
    monkeypatch.setenv("COOPSITE_TODAY", "2026-11-26")
    catalog, problems = build_catalog(copy_tree(tmp_path / "site", full=True))
    assert not problems.errors
    pages = render_pages(catalog)
    leaking = [p for p, text in pages.items() if re.search(r"<[a-z][^>]*\smarkdown(=|\s|>)", text)]
    assert leaking == []


# --- plurals (CLDR) ------------------------------------------------------------

@pytest.mark.parametrize("lang, n, expected", [
    ("nl", 0, "0 aanbevelingen"), ("nl", 1, "1 aanbeveling"), ("nl", 2, "2 aanbevelingen"),
    ("fr", 0, "0 recommandation"), ("fr", 1, "1 recommandation"), ("fr", 2, "2 recommandations"),
    ("fr", 1000000, "1000000 recommandations"),  # CLDR's 'many' in French reads like 'other'
    ("en", 0, "0 recommendations"), ("en", 1, "1 recommendation"), ("en", 38, "38 recommendations"),
])
def test_counted_phrases_follow_each_languages_plural_rule(lang, n, expected):
    assert tn(lang, "n_recommendations", n) == expected


def test_status_counts_agree_in_french():
    assert tn("fr", "status_count_submitted", 1) == "1 soumise"
    assert tn("fr", "status_count_submitted", 37) == "37 soumises"
    assert tn("fr", "status_count_in-progress", 2) == "2 en cours"
    assert tn("nl", "status_count_submitted", 37) == "37 ingediend"
    assert tn("en", "status_count_done", 1) == "1 done"


def test_the_home_page_counts_in_each_language(tmp_path, monkeypatch):
    monkeypatch.setenv("COOPSITE_TODAY", "2026-11-26")
    catalog, _ = build_catalog(copy_tree(tmp_path / "site", recommendations=["sip2021-01"]))
    pages = render_pages(catalog)
    assert f"1 recommandation</strong>{NNBSP}: 1 soumise." in pages["index.fr.md"]
    assert "1 aanbeveling</strong>: 1 ingediend." in pages["index.nl.md"]
    assert "1 recommendation</strong>: 1 submitted." in pages["index.en.md"]
    # the filter's sentence, one form per CLDR category, for the script to choose from
    overview = pages["recommendations/index.fr.md"]
    assert 'data-shown-one="{shown} recommandation affichée sur {total}"' in overview
    assert 'data-shown-other="{shown} recommandations affichées sur {total}"' in overview


# --- French typography ------------------------------------------------------------

def test_french_typography_rule():
    assert french("Thème: x") == f"Thème{NNBSP}: x"
    assert french("Thème : x") == f"Thème{NNBSP}: x"
    assert french("Vraiment ? Oui ! Bon ; voilà") == f"Vraiment{NNBSP}? Oui{NNBSP}! Bon{NNBSP}; voilà"
    assert french("« Smart »") == f"«{NNBSP}Smart{NNBSP}»"
    assert french("à 14:30, https://smart.coop/x?a=1") == "à 14:30, https://smart.coop/x?a=1"  # not inside words
    assert french(french("Thème: x")) == french("Thème: x")  # applying it twice changes nothing


def test_french_interface_text_gets_the_rule_and_the_others_do_not():
    assert t("fr", "label_value", label="Thème", value="x") == f"Thème{NNBSP}: x"
    assert t("nl", "label_value", label="Thema", value="x") == "Thema: x"
    assert t("en", "label_value", label="Theme", value="x") == "Theme: x"
    assert all(not re.search(r"[^\s\u202f][:;!?](\s|$)", s) for s in messages("fr").texts.values())


def test_first_of_the_month_in_french():
    import datetime as dt

    assert fmt.date(dt.date(2021, 6, 1), "fr") == "1er juin 2021"
    assert fmt.date(dt.date(2021, 6, 21), "fr") == "21 juin 2021"
    assert fmt.date(dt.date(2021, 6, 1), "nl") == "1 juni 2021"
    assert fmt.date(dt.date(2021, 6, 1), "en") == "1 June 2021"
    assert fmt.date(dt.date(2021, 6, 1), "fr", "short") == "1/06/21"


# --- every interface text translated ------------------------------------------------

KEYWORDS = {"t": (2,), "tn": (2,), "N_": None}


def _extracted_keys() -> set[str]:
    """What Babel extracts from the code (t(lang, KEY), tn(lang, KEY, n), N_(KEY)) and from the
    templates (_(KEY), _n(KEY, n)): the same as `make messages`, with locales/babel.cfg."""
    package = REPO / "scripts" / "coopsite"
    code = {msg for _, _, msg, *_ in extract_from_dir(str(package), method_map=[("**.py", "python")],
                                                       keywords=KEYWORDS)}
    templates = {msg for _, _, msg, *_ in extract_from_dir(
        str(THEME_DIR), method_map=[("**.html", "jinja2")], keywords={"_": None, "_n": (1,)},
        options_map={"**.html": {"trim_blocks": "true", "lstrip_blocks": "true"}})}
    return {m if isinstance(m, str) else m[0] for m in code | templates}


def test_every_interface_text_has_a_translation_in_every_language():
    keys = _extracted_keys()
    assert {"recommendations", "n_recommendations", "context", "colon"} <= keys  # extraction works
    for lang in LANGS:
        with (LOCALES_DIR / f"{lang}.po").open("rb") as fh:
            catalog = read_po(fh)
        have = {}
        for message in catalog:
            if message.id:
                key = message.id[0] if message.pluralizable else message.id
                forms = message.string if message.pluralizable else (message.string,)
                have[key] = all(forms) and not message.fuzzy
        missing = sorted(k for k in keys if not have.get(k))
        assert missing == [], f"{lang}.po lacks {missing}"
        # and the catalogs agree with each other, key for key, and hold no text nothing uses
        assert set(have) == set(messages("en").texts) | set(messages("en").plurals), lang
        assert sorted(set(have) - keys) == [], f"{lang}.po holds texts nothing uses"


def test_a_missing_translation_is_found(tmp_path, monkeypatch):
    """The completeness test can fail: a catalog without one text is reported by it and by check."""
    import coopsite.core.i18n.ui as ui

    copy = tmp_path / "locales"
    shutil.copytree(LOCALES_DIR, copy)
    po = copy / "fr.po"
    po.write_text(po.read_text(encoding="utf-8").replace('msgstr "Contexte"', 'msgstr ""'), encoding="utf-8")
    monkeypatch.setattr(ui, "LOCALES_DIR", copy)
    ui.messages.cache_clear()
    try:
        assert ("context", "fr") in ui.missing_strings(LANGS)
    finally:
        ui.messages.cache_clear()


def test_no_raw_id_on_the_translation_page(tmp_path, monkeypatch):
    monkeypatch.setenv("COOPSITE_TODAY", "2026-11-26")
    catalog, _ = build_catalog(copy_tree(tmp_path / "site", full=True))
    pages = render_pages(catalog)
    for lang in LANGS:
        page = pages[f"translations/index.{lang}.md"]
        rows = re.findall(r'<th scope="row">([^<]*)</th>', page)
        assert rows and not {"recommendations", "cycles", "events", "blog", "podcast"} & set(rows), rows
    assert "Articles du blog" in pages["translations/index.fr.md"]


# --- a fifth content type: one folder and one line of the list ------------------------------------

NOTICE_TYPE = '''"""Notices: short announcements, one YAML file each in content/notices/."""

from pathlib import Path

from coopsite.core.content_type import ContentType
from coopsite.core.i18n.ui import N_
from coopsite.core.source import Reader, load_yaml_file
from coopsite.core.templates import render
from coopsite.core.views import Text


def load(ctx):
    out = []
    for path in sorted((ctx.root / "content" / "notices").glob("*.yml")):
        rel = path.relative_to(ctx.root).as_posix()
        r = Reader(load_yaml_file(path, rel, ctx.problems), rel, ctx.problems)
        out.append({"id": path.stem, "title": r.str("title", required=True)})
    return {"notices": tuple(out)}


def check(catalog, problems):
    for notice in catalog.notices:
        if len(notice["title"]) > 60:
            problems.error(f"content/notices/{notice['id']}.yml", 1, 1, "a notice title is at most 60 characters")


def pages(catalog, lang):
    text = Text(lang, catalog.config.languages.default)
    return {"notices/index": render(catalog, "notices.html", lang, title=t_title(lang),
                                    notices=list(catalog.notices))}


def t_title(lang):
    return {"nl": "Berichten", "fr": "Annonces", "en": "Notices"}[lang]


TYPE = ContentType(
    name="notices",
    item_labels={},
    load=load,
    rules=(check,),
    pages=pages,
    home_block=lambda catalog, lang: "## " + t_title(lang) + "\\n\\n" + ", ".join(n["title"] for n in catalog.notices),
    source_dirs=("content/notices",),
    templates=Path(__file__).with_name("templates"),
)
'''

NOTICE_TEMPLATE = '''{% include "coopsite/partials/front_matter.html" %}
# {{ title | md }}

<ul class="notices">{% for n in notices %}<li>{{ n.title }}</li>{% endfor %}</ul>
'''


def test_a_fifth_content_type_is_its_folder_and_one_line(tmp_path, monkeypatch):
    """What the README says a new content type takes: its own folder (load, rules, views, templates)
    and one line in the list. Nothing else in the package is touched."""
    import importlib
    import sys

    import coopsite.site.catalog as site_catalog
    from coopsite.types import CONTENT_TYPES

    package = tmp_path / "pkg" / "notices_type"
    (package / "templates" / "coopsite").mkdir(parents=True)
    (package / "__init__.py").write_text(NOTICE_TYPE, encoding="utf-8")
    (package / "templates" / "coopsite" / "notices.html").write_text(NOTICE_TEMPLATE, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path / "pkg"))
    notices = importlib.import_module("notices_type").TYPE
    monkeypatch.setattr(site_catalog, "CONTENT_TYPES", CONTENT_TYPES + (notices,))  # the one line
    try:
        monkeypatch.setenv("COOPSITE_TODAY", "2026-11-26")
        root = copy_tree(tmp_path / "site", recommendations=["sip2021-01"])
        (root / "content" / "notices").mkdir()
        (root / "content" / "notices" / "assemblee.yml").write_text("title: Algemene vergadering <op> 5 juni\n",
                                                                     encoding="utf-8")
        catalog, problems = build_catalog(root)
        assert not problems.errors, [str(p) for p in problems.errors]
        assert catalog.notices[0]["title"].startswith("Algemene vergadering")
        pages = render_pages(catalog)
        assert "<li>Algemene vergadering &lt;op&gt; 5 juni</li>" in pages["notices/index.nl.md"]
        assert "Annonces" in pages["notices/index.fr.md"]
        assert "## Berichten" in pages["index.nl.md"]  # its block on the home page
        (root / "content" / "notices" / "assemblee.yml").write_text("title: " + "x" * 61 + "\n", encoding="utf-8")
        _, problems = build_catalog(root)
        assert any("at most 60 characters" in p.message for p in problems.errors)  # its rules run
    finally:
        sys.modules.pop("notices_type", None)

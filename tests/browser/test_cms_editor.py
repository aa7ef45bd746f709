"""The web editor (Decap CMS at /admin/) against `coopsite edit`'s local backend, in Chromium.

A member writes a blog post in French with its Dutch translation, and a new
event, the way they would in the browser; the files land in a temporary copy of
the repository, must pass `coopsite check` as written, and must appear in the
next build in both languages. The page loads nothing from another host.
"""

from __future__ import annotations

import re
import threading
import time
from pathlib import Path

import pytest

from coopsite.site.catalog import build_catalog
from coopsite.cms.local import Server

from ..conftest import POLL, coopsite, copy_tree


@pytest.fixture
def editor(tmp_path):
    root = copy_tree(tmp_path / "repo", full=True)
    catalog, problems = build_catalog(root, drafts=True)
    assert not problems.errors
    saved = []
    server = Server(root, catalog, 0, log=saved.append)
    threading.Thread(target=server.serve_forever, kwargs=POLL, daemon=True).start()
    yield root, server, saved
    server.shutdown()
    server.server_close()


def sign_in(page, server):
    page.goto(server.url + "?lang=nl")  # the editor in Dutch (else it takes the browser's language)
    page.get_by_role("button", name="Inloggen").click()  # the local backend asks no account: one click


def pick(page, locator, text):
    """A select of Decap (react-select): type the start of the option, take it."""
    locator.click()
    page.keyboard.type(text)
    page.keyboard.press("Enter")


def publish(page):
    page.get_by_role("button", name="Publiceer").click()
    page.get_by_text("Publiceer nu", exact=True).click()


def wait_for(page, path: Path, timeout=120.0) -> str:  # generous: a busy machine
    # page.wait_for_timeout, not time.sleep: the page's request routing runs in this thread
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if path.is_file():
            return path.read_text(encoding="utf-8")
        page.wait_for_timeout(200)
    raise AssertionError(f"{path} was not written")


def check_and_build(root: Path) -> Path:
    res = coopsite("--root", str(root), "check")
    assert res.returncode == 0, res.stdout + res.stderr
    assert " 0 errors" in res.stderr
    res = coopsite("--root", str(root), "build", "--quiet")
    assert res.returncode == 0, res.stdout + res.stderr
    return root / "site"


def test_post_in_french_with_its_dutch_translation(editor, page):
    root, server, saved = editor
    sign_in(page, server)
    page.goto(server.url + "?lang=nl#/collections/blog/new")
    title = page.locator('[id^="title-field-"]')
    title.nth(0).wait_for()
    # Decap shows the default language (Dutch) on the left and another one beside it: French
    assert "NL" in page.get_by_text(re.compile("NL aan het bewerken")).first.inner_text()
    assert "FR" in page.get_by_text(re.compile("FR aan het bewerken")).first.inner_text()
    title.nth(1).fill("Travailler ensemble à Nantes")
    body = page.locator('[data-slate-editor="true"]')
    body.nth(1).click()
    page.keyboard.type("Ce que nous avons appris en travaillant ensemble.")
    # the shared fields are written in the left pane and copied into every language
    title.nth(0).fill("Samenwerken in Nantes")
    pick(page, page.locator('[id^="translated_from-field-"]').nth(0), "Français")
    page.locator('[id^="date-field-"]').nth(0).fill("2026-11-20")
    pick(page, page.locator('[id^="authors-field-"]').nth(0), "Werkgroep")
    pick(page, page.locator('[id^="tags-field-"]').nth(0), "coöperatieve")
    page.locator('[id^="draft-field-"]').nth(0).click()  # ready: not a draft any more
    body.nth(0).click()
    page.keyboard.type("Wat we geleerd hebben door samen te werken.")
    publish(page)

    posts = root / "content/blog/posts"
    fr = wait_for(page, posts / "samenwerken-in-nantes.fr.md")
    nl = wait_for(page, posts / "samenwerken-in-nantes.nl.md")
    assert "title: Travailler ensemble à Nantes" in fr and "translated_from" not in fr  # the original
    assert "translated_from: fr" in nl and "title: Samenwerken in Nantes" in nl
    for text in (fr, nl):
        assert "date: 2026-11-20" in text and "werkgroep-nantes" in text and "cooperatieve-democratie" in text
        assert "draft: false" in text
    assert saved and "samenwerken-in-nantes.fr.md" in saved[0]
    assert page.foreign_requests == []
    # the links of a French page open the editor in French
    page.goto(server.url + "?lang=fr")
    page.get_by_text("Contenus", exact=True).first.wait_for()  # Dutch: "Inhoud"

    site = check_and_build(root)
    fr_page = (site / "fr/blog/samenwerken-in-nantes/index.html").read_text(encoding="utf-8")
    nl_page = (site / "blog/samenwerken-in-nantes/index.html").read_text(encoding="utf-8")
    assert "Travailler ensemble à Nantes" in fr_page and "Ce que nous avons appris" in fr_page
    assert "Samenwerken in Nantes" in nl_page and "Wat we geleerd hebben" in nl_page
    # its edit links open the post's original file in the editor
    assert 'href="../../../admin/?lang=fr#/collections/blog/entries/samenwerken-in-nantes"' in fr_page
    assert 'data-source="content/blog/posts/samenwerken-in-nantes.fr.md"' in fr_page


def test_new_event(editor, page):
    root, server, saved = editor
    sign_in(page, server)
    page.goto(server.url + "?lang=nl#/collections/events/new")
    page.locator('[id^="id-field-"]').wait_for()
    page.locator('[id^="id-field-"]').fill("atelier-facturation-gent")
    pick(page, page.locator('[id^="type-field-"]'), "Opleiding")
    page.locator('[id^="nl-field-"]').nth(0).fill("Workshop facturatie")
    page.locator('[id^="fr-field-"]').nth(0).fill("Atelier facturation")
    page.locator('[id^="start-field-"]').fill("2027-03-04T14:00")
    page.locator('[id^="end-field-"]').fill("2027-03-04T16:30")
    pick(page, page.locator('[id^="city-field-"]'), "Gent")
    pick(page, page.locator('[id^="languages-field-"]'), "Nederlands")
    pick(page, page.locator('[id^="languages-field-"]'), "Français")
    publish(page)

    text = wait_for(page, root / "content/events/atelier-facturation-gent.yml")
    assert text.startswith("id: atelier-facturation-gent\ntype: training\n")  # in the order of the fields
    assert "start: 2027-03-04 14:00" in text and "end: 2027-03-04 16:30" in text
    assert page.foreign_requests == []

    site = check_and_build(root)
    nl_page = (site / "calendar/atelier-facturation-gent/index.html").read_text(encoding="utf-8")
    fr_page = (site / "fr/calendar/atelier-facturation-gent/index.html").read_text(encoding="utf-8")
    assert "Workshop facturatie" in nl_page and "Atelier facturation" in fr_page
    assert 'data-source="content/events/atelier-facturation-gent.yml"' in nl_page
    # written by the editor, in its shape: its links open it there again
    assert 'href="../../admin/?lang=nl#/collections/events/entries/atelier-facturation-gent"' in nl_page


def test_the_yaml_format_keeps_every_shipped_file_as_it_is(editor, page):
    """The site's YAML format (admin/coopsite-yml.js), in the browser: reading then writing any hand-kept
    file gives it back byte for byte, comments, flow lists and line breaks included."""
    root, server, _ = editor
    files = sorted([*root.glob("recommendations/*/*.yml"), *root.glob("content/events/*.yml"),
                    *root.glob("podcasts/*/episode.yml")])
    files = [p for p in files if not p.name.startswith("_") and p.parent.name != "recommendations"]
    assert len(files) > 40
    page.goto(server.url + "?lang=nl")
    texts = [p.read_text(encoding="utf-8") for p in files]
    same = page.evaluate("""async (texts) => {
        const { coopsiteYml } = await import("./coopsite-yml.js");
        return texts.map((t) => coopsiteYml.toFile(coopsiteYml.fromFile(t)) === t);
    }""", texts)
    assert [str(p.relative_to(root)) for p, ok in zip(files, same) if not ok] == []


def test_translating_a_recommendation_changes_only_that_line(editor, page):
    root, server, saved = editor
    path = root / "recommendations/sip-2020-2021/sip2021-01.yml"
    before = path.read_text(encoding="utf-8").splitlines()
    sign_in(page, server)
    page.goto(server.url + "?lang=fr#/collections/recommendations-sip-2020-2021/entries/sip2021-01")
    french = page.locator('[id^="fr-field-"]').first  # the title's French line
    french.wait_for()
    assert french.input_value() == "Fonds de solidarité/services"
    french.fill("Fonds de solidarité : services")
    page.get_by_role("button", name="Publier").click()
    page.get_by_text("Publier maintenant", exact=True).click()
    end = time.monotonic() + 120  # generous: a busy machine
    while time.monotonic() < end and path.read_text(encoding="utf-8").splitlines() == before:
        page.wait_for_timeout(200)
    after = path.read_text(encoding="utf-8").splitlines()
    changed = [(a, b) for a, b in zip(before, after) if a != b]
    assert len(after) == len(before) and changed == [("  fr: Fonds de solidarité/services",
                                                       '  fr: "Fonds de solidarité : services"')]
    res = coopsite("--root", str(root), "check")
    assert res.returncode == 0, res.stdout + res.stderr
    assert page.foreign_requests == []

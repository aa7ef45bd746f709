"""The web editor: its bundle, its configuration against the loaders, the page links, the local backend."""

from __future__ import annotations

import base64
import http.client
import json
import re
import threading
from pathlib import Path

import pytest
from lxml import html as lhtml

from coopsite.core import source
from coopsite import cms
from coopsite.site.catalog import build_catalog
from coopsite.cms.local import Backend, Refused, Server
from coopsite.cms.schema import EVENT, POST, content_types, decap_config

from .conftest import POLL, REPO, coopsite, copy_tree


@pytest.fixture(scope="module")
def catalog():
    cat, problems = build_catalog(REPO, drafts=True)
    assert not problems.errors
    return cat


# --- the bundle ------------------------------------------------------------------

def test_the_bundle_is_the_one_its_manifest_describes():
    manifest = cms.bundle_manifest()
    assert manifest["package"] == "decap-cms" and re.fullmatch(r"\d+\.\d+\.\d+", manifest["version"])
    assert manifest["license"] == "MIT" and "MIT License" in (cms.VENDOR / "LICENSE").read_text()
    assert manifest["npm_integrity"].startswith("sha512-")
    assert "decap-cms.js" in manifest["files"]
    assert cms.bundle_problems() == []
    # nothing in the folder that the manifest does not list (a stale chunk would be published)
    on_disk = {p.relative_to(cms.VENDOR).as_posix() for p in cms.VENDOR.rglob("*") if p.is_file()}
    assert on_disk - {"LICENSE", "BUNDLE.json"} == set(manifest["files"])
    assert manifest["packages"]["yaml"]["license"] == "ISC" and "ISC" in (cms.VENDOR / "yaml/LICENSE").read_text() \
        or "Permission to use, copy, modify" in (cms.VENDOR / "yaml/LICENSE").read_text()


# --- one source of truth: the editor's fields against the loaders ---------------------

def _files_of(ctype, root: Path) -> list[Path]:
    folder = root / ctype.folder
    if ctype.i18n_files:
        return sorted(folder.glob("*.md"))
    if ctype.folder == "podcasts":
        return sorted(folder.glob("*/episode.yml"))
    return sorted(p for p in folder.glob("*.yml") if not p.name.startswith("_"))


@pytest.fixture(scope="module")
def keys_read(tmp_path_factory):
    """{file: top-level keys its loader read}, observed on the real loaders over the shipped content plus one
    file of each kind as the editor writes it (every field filled)."""
    root = copy_tree(tmp_path_factory.mktemp("keys") / "repo", full=True)
    (root / "content/blog/posts/volledig.nl.md").write_text(
        "---\ntitle: Volledig\ntranslated_from: fr\ndate: 2026-11-20\nauthors:\n  - werkgroep-nantes\ntags:\n"
        "  - nantes\nrecommendations:\n  - sip2021-25\ndescription: Alles.\ndraft: false\n---\nTekst.\n",
        encoding="utf-8")
    (root / "content/blog/posts/volledig.fr.md").write_text(
        "---\ntitle: Complet\ndate: 2026-11-20\nauthors:\n  - werkgroep-nantes\ntags:\n  - nantes\nrecommendations:\n"
        "  - sip2021-25\ndraft: false\n---\nTexte.\n",
        encoding="utf-8")
    (root / "content/events/volledig.yml").write_text(
        "id: volledig\ntype: training\ntitle:\n  nl: Volledig\ndescription:\n  nl: Tekst.\nstart: 2027-03-04 14:00\n"
        "end: 2027-03-04 16:00\nvenue:\n  city: gent\n  address: Straat 1\n  online: https://example.org/m\n"
        "languages:\n  - nl\norganiser:\n  nl: Smart\ncontact: a@example.org\nregistration: https://example.org/r\n"
        "recommendations:\n  - sip2021-25\ndraft: false\n", encoding="utf-8")
    seen: dict[str, set] = {}
    init, finish = source.Reader.__init__, source.Reader.finish

    def observing_init(self, node, relpath, problems, *, what="file", **kw):
        init(self, node, relpath, problems, what=what, **kw)
        # "file", or a mapping inside it: "'venue'", "item 2 of 'points'" -> "venue", "points"
        m = re.fullmatch(r"(?:item \d+ of )?'(\w+)'", what)
        self._observed = "" if what == "file" else (m.group(1) if m else None)

    def observing_finish(self):
        name = getattr(self, "_observed", None)
        if name is not None:  # top-level keys under "", a field's own keys under its name
            seen.setdefault((self.relpath, name), set()).update(self.known)
        return finish(self)

    mp = pytest.MonkeyPatch()
    mp.setattr(source.Reader, "__init__", observing_init)
    mp.setattr(source.Reader, "finish", observing_finish)
    try:
        catalog, problems = build_catalog(root, drafts=True)
    finally:
        mp.undo()
    assert not problems.errors, [str(p) for p in problems.errors]
    return root, catalog, seen


def _levels(ctype):
    """(prefix, the keys the editor writes there) for the file and for each field made of fields."""
    yield "", {f.name for f in ctype.fields} - {"body"}  # the Markdown body is not a key
    for f in ctype.fields:
        if f.kind in ("object", "list"):
            yield f.name, {s.name for s in f.fields}


def _read(seen, root, ctype, prefix) -> set:
    return set().union(*(seen.get((p.relative_to(root).as_posix(), prefix), set()) for p in _files_of(ctype, root)))


def test_every_field_of_the_editor_is_a_key_the_loader_reads(keys_read):
    root, catalog, seen = keys_read
    for ctype in content_types(catalog):
        assert _files_of(ctype, root), ctype.name
        for prefix, fields in _levels(ctype):
            read = _read(seen, root, ctype, prefix)
            assert fields <= read, f"{ctype.name} {prefix}: the editor writes keys no loader reads: {fields - read}"


def test_every_key_the_loader_reads_is_in_the_editor_or_kept_on_purpose(keys_read):
    root, catalog, seen = keys_read
    checked = 0
    for ctype in content_types(catalog):
        for prefix, fields in _levels(ctype):
            read = _read(seen, root, ctype, prefix)
            kept = {k.removeprefix(prefix + ".") if prefix else k for k in ctype.not_in_editor
                    if (k.startswith(prefix + ".") if prefix else "." not in k)}
            assert read <= fields | kept, (f"{ctype.name} {prefix}: the loader reads {read - fields - kept}, which "
                                           "the editor neither shows nor lists in not_in_editor (cms/schema.py)")
            checked += 1
        assert all(ctype.not_in_editor.values())  # each with its reason
    assert checked >= 6  # the files, an event's venue, a recommendation's sub-points


def test_the_configuration_offers_what_check_accepts(catalog):
    cfg = decap_config(catalog)
    by_name = {c["name"]: c for c in cfg["collections"]}
    assert set(by_name) == {ct.name for ct in content_types(catalog)}
    blog = {f["name"]: f for f in by_name["blog"]["fields"]}
    assert [o["value"] for o in blog["authors"]["options"]] == [a.id for a in catalog.authors if a.consent]
    assert [o["value"] for o in blog["tags"]["options"]] == [t.id for t in catalog.tags]
    events = {f["name"]: f for f in by_name["events"]["fields"]}
    assert [o["value"] for o in events["type"]["options"]] == [t.id for t in catalog.event_types]
    city = next(f for f in events["venue"]["fields"] if f["name"] == "city")
    assert [o["value"] for o in city["options"]] == [p.id for p in catalog.places]
    # dates as the loaders read them, local time without a zone
    assert events["start"]["format"] == "YYYY-MM-DD HH:mm" and blog["date"]["format"] == "YYYY-MM-DD"
    # posts: one file per language; the original language of the report's recommendations is marked
    assert cfg["i18n"] == {"structure": "multiple_files", "locales": ["nl", "fr", "en"], "default_locale": "nl"}
    rec = next(c for c in cfg["collections"] if c["name"].startswith("recommendations-"))
    title = next(f for f in rec["fields"] if f["name"] == "title")
    assert [f["label"] for f in title["fields"]][0].endswith("origineel · original")
    assert not any(c["create"] for c in cfg["collections"] if c["name"] not in (POST.name, EVENT.name))
    assert not any(c["delete"] for c in cfg["collections"])
    # published: pull requests, from forks for members without write access; local: no account at all
    assert cfg["publish_mode"] == "editorial_workflow" and cfg["backend"]["open_authoring"] is True
    local = decap_config(catalog, local_url="http://127.0.0.1:9/api/v1")
    assert "publish_mode" not in local and local["local_backend"] == {"url": "http://127.0.0.1:9/api/v1"}


# --- the links under every page ---------------------------------------------------------

def _links(page: Path) -> dict:
    doc = lhtml.parse(str(page)).getroot()
    return {a.get("class").removeprefix("coopsite-edit__"): a for a in doc.xpath('//nav[@class="coopsite-edit"]//a')}


@pytest.mark.parametrize("page,source_file", [
    ("fr/recommendations/sip2021-01/index.html", "recommendations/sip-2020-2021/sip2021-01.yml"),
    ("blog/nantes-nieuwe-vooruitzichten/index.html", "content/blog/posts/nantes-nieuwe-vooruitzichten.nl.md"),
    ("en/podcast/sip-2020-2021-samenvatting/index.html",
     "podcasts/sip-2020-2021-samenvatting/episode.yml"),
    ("fr/calendar/algemene-vergadering-2027/index.html", "content/events/algemene-vergadering-2027.yml"),
    ("fr/about/index.html", "content/about.fr.md"),
])
def test_edit_links_open_the_real_source_file(built_site, page, source_file):
    cfg = json.loads((built_site / "admin/config.yml").read_text(encoding="utf-8"))
    folders = {c["name"]: c for c in cfg["collections"]}
    links = _links(built_site / page)
    assert set(links) >= {"suggest", "report"}
    suggest = links["suggest"]
    assert suggest.get("data-source") == source_file and (REPO / source_file).is_file()
    href = suggest.get("href")
    m = re.search(r"admin/\?lang=(\w+)#/collections/([^/]+)/entries/(.+)$", href)
    if source_file.endswith(".yml"):  # in the editor (its YAML format keeps the file): folder + entry = the file
        assert m and m.group(1) == (page.split("/")[0] if page.split("/")[0] in ("fr", "en") else "nl")
        coll = folders[m.group(2)]
        assert f"{coll['folder']}/{m.group(3)}.{coll['extension']}" == source_file
        assert coll["format"] == "coopsite-yml"
        assert (built_site / page).parent.joinpath(href.split("?")[0]).resolve() == (built_site / "admin").resolve()
        assert links["translate"].get("href") == href
    else:  # the shipped post has flow lists Decap would rewrite, and a hand-written page is no entry: the forge
        assert href == f"https://github.com/smart-coop/smart-in-progress/edit/main/{source_file}"
    report = links["report"].get("href")
    assert report.startswith("https://github.com/smart-coop/smart-in-progress/issues/new?title=")
    assert source_file.replace("/", "%2F") in report


def test_posts_in_decaps_shape_open_in_the_editor(tmp_path):
    """Decap writes a post's front matter its own way: a post opens in /admin/ only when that keeps it."""
    root = copy_tree(tmp_path / "repo", full=True)
    posts = root / "content/blog/posts"
    (posts / "atelier.nl.md").write_text("---\ntitle: Atelier\ndate: 2026-11-20\nauthors:\n  - werkgroep-nantes\n"
                                         "---\nTekst.\n", encoding="utf-8")
    catalog, problems = build_catalog(root)
    assert not problems.errors
    cfg = decap_config(catalog)
    links = cms.page_links(catalog, "blog/atelier.fr.md", "fr", "Atelier", "https://x/", root)
    href = links["suggest"]["href"]
    m = re.fullmatch(r"admin/\?lang=fr#/collections/([^/]+)/entries/(.+)", href)
    coll = next(c for c in cfg["collections"] if c["name"] == m.group(1))
    assert f"{coll['folder']}/{m.group(2)}.nl.{coll['extension']}" == links["source"] == "content/blog/posts/atelier.nl.md"
    # a comment in the front matter, and the same post goes to the forge instead: Decap would drop it
    p = posts / "atelier.nl.md"
    p.write_text(p.read_text(encoding="utf-8").replace("title:", "# by hand\ntitle:"), encoding="utf-8")
    links = cms.page_links(catalog, "blog/atelier.fr.md", "fr", "Atelier", "https://x/", root)
    assert links["suggest"]["href"].endswith("/edit/main/content/blog/posts/atelier.nl.md")


def test_every_page_has_a_report_link(built_site):
    pages = [p for p in built_site.rglob("index.html") if "admin" not in p.parts]
    assert len(pages) > 200
    missing = [str(p.relative_to(built_site)) for p in pages if "report" not in _links(p)]
    assert missing == []


def test_the_published_editor_is_served_from_the_site(built_site):
    admin = built_site / "admin"
    page = (admin / "index.html").read_text(encoding="utf-8")
    assert '<script src="decap-cms.js"></script>' in page and "http" not in page.split("<body>")[1]
    assert (admin / "init.js").is_file() and (admin / "coopsite-yml.js").is_file()
    for name, digest in cms.bundle_manifest()["files"].items():
        assert (admin / name).is_file(), name


def test_without_the_editor_links_open_the_forge(tmp_path):
    root = copy_tree(tmp_path / "repo", recommendations=["sip2021-01"])
    cfg = root / "coopsite.yml"
    cfg.write_text(cfg.read_text(encoding="utf-8").replace("  editor: true", "  editor: false"), encoding="utf-8")
    catalog, problems = build_catalog(root)
    assert not problems.errors
    assert cms.admin_files(catalog) == {} and cms.admin_copies(catalog) == {}
    links = cms.page_links(catalog, "recommendations/sip2021-01.fr.md", "fr", "T", "https://x/", root)
    assert links["suggest"]["href"] == ("https://github.com/smart-coop/smart-in-progress/edit/main/"
                                        "recommendations/sip-2020-2021/sip2021-01.yml")


def test_forge_settings_are_checked(tmp_path):
    root = copy_tree(tmp_path / "repo", recommendations=["sip2021-01"])
    cfg = root / "coopsite.yml"
    text = cfg.read_text(encoding="utf-8")
    cfg.write_text(text.replace("kind: github", "kind: githab").replace(
        "url: https://github.com/smart-coop/smart-in-progress", "url: javascript:alert(1)"), encoding="utf-8")
    res = coopsite("--root", str(root), "check")
    assert res.returncode == 1
    assert "coopsite.yml:" in res.stdout + res.stderr and "githab" in res.stdout + res.stderr
    assert "is not the https address of a repository" in res.stdout + res.stderr
    assert "Traceback" not in res.stdout + res.stderr


def test_gitlab_addresses():
    from coopsite.cms.forge import Forge

    f = Forge(kind="gitlab", url="https://gitlab.example.org/smart/site", branch="main", editor=True, auth_url=None, app_id="abc")
    assert f.edit_url("content/about.nl.md") == "https://gitlab.example.org/smart/site/-/edit/main/content/about.nl.md"
    assert f.issue_url("T", "B") == "https://gitlab.example.org/smart/site/-/issues/new?issue%5Btitle%5D=T&issue%5Bdescription%5D=B"
    assert f.decap_backend() == {"name": "gitlab", "repo": "smart/site", "branch": "main", "auth_type": "pkce",
                                 "app_id": "abc", "api_root": "https://gitlab.example.org/api/v4",
                                 "base_url": "https://gitlab.example.org"}


# --- the local backend: untrusted requests --------------------------------------------------

@pytest.fixture
def backend(tmp_path):
    root = copy_tree(tmp_path / "repo", full=True)
    catalog, _ = build_catalog(root, drafts=True)
    return root, Backend(root, catalog)


@pytest.mark.parametrize("path", ["../outside.yml", "/etc/passwd", "content/events/../../mkdocs.yml", "mkdocs.yml",
                                  "content/events/x.md", "content/events/a/b/c.yml",
                                  "content/events/a/c.yml", "podcasts/x.yml", "podcasts/ep/other.yml", "content\\events\\x.yml", "",
                                  None, 5, "content/events/\0.yml", "scripts/coopsite/cms/x.yml"])
def test_the_local_backend_refuses_paths_outside_the_collections(backend, path):
    root, b = backend
    with pytest.raises(Refused):
        b.handle({"action": "persistEntry", "params": {"dataFiles": [{"path": path, "raw": "x"}]}})
    assert b.handle({"action": "getEntry", "params": {"path": path}})["data"] is None


def test_the_local_backend_never_follows_a_symlink(backend, tmp_path):
    root, b = backend
    secret = tmp_path / "secret.yml"
    secret.write_text("id: secret\n")
    (root / "content/events/link.yml").symlink_to(secret)
    assert b.handle({"action": "getEntry", "params": {"path": "content/events/link.yml"}})["data"] is None
    with pytest.raises(Refused):
        b.handle({"action": "persistEntry", "params": {"dataFiles": [{"path": "content/events/link.yml",
                                                                       "raw": "x"}]}})
    assert secret.read_text() == "id: secret\n"
    listed = b.handle({"action": "entriesByFolder", "params": {"folder": "content/events", "extension": "yml",
                                                                 "depth": 1}})
    assert not [e for e in listed if e["file"]["path"].endswith("link.yml")]


@pytest.mark.parametrize("body", [None, [], "x", {"action": 3}, {"action": "__init__"}, {"action": "nope"},
                                  {"action": "persistEntry", "params": []},
                                  {"action": "persistEntry", "params": {"dataFiles": "x"}},
                                  {"action": "persistMedia", "params": {"asset": {"path": "content/blog/images/a.png",
                                                                                  "content": "%%", "encoding": "base64"}}},
                                  {"action": "persistMedia", "params": {"asset": {"path": "content/blog/images/a.svg",
                                                                                  "content": "", "encoding": "base64"}}},
                                  {"action": "deleteFile", "params": {"path": "content/events/x.yml"}},
                                  {"action": "persistEntry", "params": {"dataFiles": [
                                      {"path": "content/events/a.yml", "raw": "x", "newPath": "content/events/b.yml"}]}}])
def test_the_local_backend_answers_bad_requests_with_a_refusal(backend, body):
    root, b = backend
    with pytest.raises(Refused):
        b.handle(body)


def test_the_local_backend_lists_reads_and_writes_like_decap_server(backend):
    root, b = backend
    assert b.handle({"action": "info"})["publish_modes"] == ["simple"]
    entries = b.handle({"action": "entriesByFolder", "params": {"folder": "content/events", "extension": "yml",
                                                                  "depth": 1}})
    paths = {e["file"]["path"] for e in entries}
    assert "content/events/algemene-vergadering-2027.yml" in paths
    one = next(e for e in entries if e["file"]["path"].endswith("algemene-vergadering-2027.yml"))
    assert one["data"] == (root / one["file"]["path"]).read_text(encoding="utf-8") and len(one["file"]["id"]) == 64
    b.handle({"action": "persistEntry", "params": {"dataFiles": [{"path": "content/events/nieuw.yml", "raw": "id: n\n"}],
                                                    "assets": [{"path": "content/blog/images/p.png", "encoding": "base64",
                                                                "content": base64.b64encode(b"\x89PNG").decode()}]}})
    assert (root / "content/events/nieuw.yml").read_text() == "id: n\n"
    assert (root / "content/blog/images/p.png").read_bytes() == b"\x89PNG"


def test_the_local_server_answers_only_its_own_page(tmp_path):
    root = copy_tree(tmp_path / "repo", recommendations=["sip2021-01"])
    catalog, _ = build_catalog(root, drafts=True)
    server = Server(root, catalog, 0)
    threading.Thread(target=server.serve_forever, kwargs=POLL, daemon=True).start()
    port = server.server_address[1]

    def post(body: bytes, headers: dict) -> tuple[int, dict]:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        conn.request("POST", "/api/v1", body=body, headers=headers)
        res = conn.getresponse()
        return res.status, json.loads(res.read() or b"{}")

    try:
        own = {"Content-Type": "application/json", "Origin": server.origin}
        assert post(b'{"action": "info"}', own)[0] == 200
        assert post(b'{"action": "info"}', own | {"Origin": "https://elsewhere.example"})[0] == 403
        assert post(b'{"action": "info"}', own | {"Host": "rebound.example:80"})[0] == 403
        assert post(b'{"action": "info"}', own | {"Content-Type": "text/plain"})[0] == 415
        assert post(b'{not json', own)[0] == 400
        status, answer = post(b'{"action": "getEntry", "params": {"path": "../../etc/passwd"}}', own)
        assert status == 200 and answer["data"] is None
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        conn.request("GET", "/admin/config.yml")
        config = json.loads(conn.getresponse().read())
        assert config["local_backend"]["url"] == f"{server.origin}/api/v1"
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        conn.request("GET", "/admin/../../mkdocs.yml")
        assert conn.getresponse().status == 404
    finally:
        server.shutdown()
        server.server_close()

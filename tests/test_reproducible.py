"""Two builds of the same content give byte-identical site/ trees, wherever the repo lives."""

from __future__ import annotations

import hashlib
from pathlib import Path

from .conftest import coopsite, copy_tree


def digest_tree(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


def test_two_builds_are_byte_identical(tmp_path, built_site):
    # a second copy of the same content, in another folder, built in another process
    other = copy_tree(tmp_path / "elsewhere" / "repo", full=True)
    res = coopsite("--root", str(other), "build", "--quiet", fresh=True)  # its own hash seed
    assert res.returncode == 0, res.stderr
    a, b = digest_tree(built_site), digest_tree(other / "site")
    assert a.keys() == b.keys()
    differing = sorted(k for k in a if a[k] != b[k])
    assert not differing, differing[:20]
    assert len(a) > 100


def test_rebuild_writes_no_generated_page(tree):
    assert coopsite("--root", str(tree), "build", "--quiet").returncode == 0
    generated = [p for p in (tree / "content").rglob("*.md") if "recommendations" in p.parts or p.name.startswith("index.")]
    mtimes = {p: p.stat().st_mtime_ns for p in generated}
    assert coopsite("--root", str(tree), "build", "--quiet").returncode == 0
    assert {p: p.stat().st_mtime_ns for p in generated} == mtimes

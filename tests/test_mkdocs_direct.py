"""`mkdocs build` straight on the repo works as contributors expect: the pipeline runs as a plugin."""

from __future__ import annotations

import os
import subprocess
import sys


def mkdocs(root, *args):
    return subprocess.run([sys.executable, "-m", "mkdocs", *args], cwd=root, capture_output=True, text=True,
                          env=dict(os.environ, NO_MKDOCS_2_WARNING="1"), timeout=600)


def test_plain_mkdocs_build_runs_the_pipeline(tree):
    res = mkdocs(tree, "build", "-q", "-d", "out")
    assert res.returncode == 0, res.stderr
    out = tree / "out"
    for lang_dir in ("", "fr/", "en/"):
        assert (out / lang_dir / "recommendations" / "sip2021-03" / "index.html").exists()
    assert (out / "feeds" / "recommendations.fr.xml").exists()
    assert (out / "api" / "recommendations.json").exists()


def test_plain_mkdocs_build_reports_content_errors_without_traceback(tree):
    p = tree / "recommendations" / "sip-2020-2021" / "sip2021-03.yml"
    p.write_text(p.read_text(encoding="utf-8").replace("status: submitted", "status: finished", 1), encoding="utf-8")
    res = mkdocs(tree, "build", "-d", "out")
    assert res.returncode != 0
    assert "sip2021-03.yml:" in res.stderr and "unknown status 'finished'" in res.stderr
    assert "Traceback" not in res.stderr

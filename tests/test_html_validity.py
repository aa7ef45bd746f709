"""The built pages through the Nu HTML Checker (vnu.jar, the W3C validator's engine): one page of
every kind in the three languages, 404.html included. The theme's own known messages are listed
below (and in the README) with the reason they stay; any other message fails.

vnu.jar comes from npm (tests/vnu/package-lock.json, installed here with `npm ci`) and runs on
Java 17 or newer. Without java or npm the test is skipped locally with a notice; in CI it fails.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import warnings
from pathlib import Path

import pytest

from tests.browser.test_accessibility import LANG_PREFIX, PAGE_KINDS

VNU = Path(__file__).parent / "vnu"

# Material for MkDocs' own markup, not ours: (start of the message, where it comes from)
THEME_MESSAGES = (
    # the drawer and search toggles are checkboxes with autocomplete="off" (Material's partials);
    # Firefox needs it to reset them on back navigation
    ("Attribute “autocomplete” is only allowed when the input type is", "material/templates/base.html"),
    # the table of contents' title is a label for Material's hidden toggle checkbox (__toc)
    ("The value of the “for” attribute of the “label” element must be the ID of a non-hidden form control",
     "material/templates/partials/toc.html"),
)


def _java_and_npm() -> str:
    java, npm = shutil.which("java"), shutil.which("npm")
    if java and npm:
        return java
    message = "java (17 or newer) and npm are needed for the Nu HTML checker (.ci/run installs them)"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    warnings.warn(f"SKIPPED HTML checker: {message}")
    pytest.skip(message)


@pytest.fixture(scope="session")
def vnu() -> list[str]:
    java = _java_and_npm()
    jar = VNU / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
    if not jar.exists():
        res = subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=VNU, capture_output=True, text=True,
                             timeout=600)
        assert res.returncode == 0, res.stdout + res.stderr
    # One run of a few seconds: the JVM's first compiler only (C1) and one garbage-collector thread
    # check the same pages with the same messages in 1.6 s of CPU against 4 s; C1's frames are larger,
    # hence the bigger stack (the checker asks for 512k at least).
    return [java, "-Xss16m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", str(jar)]


def test_every_page_kind_passes_the_nu_html_checker(built_site, vnu):
    pages = [built_site / LANG_PREFIX[lang] / PAGE_KINDS[kind] / "index.html"
             for kind in sorted(PAGE_KINDS) for lang in sorted(LANG_PREFIX)] + [built_site / "404.html"]
    assert all(p.exists() for p in pages)
    res = subprocess.run([*vnu, "--format", "json", "--also-check-svg", *map(str, pages)],
                         capture_output=True, text=True, timeout=900)
    messages = json.loads(res.stderr)["messages"]
    ours = [f"{m['url'].rsplit('/site/', 1)[-1]}:{m.get('lastLine')}: {m['type']}: {m['message']}"
            for m in messages
            if m["type"] in ("error", "non-document-error") or m.get("subType") == "warning"
            if not any(m["message"].startswith(known) for known, _ in THEME_MESSAGES)]
    assert not ours, "\n".join(ours[:30])

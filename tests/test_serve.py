"""Live preview: editing content under `coopsite serve` updates the page; an error keeps the server up."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from .conftest import copy_tree


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str | None:
    """The page, or None while the server is starting or rebuilding (callers poll; one request
    proves nothing on a busy machine, where a rebuild can hold a request for seconds)."""
    try:
        with urllib.request.urlopen(url, timeout=30) as r:
            return r.read().decode("utf-8")
    except OSError:
        return None


# Generous: `make test` must pass with a second `make test` running beside it on 2 cores.
DEADLINE = 180


def wait_for(predicate, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.2)
    pytest.fail(f"timed out after {timeout:.0f} s waiting for {what}")


def page(url: str) -> str:
    """The page as soon as the server answers with it."""
    return wait_for(lambda: fetch(url), DEADLINE, url)


@pytest.fixture
def server(tmp_path):
    root = copy_tree(tmp_path / "repo", full=True)  # the shipped content, as a contributor previews it
    port = free_port()
    log = open(tmp_path / "serve.log", "w+")
    proc = subprocess.Popen([sys.executable, "-m", "coopsite.cli", "--root", str(root), "serve", "-a", f"127.0.0.1:{port}"],
                            stdout=log, stderr=subprocess.STDOUT, env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
                            start_new_session=True)
    base = f"http://127.0.0.1:{port}/"
    try:
        wait_for(lambda: fetch(base + "recommendations/sip2021-03/"), DEADLINE, "the preview server")
        yield root, base, log
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)
        log.close()


def test_editing_yaml_updates_the_open_page(server):
    root, base, log = server
    url = base + "fr/recommendations/sip2021-03/"
    assert "Associer les sociétaires aux activités de lobbying" in page(url)
    path = root / "recommendations" / "sip-2020-2021" / "sip2021-03.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("fr: Associer les sociétaires aux activités de lobbying", "fr: Titre modifié en direct"), encoding="utf-8")
    t0 = time.monotonic()
    wait_for(lambda: "Titre modifié en direct" in (fetch(url) or ""), DEADLINE, "the page to change")
    print(f"\npreview updated {time.monotonic() - t0:.1f}s after the edit")

    # a content error is printed in the usual form and the server keeps serving the last good pages
    log_size = log.tell()
    path.write_text(text.replace("status: submitted", "status: finished", 1), encoding="utf-8")

    def error_logged():
        log.seek(0)
        return "unknown status 'finished'" in log.read()
    wait_for(error_logged, DEADLINE, "the positioned error in the terminal")
    log.seek(0)
    assert "sip2021-03.yml:" in log.read()
    assert "Titre modifié en direct" in page(url)
    # fixed again: the server picks it up
    path.write_text(text, encoding="utf-8")
    wait_for(lambda: "Associer les sociétaires aux activités de lobbying" in (fetch(url) or ""), DEADLINE,
             "the fixed page")
    assert log_size >= 0

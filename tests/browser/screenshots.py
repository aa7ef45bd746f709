"""`make screenshots`: every page kind, in the three languages, at 390 px and 1280 px, from the built
site in Debian's Chromium, as full-page PNGs in one folder (screenshots/ unless given).

A tool for looking, not a test: the site is served over HTTP on localhost as the browser tests do,
and nothing may leave the machine (requests to other hosts are aborted and listed).
"""

from __future__ import annotations

import argparse
import functools
import http.server
import sys
import threading
from pathlib import Path
from urllib.parse import urlparse

from tests.browser.conftest import ARGS, CHROMIUM, POLL, _Quiet
from tests.browser.test_accessibility import LANG_PREFIX, PAGE_KINDS

WIDTHS = (390, 1280)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", default="site", help="the built site (default: site)")
    parser.add_argument("--out", default="screenshots", help="folder for the PNGs (default: screenshots)")
    parser.add_argument("--kind", action="append", help="only these page kinds (repeatable)")
    args = parser.parse_args(argv)
    site, out = Path(args.site), Path(args.out)
    if not (site / "index.html").exists():
        sys.exit(f"no built site in {site}/: run `make build` first")
    out.mkdir(parents=True, exist_ok=True)
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, kwargs=POLL, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}/"
    from playwright.sync_api import sync_playwright

    foreign: list[str] = []
    kinds = args.kind or sorted(PAGE_KINDS)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for width in WIDTHS:
            context = browser.new_context(viewport={"width": width, "height": 900})
            context.route(lambda url: urlparse(url).hostname not in ("127.0.0.1", "localhost"),
                          lambda route: (foreign.append(route.request.url), route.abort()))
            page = context.new_page()
            for kind in kinds:
                for lang in sorted(LANG_PREFIX):
                    page.goto(base + LANG_PREFIX[lang] + PAGE_KINDS[kind])
                    page.wait_for_load_state("networkidle")
                    path = out / f"{kind}.{lang}.{width}.png"
                    page.screenshot(path=str(path), full_page=True)
                    print(path)
            context.close()
        browser.close()
    httpd.shutdown()
    if foreign:
        print("requests to other hosts (aborted):", *sorted(set(foreign)), sep="\n  ", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

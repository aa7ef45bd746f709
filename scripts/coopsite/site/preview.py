"""Live preview (`coopsite serve`, `mkdocs serve`): the language a reader is looking at first.

A rebuild of the preview builds every language, one after the other (mkdocs-static-i18n), and the
server reloads the browser only when all are done: on the shipped content the open page changed
2.6-2.8 s after an edit. Here:

- the server's browser polls say which page is open (their Referer): its language is remembered;
- the next rebuild starts with that language (mkdocs-static-i18n builds first whichever language
  is current when the build starts, then the others in its loop), and once that language's
  pages are written the browsers are told to reload, while the other languages build;
- the content folders are polled every 0.1 s instead of 0.5 s.

Only the preview changes: a build for publishing (`coopsite build`, `mkdocs build`) never
reorders the languages. In the preview, the sitemap and the merged search index list the
languages in that order, and a page of another language asked for in the second or so while it is
being rebuilt is not found yet (the preview's folder is emptied at the start of a rebuild):
reloading shows it.
"""

from __future__ import annotations

import logging
import threading
from urllib.parse import urlsplit

log = logging.getLogger("mkdocs.plugins.coopsite")

POLL_SECONDS = 0.1


class Preview:
    """One per `serve` process (the plugin objects are made anew for every rebuild)."""

    def __init__(self):
        self.server = None
        self.viewed: str | None = None  # language of the page a browser polled from last
        self.lock = threading.Lock()

    def attach(self, server, languages: list[str], default: str) -> None:
        self.server = server
        self.languages, self.default = list(languages), default
        # Faster change detection: the polling observer checks the watched folders every 0.5 s.
        observer = getattr(server, "observer", None)
        for emitter in list(getattr(observer, "emitters", ()) or ()):
            if hasattr(emitter, "_timeout"):
                emitter._timeout = POLL_SECONDS
        if observer is not None and hasattr(observer, "_timeout"):
            observer._timeout = POLL_SECONDS
        original = server._log_poll_request

        def poll(url, request_id):
            self.viewed = self.language_of(url)
            return original(url, request_id=request_id)

        server._log_poll_request = poll

    def language_of(self, url) -> str:
        first = urlsplit(url or "").path.strip("/").split("/", 1)[0]
        return first if first in self.languages and first != self.default else self.default

    def first_language(self, i18n) -> None:
        """At the start of a preview rebuild (coopsite's on_config, before the i18n plugin's):
        build the viewed language first."""
        if self.server is None or i18n.current_language is not None or not self.viewed:
            return
        if self.viewed in i18n.build_languages:
            i18n.current_language = self.viewed

    def first_language_done(self) -> None:
        """The first language's pages are written: reload the browsers now."""
        server = self.server
        cond = getattr(server, "_epoch_cond", None)
        if cond is None:
            return
        with cond:
            if server._visible_epoch != server._wanted_epoch:
                log.info("Reloading browsers (%s written; the other languages follow)", self.viewed)
                server._visible_epoch = server._wanted_epoch
                cond.notify_all()


PREVIEW = Preview()

"""The preview builds the language being read first and reloads the browser once its pages are
written (site/preview.py); `coopsite serve` itself is tested in test_serve.py."""

from __future__ import annotations

import threading
from types import SimpleNamespace

from coopsite.site.preview import Preview


class FakeServer:
    def __init__(self):
        self._epoch_cond = threading.Condition()
        self._visible_epoch, self._wanted_epoch = 1, 2
        self.polled = []
        self.observer = SimpleNamespace(_timeout=0.5, emitters=[SimpleNamespace(_timeout=0.5)])

    def _log_poll_request(self, url, request_id):
        self.polled.append(url)


def attached() -> tuple[Preview, FakeServer]:
    preview, server = Preview(), FakeServer()
    preview.attach(server, ["nl", "fr", "en"], "nl")
    return preview, server


def test_the_polling_page_gives_the_language_to_build_first():
    preview, server = attached()
    assert preview.language_of("http://127.0.0.1:8000/fr/recommendations/sip2021-03/") == "fr"
    assert preview.language_of("http://127.0.0.1:8000/recommendations/sip2021-03/") == "nl"
    assert preview.language_of("http://127.0.0.1:8000/frites/") == "nl"
    assert preview.language_of(None) == "nl"
    server._log_poll_request("http://127.0.0.1:8000/en/", request_id="/livereload/1/2")
    assert preview.viewed == "en" and server.polled == ["http://127.0.0.1:8000/en/"]
    i18n = SimpleNamespace(current_language=None, build_languages=["nl", "fr", "en"])
    preview.first_language(i18n)
    assert i18n.current_language == "en"
    # a build already under way (the loop's other languages) is left alone
    i18n.current_language = "nl"
    preview.first_language(i18n)
    assert i18n.current_language == "nl"
    assert all(e._timeout == 0.1 for e in server.observer.emitters)


def test_nothing_changes_before_a_browser_polled_or_outside_serve():
    i18n = SimpleNamespace(current_language=None, build_languages=["nl", "fr", "en"])
    Preview().first_language(i18n)  # no server: `coopsite build`, `mkdocs build`
    assert i18n.current_language is None
    preview, _ = attached()
    preview.first_language(i18n)  # no browser has polled yet
    assert i18n.current_language is None


def test_the_browsers_are_told_to_reload_once_the_first_language_is_written():
    preview, server = attached()
    woken = []

    def browser():
        with server._epoch_cond:
            server._epoch_cond.wait_for(lambda: server._visible_epoch > 1, timeout=10)
            woken.append(server._visible_epoch)

    t = threading.Thread(target=browser)
    t.start()
    preview.first_language_done()
    t.join(timeout=10)
    assert woken == [2] and server._visible_epoch == server._wanted_epoch

"""The podcast player in a real browser: timestamps seek the player, the copy button appears, and
without JavaScript the timestamps are plain links to the MP3 at that time."""

from __future__ import annotations

import functools
import http.server
import os
import threading

import pytest

from .conftest import POLL, QuietServer

SAMPLE = "sip-2020-2021-samenvatting"


class RangeHandler(http.server.SimpleHTTPRequestHandler):
    """Byte ranges, as every static host serves them: browsers can only seek in audio that supports them."""

    def log_message(self, *args):
        pass

    def send_head(self):
        rng = self.headers.get("Range", "")
        path = self.translate_path(self.path)
        if not rng.startswith("bytes=") or not os.path.isfile(path):
            return super().send_head()
        size = os.path.getsize(path)
        first, _, last = rng[6:].partition("-")
        start = int(first or 0)
        end = min(int(last) if last else size - 1, size - 1)
        fh = open(path, "rb")
        fh.seek(start)
        self.send_response(206)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Range", f"bytes {start}-{end}/{size}")
        self.send_header("Content-Length", str(end - start + 1))
        self.send_header("Accept-Ranges", "bytes")
        self.end_headers()
        return _Limited(fh, end - start + 1)


class _Limited:
    def __init__(self, fh, n):
        self.fh, self.n = fh, n

    def read(self, size=-1):
        size = self.n if size < 0 else min(size, self.n)
        data = self.fh.read(size)
        self.n -= len(data)
        return data

    def close(self):
        self.fh.close()


@pytest.fixture(scope="module")
def ranged_url(built_site):
    httpd = QuietServer(("127.0.0.1", 0), functools.partial(RangeHandler, directory=str(built_site)))
    threading.Thread(target=httpd.serve_forever, kwargs=POLL, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


def test_chapter_link_seeks_the_player(page, ranged_url):
    page.goto(ranged_url + f"fr/podcast/{SAMPLE}/")
    link = page.locator("ol.podcast-chapters a.podcast-seek").nth(2)
    target = float(link.get_attribute("data-seek"))
    link.click()
    page.wait_for_function(f"document.querySelector('audio.podcast-audio').currentTime >= {target - 0.5}")
    assert page.url.endswith(f"/fr/podcast/{SAMPLE}/")  # stayed on the page: the player moved instead
    assert page.locator("button.podcast-copy").first.is_visible()
    assert page.locator("audio.podcast-audio").get_attribute("aria-label").startswith("Lecteur audio")


def test_without_javascript_timestamps_are_links_to_the_audio(browser, ranged_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(ranged_url + f"podcast/{SAMPLE}/")
    href = page.locator("div.podcast-transcript a.podcast-seek").nth(1).get_attribute("href")
    assert href.startswith(f"../../media/podcast/{SAMPLE}.mp3#t=")
    assert not page.locator("button.podcast-copy").first.is_visible()  # hidden until JavaScript can copy
    assert page.locator("input.podcast-feed-url").first.input_value().endswith("/feeds/podcast.nl.xml")
    response = page.request.get(ranged_url + f"media/podcast/{SAMPLE}.mp3")
    assert response.ok and response.headers["content-type"] == "audio/mpeg"
    context.close()


def test_the_player_plays(page, ranged_url):
    page.goto(ranged_url + f"en/podcast/{SAMPLE}/")
    audio = page.locator("audio.podcast-audio")
    assert audio.get_attribute("controls") is not None  # the browser's own controls: keyboard-operable
    page.evaluate("document.querySelector('audio.podcast-audio').play()")
    page.wait_for_function("document.querySelector('audio.podcast-audio').currentTime > 0.5", timeout=20000)
    assert page.evaluate("document.querySelector('audio.podcast-audio').paused") is False


def test_chapters_work_from_the_keyboard(page, ranged_url):
    page.goto(ranged_url + f"podcast/{SAMPLE}/")
    target_link = page.locator("ol.podcast-chapters a.podcast-seek").nth(1)
    target = float(target_link.get_attribute("data-seek"))
    for _ in range(300):
        page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement && document.activeElement.dataset.seek")
        if focused is not None and float(focused) == target:
            break
    else:
        raise AssertionError("the chapter link cannot be reached with the keyboard")
    page.keyboard.press("Enter")
    page.wait_for_function(f"document.querySelector('audio.podcast-audio').currentTime >= {target - 0.5}")

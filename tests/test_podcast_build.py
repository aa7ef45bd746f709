"""The podcast as subscribers and readers get it: a real build of the shipped episode plus a short test
episode, then the feeds parsed back with gPodder's parser and feedparser, the audio measured, the pages read.
(The player in a browser: tests/browser/test_podcast_player.py.)

The build runs with an empty PATH: no ffmpeg or ffprobe from the system, only the pinned wheel.
"""

from __future__ import annotations

import io
import json
import shutil
import uuid
from pathlib import Path

import feedparser
import jsonschema
import podcastparser
import pytest
from lxml import etree

from coopsite.core.imageinfo import image_info

from .conftest import copy_tree, coopsite
from .podcast_helpers import decode, id3_frames, loudness, mpeg_frames, true_peak, write_episode

SITE_URL = "https://smartinprogress.example.org/"
NS = {"podcast": "https://podcastindex.org/namespace/1.0", "itunes": "http://www.itunes.com/dtds/podcast-1.0.dtd"}
SAMPLE = "sip-2020-2021-samenvatting"
TEST = "een-gesprek"

TEST_EXTRA = """\
season: 1
type: bonus
example: true
chapters:
  - start: 0
    title: {nl: Begin, fr: Début, en: Start}
  - start: "0:02.5"
    title: {nl: Midden, fr: Milieu, en: Middle}
people:
  - name: Test Persoon
    role: guest
recommendations: [sip2021-25]
translations:
  en: {from: fr}
"""

VTT = """WEBVTT

1
00:00:00.800 --> 00:00:02.000
Bonjour et bienvenue.

2
00:00:02.500 --> 00:00:03.700
Au revoir.
"""

SRT = """1
00:00:00,800 --> 00:00:02,000
Hallo en welkom.

2
00:00:02,500 --> 00:00:03,700
Tot ziens.
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    # its own cache: the test below reads the first run's "2 processed"
    root = copy_tree(tmp_path_factory.mktemp("podcast") / "repo", full=True, shared_audio_cache=False)
    folder = write_episode(root, TEST, number=2, lang="fr", extra=TEST_EXTRA, seconds=3.0, channels=2)
    (folder / "transcript.fr.vtt").write_text(VTT, encoding="utf-8")
    (folder / "transcript.nl.srt").write_text(SRT, encoding="utf-8")
    empty = root.parent / "empty-bin"
    empty.mkdir()
    assert shutil.which("ffprobe", path=str(empty)) is None and shutil.which("ffmpeg", path=str(empty)) is None
    res = coopsite("--root", str(root), "build", env={"PATH": str(empty)})
    assert res.returncode == 0, res.stdout + res.stderr
    assert "Traceback" not in res.stderr
    (root / "build.log").write_text(res.stderr, encoding="utf-8")
    return root


def test_each_episode_reports_its_progress(built):
    log = (built / "build.log").read_text(encoding="utf-8")
    for slug in (SAMPLE, TEST):
        assert f"podcast: {slug}: processing" in log and f"podcast: {slug}: done in" in log
    assert "podcast: audio of 2 of 2 episodes ready (0 from the cache, 2 processed)" in log


def site(root: Path) -> Path:
    return root / "site"


def feed_bytes(root: Path, name: str) -> bytes:
    return (site(root) / "feeds" / name).read_bytes()


def local(root: Path, url: str) -> Path:
    assert url.startswith(SITE_URL), url
    return site(root) / url[len(SITE_URL):]


def mp3_seconds(path: Path) -> float:
    data, rate = decode(path)
    return len(data) / rate


FEEDS = {"podcast.xml": {SAMPLE, TEST}, "podcast.nl.xml": {SAMPLE}, "podcast.fr.xml": {TEST}}


@pytest.mark.parametrize("name", sorted(FEEDS))
def test_feed_parses_with_podcastparser(built, name):
    data = feed_bytes(built, name)
    parsed = podcastparser.parse(SITE_URL + "feeds/" + name, io.BytesIO(data))
    assert parsed["cover_url"] == SITE_URL + "media/podcast/artwork.png"
    assert parsed["itunes_owner"]["email"] and parsed["itunes_categories"] == [["Society & Culture"]]
    assert parsed["explicit"] is False
    episodes = {e["link"].rstrip("/").rsplit("/", 1)[-1]: e for e in parsed["episodes"]}
    assert set(episodes) == FEEDS[name]
    for slug, ep in episodes.items():
        (enclosure,) = ep["enclosures"]
        mp3 = local(built, enclosure["url"])
        assert enclosure["mime_type"] == "audio/mpeg"
        assert enclosure["file_size"] == mp3.stat().st_size  # the exact byte length
        assert abs(ep["total_time"] - mp3_seconds(mp3)) <= 1.0
    if TEST in episodes:
        assert episodes[TEST]["type"] == "bonus" and episodes[TEST]["number"] == 2
        assert episodes[TEST]["title"] == f"Titre {TEST}"  # an item is in the language of its audio


@pytest.mark.parametrize("name", sorted(FEEDS))
def test_feed_parses_with_feedparser(built, name):
    parsed = feedparser.parse(feed_bytes(built, name))
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.feed.image.href == SITE_URL + "media/podcast/artwork.png"
    assert len(parsed.entries) == len(FEEDS[name])
    for entry in parsed.entries:
        (enclosure,) = entry.enclosures
        mp3 = local(built, enclosure.href)
        assert int(enclosure.length) == mp3.stat().st_size
        assert int(entry.itunes_duration) == round(mp3_seconds(mp3))


def test_channel_language_and_links(built):
    for name, lang in (("podcast.nl.xml", "nl"), ("podcast.fr.xml", "fr"), ("podcast.xml", "nl")):
        channel = etree.fromstring(feed_bytes(built, name)).find("channel")
        assert channel.findtext("language") == lang
        assert channel.findtext("link") == SITE_URL + ("" if lang == "nl" else f"{lang}/") + "podcast/"
        assert channel.find("{http://www.w3.org/2005/Atom}link").get("href") == SITE_URL + "feeds/" + name


@pytest.mark.parametrize("name", sorted(FEEDS))
def test_podcast_guid_follows_the_namespace_algorithm(built, name):
    channel = etree.fromstring(feed_bytes(built, name)).find("channel")
    guid = channel.findtext("podcast:guid", namespaces=NS)
    # podcastindex.org/namespace/1.0#guid: UUIDv5 of the feed URL without scheme and trailing slashes
    expected = uuid.uuid5(uuid.UUID("ead4c236-bf58-58c6-a2c6-a6b28d128cb6"),
                          "smartinprogress.example.org/feeds/" + name)
    assert guid == str(expected)


def test_items_carry_podcast_namespace_tags(built):
    root = etree.fromstring(feed_bytes(built, "podcast.xml"))
    channel = root.find("channel")
    assert channel.find("podcast:locked", NS).text == "yes"
    assert channel.find("podcast:locked", NS).get("owner") == "podcast@smartinprogress.example.org"
    funding = channel.find("podcast:funding", NS)
    assert funding.get("url") == SITE_URL + "recommendations/sip2021-01/" and len(funding.text) <= 128
    items = {item.findtext("link").rstrip("/").rsplit("/", 1)[-1]: item for item in channel.findall("item")}
    test = items[TEST]
    transcripts = {t.get("language"): t for t in test.findall("podcast:transcript", NS)}
    assert set(transcripts) == {"fr", "nl"}
    for lang, tr in transcripts.items():
        assert tr.get("type") == "text/vtt"
        assert local(built, tr.get("url")).read_text(encoding="utf-8").startswith("WEBVTT")
    # spoken in French: the French transcript is the captions, the Dutch one a translation
    assert transcripts["fr"].get("rel") == "captions" and transcripts["nl"].get("rel") is None
    # the shipped episode is spoken in Dutch, with French and English translations of its transcript
    sample = items[SAMPLE]
    relations = {t.get("language"): t.get("rel") for t in sample.findall("podcast:transcript", NS)}
    assert relations == {"nl": "captions", "fr": None, "en": None}
    assert "Translated from Dutch" in local(built, sample.find("podcast:transcript[@language='fr']", NS)
                                            .get("url")).read_text(encoding="utf-8")
    chapters = test.find("podcast:chapters", NS)
    assert chapters.get("type") == "application/json+chapters"
    doc = json.loads(local(built, chapters.get("url")).read_text(encoding="utf-8"))
    duration = int(test.findtext("itunes:duration", namespaces=NS))
    starts = [c["startTime"] for c in doc["chapters"]]
    assert doc["version"] == "1.2.0" and starts[0] == 0 and starts == sorted(starts) and starts[-1] < duration
    assert [c["title"] for c in doc["chapters"]] == ["Début", "Milieu"]
    (person,) = test.findall("podcast:person", NS)
    assert person.text == "Test Persoon" and person.get("role") == "guest"
    assert test.findtext("itunes:explicit", namespaces=NS) == "false"
    assert test.find("guid").get("isPermaLink") == "false"


def test_artwork_is_square_and_big_enough(built):
    href = etree.fromstring(feed_bytes(built, "podcast.xml")).find("channel/itunes:image", NS).get("href")
    width, height, mime = image_info(local(built, href))
    assert width == height and 1400 <= width <= 3000 and mime == "image/png"


@pytest.mark.parametrize("slug,target,channels", [(SAMPLE, -19.0, 1), (TEST, -16.0, 2)])
def test_published_loudness(built, slug, target, channels):
    mp3 = site(built) / "media" / "podcast" / f"{slug}.mp3"
    lufs, peak, n = loudness(mp3)
    assert n == channels
    assert abs(lufs - target) <= 1.0, lufs  # measured independently (pyloudnorm) on the decoded MP3
    # -1 dBTP before encoding; MP3 coding itself may add a few tenths of a dB
    assert true_peak(mp3) <= -0.5


def test_mp3_format_and_id3_tags(built):
    mp3 = site(built) / "media" / "podcast" / f"{TEST}.mp3"
    frames = dict(id3_frames(mp3))
    assert frames["TIT2"][1:].rstrip(b"\0").decode("latin-1") == f"Titre {TEST}"
    # the show's title in the episode's language (French: coopsite.yml's podcast.title.fr, issue 17)
    assert b"Le podcast de Smart in Progress" in frames["TALB"]
    assert frames["TRCK"][1:].rstrip(b"\0") == b"2"
    assert frames["APIC"][1:10] == b"image/png"
    chaps = [body for fid, body in id3_frames(mp3) if fid == "CHAP"]
    assert len(chaps) == 2 and "CTOC" in frames


@pytest.mark.parametrize("slug,bitrate", [(SAMPLE, 64), (TEST, 128)])
def test_mp3_is_constant_bitrate_44k(built, slug, bitrate):
    bitrates, rates, count, first = mpeg_frames(site(built) / "media" / "podcast" / f"{slug}.mp3")
    assert bitrates == {bitrate} and rates == {44100} and count > 100
    assert b"Info" in first  # LAME's header for constant bitrate ("Xing" would mean VBR)


def test_media_files_are_published(built):
    media = site(built) / "media" / "podcast"
    names = {p.name for p in media.iterdir()}
    assert {f"{SAMPLE}.mp3", f"{TEST}.mp3", "artwork.png", f"{SAMPLE}.chapters.json"} <= names
    assert {f"{SAMPLE}.nl.vtt", f"{SAMPLE}.fr.vtt", f"{SAMPLE}.en.vtt", f"{TEST}.fr.vtt", f"{TEST}.nl.vtt"} <= names


def test_translated_transcript_is_marked_and_shifted(built):
    vtt = (site(built) / "media" / "podcast" / f"{TEST}.nl.vtt").read_text(encoding="utf-8")
    assert "NOTE Translated from French" in vtt
    first = vtt.split("\n\n")[2].splitlines()[1]  # the first cue's timing, in published time
    assert not first.startswith("00:00:00.800")  # shifted by the intro and the trimmed silence


def test_json_api_validates(built):
    doc = json.loads((site(built) / "api" / "podcast.json").read_text(encoding="utf-8"))
    schema = json.loads((site(built) / "api" / "podcast.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(doc, schema, format_checker=jsonschema.FormatChecker())
    by_id = {e["id"]: e for e in doc["episodes"]}
    assert by_id[TEST]["example"] is True and by_id[SAMPLE]["example"] is False
    assert by_id[SAMPLE]["audio"]["bytes"] == (site(built) / "media" / "podcast" / f"{SAMPLE}.mp3").stat().st_size


def page(root: Path, lang: str, slug: str) -> str:
    prefix = "" if lang == "nl" else f"{lang}/"
    return (site(root) / f"{prefix}podcast/{slug}/index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("lang,words", [("nl", ("Hoofdstukken", "Audiospeler", "Abonneren", "Transcriptie")),
                                        ("fr", ("Chapitres", "Lecteur audio", "S'abonner", "Transcription")),
                                        ("en", ("Chapters", "Audio player", "Subscribe", "Transcript"))])
def test_episode_page_in_each_language(built, lang, words):
    html = page(built, lang, SAMPLE)
    tree = etree.HTML(html)
    (audio,) = tree.xpath("//audio")
    depth = "../../" if lang == "nl" else "../../../"
    assert audio.get("src") == f"{depth}media/podcast/{SAMPLE}.mp3" and audio.get("controls") is not None
    seeks = tree.xpath("//a[@data-seek]")
    assert seeks and all(a.get("href") == f"{audio.get('src')}#t={a.get('data-seek')}" for a in seeks)
    for word in words:
        assert word in html.replace("&#x27;", "'"), word
    assert tree.xpath("//div[contains(@class,'podcast-transcript')]/p")
    assert tree.xpath("//a[starts-with(@href,'https://antennapod.org/deeplink/subscribe?url=')]")
    assert tree.xpath("//a[starts-with(@href,'pktc://subscribe/')]")
    assert tree.xpath("//a[starts-with(@href,'podcasts://smartinprogress.example.org/feeds/podcast')]")
    assert tree.xpath("//input[@readonly][@value='https://smartinprogress.example.org/feeds/podcast.xml']")


def test_example_episode_is_labelled_everywhere(built):
    html = page(built, "en", TEST)
    assert 'class="example-label"' in html and "example episode" in html
    # the home page shows the newest episode as a card: labelled when (and only when) it is an example
    home = etree.HTML((site(built) / "en" / "index.html").read_text(encoding="utf-8"))
    (card,) = home.xpath("//article[@class='home-card'][.//h3/a[contains(@href, 'podcast/')]]")
    shows_test = TEST in card.xpath("string(.//h3/a/@href)")
    assert bool(card.xpath(".//span[@class='example-label']")) == shows_test


def test_recommendation_page_lists_the_episode(built):
    html = (site(built) / "recommendations" / "sip2021-25" / "index.html").read_text(encoding="utf-8")
    assert "In de podcast" in html and f"../../podcast/{SAMPLE}/" in html


def test_pages_announce_the_feeds(built):
    html = (site(built) / "fr" / "podcast" / "index.html").read_text(encoding="utf-8")
    assert 'type="application/rss+xml"' in html and SITE_URL + "feeds/podcast.fr.xml" in html


"""Small pieces of the podcast: times, transcripts, image headers, guids, published times, ffmetadata."""

from __future__ import annotations

import pytest

from coopsite.types.podcast import subtitles
from coopsite.types.podcast.audio.engine import ffmetadata
from coopsite.types.podcast.audio.ffmpeg import AudioError, probe
from coopsite.core.imageinfo import ImageError, image_info
from coopsite.types.podcast.load import parse_time
from coopsite.types.podcast.model import Cue, Media
from coopsite.types.podcast.paths import feed_guid, root_relative
from coopsite.core.problems import Problems

from .podcast_helpers import ffmpeg, tone


@pytest.mark.parametrize("value,seconds", [(90, 90.0), (12.5, 12.5), ("1:30", 90.0), ("01:02:03.5", 3723.5),
                                           ("0:27.2", 27.2), ("59:59", 3599.0)])
def test_parse_time(value, seconds):
    assert parse_time(value) == pytest.approx(seconds)


@pytest.mark.parametrize("value", ["1:61", "abc", "-5", -5, "1:2:3:4", True])
def test_parse_time_rejects(value):
    assert parse_time(value) is None


def test_feed_guid_matches_the_specification_examples():
    # the two examples of podcastindex.org/namespace/1.0#guid
    assert feed_guid("https://podnews.net/rss") == "9b024349-ccf0-5f69-a609-6b82873eab3c"
    assert feed_guid("http://mp3s.nashownotes.com/pc20rss.xml/") == "917393e3-1b1e-5cef-ace4-edaa54e1f810"


def test_vtt_and_srt_parse_with_positions():
    problems = Problems()
    vtt = "WEBVTT\n\nNOTE a comment\n\nintro\n00:00:01.000 --> 00:00:02.500 align:start\n<v Anna>Hallo</v>\n\n" \
          "00:03.000 --> 00:04.000\ntwee\nregels\n"
    cues = subtitles.parse(vtt, "t.vtt", problems, "vtt")
    assert [(c.start, c.end, c.text, c.pos.line) for c in cues] == [(1.0, 2.5, "Hallo", 6), (3.0, 4.0, "twee\nregels", 9)]
    srt = "1\r\n00:00:01,000 --> 00:00:02,000\r\nEen\r\n\r\n2\r\n00:00:02,000 --> 00:00:01,000\r\nTerug\r\n"
    cues = subtitles.parse(srt, "t.srt", problems, "srt")
    assert len(cues) == 1
    assert [(p.line, p.message) for p in problems.errors] == [(6, "cue ends before it starts")]


def test_vtt_without_header():
    problems = Problems()
    assert subtitles.parse("00:00:01.000 --> 00:00:02.000\nHallo\n", "x.vtt", problems, "vtt") == ()
    assert "must start with the line 'WEBVTT'" in problems.errors[0].message


def test_vtt_writer_shifts_and_drops_cues_in_trimmed_silence():
    cues = [Cue(start=0.2, end=0.6, text="weg"), Cue(start=1.0, end=2.0, text="a --> b")]
    text = subtitles.to_vtt(cues, lambda t: max(0.0, t - 0.8) + 2.0 if t > 0.8 else 2.0, "Translated").decode()
    assert text.startswith("WEBVTT\n\nNOTE Translated\n")
    assert "00:00:02.200 --> 00:00:03.200\na -> b" in text and "weg" not in text


def test_published_time():
    m = Media(path="x.mp3", bytes=1, duration=100.0, channels=1, bitrate=64, loudness=-19, master_duration=99.0,
              trim_start=0.7, lead=2.1)
    assert m.published(0) == 0.0
    assert m.published(1.2) == pytest.approx(2.6)
    assert m.published(500) == 100.0


def test_image_info_png_and_jpeg(tmp_path):
    png, jpg = tmp_path / "a.png", tmp_path / "b.jpg"
    ffmpeg("-y", "-f", "lavfi", "-i", "color=c=blue:s=1500x1500", "-frames:v", "1", str(png))
    ffmpeg("-y", "-f", "lavfi", "-i", "color=c=blue:s=1400x1000", "-frames:v", "1", str(jpg))
    assert image_info(png) == (1500, 1500, "image/png")
    assert image_info(jpg) == (1400, 1000, "image/jpeg")
    (tmp_path / "c.gif").write_bytes(b"GIF89a....")
    with pytest.raises(ImageError):
        image_info(tmp_path / "c.gif")


def test_probe_reads_the_header_without_ffprobe(tmp_path):
    info = probe(tone(tmp_path / "m.flac", 1.5, channels=1, lead=0.2, tail=0.3))
    assert info.channels == 1 and info.sample_rate == 44100 and info.codec == "flac"
    assert info.duration == pytest.approx(2.0, abs=0.05)
    (tmp_path / "x.mp3").write_bytes(b"not audio at all" * 100)
    with pytest.raises(AudioError, match="not a readable audio file"):
        probe(tmp_path / "x.mp3")


def test_ffmetadata_escapes_and_chapters():
    text = ffmetadata({"title": "a=b; #c\\d", "track": ""}, [(0.0, 1.5, "Eén"), (1.5, 3.0, "Twee")])
    assert "title=a\\=b\\; \\#c\\\\d" in text and "track=" not in text
    assert text.count("[CHAPTER]") == 2 and "START=1500" in text and "title=Eén" in text


def test_root_relative_links_per_language():
    assert root_relative("podcast/slug", "nl", "nl", "media/podcast/x.mp3") == "../../media/podcast/x.mp3"
    assert root_relative("podcast/slug", "fr", "nl", "media/podcast/x.mp3") == "../../../media/podcast/x.mp3"
    assert root_relative("podcast/index", "en", "nl", "feeds/podcast.xml") == "../../feeds/podcast.xml"


def test_examples_and_drafts_are_left_out_when_they_should_be(tmp_path):
    from coopsite.site.catalog import build_catalog

    from .conftest import copy_tree
    from .podcast_helpers import write_episode

    root = copy_tree(tmp_path / "repo", recommendations=["sip2021-01"])
    write_episode(root, "voorbeeld", number=1, make_audio=False, extra="example: true\n")
    write_episode(root, "klad", number=2, make_audio=False, extra="draft: true\n")
    for folder in ("voorbeeld", "klad"):
        tone(root / "podcasts" / folder / "master.wav", 0.5, channels=1, lead=0, tail=0)
    catalog, problems = build_catalog(root)
    assert not problems.errors, [str(p) for p in problems]
    assert [e.id for e in catalog.episodes] == ["voorbeeld"]
    assert [e.id for e in build_catalog(root, drafts=True)[0].episodes] == ["klad", "voorbeeld"]  # newest first
    cfg = root / "coopsite.yml"
    cfg.write_text(cfg.read_text(encoding="utf-8").replace("examples: true", "examples: false"), encoding="utf-8")
    assert build_catalog(root)[0].episodes == ()


def test_bench_has_help():
    from .conftest import coopsite

    res = coopsite("bench", "--help")
    assert res.returncode == 0 and "--minutes" in res.stdout


def test_show_without_episodes_has_an_api_document_but_no_feed(tmp_path):
    import json

    import jsonschema

    from coopsite.site.catalog import build_catalog
    from coopsite.site.files import announced, site_files
    from coopsite.site.render import render_pages

    from .conftest import copy_tree

    root = copy_tree(tmp_path / "repo", recommendations=["sip2021-25"])
    catalog, problems = build_catalog(root)
    assert not problems.errors and catalog.episodes == ()
    files = site_files(catalog)
    assert "feeds/podcast.xml" not in files
    assert not [path for _, path, _ in announced(catalog, "nl") if "podcast" in path]
    doc, schema = json.loads(files["api/podcast.json"]), json.loads(files["api/podcast.schema.json"])
    jsonschema.validate(doc, schema)
    assert doc["episodes"] == [] and doc["feeds"] == []
    assert "Er zijn nog geen afleveringen." in render_pages(catalog)["podcast/index.nl.md"]


def test_new_episode_passes_check_and_keeps_the_master_where_it_belongs(tmp_path):
    from .conftest import copy_tree, coopsite

    root = copy_tree(tmp_path / "repo", recommendations=["sip2021-25"])
    master = tone(tmp_path / "opname.flac", 1.5, channels=1)
    res = coopsite("--root", str(root), "new", "episode", "--title", "Werken in de cultuur: een gesprek",
                   "--audio", str(master))
    assert res.returncode == 0, res.stderr
    assert res.stdout.strip() == "podcasts/werken-in-de-cultuur-een-gesprek/episode.yml"
    assert (root / "podcasts" / "werken-in-de-cultuur-een-gesprek" / "master.flac").is_file()
    for args in (("check",), ("check", "--drafts")):
        check = coopsite("--root", str(root), *args)
        assert check.returncode == 0, check.stdout
    media = tmp_path / "media"
    res = coopsite("--root", str(root), "new", "episode", "--title", "Tweede", "--audio", str(master),
                   env={"COOPSITE_MEDIA_DIR": str(media)})
    assert res.returncode == 0, res.stderr
    assert (media / "tweede" / "master.flac").is_file()
    assert not (root / "podcasts" / "tweede" / "master.flac").exists()
    assert "number: 2" in (root / "podcasts" / "tweede" / "episode.yml").read_text(encoding="utf-8")
    check = coopsite("--root", str(root), "check", "--drafts", env={"COOPSITE_MEDIA_DIR": str(media)})
    assert check.returncode == 0, check.stdout


def test_an_episode_needs_its_texts_in_the_language_it_is_spoken_in(tmp_path):
    from coopsite.site.catalog import build_catalog

    from .conftest import copy_tree
    from .podcast_helpers import write_episode

    root = copy_tree(tmp_path / "repo", recommendations=["sip2021-25"])
    folder = write_episode(root, "en-francais", number=1, lang="fr", make_audio=False)
    tone(folder / "master.wav", 0.5, channels=1, lead=0, tail=0)
    yml = folder / "episode.yml"
    yml.write_text(yml.read_text(encoding="utf-8").replace("  nl: Titel en-francais\n", "")
                   .replace("  en: Description of en-francais.\n", ""), encoding="utf-8")
    catalog, problems = build_catalog(root)
    assert not problems.errors, [str(p) for p in problems.errors]  # a French member's episode needs no Dutch
    warned = [p.message for p in problems.warnings if p.path.startswith("podcasts/en-francais")]
    assert any("no nl translation of title" in m for m in warned) and any("no en translation" in m for m in warned)
    yml.write_text(yml.read_text(encoding="utf-8").replace("  fr: Titre en-francais\n", ""), encoding="utf-8")
    _, problems = build_catalog(root)
    assert [(p.line, p.message) for p in problems.errors] == [(3, "episode en-francais: missing fr text in title")]

"""Bad podcast input: every problem positioned (file:line:col), all in one run, no traceback, and the
episodes that are fine are still processed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from coopsite.site import pipeline

from .conftest import copy_tree, coopsite
from .podcast_helpers import ffmpeg, write_episode

LINE = re.compile(r"^(?P<path>[^:\s]+):(?P<line>\d+):(?P<col>\d+): (?P<sev>error|warning): (?P<msg>.*)$")
AUDIO_AT = (13, 8)  # the value of 'audio:' in podcast_helpers.EPISODE


def ep_path(slug: str) -> str:
    return f"podcasts/{slug}/episode.yml"


def broken(root: Path) -> dict[str, tuple[int, int, str]]:
    """One episode per kind of mistake, and a good one; returns path -> (line, col, words)."""
    cfg = root / "coopsite.yml"
    cfg.write_text(cfg.read_text(encoding="utf-8").replace("max_size_mb: 1024", "max_size_mb: 1")
                   .replace("max_minutes: 180", "max_minutes: 1"), encoding="utf-8")
    expect = {}
    write_episode(root, "goed", number=1, seconds=2.0, channels=1)
    write_episode(root, "ontbreekt", number=2, make_audio=False)
    expect[ep_path("ontbreekt")] = (*AUDIO_AT, "audio master 'master.wav' not found")
    folder = write_episode(root, "kapot", number=3, audio="master.mp3", make_audio=False)
    (folder / "master.mp3").write_bytes(b"\x00\x01garbage" * 500)
    expect[ep_path("kapot")] = (*AUDIO_AT, "not a readable audio file")
    folder = write_episode(root, "aiff", number=4, audio="master.aiff", make_audio=False)
    (folder / "master.aiff").write_bytes(b"FORM....AIFF")
    expect[ep_path("aiff")] = (*AUDIO_AT, "unsupported audio format '.aiff'")
    write_episode(root, "te-groot", number=5, seconds=7.0, channels=2)  # 44.1 kHz stereo WAV: > 1 MB
    expect[ep_path("te-groot")] = (*AUDIO_AT, "over the limit of 1 MB")
    write_episode(root, "te-lang", number=6, audio="master.flac", seconds=62.0, channels=1, rate=8000)
    expect[ep_path("te-lang")] = (*AUDIO_AT, "over the limit of 1 minutes")
    write_episode(root, "hoofdstuk", number=7, seconds=2.0, channels=1,
                  extra="chapters:\n  - start: 0\n    title: {nl: A, fr: A, en: A}\n"
                        "  - start: \"0:45\"\n    title: {nl: B, fr: B, en: B}\n")
    expect[ep_path("hoofdstuk")] = (17, 12, "chapter starts at 0:45, after the end of the audio")
    folder = write_episode(root, "ondertitel", number=8, seconds=2.0, channels=1)
    (folder / "transcript.nl.vtt").write_text("WEBVTT\n\n00:00:00.500 --> 00:00:01.500\nHallo.\n\n"
                                              "00:00:30.000 --> 00:00:31.000\nTe laat.\n", encoding="utf-8")
    expect["podcasts/ondertitel/transcript.nl.vtt"] = (6, 1, "cue ends at 0:31, after the end of the audio")
    write_episode(root, "uitbraak", number=9, audio="../goed/master.wav", make_audio=False)
    expect[ep_path("uitbraak")] = (*AUDIO_AT, "'../goed/master.wav' leaves the episode folder")
    write_episode(root, "uitbraak-tekst", number=10, seconds=2.0, channels=1,
                  extra="transcripts:\n  nl: ../../coopsite.yml\n")
    expect[ep_path("uitbraak-tekst")] = (15, 7, "'../../coopsite.yml' leaves the episode folder")
    folder = write_episode(root, "lfs", number=11, make_audio=False)
    (folder / "master.wav").write_text("version https://git-lfs.github.com/spec/v1\noid sha256:0123\nsize 12\n")
    expect[ep_path("lfs")] = (*AUDIO_AT, "is a Git LFS pointer")
    folder = write_episode(root, "tijden", number=12, seconds=2.0, channels=1)
    (folder / "transcript.fr.srt").write_text("1\n00:00:00,500 --> 00:00:01,500\nBonjour.\n\n"
                                              "2\n00:00:02 --> 00:00:03,000\nMal écrit.\n", encoding="utf-8")
    expect["podcasts/tijden/transcript.fr.srt"] = (6, 1, "malformed cue timing")
    write_episode(root, "verwijzing", number=13, seconds=2.0, channels=1, extra="recommendations: [sip2021-250]\n")
    expect[ep_path("verwijzing")] = (14, 18, "unknown recommendation 'sip2021-250'")
    return expect


@pytest.fixture(scope="module")
def tree(tmp_path_factory) -> tuple[Path, dict]:
    root = copy_tree(tmp_path_factory.mktemp("podcast-errors") / "repo", recommendations=["sip2021-01", "sip2021-25"])
    return root, broken(root)


def test_check_reports_every_problem_positioned(tree):
    root, expect = tree
    res = coopsite("--root", str(root), "check")
    assert res.returncode == 1
    assert "Traceback" not in res.stdout + res.stderr
    found = [m.groupdict() for m in map(LINE.match, res.stdout.splitlines()) if m]
    for path, (line, col, words) in expect.items():
        mine = [f for f in found if f["path"] == path and words in f["msg"] and f["sev"] == "error"]
        assert mine, f"no '{words}' error for {path}:\n{res.stdout}"
        assert (int(mine[0]["line"]), int(mine[0]["col"])) == (line, col), (path, mine[0])
    assert "hint:" in res.stdout


def test_build_processes_the_good_episodes_and_builds_nothing(tree):
    root, expect = tree
    pipeline._memo.clear()
    result = pipeline.run(root, log=lambda message: None)
    assert not result.ok
    # every episode whose audio is fine is processed (and cached) anyway, even when its texts have errors
    assert set(result.catalog.media) == {"goed", "uitbraak-tekst", "tijden", "verwijzing"}
    assert Path(result.catalog.media["goed"].path).is_file()
    errors = {p.path for p in result.problems.errors}
    assert set(expect) <= errors
    res = coopsite("--root", str(root), "build")
    assert res.returncode == 1 and "Traceback" not in res.stdout + res.stderr
    assert not (root / "site").exists()


def test_bad_show_settings_are_positioned(tmp_path):
    root = copy_tree(tmp_path / "repo", recommendations=["sip2021-01"])
    art = root / "podcasts" / "_show" / "wide.png"
    ffmpeg("-y", "-f", "lavfi", "-i", "color=c=red:s=1600x1400", "-frames:v", "1", str(art))
    small = root / "podcasts" / "_show" / "small.jpg"
    ffmpeg("-y", "-f", "lavfi", "-i", "color=c=red:s=600x600", "-frames:v", "1", str(small))
    cfg = root / "coopsite.yml"
    text = cfg.read_text(encoding="utf-8")
    lines = text.splitlines()
    art_line = next(i for i, ln in enumerate(lines, 1) if ln.strip().startswith("artwork:"))
    cat_line = next(i for i, ln in enumerate(lines, 1) if ln.strip().startswith("category:"))
    text = (text.replace("artwork: podcasts/_show/artwork.png", "artwork: podcasts/_show/wide.png")
            .replace("category: Society & Culture", "category: Society and Culture")
            .replace("intro: podcasts/_show/intro.flac", "intro: ../intro.flac"))
    cfg.write_text(text, encoding="utf-8")
    res = coopsite("--root", str(root), "check")
    assert res.returncode == 1 and "Traceback" not in res.stdout + res.stderr
    assert f"coopsite.yml:{art_line}:12: error: the artwork is 1600x1400 pixels: podcast apps need a square" \
           in res.stdout
    assert f"coopsite.yml:{cat_line}:13: error: unknown Apple Podcasts category 'Society and Culture'" in res.stdout
    assert "did you mean 'Society & Culture'?" in res.stdout
    assert "'../intro.flac' leaves the repository" in res.stdout
    cfg.write_text(text.replace("podcasts/_show/wide.png", "podcasts/_show/small.jpg"), encoding="utf-8")
    res = coopsite("--root", str(root), "check")
    assert "the artwork is 600x600 pixels: podcast apps need 1400 to 3000 pixels" in res.stdout


def test_show_notes_are_member_markdown_checked_and_sanitised(tmp_path):
    from coopsite.site.catalog import build_catalog
    from coopsite.types.podcast import views as podcast_render
    from coopsite.types.podcast import feeds as podcast_feeds
    from coopsite.core.model import frozen_map
    from coopsite.types.podcast.model import Media
    import dataclasses

    root = copy_tree(tmp_path / "repo", recommendations=["sip2021-25"])
    folder = write_episode(root, "gevaarlijk", number=1, seconds=1.0, channels=1)
    yml = folder / "episode.yml"
    yml.write_text(yml.read_text(encoding="utf-8").replace(
        "  nl: Beschrijving van gevaarlijk.\n",
        "  nl: |\n    Eerste regel.\n    <script>alert(1)</script> en <a href=\"javascript:alert(2)\">klik</a>\n"),
        encoding="utf-8")
    catalog, problems = build_catalog(root)
    errors = [(p.path, p.line, p.col, p.message) for p in problems.errors]
    assert errors == [("podcasts/gevaarlijk/episode.yml", 9, 5,
                       "<script> is not allowed: scripts never run from the site's texts"),
                      ("podcasts/gevaarlijk/episode.yml", 9, 43, "'javascript:' address in href is not allowed")]
    # even when check is bypassed, nothing active reaches a page or a feed
    media = Media(path="x.mp3", bytes=1000, duration=5.0, channels=1, bitrate=64, loudness=-19.0, master_duration=5.0, trim_start=0.0, lead=0.0)
    ready = dataclasses.replace(catalog, media=frozen_map({"gevaarlijk": media}))
    page = podcast_render.pages(ready, "nl")["podcast/gevaarlijk"]
    feed = podcast_feeds.feed(ready, None).decode()
    assert "<script" not in page and "javascript:" not in page and "Eerste regel." in page
    assert "&lt;script" not in feed and "javascript:" not in feed and "Eerste regel." in feed

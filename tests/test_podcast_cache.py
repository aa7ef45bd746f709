"""The audio cache: a rebuild with nothing changed starts no process at all; a change of texts
re-tags without re-encoding; episode guids never change with title, date or audio file."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from coopsite.site import pipeline
from coopsite.types.podcast.audio import ffmpeg

from .conftest import copy_tree
from .podcast_helpers import tone, write_episode


class Launches:
    """Counts processes started through subprocess.Popen (subprocess.run and check_call use it)."""

    def __init__(self, monkeypatch):
        self.commands: list[list[str]] = []
        real = subprocess.Popen
        outer = self

        class Counting(real):
            def __init__(self, args, *a, **kw):
                outer.commands.append([str(x) for x in (args if isinstance(args, (list, tuple)) else [args])])
                super().__init__(args, *a, **kw)

        monkeypatch.setattr(subprocess, "Popen", Counting)

    def ffmpeg(self) -> list[list[str]]:
        return [c for c in self.commands if "ffmpeg" in Path(c[0]).name]


@pytest.fixture
def small(tmp_path) -> Path:
    root = copy_tree(tmp_path / "repo", recommendations=["sip2021-01", "sip2021-25"])
    write_episode(root, "kort", number=1, seconds=2.0, channels=1,
                  extra="chapters:\n  - start: 0\n    title: {nl: Begin, fr: Début, en: Start}\n")
    return root


def fresh_run(root: Path):
    pipeline._memo.clear()  # the in-process memo would hide the audio cache
    ffmpeg.exe.cache_clear()  # finding the binary runs `ffmpeg -version`: count it too
    return pipeline.run(root, log=lambda message: None)


def test_rebuild_with_nothing_changed_starts_no_process(small, monkeypatch):
    first = Launches(monkeypatch)
    result = fresh_run(small)
    assert result.ok, [str(p) for p in result.problems]
    assert "kort" in result.catalog.media
    assert len(first.ffmpeg()) >= 4  # probe, analyse, render, tag (and the jingles)

    again = Launches(monkeypatch)
    result = fresh_run(small)
    assert result.ok and "kort" in result.catalog.media
    assert again.commands == []
    assert set(result.site_copies) >= {"media/podcast/kort.mp3", "media/podcast/artwork.png"}


def test_new_title_retags_without_reencoding(small, monkeypatch):
    before = fresh_run(small).catalog.media["kort"]
    yml = small / "podcasts" / "kort" / "episode.yml"
    yml.write_text(yml.read_text(encoding="utf-8").replace("Titel kort", "Nieuwe titel"), encoding="utf-8")
    launches = Launches(monkeypatch)
    after = fresh_run(small).catalog.media["kort"]
    commands = [c for c in launches.ffmpeg() if "-version" not in c]  # not counting the lookup of the binary
    assert len(commands) == 1, commands  # the tag step only
    assert "-c" in commands[-1] and commands[-1][commands[-1].index("-c") + 1] == "copy"
    assert after.path != before.path and abs(after.duration - before.duration) < 0.05
    assert b"Nieuwe titel" in Path(after.path).read_bytes()[:4096]


def test_changed_master_is_processed_again(small, monkeypatch):
    before = fresh_run(small).catalog.media["kort"]
    tone(small / "podcasts" / "kort" / "master.wav", 3.0, channels=1, freq=440)
    launches = Launches(monkeypatch)
    after = fresh_run(small).catalog.media["kort"]
    assert any("-filter_complex" in c for c in launches.ffmpeg())
    assert after.duration > before.duration + 0.5


def guid_of(root: Path) -> str:
    result = fresh_run(root)
    (ep,) = [e for e in result.catalog.episodes if e.id == "kort"]
    return ep.guid


def test_guid_survives_title_date_and_file_changes(small):
    folder = small / "podcasts" / "kort"
    original = guid_of(small)
    yml = folder / "episode.yml"
    text = yml.read_text(encoding="utf-8")
    text = text.replace("Titel kort", "Een heel andere titel").replace("2026-10-01", "2027-01-15")
    tone(folder / "opname.flac", 2.5, channels=2, freq=520)
    (folder / "master.wav").unlink()
    yml.write_text(text.replace("audio: master.wav", "audio: opname.flac"), encoding="utf-8")
    assert guid_of(small) == original
    # and the feed says so too
    result = fresh_run(small)
    feed = result.files["feeds/podcast.xml"].decode("utf-8")
    assert f'<guid isPermaLink="false">{original}</guid>' in feed
    assert "Een heel andere titel" in feed and "opname" not in original


def test_guid_is_the_seeded_uuid_or_the_given_one(small):
    import uuid

    from coopsite.types.podcast.load import EPISODE_GUID_NS

    assert guid_of(small) == str(uuid.uuid5(EPISODE_GUID_NS, "kort"))
    yml = small / "podcasts" / "kort" / "episode.yml"
    yml.write_text(yml.read_text(encoding="utf-8") + "guid: imported-from-old-host-123\n", encoding="utf-8")
    assert guid_of(small) == "imported-from-old-host-123"


def test_media_dir_holds_masters_kept_out_of_git(small, tmp_path, monkeypatch):
    folder = small / "podcasts" / "kort"
    outside = tmp_path / "media"
    (outside / "kort").mkdir(parents=True)
    (folder / "master.wav").rename(outside / "kort" / "master.wav")
    monkeypatch.delenv("COOPSITE_MEDIA_DIR", raising=False)
    result = fresh_run(small)
    assert any("not found" in p.message and p.path.endswith("kort/episode.yml") for p in result.problems.errors)
    monkeypatch.setenv("COOPSITE_MEDIA_DIR", str(outside))
    result = fresh_run(small)
    assert result.ok, [str(p) for p in result.problems]
    assert "kort" in result.catalog.media


def test_no_ffprobe_is_ever_called(small, monkeypatch):
    from coopsite.types.podcast.audio.jingle import audio_segment_class

    audio_segment_class()  # pydub imported as the build does, without its import-time warnings
    import pydub.audio_segment
    import pydub.utils

    def forbidden(*a, **kw):
        raise AssertionError("ffprobe was called")

    monkeypatch.setattr(pydub.utils, "mediainfo_json", forbidden)
    monkeypatch.setattr(pydub.audio_segment, "mediainfo_json", forbidden)
    launches = Launches(monkeypatch)
    result = fresh_run(small)
    assert result.ok
    assert not [c for c in launches.commands if "ffprobe" in Path(c[0]).name]
    assert sys.modules.get("pydub") is not None  # pydub did prepare the jingles

"""The podcast's audio stage: every episode's master -> a published MP3, once per build.

Runs in pipeline.run() after the catalog is built and before pages and feeds,
outside MkDocs' per-language passes. Results come from the cache (.cache/audio/)
when nothing they depend on changed: then no ffmpeg process starts at all.
Episodes to (re)process run in parallel, one worker process per core, with a
line per episode on stderr. Bad input becomes a positioned problem for that
episode; the others are still processed.

With render=False (coopsite check) only the cheap checks run: the master's
header is read (ffmpeg -i, cached by content) to check its length and the
times of chapters and transcripts.
"""

from __future__ import annotations

import os
import sys
from dataclasses import asdict, replace
from typing import Callable

from coopsite.core import parallel
from coopsite.types.podcast.model import Episode, Media
from coopsite.core.problems import Problems
from coopsite.types.podcast.audio import engine
from coopsite.types.podcast.audio import jingle
from coopsite.types.podcast.audio.cache import Cache
from coopsite.types.podcast.audio.ffmpeg import AudioError, Probe, probe

ISO639_2 = {"nl": "dut", "fr": "fre", "en": "eng", "de": "ger"}  # ID3 TLAN uses ISO 639-2/B


def _stderr(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def clock(seconds: float) -> str:
    seconds = int(round(seconds))
    h, rest = divmod(seconds, 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"


def process_media(catalog, problems: Problems, *, render: bool = True,
                  log: Callable[[str], None] | None = None) -> dict[str, Media]:
    show = catalog.podcast
    if show is None or not catalog.episodes:
        return {}
    log = log or _stderr
    cache = Cache(catalog.config.root)
    settings = show.audio
    ready: dict[str, Media] = {}
    todo: list[tuple[Episode, engine.Job]] = []
    for ep in catalog.episodes:
        if not ep.master:
            continue
        at = ep.at("audio")
        try:
            sha = cache.file_hash(ep.master)
            info = _probe(cache, sha, ep.master)
        except AudioError as exc:
            problems.error(at.path, at.line, at.col, f"audio master cannot be used: {exc.message}", exc.hint)
            log(f"podcast: {ep.slug}: {exc.message}")
            continue
        if info.duration > settings.max_minutes * 60:
            problems.error(at.path, at.line, at.col, f"audio master lasts {clock(info.duration)}, over the limit of "
                           f"{settings.max_minutes} minutes",
                           "split the episode, or raise podcast.audio.max_minutes in coopsite.yml")
            continue
        if not check_times(ep, info.duration, problems) or not render:
            continue
        channels = 1 if info.channels == 1 else 2
        intro_key = jingle.key(cache.file_hash(show.intro), channels, settings) if show.intro else None
        outro_key = jingle.key(cache.file_hash(show.outro), channels, settings) if show.outro else None
        akey = engine.audio_key(sha, channels, settings, intro_key, outro_key)
        tags = episode_tags(catalog, ep)
        chapters = tuple((c.start, c.title.pick(ep.language, catalog.config.languages.default)[0])
                         for c in ep.chapters)
        cover_sha = cache.file_hash(show.artwork) if show.artwork else None
        tkey = engine.tag_key(akey, tags, chapters, cover_sha)
        entry = cache.entry(tkey)
        if entry:
            ready[ep.id] = media(entry)
            continue
        todo.append((ep, engine.Job(episode=ep.id, slug=ep.slug, master=ep.master, master_duration=info.duration, master_channels=info.channels, master_rate=info.sample_rate,
                                    master_codec=info.codec, master_format=info.sample_format, channels=channels, settings=settings, intro=None, outro=None,
                                    audio_key=akey, tag_key=tkey, tags=tags, chapters=chapters, cover=show.artwork, cache_root=str(catalog.config.root))))
    cached = len(ready)
    if todo:
        jobs = _with_jingles(todo, cache, show, problems, log)
        for ep, job in jobs:
            log(f"podcast: {ep.slug}: processing {clock(job.master_duration)} of audio")
        # Episodes that share a master (same audio, other texts) are encoded once: the first wave
        # has one job per audio key; the rest then find the audio in the cache and are only tagged.
        first, rest, keys = [], [], set()
        for ep, job in jobs:
            (rest if job.audio_key in keys else first).append((ep, job))
            keys.add(job.audio_key)
        ready.update(_run(first, problems, log))
        ready.update(_run(rest, problems, log))
    cache.save_hashes()
    if render:
        log(f"podcast: audio of {len(ready)} of {len(catalog.episodes)} episodes ready "
            f"({cached} from the cache, {len(ready) - cached} processed)")
    return ready


def _probe(cache: Cache, sha: str, path: str) -> Probe:
    name = f"probe-{sha[:32]}-v2.json"
    known = cache.read_json(name)
    if known:
        return Probe(**known)
    info = probe(path)
    cache.write_json(name, asdict(info))
    return info


def media(entry: dict) -> Media:
    return Media(path=entry["path"], bytes=entry["bytes"], duration=entry["duration"], channels=entry["channels"], bitrate=entry["bitrate"],
                 loudness=entry["loudness"], master_duration=entry["master_duration"], trim_start=entry["trim_start"], lead=entry["lead"])


def check_times(ep: Episode, duration: float, problems: Problems) -> bool:
    """Chapters and transcript cues must fall within the master."""
    ok = True
    for ch in ep.chapters:
        if ch.start >= duration:
            problems.error(ch.pos.path, ch.pos.line, ch.pos.col,
                           f"chapter starts at {clock(ch.start)}, after the end of the audio ({clock(duration)})",
                           "chapter times are on the master's timeline: fix the time, or check 'audio:'")
            ok = False
    for tr in ep.transcripts:
        late = [cue for cue in tr.cues if cue.end > duration + 0.5]
        if late:
            cue = late[0]
            more = f" (and {len(late) - 1} later cues)" if len(late) > 1 else ""
            problems.error(cue.pos.path, cue.pos.line, cue.pos.col,
                           f"cue ends at {clock(cue.end)}, after the end of the audio ({clock(duration)}){more}",
                           "transcript times are on the master's timeline: fix them, or check 'audio:'")
            ok = False
    return ok


def episode_tags(catalog, ep: Episode) -> dict:
    show = catalog.podcast
    default = catalog.config.languages.default
    return {
        "title": ep.title.pick(ep.language, default)[0],
        "artist": show.author,
        "album_artist": show.author,
        "album": show.title.pick(ep.language, default)[0],
        "date": ep.date.isoformat(),
        "track": str(ep.number) if ep.number else "",
        "genre": "Podcast",
        "language": ISO639_2.get(ep.language, ep.language),
        "publisher": show.owner_name,
    }


def _with_jingles(todo, cache: Cache, show, problems: Problems, log) -> list[tuple[Episode, engine.Job]]:
    """Prepare the intro and outro (pydub) for each channel count needed; drop jobs whose jingle failed."""
    prepared: dict[tuple[str, int], jingle.Jingle | None] = {}
    out = []
    for ep, job in todo:
        parts = {}
        for which in ("intro", "outro"):
            source = getattr(show, which)
            if not source:
                parts[which] = None
                continue
            k = (which, job.channels)
            if k not in prepared:
                try:
                    prepared[k] = jingle.prepare(cache, source, job.channels, job.settings)
                except AudioError as exc:
                    at = show.at(which)
                    problems.error(at.path, at.line, at.col, f"the {which} jingle cannot be used: {exc.message}",
                                   exc.hint)
                    prepared[k] = None
            parts[which] = prepared[k]
        if (show.intro and parts["intro"] is None) or (show.outro and parts["outro"] is None):
            continue
        out.append((ep, replace(job, intro=parts["intro"], outro=parts["outro"])))
    return out


def _run(jobs, problems: Problems, log) -> dict[str, Media]:
    done: dict[str, Media] = {}

    def collect(ep: Episode, result: dict) -> None:
        if "error" in result:
            at = ep.at("audio")
            problems.error(at.path, at.line, at.col, f"audio master cannot be processed: {result['error']}",
                           result.get("hint", ""))
            log(f"podcast: {ep.slug}: failed: {result['error']}")
            return
        done[ep.id] = media(result)
        log(f"podcast: {ep.slug}: done in {result['seconds']} s ({clock(result['duration'])}, "
            f"{result['bytes'] / 1048576:.1f} MB, {result['loudness']} LUFS)")

    def finished(item, result, error: parallel.ChildError | None) -> None:
        ep, _ = item
        # an unexpected failure in the worker: its cause (failures.describe), at the episode
        collect(ep, {"error": error.description} if error else result)

    # one episode per core, in forked workers (here, one after the other, under `mkdocs serve`)
    parallel.run_each(lambda item: engine.process(item[1]), jobs, os.cpu_count() or 1, finished)
    return done

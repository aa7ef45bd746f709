"""One episode, master -> published MP3, in three ffmpeg runs that stream the audio.

1. analyse: silencedetect + ebur128 over the master -> where sound starts and
   ends, and its integrated loudness (ITU-R BS.1770).
2. render:  trim, gain to the target loudness, a true-peak limiter (4x
   oversampled, so inter-sample peaks are caught), crossfades with the prepared
   jingles, constant-bitrate MP3 at 44.1 kHz. The same graph measures the
   loudness of the mix it encodes; if heavy limiting left it more than 0.5 LU
   off target, the render runs once more with the gain corrected.
3. tag:     ID3v2.3 (title, show, artist, date, episode number, cover art,
   chapters as CHAP/CTOC) by copying the MP3 stream: no re-encoding when only
   the texts change.

pydub keeps whole files in memory (a 30-minute stereo master is 318 MB of PCM,
and AudioSegment.from_file holds several copies while decoding), so masters go
through ffmpeg filters instead; pydub prepares the short jingles (jingle.py).
"""

from __future__ import annotations

import re
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from ..model import AudioSettings
from . import ffmpeg
from .cache import Cache, digest
from .jingle import Jingle, SAMPLE_RATE, parse_loudness

ENGINE_VERSION = 1
OVERSAMPLE = 4
LIMITER_MARGIN_DB = 0.3  # below the true-peak ceiling, for the filter ringing of the way back down
SILENCE_MIN_S = 0.5
RERENDER_LU = 0.5


@dataclass(frozen=True)
class Analysis:
    duration: float
    trim_start: float
    trim_end: float
    loudness: float  # LUFS of the master


@dataclass(frozen=True)
class Job:
    """Everything one worker process needs: plain, picklable values."""

    episode: str
    slug: str
    master: str
    master_duration: float
    channels: int  # of the published file: 1 or 2
    settings: AudioSettings
    intro: Jingle | None
    outro: Jingle | None
    audio_key: str
    tag_key: str
    tags: dict
    chapters: tuple = ()  # ((master seconds, title), ...)
    cover: str | None = None
    cache_root: str = ""


def audio_key(master_sha: str, channels: int, settings: AudioSettings, intro_key: str | None,
              outro_key: str | None) -> str:
    relevant = {k: v for k, v in asdict(settings).items() if k not in ("max_size_mb", "max_minutes")}
    return digest({"engine": ENGINE_VERSION, "master": master_sha, "channels": channels, "settings": relevant,
                   "intro": intro_key, "outro": outro_key})


def tag_key(audio: str, tags: dict, chapters, cover_sha: str | None) -> str:
    return digest({"audio": audio, "tags": tags, "chapters": chapters, "cover": cover_sha})


# --- 1. analyse ----------------------------------------------------------------

_SIL_START = re.compile(r"silence_start: (-?[\d.]+)")
_SIL_END = re.compile(r"silence_end: (-?[\d.]+)")


def analyse(master: str, duration: float, channels: int, settings: AudioSettings, *, pad_start: float = 0.0,
            pad_end: float = 0.0) -> Analysis:
    """Where the sound is, and how loud. pad_*: silence to keep at least, for a crossfade to fade over."""
    down = "aformat=channel_layouts=stereo," if channels > 2 else ""
    proc = ffmpeg.run(["-nostats", "-i", master, "-map", "0:a:0", "-af",
                       f"{down}silencedetect=n={settings.silence_db}dB:d={SILENCE_MIN_S},ebur128=framelog=quiet",
                       "-f", "null", "-"])
    err = proc.stderr.decode("utf-8", "replace")
    loudness, _ = parse_loudness(proc.stderr)
    if loudness < -69:
        raise ffmpeg.AudioError("the master is silent", "check the export: no sound was found")
    starts = [float(x) for x in _SIL_START.findall(err)]
    ends = [float(x) for x in _SIL_END.findall(err)]
    sound_from, sound_to = 0.0, duration
    if starts and starts[0] <= 0.05:
        if not ends or ends[0] >= duration - 0.05:
            raise ffmpeg.AudioError("the master is silent", "check the export: no sound was found")
        sound_from = ends[0]
    if starts and (len(starts) > len(ends) or ends[-1] >= duration - 0.05) and starts[-1] > sound_from:
        sound_to = starts[-1]
    keep = settings.silence_keep_ms / 1000
    trim_start = max(0.0, sound_from - max(keep, pad_start))
    trim_end = min(duration, sound_to + max(keep, pad_end))
    return Analysis(duration, round(trim_start, 3), round(trim_end, 3), loudness)


# --- 2. render -----------------------------------------------------------------

def filter_graph(job: Job, analysis: Analysis, gain_db: float) -> tuple[str, list[str]]:
    """The filtergraph and the input arguments, inputs in order: intro, master, outro."""
    s = job.settings
    layout = "mono" if job.channels == 1 else "stereo"
    fmt = f"aformat=sample_fmts=fltp:channel_layouts={layout}"
    limit = 10 ** ((s.true_peak - LIMITER_MARGIN_DB) / 20)
    inputs, parts = [], []
    idx = 0
    if job.intro:
        inputs += ["-i", job.intro.path]
        intro_idx, idx = idx, idx + 1
    inputs += ["-i", job.master]
    master_idx, idx = idx, idx + 1
    if job.outro:
        inputs += ["-i", job.outro.path]
        outro_idx = idx
    parts.append(
        f"[{master_idx}:a:0]atrim=start={analysis.trim_start}:end={analysis.trim_end},asetpts=PTS-STARTPTS,"
        f"{fmt},aresample={SAMPLE_RATE},volume={gain_db:.2f}dB,"
        f"aresample={SAMPLE_RATE * OVERSAMPLE},alimiter=limit={limit:.4f}:attack=5:release=60:level=0:latency=1,"
        f"aresample={SAMPLE_RATE}[main]")
    current = "main"
    xfade = s.crossfade_ms / 1000
    if job.intro:
        parts.append(f"[{intro_idx}:a]{fmt},aresample={SAMPLE_RATE}[intro]")
        parts.append(_join("intro", current, "withintro", xfade))
        current = "withintro"
    if job.outro:
        parts.append(f"[{outro_idx}:a]{fmt},aresample={SAMPLE_RATE}[outro]")
        parts.append(_join(current, "outro", "withoutro", xfade))
        current = "withoutro"
    parts.append(f"[{current}]asplit=2[enc][measure]")
    parts.append("[measure]ebur128=framelog=quiet[measured]")
    parts.append("[measured]anullsink")
    return ";".join(parts), inputs


def _join(a: str, b: str, out: str, xfade: float) -> str:
    if xfade <= 0:
        return f"[{a}][{b}]concat=n=2:v=0:a=1[{out}]"
    return f"[{a}][{b}]acrossfade=d={xfade}:c1=tri:c2=tri[{out}]"


def render(job: Job, analysis: Analysis, out: Path) -> float:
    """Encode the published audio (no tags yet) into `out`; returns the mix's measured loudness."""
    target = job.settings.loudness(job.channels)
    gain = target - analysis.loudness
    for _attempt in range(2):
        graph, inputs = filter_graph(job, analysis, gain)
        proc = ffmpeg.run(["-y", "-nostats", *inputs, "-filter_complex", graph, "-map", "[enc]",
                           "-c:a", "libmp3lame", "-b:a", f"{job.settings.bitrate(job.channels)}k",
                           "-ar", str(SAMPLE_RATE), "-ac", str(job.channels), "-map_metadata", "-1",
                           "-id3v2_version", "0", "-write_xing", "1", "-fflags", "+bitexact",
                           "-flags:a", "+bitexact", "-f", "mp3", str(out)])
        measured, _ = parse_loudness(proc.stderr)
        if abs(measured - target) <= RERENDER_LU:
            break
        gain += target - measured  # the limiter took more than expected: aim again
    return measured


# --- 3. tag --------------------------------------------------------------------

def ffmetadata(tags: dict, chapters: list[tuple[float, float, str]]) -> str:
    def esc(value) -> str:
        return re.sub(r"([=;#\\\n])", r"\\\1", str(value))

    lines = [";FFMETADATA1"]
    lines += [f"{k}={esc(v)}" for k, v in tags.items() if v not in (None, "")]
    for start, end, title in chapters:
        lines += ["[CHAPTER]", "TIMEBASE=1/1000", f"START={int(start * 1000)}", f"END={int(end * 1000)}",
                  f"title={esc(title)}"]
    return "\n".join(lines) + "\n"


_DURATION = re.compile(r"Duration: (\d+):(\d{2}):(\d{2}(?:\.\d+)?)")


def tag(src: Path, out: Path, tags: dict, chapters: list[tuple[float, float, str]], cover: str | None,
        meta_file: Path) -> float:
    """Write ID3v2.3 tags (with CHAP/CTOC chapters and cover art) around an MP3 stream; returns its duration."""
    meta_file.write_text(ffmetadata(tags, chapters), encoding="utf-8")
    args = ["-y", "-i", str(src)]
    if cover:
        args += ["-i", cover]
    args += ["-i", str(meta_file), "-map", "0:a"]
    meta_idx = 2 if cover else 1
    if cover:
        args += ["-map", "1:v", "-disposition:v:0", "attached_pic", "-metadata:s:v", "title=Cover",
                 "-metadata:s:v", "comment=Cover (front)"]
    args += ["-map_metadata", str(meta_idx), "-map_chapters", str(meta_idx), "-c", "copy",
             "-id3v2_version", "3", "-write_xing", "1", "-fflags", "+bitexact", "-f", "mp3", str(out)]
    proc = ffmpeg.run(args)
    m = _DURATION.search(proc.stderr.decode("utf-8", "replace"))
    if not m:
        raise ffmpeg.AudioError("ffmpeg did not report the length of the encoded file")
    return int(m.group(1)) * 3600 + int(m.group(2)) * 60 + float(m.group(3))


# --- one job, in a worker process ------------------------------------------------

def published_chapters(job: Job, lead: float, trim_start: float, duration: float) -> list[tuple[float, float, str]]:
    starts = []
    for t, title in job.chapters:
        p = 0.0 if t <= 0 else min(max(0.0, lead + t - trim_start), duration)
        starts.append((round(p, 3), title))
    out = []
    for i, (start, title) in enumerate(starts):
        end = starts[i + 1][0] if i + 1 < len(starts) else duration
        out.append((start, max(start, end), title))
    return out


def process(job: Job) -> dict:
    """Master -> tagged MP3 in the cache. Returns the manifest, or {'error': ..., 'hint': ...}."""
    cache = Cache(Path(job.cache_root))
    t0 = time.perf_counter()
    try:
        audio = cache.entry(job.audio_key)
        if audio is None:
            xfade = job.settings.crossfade_ms / 1000
            # the jingles fade over the master's own silence where it has some, not over its first words
            analysis = analyse(job.master, job.master_duration, job.channels, job.settings,
                               pad_start=xfade if job.intro else 0.0, pad_end=xfade if job.outro else 0.0)
            shortest = min([analysis.trim_end - analysis.trim_start]
                           + [j.duration for j in (job.intro, job.outro) if j])
            if shortest < 2 * job.settings.crossfade_ms / 1000:
                raise ffmpeg.AudioError("the audio is too short for the crossfades with the jingles",
                                        "a master needs at least a second of sound")
            tmp = cache.tmp(job.audio_key, ".mp3")
            try:
                loudness = render(job, analysis, tmp)
            except BaseException:
                tmp.unlink(missing_ok=True)
                raise
            lead = (job.intro.duration - job.settings.crossfade_ms / 1000) if job.intro else 0.0
            audio = cache.commit(tmp, job.audio_key, ".mp3", {
                "loudness": round(loudness, 2), "master_duration": analysis.duration,
                "trim_start": analysis.trim_start, "trim_end": analysis.trim_end, "lead": round(lead, 3),
                "channels": job.channels, "bitrate": job.settings.bitrate(job.channels)})
        expected = (audio["lead"] + audio["trim_end"] - audio["trim_start"]
                    + ((job.outro.duration - job.settings.crossfade_ms / 1000) if job.outro else 0.0))
        chapters = published_chapters(job, audio["lead"], audio["trim_start"], expected)
        tmp = cache.tmp(job.tag_key, ".mp3")
        meta = cache.tmp(job.tag_key, ".ffmeta")
        try:
            duration = tag(Path(audio["path"]), tmp, job.tags, chapters, job.cover, meta)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        finally:
            meta.unlink(missing_ok=True)
        manifest = {k: v for k, v in audio.items() if k not in ("path", "bytes")}
        done = cache.commit(tmp, job.tag_key, ".mp3", {**manifest, "duration": round(duration, 3),
                                                       "audio_key": job.audio_key})
        return {**done, "seconds": round(time.perf_counter() - t0, 2)}
    except ffmpeg.AudioError as exc:
        return {"error": exc.message, "hint": exc.hint}

"""One episode, master -> published MP3, in three ffmpeg runs that stream the audio.

1. analyse: decode the master once; silencedetect + ebur128 over it -> where
   sound starts and ends, its integrated loudness (ITU-R BS.1770) and its
   sample peak. A compressed master (FLAC, MP3, M4A, OGG) is written out as raw
   PCM on the way, so the render does not decode it a second time.
2. render:  trim, gain to the target loudness, crossfades with the prepared
   jingles, constant-bitrate MP3 at 44.1 kHz. A lookahead limiter over the
   whole programme holds the sample peaks 1 dB below the true-peak ceiling
   (-1 dBTP): that dB is the room for peaks between samples.
   (An oversampled limiter would catch those exactly, but costs a sixth of
   the encoder's time again; the tests measure the true peak, 4x oversampled.)
3. tag:     ID3v2.3 (title, show, artist, date, episode number, cover art,
   chapters as CHAP/CTOC) by copying the MP3 stream: no re-encoding when only
   the texts change.

The MP3 encoder is what a bare transcode spends its time on; ffmpeg (7 and
later) runs decoding, filters and encoding in separate threads, so cheap
filters cost little. `coopsite bench audio` measures the whole against a bare
transcode of the same file.

pydub keeps whole files in memory (a 30-minute stereo master is 318 MB of PCM,
and AudioSegment.from_file holds several copies while decoding), so masters go
through ffmpeg filters instead; pydub prepares the short jingles (jingle.py).
"""

from __future__ import annotations

import re
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from coopsite.types.podcast.model import AudioSettings
from coopsite.types.podcast.audio import ffmpeg
from coopsite.types.podcast.audio.cache import Cache, digest
from coopsite.types.podcast.audio.jingle import Jingle, SAMPLE_RATE, parse_loudness

ENGINE_VERSION = 6
HEADROOM_DB = 1.0  # sample peaks stay this far below the true-peak ceiling: room for inter-sample peaks
DEEP_LIMITING_DB = 2.0  # limiting deeper than this lowers the loudness noticeably: measure the result
LOUDNESS_TOLERANCE_LU = 0.5
SILENCE_MIN_S = 0.5


@dataclass(frozen=True, kw_only=True)
class Analysis:
    duration: float
    trim_start: float
    trim_end: float
    loudness: float  # LUFS of the master
    peak: float  # sample peak of the master, dBFS


@dataclass(frozen=True, kw_only=True)
class Job:
    """Everything one worker process needs: plain, picklable values."""

    episode: str
    slug: str
    master: str
    master_duration: float
    master_channels: int
    master_rate: int
    master_codec: str
    master_format: str  # sample format as ffmpeg names it: s16, s32 (24 bit), fltp...
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


def pcm_format(job: "Job") -> tuple[str, str] | None:
    """(muxer, codec) of the raw intermediate for a compressed master; None when it is PCM already."""
    if job.master_codec.startswith("pcm_"):
        return None
    wide = job.master_format.startswith(("s32", "s24")) or "24 bit" in job.master_format
    return ("s32le", "pcm_s32le") if wide else ("s16le", "pcm_s16le")


def analyse(job: "Job", *, pad_start: float = 0.0, pad_end: float = 0.0, pcm: Path | None = None) -> Analysis:
    """Where the sound is, and how loud. pad_*: silence to keep at least, for a crossfade to fade over.
    pcm: where to write the decoded master for the render (see pcm_format)."""
    settings, duration = job.settings, job.master_duration
    down = "aformat=channel_layouts=stereo," if job.master_channels > 2 else ""
    args = ["-nostats", "-y", "-i", job.master, "-map", "0:a:0", "-af",
            f"{down}silencedetect=n={settings.silence_db}dB:d={SILENCE_MIN_S},ebur128=framelog=quiet:peak=sample"]
    raw = pcm_format(job) if pcm else None
    args += ["-c:a", raw[1], "-f", raw[0], str(pcm)] if raw else ["-f", "null", "-"]
    proc = ffmpeg.run(args)
    err = proc.stderr.decode("utf-8", "replace")
    loudness, peak = parse_loudness(proc.stderr)
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
    return Analysis(duration=duration, trim_start=round(trim_start, 3), trim_end=round(trim_end, 3), loudness=loudness, peak=peak)


# --- 2. render -----------------------------------------------------------------

def limiting_depth(analysis: Analysis, gain_db: float, settings: AudioSettings) -> float:
    """How many dB the master's highest peak will be pulled down by the limiter (0: untouched)."""
    return max(0.0, analysis.peak + gain_db - (settings.true_peak - HEADROOM_DB))


def master_input(job: Job, pcm: Path | None) -> list[str]:
    raw = pcm_format(job) if pcm else None
    if raw:
        channels = min(job.master_channels, 2)
        return ["-f", raw[0], "-ar", str(job.master_rate), "-ch_layout", "mono" if channels == 1 else "stereo",
                "-i", str(pcm)]
    return ["-i", job.master]


def filter_graph(job: Job, analysis: Analysis, gain_db: float, pcm: Path | None = None) -> tuple[str, list[str]]:
    """The filtergraph and the input arguments, inputs in order: intro, master, outro."""
    s = job.settings
    layout = "mono" if job.channels == 1 else "stereo"
    fmt = f"aformat=sample_fmts=fltp:channel_layouts={layout}"
    limit = 10 ** ((s.true_peak - HEADROOM_DB) / 20)
    inputs, parts = [], []
    idx = 0
    if job.intro:
        inputs += ["-i", job.intro.path]
        intro_idx, idx = idx, idx + 1
    inputs += master_input(job, pcm)
    master_idx, idx = idx, idx + 1
    if job.outro:
        inputs += ["-i", job.outro.path]
        outro_idx = idx
    parts.append(
        f"[{master_idx}:a:0]atrim=start={analysis.trim_start}:end={analysis.trim_end},asetpts=PTS-STARTPTS,"
        f"{fmt},aresample={SAMPLE_RATE},volume={gain_db:.2f}dB[main]")
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
    # One limiter over the whole programme: it also holds the peaks where a jingle overlaps the master.
    # Where nothing reaches the limit it passes the audio through unchanged.
    parts.append(f"[{current}]alimiter=limit={limit:.4f}:attack=5:release=60:level=0:latency=1[enc]")
    return ";".join(parts), inputs


def _join(a: str, b: str, out: str, xfade: float) -> str:
    """The first part fades out over the start of the second, which comes in at full level: a jingle's
    first notes (or the first words) are not faded away, and what fades is the jingle's tail or the
    master's kept silence."""
    if xfade <= 0:
        return f"[{a}][{b}]concat=n=2:v=0:a=1[{out}]"
    return f"[{a}][{b}]acrossfade=d={xfade}:c1=tri:c2=nofade[{out}]"


def render(job: Job, analysis: Analysis, out: Path, pcm: Path | None = None) -> dict:
    """Encode the published audio (no tags yet) into `out`; returns what was done, for the manifest.

    Deep limiting (a master whose peaks stand far above its loudness) lowers the loudness: then the
    result is measured, and rendered once more with the gain corrected if it missed by more than 0.5 LU.
    """
    target = job.settings.loudness(job.channels)
    gain = target - analysis.loudness
    measured = None
    for _attempt in range(2):
        graph, inputs = filter_graph(job, analysis, gain, pcm)
        ffmpeg.run(["-y", "-nostats", *inputs, "-filter_complex", graph, "-map", "[enc]",
                    "-c:a", "libmp3lame", "-b:a", f"{job.settings.bitrate(job.channels)}k",
                    "-ar", str(SAMPLE_RATE), "-ac", str(job.channels), "-map_metadata", "-1",
                    "-id3v2_version", "0", "-write_xing", "1", "-fflags", "+bitexact",
                    "-flags:a", "+bitexact", "-f", "mp3", str(out)])
        if limiting_depth(analysis, gain, job.settings) <= DEEP_LIMITING_DB:
            break
        proc = ffmpeg.run(["-nostats", "-i", str(out), "-af", "ebur128=framelog=quiet", "-f", "null", "-"])
        measured, _ = parse_loudness(proc.stderr)
        if abs(measured - target) <= LOUDNESS_TOLERANCE_LU:
            break
        gain += target - measured
    return {"loudness": round(measured, 1) if measured is not None else target,
            "master_loudness": analysis.loudness, "gain_db": round(gain, 2),
            "limiting_db": round(limiting_depth(analysis, gain, job.settings), 1)}


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
            pcm = cache.tmp(job.audio_key, ".pcm") if pcm_format(job) else None
            tmp = cache.tmp(job.audio_key, ".mp3")
            try:
                # the jingles fade over the master's own silence where it has some, not over its first words
                analysis = analyse(job, pad_start=xfade if job.intro else 0.0, pad_end=xfade if job.outro else 0.0,
                                   pcm=pcm)
                shortest = min([analysis.trim_end - analysis.trim_start]
                               + [j.duration for j in (job.intro, job.outro) if j])
                if shortest < 2 * xfade:
                    raise ffmpeg.AudioError("the audio is too short for the crossfades with the jingles",
                                            "a master needs at least a second of sound")
                done = render(job, analysis, tmp, pcm)
            except BaseException:
                tmp.unlink(missing_ok=True)
                raise
            finally:
                if pcm:
                    pcm.unlink(missing_ok=True)
            lead = (job.intro.duration - job.settings.crossfade_ms / 1000) if job.intro else 0.0
            audio = cache.commit(tmp, job.audio_key, ".mp3", {
                **done, "master_duration": analysis.duration,
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

"""The show's intro and outro jingles, prepared once with pydub and cached as WAV.

Jingles are short, so pydub's in-memory model fits them: trim their silence,
soften the edges, bring them to the episode's loudness, and hand ffmpeg a WAV
at the published sample rate and channel count, ready to crossfade.

pydub 0.25.1 calls ffprobe (utils.mediainfo_json) in AudioSegment.from_file for
every format except WAV and raw PCM unless a codec is forced, and there is no
ffprobe in the imageio-ffmpeg wheel. So ffmpeg decodes the jingle into a WAV
file first and pydub opens that with format="wav", which it parses itself;
export(format="wav") is pure Python too.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass

from coopsite.types.podcast.model import AudioSettings
from coopsite.types.podcast.audio import ffmpeg
from coopsite.types.podcast.audio.cache import Cache, digest

SAMPLE_RATE = 44100
EDGE_FADE_MS = 15
JINGLE_VERSION = 1


@dataclass(frozen=True, kw_only=True)
class Jingle:
    path: str  # WAV in the cache
    duration: float
    sha: str  # of the prepared WAV's recipe (part of episode cache keys)


def audio_segment_class():
    """pydub's AudioSegment, told where ffmpeg is (it warns at import when none is on PATH)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # "Couldn't find ffmpeg or avconv" (on PATH)
        warnings.simplefilter("ignore", DeprecationWarning)  # its use of audioop (Python 3.11, 3.12)
        from pydub import AudioSegment
    AudioSegment.converter = ffmpeg.exe()
    return AudioSegment


def key(source_sha: str, channels: int, settings: AudioSettings) -> str:
    return digest({"jingle": JINGLE_VERSION, "source": source_sha, "channels": channels,
                   "loudness": settings.loudness(channels), "true_peak": settings.true_peak,
                   "silence_db": settings.silence_db})


def cached(cache: Cache, source: str, channels: int, settings: AudioSettings) -> Jingle | None:
    k = key(cache.file_hash(source), channels, settings)
    meta = cache.entry(k, ".wav")
    return Jingle(path=meta["path"], duration=meta["duration"], sha=k) if meta else None


def prepare(cache: Cache, source: str, channels: int, settings: AudioSettings) -> Jingle:
    found = cached(cache, source, channels, settings)
    if found:
        return found
    k = key(cache.file_hash(source), channels, settings)
    AudioSegment = audio_segment_class()
    from pydub.silence import detect_leading_silence

    decoded = cache.tmp(k, ".decoded.wav")
    try:
        ffmpeg.run(["-y", "-i", source, "-vn", "-map", "0:a:0", "-ac", str(channels), "-ar", str(SAMPLE_RATE),
                    "-c:a", "pcm_s16le", "-f", "wav", str(decoded)])
        seg = AudioSegment.from_file(str(decoded), format="wav")
    finally:
        decoded.unlink(missing_ok=True)
    lead = detect_leading_silence(seg, silence_threshold=settings.silence_db, chunk_size=5)
    tail = detect_leading_silence(seg.reverse(), silence_threshold=settings.silence_db, chunk_size=5)
    seg = seg[lead:len(seg) - tail]
    if len(seg) < 200:
        raise ffmpeg.AudioError("the jingle is silent or shorter than 0.2 s", "use a jingle of a few seconds")
    seg = seg.fade_in(EDGE_FADE_MS).fade_out(EDGE_FADE_MS)
    loudness, peak = measure(cache, seg, k)
    gain = settings.loudness(channels) - loudness
    if peak + gain > settings.true_peak:
        gain = settings.true_peak - peak  # a short jingle stays a little quiet rather than distort
    seg = seg.apply_gain(gain)
    tmp = cache.tmp(k, ".wav")
    seg.export(str(tmp), format="wav")
    meta = cache.commit(tmp, k, ".wav", {"duration": len(seg) / 1000, "gain": round(gain, 2)})
    return Jingle(path=meta["path"], duration=meta["duration"], sha=k)


_I = re.compile(r"I:\s+(-?[\d.]+|-inf) LUFS")
_PEAK = re.compile(r"(?:True|Sample) peak:\s+Peak:\s+(-?[\d.]+|-inf) dBFS")


def measure(cache: Cache, seg, k: str) -> tuple[float, float]:
    """Integrated loudness (LUFS) and true peak (dBTP) per ITU-R BS.1770, by ffmpeg's ebur128."""
    tmp = cache.tmp(k, ".measure.wav")
    try:
        seg.export(str(tmp), format="wav")
        proc = ffmpeg.run(["-nostats", "-i", str(tmp), "-af", "ebur128=peak=true:framelog=quiet", "-f", "null", "-"])
    finally:
        tmp.unlink(missing_ok=True)
    return parse_loudness(proc.stderr)


def parse_loudness(stderr: bytes) -> tuple[float, float]:
    text = stderr.decode("utf-8", "replace")
    summary = text[text.rfind("Summary:"):]
    i = _I.search(summary)
    peak = _PEAK.search(summary)
    if not i or i.group(1) == "-inf":
        raise ffmpeg.AudioError("the audio is silent", "check that the file contains sound")
    if peak is None:
        return float(i.group(1)), 0.0  # unknown: assume full scale, so a limiter is never skipped by mistake
    return float(i.group(1)), -120.0 if peak.group(1) == "-inf" else float(peak.group(1))

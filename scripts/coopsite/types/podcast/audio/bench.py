"""`coopsite bench audio`: the audio stage against a bare ffmpeg MP3 transcode of the same master.

A speech-like stereo master (pink noise in syllables and pauses, with silence
at both ends, quieter than the target so gain and limiter work) is generated
once as FLAC. Then, alternately, a few runs of:

- pipeline: one episode as a build processes it on an empty cache (hash,
  probe, analyse, render with intro/outro crossfades and loudness, tag);
  the jingles are prepared beforehand, as they are once per show;
- bare:     ffmpeg -i master.flac -c:a libmp3lame -b:a 128k -ar 44100 out.mp3.

Each run is a fresh Python process so that its peak memory is its own: the
pipeline's peak is its Python process plus its largest ffmpeg child (both
alive together, so the sum is an upper bound). Prints medians and the ratios
against the targets: at most 1.5x the bare transcode's time, and a peak memory
at most 3x the size of the master's raw PCM. Not a test: machines are noisy.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from coopsite.types.podcast.model import AudioSettings
from coopsite.types.podcast.audio import engine
from coopsite.types.podcast.audio import ffmpeg
from coopsite.types.podcast.audio import jingle
from coopsite.core.machine import machine as _machine
from coopsite.types.podcast.audio.cache import Cache


def machine() -> str:
    """The shared machine line, plus the ffmpeg that did the work."""
    version = ffmpeg.run(["-version"]).stdout.decode().split("\n", 1)[0]
    return f"{_machine()}; {version}"


TIME_TARGET, MEMORY_TARGET = 1.5, 3.0

# Runs in a fresh interpreter: argv = kind, master, workdir. Prints one JSON line.
_HARNESS = r"""
import json, resource, sys, time
kind, master, work = sys.argv[1:4]
from pathlib import Path
from coopsite.types.podcast.audio import ffmpeg
from coopsite.types.podcast.audio.bench import pipeline_once
ffmpeg.exe()
t0 = time.perf_counter()
if kind == "bare":
    ffmpeg.run(["-y", "-i", master, "-c:a", "libmp3lame", "-b:a", "128k", "-ar", "44100", str(Path(work) / "bare.mp3")])
else:
    pipeline_once(master, work)
seconds = time.perf_counter() - t0
kib = 1  # ru_maxrss is in KiB on Linux
print(json.dumps({"seconds": seconds,
                  "self_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * kib / 1024,
                  "child_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * kib / 1024}))
"""


def pipeline_once(master: str, work: str) -> dict:
    """One episode through the audio stage, exactly as process_media does it, on an empty cache."""
    import shutil

    root = Path(work) / "run"
    shutil.rmtree(root / ".cache" / "audio", ignore_errors=True)
    prepared = Path(work) / "jingles"
    cache = Cache(root)
    settings = AudioSettings()
    sha = cache.file_hash(master)
    info = ffmpeg.probe(Path(master))
    channels = 1 if info.channels == 1 else 2
    jingles = json.loads((prepared / "jingles.json").read_text())
    intro = jingle.Jingle(**jingles["intro"])
    outro = jingle.Jingle(**jingles["outro"])
    akey = engine.audio_key(sha, channels, settings, intro.sha, outro.sha)
    tags = {"title": "Benchmark", "artist": "coopsite", "album": "bench", "date": "2021-06-01", "track": "1"}
    chapters = ((0.0, "Start"), (info.duration / 2, "Middle"))
    tkey = engine.tag_key(akey, tags, chapters, None)
    job = engine.Job(episode="bench", slug="bench", master=master, master_duration=info.duration, master_channels=info.channels, master_rate=info.sample_rate, master_codec=info.codec,
                     master_format=info.sample_format, channels=channels, settings=settings, intro=intro, outro=outro, audio_key=akey, tag_key=tkey, tags=tags, chapters=chapters, cover=None, cache_root=str(root))
    result = engine.process(job)
    if "error" in result:
        raise SystemExit(f"pipeline failed: {result['error']}")
    return result


def make_master(path: Path, minutes: float) -> None:
    seconds = minutes * 60
    speech = (f"anoisesrc=color=pink:amplitude=0.5:sample_rate=44100:duration={seconds},"
              "volume='if(lt(mod(t,7),5.5),0.08+0.25*abs(sin(2*PI*2.3*t)),0)':eval=frame,"
              "pan=stereo|c0=c0|c1=0.9*c0,adelay=2s:all=1,apad=pad_dur=3")
    ffmpeg.run(["-y", "-f", "lavfi", "-i", speech, "-c:a", "flac", "-sample_fmt", "s16", str(path)])


def make_jingles(work: Path) -> None:
    out = {}
    cache = Cache(work / "jingles-cache")
    for name, freq in (("intro", 523.25), ("outro", 392.0)):
        src = work / f"{name}.flac"
        ffmpeg.run(["-y", "-f", "lavfi", "-i", f"sine=frequency={freq}:duration=3:sample_rate=44100",
                    "-af", "afade=t=out:st=2.5:d=0.5", "-c:a", "flac", str(src)])
        j = jingle.prepare(cache, str(src), 2, AudioSettings())
        out[name] = {"path": j.path, "duration": j.duration, "sha": j.sha}
    (work / "jingles").mkdir(exist_ok=True)
    (work / "jingles" / "jingles.json").write_text(json.dumps(out))


def measure(kind: str, master: Path, work: Path) -> dict:
    env = dict(os.environ)
    proc = subprocess.run([sys.executable, "-c", _HARNESS, kind, str(master), str(work)], capture_output=True,
                          text=True, env=env)
    if proc.returncode:
        raise SystemExit(f"{kind} run failed:\n{proc.stderr[-2000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def bench_audio(args, progress=None) -> int:
    """`coopsite bench audio [--minutes 30] [--repeat 3] [--keep]`."""
    return run_bench(minutes=getattr(args, "minutes", 30), runs=getattr(args, "repeat", 3),
                     keep=getattr(args, "keep", False))


def run_bench(minutes: float = 30, runs: int = 3, keep: bool = False) -> int:
    work = Path(tempfile.mkdtemp(prefix="coopsite-bench-"))
    try:
        master = work / "master.flac"
        print(f"generating a {minutes:g}-minute stereo master (44.1 kHz, 16 bit, FLAC) ...", file=sys.stderr)
        make_master(master, minutes)
        make_jingles(work)
        info = ffmpeg.probe(master)
        raw_mb = info.duration * info.sample_rate * info.channels * 2 / 1048576
        results = {"pipeline": [], "bare": []}
        for i in range(runs):
            for kind in ("bare", "pipeline"):
                r = measure(kind, master, work)
                results[kind].append(r)
                print(f"run {i + 1}/{runs} {kind:8} {r['seconds']:7.2f} s   python {r['self_mb']:6.0f} MB   "
                      f"largest ffmpeg {r['child_mb']:6.0f} MB", file=sys.stderr)
        med = {k: statistics.median(x["seconds"] for x in v) for k, v in results.items()}
        peak = {"pipeline": statistics.median(x["self_mb"] + x["child_mb"] for x in results["pipeline"]),
                "bare": statistics.median(x["child_mb"] for x in results["bare"])}
        time_ratio = med["pipeline"] / med["bare"]
        mem_ratio = peak["pipeline"] / raw_mb
        print(f"machine: {machine()}")
        print(f"master: {info.duration / 60:.1f} min, {info.channels} channels, {info.sample_rate} Hz, "
              f"raw PCM {raw_mb:.0f} MB, FLAC {master.stat().st_size / 1048576:.0f} MB; median of {runs} runs")
        print(f"bare transcode (ffmpeg -> MP3 128k): {med['bare']:6.2f} s, peak {peak['bare']:5.0f} MB")
        print(f"pipeline (analyse, render, tag):     {med['pipeline']:6.2f} s, peak {peak['pipeline']:5.0f} MB "
              f"(python + largest ffmpeg)")
        ok_t, ok_m = time_ratio <= TIME_TARGET, mem_ratio <= MEMORY_TARGET
        print(f"time:   {time_ratio:.2f}x the bare transcode (target <= {TIME_TARGET}x) "
              f"{'ok' if ok_t else 'OVER TARGET'}")
        print(f"memory: {mem_ratio:.2f}x the raw PCM size (target <= {MEMORY_TARGET}x) {'ok' if ok_m else 'OVER TARGET'}")
        return 0
    finally:
        if keep:
            print(f"kept {work}", file=sys.stderr)
        else:
            import shutil

            shutil.rmtree(work, ignore_errors=True)

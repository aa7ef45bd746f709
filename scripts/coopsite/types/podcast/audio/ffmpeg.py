"""Running ffmpeg: which binary, how it is called, and reading what it reports.

The binary comes from the pinned imageio-ffmpeg wheel, so a fresh machine needs
no system package and every machine makes the same files. COOPSITE_FFMPEG=system
prefers an ffmpeg found on PATH; COOPSITE_FFMPEG=/path/to/ffmpeg names one.
There is no ffprobe in the wheel: probe() reads the header ffmpeg prints for
its input instead, and nothing here calls ffprobe.

The binary is looked up lazily: imageio-ffmpeg validates it by running
`ffmpeg -version`, and a rebuild with everything cached must start no process.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

FFMPEG_ENV = "COOPSITE_FFMPEG"


class AudioError(Exception):
    """Bad audio input: becomes a positioned problem, never a traceback."""

    def __init__(self, message: str, hint: str = ""):
        super().__init__(message)
        self.message, self.hint = message, hint


@lru_cache(maxsize=None)
def exe() -> str:
    choice = os.environ.get(FFMPEG_ENV, "").strip()
    if choice == "system":
        found = shutil.which("ffmpeg")
        if found:
            return found
    elif choice:
        return choice
    try:
        import imageio_ffmpeg
        return imageio_ffmpeg.get_ffmpeg_exe()
    except (ImportError, RuntimeError) as exc:
        found = shutil.which("ffmpeg")
        if found:
            return found
        raise AudioError(f"no ffmpeg found ({exc})", "run 'make build' to install the pinned imageio-ffmpeg, "
                         f"or set {FFMPEG_ENV} to an ffmpeg binary") from exc


def run(args: list[str], *, check: bool = True) -> subprocess.CompletedProcess:
    cmd = [exe(), "-nostdin", "-hide_banner", *args]
    proc = subprocess.run(cmd, capture_output=True)
    if check and proc.returncode != 0:
        raise AudioError("ffmpeg failed: " + last_lines(proc.stderr))
    return proc


def last_lines(stderr: bytes, n: int = 3) -> str:
    lines = [ln.strip() for ln in stderr.decode("utf-8", "replace").splitlines() if ln.strip()]
    useful = [ln for ln in lines if not ln.startswith(("Exiting", "Conversion failed"))]
    return " / ".join(useful[-n:]) or "no message"


@dataclass(frozen=True, kw_only=True)
class Probe:
    duration: float
    channels: int
    sample_rate: int
    codec: str
    sample_format: str = "s16"


_STREAM = re.compile(r"Stream #\d+:\d+\S*: Audio: ([\w-]+)[^,\n]*, (\d+) Hz, ([^,\n]+)(?:, ([^,\n]+))?")
_DURATION = re.compile(r"Duration: (\d+):(\d{2}):(\d{2}(?:\.\d+)?)")
_LAYOUTS = {"mono": 1, "stereo": 2, "2.1": 3, "3.0": 3, "quad": 4, "4.0": 4, "5.0": 5, "5.1": 6, "6.1": 7,
            "7.1": 8}


def probe(path: Path) -> Probe:
    """What is in an audio file, from the header ffmpeg prints (ffmpeg -i FILE, no output)."""
    proc = run(["-i", str(path)], check=False)
    err = proc.stderr.decode("utf-8", "replace")
    stream = _STREAM.search(err)
    if stream is None:
        if "Invalid data" in err or "could not find codec" in err.lower() or "Error opening input" in err:
            raise AudioError("not a readable audio file (damaged, or not the format its name says)",
                             "open it in an audio editor and export it again as WAV, FLAC, MP3, M4A or OGG")
        raise AudioError("the file has no audio stream", "export the audio track as WAV, FLAC, MP3, M4A or OGG")
    codec, rate, layout = stream.group(1), int(stream.group(2)), stream.group(3).strip()
    sample_format = (stream.group(4) or "s16").strip()
    channels = _LAYOUTS.get(layout.split("(")[0])
    if channels is None:
        m = re.match(r"(\d+) channels", layout)
        channels = int(m.group(1)) if m else 2
    dur = _DURATION.search(err)
    if dur is None:
        raise AudioError("the length of the audio cannot be read (damaged file?)",
                         "export the master again as WAV, FLAC, MP3, M4A or OGG")
    seconds = int(dur.group(1)) * 3600 + int(dur.group(2)) * 60 + float(dur.group(3))
    return Probe(duration=seconds, channels=channels, sample_rate=rate, codec=codec, sample_format=sample_format)

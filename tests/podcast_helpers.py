"""Short test audio and episode folders for the podcast tests (a few seconds each, so the suite stays fast)."""

from __future__ import annotations

import struct
import subprocess
from pathlib import Path

import numpy as np

from coopsite.types.podcast.audio.ffmpeg import exe


def ffmpeg(*args: str) -> bytes:
    proc = subprocess.run([exe(), "-nostdin", "-hide_banner", "-loglevel", "error", *args], capture_output=True)
    assert proc.returncode == 0, proc.stderr.decode(errors="replace")
    return proc.stdout


def tone(path: Path, seconds: float = 3.0, *, channels: int = 2, lead: float = 0.8, tail: float = 1.0,
         freq: float = 330.0, gain_db: float = -24.0, rate: int = 44100) -> Path:
    """A master: `lead` s of silence, a warbling tone, `tail` s of silence (format from the suffix)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    src = f"sine=frequency={freq}:sample_rate={rate}:duration={seconds}"
    ffmpeg("-y", "-f", "lavfi", "-i", src, "-af",
           f"vibrato=f=5:d=0.3,volume={gain_db}dB,adelay={int(lead * 1000)}:all=1,apad=pad_dur={tail}",
           "-ac", str(channels), str(path))
    return path


EPISODE = """\
id: {id}
title:
  nl: Titel {id}
  fr: Titre {id}
  en: Title {id}
description:
  nl: Beschrijving van {id}.
  fr: Description de {id}.
  en: Description of {id}.
language: {lang}
date: {date}
number: {number}
audio: {audio}
{extra}"""


def write_episode(root: Path, slug: str, *, number: int, lang: str = "nl", date: str = "2026-10-01",
                  audio: str = "master.wav", extra: str = "", seconds: float = 3.0, channels: int = 2,
                  make_audio: bool = True, **tone_args) -> Path:
    folder = root / "podcasts" / slug
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "episode.yml").write_text(EPISODE.format(id=slug, lang=lang, date=date, number=number, audio=audio,
                                                       extra=extra), encoding="utf-8")
    if make_audio:
        tone(folder / audio, seconds, channels=channels, **tone_args)
    return folder


def decode(path: Path) -> tuple[np.ndarray, int]:
    """Samples (frames x channels, float) and sample rate of any audio file, decoded by ffmpeg."""
    head = subprocess.run([exe(), "-hide_banner", "-i", str(path)], capture_output=True).stderr.decode()
    channels = 1 if ", mono," in head else 2
    raw = ffmpeg("-i", str(path), "-f", "f32le", "-ac", str(channels), "-ar", "44100", "-")
    return np.frombuffer(raw, dtype="<f4").reshape(-1, channels).astype(np.float64), 44100


def loudness(path: Path) -> tuple[float, float, int]:
    """Integrated loudness (LUFS, pyloudnorm: ITU-R BS.1770-4), sample peak (dBFS) and channel count."""
    import pyloudnorm

    data, rate = decode(path)
    lufs = pyloudnorm.Meter(rate).integrated_loudness(data)
    peak = 20 * np.log10(np.max(np.abs(data)))
    return lufs, peak, data.shape[1]


def true_peak(path: Path) -> float:
    """True peak (dBTP) as ITU-R BS.1770 measures it: the largest sample after 4x oversampling."""
    from scipy.signal import resample_poly

    data, _ = decode(path)
    return float(20 * np.log10(np.max(np.abs(resample_poly(data, 4, 1, axis=0)))))


def id3_frames(path: Path) -> list[tuple[str, bytes]]:
    """The frames of an ID3v2.3/2.4 tag at the start of an MP3: [(frame id, body)]."""
    data = path.read_bytes()
    assert data[:3] == b"ID3", "no ID3v2 tag"
    version = data[3]
    size = data[6] << 21 | data[7] << 14 | data[8] << 7 | data[9]
    frames, p = [], 10
    while p < 10 + size and data[p:p + 4] != b"\0\0\0\0":
        fid = data[p:p + 4].decode("latin-1")
        raw = data[p + 4:p + 8]
        n = (raw[0] << 21 | raw[1] << 14 | raw[2] << 7 | raw[3]) if version == 4 else struct.unpack(">I", raw)[0]
        frames.append((fid, data[p + 10:p + 10 + n]))
        p += 10 + n
    return frames


_BITRATES = [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320]  # MPEG-1 Layer III, kb/s
_RATES = [44100, 48000, 32000]


def mpeg_frames(path: Path) -> tuple[set[int], set[int], int, bytes]:
    """Walk the MPEG-1 Layer III frames after the ID3 tag: (bitrates, sample rates, frame count, first frame)."""
    data = path.read_bytes()
    p = 0
    if data[:3] == b"ID3":
        p = 10 + (data[6] << 21 | data[7] << 14 | data[8] << 7 | data[9])
    bitrates, rates, count, first = set(), set(), 0, b""
    while p + 4 <= len(data):
        h = data[p:p + 4]
        if h[0] != 0xFF or (h[1] & 0xFE) != 0xFA:  # sync, MPEG-1, Layer III
            break
        bitrate, rate = _BITRATES[h[2] >> 4], _RATES[(h[2] >> 2) & 3]
        length = 144 * bitrate * 1000 // rate + ((h[2] >> 1) & 1)
        if not first:
            first = data[p:p + length]
        else:
            bitrates.add(bitrate)  # the first frame is the Xing/Info header
        rates.add(rate)
        count += 1
        p += length
    return bitrates, rates, count, first

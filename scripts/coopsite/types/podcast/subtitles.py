"""Transcripts: reading WebVTT and SRT with positions, writing WebVTT.

Cue times in a source file are on the master's timeline (what the author hears
in their editor); the published file is shifted by the intro and the trimmed
silence, so the pipeline writes a new WebVTT with published times.
"""

from __future__ import annotations

import re
from typing import Callable, Iterable

from coopsite.types.podcast.model import Cue
from coopsite.core.problems import Problems
from coopsite.core.source import Pos

# 00:01:02.500 or 01:02.500 (WebVTT), 00:01:02,500 (SRT)
_TIME = r"(?:(\d+):)?(\d{1,2}):(\d{2})[.,](\d{3})"
_TIMING = re.compile(rf"^\s*{_TIME}\s+-->\s+{_TIME}(?:\s+.*)?$")
_TAGS = re.compile(r"</?[a-zA-Z][^>]*>")


def _seconds(h, m, s, ms) -> float:
    return int(h or 0) * 3600 + int(m) * 60 + int(s) + int(ms) / 1000


def parse(text: str, relpath: str, problems: Problems, fmt: str) -> tuple[Cue, ...]:
    """Cues of a WebVTT ('vtt') or SRT ('srt') text; every malformed line is a positioned problem."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    start = 0
    if fmt == "vtt":
        if not lines or not lines[0].lstrip("\ufeff").startswith("WEBVTT"):
            problems.error(relpath, 1, 1, "a WebVTT file must start with the line 'WEBVTT'",
                           "add 'WEBVTT' and an empty line at the top of the file")
            return ()
        start = 1
    cues: list[Cue] = []
    i = start
    previous_end = 0.0
    while i < len(lines):
        line = lines[i]
        if not line.strip():
            i += 1
            continue
        block_start = i
        block = []
        while i < len(lines) and lines[i].strip():
            block.append(lines[i])
            i += 1
        if fmt == "vtt" and block[0].startswith(("NOTE", "STYLE", "REGION")):
            continue
        timing_at = next((k for k, b in enumerate(block) if "-->" in b), None)
        if timing_at is None:
            if fmt == "srt" or len(block) > 1 or not block[0].strip().isdigit():
                problems.error(relpath, block_start + 1, 1, "text without a timing line 'start --> end'",
                               "each cue starts with a line like '00:00:01.000 --> 00:00:04.000'")
            continue
        line_no = block_start + timing_at + 1
        m = _TIMING.match(block[timing_at])
        if not m:
            problems.error(relpath, line_no, 1, f"malformed cue timing '{block[timing_at].strip()}'",
                           "write it as HH:MM:SS.mmm --> HH:MM:SS.mmm (SRT: a comma before the milliseconds)")
            continue
        begin, end = _seconds(*m.groups()[:4]), _seconds(*m.groups()[4:])
        if end <= begin:
            problems.error(relpath, line_no, 1, "cue ends before it starts",
                           "the time after '-->' must be later than the one before")
            continue
        if begin < previous_end - 0.001:
            problems.warning(relpath, line_no, 1, "cue starts before the previous one ends",
                             "cues should follow each other in time")
        previous_end = end
        body = "\n".join(block[timing_at + 1:]).strip()
        cues.append(Cue(start=begin, end=end, text=_TAGS.sub("", body), pos=Pos(relpath, line_no, 1)))
    if not cues:
        problems.error(relpath, 1, 1, "transcript has no cues", "add cues, or delete the file")
    return tuple(cues)


def timestamp(seconds: float) -> str:
    ms = int(round(seconds * 1000))
    h, rest = divmod(ms, 3_600_000)
    m, rest = divmod(rest, 60_000)
    s, ms = divmod(rest, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}.{ms:03d}"


def to_vtt(cues: Iterable[Cue], shift: Callable[[float], float] = lambda t: t, note: str = "") -> bytes:
    out = ["WEBVTT", ""]
    if note:
        out += [f"NOTE {note}", ""]
    for n, cue in enumerate(cues, 1):
        begin, end = shift(cue.start), shift(cue.end)
        if end <= begin:
            continue  # a cue that fell entirely into trimmed silence
        out += [str(n), f"{timestamp(begin)} --> {timestamp(end)}", cue.text.replace("-->", "->"), ""]
    return "\n".join(out).encode("utf-8")

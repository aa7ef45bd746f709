"""The audio cache in .cache/audio/ (gitignored): results keyed by a hash of everything they depend on.

A processed MP3 is stored as <key>.mp3 with <key>.json beside it (duration,
byte length, ...). Keys hash the master's content, the jingles' content, the
settings and the tags, so a rebuild with nothing changed only reads JSON files
and starts no ffmpeg. Hashing a 300 MB master takes about half a second; the
hash is remembered per (path, size, mtime) in hashes.json.

To reclaim space, delete the folder: the next build fills it again.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from coopsite.core.output import atomic_write

CACHE_DIR = ".cache/audio"


def digest(value) -> str:
    blob = json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:32]


class Cache:
    def __init__(self, root: Path):
        self.dir = Path(root) / CACHE_DIR
        self._hashes: dict | None = None
        self._hashes_changed = False

    def path(self, name: str) -> Path:
        return self.dir / name

    # content hashes ----------------------------------------------------------
    def file_hash(self, path: str | Path) -> str:
        path = Path(path)
        st = path.stat()
        if self._hashes is None:
            self._hashes = self.read_json("hashes.json") or {}
        stamp = [st.st_size, st.st_mtime_ns]
        known = self._hashes.get(str(path))
        if known and known[:2] == stamp:
            return known[2]
        with open(path, "rb") as fh:
            sha = hashlib.file_digest(fh, "sha256").hexdigest()
        self._hashes[str(path)] = [*stamp, sha]
        self._hashes_changed = True
        return sha

    def save_hashes(self) -> None:
        if self._hashes_changed and self._hashes is not None:
            self.write_json("hashes.json", self._hashes)
            self._hashes_changed = False

    # entries -----------------------------------------------------------------
    def read_json(self, name: str) -> dict | None:
        try:
            return json.loads((self.dir / name).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None

    def write_json(self, name: str, data: dict) -> None:
        atomic_write(self.dir / name, (json.dumps(data, indent=1, sort_keys=True) + "\n").encode("utf-8"))

    def entry(self, key: str, suffix: str = ".mp3") -> dict | None:
        """The manifest of a finished result whose file is still there, or None."""
        meta = self.read_json(f"{key}.json")
        if meta is None:
            return None
        data = self.dir / f"{key}{suffix}"
        try:
            if data.stat().st_size != meta.get("bytes"):
                return None
        except OSError:
            return None
        return {**meta, "path": str(data)}

    def tmp(self, key: str, suffix: str) -> Path:
        self.dir.mkdir(parents=True, exist_ok=True)
        return self.dir / f".{key}.{os.getpid()}.tmp{suffix}"

    def commit(self, tmp: Path, key: str, suffix: str, meta: dict) -> dict:
        """Move a finished file into place, then its manifest: a manifest always has its file."""
        target = self.dir / f"{key}{suffix}"
        os.replace(tmp, target)
        meta = {**meta, "bytes": target.stat().st_size}
        self.write_json(f"{key}.json", meta)
        return {**meta, "path": str(target)}

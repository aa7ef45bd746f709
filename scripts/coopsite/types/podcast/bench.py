"""The podcast of `coopsite bench`'s corpus: copy i of the shipped content, with ids made unique."""

from __future__ import annotations

import re
import shutil
from pathlib import Path


def clone(src: Path, dest: Path, i: int) -> None:
    """Episodes with unique ids and numbers; the copies share the master, so the audio is processed
    once and each copy only gets its own tags (the cache of the corpus keeps both between runs)."""
    base = src / "podcasts"
    if not base.is_dir():
        return
    if i == 0 and (base / "_show").is_dir():
        shutil.copytree(base / "_show", dest / "podcasts" / "_show")
    for folder in sorted(p for p in base.iterdir() if p.is_dir() and not p.name.startswith(("_", "."))):
        out = dest / "podcasts" / (f"{folder.name}-x{i}" if i else folder.name)
        shutil.copytree(folder, out)
        if i:
            yml = out / "episode.yml"
            text = yml.read_text(encoding="utf-8")
            text = re.sub(r"^id: (\S+)", lambda m: f"id: {m.group(1)}-x{i}", text, count=1, flags=re.M)
            text = re.sub(r"^number: (\d+)", lambda m: f"number: {int(m.group(1)) + 1000 * i}", text, count=1,
                          flags=re.M)
            yml.write_text(text, encoding="utf-8")

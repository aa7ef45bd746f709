"""The calendar of `coopsite bench`'s corpus: copy i of the shipped content, with ids made unique."""

from __future__ import annotations

import re
from pathlib import Path


def clone(src: Path, dest: Path, i: int) -> None:
    folder, out = src / "content" / "events", dest / "content" / "events"
    if not folder.exists():
        return
    out.mkdir(parents=True, exist_ok=True)
    for path in sorted(folder.glob("*.yml")):
        text = path.read_text(encoding="utf-8")
        if path.name.startswith("_"):
            if not i:
                (out / path.name).write_text(text, encoding="utf-8")
            continue
        if i:
            suffix = f"-x{i}"
            text = re.sub(r"^id: (\S+)", lambda m: f"id: {m.group(1)}{suffix}", text, count=1, flags=re.M)
            text = re.sub(r"^(recommendations: \[)([^\]]*)\]",
                          lambda m: m.group(1) + ", ".join(r.strip() + suffix for r in m.group(2).split(",")) + "]",
                          text, count=1, flags=re.M)
        (out / (path.stem + (f"-x{i}" if i else "") + ".yml")).write_text(text, encoding="utf-8")

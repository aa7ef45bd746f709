"""The recommendations of `coopsite bench`'s corpus: copy i of the shipped content, with ids made unique."""

from __future__ import annotations

import re
from pathlib import Path


def clone(src: Path, dest: Path, i: int) -> None:
    out = dest / "recommendations"
    for path in sorted((src / "recommendations").glob("*/*.yml")):
        text = path.read_text(encoding="utf-8")
        if i:
            suffix = f"-x{i}"
            text = re.sub(r"^id: (\S+)", lambda m: f"id: {m.group(1)}{suffix}", text, count=1, flags=re.M)
            text = re.sub(r"^number: (\d+)", lambda m: f"number: {int(m.group(1)) + 1000 * i}", text, count=1,
                          flags=re.M)
            text = re.sub(r"(recommendation: )(\S+)", lambda m: f"{m.group(1)}{m.group(2)}{suffix}", text)
        target = out / path.parent.name / (path.stem + (f"-x{i}" if i else "") + ".yml")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")

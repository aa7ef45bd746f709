"""The blog of `coopsite bench`'s corpus: copy i of the shipped content, with ids made unique."""

from __future__ import annotations

import shutil
from pathlib import Path


def clone(src: Path, dest: Path, i: int) -> None:
    blog, out = src / "content" / "blog", dest / "content" / "blog"
    if not (blog / "posts").exists():
        return
    (out / "posts").mkdir(parents=True, exist_ok=True)
    if not i:
        for name in ("authors.yml", "tags.yml"):
            if (blog / name).exists():
                shutil.copy2(blog / name, out / name)
        if (blog / "images").exists():
            shutil.copytree(blog / "images", out / "images")
    for path in sorted((blog / "posts").glob("*.md")):
        slug, lang = path.name[:-3].rsplit(".", 1)
        shutil.copy2(path, out / "posts" / (f"{slug}-x{i}.{lang}.md" if i else path.name))

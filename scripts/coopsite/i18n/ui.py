"""UI strings (ui.yml) per language, checked for completeness by `coopsite check`."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from ruamel.yaml import YAML

UI_FILE = Path(__file__).with_name("ui.yml")


@lru_cache(maxsize=1)
def strings() -> dict[str, dict[str, str]]:
    data = YAML(typ="safe").load(UI_FILE.read_text(encoding="utf-8"))
    return {key: dict(value) for key, value in data.items()}


def t(lang: str, key: str, **kw: object) -> str:
    entry = strings().get(key)
    if entry is None:
        raise KeyError(f"no UI string '{key}' in {UI_FILE.name}")
    text = entry.get(lang) or entry.get("nl") or next(iter(entry.values()))
    return text.format(**kw) if kw else text


def missing_strings(langs: tuple[str, ...]) -> list[tuple[str, str]]:
    return [(key, lang) for key, entry in strings().items() for lang in langs if not entry.get(lang)]

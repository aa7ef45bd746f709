"""UI strings (ui.yml) per language, checked for completeness by `coopsite check`."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path


UI_FILE = Path(__file__).with_name("ui.yml")


@lru_cache(maxsize=1)
def strings() -> dict[str, dict[str, str]]:
    from coopsite.core.problems import Problems
    from coopsite.core.source import parse_yaml

    # the same YAML 1.2 reading as content (`no` stays text); check_ui reports syntax errors
    data = parse_yaml(UI_FILE.read_text(encoding="utf-8"), UI_FILE.name, Problems()) or {}
    return {str(key): {lang: str(text) for lang, text in value.items() if text is not None}
            for key, value in data.items() if isinstance(value, dict)}


def t(lang: str, key: str, **kw: object) -> str:
    entry = strings().get(key)
    if entry is None:
        raise KeyError(f"no UI string '{key}' in {UI_FILE.name}")
    text = entry.get(lang) or entry.get("nl") or next(iter(entry.values()))
    return text.format(**kw) if kw else text


def missing_strings(langs: tuple[str, ...]) -> list[tuple[str, str]]:
    return [(key, lang) for key, entry in strings().items() for lang in langs if not entry.get(lang)]

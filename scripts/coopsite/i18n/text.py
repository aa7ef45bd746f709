"""Reading localized text fields ({nl: ..., fr: ..., en: ...}) and translation records."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..model import Localized, Translation, frozen_map
from ..problems import did_you_mean
from ..source import Pos, Reader, YMap

if TYPE_CHECKING:
    from ..config import Languages


def read_localized(r: Reader, key: str, langs: "Languages", required: bool = False, *,
                   multiline: bool = False) -> Localized | None:
    """A localized field. Missing languages are checked later, in validate, by policy."""
    value = r.raw(key, required, hint=f"add '{key}:' with a line per language, e.g. '  {langs.default}: ...'")
    if value is None:
        return None
    return localized_from(value, r, langs, key, r.value_pos(key), multiline=multiline)


def localized_from(value, r: Reader, langs: "Languages", what: str, at: tuple[int, int], *,
                   multiline: bool = False) -> Localized | None:
    """multiline: the text is Markdown (several lines allowed); otherwise one line (Reader.str)."""
    if isinstance(value, str):
        r.problems.error(r.relpath, at[0], at[1], f"'{what}' must give the text per language",
                         f"write it as '{what}:' followed by indented lines '{langs.default}: ...', "
                         f"'{langs.others[0] if langs.others else langs.default}: ...'")
        return None
    if not isinstance(value, YMap):
        r.problems.error(r.relpath, at[0], at[1], f"'{what}' must be a mapping of languages to text")
        return None
    sub = Reader(value, r.relpath, r.problems, line_offset=r.line_offset, at=at, what=f"'{what}'")
    texts = {}
    for lang in value:
        if lang not in langs.all:
            sub.err(lang, f"unknown language '{lang}' in '{what}'", did_you_mean(str(lang), langs.all), on_key=True)
            continue
        text = sub.str(lang, multiline=multiline)
        if text:
            texts[lang] = text
    sub.known.update(value.keys())
    return Localized(frozen_map({lang: texts[lang] for lang in langs.all if lang in texts}), Pos(r.relpath, *at))


def read_localized_list(r: Reader, key: str, langs: "Languages", *, multiline: bool = False) -> tuple[Localized, ...]:
    value = r.raw(key)
    if value is None:
        return ()
    if not isinstance(value, list):
        r.err(key, f"'{key}' must be a list (lines starting with '- ')")
        return ()
    out = []
    for i, item in enumerate(value):
        loc = localized_from(item, r, langs, f"{key}[{i + 1}]", r.item_pos(value, i), multiline=multiline)
        if loc:
            out.append(loc)
    return tuple(out)


def read_translations(r: Reader, langs: "Languages") -> dict[str, Translation]:
    """`translations: {fr: {from: nl, source: <fingerprint>}}`."""
    tr = r.sub("translations")
    if tr is None:
        return {}
    out = {}
    for lang in list(tr.node):
        if lang not in langs.all or lang == langs.default:
            tr.err(lang, f"'{lang}' is not a language that is translated into",
                   did_you_mean(str(lang), langs.others), on_key=True)
            tr.known.add(lang)
            continue
        one = tr.sub(lang)
        if one is None:
            continue
        from_lang = one.choice("from", langs.all, required=True, default=langs.default, what="language")
        source = one.str("source")
        one.finish()
        out[lang] = Translation(lang, from_lang, source, one.pos())
    tr.finish()
    return out

"""What every view uses: relative links, text in the reader's language, and the plain data of a
status badge, a date and a page's language notice (templates draw them)."""

from __future__ import annotations

from coopsite.core.dates import PartialDate, format_partial
from coopsite.core.i18n import format as fmt
from coopsite.core.i18n import labels  # language names
from coopsite.core.i18n.ui import t
from coopsite.core.model import Localized


def url(from_page: str, to_page: str) -> str:
    """Relative URL between two logical pages ('recommendations/index' -> 'recommendations/sip2021-01').

    Relative links are language-independent: fr/recommendations/ links to
    fr/recommendations/sip2021-01/ with the same text. use_directory_urls is on.
    (Hand-rolled rather than posixpath.relpath: it runs for every link of every page.)
    """
    src = [p for p in from_page.removesuffix("index").split("/") if p]
    dst = [p for p in to_page.removesuffix("index").split("/") if p]
    common = 0
    for a, b in zip(src, dst):
        if a != b:
            break
        common += 1
    parts = [".."] * (len(src) - common) + dst[common:]
    return "/".join(parts) + "/" if parts else "./"


class Text:
    """Picks text in the reader's language, remembering when it fell back to the original."""

    def __init__(self, lang: str, default: str):
        self.lang, self.default = lang, default
        self.fell_back = False
        self.original = default  # the language shown instead, for the notice

    def __call__(self, loc: Localized | None) -> str:
        if loc is None:
            return ""
        text, used = loc.pick(self.lang, self.default)
        if used != self.lang:
            self.fell_back = True
            self.original = used
        return text

    def own(self, loc: Localized | None) -> dict | None:
        """A text that stands on its own inside a page (a status note, an answer): in the reader's
        language when it has one, else in its own language, marked as such (`lang` attribute and a
        small label), without turning the whole page into an untranslated one."""
        if loc is None:
            return None
        text, used = loc.pick(self.lang, self.default)
        if not text:
            return None
        if used == self.lang:
            return {"text": text, "lang": None, "label": ""}
        return {"text": text, "lang": used,
                "label": t(self.lang, "text_in_language", language=lang_name(used, self.lang))}


def lang_name(lang: str, in_lang: str) -> str:
    return labels.language_name(lang, in_lang)


# --- plain data for templates (coopsite/theme/coopsite/partials/macros.html draws them) ------

def date_data(d, lang: str, f: str = "long") -> dict:
    """A date as a page shows it: at the precision the content knows (a PartialDate may be a year:
    '2021', a month: 'juin 2021', approximate: 'ca. 2021'), never a day nobody knows."""
    if isinstance(d, PartialDate):
        return {"iso": d.iso(), "text": format_partial(d, lang, f, approx=t(lang, "date_approximate")),
                "precision": d.precision, "approximate": d.approximate}
    return {"iso": d.isoformat(), "text": fmt.date(d, lang, f)}


def notice_data(text: Text, translated_from: str | None = None, outdated: bool = False) -> dict | None:
    """The banner at the top of a page: untranslated, translated, or outdated translation."""
    lang, original = text.lang, text.original
    if text.fell_back:
        return {"kind": "untranslated", "title": lang_name(original, lang).capitalize(),
                "message": t(lang, "not_translated", original=lang_name(original, lang))}
    if translated_from and translated_from != lang:
        msg = t(lang, "translated_from", original=lang_name(translated_from, lang))
        if outdated:
            msg += " " + t(lang, "translation_outdated")
        return {"kind": "translated", "message": msg}
    return None

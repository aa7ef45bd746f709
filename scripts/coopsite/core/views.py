"""Helpers shared by the page renderers: links, escaping, notices, localized text."""

from __future__ import annotations

import html
import re

from coopsite.core.i18n import format as fmt
from coopsite.core.i18n import labels
from coopsite.core.i18n.ui import t
from coopsite.core.model import Localized, Status

esc = html.escape


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


def lang_name(lang: str, in_lang: str) -> str:
    return labels.language_name(lang, in_lang)


def notices(text: Text, translated_from: str | None = None, outdated: bool = False) -> str:
    """The banner at the top of a page: untranslated, translated, or outdated translation."""
    lang, original = text.lang, text.original
    out = []
    if text.fell_back:
        out.append(f'!!! warning "{esc(lang_name(original, lang).capitalize())}"\n    '
                   + t(lang, "not_translated", original=lang_name(original, lang)) + "\n")
    elif translated_from and translated_from != lang:
        msg = t(lang, "translated_from", original=lang_name(translated_from, lang))
        if outdated:
            msg += " " + t(lang, "translation_outdated")
        out.append(f'<p class="translated-notice">{esc(msg)}</p>\n')
    return "\n".join(out)


STATUS_ICONS = {
    # a distinct glyph per status, so the badge does not rely on colour alone
    Status.SUBMITTED: "○", Status.UNDER_REVIEW: "◔", Status.ACCEPTED: "◑", Status.IN_PROGRESS: "◕",
    Status.DONE: "●", Status.POSTPONED: "◌", Status.TO_ELABORATE: "◇", Status.NOT_FEASIBLE: "✕",
}


def status_label(status: Status, lang: str) -> str:
    return t(lang, labels.STATUS[status])


def badge(status: Status, lang: str) -> str:
    return (f'<span class="status-badge status-{status.value}">'
            f'<span aria-hidden="true">{STATUS_ICONS[status]}</span> {esc(status_label(status, lang))}</span>')


def date_html(d, lang: str, f: str = "long") -> str:
    return f'<time datetime="{d.isoformat()}">{esc(fmt.date(d, lang, f))}</time>'


_LIST_LINE = re.compile(r"^( +)([-*+]|\d+[.)]) ")


def md(text: str) -> str:
    """Content Markdown made safe for Python-Markdown's 4-space nesting rule.

    Contributors indent nested lists by two spaces, as most editors and GitHub
    accept; Python-Markdown needs four. Other lines are left alone.
    """
    lines = []
    for line in text.strip("\n").splitlines():
        m = _LIST_LINE.match(line)
        if m and len(m.group(1)) % 4:
            line = " " * (2 * len(m.group(1))) + line.lstrip(" ")
        lines.append(line.rstrip())
    return "\n".join(lines)


def indent(text: str, n: int = 4) -> str:
    pad = " " * n
    return "\n".join(pad + line if line.strip() else "" for line in text.splitlines())


def front_matter(title: str, **extra: str) -> str:
    """The page's meta. Theme templates print these values unescaped (no Jinja autoescape), the
    description inside an attribute: they are escaped here, so text stays text."""
    lines = ["---", f"title: {_yaml_str(html.escape(title, quote=False))}"]
    for k, v in extra.items():
        lines.append(f"{k}: {_yaml_str(html.escape(v))}")
    lines.append("---")
    return "\n".join(lines) + "\n\n"


def _yaml_str(value: str) -> str:
    return '"' + str(value).replace("\\", "\\\\").replace('"', '\\"') + '"'


# --- plain data for templates (coopsite/theme/coopsite/partials/macros.html draws them) ------

def badge_data(status: Status, lang: str) -> dict:
    return {"value": status.value, "icon": STATUS_ICONS[status], "label": status_label(status, lang)}


def date_data(d, lang: str, f: str = "long") -> dict:
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

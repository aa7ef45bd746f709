"""The interface text of values that come from data: the table every type shares, and language
names. Each content type keeps its own tables (types/<name>/labels.py), their keys marked with N_
so that Babel extracts them and the completeness test covers them."""

from __future__ import annotations

from coopsite.core.i18n.ui import N_

TRANSLATION_STATE = {"missing": N_("translation_missing"), "outdated": N_("translation_outdated_short")}


def language_name(lang: str, in_lang: str) -> str:
    """'néerlandais', 'Nederlands', 'Dutch': from CLDR (Babel), not from a list of our own."""
    from babel import Locale

    return Locale.parse(lang).get_display_name(Locale.parse(in_lang))

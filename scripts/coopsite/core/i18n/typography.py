"""Typography rules per language, applied once to interface text (and to dates), never by hand.

French (as the Belgian and French press write it): a narrow no-break space (U+202F) before
: ; ! ? and inside « guillemets », replacing an ordinary space if one was typed. Not before a
colon inside a word or a number (14:30, https://): only where the sign ends a phrase.
"""

from __future__ import annotations

import re

NNBSP = "\u202f"

_BEFORE = re.compile(r"(?:(?<=[^\s])|^)[ \u00a0\u202f]?([:;!?])(?=\s|$|[)»\"'<])")
_AFTER_OPEN = re.compile(r"«[ \u00a0\u202f]?")
_BEFORE_CLOSE = re.compile(r"[ \u00a0\u202f]?»")


def french(text: str) -> str:
    # a sign right after a placeholder or a word gets the space too ("{label}: {value}")
    text = _BEFORE.sub(lambda m: NNBSP + m.group(1), text)
    text = _AFTER_OPEN.sub("«" + NNBSP, text)
    return _BEFORE_CLOSE.sub(NNBSP + "»", text)


TYPOGRAPHY = {"fr": french}


_FIRST = re.compile(r"(?<!\d)1(?= \D)")


def french_date(text: str, day: int) -> str:
    """'1er juin 2021': the first of the month is an ordinal in French ('2 juin', '21 juin' stay).
    Only a 1 followed by a word (a month name) changes: '1/06/2021' stays as it is."""
    return _FIRST.sub("1er", text, count=1) if day == 1 else text


DATE_TYPOGRAPHY = {"fr": french_date}

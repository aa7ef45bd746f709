"""CSV that a spreadsheet opens safely: every CSV the project publishes goes through csv_bytes.

A cell that starts with '=', '+', '-', '@', a tab or a carriage return is read by
Excel, LibreOffice and Google Sheets as a formula, which can run commands or send
data elsewhere when a reader opens the file (CSV injection). Titles come from
pull requests, so such cells get a leading apostrophe, OWASP's rule: spreadsheets
show the text as written and run nothing.
"""

from __future__ import annotations

import csv
import io
from typing import Iterable

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def csv_bytes(rows: Iterable[Iterable]) -> bytes:
    """UTF-8 with a BOM (so spreadsheets detect the encoding), comma-separated, CRLF lines."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    for row in rows:
        writer.writerow([safe_cell(cell) for cell in row])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")

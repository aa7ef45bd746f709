"""Surgical edits of YAML text: change one scalar, insert lines, everything else byte-for-byte.

ruamel.yaml's round-trip loader gives the positions; the edit is a splice of the
original text, so comments, key order, quoting, indentation and line endings
that the tool did not mean to change cannot change. The result is parsed again
before it is written.
"""

from __future__ import annotations

import json
import re

_PLAIN_SAFE = re.compile(r"^[^\s\-?:,\[\]{}#&*!|>'\"%@`][^#]*$")


def scalar(value: str) -> str:
    """A YAML scalar for `value`: plain when that is unambiguous, else double-quoted."""
    if (_PLAIN_SAFE.match(value) and ": " not in value and not value.endswith(":")
            and value.strip() == value and value.lower() not in ("true", "false", "null", "yes", "no", "~")
            and not re.fullmatch(r"[-+\d.eE]+", value)):
        return value
    return json.dumps(value, ensure_ascii=False)


_TOKEN = re.compile(r"""'(?:[^']|'')*'|"(?:[^"\\]|\\.)*"|[^\s,#\]}][^,#\]}\n]*?(?=\s*(?:[,\]}#]|$))""")


def token_span(lines: list[str], line: int, col: int) -> tuple[int, int]:
    """Start and end column (0-based) of the scalar token at 0-based (line, col)."""
    m = _TOKEN.match(lines[line], col)
    if not m:
        raise ValueError(f"no scalar at line {line + 1}, column {col + 1}")
    return m.start(), m.end()


def replace_scalar(text: str, line: int, col: int, new: str) -> str:
    """Replace the scalar at 0-based (line, col), keeping its quoting style."""
    lines = text.splitlines(keepends=True)
    start, end = token_span(lines, line, col)
    old = lines[line][start:end]
    if old.startswith("'"):
        new_tok = "'" + new.replace("'", "''") + "'"
    elif old.startswith('"'):
        new_tok = json.dumps(new, ensure_ascii=False)
    else:
        new_tok = scalar(new)
    lines[line] = lines[line][:start] + new_tok + lines[line][end:]
    return "".join(lines)


def newline_of(text: str) -> str:
    return "\r\n" if "\r\n" in text else "\n"


def insert_lines(text: str, after_line: int, new_lines: list[str]) -> str:
    """Insert lines after 0-based line `after_line`, with the file's own line endings."""
    nl = newline_of(text)
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith(("\n", "\r")) and after_line >= len(lines) - 1:
        lines[-1] += nl
    block = "".join(line + nl for line in new_lines)
    return "".join(lines[: after_line + 1]) + block + "".join(lines[after_line + 1:])


def block_end(lines: list[str], start: int, stop: int, min_indent: int) -> int:
    """The last 0-based line in [start, stop) that belongs to a block indented deeper than min_indent."""
    last = start
    for i in range(start + 1, min(stop, len(lines))):
        stripped = lines[i].strip()
        if not stripped:
            continue
        indent = len(lines[i]) - len(lines[i].lstrip(" "))
        if indent > min_indent:
            last = i
        else:
            break
    return last


def flow_close(lines: list[str], line: int, col: int) -> tuple[int, int]:
    """Position of the '}' closing the flow mapping that opens at (line, col)."""
    depth, quote = 0, None
    for i in range(line, len(lines)):
        start = col if i == line else 0
        for j in range(start, len(lines[i])):
            ch = lines[i][j]
            if quote:
                if ch == quote:
                    quote = None
                continue
            if ch in "'\"":
                quote = ch
            elif ch == "{":
                depth += 1
            elif ch == "}":
                depth -= 1
                if depth == 0:
                    return i, j
    raise ValueError("unclosed flow mapping")

"""Reading YAML and Markdown front matter while keeping every value's position.

ruamel.yaml's round-trip loader records line and column of each key, value and
list item; Reader turns them into 1-based positions for Problems. Timestamps
are kept as text so that a bad date becomes a positioned problem, not a crash
inside the YAML library.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from coopsite.core.problems import Problems, did_you_mean


class _TextDatesConstructor(RoundTripConstructor):
    pass


_TextDatesConstructor.add_constructor(
    "tag:yaml.org,2002:timestamp", lambda self, node: self.construct_scalar(node)
)


def yaml_loader() -> YAML:
    """ruamel.yaml in round-trip mode: for the tools that edit files (status, stamps)."""
    y = YAML(typ="rt")
    y.Constructor = _TextDatesConstructor
    return y


# --- fast reading with positions ---------------------------------------------
# Reading every content file with ruamel's pure-Python round-trip parser cost
# ~20 ms a file (most of a build's pipeline time at scale). Reading only needs
# values and positions, so it uses libyaml's C composer (PyYAML, already a
# MkDocs dependency) and builds YMap/YSeq with ruamel's `.lc` interface.
# Plain scalars are resolved by YAML 1.2's core schema, like ruamel: `no` and
# `on` stay text, and dates stay text so a bad date is a positioned problem.


class _LC:
    __slots__ = ("keys", "values", "items", "line", "col")

    def __init__(self, line: int, col: int):
        self.keys: dict = {}
        self.values: dict = {}
        self.items: list = []
        self.line, self.col = line, col

    def key(self, k):
        return self.keys[k]

    def value(self, k):
        return self.values[k]

    def item(self, i):
        return self.items[i]


class YMap(dict):
    """A mapping read from YAML, with 0-based positions in `.lc` (as ruamel's CommentedMap)."""

    lc: _LC
    flow: bool = False


class YSeq(list):
    lc: _LC
    flow: bool = False


_NULL = {"", "~", "null", "Null", "NULL"}
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"^[-+]?[0-9]+$")
_OCT = re.compile(r"^0o[0-7]+$")
_HEX = re.compile(r"^0x[0-9a-fA-F]+$")
_FLOAT = re.compile(r"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")
_NUMBER_START = frozenset("0123456789+-.")
_UNRESOLVED = "?"  # the tag our composer gives every node that has no explicit tag
_STR_TAG = "tag:yaml.org,2002:str"


def _scalar(node) -> Any:
    if node.style or node.tag == _STR_TAG:
        return node.value  # quoted or block scalars are text, and so is an explicit !!str
    v = node.value
    if v[:1] in _NUMBER_START:
        if _INT.match(v):
            return int(v)
        if _OCT.match(v):
            return int(v[2:], 8)
        if _HEX.match(v):
            return int(v[2:], 16)
        if _FLOAT.match(v):
            return float(v)
        return v
    if v in _NULL:
        return None
    return _BOOL.get(v, v)


# --- what one YAML document may cost ------------------------------------------
# Content comes from pull requests. YAML aliases repeat a node wherever they stand, so
# a few hundred bytes of nested aliases ("billion laughs") expand to billions of values;
# deep nesting exhausts Python's recursion. Reading stops at these limits with a
# positioned error. The largest shipped file holds about 400 values and 8 levels.
MAX_FILE_BYTES = 2 * 1024 * 1024  # any content text file (YAML, Markdown, transcripts)
MAX_VALUES = 50_000               # values in one YAML document, aliases counted as expanded
MAX_ALIASES = 200                 # uses of anchors ('*name') in one document
MAX_DEPTH = 40                    # nested mappings and lists
MAX_CHARS = 4 * MAX_FILE_BYTES    # characters of text in one document, aliases counted as expanded


class _Budget:
    __slots__ = ("values", "aliases", "chars", "seen", "exceeded")

    def __init__(self):
        self.values = 0
        self.chars = 0
        self.aliases = 0
        self.seen: set[int] = set()  # nodes already converted once: meeting one again is an alias
        self.exceeded: tuple[str, Any] | None = None


class _OverBudget(Exception):
    pass


def _convert(node, relpath: str, problems: Problems, line_offset: int, budget: _Budget | None = None,
             depth: int = 0) -> Any:
    if budget is None:
        budget = _Budget()
    budget.values += 1
    if budget.values > MAX_VALUES:
        budget.exceeded = ("values", node)
        raise _OverBudget
    kind = node.id
    if kind == "scalar":
        budget.chars += len(node.value)
        if budget.chars > MAX_CHARS:  # one long text repeated by aliases
            budget.exceeded = ("values", node)
            raise _OverBudget
        return _scalar(node)
    if id(node) in budget.seen:
        budget.aliases += 1
        if budget.aliases > MAX_ALIASES:
            budget.exceeded = ("aliases", node)
            raise _OverBudget
    else:
        budget.seen.add(id(node))
    if depth >= MAX_DEPTH:
        budget.exceeded = ("depth", node)
        raise _OverBudget
    depth += 1
    if kind == "sequence":
        seq = YSeq()
        seq.lc = _LC(node.start_mark.line, node.start_mark.column)
        seq.flow = bool(node.flow_style)
        items = seq.lc.items
        for item in node.value:
            mark = item.start_mark
            items.append((mark.line, mark.column))
            seq.append(_convert(item, relpath, problems, line_offset, budget, depth))
        return seq
    m = YMap()
    m.lc = _LC(node.start_mark.line, node.start_mark.column)
    m.flow = bool(node.flow_style)
    keys, values = m.lc.keys, m.lc.values
    for knode, vnode in node.value:
        key = _scalar(knode) if knode.id == "scalar" else _convert(knode, relpath, problems, line_offset,
                                                                   budget, depth)
        if isinstance(key, (dict, list)):
            problems.error(relpath, knode.start_mark.line + 1 + line_offset, knode.start_mark.column + 1,
                           "a key must be plain text")
            continue
        if key in m:
            problems.error(relpath, knode.start_mark.line + 1 + line_offset, knode.start_mark.column + 1,
                           f"duplicate key '{key}'",
                           "each key may appear only once in a mapping: remove or rename one")
            continue
        kmark, vmark = knode.start_mark, vnode.start_mark
        keys[key] = (kmark.line, kmark.column)
        values[key] = (vmark.line, vmark.column)
        m[key] = _convert(vnode, relpath, problems, line_offset, budget, depth)
    return m


def _budget_problem(text: str, budget: _Budget, relpath: str, problems: Problems, line_offset: int) -> None:
    """Report where a document went over its budget: for aliases, the alias that did it."""
    import yaml

    what, node = budget.exceeded
    line, col = node.start_mark.line, node.start_mark.column
    if what in ("values", "aliases"):
        # The composed graph has lost where the aliases stood: the event stream still has them
        # (a linear pass, and only on this error path).
        count = 0
        try:
            for event in yaml.parse(text, Loader=_composer()):
                if isinstance(event, yaml.AliasEvent):
                    count += 1
                    line, col = event.start_mark.line, event.start_mark.column
                    if what == "aliases" and count > MAX_ALIASES:
                        break
        except yaml.YAMLError:
            pass
    if what == "depth":
        message = f"YAML nested more than {MAX_DEPTH} levels deep"
        hint = "content files need only a few levels: flatten the structure"
    elif what == "aliases":
        message = f"YAML aliases ('*name') repeat their anchors more than {MAX_ALIASES} times"
        hint = "write the values out instead of repeating anchors"
    else:
        message = (f"YAML expands to more than {MAX_VALUES:,} values or {MAX_CHARS:,} characters "
                   "(aliases repeat what their anchor holds)")
        hint = "aliases that repeat other aliases multiply: write the values out instead"
    problems.error(relpath, line + 1 + line_offset, col + 1, message, hint)


_loader = None


def _composer():
    """libyaml's C parser and composer with a resolver that does nothing: _scalar resolves plain
    scalars itself (YAML 1.2 core schema), so PyYAML's 1.1 resolver (a regex walk per scalar)
    would be wasted work. Explicit tags are kept on the nodes."""
    global _loader
    if _loader is None:
        from yaml.resolver import BaseResolver

        class NoResolver(BaseResolver):
            def resolve(self, kind, value, implicit):
                return _UNRESOLVED

            def descend_resolver(self, current_node, current_index):
                pass

            def ascend_resolver(self):
                pass

        try:
            from yaml.cyaml import CParser
        except ImportError:
            CParser = None
        if CParser is not None:
            class Loader(CParser, NoResolver):
                def __init__(self, stream):
                    CParser.__init__(self, stream)
                    NoResolver.__init__(self)
        else:  # PyYAML built without libyaml: the same, in Python (a stricter scanner in flow context)
            from yaml.composer import Composer
            from yaml.parser import Parser
            from yaml.reader import Reader
            from yaml.scanner import Scanner

            class Loader(Reader, Scanner, Parser, Composer, NoResolver):
                def __init__(self, stream):
                    Reader.__init__(self, stream)
                    Scanner.__init__(self)
                    Parser.__init__(self)
                    Composer.__init__(self)
                    NoResolver.__init__(self)
        _loader = Loader
    return _loader


@dataclass(frozen=True)
class Pos:
    """Where a value stands: repo-relative path, 1-based line and column.

    The one dataclass built positionally (Pos(path, line, col)): that order is the one of every
    problem message, and readers build millions of them from (line, col) pairs."""

    path: str
    line: int = 0
    col: int = 0

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}" if self.line else self.path


# Characters no content text needs, which break XML feeds, iCalendar or a terminal: the C0
# controls but tab and line breaks, DEL, and the non-characters U+FFFE and U+FFFF.
CONTROL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
# What a one-line text (a title, a name, a label) must not contain either: line and
# paragraph breaks of every kind, which end a line in iCalendar, CSV, HTTP-like headers.
LINE_BREAK_RE = re.compile("[\n\r\x85\u2028\u2029]")


def control_problem(text: str) -> tuple[int, str] | None:
    """(offset, description) of the first character a content text must not hold, or None."""
    m = CONTROL_RE.search(text)
    if not m:
        return None
    return m.start(), f"control character U+{ord(m.group()):04X}"


# Python-Markdown takes time quadratic in the brackets of a paragraph and in the depth of
# nested lists and quotes: 4,000 '[' in one paragraph took 4.5 s, a list 2,000 levels deep
# never finished. Real texts stay far below these limits (a paragraph with 50 links has 50).
MAX_BRACKETS = 400   # '[' in one paragraph
MAX_INDENT = 64      # columns of indentation of a line (16 levels of lists)
MAX_QUOTES = 16      # '>' that open a line (nested quotes)
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
_QUOTES = re.compile(r"[ \t]*(?:>[ \t]*)+")


def markdown_problem(text: str) -> tuple[int, int, str, str] | None:
    """(0-based line, 0-based column, message, hint) of the first place where `text` would make the
    Markdown converter work for minutes, or None. Checked wherever content text enters."""
    if "[" in text and text.count("[") > MAX_BRACKETS:
        start = 0
        for m in [*_PARAGRAPH_BREAK.finditer(text), None]:
            end = m.start() if m else len(text)
            if text.count("[", start, end) > MAX_BRACKETS:
                return (text.count("\n", 0, start), 0,
                        f"more than {MAX_BRACKETS} '[' in one paragraph",
                        "split the paragraph, or write brackets as \\[ when they are not links")
            start = m.end() if m else end
    if "\n " in text or "\n\t" in text or ">" in text:
        for i, line in enumerate(text.split("\n")):
            indent = len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip())
            if indent > MAX_INDENT:
                return i, 0, f"line indented by more than {MAX_INDENT} columns", \
                    "lists and quotes may be nested a few levels deep: reduce the indentation"
            m = _QUOTES.match(line)
            if m and m.group().count(">") > MAX_QUOTES:
                return i, 0, f"quotes ('>') nested more than {MAX_QUOTES} levels deep", \
                    "reduce the nesting of the quotes"
    return None


def read_text(path: Path, relpath: str, problems: Problems) -> str | None:
    """The file's text as UTF-8, or None with a positioned problem.

    Never reads a file that lies outside its top-level content folder through a symbolic
    link (containment.check_tree reports those links), nor a file over MAX_FILE_BYTES."""
    from coopsite.core.containment import escapes

    where = escapes(Path(path), relpath)
    if where is not None:
        problems.error(relpath, 0, 0, where[0], where[1])
        return None
    try:
        size = os.stat(path).st_size
        if size > MAX_FILE_BYTES:
            problems.error(relpath, 0, 0, f"file is too large ({size / 1024 / 1024:.1f} MB; content files may "
                           f"have at most {MAX_FILE_BYTES // 1024 // 1024} MB)",
                           "split the text, or keep large media outside the text files")
            return None
        data = path.read_bytes()
    except OSError as exc:
        problems.error(relpath, 0, 0, f"cannot read file: {exc.strerror}")
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        col = exc.start - (before.rfind(b"\n") + 1) + 1
        problems.error(relpath, line, col, f"file is not UTF-8 (byte 0x{data[exc.start]:02x})",
                       hint="save the file with UTF-8 encoding (most editors: 'Save with encoding')")
        return None
    if text.startswith("\ufeff"):
        text = text[1:]
    found = control_problem(text)
    if found:
        offset, what = found
        line = text.count("\n", 0, offset) + 1
        col = offset - (text.rfind("\n", 0, offset) + 1) + 1
        problems.error(relpath, line, col, f"the file contains a {what}",
                       "remove it (it is invisible in most editors: retype the text around this position)")
        return None
    if relpath.endswith(".md"):
        found = markdown_problem(text)
        if found:
            problems.error(relpath, found[0] + 1, found[1] + 1, found[2], found[3])
            return None
    return text


def parse_yaml(text: str, relpath: str, problems: Problems, line_offset: int = 0) -> Any:
    """Parse YAML text into YMap/YSeq with positions; on a syntax error add a positioned problem."""
    import yaml

    try:
        node = yaml.compose(text, Loader=_composer())
    except yaml.MarkedYAMLError as exc:
        _syntax_problem(exc, text, relpath, problems, line_offset)
        return None
    except yaml.YAMLError as exc:
        problems.error(relpath, 1 + line_offset, 1, f"YAML syntax: {exc}")
        return None
    if node is None:
        return None
    budget = _Budget()
    try:
        return _convert(node, relpath, problems, line_offset, budget)
    except _OverBudget:
        _budget_problem(text, budget, relpath, problems, line_offset)
        return None


def parse_yaml_rt(text: str, relpath: str, problems: Problems, line_offset: int = 0) -> Any:
    """Parse with ruamel.yaml's round-trip loader (CommentedMap with `.lc` and flow styles), for editors.

    The fast reader goes first: its budget refuses aliases that multiply and deep nesting, which
    ruamel's recursive, pure-Python parser would otherwise work through for ever or crash on."""
    first = Problems()
    if parse_yaml(text, relpath, first, line_offset) is None and first.errors:
        problems.extend(first.items)
        return None
    try:
        return yaml_loader().load(text)
    except MarkedYAMLError as exc:
        _syntax_problem(exc, text, relpath, problems, line_offset)
        return None
    except YAMLError as exc:  # errors without a mark
        problems.error(relpath, 1 + line_offset, 1, f"YAML syntax: {exc}")
        return None


def _syntax_problem(exc, text: str, relpath: str, problems: Problems, line_offset: int) -> None:
    mark = exc.problem_mark or exc.context_mark
    line = (mark.line + 1 + line_offset) if mark else 0
    col = (mark.column + 1) if mark else 0
    msg = (exc.problem or exc.context or "invalid YAML").strip()
    hint = "check the indentation and quoting near this position"
    ctx = exc.context_mark
    if ctx and exc.context and mark and (ctx.line, ctx.column) != (mark.line, mark.column):
        msg += f" ({exc.context.strip()} that starts at line {ctx.line + 1 + line_offset}, column {ctx.column + 1})"
        if "end of stream" in msg:  # an unclosed quote or bracket: point where it opens
            line, col = ctx.line + 1 + line_offset, ctx.column + 1
            hint = "a quote or bracket opened here is never closed"
    if "duplicate key" in str(exc):
        key = re.search(r'found duplicate key "([^"]*)"', str(exc))
        msg = f"duplicate key '{key.group(1) if key else '?'}'"
        hint = "each key may appear only once in a mapping: remove or rename one"
    elif "\t" in text and "tab" in msg.lower():
        hint = "YAML does not allow tabs for indentation: use spaces"
    problems.error(relpath, line, col, f"YAML syntax: {msg}", hint=hint)




def load_yaml_file(path: Path, relpath: str, problems: Problems) -> Any:
    text = read_text(path, relpath, problems)
    if text is None:
        return None
    before = len(problems.items)
    node = parse_yaml(text, relpath, problems)
    if node is None and len(problems.items) == before:
        problems.error(relpath, 1, 1, "file is empty", hint="fill it in, or delete the file")
    return node


_FRONT = re.compile(r"\A---[ \t]*\r?\n(.*?)^---[ \t]*\r?\n?", re.S | re.M)


@dataclass(frozen=True, kw_only=True)
class FrontMatterDoc:
    meta: Any  # CommentedMap or None
    body: str
    body_line: int  # 1-based line where the body starts


def split_front_matter(text: str, relpath: str, problems: Problems) -> FrontMatterDoc | None:
    m = _FRONT.match(text)
    if not m:
        problems.error(relpath, 1, 1, "missing front matter",
                       hint="start the file with a line '---', the fields (title: ..., date: ...), and a line '---'")
        return None
    meta = parse_yaml(m.group(1), relpath, problems, line_offset=1)
    body_line = text[: m.end()].count("\n") + 1
    if meta is None and not problems.errors:
        meta = YMap()
        meta.lc = _LC(1, 0)
    return FrontMatterDoc(meta=meta, body=text[m.end():], body_line=body_line)


class Reader:
    """Typed, positioned access to one YAML mapping.

    Each accessor records the key as known; finish() reports the keys nobody
    asked for, with a did-you-mean hint. Accessors never raise: a wrong value
    becomes a problem and the accessor returns the default.
    """

    def __init__(self, node: Any, relpath: str, problems: Problems, *, line_offset: int = 0,
                 at: tuple[int, int] = (1, 1), what: str = "file"):
        self.relpath = relpath
        self.problems = problems
        self.line_offset = line_offset
        self.at = at
        self.what = what
        self.known: set[str] = set()
        self.ok = isinstance(node, (YMap, CommentedMap))
        if not self.ok:
            if node is not None:
                problems.error(relpath, at[0], at[1], f"{what} must be a mapping of 'key: value' lines, "
                               f"found {_kind(node)}")
            elif what == "file":
                problems.error(relpath, 1, 1, "file is empty")
            node = YMap()
            node.lc = _LC(at[0] - 1, at[1] - 1)
        self.node = node

    # positions -------------------------------------------------------
    def pos(self) -> Pos:
        return Pos(self.relpath, self.at[0], self.at[1])

    def key_pos(self, key: str) -> tuple[int, int]:
        try:
            line, col = self.node.lc.key(key)
            return line + 1 + self.line_offset, col + 1
        except (KeyError, TypeError, AttributeError):
            return self.at

    def value_pos(self, key: str) -> tuple[int, int]:
        try:
            line, col = self.node.lc.value(key)
            return line + 1 + self.line_offset, col + 1
        except (KeyError, TypeError, AttributeError):
            return self.key_pos(key)

    def value_loc(self, key: str) -> Pos:
        return Pos(self.relpath, *self.value_pos(key))

    def err(self, key: str, message: str, hint: str = "", *, on_key: bool = False,
            warning: bool = False) -> None:
        line, col = self.key_pos(key) if on_key else self.value_pos(key)
        add = self.problems.warning if warning else self.problems.error
        add(self.relpath, line, col, message, hint)

    def missing(self, key: str, hint: str = "") -> None:
        self.problems.error(self.relpath, self.at[0], self.at[1], f"missing required field '{key}'",
                            hint or f"add a line '{key}: ...'")

    # access ------------------------------------------------------------
    def has(self, key: str) -> bool:
        self.known.add(key)
        return key in self.node and self.node[key] is not None

    def raw(self, key: str, required: bool = False, hint: str = "") -> Any:
        self.known.add(key)
        if key not in self.node or self.node[key] is None:
            if required:
                self.missing(key, hint)
            return None
        return self.node[key]

    def _typed(self, key: str, types: tuple, label: str, required: bool, default: Any, hint: str = "") -> Any:
        value = self.raw(key, required, hint)
        if value is None:
            return default
        if isinstance(value, bool) and bool not in types:
            self.err(key, f"'{key}' must be {label}, found {_kind(value)}", hint)
            return default
        if not isinstance(value, types):
            self.err(key, f"'{key}' must be {label}, found {_kind(value)}", hint)
            return default
        return value

    def str(self, key: str, required: bool = False, default: Any = None, hint: str = "", *,
            multiline: bool = False) -> Any:
        """Text. One line unless `multiline` (Markdown): a title, name or label ends up on one line
        in some output (iCalendar, CSV, feed titles), where a line break or control character
        would break it, so check refuses them here, where the position is known."""
        value = self._typed(key, (str, int, float), "text", required, default, hint)
        if value is None or value is default:
            return value
        value = str(value).strip()
        if required and not value:
            self.err(key, f"'{key}' must not be empty", hint)
        self.text_ok(key, value, multiline=multiline)  # reported; the value is kept, so no "missing" follows
        return value

    def text_ok(self, key: str, value: str, *, multiline: bool = False) -> bool:
        found = control_problem(value)
        if found is None and not multiline:
            m = LINE_BREAK_RE.search(value)
            if m:
                found = m.start(), f"line break (U+{ord(m.group()):04X})"
        if found is None:
            md = markdown_problem(value)
            if md is None:
                return True
            found = (0, md[2])
        name = f"{self.what.strip(chr(39))}.{key}" if self.what.startswith("'") else key  # 'title.nl'
        if not found[1].startswith(("control", "line break")):
            self.err(key, f"'{name}': {found[1]}", "split the text, reduce its nesting, or write \\[ for a bracket")
            return False
        self.err(key, f"'{name}' contains a {found[1]}",
                 "write it on one line, without escapes such as \\n or \\x00" if not multiline
                 else "remove it (escapes such as \\x00 in quoted text produce such characters)")
        return False

    def int(self, key: str, required: bool = False, default: Any = None, minimum: int | None = None) -> Any:
        value = self._typed(key, (int,), "a whole number", required, default)
        if isinstance(value, int) and minimum is not None and value < minimum:
            self.err(key, f"'{key}' must be at least {minimum}, found {value}")
            return default
        return value

    def number(self, key: str, required: bool = False, default: Any = None) -> Any:
        value = self._typed(key, (int, float), "a number", required, default)
        return float(value) if value is not None else None

    def bool(self, key: str, required: bool = False, default: Any = None) -> Any:
        return self._typed(key, (bool,), "true or false", required, default)

    def date(self, key: str, required: bool = False, default: Any = None) -> dt.date | None:
        value = self.raw(key, required, hint=f"add a line '{key}: YYYY-MM-DD'")
        if value is None:
            return default
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            return value
        parsed = parse_date(str(value))
        if parsed is None:
            self.err(key, f"'{key}' is not a valid date: '{value}'",
                     "write the date as YYYY-MM-DD, for example 2021-06-01")
            return default
        return parsed

    def partial_date(self, key: str, required: bool = False):
        """A day, a month or a year, possibly approximate (core/dates.py: EDTF's `2021`, `2021-06`, `2021~`)."""
        from coopsite.core import dates

        value = self.raw(key, required, hint=f"add a line '{key}: YYYY-MM-DD' (or YYYY-MM, or YYYY)")
        if value is None:
            return None
        parsed = dates.parse(value)
        if parsed is None:
            self.err(key, f"'{key}' is not a valid date: '{value}'", dates.HINT)
        return parsed

    def choice(self, key: str, choices: Iterable[str], required: bool = False, default: Any = None,
               what: str = "value") -> Any:
        value = self.str(key, required, default)
        choices = list(choices)
        if value is not None and value is not default and value not in choices:
            self.err(key, f"unknown {what} '{value}'", did_you_mean(value, choices))
            return default
        return value

    def str_list(self, key: str, required: bool = False, choices: Iterable[str] | None = None,
                 what: str = "value") -> list[str]:
        value = self.raw(key, required)
        if value is None:
            return []
        if isinstance(value, (str, int)) and not isinstance(value, bool):
            value = [value]  # a single item without brackets is accepted
            items = [(str(value[0]).strip(), self.value_pos(key))]
        elif isinstance(value, (YSeq, CommentedSeq)):
            items = []
            for i, item in enumerate(value):
                pos = self.item_pos(value, i)
                if not isinstance(item, (str, int)) or isinstance(item, bool):
                    self.problems.error(self.relpath, pos[0], pos[1],
                                        f"items of '{key}' must be text, found {_kind(item)}")
                    continue
                items.append((str(item).strip(), pos))
        else:
            self.err(key, f"'{key}' must be a list, found {_kind(value)}",
                     f"write '{key}: [first, second]'")
            return []
        out = []
        allowed = list(choices) if choices is not None else None
        for text, pos in items:
            if allowed is not None and text not in allowed:
                self.problems.error(self.relpath, pos[0], pos[1], f"unknown {what} '{text}' in '{key}'",
                                    did_you_mean(text, allowed))
                continue
            out.append(text)
        return out

    def item_pos(self, seq, i: int) -> tuple[int, int]:
        try:
            line, col = seq.lc.item(i)
            return line + 1 + self.line_offset, col + 1
        except (KeyError, TypeError, AttributeError, IndexError):
            return self.at

    def sub(self, key: str, required: bool = False) -> "Reader | None":
        value = self.raw(key, required)
        if value is None:
            return None
        if not isinstance(value, (YMap, CommentedMap)):
            self.err(key, f"'{key}' must be a mapping of 'key: value' lines, found {_kind(value)}")
            return None
        return Reader(value, self.relpath, self.problems, line_offset=self.line_offset,
                      at=self.value_pos(key), what=f"'{key}'")

    def items(self, key: str, required: bool = False) -> list["Reader"]:
        """A list of mappings, each as a Reader."""
        value = self.raw(key, required)
        if value is None:
            return []
        if not isinstance(value, (YSeq, CommentedSeq)):
            self.err(key, f"'{key}' must be a list (lines starting with '- '), found {_kind(value)}")
            return []
        out = []
        for i, item in enumerate(value):
            pos = self.item_pos(value, i)
            r = Reader(item, self.relpath, self.problems, line_offset=self.line_offset, at=pos,
                       what=f"item {i + 1} of '{key}'")
            if r.ok:
                out.append(r)
        return out

    def positions(self) -> dict[str, Pos]:
        """Where each top-level value stands, for rules that run after loading."""
        return {str(k): self.value_loc(k) for k in self.node}

    def finish(self) -> None:
        for key in self.node:
            if key not in self.known:
                line, col = self.key_pos(key)
                self.problems.error(self.relpath, line, col, f"unknown key '{key}'",
                                    did_you_mean(str(key), self.known))


def list_readers(node: Any, relpath: str, problems: Problems, what: str) -> list[Reader]:
    """A registry file: a top-level list of mappings."""
    if node is None:
        return []
    if not isinstance(node, (YSeq, CommentedSeq)):
        problems.error(relpath, 1, 1, f"{what} must be a list (lines starting with '- '), found {_kind(node)}")
        return []
    out = []
    for i, item in enumerate(node):
        try:
            line, col = node.lc.item(i)
            at = (line + 1, col + 1)
        except (KeyError, TypeError, AttributeError):
            at = (1, 1)
        r = Reader(item, relpath, problems, at=at, what=f"item {i + 1}")
        if r.ok:
            out.append(r)
    return out


_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def parse_date(text: str) -> dt.date | None:
    text = text.strip()
    if not _DATE.match(text):
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def _kind(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"'{str(value).lower()}' (true/false)"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        short = value if len(value) <= 30 else value[:27] + "..."
        return f"the text '{short}'"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__

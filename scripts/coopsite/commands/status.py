"""`coopsite status`: append a history entry and set the status, keeping the file as it is."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from coopsite.core.config import load_config
from coopsite.types.recommendations.load import read_recommendation, recommendation_files
from coopsite.types.recommendations.model import Status
from coopsite.core.output import atomic_write
from coopsite.core.problems import Problems, did_you_mean
from coopsite.core import dates
from coopsite.core.source import Reader, parse_date, parse_yaml, parse_yaml_rt, read_text
from coopsite.core.yamledit import block_end, insert_lines, replace_scalar, scalar


class EditError(Exception):
    pass


def add_status(text: str, status: str, note: str, date: dt.date, lang: str) -> str:
    """The file's text with a new history entry and status; pure, for tests."""
    problems = Problems()
    node = parse_yaml_rt(text, "<file>", problems)
    if node is None or problems.errors or not isinstance(node, dict):
        raise EditError("the file is not valid YAML: run 'coopsite check' first")
    history = node.get("history")
    if not history:
        raise EditError("the file has no 'history' list")
    last = history[-1]
    # the last entry may be a month or a year ("2021"): only a clear inversion is refused
    last_date = dates.parse(last.get("date", ""))
    if last_date and date < last_date.start:
        raise EditError(f"{date} is before the last history entry ({last_date}): history is kept in date order")
    if str(last.get("status")) == status:
        raise EditError(f"the status is already '{status}'; the history records changes of status")
    lines = text.splitlines(keepends=True)
    # where the last item starts and where the history block ends
    item_line, item_col = history.lc.item(len(history) - 1)
    dash_col = lines[item_line].rfind("-", 0, item_col)
    keys = list(node.keys())
    after = keys[keys.index("history") + 1:]
    stop = min((node.lc.key(k)[0] for k in after), default=len(lines))
    stop = stop if stop > item_line else len(lines)
    end = block_end(lines, item_line, stop, dash_col)
    pad, key_pad = " " * dash_col, " " * item_col
    gap = " " * max(1, item_col - dash_col - 1)  # keep the file's own "-   key" spacing
    entry = [f"{pad}-{gap}date: {date.isoformat()}", f"{key_pad}status: {status}", f"{key_pad}note:",
             f"{key_pad}  {lang}: {scalar(note)}"]
    text = insert_lines(text, end, entry)
    if "status" in node:
        line, col = node.lc.value("status")
        text = replace_scalar(text, line, col, status)
    return text


def set_status(root: Path, rid: str, status: str, note: str, date: str | None, lang: str) -> int:
    files = {p.stem: p for p in recommendation_files(root)}
    path = files.get(rid)
    if path is None:
        print(f"error: no recommendation with id '{rid}' ({did_you_mean(rid, files)})", file=sys.stderr)
        return 1
    rel = path.relative_to(root).as_posix()
    problems = Problems()
    cfg = load_config(root, problems)
    if lang not in cfg.languages.all:
        print(f"error: unknown language '{lang}' ({did_you_mean(lang, cfg.languages.all)})", file=sys.stderr)
        return 1
    when = dt.date.today() if date is None else parse_date(date)
    if when is None:
        print(f"error: '--date {date}' is not a valid date; write YYYY-MM-DD", file=sys.stderr)
        return 1
    text = read_text(path, rel, problems)
    if text is None:
        print("\n".join(map(str, problems)), file=sys.stderr)
        return 1
    try:
        new_text = add_status(text, status, note, when, lang)
    except EditError as exc:
        print(f"{rel}: error: {exc}", file=sys.stderr)
        return 1
    # Parse the result as check would, before anything is written.
    check = Problems()
    node = parse_yaml(new_text, rel, check)
    if node is None:
        print(f"{rel}: error: the file cannot be read as YAML; nothing was written", file=sys.stderr)
        print("\n".join(map(str, check.errors)), file=sys.stderr)
        return 1
    from coopsite.site.catalog import build_catalog  # registries for the ids

    catalog, _ = build_catalog(root)
    read_recommendation(Reader(node, rel, check), cfg, cycles={c.id for c in catalog.cycles},
                        themes={t.id for t in catalog.themes}, groups={g.code for g in catalog.groups},
                        file_stem=path.stem, folder=path.parent.name)
    if check.errors:
        print(f"{rel}: error: the edit would make the file invalid; nothing was written", file=sys.stderr)
        print("\n".join(map(str, check.errors)), file=sys.stderr)
        return 1
    atomic_write(path, new_text.encode("utf-8"))
    print(f"{rel}: status of {rid} is now '{Status(status).value}' ({when.isoformat()})")
    return 0

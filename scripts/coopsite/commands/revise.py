"""`coopsite revise`: record a new revision of events whose schedule changed (see types/calendar/revision.py)."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from coopsite.core.output import atomic_write
from coopsite.site.catalog import build_catalog
from coopsite.types.calendar.revision import CHANGED, OK, fingerprint, set_revision_text, state


def revise(root: Path, files: list[str], today: dt.date) -> int:
    """`coopsite revise`: record a new revision of the named events (or of every changed one)."""
    catalog, problems = build_catalog(root, drafts=True, today=today)
    if problems.errors:
        for p in problems.errors:
            print(p)
        print("fix these errors first (coopsite check)", file=sys.stderr)
        return 1
    default = catalog.config.languages.default
    by_path = {str((root / e.pos.path).resolve()): e for e in catalog.events}
    wanted = [str(Path(f).resolve()) for f in files]
    for w in wanted:
        if w not in by_path:
            print(f"error: {w} is not an event file of this site (content/events/<id>.yml)", file=sys.stderr)
            return 1
    count = 0
    for path, event in sorted(by_path.items()):
        st = state(event, default)
        if (wanted and path not in wanted) or (not wanted and st == OK):
            continue
        if st == OK:
            print(f"{event.pos.path}: unchanged since revision {event.revision.sequence}")
            continue
        seq = event.revision.sequence + 1 if st == CHANGED else event.revision.sequence
        text = Path(path).read_text(encoding="utf-8")
        atomic_write(Path(path), set_revision_text(text, seq, today, fingerprint(event, default)).encode("utf-8"))
        print(f"{event.pos.path}: revision {seq} ({today.isoformat()})")
        count += 1
    print(f"{count} event{'s' * (count != 1)} revised", file=sys.stderr)
    return 0

"""Saying what went wrong in a worker process, in one line a contributor can act on.

The feeds and API files, a share of the pages and the podcast audio are made in other
processes. When one of them fails, the reader needs the real cause (icalendar refused a
value, a file could not be written) and the content file it came from, not the mechanics
of processes ("No child processes", "BrokenProcessPool").
"""

from __future__ import annotations

import traceback


def content_file(tb) -> str | None:
    """The content file the failing code was working on: the innermost frame holding a model
    record (anything with a source position `pos`). Records carry their file, so no producer
    has to announce what it is working on."""
    found = None
    while tb is not None:
        for value in tb.tb_frame.f_locals.values():
            pos = getattr(value, "pos", None)
            path = getattr(pos, "path", None)
            if isinstance(path, str) and path:
                found = str(pos)
        tb = tb.tb_next
    return found


def describe(exc: BaseException) -> str:
    """'<content file>: <Type>: <message> (in <code file>:<line>)', each part where known."""
    frames = traceback.extract_tb(exc.__traceback__)
    where = f" (in {frames[-1].filename.rsplit('/', 2)[-1]}:{frames[-1].lineno})" if frames else ""
    message = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    text = f"{type(exc).__name__}: {message}" if message else type(exc).__name__
    record = content_file(exc.__traceback__)
    return f"{record}: {text}{where}" if record else f"{text}{where}"


class WorkerFailed(RuntimeError):
    """A worker process failed; the message is describe() of the child's exception."""

"""The one way the pipeline works in other processes: fork, run a function, send back its result
or its error (type, message, and the file and line where it was raised).

Used by the renderer (half the pages in a second process), by `coopsite build` (feeds and API
files while MkDocs builds the pages) and by the podcast's audio stage (one episode per core).
Forked children share the parent's memory as it was: nothing has to be pickled on the way in.

Forking a process that runs other threads can deadlock the child on a lock one of them held
(`mkdocs serve` runs server threads): then `can_fork()` is false and callers do the work here.
"""

from __future__ import annotations

import os
import pickle
import selectors
import sys
import threading
import traceback
from typing import Any, Callable, Iterable

from coopsite.core.failures import WorkerFailed, describe


def can_fork() -> bool:
    return hasattr(os, "fork") and threading.active_count() == 1


class ChildError(WorkerFailed):
    """What went wrong in a child, in one line (failures.describe: the content file it was working
    on, the exception's type and message, the code file and line); the child's traceback is kept
    in `trace` for a log."""

    def __init__(self, description: str, trace: str = ""):
        self.description, self.trace = description, trace
        super().__init__(description)


class Forked:
    """fn() running in a forked child. result() waits for it and returns what fn returned, or
    raises ChildError. Read the result before doing much else when it may be large: the child
    waits until the pipe is read."""

    def __init__(self, fn: Callable[[], Any]):
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: run, send, leave without running any cleanup of the parent
            code = 1
            try:
                os.close(read_end)
                try:
                    payload = pickle.dumps(("ok", fn()), protocol=pickle.HIGHEST_PROTOCOL)
                except BaseException as exc:  # noqa: BLE001  (every failure goes back to the parent)
                    payload = pickle.dumps(("error", describe(exc), traceback.format_exc()))
                with os.fdopen(write_end, "wb") as pipe:
                    pipe.write(payload)
                code = 0
            finally:
                os._exit(code)
        os.close(write_end)
        self.pid, self.fd = pid, read_end
        self._chunks: list[bytes] = []

    def _read_some(self) -> bool:
        """Read what is there; True at the end of the child's output."""
        chunk = os.read(self.fd, 1 << 20)
        if chunk:
            self._chunks.append(chunk)
            return False
        return True

    def result(self) -> Any:
        while not self._read_some():
            pass
        return self._finish()

    def _finish(self) -> Any:
        os.close(self.fd)
        _, status = os.waitpid(self.pid, 0)
        code = os.waitstatus_to_exitcode(status)
        data = b"".join(self._chunks)
        if not data:
            raise ChildError(f"the worker process ended with exit code {code} and sent nothing")
        message = pickle.loads(data)
        if message[0] == "ok":
            return message[1]
        raise ChildError(*message[1:])

    def abandon(self) -> None:
        """This process failed: stop the child and reap it."""
        try:
            os.kill(self.pid, 9)
        except ProcessLookupError:
            pass
        os.close(self.fd)
        os.waitpid(self.pid, 0)


def run_each(fn: Callable[[Any], Any], items: Iterable[Any], workers: int,
             done: Callable[[Any, Any, ChildError | None], None]) -> None:
    """fn(item) for every item, in up to `workers` forked children at a time (here, one after the
    other, when forking is unsafe or pointless). done(item, result, error) is called in this
    process as each one ends, in the order they end."""
    items = list(items)
    if workers <= 1 or len(items) <= 1 or not can_fork():
        for item in items:
            try:
                result, error = fn(item), None
            except Exception as exc:  # reported like a worker's failure, whichever process ran it
                result, error = None, ChildError(describe(exc), traceback.format_exc())
            done(item, result, error)
        return
    waiting = iter(items)
    running: dict[int, tuple[Forked, Any]] = {}
    with selectors.DefaultSelector() as sel:
        def start_next() -> None:
            item = next(waiting, _END)
            if item is not _END:
                child = Forked(lambda: fn(item))
                running[child.fd] = (child, item)
                sel.register(child.fd, selectors.EVENT_READ)

        for _ in range(workers):
            start_next()
        try:
            _collect(sel, running, done, start_next)
        finally:
            for child, _ in running.values():  # done() raised: stop the others
                child.abandon()


def _collect(sel, running, done, start_next) -> None:
    while running:
        for key, _ in sel.select():
            child, item = running[key.fd]
            if not child._read_some():
                continue
            sel.unregister(key.fd)
            del running[key.fd]
            try:
                result, error = child._finish(), None
            except ChildError as exc:
                result, error = None, exc
            done(item, result, error)
            start_next()


_END = object()


def warn(what: str, error: ChildError) -> None:
    print(f"coopsite: {what}: {error}", file=sys.stderr)

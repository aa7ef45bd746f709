"""The command line for the tests: one process per test process imports it once, then forks a child
for each call.

A test's `coopsite ...` (tests/conftest.coopsite) used to start an interpreter that imported the
package and its libraries again: about 0.25 s of CPU per call, for some 170 calls in a run, more
than the work of most of them. This server imports the command line and what a build loads, and
nothing else: it runs no command, so a child inherits no cache or state of an earlier run. Each
child takes the call's arguments, working folder, environment and standard streams, and runs
`coopsite.commands.cli.main` as `python -m coopsite.commands.cli` would (the same sys.argv and
sys.path[0], exit code, uncaught exceptions printed, atexit handlers run).

What a fork cannot give: an interpreter's own hash seed (every child of a server shares one) and
a choice of engine or Python setting made by environment variables before import. Calls that need
either run a real interpreter (coopsite(..., fresh=True), or an environment that sets PYTHON* or
COOPSITE_ENGINE differently).

Protocol, one JSON object per line: request {"args", "cwd", "env", "out", "err"} on the server's
standard input; replies {"pid"} when the child starts and {"code"} when it ends, on its standard
output. `Client` is the test process's side; run as a script, this file is the server.
"""

from __future__ import annotations

import atexit
import json
import os
import select
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

SERVER = Path(__file__)


class Client:
    """A test process's command-line server, started on first use."""

    def __init__(self):
        self.proc, self.env, self.pending, self.log = None, None, b"", None
        self.lock = threading.Lock()  # one call at a time: the server answers in order

    def can_run(self, env: dict) -> bool:
        """Whether a fork is the same as a new interpreter: settings read before import are the server's."""
        start = self.env if self.env is not None else os.environ
        return all(env.get(k) == start.get(k) for k in {*env, *start} if k.startswith("PYTHON") or k == "COOPSITE_ENGINE")

    def run(self, args: list[str], *, cwd: Path | None, env: dict, timeout: float) -> subprocess.CompletedProcess:
        with self.lock, tempfile.TemporaryDirectory(prefix="coopsite-call-") as tmp:
            if self.proc is None or self.proc.poll() is not None:
                self._start()
            out, err = Path(tmp) / "out", Path(tmp) / "err"
            self.proc.stdin.write(json.dumps({"args": args, "cwd": str(cwd or os.getcwd()), "env": env,
                                              "out": str(out), "err": str(err)}).encode() + b"\n")
            deadline = time.monotonic() + timeout
            pid = self._reply(deadline)["pid"]
            try:
                code = self._reply(deadline)["code"]
            except TimeoutError:
                os.kill(pid, signal.SIGKILL)
                self._reply(time.monotonic() + 60)
                raise subprocess.TimeoutExpired(["coopsite", *args], timeout) from None
            # read back as subprocess.run(text=True) would: the locale's encoding, universal newlines
            return subprocess.CompletedProcess(["coopsite", *args], code, out.read_text(), err.read_text())

    def _start(self) -> None:
        self.env, self.pending = dict(os.environ), b""
        self.log = tempfile.TemporaryFile()  # the server's own errors, for the message if it stops
        self.proc = subprocess.Popen([sys.executable, str(SERVER)], cwd=SERVER.parent.parent, stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=self.log, bufsize=0)
        atexit.register(self.proc.kill)

    def _reply(self, deadline: float) -> dict:
        """The server's next line (read from the pipe itself: a buffered reader could hold the
        second line while select() waits for the pipe)."""
        while b"\n" not in self.pending:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self.proc.stdout], [], [], left)[0]:
                raise TimeoutError
            chunk = os.read(self.proc.stdout.fileno(), 4096)
            if not chunk:
                self.log.seek(0)
                raise RuntimeError(f"the command-line server stopped (exit code {self.proc.wait()}):\n"
                                   + self.log.read().decode("utf-8", "replace")[-3000:])
            self.pending += chunk
        line, self.pending = self.pending.split(b"\n", 1)
        return json.loads(line)


def _serve() -> None:
    import importlib

    sys.path[0] = os.getcwd()  # as under `python -m`, from the folder the server started in
    from coopsite.site import engine

    engine.use()
    # what every command or build imports: the command line, the content types and the pipeline,
    # the engine, its theme and plugins (imported, never run)
    for name in ("coopsite.commands.cli", "coopsite.site.pipeline", "coopsite.site.mkdocs_plugin",
                 "coopsite.types", "mkdocs.commands.build", "mkdocs.config", "material", "mkdocs_static_i18n",
                 "coopsite.commands.new", "coopsite.commands.status", "coopsite.commands.translations"):
        importlib.import_module(name)
    from coopsite.commands import cli

    requests = os.fdopen(os.dup(0), "r", encoding="utf-8")
    replies = os.fdopen(os.dup(1), "w", encoding="utf-8")
    devnull = os.open(os.devnull, os.O_RDWR)
    os.dup2(devnull, 0)
    os.dup2(devnull, 1)
    for line in requests:
        call = json.loads(line)
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:
            requests.close()
            replies.close()
            _child(cli, call)
        replies.write(json.dumps({"pid": pid}) + "\n")
        replies.flush()
        _, status = os.waitpid(pid, 0)
        replies.write(json.dumps({"code": os.waitstatus_to_exitcode(status)}) + "\n")
        replies.flush()


def _child(cli, call: dict) -> None:
    import traceback

    code = 1
    try:
        out = os.open(call["out"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        err = os.open(call["err"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.dup2(out, 1)
        os.dup2(err, 2)
        os.close(out)
        os.close(err)
        os.chdir(call["cwd"])
        os.environ.clear()
        os.environ.update(call["env"])
        time.tzset()  # TZ may differ
        tempfile.tempdir = None  # and TMPDIR: found again from the call's environment
        sys.path[0] = os.getcwd()
        sys.argv = [cli.__file__, *call["args"]]
        try:
            sys.exit(cli.main())  # what `python -m` does with main's result
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
            if not isinstance(exc.code, (int, type(None))):
                print(exc.code, file=sys.stderr)
        except BaseException:  # noqa: BLE001 - what an interpreter does with an uncaught exception
            traceback.print_exc()
            code = 1
        atexit._run_exitfuncs()
    finally:
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        finally:
            os._exit(code if isinstance(code, int) else 1)


if __name__ == "__main__":
    _serve()

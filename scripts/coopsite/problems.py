"""Problems found in content: small values that know how to print themselves.

Every loader and rule appends to one Problems list instead of raising, so a
single run reports everything that is wrong (yamllint's habit).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    path: str  # relative to the repo root, with forward slashes
    line: int  # 1-based; 0 when the problem concerns the whole file
    col: int  # 1-based
    severity: str
    message: str
    hint: str = ""

    def __str__(self) -> str:
        where = self.path if self.line <= 0 else f"{self.path}:{self.line}:{self.col}"
        text = f"{where}: {self.severity}: {self.message}"
        if self.hint:
            text += f"\n    hint: {self.hint}"
        return text


@dataclass
class Problems:
    """An append-only collection of problems for one run."""

    items: list[Problem] = field(default_factory=list)
    # The same problem found twice (drafts are checked in a pass of their own, a file read
    # by two rules) is reported and counted once.
    _seen: set = field(default_factory=set, repr=False, compare=False)

    def add(self, path: str, line: int, col: int, message: str, *, hint: str = "",
            severity: str = ERROR) -> None:
        problem = Problem(path, line, col, severity, message, hint)
        if problem not in self._seen:
            self._seen.add(problem)
            self.items.append(problem)

    def error(self, path: str, line: int, col: int, message: str, hint: str = "") -> None:
        self.add(path, line, col, message, hint=hint)

    def warning(self, path: str, line: int, col: int, message: str, hint: str = "") -> None:
        self.add(path, line, col, message, hint=hint, severity=WARNING)

    def extend(self, others: Iterable[Problem]) -> None:
        for problem in others:
            if problem not in self._seen:
                self._seen.add(problem)
                self.items.append(problem)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if p.severity == ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.items if p.severity == WARNING]

    def __iter__(self) -> Iterator[Problem]:
        return iter(sorted(set(self.items)))

    def __len__(self) -> int:
        return len(self.items)

    def summary(self) -> str:
        e, w = len(self.errors), len(self.warnings)
        return f"{e} error{'s' * (e != 1)}, {w} warning{'s' * (w != 1)}"


class ContentError(Exception):
    """Raised at the edge (CLI, plugin) when a run found errors."""

    def __init__(self, problems: Problems):
        self.problems = problems
        super().__init__(problems.summary())


def rel(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A hint for a misspelt key or value, or the list of allowed ones."""
    choices = sorted(set(choices))
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    if close:
        return f"did you mean '{close[0]}'?"
    return "allowed: " + ", ".join(choices)

"""Writing what the pipeline produced: generated pages into docs_dir, files into site_dir.

Generated pages are real files inside docs_dir (mkdocs-static-i18n 1.3.1 cannot
handle virtual files), rewritten only when their text changed, so `mkdocs serve`
does not rebuild in a loop. Files no longer produced are removed.
"""

from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

from coopsite.core import parallel
from coopsite.core.failures import WorkerFailed, describe

# docs_dir-relative places owned by the pipeline. Keep .gitignore in step (a test checks it).
GENERATED_DIRS = ("recommendations", "podcast", "calendar", "translations", "blog")
GENERATED_GLOBS = ("index.*.md",)
# Hand-written sources that live inside a generated folder and must never be touched.
PROTECTED = ("blog/posts", "blog/authors.yml", "blog/tags.yml", "blog/images")


def _owned(rel: str) -> bool:
    if any(rel == p or rel.startswith(p + "/") for p in PROTECTED):
        return False
    top = rel.split("/", 1)[0]
    if "/" in rel and top in GENERATED_DIRS:
        return True
    return any(Path(rel).match(g) for g in GENERATED_GLOBS) and "/" not in rel


def write_pages(docs_dir: Path, pages: dict[str, str]) -> int:
    """Write changed pages, delete stale generated ones. Returns how many files changed.

    Thousands of small files on the build's critical path: the generated files on disk are
    listed once, so a new page is written without a failed attempt to read it first, and each
    new folder is made once."""
    changed = 0
    base = os.fspath(docs_dir)
    existing = set(_existing_generated(docs_dir))
    made: set[str] = set()
    for rel, text in pages.items():
        if not _owned(rel):
            raise ValueError(f"generated page outside the generated folders: {rel}")
        data = text.encode("utf-8")
        target = os.path.join(base, rel)
        if rel in existing:
            try:
                with open(target, "rb") as fh:
                    if fh.read() == data:
                        continue
            except OSError:
                pass
        else:
            folder = os.path.dirname(target)
            if folder not in made:
                os.makedirs(folder, exist_ok=True)
                made.add(folder)
        atomic_write(target, data, folder_exists=True)
        changed += 1
    stale = sorted(existing - pages.keys())
    for rel in stale:
        os.unlink(os.path.join(base, rel))
        changed += 1
    if stale:
        _remove_empty_folders(base, {os.path.dirname(rel) for rel in stale})
    return changed


def _remove_empty_folders(base: str, folders: set[str]) -> None:
    """Generated folders left empty by removed pages go too (a deleted cycle leaves no litter in
    content/; and on ext4, creating files again in a folder that just lost thousands is several
    times slower than in a new one). Never a hand-written folder, never one that still holds a file."""
    for rel in sorted(folders, key=lambda r: r.count("/"), reverse=True):
        while rel:
            if not _owned(rel + "/x") or rel in PROTECTED:
                break
            try:
                os.rmdir(os.path.join(base, rel))
            except OSError:  # not empty (or already gone)
                break
            rel = os.path.dirname(rel)


def _existing_generated(docs_dir: Path):
    """docs_dir-relative paths (with /) of the generated files now on disk."""
    base = os.fspath(docs_dir)
    for g in GENERATED_GLOBS:
        for path in docs_dir.glob(g):
            yield path.name
    for d in GENERATED_DIRS:
        for folder, _, names in os.walk(os.path.join(base, d)):
            prefix = os.path.relpath(folder, base).replace(os.sep, "/") + "/"
            for name in names:
                if _owned(prefix + name):
                    yield prefix + name


def write_files(site_dir: Path, files: dict[str, bytes]) -> None:
    for rel, data in files.items():
        atomic_write(site_dir / rel, data)


def copy_files(site_dir: Path, copies: dict[str, str]) -> int:
    """Publish big files (podcast audio) as they are: a hard link when the cache and site_dir share a
    file system (instant, no extra space), else a copy. Returns how many were linked or copied."""
    count = 0
    for rel, source in copies.items():
        target = site_dir / rel
        src = Path(source)
        try:
            if os.path.samefile(src, target):
                continue
        except OSError:
            pass
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        try:
            os.link(src, tmp)
        except OSError:
            shutil.copyfile(src, tmp)
            os.chmod(tmp, 0o644)
        os.replace(tmp, target)
        count += 1
    return count


def atomic_write(target: Path | str, data: bytes, *, folder_exists: bool = False) -> None:
    """Write to a temporary file beside the target, then rename: never a half-written file.

    The temporary name is unique per process and thread (cheaper than mkstemp's random names,
    which matters for the thousands of generated pages); a leftover of a crash is replaced."""
    target = os.fspath(target)
    folder, name = os.path.split(target)
    if not folder_exists:
        os.makedirs(folder or ".", exist_ok=True)
    tmp = os.path.join(folder, f".{name}.{os.getpid()}-{threading.get_ident()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    try:
        with os.fdopen(fd, "wb") as fh:
            os.fchmod(fh.fileno(), 0o644)  # whatever the umask: the site's files are world-readable
            fh.write(data)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


class FilesJob:
    """Feeds and API files made in a forked process while MkDocs builds the pages.

    On two cores this hides their cost behind MkDocs'. The child writes into a
    staging folder; finish() waits for it and moves the files into the site.
    Where forking is unsafe or unavailable, the files are simply made at finish().
    """

    def __init__(self, result, staging: Path):
        self.result, self.staging, self.child = result, staging, None
        if parallel.can_fork():
            staging.mkdir(parents=True, exist_ok=True)
            self.child = parallel.Forked(lambda: write_files(staging, result.files))
        result.hand_files_to(self)

    def abandon(self) -> None:
        """The build failed: stop the child and drop what it made."""
        if self.child is not None:
            self.child.abandon()
            self.child = None

    def finish(self, site_dir: Path) -> None:
        """Raises WorkerFailed, naming the child's error and the content file, if the child failed."""
        if self.child is None:  # made here (no fork, or other threads alive): reported the same way
            try:
                write_files(site_dir, self.result.files)
            except Exception as exc:
                raise WorkerFailed(f"making the feeds and API files failed: {describe(exc)}") from exc
            return
        child, self.child = self.child, None
        try:
            child.result()
        except parallel.ChildError as error:
            raise WorkerFailed(f"making the feeds and API files failed: {error}") from None
        for path in sorted(self.staging.rglob("*")):
            if path.is_file():
                target = site_dir / path.relative_to(self.staging)
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(path, target)

"""What a pull request may link to: nothing outside the folder it belongs to.

Git stores symbolic links, so a pull request can add `content/assets/env.txt ->
/proc/self/environ`; MkDocs copies whatever a link in docs_dir points to, and the
pipeline reads whatever a content file points to. The rule, one function for
`check`, `build`, `export` and `serve` (they all start with build_catalog):

- a symbolic link (to a file or a folder, at any depth) inside a top-level content
  folder (content/, recommendations/, podcasts/, the media folder) must resolve
  inside that same folder, must not point to nothing, and a folder link must not
  point to a folder that contains it (MkDocs would walk it forever);
- the top-level folders and the settings files themselves are not links;
- only regular files and folders: no FIFOs, sockets or devices (a FIFO hangs a reader).

Paths written inside content (images, audio, transcripts, covers) are checked by
their loaders against their own, narrower folders.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path, PurePosixPath

from .problems import Problems

CONTENT_FOLDERS = ("content", "recommendations", "podcasts")
SETTINGS_FILES = ("mkdocs.yml", "coopsite.yml")
MEDIA_DIR_ENV = "COOPSITE_MEDIA_DIR"

HINT_LINK = ("replace the link by the file itself, or remove it: content may only link to files "
             "inside its own folder (see README, 'Security')")


def _inside(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def check_tree(root: Path, problems: Problems) -> None:
    """Report every link or special file that breaks the rule above, by its path and target."""
    root = Path(root)
    for name in SETTINGS_FILES:
        path = root / name
        if path.is_symlink():
            problems.error(name, 0, 0, f"{name} is a symbolic link (to {os.readlink(path)})",
                           "settings files must be plain files in the repository")
    folders = [(root / name, name) for name in CONTENT_FOLDERS]
    media = os.environ.get(MEDIA_DIR_ENV)
    if media:
        folders.append((Path(media).expanduser(), f"${MEDIA_DIR_ENV}"))
    for folder, label in folders:
        if folder.is_symlink() and label in CONTENT_FOLDERS:
            problems.error(label, 0, 0, f"the folder {label}/ is a symbolic link (to {os.readlink(folder)})",
                           "content folders must be real folders in the repository")
            continue
        if folder.is_dir():
            _walk(folder, root, label, problems)


def _rel(path: str, root: Path, folder: Path, label: str) -> str:
    try:
        return Path(path).relative_to(root).as_posix()
    except ValueError:  # the media folder may lie outside the repository
        return f"{label}/{Path(path).relative_to(folder).as_posix()}"


def _walk(folder: Path, root: Path, label: str, problems: Problems) -> None:
    real_folder = os.path.realpath(folder)
    for base, dirs, files in os.walk(folder):  # never follows links: each is judged where it stands
        for name in sorted(dirs + files):
            path = os.path.join(base, name)
            try:
                st = os.lstat(path)
            except OSError:
                continue
            rel = _rel(path, root, folder, label)
            if stat.S_ISLNK(st.st_mode):
                message = _link_problem(path, real_folder, label)
                if message:
                    problems.error(rel, 0, 0, message, HINT_LINK)
            elif not (stat.S_ISREG(st.st_mode) or stat.S_ISDIR(st.st_mode)):
                problems.error(rel, 0, 0, "not a regular file (a pipe, socket or device)",
                               "remove it: content folders hold only files and folders")


def _link_problem(path: str, real_folder: str, label: str) -> str | None:
    target = os.readlink(path)
    real = os.path.realpath(path)
    shown = label if label.startswith("$") else f"{label}/"
    if not os.path.exists(real):
        return f"symbolic link to '{target}', which does not exist"
    if not _inside(real, real_folder):
        return f"symbolic link to '{target}' ({real}), outside {shown}"
    if os.path.isdir(real) and _inside(os.path.realpath(os.path.dirname(path)), real):
        return f"symbolic link to '{target}', a folder that contains the link itself (a loop)"
    return None


def escapes(path: Path, relpath: str) -> tuple[str, str] | None:
    """(message, hint) when reading `path` would leave its top-level folder through a link.

    `relpath` is the path from the repository's root, so its first part names the folder
    (for a file at the root, the repository itself). A second line of defence behind
    check_tree, at the one place content files are read (source.read_text)."""
    parts = PurePosixPath(relpath).parts
    if not parts or relpath.startswith(("/", "$")) or ".." in parts:
        return None
    path = Path(path)
    try:
        base = path.parents[len(parts) - 2] if len(parts) > 1 else path.parent
    except IndexError:
        return None
    if not path.is_symlink() and not any(p.is_symlink() for p in path.parents[: max(len(parts) - 1, 0)]):
        return None  # the common case, no link on the way: no realpath walk
    real = os.path.realpath(path)
    if _inside(real, os.path.realpath(base)):
        return None
    return f"symbolic link to {real}, outside {parts[0] if len(parts) > 1 else 'the repository'}", HINT_LINK

"""coopsite: validate and build the Smart in Progress site.

  coopsite check                 validate all content, print every problem
  coopsite build                 check, then build the whole site into site/
  coopsite serve                 live preview on http://127.0.0.1:8000/
  coopsite edit                  the web editor on the working copy, no account (http://127.0.0.1:8081/admin/)
  coopsite export DIR            JSON API and feeds only, without the HTML site
  coopsite status ID STATUS      record a new status of a recommendation
  coopsite translations          translation coverage; --stamp after a review
  coopsite revise [FILE...]      record a new revision of changed events (iCalendar SEQUENCE)
  coopsite new TYPE              a new recommendation, post, episode or event from a template
  coopsite bench [build|languages|audio]   speed and memory, side by side (not a test)
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import logging
import os
import shutil
import sys
import time
from pathlib import Path

from coopsite import __version__
from coopsite.core.failures import WorkerFailed, describe
from coopsite.site import engine

engine.use()  # ProperDocs, before anything imports mkdocs (see site/engine.py)

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3


class Progress:
    """One line per stage on stderr, with its duration: long builds show where they are."""

    def __init__(self, quiet: bool = False):
        self.quiet = quiet
        self.t0 = time.perf_counter()

    def __call__(self, message: str) -> None:
        if not self.quiet:
            print(f"[{time.perf_counter() - self.t0:6.1f}s] {message}", file=sys.stderr, flush=True)


def find_root(start: Path | None = None) -> Path:
    here = (start or Path.cwd()).resolve()
    for candidate in (here, *here.parents):
        if (candidate / "mkdocs.yml").exists() and (candidate / "recommendations").is_dir():
            return candidate
    return here


def print_problems(problems, *, show_warnings: bool = True, stream=None) -> None:
    stream = stream or sys.stdout
    for p in problems:
        if p.severity == "error" or show_warnings:
            print(p, file=stream)


def cmd_check(args) -> int:
    from coopsite.site.pipeline import run

    progress = Progress(args.quiet)
    progress("checking content")
    result = run(args.root, drafts=args.drafts, outputs=False, log=progress)
    print_problems(result.problems, show_warnings=not args.errors_only)
    cat = result.catalog
    progress(f"{_counts(cat)}: {result.problems.summary()}")
    failed = bool(result.problems.errors)
    if getattr(args, "release", False):
        # The release gate: one line per placeholder setting or example switch (core/release.py).
        from coopsite.core.release import release_problems

        gate = release_problems(args.root, cat)
        print_problems(gate, show_warnings=True)
        progress(f"release: {len(gate.errors)} placeholder{'s' * (len(gate.errors) != 1)} or example"
                 f" setting{'s' * (len(gate.errors) != 1)}" + ("" if gate.errors else ": ready to publish"))
        failed = failed or bool(gate.errors)
    return EXIT_PROBLEMS if failed else EXIT_OK


def _counts(cat) -> str:
    """'38 recommendations, 1 post, 1 episode, 7 events, 1 draft' (drafts are checked, not published)."""
    def n(count: int, one: str, many: str) -> str:
        return f"{count} {one if count == 1 else many}"

    parts = [n(len(cat.recommendations), "recommendation", "recommendations"), n(len(cat.posts), "post", "posts"),
             n(len(cat.episodes), "episode", "episodes"), n(len(cat.events), "event", "events")]
    if cat.drafts_checked:
        parts.append(n(cat.drafts_checked, "draft", "drafts"))
    return ", ".join(parts)


def _quiet_mkdocs(verbose: bool) -> None:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    level = logging.INFO if verbose else logging.WARNING
    logging.basicConfig(format="%(levelname)s - %(message)s", level=level)
    logging.getLogger("mkdocs").setLevel(level)


def build_site(root: Path, site_dir: Path, progress: Progress, *, strict: bool = False,
               verbose: bool = False, jobs: int | None = None) -> int:
    """Check, then build into a temporary folder and swap it in: site/ is never half-written."""
    from coopsite.site.pipeline import run

    progress("loading and checking content")
    # The pipeline builds a large graph of objects that has no reference cycles: the cyclic
    # garbage collector would only scan it again and again (8 % of the pipeline's time).
    gc.disable()
    try:
        result = run(root, log=progress, workers=min(2, os.cpu_count() or 1))
    finally:
        gc.enable()
    print_problems(result.problems)
    if not result.ok:
        progress(f"{result.problems.summary()}: nothing was built; {site_dir.name}/ is unchanged")
        return EXIT_PROBLEMS
    progress(f"content ok ({result.problems.summary()}): {len(result.pages)} generated pages, "
             f"{len(result.site_copies)} media files")
    changed = result.write_pages(root / "content")
    progress(f"generated pages written ({changed} changed)")
    # The pipeline's objects stay alive during the MkDocs build: keep the garbage
    # collector from scanning them again and again.
    gc.freeze()

    _quiet_mkdocs(verbose)
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    site_dir = site_dir.resolve()
    removed = remove_leftovers(site_dir)
    if removed:
        progress(f"removed {removed} folder{'s' * (removed != 1)} left by earlier interrupted builds")
    tmp = site_dir.with_name(f"{site_dir.name}.tmp-{os.getpid()}")
    shutil.rmtree(tmp, ignore_errors=True)
    # MkDocs dates the sitemap from SOURCE_DATE_EPOCH: the content's latest date, unless the caller
    # set one. Taken back after the build: a process that builds twice (tests, a caller's script)
    # would otherwise date its next site from this one's content.
    ours = "SOURCE_DATE_EPOCH" not in os.environ
    os.environ.setdefault("SOURCE_DATE_EPOCH", str(_epoch(result.catalog)))
    progress(f"building the site with MkDocs ({', '.join(result.catalog.config.languages.all)}); "
             f"feeds and API files in parallel")
    from coopsite.core.output import FilesJob
    from coopsite.site import languages

    staging = site_dir.with_name(f"{site_dir.name}.files-{os.getpid()}")
    job = FilesJob(result, staging)
    try:
        cfg = load_config(str(root / "mkdocs.yml"), site_dir=str(tmp), strict=strict)
        languages.enable(cfg, jobs if jobs is not None else languages.jobs_for(len(result.catalog.config.languages.all)))
        build(cfg)
        job.finish(tmp)
    except (MkDocsException, OSError, ValueError, WorkerFailed) as exc:
        job.abandon()
        shutil.rmtree(tmp, ignore_errors=True)
        shutil.rmtree(staging, ignore_errors=True)
        print(f"error: the site could not be built: {os_error_line(exc) if isinstance(exc, OSError) else exc}",
              file=sys.stderr)
        progress(f"nothing was published; {site_dir.name}/ is unchanged")
        return EXIT_PROBLEMS
    finally:
        if ours:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
    old = site_dir.with_name(f"{site_dir.name}.old-{os.getpid()}")
    try:
        swap_in(tmp, site_dir, old)
    except OSError as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        shutil.rmtree(staging, ignore_errors=True)
        print(f"error: the new site could not replace {site_dir.name}/: {os_error_line(exc)}", file=sys.stderr)
        print(f"    hint: make {site_dir.parent} and {site_dir.name}/ writable by this user, or build elsewhere "
              "with --site-dir", file=sys.stderr)
        progress(f"nothing was published; {site_dir.name}/ is unchanged")
        return EXIT_PROBLEMS
    shutil.rmtree(old, ignore_errors=True)
    shutil.rmtree(staging, ignore_errors=True)
    progress(f"site built in {site_dir}")
    return EXIT_OK


LEFTOVER_KINDS = ("tmp", "files", "old")


def remove_leftovers(site_dir: Path) -> int:
    """Remove the temporary folders of earlier builds of this site that were killed: only our own
    names (<site>.tmp-<pid>, .files-<pid>, .old-<pid>) and only when that process is gone, so a
    build running beside this one keeps its folders."""
    removed = 0
    parent = site_dir.parent
    if not parent.is_dir():
        return 0
    for path in parent.iterdir():
        kind, _, pid = path.name[len(site_dir.name) + 1:].partition("-")
        if not (path.name.startswith(site_dir.name + ".") and kind in LEFTOVER_KINDS and pid.isdigit()):
            continue
        if int(pid) == os.getpid() or _alive(int(pid)) or path.is_symlink():
            continue
        shutil.rmtree(path, ignore_errors=True)
        removed += not path.exists()
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    return True


def swap_in(tmp: Path, site_dir: Path, old: Path) -> None:
    """Put the new site in place; if that fails half-way, put the previous one back."""
    had_site = site_dir.exists()
    if had_site:
        site_dir.rename(old)
    try:
        tmp.rename(site_dir)
    except OSError:
        if had_site:
            old.rename(site_dir)
        raise


def os_error_line(exc: OSError) -> str:
    """'Permission denied: /path' rather than '[Errno 13] Permission denied: '/path''."""
    what = exc.strerror or str(exc)
    names = [n for n in (exc.filename, exc.filename2) if n]
    return f"{what}: {' -> '.join(str(n) for n in names)}" if names else what


def _epoch(catalog) -> int:
    from coopsite.core.links import latest_date

    d = latest_date(catalog)
    return int(dt.datetime(d.year, d.month, d.day, tzinfo=dt.timezone.utc).timestamp())


def cmd_build(args) -> int:
    site = Path(args.site_dir) if args.site_dir else args.root / "site"
    if args.jobs is not None and args.jobs < 1:
        print("error: --jobs must be 1 or more", file=sys.stderr)
        return EXIT_PROBLEMS
    return build_site(args.root, site, Progress(args.quiet), strict=args.strict, verbose=args.verbose,
                      jobs=args.jobs)


def cmd_edit(args) -> int:
    from coopsite.cms.local import run

    return run(args.root, args.port, open_browser=not args.no_browser)


def cmd_serve(args) -> int:
    _quiet_mkdocs(True)
    from mkdocs.commands.serve import serve

    from coopsite.site.pipeline import run

    result = run(args.root, drafts=True)
    print_problems(result.problems)
    if result.ok:
        result.write_pages(args.root / "content")
    try:
        serve(config_file=str(args.root / "mkdocs.yml"), dev_addr=args.dev_addr, livereload=True)
    except KeyboardInterrupt:
        pass
    return EXIT_OK


def cmd_export(args) -> int:
    from coopsite.core.output import copy_files, write_files
    from coopsite.site.pipeline import run

    progress = Progress(args.quiet)
    result = run(args.root, log=progress)
    print_problems(result.problems)
    if not result.ok:
        return EXIT_PROBLEMS
    out = Path(args.dir)
    write_files(out, result.files)
    copy_files(out, result.site_copies)
    progress(f"{len(result.files) + len(result.site_copies)} files written to {out}")
    for rel in sorted({*result.files, *result.site_copies}):
        print(out / rel)
    return EXIT_OK


def cmd_status(args) -> int:
    from coopsite.commands.status import set_status

    return set_status(args.root, args.id, args.status, args.note, args.date, args.lang)


def cmd_translations(args) -> int:
    from coopsite.commands.translations import run_translations

    return run_translations(args)


def cmd_revise(args) -> int:
    from coopsite.site.catalog import build_date
    from coopsite.commands.revise import revise

    return revise(args.root, args.files, build_date())


def cmd_new(args) -> int:
    from coopsite.commands.new import run_new

    return run_new(args)


def cmd_bench(args) -> int:
    from coopsite.commands.bench import main as bench_main

    return bench_main(args, Progress(args.quiet))


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="coopsite", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--version", action="version", version=f"coopsite {__version__}")
    p.add_argument("--root", type=Path, default=None, help="the repository (default: found from the current folder)")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    def add(name, fn, help_text, description=None):
        sp = sub.add_parser(name, help=help_text, description=description or help_text)
        sp.add_argument("-q", "--quiet", action="store_true", help="no progress lines")
        sp.set_defaults(fn=fn)
        return sp

    sp = add("check", cmd_check, "validate all content and print every problem (exit 1 on errors)")
    sp.add_argument("--drafts", action="store_true",
                    help="count drafts as if published (drafts are always checked; this flag is kept for old scripts)")
    sp.add_argument("--errors-only", action="store_true", help="do not print warnings")
    sp.add_argument("--release", action="store_true",
                    help="also refuse what must not go public: placeholder settings (example.org addresses), "
                         "examples: true, placeholder addresses in published content")

    sp = add("build", cmd_build, "check, then build the whole site (all languages, feeds, API)",
             "Check the content, then build the site into a temporary folder and swap it in "
             "only if everything succeeded: site/ is never left half-written.")
    sp.add_argument("--site-dir", help="where to build (default: site/)")
    sp.add_argument("--strict", action="store_true", help="treat MkDocs warnings (broken links...) as errors")
    sp.add_argument("-v", "--verbose", action="store_true", help="show MkDocs' own messages")
    sp.add_argument("-j", "--jobs", type=int, default=None, metavar="N",
                    help="processes that build the languages (default: one per language on 2 cores or more; "
                         "1: one after the other, as `mkdocs build`); the site is the same")

    sp = add("serve", cmd_serve, "live preview: rebuilds when content changes")
    sp.add_argument("-a", "--dev-addr", default="127.0.0.1:8000", help="address and port (default 127.0.0.1:8000)")

    sp = add("edit", cmd_edit, "the web editor (Decap CMS) on the working copy, without any account",
             "Serve the web editor of /admin/ against this working copy (Decap's local backend): saving writes "
             "the files here, and `coopsite check` runs after each save. Only this computer can reach it.")
    sp.add_argument("--port", type=int, default=8081, help="port on 127.0.0.1 (default 8081)")
    sp.add_argument("--no-browser", action="store_true", help="do not open a browser")

    sp = add("export", cmd_export, "write the JSON API and the feeds into a folder, without the HTML site")
    sp.add_argument("dir", nargs="?", default="export", help="output folder (default: export/)")

    from coopsite.types.recommendations.model import Status
    sp = add("status", cmd_status, "record a new status of a recommendation (keeps the rest of its file as is)",
             "Append an entry to the recommendation's history and set its status. The rest of the "
             "file (comments, order, quoting) stays byte-for-byte the same.")
    sp.add_argument("id", help="the recommendation's id, e.g. sip2021-07")
    sp.add_argument("status", choices=Status.values(), metavar="STATUS",
                    help="one of: " + ", ".join(Status.values()))
    sp.add_argument("--note", required=True, help="why, or what happened (in the language given by --lang)")
    sp.add_argument("--lang", default="nl", help="language of the note (default nl)")
    sp.add_argument("--date", help="date of the change, YYYY-MM-DD (default: today)")

    sp = add("translations", cmd_translations, "translation coverage per content type and language",
             "Print coverage per content type and language, with the files whose translation is "
             "missing or outdated. After reviewing a translation, --stamp FILE records that it "
             "matches the current original.")
    sp.add_argument("--terms", action="store_true",
                    help="list only the termbase (termbase.yml): the term to use per language and the variants to avoid")
    sp.add_argument("--stamp", nargs="*", metavar="FILE", help="mark the translations in FILE(s) as up to date "
                    "(no FILE: every file whose translations have never been stamped)")
    sp.add_argument("--lang", action="append", help="only this language (repeatable)")

    sp = add("revise", cmd_revise, "record a new revision of events whose date, time, place or status changed",
             "Raise the revision (iCalendar SEQUENCE) of each named event file whose schedule changed since its "
             "last revision, date it today ($COOPSITE_TODAY if set) and store the schedule's fingerprint, so that "
             "calendar apps take the change. Without FILE: every event that changed or was never revised. "
             "The rest of each file stays as it is.")
    sp.add_argument("files", nargs="*", metavar="FILE", help="event files (content/events/<id>.yml)")

    from coopsite.commands.new import SCAFFOLDS
    sp = add("new", cmd_new, "create a new content file from a template (asks what it needs)",
             "Create a valid file for a new item, in the right folder. Give the fields as options, "
             "or run it in a terminal and answer the questions. The file passes `coopsite check` as it is.")
    types = sp.add_subparsers(dest="type", metavar="TYPE", required=True)
    for name, (add_arguments, _) in SCAFFOLDS.items():
        tp = types.add_parser(name, help=f"a new {name}")
        tp.add_argument("--lang", default="nl", help="language you write in (default nl)")
        tp.add_argument("--force", action="store_true", help="overwrite an existing file")
        add_arguments(tp)
        tp.set_defaults(fn=cmd_new, quiet=False)

    sp = add("bench", cmd_bench, "measure build speed and memory (prints medians and ratios; not a test)",
             "Benchmarks, measured side by side in one run. 'build' (default): the full build against a plain "
             "MkDocs build of the same generated Markdown, at --scale and 4x --scale copies of the shipped "
             "content. 'languages': one trilingual build against three single-language builds in parallel. "
             "'audio': the podcast audio pipeline against a bare ffmpeg transcode.")
    sp.add_argument("target", nargs="?", default="build", choices=["build", "languages", "audio", "preview"])
    sp.add_argument("--scale", type=int, default=20, help="copies of the shipped content (default 20)")
    sp.add_argument("--factor", type=int, default=4, help="build: the second scale is this many times the first (default 4: 20x and 80x)")
    sp.add_argument("--repeat", type=int, default=5, help="runs per measurement; medians are reported (default 5: the machines are shared and noisy)")
    sp.add_argument("--minutes", type=float, default=30, help="audio: length of the generated master (default 30)")
    sp.add_argument("--keep", action="store_true", help="audio: keep the temporary folder (master and outputs)")
    sp.add_argument("--workdir", metavar="DIR", help="build: where the corpora and sites are made (default: the "
                    "system's temporary folder; /dev/shm takes the disk out of the comparison)")
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if not getattr(args, "fn", None):
        parser().print_help()
        return EXIT_USAGE
    args.root = (args.root or find_root()).resolve()
    if not (args.root / "mkdocs.yml").exists():
        print(f"error: {args.root} is not the site's repository (no mkdocs.yml); use --root", file=sys.stderr)
        return EXIT_USAGE
    try:
        return args.fn(args)
    except KeyboardInterrupt:
        return 130
    except OSError as exc:  # a file the command could not read or write: one line, what and where
        print(f"error: {os_error_line(exc)}", file=sys.stderr)
        print("    hint: check that the file or folder exists and that you may write there", file=sys.stderr)
        return EXIT_PROBLEMS
    except Exception as exc:  # a bug: one line for the contributor, the traceback on demand
        if os.environ.get("COOPSITE_DEBUG"):
            raise
        print(f"internal error: {describe(exc)}", file=sys.stderr)
        print("    hint: this is a bug in coopsite, not in your content: please report it with this line "
              "(COOPSITE_DEBUG=1 shows the full traceback)", file=sys.stderr)
        return EXIT_INTERNAL


if __name__ == "__main__":
    sys.exit(main())

"""`coopsite bench`: build speed and memory, measured side by side in one run.

Not a timed test: it prints medians and ratios for a person to read (and for
the README), because shared machines are too noisy for pass/fail on seconds.

  coopsite bench             full build vs plain MkDocs at 20x and 80x the shipped content
  coopsite bench languages   one trilingual build vs three single-language builds in parallel
  coopsite bench preview     seconds from an edit to the open page of `coopsite serve` showing it
  coopsite bench audio       the podcast audio pipeline vs a bare ffmpeg transcode (coopsite.types.podcast.audio.bench)
"""

from __future__ import annotations

import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from coopsite.core.machine import machine
from coopsite.site import engine
from coopsite.types import CONTENT_TYPES

def _rebuild_without_change(root: Path, site: Path) -> list[str]:
    """Build the same corpus again into the site its last measured build made: how long, and
    whether any audio was processed."""
    env = dict(os.environ, **ENV)
    flush_writes()
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "coopsite.commands.cli", "--root", str(root), "build", "--site-dir", str(site)],
                          env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - t0
    audio = [line.split("] ", 1)[-1] for line in proc.stderr.splitlines() if "episodes ready" in line]
    return [f"rebuild with no change: {elapsed:.2f}s; " + (audio[0] if audio else "no audio stage line")]


# Checks printed after the build figures: fn(root, site of its last full build) -> list of lines.
REBUILD_CHECKS = (_rebuild_without_change,)

ENV = {"NO_MKDOCS_2_WARNING": "1", "PYTHONHASHSEED": "0"}


# --- corpus -------------------------------------------------------------------

BASE_FILES = ("mkdocs.yml", "coopsite.yml")
BASE_DIRS = ("content/_partials", "content/assets")


def make_corpus(src: Path, dest: Path, copies: int) -> Path:
    """A site tree with `copies` copies of the shipped content (ids made unique)."""
    dest.mkdir(parents=True)
    for f in BASE_FILES:
        shutil.copy2(src / f, dest / f)
    for d in BASE_DIRS:
        shutil.copytree(src / d, dest / d)
    for page in (src / "content").glob("*.md"):
        if not page.name.startswith("index."):
            shutil.copy2(page, dest / "content" / page.name)
    (dest / "recommendations").mkdir()
    for reg in (src / "recommendations").glob("*.yml"):
        shutil.copy2(reg, dest / "recommendations" / reg.name)
    for i in range(copies):
        for content_type in CONTENT_TYPES:  # each type copies its own files (its bench face)
            content_type.bench_clone(src, dest, i)
    _seed_audio_cache(src, dest)
    return dest


def _seed_audio_cache(src: Path, dest: Path) -> None:
    """The corpus starts with the source's processed audio (hard links: no copy, no space; the
    cache never writes into an existing file, it renames new ones into place), so the warm-up
    build only tags the copies' episodes instead of encoding the shipped ones again. The source's
    own cache is never written to."""
    cache = src / ".cache" / "audio"
    if not cache.is_dir():
        return
    target = dest / ".cache" / "audio"
    target.mkdir(parents=True, exist_ok=True)
    for entry in cache.iterdir():
        if entry.is_file() and not entry.is_symlink() and not entry.name.startswith("."):
            try:
                os.link(entry, target / entry.name)
            except OSError:  # another file system, or links not allowed
                shutil.copy2(entry, target / entry.name)


# --- measuring ----------------------------------------------------------------

def flush_writes() -> None:
    """Flush what earlier runs wrote (sites of thousands of files, removed folders) before a clock
    starts: otherwise the kernel writes it back during the next run, which is then measured slow."""
    if hasattr(os, "sync"):
        os.sync()


def run_measured(cmd: list[str], cwd: Path | None = None) -> tuple[float, int, str]:
    """Wall time, peak RSS (KiB) of this process or the largest of its forked helpers, and stdout."""
    env = dict(os.environ, **ENV)
    flush_writes()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=out, stderr=err)
        # wait4 gives this child's own resource use (getrusage(RUSAGE_CHILDREN) would give the
        # largest of every process started so far, the other side of the comparison included)
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace")
    if proc.returncode:
        raise RuntimeError(f"{' '.join(cmd)} failed:\n{stderr[-2000:]}")
    return elapsed, usage.ru_maxrss, stdout


PIPELINE_ONLY = """
import sys, time
from pathlib import Path

from coopsite.core.machine import machine
from coopsite.types import CONTENT_TYPES
t0 = time.perf_counter()
from coopsite.site.pipeline import run
from coopsite.core.output import write_pages
root = Path(sys.argv[1])
import os
r = run(root, workers=min(2, os.cpu_count() or 1))  # as `coopsite build` does
write_pages(root / "content", r.pages)
print(f"{time.perf_counter() - t0:.4f} {len(r.pages)}")
"""

PLAIN_MKDOCS = """
import sys, time, logging
logging.disable(logging.WARNING)
from coopsite.site import engine
engine.use()  # the same engine as `coopsite build`
from mkdocs.commands.build import build
from mkdocs.config import load_config
t0 = time.perf_counter()
cfg = load_config(sys.argv[1], site_dir=sys.argv[2])
# the same linear search de-duplication the coopsite plugin installs, so that the
# comparison measures the pipeline and not that fix
from coopsite.site.i18n_search import install
install(cfg.plugins["i18n"])
build(cfg)
print(f"{time.perf_counter() - t0:.4f}")
"""


def plain_config(root: Path) -> Path:
    """mkdocs.yml without the coopsite plugin: MkDocs alone on the already generated Markdown."""
    text = (root / "mkdocs.yml").read_text(encoding="utf-8")
    text = re.sub(r"^  - coopsite\n", "", text, flags=re.M)
    target = root / "mkdocs.plain.yml"
    target.write_text(text, encoding="utf-8")
    return target


def _clean_generated(root: Path, trash: Path) -> None:
    """Take the generated pages out of content/ (and only those: blog posts live inside
    content/blog), so that the measured full build writes them all, as on a fresh clone. They
    are moved to `trash` rather than deleted: on some file systems, creating files right after
    deleting thousands is several times slower, which a fresh clone never meets."""
    from coopsite.core.output import _existing_generated

    content = root / "content"
    for rel in list(_existing_generated(content)):
        os.renames(content / rel, trash / rel)  # also removes the folders left empty


def file_creation_ms(folder: Path, n: int = 2000) -> float:
    """Milliseconds to create one small file in `folder` (median of n): the file system's share
    of a build that writes thousands of files, which varies a lot between machines and hours."""
    probe = folder / f".fs-probe-{os.getpid()}"
    probe.mkdir(parents=True)
    times = []
    try:
        for i in range(n):
            t0 = time.perf_counter()
            fd = os.open(probe / f"f{i}", os.O_WRONLY | os.O_CREAT, 0o644)
            os.write(fd, b"x" * 2048)
            os.close(fd)
            times.append(time.perf_counter() - t0)
    finally:
        shutil.rmtree(probe, ignore_errors=True)
    return statistics.median(times) * 1000


def measure_scale(src: Path, work: Path, copies: int, repeat: int, progress) -> dict:
    root = make_corpus(src, work / f"corpus-{copies}", copies)
    py = sys.executable
    # The pipeline once before measuring: the first run on a corpus processes the podcast audio (a
    # one-off, cached; `rebuild with no change` below checks that) and writes the Markdown that the
    # plain build reads. Not a whole build: MkDocs would cost as much again as a measured run.
    progress(f"  {copies}x warm-up: the pipeline alone (audio processed once)")
    run_measured([py, "-c", PIPELINE_ONLY, str(root)])
    full, plain, pipe, peaks, plain_peaks = [], [], [], [], []
    cfg = plain_config(root)
    trash = work / f"trash-{copies}"  # deleted at the end, not between measured builds

    def full_build(k):
        site = work / f"site-{copies}-{k}"
        _clean_generated(root, trash / str(k))  # the full build writes every generated page
        t, peak, _ = run_measured([py, "-m", "coopsite.commands.cli", "--root", str(root), "build", "-q",
                                   "--site-dir", str(site)])
        full.append(t)
        peaks.append(peak)

    def plain_build(k):
        # both sides timed the same way: a whole process, interpreter start and imports included
        t_plain, plain_peak, _ = run_measured([py, "-c", PLAIN_MKDOCS, str(cfg), str(work / f"plain-{copies}-{k}")])
        plain.append(t_plain)
        plain_peaks.append(plain_peak)

    for k in range(repeat):
        # side by side, in turn first and second: a slow minute or a warm cache favours neither
        for step in ((full_build, plain_build) if k % 2 == 0 else (plain_build, full_build)):
            step(k)
        t_pipe, _, out = run_measured([py, "-c", PIPELINE_ONLY, str(root)])
        pipe.append(float(out.split()[0]))
        pages = int(out.split()[1])
        progress(f"  {copies}x run {k + 1}/{repeat}: full build {full[-1]:.2f}s, pipeline {pipe[-1]:.2f}s, "
                 f"plain MkDocs {plain[-1]:.2f}s, ratio {full[-1] / plain[-1]:.2f}")
    for k in range(repeat):
        if k < repeat - 1:  # the last full build's site stays, for the rebuild check
            shutil.rmtree(work / f"site-{copies}-{k}", ignore_errors=True)
        shutil.rmtree(work / f"plain-{copies}-{k}", ignore_errors=True)
    shutil.rmtree(trash, ignore_errors=True)
    # The overhead of each run against the plain build measured right after it (side by side,
    # so a slow minute on a shared machine weighs on both), then the median of those.
    ratios = [f / p for f, p in zip(full, plain)]
    from coopsite.site import languages

    return {"copies": copies, "pages": pages, "full": statistics.median(full), "plain": statistics.median(plain),
            "pipeline": statistics.median(pipe), "ratio": statistics.median(ratios), "jobs": languages.jobs_for(3),
            "peak_kib": max(peaks), "plain_peak_kib": max(plain_peaks), "root": root,
            "site": work / f"site-{copies}-{repeat - 1}"}


def _runs(n: int) -> str:
    return f"{n} run" if n == 1 else f"{n} runs"


def bench_build(src: Path, scale: int, repeat: int, progress, *, factor: int = 4, workdir: Path | None = None) -> int:
    print(f"machine: {machine()}")
    with tempfile.TemporaryDirectory(prefix="coopsite-bench-", dir=workdir) as tmp:
        work = Path(tmp)
        fs_before = file_creation_ms(work)
        results = []
        for copies in (scale, scale * factor):
            progress(f"building {copies}x the shipped content, {_runs(repeat)}")
            results.append(measure_scale(src, work, copies, repeat, progress))
            if len(results) > 1:  # only the first scale's site is rebuilt below
                shutil.rmtree(results[-1]["site"], ignore_errors=True)
        print()
        print(f"{'scale':>6} {'pages':>7} {'full build':>11} {'plain MkDocs':>13} {'pipeline':>9} {'ratio':>6}")
        for r in results:
            print(f"{r['copies']:>5}x {r['pages']:>7} {r['full']:>10.2f}s {r['plain']:>12.2f}s "
                  f"{r['pipeline']:>8.2f}s {r['ratio']:>6.2f}")
        small, big = results
        growth = big["full"] / small["full"]
        print()
        print(f"(engine {engine.name()}; medians of {_runs(repeat)} after a warm-up run of the pipeline; ratio = median of each "
              f"run's full build over the plain sequential MkDocs+i18n build of the same Markdown run beside it)")
        for r in results:
            print(f"full build over plain sequential MkDocs+i18n at {r['copies']}x: {r['ratio']:.2f} "
                  f"(languages in {r['jobs']} processes; target <= 0.70 at 20x on 2 cores)")
        print(f"{factor}x the content costs {growth:.2f}x the time (target <= {factor * 1.1:.1f}x)")
        print("peak memory of a full build (largest process): "
              + ", ".join(f"{r['peak_kib'] / 1024:.0f} MiB at {r['copies']}x" for r in results)
              + "; plain MkDocs: " + ", ".join(f"{r['plain_peak_kib'] / 1024:.0f} MiB at {r['copies']}x"
                                               for r in results))
        for check in REBUILD_CHECKS:
            for line in check(small["root"], small["site"]):
                print(line)
        print(f"file system ({work.parent}): creating a file took {fs_before:.3f} ms before the runs, "
              f"{file_creation_ms(work):.3f} ms after (median of 2,000; the full build creates one per "
              f"generated page more than the plain build)")
    progress("preview: editing a recommendation under `coopsite serve`")
    print(preview_line(measure_preview(src, repeat, progress)))
    return 0


LOCALE_CONFIG = """
import sys, re
text = open(sys.argv[1], encoding="utf-8").read()
text = text.replace("      docs_structure: suffix\\n", "      docs_structure: suffix\\n      build_only_locale: " + sys.argv[2] + "\\n")
open(sys.argv[3], "w", encoding="utf-8").write(text)
"""


def bench_languages(src: Path, scale: int, repeat: int, progress) -> int:
    """Does building the languages in parallel processes pay off on this machine?"""
    print(f"machine: {machine()}")
    py = sys.executable
    with tempfile.TemporaryDirectory(prefix="coopsite-bench-") as tmp:
        work = Path(tmp)
        root = make_corpus(src, work / "corpus", scale)
        run_measured([py, "-c", PIPELINE_ONLY, str(root)])  # generated pages in place
        plain = plain_config(root)
        langs = ["nl", "fr", "en"]
        configs = {}
        for lang in langs:
            configs[lang] = root / f"mkdocs.{lang}.yml"
            subprocess.run([py, "-c", LOCALE_CONFIG, str(plain), lang, str(configs[lang])], check=True)
        seq, par = [], []
        for k in range(repeat):
            t, _, _ = run_measured([py, "-c", PLAIN_MKDOCS, str(plain), str(work / f"all-{k}")])
            seq.append(t)
            flush_writes()
            t0 = time.perf_counter()
            procs = [subprocess.Popen([py, "-c", PLAIN_MKDOCS, str(configs[lang]), str(work / f"{lang}-{k}")],
                                      env=dict(os.environ, **ENV), stdout=subprocess.DEVNULL,
                                      stderr=subprocess.DEVNULL) for lang in langs]
            for p in procs:
                p.wait()
            par.append(time.perf_counter() - t0)
            progress(f"  run {k + 1}/{repeat}: trilingual build {seq[-1]:.2f}s, three parallel builds {par[-1]:.2f}s")
        s, p = statistics.median(seq), statistics.median(par)
        print(f"\n{scale}x content: one trilingual MkDocs build {s:.2f}s (median of {repeat}); "
              f"three single-language builds in parallel {p:.2f}s; ratio {p / s:.2f}")
    return 0


def _copy_shipped(src: Path, dest: Path) -> Path:
    """The repository's content as a contributor previews it (the audio cache shared: no encoding)."""
    dest.mkdir(parents=True)
    for name in ("mkdocs.yml", "coopsite.yml"):
        shutil.copy2(src / name, dest / name)
    for d in ("content", "recommendations", "podcasts"):
        if (src / d).exists():
            shutil.copytree(src / d, dest / d, symlinks=True, ignore=shutil.ignore_patterns("__pycache__"))
    if (src / ".cache" / "audio").is_dir():
        (dest / ".cache").mkdir()
        (dest / ".cache" / "audio").symlink_to((src / ".cache" / "audio").resolve(), target_is_directory=True)
    return dest


def _fetch(url: str) -> str:
    import urllib.request

    try:
        with urllib.request.urlopen(url, timeout=30) as r:
            return r.read().decode("utf-8")
    except OSError:
        return ""


def bench_preview(src: Path, repeat: int, progress) -> int:
    print(f"machine: {machine()}")
    print(preview_line(measure_preview(src, repeat, progress)))
    return 0


def preview_line(times: list[float]) -> str:
    return (f"preview latency (edit of a recommendation to the changed page, shipped content): "
            f"{statistics.median(times):.2f}s median of {len(times)} (target <= 1.5s); "
            f"runs: {', '.join(f'{t:.2f}' for t in times)}")


def measure_preview(src: Path, repeat: int, progress) -> list[float]:
    """Seconds from saving a recommendation to the open page (`coopsite serve`) showing the edit."""
    import signal
    import socket

    with tempfile.TemporaryDirectory(prefix="coopsite-bench-") as tmp:
        root = _copy_shipped(src, Path(tmp) / "repo")
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        log = open(Path(tmp) / "serve.log", "w+")
        proc = subprocess.Popen([sys.executable, "-m", "coopsite.commands.cli", "--root", str(root), "serve",
                                 "-a", f"127.0.0.1:{port}"], stdout=log, stderr=subprocess.STDOUT,
                                env=dict(os.environ, **ENV), start_new_session=True)
        url = f"http://127.0.0.1:{port}/fr/recommendations/sip2021-03/"
        path = root / "recommendations" / "sip-2020-2021" / "sip2021-03.yml"
        original = path.read_text(encoding="utf-8")
        title = "fr: Associer les sociétaires aux activités de lobbying"
        times = []
        try:
            deadline = time.monotonic() + 300
            while "lobbying" not in _fetch(url):
                if time.monotonic() > deadline or proc.poll() is not None:
                    raise RuntimeError("the preview server did not start: see " + str(log.name))
                time.sleep(0.2)
            time.sleep(2)  # the first build's watchers settle
            for k in range(repeat):
                marker = f"Titre modifié {k}"
                path.write_text(original.replace(title, f"fr: {marker}"), encoding="utf-8")
                t0 = time.perf_counter()
                while marker not in _fetch(url):
                    if time.perf_counter() - t0 > 120:
                        raise RuntimeError("the page did not change within 120 s")
                    time.sleep(0.02)
                times.append(time.perf_counter() - t0)
                progress(f"  edit {k + 1}/{repeat}: the open page changed after {times[-1]:.2f}s")
                if k < repeat - 1:
                    time.sleep(1.0)  # let any build still running finish before the next edit
        finally:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=30)
            log.close()
    return times


def main(args, progress) -> int:
    src = args.root
    if args.target == "preview":
        return bench_preview(src, args.repeat, progress)
    if args.target == "languages":
        return bench_languages(src, args.scale, args.repeat, progress)
    if args.target == "audio":
        from coopsite.types.podcast.audio.bench import bench_audio  # the podcast's audio stage owns this benchmark

        return bench_audio(args, progress)
    return bench_build(src, args.scale, args.repeat, progress, factor=args.factor,
                       workdir=Path(args.workdir) if args.workdir else None)

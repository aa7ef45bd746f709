"""`coopsite bench`: build speed and memory, measured side by side in one run.

Not a timed test: it prints medians and ratios for a person to read (and for
the README), because shared machines are too noisy for pass/fail on seconds.

  coopsite bench             full build vs plain MkDocs at 20x and 80x the shipped content
  coopsite bench languages   one trilingual build vs three single-language builds in parallel
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
from coopsite.types import CONTENT_TYPES



def _rebuild_without_change(root: Path) -> list[str]:
    """Build the same corpus again: how long, and whether any audio was processed."""
    site = root.parent / "site-rebuild"
    run_measured([sys.executable, "-m", "coopsite.commands.cli", "--root", str(root), "build", "-q", "--site-dir", str(site)])
    env = dict(os.environ, **ENV)
    flush_writes()
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "coopsite.commands.cli", "--root", str(root), "build", "--site-dir", str(site)],
                          env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - t0
    audio = [line.split("] ", 1)[-1] for line in proc.stderr.splitlines() if "episodes ready" in line]
    return [f"rebuild with no change: {elapsed:.2f}s; " + (audio[0] if audio else "no audio stage line")]


# Checks printed after the build figures: fn(root) -> list of lines.
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
    return dest


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


def _clean_generated(root: Path) -> None:
    """Remove the generated pages (and only those: blog posts live inside content/blog), so that
    every measured full build starts from a clean content/ folder."""
    from coopsite.core.output import write_pages

    write_pages(root / "content", {})


def measure_scale(src: Path, work: Path, copies: int, repeat: int, progress) -> dict:
    root = make_corpus(src, work / f"corpus-{copies}", copies)
    py = sys.executable
    # One build before measuring: the first build of a corpus processes the podcast audio (a one-off,
    # cached; `rebuild with no change` below checks that) and warms the file cache for both sides.
    progress(f"  {copies}x warm-up build (audio processed once, file cache warmed)")
    run_measured([py, "-m", "coopsite.commands.cli", "--root", str(root), "build", "-q", "--site-dir", str(work / "warm")])
    shutil.rmtree(work / "warm", ignore_errors=True)
    full, plain, pipe, peaks, plain_peaks = [], [], [], [], []
    for k in range(repeat):
        site = work / f"site-{copies}-{k}"
        _clean_generated(root)
        t, peak, _ = run_measured([py, "-m", "coopsite.commands.cli", "--root", str(root), "build", "-q", "--site-dir", str(site)])
        full.append(t)
        peaks.append(peak)
        t_pipe, _, out = run_measured([py, "-c", PIPELINE_ONLY, str(root)])
        pipe.append(float(out.split()[0]))
        pages = int(out.split()[1])
        cfg = plain_config(root)
        # both sides timed the same way: a whole process, interpreter start and imports included
        t_plain, plain_peak, _ = run_measured([py, "-c", PLAIN_MKDOCS, str(cfg), str(work / f"plain-{copies}-{k}")])
        plain.append(t_plain)
        plain_peaks.append(plain_peak)
        progress(f"  {copies}x run {k + 1}/{repeat}: full build {t:.2f}s, pipeline {pipe[-1]:.2f}s, "
                 f"plain MkDocs {plain[-1]:.2f}s, overhead {t / t_plain - 1:.1%}")
        shutil.rmtree(site, ignore_errors=True)
        shutil.rmtree(work / f"plain-{copies}-{k}", ignore_errors=True)
    # The overhead of each run against the plain build measured right after it (side by side,
    # so a slow minute on a shared machine weighs on both), then the median of those.
    overheads = [f / p - 1 for f, p in zip(full, plain)]
    return {"copies": copies, "pages": pages, "full": statistics.median(full), "plain": statistics.median(plain),
            "pipeline": statistics.median(pipe), "overhead": statistics.median(overheads),
            "peak_kib": max(peaks), "plain_peak_kib": max(plain_peaks), "root": root}


def bench_build(src: Path, scale: int, repeat: int, progress) -> int:
    print(f"machine: {machine()}")
    with tempfile.TemporaryDirectory(prefix="coopsite-bench-") as tmp:
        work = Path(tmp)
        results = []
        for copies in (scale, scale * 4):
            progress(f"building {copies}x the shipped content, {repeat} runs")
            results.append(measure_scale(src, work, copies, repeat, progress))
        print()
        print(f"{'scale':>6} {'pages':>7} {'full build':>11} {'plain MkDocs':>13} {'pipeline':>9} {'overhead':>9}")
        for r in results:
            print(f"{r['copies']:>5}x {r['pages']:>7} {r['full']:>10.2f}s {r['plain']:>12.2f}s "
                  f"{r['pipeline']:>8.2f}s {r['overhead']:>8.1%}")
        small, big = results
        growth = big["full"] / small["full"]
        print()
        print(f"(medians of {repeat} runs after a warm-up build; overhead = median of each run's full build "
              f"over the plain MkDocs build run beside it)")
        for r in results:
            print(f"pipeline overhead on plain MkDocs at {r['copies']}x: {r['overhead']:.1%} (target <= 15%)")
        print(f"4x the content costs {growth:.2f}x the time (target <= 4.4x)")
        print("peak memory of a full build (largest process): "
              + ", ".join(f"{r['peak_kib'] / 1024:.0f} MiB at {r['copies']}x" for r in results)
              + "; plain MkDocs: " + ", ".join(f"{r['plain_peak_kib'] / 1024:.0f} MiB at {r['copies']}x"
                                               for r in results))
        for check in REBUILD_CHECKS:
            for line in check(small["root"]):
                print(line)
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


def main(args, progress) -> int:
    src = args.root
    if args.target == "languages":
        return bench_languages(src, args.scale, args.repeat, progress)
    if args.target == "audio":
        from coopsite.types.podcast.audio.bench import bench_audio  # the podcast's audio stage owns this benchmark

        return bench_audio(args, progress)
    return bench_build(src, args.scale, args.repeat, progress)

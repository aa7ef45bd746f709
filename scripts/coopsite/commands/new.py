"""`coopsite new TYPE`: a valid file from a template, in the right folder, by flags or by questions.

Every scaffold is written so that `coopsite check` accepts it unchanged (a
missing translation is only a warning). Content types register theirs in
SCAFFOLDS: name -> (add_arguments(parser), make(args, catalog) -> (path, text)).
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from pathlib import Path

from coopsite.core.i18n.ui import N_, t
from coopsite.core.output import atomic_write
from coopsite.core.problems import did_you_mean
from coopsite.core.yamledit import scalar

# Interface text used inside the file templates below (f-strings, where Babel does not look).
SCAFFOLD_TEXTS = (N_("scaffold_submitted_note"), N_("scaffold_event_description"), N_("scaffold_post_teaser"),
                  N_("scaffold_post_rest"), N_("scaffold_episode_description"))


class ScaffoldError(Exception):
    pass


def ask(args, name: str, question: str, choices: list[str] | None = None, default: str | None = None) -> str:
    """The flag's value, or the answer to a question when run in a terminal."""
    value = getattr(args, name, None)
    if value:
        if choices and value not in choices:
            raise ScaffoldError(f"--{name.replace('_', '-')} '{value}' is not known ({did_you_mean(value, choices)})")
        return value
    if not sys.stdin.isatty():
        if default is not None:
            return default
        raise ScaffoldError(f"--{name.replace('_', '-')} is required"
                            + (f" (one of: {', '.join(choices)})" if choices else ""))
    hint = f" [{default}]" if default else ""
    if choices:
        print(f"{question} ({', '.join(choices)}){hint}")
    while True:
        answer = input(f"{question}{hint}: " if not choices else "> ").strip() or (default or "")
        if answer and (not choices or answer in choices):
            return answer
        if choices and answer:
            print(f"  '{answer}' is not one of them ({did_you_mean(answer, choices)})")


def slugify(text: str) -> str:
    import unicodedata

    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")[:60] or "item"


# --- recommendation --------------------------------------------------------------

def recommendation_arguments(sp) -> None:
    sp.add_argument("--cycle", help="cycle id from recommendations/cycles.yml")
    sp.add_argument("--theme", help="theme id from recommendations/themes.yml")
    sp.add_argument("--group", action="append", help="working group code (repeatable)")
    sp.add_argument("--title", help="the title, in --lang")
    sp.add_argument("--number", type=int, help="number in the report (default: the next free one)")


def make_recommendation(args, catalog) -> tuple[Path, str]:
    lang = args.lang
    cycles = [c.id for c in catalog.cycles]
    cycle = ask(args, "cycle", "Cycle", cycles, default=cycles[-1] if cycles else None)
    theme = ask(args, "theme", "Theme", [th.id for th in catalog.themes])
    groups = args.group or [ask(args, "group", "Working group", [g.code for g in catalog.groups])]
    for g in groups:
        if g not in {x.code for x in catalog.groups}:
            raise ScaffoldError(f"--group '{g}' is not known ({did_you_mean(g, [x.code for x in catalog.groups])})")
    title = ask(args, "title", f"Title ({lang})")
    in_cycle = [r for r in catalog.recommendations if r.cycle == cycle]
    # the report numbers its recommendations across the whole cycle
    number = args.number or 1 + max((r.number for r in in_cycle), default=0)
    if any(r.number == number and r.theme == theme for r in in_cycle):
        raise ScaffoldError(f"number {number} is already used in {cycle}/{theme}")
    prefix = in_cycle[0].id.rsplit("-", 1)[0] + "-" if in_cycle else cycle + "-"
    rid = f"{prefix}{number:02d}"
    taken = {r.id for r in catalog.recommendations}
    if rid in taken:
        rid = f"{prefix}{theme}-{number}"
    path = catalog.config.root / "recommendations" / cycle / f"{rid}.yml"
    today = dt.date.today().isoformat()
    text = f"""\
# A new recommendation. Fill in the text, then run `coopsite check`.
# Format: recommendations/README.md. Other languages can be added later by translators.
id: {rid}
cycle: {cycle}
theme: {theme}
number: {number}
groups: [{", ".join(groups)}]
title:
  {lang}: {scalar(title)}
context:                       # optional: the situation that led to the recommendation
proposal:
  {lang}: |
    Write the recommendation here. Lettered sub-points go under `points:` below.
points: []                     # - label: a
                               #   text:
                               #     {lang}: ...
notes: []
references: []
answer:
  feasible: null
  reason: null
  priority: null
  priority_reason: null
status: submitted
history:
  - date: {today}
    status: submitted
    note:
      {lang}: {scalar(t(lang, "scaffold_submitted_note"))}
"""
    return path, text


# --- event ---------------------------------------------------------------------

def event_arguments(sp) -> None:
    sp.add_argument("--type", dest="event_type", help="event type id from content/events/_types.yml")
    sp.add_argument("--title", help="the title, in --lang")
    sp.add_argument("--start", help="YYYY-MM-DD HH:MM (local time), or YYYY-MM-DD for an all-day event")
    sp.add_argument("--end", help="YYYY-MM-DD HH:MM; all-day events: the last day (default: the start day)")
    sp.add_argument("--city", help="place id from content/events/_places.yml, or 'online'")
    sp.add_argument("--rrule", help="optional repeat rule, e.g. FREQ=MONTHLY;BYDAY=3TH")


def make_event(args, catalog) -> tuple[Path, str]:
    from coopsite.types.calendar import recurrence
    from coopsite.types.calendar.revision import fingerprint, set_revision_text
    from coopsite.types.calendar.load import EVENTS_DIR, RESERVED_IDS, EventContext, read_event
    from coopsite.core.problems import Problems
    from coopsite.core.source import Reader, parse_yaml

    lang = args.lang
    etype = ask(args, "event_type", "Type", [et.id for et in catalog.event_types])
    title = ask(args, "title", f"Title ({lang})")
    start = ask(args, "start", "Start (YYYY-MM-DD HH:MM, or YYYY-MM-DD for all day)")
    when, _ = recurrence.parse_when(start)
    if when is None:
        raise ScaffoldError(f"--start '{start}' is not YYYY-MM-DD HH:MM or YYYY-MM-DD")
    all_day = not isinstance(when, dt.datetime)
    end = args.end or (start if all_day else ask(args, "end", "End (YYYY-MM-DD HH:MM)"))
    city = ask(args, "city", "Where", [p.id for p in catalog.places] + ["online"])
    eid = slugify(title)
    if eid[0].isdigit() or eid in RESERVED_IDS:
        eid = f"event-{eid}"
    venue = ("  online: https://example.org/   # replace with the link to the meeting" if city == "online"
             else f"  city: {city}\n  # address: street and number (left out: 'address to follow')")
    text = f"""\
# A new event. Fill in the details, then run `coopsite check`. Format: README.md, section Calendar.
id: {eid}
type: {etype}
title:
  {lang}: {scalar(title)}
description:
  {lang}: |
    {t(lang, "scaffold_event_description")}
start: {start}
end: {end}
{f"rrule: {args.rrule}" + chr(10) if args.rrule else ""}venue:
{venue}
languages: [{lang}]
"""
    problems = Problems()
    rel = f"{EVENTS_DIR}/{eid}.yml"
    ctx = EventContext(catalog.config, catalog.calendar, {t.id for t in catalog.event_types},
                   {p.id: p for p in catalog.places}, {r.id for r in catalog.recommendations})
    event = read_event(Reader(parse_yaml(text, rel, problems), rel, problems), ctx, file_stem=eid)
    if problems.errors or event is None:
        raise ScaffoldError("; ".join(p.message for p in problems.errors) or "the event is not valid")
    # revision 0 from the start, so check has nothing to say about it
    text = set_revision_text(text, 0, catalog.today, fingerprint(event, catalog.config.languages.default))
    return catalog.config.root / EVENTS_DIR / f"{eid}.yml", text


# --- blog post -------------------------------------------------------------------

def post_arguments(sp) -> None:
    sp.add_argument("--title", help="the title, in --lang")
    sp.add_argument("--author", action="append", help="author id from content/blog/authors.yml (repeatable)")
    sp.add_argument("--tag", action="append", help="tag id from content/blog/tags.yml (repeatable)")
    sp.add_argument("--recommendation", action="append", help="id of a recommendation the post discusses (repeatable)")


def make_post(args, catalog) -> tuple[Path, str]:
    from coopsite.types.blog.load import POSTS_DIR, RESERVED_SLUGS

    lang = args.lang
    authors = [a.id for a in catalog.authors if a.consent]
    if not authors:
        raise ScaffoldError("no author with consent in content/blog/authors.yml: add yourself there first")
    title = ask(args, "title", f"Title ({lang})")
    chosen = args.author or [ask(args, "author", "Author", authors)]
    for aid in chosen:
        if aid not in authors:
            raise ScaffoldError(f"--author '{aid}' is not an author with consent ({did_you_mean(aid, authors)}); "
                                "authors are listed, with their consent, in content/blog/authors.yml")
    recs = {r.id for r in catalog.recommendations}
    for rid in args.recommendation or []:
        if rid not in recs:
            raise ScaffoldError(f"--recommendation '{rid}' is not known ({did_you_mean(rid, recs)})")
    slug = slugify(title)
    if slug in RESERVED_SLUGS:
        slug = f"post-{slug}"
    optional = "".join(f"{key}: [{', '.join(values)}]\n" for key, values in
                       (("tags", args.tag), ("recommendations", args.recommendation)) if values)
    text = f"""\
---
title: {scalar(title)}
date: {catalog.today.isoformat()}
authors: [{", ".join(chosen)}]
{optional}# A draft: shown by `make serve`, never published. Remove this line when the post is ready.
draft: true
---

{t(lang, "scaffold_post_teaser")}

<!-- more -->

{t(lang, "scaffold_post_rest")}
"""
    return catalog.config.root / POSTS_DIR / f"{slug}.{lang}.md", text


# --- podcast episode ---------------------------------------------------------------

def episode_arguments(sp) -> None:
    sp.add_argument("--title", help="the title, in --lang (the language spoken in the episode)")
    sp.add_argument("--audio", help="the audio master (WAV, FLAC, MP3, M4A or OGG): copied into the episode's "
                    "folder, or into $COOPSITE_MEDIA_DIR/<slug>/ when that is set (large masters stay out of git)")
    sp.add_argument("--number", type=int, help="episode number (default: the next free one)")


def make_episode(args, catalog) -> tuple[Path, str]:
    import shutil

    from coopsite.types.podcast.load import EPISODE_FILE, PODCAST_DIR, media_dir
    from coopsite.types.podcast.model import AUDIO_EXTENSIONS

    if catalog.podcast is None:
        raise ScaffoldError("coopsite.yml has no 'podcast:' section: set up the show first (README, Podcast)")
    lang = args.lang
    title = ask(args, "title", f"Title ({lang})")
    audio = Path(ask(args, "audio", "Audio master (a WAV, FLAC, MP3, M4A or OGG file)")).expanduser()
    if not audio.is_file():
        raise ScaffoldError(f"--audio '{audio}' is not a file")
    if audio.suffix.lower() not in AUDIO_EXTENSIONS:
        raise ScaffoldError(f"--audio '{audio.name}': use a WAV, FLAC, MP3, M4A or OGG file")
    slug = slugify(title)
    folder = catalog.config.root / PODCAST_DIR / slug
    if (folder / EPISODE_FILE).exists() and not args.force:
        raise ScaffoldError(f"{PODCAST_DIR}/{slug}/{EPISODE_FILE} already exists (use --force to overwrite)")
    from coopsite.site.catalog import build_catalog

    everything, _ = build_catalog(catalog.config.root, drafts=True)  # drafts take their numbers too
    number = args.number or 1 + max((e.number or 0 for e in everything.episodes), default=0)
    name = "master" + audio.suffix.lower()
    outside = media_dir()
    target = (outside / slug if outside else folder) / name
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(audio, target)
    text = f"""\
# A new podcast episode. Write the show notes, then preview with `make serve` and run `coopsite check`.
# Format: README.md, section Podcast. The master is {target if outside else name}.
id: {slug}
title:
  {lang}: {scalar(title)}
description:
  {lang}: |
    {t(lang, "scaffold_episode_description")}
language: {lang}
date: {catalog.today.isoformat()}
number: {number}
audio: {name}
# chapters:                 times as heard in the master
#   - start: "0:00"
#     title: {{{lang}: ...}}
# people:                   only people who agreed to be named, with their role (host, guest, ...)
#   - {{name: ..., role: guest}}
recommendations: []
# A draft: shown by `make serve`, never published. Remove this line when the episode is ready.
draft: true
"""
    return folder / EPISODE_FILE, text


SCAFFOLDS = {"recommendation": (recommendation_arguments, make_recommendation),
             "event": (event_arguments, make_event),
             "post": (post_arguments, make_post),
             "episode": (episode_arguments, make_episode)}


def run_new(args) -> int:
    from coopsite.site.catalog import build_catalog

    catalog, problems = build_catalog(args.root)
    if problems.errors:
        print("the content has errors; fix them first (coopsite check)", file=sys.stderr)
        return 1
    if args.lang not in catalog.config.languages.all:
        print(f"error: unknown language '{args.lang}'", file=sys.stderr)
        return 2
    _, make = SCAFFOLDS[args.type]
    try:
        path, text = make(args, catalog)
    except ScaffoldError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except (EOFError, KeyboardInterrupt):
        print("\ncancelled: nothing was written", file=sys.stderr)
        return 130
    if path.exists() and not args.force:
        print(f"error: {path.relative_to(args.root)} already exists (use --force to overwrite)", file=sys.stderr)
        return 1
    atomic_write(path, text.encode("utf-8"))
    rel = path.relative_to(args.root).as_posix()
    print(rel)
    print(f"created {rel}: edit it, then preview with `make serve` and check with `make check`", file=sys.stderr)
    return 0

"""The podcast: show settings (coopsite.yml `podcast:`) and episodes (podcasts/<slug>/episode.yml).

An episode folder holds episode.yml, the audio master and optional transcripts
(transcript.<lang>.vtt or .srt). Real masters are large and usually kept out of
git: when the master named in episode.yml is not in the folder, it is looked up
in $COOPSITE_MEDIA_DIR/<slug>/ (see README, 'Podcast').

The audio itself is decoded later, once per build (coopsite.types.podcast.audio); here only
what can be checked without decoding: paths, formats, sizes, times, languages.
"""

from __future__ import annotations

import dataclasses
import os
import re
import uuid
from pathlib import Path, PurePosixPath

from coopsite.core.config import SiteConfig
from coopsite.core.i18n.text import read_localized, read_localized_list, read_translations
from coopsite.core.imageinfo import ImageError, image_info
from coopsite.core.model import frozen_map
from coopsite.types.podcast.model import (AUDIO_EXTENSIONS, EPISODE_TYPES, AudioSettings, Chapter, Episode, Person, Podcast, Transcript)
from coopsite.core.problems import Problems, did_you_mean
from coopsite.core.source import Pos, Reader, load_yaml_file, read_text
from coopsite.types.podcast import subtitles

PODCAST_DIR = "podcasts"
EPISODE_FILE = "episode.yml"
MEDIA_DIR_ENV = "COOPSITE_MEDIA_DIR"
ID_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
URL_RE = re.compile(r"^https://[^\s]+$")
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
TRANSCRIPT_RE = re.compile(r"^transcript\.([a-z]{2})\.(vtt|srt)$")
# Item guids are UUIDv5 of the episode id in this namespace. It is a constant on
# purpose: uuid5(podcast namespace, "smartinprogress/podcast/episodes"), frozen so
# that no later change of code or address can change a published guid.
EPISODE_GUID_NS = uuid.UUID("7c085828-d64e-54f0-b07d-69a4e6132973")
ARTWORK_MIN, ARTWORK_MAX = 1400, 3000

# Apple Podcasts categories (podcasters.apple.com/support/1691), checked because
# Apple drops a feed with an unknown category.
APPLE_CATEGORIES: dict[str, tuple[str, ...]] = {
    "Arts": ("Books", "Design", "Fashion & Beauty", "Food", "Performing Arts", "Visual Arts"),
    "Business": ("Careers", "Entrepreneurship", "Investing", "Management", "Marketing", "Non-Profit"),
    "Comedy": ("Comedy Interviews", "Improv", "Stand-Up"),
    "Education": ("Courses", "How To", "Language Learning", "Self-Improvement"),
    "Fiction": ("Comedy Fiction", "Drama", "Science Fiction"),
    "Government": (),
    "History": (),
    "Health & Fitness": ("Alternative Health", "Fitness", "Medicine", "Mental Health", "Nutrition", "Sexuality"),
    "Kids & Family": ("Education for Kids", "Parenting", "Pets & Animals", "Stories for Kids"),
    "Leisure": ("Animation & Manga", "Automotive", "Aviation", "Crafts", "Games", "Hobbies", "Home & Garden",
                "Video Games"),
    "Music": ("Music Commentary", "Music History", "Music Interviews"),
    "News": ("Business News", "Daily News", "Entertainment News", "News Commentary", "Politics", "Sports News",
             "Tech News"),
    "Religion & Spirituality": ("Buddhism", "Christianity", "Hinduism", "Islam", "Judaism", "Religion",
                                "Spirituality"),
    "Science": ("Astronomy", "Chemistry", "Earth Sciences", "Life Sciences", "Mathematics", "Natural Sciences",
                "Nature", "Physics", "Social Sciences"),
    "Society & Culture": ("Documentary", "Personal Journals", "Philosophy", "Places & Travel", "Relationships"),
    "Sports": ("Baseball", "Basketball", "Cricket", "Fantasy Sports", "Football", "Golf", "Hockey", "Rugby",
               "Running", "Soccer", "Swimming", "Tennis", "Volleyball", "Wilderness", "Wrestling"),
    "Technology": (),
    "True Crime": (),
    "TV & Film": ("After Shows", "Film History", "Film Interviews", "Film Reviews", "TV Reviews"),
}

# Roles of the Podcast Taxonomy (podcast:person) that the site can name, with their group.
PERSON_ROLES = {
    "host": "cast", "co-host": "cast", "guest host": "cast", "guest": "cast", "narrator": "cast",
    "announcer": "cast", "reporter": "cast", "voice actor": "cast",
    "producer": "creative direction", "executive producer": "creative direction",
    "writer": "writing", "editor": "writing", "researcher": "writing", "transcriber": "writing",
    "audio editor": "audio post-production", "sound designer": "audio post-production",
    "composer": "audio post-production", "theme music": "audio post-production",
    "cover art designer": "visuals",
}


def media_dir() -> Path | None:
    value = os.environ.get(MEDIA_DIR_ENV)
    return Path(value).expanduser().resolve() if value else None


# --- show ------------------------------------------------------------------

def load_show(root: Path, cfg: SiteConfig, problems: Problems) -> Podcast | None:
    r: Reader | None = cfg.sections.get("podcast")
    if r is None:
        return None
    langs = cfg.languages
    title = read_localized(r, "title", langs, required=True)
    description = read_localized(r, "description", langs, required=True, multiline=True)
    author = r.str("author", required=True)
    owner_name, owner_email = None, None
    owner = r.sub("owner", required=True)
    if owner:
        owner_name = owner.str("name", required=True)
        owner_email = owner.str("email", required=True)
        if owner_email and not EMAIL_RE.match(owner_email):
            owner.err("email", f"'{owner_email}' is not an e-mail address", "podcast apps show it to verify the owner")
        owner.finish()
    artwork, artwork_type = None, "image/png"
    if r.has("artwork"):
        found = _repo_file(root, r, "artwork")
        if found:
            artwork, artwork_type = _check_artwork(found, r)
    else:
        r.missing("artwork", "add 'artwork: podcasts/_show/artwork.png' (square PNG or JPEG, 1400 to 3000 pixels)")
    category = r.choice("category", APPLE_CATEGORIES, required=True, what="Apple Podcasts category")
    subcategory = None
    if category and r.has("subcategory"):
        subcategory = r.choice("subcategory", APPLE_CATEGORIES[category], what=f"subcategory of '{category}'")
    explicit = r.bool("explicit", default=False)
    recommendation = r.str("recommendation")
    funding_url, funding_text = None, None
    funding = r.sub("funding")
    if funding:
        funding_url = funding.str("url", required=True)
        if funding_url and funding_url.startswith("http") and not URL_RE.match(funding_url):
            funding.err("url", "the funding address must start with https://")
            funding_url = None
        funding_text = read_localized(funding, "text", langs, required=True)
        for lang, text in (funding_text.texts.items() if funding_text else ()):
            if len(text) > 128:
                funding.err("text", f"the {lang} funding text is longer than 128 characters",
                            "podcast apps cut it off: shorten it")
        funding.finish()
    intro = _repo_file(root, r, "intro") if r.has("intro") else None
    outro = _repo_file(root, r, "outro") if r.has("outro") else None
    for key, path in (("intro", intro), ("outro", outro)):
        if path and path.suffix.lower() not in AUDIO_EXTENSIONS:
            r.err(key, f"unsupported audio format '{path.suffix}'", "allowed: " + ", ".join(AUDIO_EXTENSIONS))
    locked = r.bool("locked", default=True)
    guids = {}
    g = r.sub("guids")
    if g:
        for key in list(g.node):
            value = g.str(str(key))
            try:
                guids[str(key)] = str(uuid.UUID(value))
            except (TypeError, ValueError):
                g.err(str(key), f"'{value}' is not a UUID", "a podcast:guid looks like 9b024349-ccf0-5f69-a609-6b82873eab3c")
        g.finish()
    audio = _audio_settings(r.sub("audio"))
    r.finish()
    if not (title and description and author and owner_name and owner_email and category):
        return None
    return Podcast(title=title, description=description, author=author, owner_name=owner_name, owner_email=owner_email,
                   artwork=str(artwork) if artwork else None, artwork_type=artwork_type, category=category, subcategory=subcategory, explicit=explicit,
                   recommendation=recommendation, funding_url=funding_url, funding_text=funding_text, intro=str(intro) if intro else None, outro=str(outro) if outro else None,
                   locked=locked, guids=frozen_map(guids), audio=audio, pos=r.pos(), where=frozen_map(r.positions()))


def _audio_settings(r: Reader | None) -> AudioSettings:
    d = AudioSettings()
    if r is None:
        return d
    values = {}
    br = r.sub("bitrate")
    if br:
        for key in ("stereo", "mono"):
            v = br.int(key, minimum=32)
            if v is not None:
                if v not in (32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320):
                    br.err(key, f"{v} kb/s is not an MP3 bitrate", "use 64, 96, 128, 160 or 192")
                else:
                    values[f"bitrate_{key}"] = v
        br.finish()
    ld = r.sub("loudness")
    if ld:
        for key in ("stereo", "mono"):
            v = ld.number(key)
            if v is not None:
                if not -30 <= v <= -10:
                    ld.err(key, f"{v} LUFS is not a podcast loudness", "the norm is -16 (stereo) and -19 (mono)")
                else:
                    values[f"loudness_{key}"] = v
        ld.finish()
    for key, lo, hi in (("true_peak", -9.0, 0.0), ("silence_db", -90.0, -20.0)):
        v = r.number(key)
        if v is not None:
            if not lo <= v <= hi:
                r.err(key, f"'{key}' must be between {lo} and {hi}")
            else:
                values[key] = v
    for key, lo in (("crossfade_ms", 0), ("silence_keep_ms", 0), ("max_size_mb", 1), ("max_minutes", 1)):
        v = r.int(key, minimum=lo)
        if v is not None:
            values[key] = v
    r.finish()
    return AudioSettings(**{**d.__dict__, **values})


def _repo_file(root: Path, r: Reader, key: str) -> Path | None:
    """A file named in coopsite.yml, relative to the repository; never outside it."""
    name = r.str(key)
    if not name:
        return None
    pure = PurePosixPath(name)
    path = (root / name).resolve()
    if pure.is_absolute() or ".." in pure.parts or not path.is_relative_to(root.resolve()):
        r.err(key, f"'{name}' leaves the repository", "give a path inside the repository, e.g. podcasts/_show/...")
        return None
    if not path.is_file():
        r.err(key, f"file '{name}' not found", "give the path from the repository's root")
        return None
    return path


def _check_artwork(path: Path, r: Reader) -> tuple[Path | None, str]:
    try:
        width, height, mime = image_info(path)
    except (ImageError, OSError) as exc:
        r.err("artwork", f"the artwork cannot be read: {exc}", "use a PNG or JPEG file")
        return None, "image/png"
    if width != height:
        r.err("artwork", f"the artwork is {width}x{height} pixels: podcast apps need a square image",
              "crop it to a square")
        return None, mime
    if not ARTWORK_MIN <= width <= ARTWORK_MAX:
        r.err("artwork", f"the artwork is {width}x{height} pixels: podcast apps need {ARTWORK_MIN} to "
              f"{ARTWORK_MAX} pixels", f"export it at {ARTWORK_MIN}x{ARTWORK_MIN} or larger")
        return None, mime
    return path, mime


# --- episodes ----------------------------------------------------------------

def episode_folders(root: Path) -> list[Path]:
    base = root / PODCAST_DIR
    if not base.is_dir():
        return []
    return sorted(p for p in base.iterdir() if p.is_dir() and not p.name.startswith(("_", ".")))


def load_episodes(root: Path, cfg: SiteConfig, problems: Problems, show: Podcast | None, *,
                  drafts: bool = False) -> tuple[Episode, ...]:
    out = []
    settings = show.audio if show else AudioSettings()
    for folder in episode_folders(root):
        rel = f"{PODCAST_DIR}/{folder.name}/{EPISODE_FILE}"
        if not (folder / EPISODE_FILE).is_file():
            problems.error(f"{PODCAST_DIR}/{folder.name}", 0, 0, f"episode folder without {EPISODE_FILE}",
                           f"add {rel}, or start the folder's name with '_' if it is not an episode")
            continue
        if not ID_RE.match(folder.name):
            problems.error(rel, 0, 0, f"folder name '{folder.name}' is not a valid address",
                           "use lower-case letters, digits and single dashes")
            continue
        node = load_yaml_file(folder / EPISODE_FILE, rel, problems)
        if node is None:
            continue
        ep = read_episode(Reader(node, rel, problems), folder, root, cfg, settings)
        if ep is None or (ep.draft and not drafts) or (ep.example and not cfg.examples):
            continue
        out.append(ep)
    return tuple(sorted(out, key=lambda e: (e.date, e.number or 0, e.id), reverse=True))


def read_episode(r: Reader, folder: Path, root: Path, cfg: SiteConfig, settings: AudioSettings) -> Episode | None:
    if not r.ok:
        return None
    langs = cfg.languages
    eid = r.str("id", required=True, hint="add 'id: <a stable name>': it seeds the episode's guid and never changes")
    if eid and not ID_RE.match(eid):
        r.err("id", f"id '{eid}' may only contain lower-case letters, digits and single dashes")
        eid = None
    guid = r.str("guid")
    title = read_localized(r, "title", langs, required=True)
    description = read_localized(r, "description", langs, required=True, multiline=True)
    language = r.choice("language", langs.all, required=True, what="language")
    date = r.date("date", required=True)
    etype = r.choice("type", EPISODE_TYPES, default="full", what="episode type")
    explicit = r.bool("explicit", default=False)
    number = r.int("number", minimum=1)
    season = r.int("season", minimum=1)
    master = _master(r, folder, root, settings)
    chapters = _chapters(r, langs)
    people = _people(r)
    credits = read_localized_list(r, "credits", langs, multiline=True)
    recs = tuple(r.str_list("recommendations"))
    posts = tuple(r.str_list("posts"))
    transcripts = _transcripts(r, folder, root, cfg, language)
    example = r.bool("example", default=False)
    draft = r.bool("draft", default=False)
    translations = read_translations(r, langs)
    r.finish()
    if not (eid and title and description and language and date):
        return None
    return Episode(id=eid, slug=folder.name, guid=guid or str(uuid.uuid5(EPISODE_GUID_NS, eid)), title=title, description=description, language=language,
                   date=date, type=etype, explicit=explicit, number=number, season=season, master=str(master) if master else None, chapters=chapters, people=people,
                   credits=credits, recommendations=recs, posts=posts, transcripts=transcripts, example=example, draft=draft, translations=frozen_map(translations), pos=r.pos(),
                   where=frozen_map(r.positions()))


def _inside(folder: Path, name: str) -> Path | None:
    pure = PurePosixPath(name)
    if pure.is_absolute() or ".." in pure.parts or "\\" in name:
        return None
    path = (folder / name).resolve()
    return path if path.is_relative_to(folder.resolve()) else None


def _episode_file(r: Reader, key: str, name: str, folder: Path) -> Path | None:
    path = _inside(folder, name)
    if path is None:
        r.err(key, f"'{name}' leaves the episode folder",
              f"name a file inside {PODCAST_DIR}/{folder.name}/ (no '..', no absolute path)")
    return path


def _master(r: Reader, folder: Path, root: Path, settings: AudioSettings) -> Path | None:
    name = r.str("audio", required=True, hint="add 'audio: master.flac' (WAV, FLAC, MP3, M4A or OGG)")
    if not name:
        return None
    path = _episode_file(r, "audio", name, folder)
    if path is None:
        return None
    if path.suffix.lower() not in AUDIO_EXTENSIONS:
        r.err("audio", f"unsupported audio format '{path.suffix or name}'",
              "allowed: " + ", ".join(AUDIO_EXTENSIONS) + " (export the master in one of these)")
        return None
    if not path.is_file():
        outside = media_dir()
        alt = _inside(outside / folder.name, name) if outside else None
        if alt and alt.is_file():
            path = alt
        else:
            where = f" or in ${MEDIA_DIR_ENV}/{folder.name}/ ({outside})" if outside else ""
            r.err("audio", f"audio master '{name}' not found in {PODCAST_DIR}/{folder.name}/{where}",
                  f"add the file, or set {MEDIA_DIR_ENV} to the folder that holds {folder.name}/{name}")
            return None
    with open(path, "rb") as fh:
        head = fh.read(64)
    if head.startswith(b"version https://git-lfs"):
        r.err("audio", f"'{name}' is a Git LFS pointer, not audio",
              f"run 'git lfs pull', or set {MEDIA_DIR_ENV} to a folder with the masters")
        return None
    size = path.stat().st_size
    if size > settings.max_size_mb * 1024 * 1024:
        r.err("audio", f"audio master is {size / 1048576:.0f} MB, over the limit of {settings.max_size_mb} MB",
              "export a shorter or compressed master (FLAC), or raise podcast.audio.max_size_mb in coopsite.yml")
        return None
    if size == 0:
        r.err("audio", f"audio master '{name}' is empty")
        return None
    return path


_CLOCK = re.compile(r"^(?:(\d+):)?(\d{1,2}):(\d{2}(?:\.\d+)?)$")


def parse_time(value) -> float | None:
    """Seconds from 90, 90.5, '1:30', '01:02:03.5'."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value) if value >= 0 else None
    m = _CLOCK.match(str(value).strip())
    if not m:
        return None
    h, mnt, s = m.groups()
    if int(mnt) >= 60 and h is not None or float(s) >= 60:
        return None
    return int(h or 0) * 3600 + int(mnt) * 60 + float(s)


def _chapters(r: Reader, langs) -> tuple[Chapter, ...]:
    out: list[Chapter] = []
    for cr in r.items("chapters"):
        raw = cr.raw("start", required=True, hint="add 'start: 0:00' (minutes:seconds on the master)")
        start = parse_time(raw) if raw is not None else None
        if raw is not None and start is None:
            cr.err("start", f"'{raw}' is not a time", "write minutes:seconds (12:05), hours:minutes:seconds, "
                   "or seconds (725)")
        title = read_localized(cr, "title", langs, required=True)
        cr.finish()
        if start is None or not title:
            continue
        at = Pos(cr.relpath, *cr.value_pos("start"))
        if out and start <= out[-1].start:
            r.problems.error(at.path, at.line, at.col, "chapters are not in time order",
                             "list the chapters from the start of the episode to its end")
        out.append(Chapter(start=start, title=title, pos=at))
    return tuple(out)


def _people(r: Reader) -> tuple[Person, ...]:
    out = []
    for pr in r.items("people"):
        name = pr.str("name", required=True)
        role = (pr.str("role") or "host").lower()
        if role not in PERSON_ROLES:
            pr.err("role", f"unknown role '{role}'", did_you_mean(role, PERSON_ROLES))
            role = None
        href = pr.str("href")
        img = pr.str("img")
        for key, value in (("href", href), ("img", img)):
            if value and not URL_RE.match(value):
                pr.err(key, f"'{value}' is not an https:// address")
        pr.finish()
        if name and role:
            if len(name) > 128:
                pr.err("name", "a name longer than 128 characters is cut off by podcast apps")
            out.append(Person(name=name, role=role, group=PERSON_ROLES[role], href=href, img=img, pos=pr.pos()))
    return tuple(out)


def _transcripts(r: Reader, folder: Path, root: Path, cfg: SiteConfig, audio_lang: str | None
                 ) -> tuple[Transcript, ...]:
    """transcript.<lang>.vtt|srt files in the folder, or the files named under `transcripts:`."""
    langs = cfg.languages
    named: dict[str, tuple[Path, Pos]] = {}
    tr = r.sub("transcripts")
    if tr:
        for lang in list(tr.node):
            name = tr.str(str(lang))
            tr.known.add(str(lang))
            if str(lang) not in langs.all:
                tr.err(str(lang), f"unknown language '{lang}'", did_you_mean(str(lang), langs.all), on_key=True)
                continue
            path = _episode_file(tr, str(lang), name, folder) if name else None
            if path is None:
                continue
            if path.suffix.lower() not in (".vtt", ".srt"):
                tr.err(str(lang), f"unsupported transcript format '{path.suffix}'", "use WebVTT (.vtt) or SRT (.srt)")
                continue
            if not path.is_file():
                tr.err(str(lang), f"transcript '{name}' not found in {PODCAST_DIR}/{folder.name}/")
                continue
            named[str(lang)] = (path, tr.value_loc(str(lang)))
        tr.finish()
    else:
        for path in sorted(folder.iterdir()):
            m = TRANSCRIPT_RE.match(path.name)
            if not m:
                if path.name.startswith("transcript."):
                    rel = path.relative_to(root).as_posix()
                    r.problems.error(rel, 0, 0, f"transcript file name '{path.name}' is not understood",
                                     "name it transcript.<language>.vtt or transcript.<language>.srt, "
                                     "e.g. transcript.nl.vtt")
                continue
            lang = m.group(1)
            rel = path.relative_to(root).as_posix()
            if lang not in langs.all:
                r.problems.error(rel, 0, 0, f"transcript in unknown language '{lang}'", did_you_mean(lang, langs.all))
                continue
            if lang in named:
                r.problems.error(rel, 0, 0, f"two transcripts in {lang}", "keep one file per language")
                continue
            named[lang] = (path, Pos(rel))
    out = []
    for lang, (path, pos) in sorted(named.items(), key=lambda kv: (kv[0] != audio_lang, kv[0])):
        rel = path.relative_to(root).as_posix() if path.is_relative_to(root) else path.as_posix()
        text = read_text(path, rel, r.problems)
        if text is None:
            continue
        cues = subtitles.parse(text, rel, r.problems, path.suffix.lower().lstrip("."))
        if cues:
            out.append(Transcript(lang=lang, path=rel, cues=cues, translated_from=audio_lang if lang != audio_lang else None, pos=pos))
    return tuple(out)


# --- rules across files ------------------------------------------------------

def check_podcast(catalog, problems: Problems) -> None:
    from coopsite.core.safety import check_record
    from coopsite.core.rules import check_languages, unique

    episodes = catalog.episodes
    if episodes and catalog.podcast is None:
        problems.error("coopsite.yml", 0, 0, "there are podcast episodes but no 'podcast:' section",
                       "add the show's settings under 'podcast:' in coopsite.yml (see README, 'Podcast')")
    if catalog.podcast:
        check_languages(catalog.podcast, catalog.podcast.pos, {}, catalog.config, problems, "podcast")
    unique(episodes, lambda e: e.id, "episode id", problems, lambda e: e.at("id"))
    unique(episodes, lambda e: e.guid, "episode guid", problems, lambda e: e.at("guid"))
    unique([e for e in episodes if e.number], lambda e: (e.season or 0, e.number), "episode number within its season",
           problems, lambda e: e.at("number"))
    rec_ids = {rec.id for rec in catalog.recommendations}
    post_ids = set(post_index(catalog))
    langs = catalog.config.languages
    for ep in episodes:
        # Members speak in their own language (as in the blog): the texts must exist in the language of
        # the audio; the other languages are translations, and a missing one is only a warning.
        policy = dataclasses.replace(catalog.config, languages=dataclasses.replace(
            langs, default=ep.language, required=(ep.language,),
            warned=tuple(lang for lang in langs.all if lang != ep.language)))
        check_languages(ep, ep.pos, dict(ep.translations), policy, problems, f"episode {ep.id}")
        # show notes, chapter titles and credits are member Markdown: the blog's rules apply
        check_record(ep, catalog.config.root, problems)
        _refs(ep, "recommendations", ep.recommendations, rec_ids, "recommendation", problems)
        _refs(ep, "posts", ep.posts, post_ids, "blog post", problems)


def _refs(ep: Episode, key: str, refs, known: set[str], what: str, problems: Problems) -> None:
    at = ep.at(key)
    for ref in refs:
        if ref not in known:
            problems.error(at.path, at.line, at.col, f"reference to unknown {what} '{ref}'",
                           did_you_mean(ref, known) if known else f"there is no {what} yet")


def post_index(catalog) -> dict:
    """Blog posts by the name episodes use for them (their id, else their slug)."""
    out = {}
    for post in getattr(catalog, "posts", ()) or ():
        key = getattr(post, "id", None) or getattr(post, "slug", None)
        if key:
            out[str(key)] = post
    return out


def load(ctx) -> dict:
    """The type's load face: the show's settings and its episodes."""
    show = load_show(ctx.root, ctx.config, ctx.problems)
    return {"podcast": show, "episodes": load_episodes(ctx.root, ctx.config, ctx.problems, show, drafts=ctx.drafts)}


def translation_items(catalog):
    from coopsite.core.translations import Item

    for ep in catalog.episodes:
        yield Item(kind="podcast", id=ep.id, path=ep.pos.path, record=ep, translations=dict(ep.translations))


def dates(catalog):
    return [ep.date for ep in catalog.episodes]

"""What the web editor may write in each content type, and the Decap CMS configuration made from it.

This is the one description of the editable fields: decap_config() turns it
into the editor's config.yml, and tests/test_cms.py holds it against the real
loaders both ways (every field here is a key the loader reads; every key the
loader reads is here or in the type's not_in_editor, with the reason), and the
browser tests save files through the editor that `coopsite check` accepts. Choices (authors, tags, event types, places, recommendations) come
from the catalog, so the editor offers exactly what `coopsite check` accepts.

What Decap writes, and what it keeps: its own YAML format parses a file,
changes the fields it shows and writes the whole file again, its own way:
comments, flow lists ([a, b]) and the key order are lost. The YAML collections
(events, episodes, recommendations) therefore use the site's own format,
"coopsite-yml" (cms/admin/coopsite-yml.js): it changes only the values the
member changed, in place, and adds a new translation as one more line of its
mapping; a browser test holds every shipped YAML file to a byte-identical round
trip. Blog posts keep Decap's front-matter format (its three-language layout
needs it): a post opens in the editor only when its front matter is already in
Decap's shape (cms.decap_keeps), else on the forge.
"""

from __future__ import annotations

from dataclasses import dataclass, field

FORMAT = "coopsite-yml"  # registered by admin/init.js: cms/admin/coopsite-yml.js

LANG_NAMES = {"nl": "Nederlands", "fr": "Français", "en": "English", "de": "Deutsch"}


def tri(nl: str, fr: str, en: str) -> str:
    """The editor's interface has one language: its labels carry all three."""
    return f"{nl} · {fr} · {en}"


@dataclass(frozen=True, kw_only=True)
class Field:
    """One key of a content file, as the editor shows it.

    kind: text (one line), markdown, date, datetime, bool, choice, choices (several), localized, object,
    list (of objects)."""

    name: str
    label: str
    kind: str = "text"
    required: bool = False
    hint: str = ""
    options: str | None = None  # name of a catalog choice list (see choices())
    widget: str = "text"  # for localized: the widget of each language
    fields: tuple["Field", ...] = ()
    default: object = None
    pattern: tuple[str, str] | None = None
    i18n: str | None = None  # multiple_files collections: "translate" or "duplicate"


@dataclass(frozen=True, kw_only=True)
class Collection:
    """What the web editor offers of one kind of content file (Decap calls it a collection)."""

    name: str
    label: str
    folder: str
    fields: tuple[Field, ...]
    # Keys the loader reads that the editor leaves alone (kept as they are in the file), with why.
    not_in_editor: dict = field(default_factory=dict)
    create: bool = False
    i18n_files: bool = False  # one file per language (<slug>.<lang>.md): Decap's multiple_files


HINT_ID = tri("kleine letters, cijfers en streepjes; verandert nooit meer", "minuscules, chiffres et tirets ; "
              "ne change plus jamais", "lower-case letters, digits and dashes; never changes again")
ID_PATTERN = (r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$", tri("kleine letters, cijfers, streepjes", "minuscules, chiffres, "
              "tirets", "lower-case letters, digits, dashes"))

POST = Collection(
    name="blog", label=tri("Blogberichten", "Articles du blog", "Blog posts"), folder="content/blog/posts",
    create=True, i18n_files=True,
    fields=(
        Field(name="title", label=tri("Titel", "Titre", "Title"), required=True, i18n="translate"),
        Field(name="translated_from", label=tri("Vertaald uit (leeg in het origineel)", "Traduit de (vide dans l'original)",
                                     "Translated from (empty in the original)"),
              kind="choice", options="languages", i18n="translate",
              hint=tri("Het origineel is de taal waarin het bericht geschreven is",
                       "L'original est la langue dans laquelle l'article a été écrit",
                       "The original is the language the post was written in")),
        Field(name="date", label=tri("Datum", "Date", "Date"), kind="date", required=True, i18n="duplicate"),
        Field(name="authors", label=tri("Auteurs", "Auteurs", "Authors"), kind="choices", options="authors", required=True,
              i18n="duplicate", hint=tri("Alleen wie ingestemd heeft (content/blog/authors.yml)",
                                         "Seulement qui a donné son accord (content/blog/authors.yml)",
                                         "Only people who agreed (content/blog/authors.yml)")),
        Field(name="tags", label=tri("Onderwerpen", "Sujets", "Tags"), kind="choices", options="tags", i18n="duplicate"),
        Field(name="recommendations", label=tri("Besproken aanbevelingen", "Recommandations discutées",
                                     "Recommendations discussed"), kind="choices", options="recommendations",
              i18n="duplicate"),
        Field(name="description", label=tri("Korte beschrijving (zoekmachines)", "Description courte (moteurs de recherche)",
                                 "Short description (search engines)"), i18n="translate"),
        Field(name="draft", label=tri("Klad (niet gepubliceerd)", "Brouillon (pas publié)", "Draft (not published)"),
              kind="bool", default=True, i18n="duplicate",
              hint=tri("Vink uit als het bericht klaar is", "Décochez quand l'article est prêt",
                       "Untick when the post is ready")),
        Field(name="body", label=tri("Tekst", "Texte", "Text"), kind="markdown", required=True, i18n="translate",
              hint=tri("Een regel <!-- more --> sluit het stuk af dat in lijsten verschijnt",
                       "Une ligne <!-- more --> termine la partie montrée dans les listes",
                       "A line <!-- more --> ends the part shown in lists")),
    ),
    not_in_editor={
        "original_version": "written by `coopsite translations --stamp` when a translation is reviewed",
        "translation_key": "the file name says it already",
        "updated": "a correction date a maintainer adds",
        "episodes": "podcast episodes are linked by maintainers",
        "cover": "images are added on the forge (the editor's uploads would need the image checks)",
    },
)

EVENT = Collection(
    name="events", label=tri("Agenda", "Agenda", "Calendar"), folder="content/events", create=True,
    fields=(
        Field(name="id", label=tri("Id (adres van de pagina)", "Id (adresse de la page)", "Id (page address)"),
              required=True, hint=HINT_ID, pattern=ID_PATTERN),
        Field(name="type", label=tri("Soort", "Type", "Kind"), kind="choice", options="event_types", required=True),
        Field(name="title", label=tri("Titel", "Titre", "Title"), kind="localized", required=True),
        Field(name="description", label=tri("Beschrijving", "Description", "Description"), kind="localized",
              widget="markdown"),
        Field(name="start", label=tri("Begin (plaatselijke tijd)", "Début (heure locale)", "Start (local time)"),
              kind="datetime", required=True),
        Field(name="end", label=tri("Einde", "Fin", "End"), kind="datetime", required=True),
        Field(name="venue", label=tri("Plaats", "Lieu", "Place"), kind="object", required=True, fields=(
            Field(name="city", label=tri("Stad", "Ville", "City"), kind="choice", options="places"),
            Field(name="address", label=tri("Adres (leeg: volgt nog)", "Adresse (vide : à suivre)",
                                 "Address (empty: to follow)")),
            Field(name="online", label=tri("Link van de online vergadering", "Lien de la réunion en ligne",
                                "Link to the online meeting")),
        )),
        Field(name="languages", label=tri("Gesproken talen", "Langues parlées", "Languages spoken"), kind="choices",
              options="languages", required=True),
        Field(name="organiser", label=tri("Organisator", "Organisateur", "Organiser"), kind="localized"),
        Field(name="contact", label=tri("E-mail contact", "E-mail de contact", "Contact e-mail")),
        Field(name="registration", label=tri("Inschrijvingslink", "Lien d'inscription", "Registration link")),
        Field(name="recommendations", label=tri("Aanbevelingen", "Recommandations", "Recommendations"), kind="choices",
              options="recommendations"),
        Field(name="draft", label=tri("Klad (niet gepubliceerd)", "Brouillon (pas publié)", "Draft (not published)"),
              kind="bool", default=False),
    ),
    not_in_editor={
        "timezone": "the city's time zone is used; another zone is rare and set by hand",
        "venue.name": "a venue's own name per language is rare; the city and address say where",
        "rrule": "repeat rules, exceptions and moved dates need `coopsite revise` afterwards",
        "exdates": "see rrule", "occurrences": "see rrule",
        "cancelled": "cancelling a published event needs `coopsite revise`",
        "revision": "written by `coopsite revise`",
        "example": "sample content only",
        "translations": "recorded by `coopsite translations --stamp` when a translation is reviewed",
    },
)

EPISODE = Collection(
    name="podcast", label=tri("Podcast: teksten", "Podcast : textes", "Podcast: texts"), folder="podcasts",
    fields=(
        Field(name="title", label=tri("Titel", "Titre", "Title"), kind="localized", required=True),
        Field(name="description", label=tri("Shownotes", "Notes de l'épisode", "Show notes"), kind="localized",
              widget="markdown", required=True),
    ),
    not_in_editor={k: "the episode's recording and facts: `coopsite new episode` and the forge" for k in (
        "id", "guid", "language", "date", "number", "season", "type", "explicit", "audio", "chapters", "people",
        "credits", "recommendations", "posts", "example", "draft", "transcripts")} | {
        "translations": "recorded by `coopsite translations --stamp` when a translation is reviewed"},
)

RECOMMENDATION_TEXTS = (
    Field(name="title", label=tri("Titel", "Titre", "Title"), kind="localized", required=True),
    Field(name="context", label=tri("Context", "Contexte", "Context"), kind="localized", widget="markdown"),
    Field(name="proposal", label=tri("Aanbeveling", "Recommandation", "Recommendation"), kind="localized", widget="markdown"),
    Field(name="points", label=tri("Deelpunten", "Sous-points", "Sub-points"), kind="list", fields=(
        Field(name="label", label=tri("Letter", "Lettre", "Letter"), required=True),
        Field(name="text", label=tri("Tekst", "Texte", "Text"), kind="localized", widget="markdown", required=True),
    )),
    Field(name="closing", label=tri("Slottekst", "Texte final", "Closing text"), kind="localized", widget="markdown"),
)
RECOMMENDATION_KEPT = {k: "the working group's decision and the cooperative's follow-up: `coopsite new "
                       "recommendation`, `coopsite status` and the forge" for k in (
    "id", "cycle", "theme", "number", "groups", "notes", "references", "answer", "status", "history")} | {
    "translations": "recorded by `coopsite translations --stamp` when a translation is reviewed",
    "written_in": "set once when a working group's text is imported from a translation (README, 'Originals')"}


def recommendation_type(cycle: str) -> Collection:
    """One collection per cycle folder: Decap lists a folder, not a tree."""
    return Collection(name=f"recommendations-{cycle}", label=tri("Aanbevelingen", "Recommandations",
                       "Recommendations") + f" ({cycle})", folder=f"recommendations/{cycle}",
                       fields=RECOMMENDATION_TEXTS, not_in_editor=RECOMMENDATION_KEPT)


def content_types(catalog) -> list[Collection]:
    return [POST, EVENT, EPISODE] + [recommendation_type(c.id) for c in catalog.cycles]


# --- the Decap configuration ---------------------------------------------------

def choices(catalog, name: str) -> list[dict]:
    langs = catalog.config.languages
    ui = langs.default
    if name == "languages":
        return [{"label": f"{LANG_NAMES.get(lang, lang)} ({lang})", "value": lang} for lang in langs.all]
    if name == "authors":
        return [{"label": a.name.get(ui) or a.id, "value": a.id} for a in catalog.authors if a.consent]
    if name == "tags":
        return [{"label": t.label.get(ui) or t.id, "value": t.id} for t in catalog.tags]
    if name == "event_types":
        return [{"label": et.name.get(ui) or et.id, "value": et.id} for et in catalog.event_types]
    if name == "places":
        return [{"label": p.name.get(ui) or p.id, "value": p.id} for p in catalog.places]
    if name == "recommendations":
        return [{"label": f"{r.id}: {r.title.get(ui) or ''}"[:90], "value": r.id} for r in catalog.recommendations]
    raise KeyError(name)


def _original_language(catalog, ctype: Collection) -> str | None:
    """The language every file of a collection was written in, when they share one (the report's cycles do).
    Not for collections where members create files: a new event may be written in any language."""
    if ctype.create:
        return None
    if ctype.name.startswith("recommendations-"):
        cycle = ctype.name.removeprefix("recommendations-")
        items = [r for r in catalog.recommendations if r.cycle == cycle]
    elif ctype is EPISODE:
        items = list(catalog.episodes)
    else:
        return None
    # a text's original is a language it has that is not recorded as a translation
    originals = {lang for item in items for lang in item.title.texts if lang not in item.translations}
    return originals.pop() if len(originals) == 1 else None


def decap_field(f: Field, catalog, original: str | None = None) -> dict:
    out: dict = {"name": f.name, "label": f.label}
    if f.hint:
        out["hint"] = f.hint
    if not f.required:
        out["required"] = False
    if f.kind == "text":
        out["widget"] = "string"
        if f.pattern:
            out["pattern"] = list(f.pattern)
    elif f.kind == "markdown":
        out["widget"] = "markdown"
    elif f.kind in ("date", "datetime"):
        # Written as the loaders read them: 2027-02-04 and 2027-02-04 14:00 (local time, no zone).
        out |= {"widget": "datetime", "picker_utc": False}
        out |= ({"format": "YYYY-MM-DD", "date_format": "YYYY-MM-DD", "time_format": False} if f.kind == "date" else
                {"format": "YYYY-MM-DD HH:mm", "date_format": "YYYY-MM-DD", "time_format": "HH:mm"})
    elif f.kind == "bool":
        out["widget"] = "boolean"
    elif f.kind in ("choice", "choices"):
        out |= {"widget": "select", "options": choices(catalog, f.options or "")}
        if f.kind == "choices":
            out["multiple"] = True
            if f.required:
                out["min"] = 1
    elif f.kind == "localized":
        langs = catalog.config.languages
        out |= {"widget": "object", "collapsed": False, "fields": [
            {"name": lang, "required": False,
             "label": f"{LANG_NAMES.get(lang, lang)} ({lang})" + (" · origineel · original" if lang == original else ""),
             "widget": "markdown" if f.widget == "markdown" else "string"} for lang in langs.all]}
    elif f.kind == "object":
        out |= {"widget": "object", "collapsed": False, "fields": [decap_field(s, catalog, original) for s in f.fields]}
    elif f.kind == "list":
        out |= {"widget": "list", "fields": [decap_field(s, catalog, original) for s in f.fields]}
    else:
        raise ValueError(f"unknown field kind {f.kind}")
    if f.default is not None:
        out["default"] = f.default
    if f.i18n:
        out["i18n"] = True if f.i18n == "translate" else "duplicate"
    return out


def decap_collection(ctype: Collection, catalog) -> dict:
    original = _original_language(catalog, ctype)
    out: dict = {"name": ctype.name, "label": ctype.label, "folder": ctype.folder, "create": ctype.create,
                 "delete": False}
    fields = [decap_field(f, catalog, original) for f in ctype.fields]
    if ctype.i18n_files:
        langs = catalog.config.languages
        out |= {"format": "frontmatter", "extension": "md", "slug": "{{slug}}", "identifier_field": "title",
                "summary": "{{title}}", "i18n": True}
    elif ctype is EPISODE:
        # one folder per episode: podcasts/<slug>/episode.yml (the show's own folder _show has none)
        out |= {"format": FORMAT, "extension": "yml", "path": "{{slug}}/episode", "identifier_field": "title",
                "summary": "{{title." + catalog.config.languages.default + "}}"}
        out["filter"] = {"field": "id", "pattern": ".+"}
    else:
        out |= {"format": FORMAT, "extension": "yml", "identifier_field": "id", "slug": "{{id}}",
                "summary": "{{id}}: {{title." + catalog.config.languages.default + "}}"}
        if ctype is EVENT:
            out["filter"] = {"field": "id", "pattern": ".+"}  # _types.yml and _places.yml are not events
    out["fields"] = fields
    return out


def decap_config(catalog, *, local_url: str | None = None) -> dict:
    """The editor's config.yml. local_url: `coopsite edit`'s own backend (no account, no pull requests)."""
    from coopsite.cms.forge import Forge

    forge = catalog.config.sections.get("forge")
    cfg: dict = {}
    if local_url:
        # Decap's local backend protocol, answered by coopsite.cms.local; saving writes the working copy.
        cfg["backend"] = {"name": "proxy", "proxy_url": local_url, "branch": forge.branch if forge else "main"}
        cfg["local_backend"] = {"url": local_url}
    else:
        assert isinstance(forge, Forge)
        cfg["backend"] = forge.decap_backend()
        # Every change becomes a pull request that `coopsite check` runs on and a maintainer merges.
        cfg["publish_mode"] = "editorial_workflow"
    cfg |= {
        "site_url": catalog.config.site_url,
        "locale": catalog.config.languages.default,
        "media_folder": "content/blog/images",
        # post bodies link images relative to the post's page: ![...](../images/photo.jpg)
        "public_folder": "../images",
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        # Blog posts are one file per language (<slug>.<lang>.md): Decap's multiple_files structure
        "i18n": {"structure": "multiple_files", "locales": list(catalog.config.languages.all),
                 "default_locale": catalog.config.languages.default},
        "collections": [decap_collection(ct, catalog) for ct in content_types(catalog)],
    }
    return cfg

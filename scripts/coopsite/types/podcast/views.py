"""Podcast pages: the show's index and one page per episode, in every language.

An episode page has an HTML5 player, the show notes, chapters and transcript
whose timestamps are real links to the MP3 at that time (#t= media fragment:
they work without JavaScript; content/assets/podcast.js makes them seek the
player instead), related recommendations, credits, and a subscribe block.
Times on pages are those of the published file (master time shifted by the
intro and the trimmed silence: Media.published).
"""

from __future__ import annotations

import re
import urllib.parse

from coopsite.core.i18n import format as fmt
from coopsite.types.podcast import labels
from coopsite.core.i18n.ui import t
from coopsite.types.podcast.load import post_index
from coopsite.core.model import Localized
from coopsite.types.podcast.model import Episode
from coopsite.types.podcast.paths import (INDEX, artwork_path, audio_path, episode_page, feed_languages, feed_path, published, root_relative, transcript_path)
from coopsite.core.safety import safe_html
from coopsite.core.templates import render
from coopsite.core.views import Text, date_data, lang_name, notice_data, url
from coopsite.types.recommendations.views import rec_heading, rec_page

def pages(catalog, lang: str) -> dict[str, str]:
    if catalog.podcast is None:
        return {}
    out = {INDEX: index(catalog, lang)}
    for ep in catalog.episodes:
        out[episode_page(ep)] = episode(catalog, ep, lang)
    return out


# --- small pieces --------------------------------------------------------------

def clock(seconds: float) -> str:
    s = int(seconds)
    h, rest = divmod(s, 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"


def length(seconds: float) -> str:
    """A duration to read (rounded, as in the feeds' itunes:duration); clock() floors, for positions."""
    return clock(round(seconds))


def plain(markdown_text: str) -> str:
    """Member Markdown reduced to plain text (rendered and sanitised first), for meta descriptions."""
    import html as _html

    text = re.sub(r"<[^>]+>", " ", safe_html(markdown_text))
    return re.sub(r"\s+", " ", _html.unescape(text)).strip()


def iso_duration(seconds: float) -> str:
    s = int(seconds)
    return f"PT{s // 3600}H{s % 3600 // 60}M{s % 60}S"


def size_label(n: int, lang: str) -> str:
    return f"{fmt.number(round(n / 1048576, 1), lang)} MB"


def meta_data(catalog, ep: Episode, lang: str, text: Text) -> dict:
    """What the line under an episode's title shows (theme/coopsite/partials/podcast.html: meta)."""
    media = catalog.media.get(ep.id)
    return {
        "slug": ep.slug, "date": date_data(ep.date, lang),
        "duration": {"iso": iso_duration(round(media.duration)), "text": length(media.duration)} if media else None,
        "number": ep.number, "season": ep.season,
        "type": t(lang, labels.EPISODE_TYPE[ep.type]) if ep.type != "full" else "",
        "language": lang_name(ep.language, lang), "spoken": ep.language, "example": ep.example,
    }


def seek_data(audio_href: str, at: float) -> dict:
    return {"href": f"{audio_href}#t={at:g}", "at": f"{at:g}", "clock": clock(at), "iso": iso_duration(at)}


def _first_paragraph(text: str) -> str:
    return text.strip().split("\n\n", 1)[0]


# --- subscribe block -----------------------------------------------------------

def app_links(feed_url: str, title: str, lang: str) -> list[tuple[str, str]]:
    bare = feed_url.split("://", 1)[-1]
    quoted = urllib.parse.quote(feed_url, safe="")
    return [
        ("Apple Podcasts", f"podcasts://{bare}"),
        ("AntennaPod", f"https://antennapod.org/deeplink/subscribe?url={quoted}"
                       f"&title={urllib.parse.quote(title, safe='')}"),
        ("Pocket Casts", f"pktc://subscribe/{bare}"),
    ]


def subscribe_data(catalog, lang: str) -> dict:
    """The feeds to subscribe to: this language's (or the only one), then every episode."""
    text = Text(lang, catalog.config.languages.default)
    feeds = []
    langs = feed_languages(catalog)
    if lang in langs:
        feeds.append((t(lang, "podcast_feed_lang", language=lang_name(lang, lang)), feed_path(lang)))
    elif len(langs) == 1:
        feeds.append((t(lang, "podcast_feed_lang", language=lang_name(langs[0], lang)), feed_path(langs[0])))
    feeds.append((t(lang, "podcast_feed_all"), feed_path(None)))
    title = text(catalog.podcast.title)
    out = []
    for label, path in feeds:
        feed_url = catalog.config.url(path)
        out.append({"label": label, "url": feed_url,
                    "apps": [{"name": app, "href": href} for app, href in app_links(feed_url, title, lang)]})
    return {"feeds": out}


def subscribe_block(catalog, lang: str, level: str = "##") -> str:
    """The subscribe block on another page (the blog's podcast block), from the same partial."""
    return render(catalog, "partials/podcast_subscribe.html", lang, subscribe=subscribe_data(catalog, lang),
                  level=level)


def funding_data(catalog, lang: str, page: str) -> dict | None:
    show = catalog.podcast
    if not show.funding_url:
        return None
    text = Text(lang, catalog.config.languages.default)
    href = show.funding_url
    if not href.startswith("https://"):
        href = url(page, href.rstrip("/"))  # a page of this site, in the reader's language
    return {"href": href, "text": text(show.funding_text)}


# --- pages -----------------------------------------------------------------------

def index(catalog, lang: str) -> str:
    show = catalog.podcast
    text = Text(lang, catalog.config.languages.default)
    rec = catalog.recommendation(show.recommendation) if show.recommendation else None
    data = {
        "title": text(show.title), "description": text(show.description),
        "recommendation_href": url(INDEX, rec_page(rec)) if rec else "",
        "episodes": [{**meta_data(catalog, ep, lang, text), "title": text(ep.title),
                      "href": url(INDEX, episode_page(ep)), "teaser": _first_paragraph(text(ep.description))}
                     for ep in catalog.episodes],
        "subscribe": subscribe_data(catalog, lang),
        "funding": funding_data(catalog, lang, INDEX),
    }
    data["notice"] = notice_data(text)
    return render(catalog, "podcast.html", lang, **data)


def episode(catalog, ep: Episode, lang: str) -> str:
    default = catalog.config.languages.default
    text = Text(lang, default)
    page = episode_page(ep)
    media = catalog.media.get(ep.id)
    audio_href = root_relative(page, lang, default, audio_path(ep))
    posts = post_index(catalog)
    blog = catalog.content_type("blog")
    related_posts = []
    for ref in ep.posts:
        post = posts.get(ref)
        if post is None:
            continue
        ptitle = getattr(post, "title", ref)
        related_posts.append({"title": text(ptitle) if isinstance(ptitle, Localized) else str(ptitle),
                              "href": url(page, blog.record_page(post)) if blog else ""})
    data = {
        "title": text(ep.title),
        "description": plain(_first_paragraph(text(ep.description))),
        "ep": meta_data(catalog, ep, lang, text),
        "audio": {"href": audio_href, "size": size_label(media.bytes, lang), "duration": length(media.duration)}
        if media else None,
        "notes": text(ep.description),
        "chapters": [{"seek": seek_data(audio_href, media.published(ch.start)), "title": text(ch.title)}
                     for ch in ep.chapters] if media else [],
        "people": [{"name": p.name, "href": p.href or "", "role": t(lang, labels.PODCAST_ROLE[p.role])}
                   for p in ep.people],
        "recommendations": [{"heading": rec_heading(r, catalog, text), "href": url(page, rec_page(r))}
                            for r in (catalog.recommendation(rid) for rid in ep.recommendations) if r],
        "posts": related_posts,
        "credits": [text(c) for c in ep.credits],
        "transcript": _transcript(catalog, ep, lang, page, audio_href) if media else None,
        "subscribe": subscribe_data(catalog, lang),
        "funding": funding_data(catalog, lang, page),
    }
    tr = ep.translations.get(lang)
    data["notice"] = notice_data(text, tr.from_lang if tr else None, bool(tr and tr.outdated(ep)))
    return render(catalog, "episode.html", lang, **data)


def _transcript(catalog, ep: Episode, lang: str, page: str, audio_href: str) -> dict | None:
    media = catalog.media[ep.id]
    default = catalog.config.languages.default
    tr = ep.transcript(lang) or ep.transcript(ep.language)
    if tr is None:
        return None
    notice = ""
    if tr.lang != lang:
        notice = t(lang, "podcast_transcript_original", original=lang_name(tr.lang, lang))
    elif tr.translated_from:
        notice = t(lang, "podcast_transcript_translated", original=lang_name(tr.translated_from, lang))
    return {
        "lang": tr.lang, "notice": notice,
        "cues": [{"seek": seek_data(audio_href, media.published(cue.start)), "text": cue.text} for cue in tr.cues],
        "files": [{"href": root_relative(page, lang, default, transcript_path(ep, other.lang)), "lang": other.lang,
                   "name": lang_name(other.lang, lang)} for other in ep.transcripts],
    }


# --- blocks on other pages --------------------------------------------------------

def home_block(catalog, lang: str) -> str:
    eps = published(catalog)[:3]
    if not eps:
        return ""
    text = Text(lang, catalog.config.languages.default)
    return render(catalog, "podcast_block.html", lang, title=t(lang, "podcast_latest"),
                  all_href=url("index", INDEX), list_style="recent",
                  episodes=[{"title": text(ep.title), "href": url("index", episode_page(ep)), "example": ep.example,
                             "date": date_data(ep.date, lang, "medium")} for ep in eps])


def home_card(catalog, lang: str) -> dict | None:
    """The newest episode as a card on the home page, with the show's artwork as its cover
    (decorative there: the title beside it says what it is)."""
    eps = published(catalog)
    if not eps:
        return None
    ep, default = eps[0], catalog.config.languages.default
    text = Text(lang, default)
    cover = ({"src": root_relative("index", lang, default, artwork_path(catalog.podcast)), "alt": ""}
             if catalog.podcast.artwork else None)
    return {"kind": t(lang, "podcast_latest"), "title": text(ep.title), "lang": "", "href": url("index", episode_page(ep)),
            "date": date_data(ep.date, lang, "medium"), "cover": cover, "example": ep.example,
            "all_href": url("index", INDEX), "all_label": t(lang, "podcast_all_episodes")}


def discussed_in(catalog, rec, lang: str, page: str) -> str:
    eps = [ep for ep in catalog.episodes if rec.id in ep.recommendations]
    if not eps:
        return ""
    text = Text(lang, catalog.config.languages.default)
    return render(catalog, "podcast_block.html", lang, title=t(lang, "podcast_discussed"), all_href="",
                  list_style="links",
                  episodes=[{"title": text(ep.title), "href": url(page, episode_page(ep)), "example": ep.example,
                             "date": None} for ep in eps])

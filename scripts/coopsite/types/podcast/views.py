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
from coopsite.core.i18n import labels
from coopsite.core.i18n.ui import t
from coopsite.types.podcast.load import post_index
from coopsite.core.model import Episode, Localized
from coopsite.types.podcast.paths import (INDEX, audio_path, episode_page, feed_languages, feed_path, published, root_relative, transcript_path)
from coopsite.core.safety import safe_html
from coopsite.core.views import Text, date_html, esc, front_matter, lang_name, notices, url
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


def example_label(lang: str) -> str:
    return f'<span class="example-label">{esc(t(lang, "podcast_example"))}</span>'


def meta_line(catalog, ep: Episode, lang: str) -> str:
    parts = [date_html(ep.date, lang)]
    media = catalog.media.get(ep.id)
    if media:
        parts.append(f'<time datetime="{iso_duration(round(media.duration))}">{length(media.duration)}</time>')
    if ep.number:
        label = t(lang, "podcast_episode_n", n=ep.number)
        if ep.season:
            label += ", " + t(lang, "podcast_season_n", n=ep.season)
        parts.append(esc(label))
    if ep.type != "full":
        parts.append(f'<span class="podcast-type">{esc(t(lang, labels.EPISODE_TYPE[ep.type]))}</span>')
    parts.append(f'<span lang="{lang}">{esc(t(lang, "podcast_spoken_in", language=lang_name(ep.language, lang)))}'
                 f"</span>")
    if ep.example:
        parts.append(example_label(lang))
    return f'<p class="podcast-meta">{" · ".join(parts)}</p>'


def seek_link(audio_href: str, at: float, lang: str) -> str:
    """A timestamp that is a real link (media fragment) and, with podcast.js, seeks the page's player."""
    label = clock(at)
    return (f'<a class="podcast-seek" href="{audio_href}#t={at:g}" data-seek="{at:g}" '
            f'aria-label="{esc(t(lang, "podcast_play_from", time=label))}">'
            f'<time datetime="{iso_duration(at)}">{label}</time></a>')


def _inline(html_text: str) -> str:
    """One paragraph's HTML without its <p>, to sit inside a list item."""
    stripped = html_text.strip()
    if stripped.startswith("<p>") and stripped.endswith("</p>") and stripped.count("<p>") == 1:
        return stripped[3:-4]
    return stripped


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


def subscribe_block(catalog, lang: str, level: str = "##") -> str:
    show = catalog.podcast
    default = catalog.config.languages.default
    text = Text(lang, default)
    feeds = []
    langs = feed_languages(catalog)
    if lang in langs:
        feeds.append((t(lang, "podcast_feed_lang", language=lang_name(lang, lang)), feed_path(lang)))
    elif len(langs) == 1:
        feeds.append((t(lang, "podcast_feed_lang", language=lang_name(langs[0], lang)), feed_path(langs[0])))
    feeds.append((t(lang, "podcast_feed_all"), feed_path(None)))
    out = [f"{level} {t(lang, 'podcast_subscribe')}\n", f"<p>{esc(t(lang, 'podcast_subscribe_intro'))}</p>\n",
           '<div class="podcast-subscribe">']
    for label, path in feeds:
        feed_url = catalog.config.url(path)
        title = text(show.title)
        links = "".join(f'<li><a href="{esc(href)}">{esc(t(lang, "podcast_open_in", app=app))}</a></li>'
                        for app, href in app_links(feed_url, title, lang))
        out.append(
            f'<div class="podcast-feed"><p class="podcast-feed-label"><strong>{esc(label)}</strong></p>'
            f'<p><label>{esc(t(lang, "podcast_feed_url"))} '
            f'<input class="podcast-feed-url" type="url" readonly value="{esc(feed_url)}" size="40"></label> '
            f'<button type="button" class="podcast-copy md-button" hidden data-url="{esc(feed_url)}" '
            f'data-copied="{esc(t(lang, "podcast_copied"))}" data-failed="{esc(t(lang, "podcast_copy_failed"))}">'
            f'{esc(t(lang, "podcast_copy_url"))}</button> '
            f'<span class="podcast-copy-status" role="status" aria-live="polite"></span></p>'
            f'<ul class="podcast-apps">{links}'
            f'<li><a href="{esc(feed_url)}" type="application/rss+xml">RSS</a></li></ul></div>')
    out.append(f'<p class="podcast-other-apps">{esc(t(lang, "podcast_other_apps"))}</p>')
    out.append("</div>\n")
    return "\n".join(out)


def funding_line(catalog, lang: str, page: str) -> str:
    show = catalog.podcast
    if not show.funding_url:
        return ""
    text = Text(lang, catalog.config.languages.default)
    href = show.funding_url
    if not href.startswith("https://"):
        href = url(page, href.rstrip("/"))  # a page of this site, in the reader's language
    link = f'<a href="{esc(href)}">{esc(text(show.funding_text))}</a>'
    return f'<p class="podcast-funding">{t(lang, "podcast_funding", link=link)}</p>\n'


# --- pages -----------------------------------------------------------------------

def index(catalog, lang: str) -> str:
    show = catalog.podcast
    default = catalog.config.languages.default
    text = Text(lang, default)
    title = text(show.title)
    rec25 = esc(t(lang, "podcast_rec25"))
    if catalog.recommendation("sip2021-25"):
        rec25 = f'<a href="{url(INDEX, "recommendations/sip2021-25")}">{rec25}</a>'
    body = [f'<p class="tagline">{esc(text(show.description))}</p>\n',
            f'<p>{t(lang, "podcast_intro", recommendation=rec25)}</p>\n']
    body.append(f"## {t(lang, 'podcast_episodes')}\n")
    if not catalog.episodes:
        body.append(f"<p>{esc(t(lang, 'podcast_no_episodes'))}</p>\n")
    for ep in catalog.episodes:
        ep_text = Text(lang, default)
        body.append(f"### [{esc(ep_text(ep.title))}]({url(INDEX, episode_page(ep))})\n")
        body.append(meta_line(catalog, ep, lang) + "\n")
        body.append(f'<div class="podcast-notes">{safe_html(_first_paragraph(ep_text(ep.description)))}</div>\n')
    if catalog.episodes:
        body.append(subscribe_block(catalog, lang))
    body.append(funding_line(catalog, lang, INDEX))
    banner = notices(text)
    return front_matter(title, description=text(show.description)) + f"# {title}\n\n" + banner + "\n" + "\n".join(body)


def episode(catalog, ep: Episode, lang: str) -> str:
    default = catalog.config.languages.default
    text = Text(lang, default)
    page = episode_page(ep)
    title = text(ep.title)
    media = catalog.media.get(ep.id)
    audio_href = root_relative(page, lang, default, audio_path(ep))
    body = []
    if ep.example:
        body.append(f'!!! note "{esc(t(lang, "podcast_example").capitalize())}"\n    '
                    f'{esc(t(lang, "podcast_example_notice"))}\n')
    body.append(meta_line(catalog, ep, lang) + "\n")
    if media:
        label = t(lang, "podcast_download", size=size_label(media.bytes, lang), duration=length(media.duration))
        body.append(
            f'<div class="podcast-player">\n'
            f'<audio id="player-{ep.slug}" class="podcast-audio" controls preload="none" src="{audio_href}" '
            f'aria-label="{esc(t(lang, "podcast_player", title=title))}" lang="{ep.language}">'
            f'<a href="{audio_href}">{esc(t(lang, "podcast_no_player"))}</a></audio>\n'
            f'<p><a class="podcast-download" href="{audio_href}" download type="audio/mpeg">{esc(label)}</a></p>\n'
            f'</div>\n')
    body.append(f"## {t(lang, 'podcast_show_notes')}\n\n"
                f'<div class="podcast-notes">\n{safe_html(text(ep.description))}\n</div>\n')
    if ep.chapters and media:
        items = "\n".join(f"<li>{seek_link(audio_href, media.published(ch.start), lang)} "
                          f"{esc(text(ch.title))}</li>" for ch in ep.chapters)
        body.append(f"## {t(lang, 'podcast_chapters')}\n\n"
                    f'<ol class="podcast-chapters" data-player="player-{ep.slug}">\n{items}\n</ol>\n')
    body.append(_people(ep, lang))
    body.append(_related(catalog, ep, lang, page, text))
    if ep.credits:
        items = "".join(f"<li>{_inline(safe_html(text(c)))}</li>" for c in ep.credits)
        body.append(f"## {t(lang, 'podcast_credits')}\n\n<ul class=\"podcast-credits\">{items}</ul>\n")
    if media:
        body.append(_transcript(catalog, ep, lang, page, audio_href))
    body.append(subscribe_block(catalog, lang))
    body.append(funding_line(catalog, lang, page))
    tr = ep.translations.get(lang)
    outdated = bool(tr and tr.outdated(ep))
    banner = notices(text, tr.from_lang if tr else None, outdated)
    head = front_matter(title, description=plain(_first_paragraph(text(ep.description))))
    return head + f"# {esc(title)}\n\n" + banner + "\n" + "\n".join(b for b in body if b) + "\n"


def _people(ep: Episode, lang: str) -> str:
    if not ep.people:
        return ""
    items = []
    for p in ep.people:
        name = f'<a href="{esc(p.href)}">{esc(p.name)}</a>' if p.href else esc(p.name)
        items.append(f"<li>{name} ({esc(t(lang, labels.PODCAST_ROLE[p.role]))})</li>")
    return f"## {t(lang, 'podcast_people')}\n\n<ul class=\"podcast-people\">{''.join(items)}</ul>\n"


def _related(catalog, ep: Episode, lang: str, page: str, text: Text) -> str:
    out = []
    recs = [catalog.recommendation(rid) for rid in ep.recommendations]
    if any(recs):
        out.append(f"## {t(lang, 'podcast_related')}\n")
        out += [f"- [{esc(rec_heading(rec, catalog, text))}]({url(page, rec_page(rec))})" for rec in recs if rec]
        out.append("")
    posts = post_index(catalog)
    blog = catalog.content_type("blog")
    linked = []
    for ref in ep.posts:
        post = posts.get(ref)
        if post is None:
            continue
        ptitle = getattr(post, "title", ref)
        label = esc(text(ptitle) if isinstance(ptitle, Localized) else str(ptitle))
        linked.append(f"- [{label}]({url(page, blog.record_page(post))})" if blog else f"- {label}")
    if linked:
        out += [f"## {t(lang, 'podcast_related_posts')}\n", *linked, ""]
    return "\n".join(out)


def _transcript(catalog, ep: Episode, lang: str, page: str, audio_href: str) -> str:
    media = catalog.media[ep.id]
    default = catalog.config.languages.default
    tr = ep.transcript(lang) or ep.transcript(ep.language)
    if tr is None:
        return ""
    out = [f"## {t(lang, 'podcast_transcript')}\n"]
    if tr.lang != lang:
        out.append(f'<p class="translated-notice">{esc(t(lang, "podcast_transcript_original", original=lang_name(tr.lang, lang)))}</p>')
    elif tr.translated_from:
        out.append(f'<p class="translated-notice">'
                   f'{esc(t(lang, "podcast_transcript_translated", original=lang_name(tr.translated_from, lang)))}</p>')
    cues = "\n".join(f'<p>{seek_link(audio_href, media.published(cue.start), lang)} {esc(cue.text)}</p>'
                     for cue in tr.cues)
    out.append(f'<div class="podcast-transcript" lang="{tr.lang}" data-player="player-{ep.slug}">\n{cues}\n</div>')
    files = " · ".join(f'<a href="{root_relative(page, lang, default, transcript_path(ep, other.lang))}" '
                       f'hreflang="{other.lang}" type="text/vtt">{esc(lang_name(other.lang, lang))}</a>'
                       for other in ep.transcripts)
    out.append(f'<p class="podcast-transcript-files">{t(lang, "podcast_transcript_files", links=files)}</p>\n')
    return "\n".join(out)


# --- blocks on other pages --------------------------------------------------------

def home_block(catalog, lang: str) -> str:
    eps = published(catalog)[:3]
    if not eps:
        return ""
    text = Text(lang, catalog.config.languages.default)
    out = [f"## {t(lang, 'podcast_latest')}\n", '<ul class="recent-list">']
    for ep in eps:
        label = esc(text(ep.title)) + (" " + example_label(lang) if ep.example else "")
        out.append(f'<li>{date_html(ep.date, lang, "medium")} <a href="{url("index", episode_page(ep))}">'
                   f'{label}</a></li>')
    out.append("</ul>\n")
    out.append(f"[{t(lang, 'podcast_all_episodes')}]({url('index', INDEX)})\n")
    return "\n".join(out)


def discussed_in(catalog, rec, lang: str, page: str) -> str:
    eps = [ep for ep in catalog.episodes if rec.id in ep.recommendations]
    if not eps:
        return ""
    text = Text(lang, catalog.config.languages.default)
    items = [f"- [{esc(text(ep.title))}]({url(page, episode_page(ep))})"
             + (" " + example_label(lang) if ep.example else "") for ep in eps]
    return f"## {t(lang, 'podcast_discussed')}\n\n" + "\n".join(items) + "\n"

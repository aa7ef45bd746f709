"""Calendar pages: upcoming events by month, month grids, one page per event, past events, filters.

Everything works without JavaScript: the month grid is an HTML table built at
build time, filters are plain pages per type and per city, and "upcoming" is
relative to the build date (catalog.today; the site is rebuilt daily).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import datetime as dt
from collections import defaultdict
from functools import lru_cache
from urllib.parse import quote_plus

from coopsite.types.calendar import links
from coopsite.types.calendar import recurrence as rec
from coopsite.core.i18n import format as fmt
from coopsite.core.i18n import labels
from coopsite.core.i18n.ui import t, tn
from coopsite.core.model import Event, Venue
from coopsite.types.calendar.recurrence import Occurrence
from coopsite.core.views import Text, esc, front_matter, md, notices, url
from coopsite.types.recommendations.views import rec_heading, rec_page

if TYPE_CHECKING:  # the catalog is built from the types: at run time they only receive it
    from coopsite.site.catalog import Catalog


def pages(catalog: Catalog, lang: str) -> dict[str, str]:
    out = {links.INDEX: index(catalog, lang), links.PAST: past(catalog, lang)}
    out.update(months(catalog, lang))
    for event in catalog.events:
        out[links.event_page(event.id)] = event_text(catalog, event, lang)
    for et in catalog.event_types:
        out[links.type_page(et.id)] = selection(catalog, lang, links.type_page(et.id), et.name,
                                                lambda e, tid=et.id: e.type == tid,
                                                links.type_feed_path(et.id, lang))
    for place in catalog.places:
        out[links.city_page(place.id)] = selection(catalog, lang, links.city_page(place.id), place.name,
                                                   lambda e, pid=place.id: e.venue.city == pid,
                                                   links.city_feed_path(place.id, lang))
    return out


# --- pieces ---------------------------------------------------------------------

def _labels(occ: Occurrence, lang: str, example: bool = True) -> str:
    out = []
    if example and occ.event.example:
        out.append(f'<span class="example-label">{esc(t(lang, "example"))}</span>')
    if occ.cancelled:
        out.append(f'<span class="event-label event-label-cancelled">{esc(t(lang, "cancelled"))}</span>')
    elif occ.moved:
        out.append(f'<span class="event-label event-label-moved">{esc(t(lang, "moved_from", date=fmt.day_month(occ.original, lang)))}</span>')
    return " ".join(out)


def _time_html(value: dt.date | dt.datetime, text: str) -> str:
    stamp = value.isoformat(timespec="minutes") if isinstance(value, dt.datetime) else value.isoformat()
    return f'<time datetime="{stamp}">{esc(text)}</time>'


def when_short(occ: Occurrence, lang: str, default_tz: str, year: bool = False) -> str:
    """'do 17 dec · 19:00–21:00' for lists under a month heading; with the year elsewhere."""
    return _when_short(occ.start, occ.end, occ.event.timezone, lang, default_tz, year)


@lru_cache(maxsize=4096)
def _when_short(start, end, tz: str, lang: str, default_tz: str, year: bool) -> str:
    # An occurrence is listed on several pages (upcoming, its month, its type, its city): format it once.
    skeleton = "yMMMEd" if year else "MMMEd"
    if not isinstance(start, dt.datetime):
        return _time_html(start, fmt.date_range(start, end, lang, skeleton))
    day = _time_html(start, fmt.date_range(start.date(), start.date(), lang, skeleton))
    text = f'{day} · {esc(fmt.time_range(start, end, lang))}'
    if tz != default_tz:
        text += f' <span class="event-zone">({esc(zone_label(tz, lang))})</span>'
    return text


def zone_label(tz: str, lang: str) -> str:
    return t(lang, "local_time", country=fmt.zone_country(tz, lang))


def label_value(lang: str, label: str, value: str) -> str:
    """'label: value' with the language's punctuation (a space before the colon in French); both escaped."""
    return esc(t(lang, "label_value", label="\0", value="\1")).replace("\0", label).replace("\1", value)


def when_long(occ: Occurrence, lang: str) -> str:
    """'donderdag 17 december 2026, 19:00–21:00' for the event page."""
    if occ.all_day:
        if occ.start == occ.end:
            return _time_html(occ.start, fmt.full_date(occ.start, lang)) + f" ({esc(t(lang, 'all_day'))})"
        return _time_html(occ.start, fmt.date_range(occ.start, occ.end, lang, "yMMMMEEEEd"))
    if occ.start.date() == occ.end.date():
        return (_time_html(occ.start, fmt.full_date(occ.start, lang)) + ", "
                + esc(fmt.time_range(occ.start, occ.end, lang)))
    return _time_html(occ.start, fmt.time_range(occ.start, occ.end, lang))


def where_short(catalog: Catalog, venue: Venue | None, lang: str, text: Text) -> str:
    if venue is None:
        return ""
    parts = []
    place = catalog.place(venue.city)
    if venue.name:
        parts.append(text(venue.name))
    if place:
        parts.append(text(place.name))
    if venue.online:
        parts.append(t(lang, "online"))
    return " · ".join(esc(p) for p in parts)


def map_url(catalog: Catalog, venue: Venue, lang: str) -> str | None:
    """An OpenStreetMap search for the address (or the city alone while the address is not known)."""
    place = catalog.place(venue.city)
    query = ", ".join(p for p in (venue.address, place.name.pick(lang, catalog.config.languages.default)[0]
                                  if place else None) if p)
    if place and place.country:
        query += f", {place.country}"
    return f"https://www.openstreetmap.org/search?query={quote_plus(query)}" if query else None


def occurrence_item(catalog: Catalog, occ: Occurrence, lang: str, page: str, text: Text, year: bool = False) -> str:
    css = "event-item" + (" event-cancelled" if occ.cancelled else "")
    title = esc(text(occ.event.title))
    if occ.cancelled:
        title = f"<s>{title}</s>"
    where = where_short(catalog, occ.venue, lang, text)
    et = catalog.event_type(occ.event.type)
    kind = f'<span class="event-type">{esc(text(et.name))}</span>' if et else ""
    return (f'<li class="{css}" itemscope itemtype="https://schema.org/Event">{_microdata(occ)}'
            f'<span class="event-when">{when_short(occ, lang, catalog.calendar.timezone, year)}</span> '
            f'<a itemprop="url" href="{url(page, links.event_page(occ.event.id))}"><span itemprop="name">{title}</span></a>'
            f' {_labels(occ, lang)} <span class="event-where">{kind}{" · " if kind and where else ""}{where}</span></li>')


def _microdata(occ: Occurrence) -> str:
    """schema.org Event data of one occurrence: exact start and end with their offset, and its status.

    Search engines read it, and so do the tests that compare the pages with what
    calendar apps compute from the feed.
    """
    status = "EventCancelled" if occ.cancelled else "EventRescheduled" if occ.moved else "EventScheduled"
    stamp = (lambda v: v.isoformat(timespec="minutes")) if not occ.all_day else (lambda v: v.isoformat())
    return (f'<meta itemprop="startDate" content="{stamp(occ.start)}">'
            f'<meta itemprop="endDate" content="{stamp(occ.end)}">'
            f'<link itemprop="eventStatus" href="https://schema.org/{status}">')


def by_month(catalog: Catalog, occs: list[Occurrence], lang: str, page: str, text: Text, *,
             newest_first: bool = False, level: int = 2) -> str:
    groups: dict[dt.date, list[Occurrence]] = defaultdict(list)
    for occ in occs:
        groups[occ.first_day.replace(day=1)].append(occ)
    out = []
    for month in sorted(groups, reverse=newest_first):
        items = groups[month][::-1] if newest_first else groups[month]
        heading = fmt.month_year(month, lang).capitalize()
        out.append(f"{'#' * level} [{esc(heading)}]({url(page, links.month_page(month))}) {{ #m{month:%Y-%m} }}\n")
        out.append('<ul class="event-list">' + "".join(occurrence_item(catalog, o, lang, page, text) for o in items)
                   + "</ul>\n")
    return "\n".join(out)


def subscribe_block(catalog: Catalog, lang: str, feed: str, label: str) -> str:
    https = catalog.config.url(feed)
    return (f'<div class="calendar-subscribe">\n'
            f'<p>{label_value(lang, f"<strong>{esc(label)}</strong>", esc(t(lang, "subscribe_intro")))}</p>\n'
            f'<p><a class="md-button" href="{esc(links.webcal(https))}">{esc(t(lang, "subscribe_webcal"))}</a></p>\n'
            f'<p>{esc(t(lang, "subscribe_copy"))}<br><code>{esc(https)}</code></p>\n</div>\n')


def month_range(catalog: Catalog) -> list[dt.date]:
    """The months that get a grid page: every month with an occurrence, and the current one."""
    cache = catalog.__dict__.get("_calendar_months")
    if cache is not None:
        return cache
    days = [d for o in rec.all_occurrences(catalog) for d in (o.first_day, o.last_day)]
    first = min(days + [catalog.today]).replace(day=1)
    last = max(days + [catalog.today]).replace(day=1)
    out = []
    month = first
    while month <= last:
        out.append(month)
        month = (month + dt.timedelta(days=32)).replace(day=1)
    catalog.__dict__["_calendar_months"] = out  # memo on the immutable catalog, like its other lookups
    return out


def _lang_prefix(catalog: Catalog, lang: str) -> str:
    return catalog.config.languages.prefix(lang)


# --- the pages --------------------------------------------------------------------

def index(catalog: Catalog, lang: str) -> str:
    text = Text(lang, catalog.config.languages.default)
    page = links.INDEX
    title = t(lang, "calendar")
    upcoming = rec.upcoming(catalog)
    out = [front_matter(title, description=t(lang, "calendar_intro")), f"# {title}\n",
           f"{esc(t(lang, 'calendar_intro'))}\n",
           f'<p class="calendar-updated">{esc(t(lang, "calendar_updated", date=fmt.date(catalog.today, lang)))}</p>\n']
    nav = [f'<a href="{url(page, links.month_page(catalog.today.replace(day=1)))}">{esc(t(lang, "this_month"))}</a>',
           f'<a href="{url(page, links.PAST)}">{esc(t(lang, "past_events"))}</a>',
           f'<a href="#subscribe">{esc(t(lang, "subscribe"))}</a>']
    out.append('<p class="calendar-nav">' + " · ".join(nav) + "</p>\n")
    out.append(filters(catalog, lang, page, text))
    out.append(f"## {t(lang, 'upcoming_events')}\n")
    if upcoming:
        out.append(by_month(catalog, upcoming, lang, page, text, level=3))
        if any(e.recurring for e in catalog.events):
            out.append(f'<p class="calendar-horizon">'
                       f'{esc(t(lang, "horizon_note", date=fmt.date(rec.horizon_end(catalog), lang)))}</p>\n')
    else:
        out.append(f"<p>{esc(t(lang, 'no_upcoming'))}</p>\n")
    out.append(f"## {t(lang, 'subscribe')} {{ #subscribe }}\n")
    out.append(subscribe_block(catalog, lang, links.feed_path(lang), t(lang, "all_events")))
    api = links.file_url(page, _lang_prefix(catalog, lang), 'api/events.json')
    out.append(f'<p><a href="{api}" type="application/json">{esc(t(lang, "calendar_api"))}</a></p>\n')
    out.insert(2, notices(text))
    return "\n".join(out)


def filters(catalog: Catalog, lang: str, page: str, text: Text) -> str:
    """Plain links per type and per city, each with how many occurrences are coming."""
    upcoming = [o for o in rec.upcoming(catalog) if not o.cancelled]
    out = ['<nav class="calendar-filters">\n']
    for label, items, key, target in (
            ("by_type", catalog.event_types, lambda o: o.event.type, links.type_page),
            ("by_city", catalog.places, lambda o: o.event.venue.city, links.city_page)):
        counts = defaultdict(int)
        for o in upcoming:
            counts[key(o)] += 1
        used = [i for i in items if any(key_of(e, label) == i.id for e in catalog.events)]
        if not used:
            continue
        entries = [f'<a href="{url(page, target(i.id))}">{esc(text(i.name))}</a> '
                   f'<span class="event-count">({esc(t(lang, "upcoming_count", n=counts[i.id]))})</span>'
                   for i in used]
        out.append("<p>" + label_value(lang, f"<strong>{esc(t(lang, label))}</strong>", " · ".join(entries)) + "</p>\n")
    out.append("</nav>\n")
    return "\n".join(out)


def key_of(event: Event, label: str) -> str | None:
    return event.type if label == "by_type" else event.venue.city


def past(catalog: Catalog, lang: str) -> str:
    text = Text(lang, catalog.config.languages.default)
    page = links.PAST
    title = t(lang, "past_events")
    occs = rec.past(catalog)
    out = [front_matter(title), f"# {title}\n", f"[{t(lang, 'calendar')}]({url(page, links.INDEX)})\n"]
    out.append(by_month(catalog, occs, lang, page, text, newest_first=True) if occs
               else f"<p>{esc(t(lang, 'no_past'))}</p>\n")
    return "\n".join(out)


def months(catalog: Catalog, lang: str) -> dict[str, str]:
    text = Text(lang, catalog.config.languages.default)
    all_months = month_range(catalog)
    by_day: dict[dt.date, list[Occurrence]] = defaultdict(list)
    for occ in rec.all_occurrences(catalog):
        for day in occ.days():
            by_day[day].append(occ)
    out = {}
    for i, month in enumerate(all_months):
        prev = all_months[i - 1] if i else None
        nxt = all_months[i + 1] if i + 1 < len(all_months) else None
        out[links.month_page(month)] = month_text(catalog, lang, month, prev, nxt, by_day, text)
    return out


def month_text(catalog: Catalog, lang: str, month: dt.date, prev: dt.date | None, nxt: dt.date | None,
               by_day: dict, text: Text) -> str:
    page = links.month_page(month)
    name = fmt.month_year(month, lang)
    title = t(lang, "label_value", label=t(lang, "calendar"), value=name)
    nav = []
    if prev:
        nav.append(f'<a rel="prev" href="{url(page, links.month_page(prev))}">'
                   f'<span aria-hidden="true">←</span> {esc(fmt.month_year(prev, lang))}</a>')
    nav.append(f'<a href="{url(page, links.INDEX)}">{esc(t(lang, "upcoming_events"))}</a>')
    if nxt:
        nav.append(f'<a rel="next" href="{url(page, links.month_page(nxt))}">'
                   f'{esc(fmt.month_year(nxt, lang))} <span aria-hidden="true">→</span></a>')
    out = [front_matter(title), f"# {esc(title)}\n",
           f'<nav class="month-nav" aria-label="{esc(t(lang, "month_navigation"))}">{" · ".join(nav)}</nav>\n',
           grid(catalog, lang, month, by_day, page, text)]
    in_month = [o for o in rec.all_occurrences(catalog)
                if o.first_day <= _month_end(month) and o.last_day >= month]
    out.append(f"## {esc(name.capitalize())}\n")
    if in_month:
        out.append('<ul class="event-list">' + "".join(occurrence_item(catalog, o, lang, page, text)
                                                      for o in in_month) + "</ul>\n")
    else:
        out.append(f"<p>{esc(t(lang, 'no_events_month'))}</p>\n")
    return "\n".join(out)


def _month_end(month: dt.date) -> dt.date:
    return (month + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)


def grid(catalog: Catalog, lang: str, month: dt.date, by_day: dict, page: str, text: Text) -> str:
    """The month as a table: a caption, a column header per weekday, today marked (aria-current)."""
    days = fmt.week_days(lang)
    order = [d for d, _, _ in days]
    head = "".join(f'<th scope="col"><abbr title="{esc(wide)}">{esc(short)}</abbr></th>' for _, short, wide in days)
    rows, row = [], []
    lead = order.index(month.weekday())
    row.extend(['<td class="month-grid-outside"></td>'] * lead)
    day = month
    while day.month == month.month:
        row.append(_cell(catalog, lang, day, by_day.get(day, []), page, text))
        if len(row) == 7:
            rows.append("<tr>" + "".join(row) + "</tr>")
            row = []
        day += dt.timedelta(days=1)
    if row:
        row.extend(['<td class="month-grid-outside"></td>'] * (7 - len(row)))
        rows.append("<tr>" + "".join(row) + "</tr>")
    return (f'<div class="month-grid-wrap"><table class="month-grid">'
            f'<caption>{esc(fmt.month_year(month, lang).capitalize())}</caption>'
            f'<thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table></div>\n')


def _cell(catalog: Catalog, lang: str, day: dt.date, occs: list[Occurrence], page: str, text: Text) -> str:
    css = ["month-grid-day"]
    extra = ""
    if occs:
        css.append("has-events")
    if day == catalog.today:
        css.append("today")
        extra = ' aria-current="date"'
    label = f'<span class="today-label">{esc(t(lang, "today"))}</span>' if day == catalog.today else ""
    items = []
    for occ in occs:
        when = "" if occ.all_day or occ.first_day != day else \
            f'<span class="event-time">{esc(fmt.time(occ.start, lang))}</span> '
        title = esc(text(occ.event.title))
        if occ.cancelled:
            title = f'<s>{title}</s> <span class="event-label event-label-cancelled">{esc(t(lang, "cancelled"))}</span>'
        # On phones the title is hidden visually (not from screen readers): the list below the grid has it.
        items.append(f'<li>{when}<a href="{url(page, links.event_page(occ.event.id))}">'
                     f'<span class="grid-title">{title}</span></a></li>')
    body = f'<ul>{"".join(items)}</ul>' if items else ""
    return (f'<td class="{" ".join(css)}"{extra}><time class="day-number" datetime="{day.isoformat()}">'
            f'{day.day}</time>{label}{body}</td>')


def rule_summary(event: Event, lang: str) -> str:
    rule, _ = rec.parse_rule(event.rrule or "", event.all_day, event.timezone)
    if rule is None:
        return ""
    freq = rule.get("FREQ")
    interval = int(rule.get("INTERVAL") or 1)
    out = t(lang, labels.FREQUENCY[freq]) if interval == 1 else t(lang, labels.EVERY_N[freq], n=interval)
    if rule.until is not None:
        until = rule.until.date() if isinstance(rule.until, dt.datetime) else rule.until
        out += ", " + t(lang, "until_date", date=fmt.date(until, lang))
    elif rule.get("COUNT"):
        out += ", " + tn(lang, "times_count", int(rule.get("COUNT")))
    return out


def event_text(catalog: Catalog, event: Event, lang: str) -> str:
    default = catalog.config.languages.default
    text = Text(lang, default)
    page = links.event_page(event.id)
    title = text(event.title)
    occs = rec.occurrences(catalog, event)
    coming = [o for o in occs if o.last_day >= catalog.today]
    gone = [o for o in occs if o.last_day < catalog.today]
    body = []
    if event.example:
        body.append(f'<p class="event-example"><span class="example-label">{esc(t(lang, "example"))}</span> '
                    f'{esc(t(lang, "example_notice"))}</p>\n')
    if event.cancelled:
        body.append(f'!!! warning "{t(lang, "cancelled")}"\n    {t(lang, "event_cancelled_notice")}\n')
    facts = []
    nxt = next((o for o in coming if not o.cancelled), None) or (coming[0] if coming else None)
    shown = nxt or (gone[-1] if gone else None)
    when = []
    if event.recurring:
        when.append(label_value(lang, esc(t(lang, "recurring")), esc(rule_summary(event, lang))))
        if nxt:
            when.append(label_value(lang, esc(t(lang, "next_date")), f"{when_long(nxt, lang)} {_labels(nxt, lang, False)}"))
    elif shown:
        past = f' <span class="event-label">{esc(t(lang, "past"))}</span>' if shown.last_day < catalog.today else ""
        when.append(when_long(shown, lang) + " " + _labels(shown, lang, False) + past)
    if not event.all_day:
        when.append(f'<span class="event-zone">({esc(zone_label(event.timezone, lang))})</span>')
    facts.append((t(lang, "when"), "<br>".join(when)))
    facts.append((t(lang, "where"), where_long(catalog, event.venue, lang, text)))
    et = catalog.event_type(event.type)
    if et:
        facts.append((t(lang, "event_type"), f'<a href="{url(page, links.type_page(et.id))}">{esc(text(et.name))}</a>'))
    if event.languages:
        facts.append((t(lang, "languages_spoken"), esc(", ".join(fmt.language_name(c, lang) for c in event.languages))))
    if event.organiser:
        facts.append((t(lang, "organiser"), esc(text(event.organiser))))
    if event.contact:
        facts.append((t(lang, "contact"), f'<a href="mailto:{esc(event.contact)}">{esc(event.contact)}</a>'))
    if event.registration:
        facts.append((t(lang, "registration"), f'<a href="{esc(event.registration)}">{esc(t(lang, "register_link"))}</a>'))
    body.append('<dl class="event-facts">' + "".join(f"<dt>{esc(k)}</dt><dd>{v}</dd>" for k, v in facts) + "</dl>\n")
    if event.description:
        body.append(md(text(event.description)) + "\n")
    if event.recurring:
        body.append(f"## {t(lang, 'upcoming_dates')}\n")
        if coming:
            body.append('<ul class="event-dates">' + "".join(_date_item(catalog, o, lang, text) for o in coming) + "</ul>\n")
            body.append(f'<p class="calendar-horizon">'
                        f'{esc(t(lang, "horizon_note", date=fmt.date(rec.horizon_end(catalog), lang)))}</p>\n')
        else:
            body.append(f"<p>{esc(t(lang, 'no_upcoming'))}</p>\n")
        if gone:
            body.append(f'<details class="event-past-dates"><summary>{esc(t(lang, "past_dates"))} ({len(gone)})</summary>'
                        '<ul class="event-dates">' + "".join(_date_item(catalog, o, lang, text) for o in reversed(gone))
                        + "</ul></details>\n")
    if event.recommendations:
        body.append(f"## {t(lang, 'related_recommendations')}\n")
        body.append(f"{t(lang, 'event_about_recs')}\n")
        for rid in event.recommendations:
            r = catalog.recommendation(rid)
            if r:
                body.append(f"- [{esc(rec_heading(r, catalog, text))}]({url(page, rec_page(r))})")
        body.append("")
    body.append(f"## {t(lang, 'add_to_calendar').split(' (')[0]}\n")
    ics = links.file_url(page, _lang_prefix(catalog, lang), links.event_file_path(event.id, lang))
    body.append(f'<p><a class="md-button md-button--primary" href="{ics}" download="{esc(event.id)}.ics" '
                f'type="text/calendar">{esc(t(lang, "add_to_calendar"))}</a></p>\n')
    body.append(f'<p class="calendar-help">{esc(t(lang, "add_to_calendar_help"))}</p>\n')
    body.append(subscribe_block(catalog, lang, links.feed_path(lang), t(lang, "all_events")))
    body.append(f"[{t(lang, 'calendar')}]({url(page, links.INDEX)})\n")
    tr = event.translations.get(lang)
    outdated = bool(tr and tr.outdated(event))
    banner = notices(text, tr.from_lang if tr else None, outdated)
    heading = esc(title) + (f' <span class="example-label">{esc(t(lang, "example"))}</span>' if event.example else "")
    desc = text(event.description).split("\n\n")[0].replace("\n", " ") if event.description else title
    return front_matter(title, description=desc) + f"# {heading}\n\n" + banner + "\n" + "\n".join(body) + "\n"


def _date_item(catalog: Catalog, occ: Occurrence, lang: str, text: Text) -> str:
    css = "event-date" + (" event-cancelled" if occ.cancelled else "")
    when = when_long(occ, lang)
    if occ.cancelled:
        when = f"<s>{when}</s>"
    note = f' <span class="event-note">{esc(text(occ.note))}</span>' if occ.note else ""
    venue = ""
    if occ.venue is not occ.event.venue:
        venue = f' <span class="event-where">{where_short(catalog, occ.venue, lang, text)}</span>'
    return f'<li class="{css}">{when} {_labels(occ, lang, False)}{venue}{note}</li>'


def where_long(catalog: Catalog, venue: Venue, lang: str, text: Text) -> str:
    lines = []
    place = catalog.place(venue.city)
    if venue.in_person:
        parts = [text(venue.name)] if venue.name else []
        if venue.address:
            parts.append(venue.address)
        if place:
            parts.append(text(place.name))
        line = ", ".join(parts)
        lines.append(esc(line if venue.address else f"{line} ({t(lang, 'address_tba')})"))
        link = map_url(catalog, venue, lang)
        if link:
            lines.append(f'<a href="{esc(link)}">{esc(t(lang, "map_link"))}</a>')
    if venue.online:
        lines.append(label_value(lang, esc(t(lang, "online")),
                                 f'<a href="{esc(venue.online)}">{esc(t(lang, "online_link"))}</a>'))
    return "<br>".join(lines)


def selection(catalog: Catalog, lang: str, page: str, name, keep, feed: str) -> str:
    """A filter page: the upcoming occurrences of one type or one city, with that selection's feed."""
    text = Text(lang, catalog.config.languages.default)
    label = text(name)
    title = t(lang, "label_value", label=t(lang, "calendar"), value=label)
    occs = [o for o in rec.upcoming(catalog) if keep(o.event)]
    out = [front_matter(title), f"# {esc(title)}\n",
           f'<p class="calendar-nav"><a href="{url(page, links.INDEX)}">{esc(t(lang, "all_events"))}</a> · '
           f'<a href="{url(page, links.PAST)}">{esc(t(lang, "past_events"))}</a></p>\n',
           f"## {t(lang, 'upcoming_events')}\n"]
    out.append(by_month(catalog, occs, lang, page, text, level=3) if occs else f"<p>{esc(t(lang, 'no_upcoming'))}</p>\n")
    out.append(f"## {t(lang, 'subscribe_this')}\n")
    out.append(subscribe_block(catalog, lang, feed, label))
    return "\n".join(out)


# --- blocks on other pages ----------------------------------------------------------

HOME_COUNT = 4


def home_block(catalog: Catalog, lang: str) -> str:
    """The next events on the home page."""
    text = Text(lang, catalog.config.languages.default)
    coming = [o for o in rec.upcoming(catalog) if not o.cancelled][:HOME_COUNT]
    if not catalog.events:
        return ""
    out = [f"## {t(lang, 'next_events')}\n"]
    if coming:
        out.append('<ul class="event-list">' + "".join(occurrence_item(catalog, o, lang, "index", text, True)
                                                      for o in coming) + "</ul>\n")
    else:
        out.append(f"<p>{esc(t(lang, 'no_upcoming'))}</p>\n")
    out.append(f"[{t(lang, 'calendar')}]({url('index', links.INDEX)})\n")
    return "\n".join(out)


def discussed_in(catalog: Catalog, recommendation, lang: str, page: str) -> str:
    """On a recommendation's page: the events about it, each with its next (or last) date."""
    events = [e for e in catalog.events if recommendation.id in e.recommendations]
    if not events:
        return ""
    text = Text(lang, catalog.config.languages.default)
    out = [f"## {t(lang, 'in_the_calendar')}\n", '<ul class="event-list">']
    for event in events:
        occs = rec.occurrences(catalog, event)
        coming = [o for o in occs if o.last_day >= catalog.today and not o.cancelled]
        occ = coming[0] if coming else (occs[-1] if occs else None)
        if occ:
            out.append(occurrence_item(catalog, occ, lang, page, text, True))
    out.append("</ul>\n")
    return "\n".join(out)

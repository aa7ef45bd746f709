"""The activity calendar: events (one-off and recurring), their types and places; iCalendar feeds."""

from __future__ import annotations

from coopsite.core.content_type import ContentType
from coopsite.core.i18n.ui import N_
from coopsite.types.calendar import api, bench, feeds, load, rules, views

TYPE = ContentType(
    name="calendar",
    item_labels={"events": N_("type_events")},
    load=load.load,
    rules=(rules.check_events,),
    nav=(("calendar/index.md", N_("calendar")),),
    pages=views.pages,
    home_block=views.home_block,
    discussed_in=views.discussed_in,
    translation_items=load.translation_items,
    dates=load.dates,
    files=(feeds.files, api.files),
    announced=feeds.announced,
    source_dirs=("content/events",),
    drafts=lambda catalog: sum(1 for e in catalog.events if e.draft),
    bench_clone=bench.clone,
)

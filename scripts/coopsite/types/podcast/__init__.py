"""The podcast: the show, its episodes (audio processed once per build, behind a cache), transcripts; feeds."""

from __future__ import annotations

from coopsite.core.content_type import ContentType
from coopsite.core.i18n.ui import N_
from coopsite.types.podcast import bench, feeds, load, paths, views

TYPE = ContentType(
    name="podcast",
    item_labels={"podcast": N_("type_podcast")},
    load=load.load,
    rules=(load.check_podcast,),
    nav=(("podcast/index.md", N_("nav_podcast")),),
    pages=views.pages,
    home_card=views.home_card,  # its newest item as a card (views.home_block: the older list)
    discussed_in=views.discussed_in,
    translation_items=load.translation_items,
    dates=load.dates,
    files=(feeds.files,),
    announced=feeds.announced,
    copies=feeds.copies,
    source_dirs=(load.PODCAST_DIR,),
    records=paths.published,  # only episodes whose audio is ready have a page
    record_page=paths.episode_page,
    drafts=lambda catalog: sum(1 for e in catalog.episodes if e.draft),
    bench_clone=bench.clone,
)

"""Member blog posts, their authors and tags; RSS feeds and the blog API."""

from __future__ import annotations

from coopsite.core.content_type import ContentType
from coopsite.core.i18n.ui import N_
from coopsite.types.blog import api, bench, feeds, load, views

TYPE = ContentType(
    name="blog",
    item_labels={"blog": N_("type_blog")},
    load=load.load,
    rules=(load.check_posts,),
    nav=(("blog/index.md", N_("blog")),),
    pages=views.pages,
    home_card=views.home_card,  # its newest item as a card (views.home_block: the older list)
    discussed_in=views.discussed_in,
    translation_items=load.translation_items,
    dates=feeds.dates,
    files=(feeds.files, api.files),
    announced=feeds.announced,
    source_dirs=(load.POSTS_DIR, load.IMAGES_DIR),
    source_files=(load.AUTHORS_FILE, load.TAGS_FILE),
    records=lambda catalog: catalog.posts,
    record_page=lambda post: views.post_page(post.slug),
    drafts=lambda catalog: sum(1 for p in catalog.posts if p.draft or any(f.draft for f in p.files.values())),
    bench_clone=bench.clone,
)

"""THE list of content types, in one place.

Its order is the order of the home page's blocks, of the blocks on a recommendation's page, of
the rules and of the translation page. A new content type is a new folder beside these (see the
README, "Adding a content type") and one line here.
"""

from __future__ import annotations

from coopsite.types import blog, calendar, podcast, recommendations

CONTENT_TYPES = (
    recommendations.TYPE,
    calendar.TYPE,
    blog.TYPE,
    podcast.TYPE,
)

"""The linear search de-duplication keeps mkdocs-static-i18n's rule, without its quadratic cost.

Rule: an fr/ or en/ entry goes when a default-language entry has the same title
and text and its location ends the other's location. (Upstream iterates a list
while removing from it, so it skips some entries and keeps a few duplicates; we
compare with a plain reading of the rule, and check we never remove more than it.)
"""

from __future__ import annotations

import copy
import random

from mkdocs_static_i18n.plugin import I18n

from coopsite.site.i18n_search import dedupe_search_entries

LANGS = ["nl", "fr", "en"]


class FakePlugin:
    build_languages = LANGS


def entries(seed: int) -> list[dict]:
    rnd = random.Random(seed)
    out = []
    for _ in range(300):
        page = f"page{rnd.randrange(60)}/" + rnd.choice(["", "#h"])
        out.append({"location": rnd.choice(["", "fr/", "en/"]) + page,
                    "title": rnd.choice("ABC"), "text": rnd.choice(["x", "y", "z", ""])})
    return out


def reference(items: list[dict]) -> list[dict]:
    prefixes = tuple(f"{lang}/" for lang in LANGS)
    defaults = [e for e in items if not e["location"].startswith(prefixes)]
    return [e for e in items if not (e["location"].startswith(prefixes) and any(
        d["title"] == e["title"] and d["text"] == e["text"] and e["location"].endswith(d["location"])
        for d in defaults))]


def test_follows_the_rule_and_removes_at_least_what_upstream_removes():
    for seed in range(20):
        ours = entries(seed)
        upstream = copy.deepcopy(ours)
        expected = reference(copy.deepcopy(ours))
        dedupe_search_entries(FakePlugin(), ours)
        I18n.reconfigure_search_duplicates(FakePlugin(), upstream)
        assert ours == expected, seed
        assert len(ours) <= len(upstream) < 300
        assert all(e in upstream for e in ours)  # nothing upstream keeps is lost... except duplicates

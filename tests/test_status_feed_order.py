"""The status feeds (feeds/recommendations.<lang>.xml) as feed readers order them, and the same on any day."""

from __future__ import annotations

import datetime as dt

import feedgen.entry
import feedgen.feed
import feedparser
import pytest
from lxml import etree

from coopsite.site.catalog import build_catalog
from coopsite.site.files import site_files
from coopsite.types.recommendations.feeds import path as feed_path

from .conftest import copy_tree

ATOM = "{http://www.w3.org/2005/Atom}"
LANGS = ("nl", "fr", "en")


@pytest.fixture(scope="module")
def full_tree(tmp_path_factory):
    return copy_tree(tmp_path_factory.mktemp("status") / "repo", full=True)


@pytest.fixture(scope="module")
def catalog(full_tree):
    cat, problems = build_catalog(full_tree)
    assert not problems.errors
    return cat


def _updated(xml: bytes) -> tuple[str, list[str], list[str]]:
    root = etree.fromstring(xml)
    entries = root.findall(f"{ATOM}entry")
    return (root.findtext(f"{ATOM}updated"), [e.findtext(f"{ATOM}updated") for e in entries],
            [e.findtext(f"{ATOM}id") for e in entries])


def test_entries_have_distinct_times_in_the_order_of_the_report(built_site, catalog):
    for lang in LANGS:
        xml = (built_site / feed_path(lang)).read_bytes()
        feed_updated, times, ids = _updated(xml)
        # every entry can be ordered: no two share a time, and the feed lists them newest first
        assert len(set(times)) == len(times) == sum(len(r.history) for r in catalog.recommendations)
        assert times == sorted(times, reverse=True)
        # the feed is as new as its newest entry (not the build date)
        assert feed_updated == times[0]
        parsed = feedparser.parse(xml)
        assert not parsed.bozo and parsed.feed.updated_parsed == parsed.entries[0].updated_parsed
        # changes of one day keep the report's order: oldest first, that is the catalog's order
        # (the report's changes are dated by its year, "2021": they stand in on its first day)
        day = "2021-01-01"
        same_day = [i.split(":")[3] for t, i in sorted(zip(times, ids)) if t.startswith(day)]
        catalog_order = [r.id for r in catalog.recommendations for h in r.history if h.date.start.isoformat() == day]
        assert len(same_day) > 30 and same_day == catalog_order
        assert [t for t in sorted(times) if t.startswith(day)][:2] == [f"{day}T12:00:00+00:00",
                                                                       f"{day}T12:00:01+00:00"]


class _AnyDatetime(type):
    # feedgen checks isinstance(value, datetime) on the values we give it: real datetimes must pass.
    def __instancecheck__(cls, obj):
        return isinstance(obj, dt.datetime)


class _Clock2031(dt.datetime, metaclass=_AnyDatetime):
    @classmethod
    def now(cls, tz=None):
        return dt.datetime(2031, 5, 5, 10, 0, tzinfo=tz)


def test_feed_bytes_do_not_depend_on_the_day_or_the_clock(full_tree, monkeypatch):
    today, _ = build_catalog(full_tree, today=dt.date(2026, 11, 26))
    before = {lang: site_files(today)[feed_path(lang)] for lang in LANGS}
    monkeypatch.setattr(feedgen.feed, "datetime", _Clock2031)
    monkeypatch.setattr(feedgen.entry, "datetime", _Clock2031)
    assert feedgen.feed.datetime.now().year == 2031  # the fake clock is the one feedgen reads
    later, _ = build_catalog(full_tree, today=dt.date(2031, 5, 5))
    after = {lang: site_files(later)[feed_path(lang)] for lang in LANGS}
    assert before == after
    assert b"2031" not in after["en"] and b"2026-11" not in after["en"]

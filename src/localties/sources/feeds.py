"""Following news feeds (RSS and Atom): what is new since the last poll.

A poll is a conditional GET (the ETag and Last-Modified of the last answer), so a feed
that has not changed costs one short answer. The feed is parsed with feedparser; each
entry's link (without its fragment) is an item, listed once however often the feed
repeats it, with the entry's date for pages that state none of their own.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import UTC, datetime

import feedparser

from localties.sources.fetch import Fetcher, FetchError


@dataclass(frozen=True, slots=True)
class FeedItem:
    """One entry of a feed: its link and, when the feed gives one, its day."""

    link: str
    published: str | None = None


@dataclass(frozen=True, slots=True)
class FeedPoll:
    """What one poll found: the entries (none when the feed has not changed) and the
    validators to send next time."""

    url: str
    items: tuple[FeedItem, ...]
    not_modified: bool
    etag: str | None
    modified: str | None


def poll_feed(
    fetcher: Fetcher, url: str, etag: str | None = None, modified: str | None = None
) -> FeedPoll:
    """Poll `url` (conditionally when validators are given).

    Raises:
        FetchError: the feed cannot be fetched, or is not a feed.
    """
    headers = {}
    if etag:
        headers["If-None-Match"] = etag
    if modified:
        headers["If-Modified-Since"] = modified
    answer = fetcher.get(url, headers=headers)
    if answer.status == 304:
        return FeedPoll(url, (), True, etag, modified)
    parsed = feedparser.parse(answer.body, response_headers={"content-location": answer.url})
    if parsed.bozo and not parsed.entries:
        reason = getattr(parsed, "bozo_exception", None)
        raise FetchError(url, f"not a readable RSS or Atom feed ({reason})")
    items: dict[str, FeedItem] = {}
    for entry in parsed.entries:
        link = (entry.get("link") or "").split("#")[0].strip()
        if not link or link in items:
            continue
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        day = (
            datetime.fromtimestamp(calendar.timegm(stamp), UTC).date().isoformat()
            if stamp
            else None
        )
        items[link] = FeedItem(link, day)
    return FeedPoll(
        url,
        tuple(items.values()),
        False,
        answer.headers.get("etag"),
        answer.headers.get("last-modified"),
    )

"""Sources beyond local files: web pages fetched by URL, and news feeds."""

from localties.sources.feeds import FeedItem, FeedPoll, poll_feed
from localties.sources.fetch import (
    Fetcher,
    FetchError,
    Policy,
    fetch_url,
    is_url,
    read_sources,
    url_id,
)

__all__ = [
    "FeedItem",
    "FeedPoll",
    "FetchError",
    "Fetcher",
    "Policy",
    "fetch_url",
    "is_url",
    "poll_feed",
    "read_sources",
    "url_id",
]

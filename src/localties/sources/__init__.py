"""Sources beyond local files: web pages fetched by URL."""

from localties.sources.fetch import FetchError, fetch_url, is_url, read_sources, url_id

__all__ = ["FetchError", "fetch_url", "is_url", "read_sources", "url_id"]

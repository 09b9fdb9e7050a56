"""Fetch one web page as an article, safely.

Only `http` and `https` URLs are fetched. The host's addresses are looked up first and a
private, loopback, link-local or otherwise non-public address is refused unless the
caller allows it (a server that fetches what users paste must not reach its own
network). Redirects are followed by hand, at most five, each checked the same way.
The body is read up to a byte limit, never further; only HTML and plain text are taken.
An article fetched by URL is named by its URL, so fetching it again is the same article.
"""

from __future__ import annotations

import hashlib
import ipaddress
import re
import socket
from collections.abc import Iterable, Iterator
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import httpx

from localties.errors import InputError
from localties.ingest import Ingested, article_from_html, check_text, decode_text
from localties.model.article import RawArticle

MAX_REDIRECTS = 5
USER_AGENT = "localties/0.1 (+news research; one request per article)"


class FetchError(InputError):
    """A URL that cannot be fetched: bad scheme, refused address, HTTP error, timeout."""


def url_id(url: str) -> str:
    """The article id of a fetched URL: a digest of the URL without its fragment."""
    return "url_" + hashlib.sha256(url.split("#")[0].encode("utf-8")).hexdigest()[:16]


def check_url(url: str, *, allow_private: bool = False) -> None:
    """Raise FetchError unless `url` is http(s) with a host whose addresses are public."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise FetchError(
            url, f"only http and https URLs are fetched, not {parts.scheme or 'none'!r}"
        )
    host = parts.hostname
    if not host:
        raise FetchError(url, "no host in the URL")
    try:
        infos = socket.getaddrinfo(host, parts.port or (443 if parts.scheme == "https" else 80))
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(url, f"cannot resolve {host!r}: {exc}") from None
    if allow_private:
        return
    for info in infos:
        address = ipaddress.ip_address(str(info[4][0]).split("%")[0])
        if not address.is_global or address.is_multicast:
            raise FetchError(url, f"{host} resolves to a non-public address ({address}); refused")


def fetch_url(
    url: str,
    *,
    max_bytes: int = 10_000_000,
    timeout: float = 20.0,
    allow_private: bool = False,
    client: httpx.Client | None = None,
) -> Ingested:
    """The article at `url` (HTML through the same extraction as `.html` files)."""
    own = client is None
    http = client or httpx.Client(timeout=timeout, headers={"User-Agent": USER_AGENT})
    try:
        current = url
        for _ in range(MAX_REDIRECTS + 1):
            check_url(current, allow_private=allow_private)
            try:
                with http.stream("GET", current, follow_redirects=False) as response:
                    if response.is_redirect:
                        location = response.headers.get("location")
                        if not location:
                            raise FetchError(url, f"HTTP {response.status_code} without a location")
                        current = urljoin(current, location)
                        continue
                    if response.status_code >= 400:
                        raise FetchError(url, f"HTTP {response.status_code}")
                    kind = response.headers.get("content-type", "").split(";")[0].strip().lower()
                    if kind and kind not in ("text/html", "application/xhtml+xml", "text/plain"):
                        raise FetchError(url, f"not a web page ({kind})")
                    data = _read(response, max_bytes, url)
                    charset = response.charset_encoding
            except httpx.HTTPError as exc:
                raise FetchError(url, f"cannot fetch: {exc.__class__.__name__}: {exc}") from None
            text = decode_text(data, url, prefer=charset)
            if kind == "text/plain":
                check_text(text, url)
                return Ingested(RawArticle(id=url_id(url), text=text, url=url, origin=url))
            found = article_from_html(text, url, url=current)
            article = RawArticle(
                id=url_id(url), text=found.article.text, url=current, title=found.article.title,
                published=found.article.published, origin=url,
            )  # fmt: skip
            return Ingested(article, found.html)
        raise FetchError(url, f"more than {MAX_REDIRECTS} redirects")
    finally:
        if own:
            http.close()


def _read(response: httpx.Response, max_bytes: int, url: str) -> bytes:
    body = bytearray()
    for chunk in response.iter_bytes():
        body += chunk
        if len(body) > max_bytes:
            raise FetchError(url, f"page larger than {max_bytes:,} bytes; not read further")
    if not body:
        raise FetchError(url, "empty response")
    return bytes(body)


def is_url(text: str) -> bool:
    """Whether an input argument is a URL rather than a path."""
    return bool(re.match(r"^[A-Za-z][A-Za-z0-9+.-]*://", text))


def read_sources(
    inputs: Iterable[str | Path],
    *,
    max_bytes: int = 10_000_000,
    allow_private: bool = False,
) -> Iterator[Ingested | InputError]:
    """Each input in order: a URL is fetched (one client for all), anything else is read
    as a path by `read_inputs`. Never raises InputError: a failed input is yielded."""
    from localties.ingest import read_inputs

    client: httpx.Client | None = None
    try:
        for item in inputs:
            if isinstance(item, str) and is_url(item):
                client = client or httpx.Client(timeout=20.0, headers={"User-Agent": USER_AGENT})
                try:
                    yield fetch_url(
                        item, max_bytes=max_bytes, allow_private=allow_private, client=client
                    )
                except InputError as exc:
                    yield exc
            else:
                yield from read_inputs([item], max_bytes=max_bytes)
    finally:
        if client is not None:
            client.close()

"""Fetch web pages (and feeds) safely and politely.

Only `http` and `https` URLs are fetched. The host's addresses are looked up first and a
private, loopback, link-local or otherwise non-public address is refused unless the
caller allows it (a server that fetches what users paste must not reach its own
network). Redirects are followed by hand, at most five, each checked the same way.
The body is read up to a byte limit, never further; only HTML and plain text are taken
as pages. A `Fetcher` also keeps to each host's robots.txt, waits a minimum interval
between requests to one host, and retries a timeout, a dropped connection, 429 and 5xx
answers with growing pauses. An article fetched by URL is named by its URL, so fetching
it again is the same article.
"""

from __future__ import annotations

import ipaddress
import re
import socket
import time
import urllib.robotparser
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import httpx

from localties.errors import InputError
from localties.ingest import Ingested, article_from_html, check_text, decode_text, url_id
from localties.model.article import RawArticle

MAX_REDIRECTS = 5
USER_AGENT = "localties/0.1 (+news research; one request per article)"


class FetchError(InputError):
    """A URL that cannot be fetched: bad scheme, refused address, HTTP error, timeout.

    `transient` says whether trying again later may work (a timeout, a dropped
    connection, 429 or 5xx) or not (a refused scheme or address, 404, not a page).
    """

    def __init__(self, source: str, message: str, *, transient: bool = False) -> None:
        super().__init__(source, message)
        self.transient = transient


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


@dataclass(frozen=True, slots=True)
class Policy:
    """How a `Fetcher` behaves: limits, politeness and what it may reach."""

    max_bytes: int = 10_000_000
    timeout: float = 20.0
    allow_private: bool = False
    interval: float = 1.0  # seconds between two requests to one host
    retries: int = 2  # further tries after a timeout, a dropped connection, 429 or 5xx
    backoff: float = 1.0  # the first pause; each next one doubles
    robots: bool = True
    user_agent: str = USER_AGENT


@dataclass(frozen=True, slots=True)
class Fetched:
    """One answer: the final URL (after redirects), status, headers and body."""

    url: str
    status: int
    headers: dict[str, str]
    body: bytes
    charset: str | None = None


@dataclass
class Fetcher:
    """One HTTP client with the policy's limits, robots.txt and per-host pacing."""

    policy: Policy = field(default_factory=Policy)
    sleep: Callable[[float], None] = time.sleep
    _client: httpx.Client | None = None
    _robots: dict[str, urllib.robotparser.RobotFileParser | None] = field(default_factory=dict)
    _last: dict[str, float] = field(default_factory=dict)

    @property
    def client(self) -> httpx.Client:
        if self._client is None:
            self._client = httpx.Client(
                timeout=self.policy.timeout, headers={"User-Agent": self.policy.user_agent}
            )
        return self._client

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def get(self, url: str, headers: dict[str, str] | None = None) -> Fetched:
        """GET `url` under the policy; a 304 is returned, any other 4xx/5xx raises."""
        current = url
        for _ in range(MAX_REDIRECTS + 1):
            check_url(current, allow_private=self.policy.allow_private)
            if self.policy.robots and not self._allowed(current):
                raise FetchError(url, "robots.txt of the site disallows it; not fetched")
            answer = self._get_with_retries(url, current, headers or {})
            if answer.status in (301, 302, 303, 307, 308):
                location = answer.headers.get("location")
                if not location:
                    raise FetchError(url, f"HTTP {answer.status} without a location")
                current = urljoin(current, location)
                continue
            if answer.status >= 400:
                transient = answer.status == 429 or answer.status >= 500
                raise FetchError(url, f"HTTP {answer.status}", transient=transient)
            return answer
        raise FetchError(url, f"more than {MAX_REDIRECTS} redirects")

    def _get_with_retries(self, url: str, current: str, headers: dict[str, str]) -> Fetched:
        pause = self.policy.backoff
        for attempt in range(self.policy.retries + 1):
            last = attempt == self.policy.retries
            self._pace(current)
            try:
                answer = self._once(url, current, headers)
            except FetchError:
                if last:
                    raise
            else:
                if (answer.status != 429 and answer.status < 500) or last:
                    return answer
            self.sleep(pause)
            pause *= 2
        raise AssertionError("unreachable")

    def _once(self, url: str, current: str, headers: dict[str, str]) -> Fetched:
        try:
            with self.client.stream("GET", current, headers=headers, follow_redirects=False) as r:
                body = (
                    b""
                    if r.is_redirect or r.status_code == 304 or r.status_code >= 400
                    else (_read(r, self.policy.max_bytes, url))
                )
                return Fetched(
                    str(r.url), r.status_code, {k.lower(): v for k, v in r.headers.items()},
                    body, r.charset_encoding,
                )  # fmt: skip
        except httpx.HTTPError as exc:
            raise FetchError(
                url, f"cannot fetch: {exc.__class__.__name__}: {exc}", transient=True
            ) from None

    def _pace(self, url: str) -> None:
        host = urlsplit(url).netloc
        wait = self._last.get(host, -1e9) + self.policy.interval - time.monotonic()
        if wait > 0:
            self.sleep(wait)
        self._last[host] = time.monotonic()

    def _allowed(self, url: str) -> bool:
        parts = urlsplit(url)
        root = f"{parts.scheme}://{parts.netloc}"
        if root not in self._robots:
            self._robots[root] = self._read_robots(root)
        rules = self._robots[root]
        return rules is None or rules.can_fetch(self.policy.user_agent, url)

    def _read_robots(self, root: str) -> urllib.robotparser.RobotFileParser | None:
        """The site's rules; none (everything allowed) when it has no robots.txt."""
        self._pace(root + "/")
        try:
            answer = self._once(root, root + "/robots.txt", {})
        except FetchError:
            return None
        if answer.status >= 400 or not answer.body:
            return None
        rules = urllib.robotparser.RobotFileParser()
        rules.parse(answer.body.decode("utf-8", "replace").splitlines())
        return rules

    def page(self, url: str, *, published: str | None = None) -> Ingested:
        """The article at `url` (HTML through the same extraction as `.html` files);
        `published` is used when the page states no date of its own (a feed's date)."""
        answer = self.get(url)
        kind = answer.headers.get("content-type", "").split(";")[0].strip().lower()
        if kind and kind not in ("text/html", "application/xhtml+xml", "text/plain"):
            raise FetchError(url, f"not a web page ({kind})")
        if not answer.body:
            raise FetchError(url, "empty response")
        text = decode_text(answer.body, url, prefer=answer.charset)
        if kind == "text/plain":
            check_text(text, url)
            return Ingested(
                RawArticle(id=url_id(url), text=text, url=url, published=published, origin=url)
            )
        found = article_from_html(text, url, url=answer.url)
        article = RawArticle(
            id=url_id(url), text=found.article.text, url=answer.url, title=found.article.title,
            published=found.article.published or published, origin=url,
        )  # fmt: skip
        return Ingested(article, found.html)


def fetch_url(
    url: str,
    *,
    max_bytes: int = 10_000_000,
    timeout: float = 20.0,
    allow_private: bool = False,
) -> Ingested:
    """The article at `url`, fetched once under the default policy (no pacing needed)."""
    policy = Policy(max_bytes=max_bytes, timeout=timeout, allow_private=allow_private)
    with Fetcher(policy) as fetcher:
        return fetcher.page(url)


def _read(response: httpx.Response, max_bytes: int, url: str) -> bytes:
    body = bytearray()
    for chunk in response.iter_bytes():
        body += chunk
        if len(body) > max_bytes:
            raise FetchError(url, f"page larger than {max_bytes:,} bytes; not read further")
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
    """Each input in order: a URL is fetched (one `Fetcher` for all), anything else is read
    as a path by `read_inputs`. Never raises InputError: a failed input is yielded."""
    from localties.ingest import read_inputs

    with Fetcher(Policy(max_bytes=max_bytes, allow_private=allow_private)) as fetcher:
        for item in inputs:
            if isinstance(item, str) and is_url(item):
                try:
                    yield fetcher.page(item)
                except InputError as exc:
                    yield exc
            else:
                yield from read_inputs([item], max_bytes=max_bytes)

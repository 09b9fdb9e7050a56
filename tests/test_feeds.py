"""Following feeds and fetching politely, against a real HTTP server on loopback that serves
real-shaped RSS and Atom feeds and pages: 404, 500, slow, redirect loops, huge, non-HTML,
a declared charset, robots.txt, ETag, and a feed that repeats its items."""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from localties.cli import cli
from localties.sources import Fetcher, FetchError, Policy, poll_feed
from localties.store import Target, open_store

HITS: Counter[str] = Counter()
TIMES: list[tuple[str, float]] = []


def _story(place: str, governor: str) -> bytes:
    return (
        f"<html><head><title>{governor} in {place}</title></head><body><article><p>HANOI - "
        f"Governor {governor} of Japan's {place} prefecture met the chairman of Hanoi People's "
        f"Committee on May 2, and the two localities agreed to expand cooperation in tourism "
        f"and the training of workers.</p><p>More exchanges are planned for the autumn.</p>"
        f"</article></body></html>"
    ).encode()


def _rss(base: str, links: list[str]) -> bytes:
    items = "".join(
        f"<item><title>Story {n}</title><link>{base}{link}</link>"
        f"<pubDate>Fri, 03 May 2024 0{n % 10}:00:00 +0000</pubDate></item>"
        for n, link in enumerate(links)
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>News</title>'
        f"<link>{base}/</link><description>test</description>{items}</channel></rss>"
    ).encode()


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        path = self.path
        HITS[path] += 1
        TIMES.append((path, time.monotonic()))
        base = f"http://{self.headers['Host']}"
        if path == "/robots.txt":
            return self._send(200, "text/plain", b"User-agent: *\nDisallow: /private/\n")
        if path == "/rss":
            links = [
                "/story/gunma",
                "/story/gunma",
                "/story/kyoto",
                "/gone",
                "/private/x",
                "/flaky-always",
            ]
            body = _rss(base, links)
            if self.headers.get("If-None-Match") == '"v1"':
                return self._send(304, "application/rss+xml", b"", etag='"v1"')
            return self._send(200, "application/rss+xml", body, etag='"v1"')
        if path == "/atom":
            body = (
                '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
                f"<title>Atom news</title><id>urn:x</id><updated>2024-05-04T00:00:00Z</updated>"
                f'<entry><title>Nara</title><id>urn:1</id><link href="{base}/story/nara"/>'
                "<updated>2024-05-04T00:00:00Z</updated></entry></feed>"
            ).encode()
            return self._send(200, "application/atom+xml", body)
        if path == "/not-a-feed":
            return self._send(200, "text/html", b"<html><body>hello</body></html>")
        if path.startswith("/story/"):
            return self._send(
                200, "text/html; charset=utf-8", _story(path[7:].title(), "Sato Ichiro")
            )
        if path == "/latin":
            text = (
                "<html><body><article><p>Señor Núñez, the consul, opened a café fair in "
                "Osaka on May 1, where Vietnamese firms showed coffee.</p></article></body></html>"
            )
            return self._send(200, "text/html; charset=windows-1252", text.encode("cp1252"))
        if path == "/flaky":
            if HITS[path] <= 2:
                return self._send(503, "text/html", b"busy")
            return self._send(200, "text/html", _story("Nagano", "Abe Shuichi"))
        if path == "/flaky-always":
            return self._send(500, "text/html", b"oops")
        if path == "/slow":
            time.sleep(2)
            return self._send(200, "text/html", _story("Mie", "Ichimi Katsuyuki"))
        if path == "/loop":
            return self._send(302, "text/html", b"", location="/loop")
        if path == "/huge":
            return self._send(200, "text/html", b"<p>" + b"y" * 200_000 + b"</p>")
        if path == "/pdf":
            return self._send(200, "application/pdf", b"%PDF-1.4")
        return self._send(404, "text/html", b"not here")

    def _send(self, status: int, kind: str, body: bytes, etag: str | None = None,
              location: str | None = None) -> None:  # fmt: skip
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        if etag:
            self.send_header("ETag", etag)
        if location:
            self.send_header("Location", location)
        self.end_headers()
        self.wfile.write(body)


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a client that gave up on /slow closes its end: expected here


@pytest.fixture
def server() -> Iterator[str]:
    HITS.clear()
    TIMES.clear()
    httpd = _QuietServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def _fetcher(**kw: Any) -> Fetcher:
    defaults: dict[str, Any] = {
        "allow_private": True,
        "interval": 0.0,
        "backoff": 0.01,
        "timeout": 5,
    }
    return Fetcher(Policy(**{**defaults, **kw}))


def test_a_feed_lists_each_item_once_with_its_date(server: str) -> None:
    with _fetcher() as fetcher:
        poll = poll_feed(fetcher, server + "/rss")
    links = [i.link for i in poll.items]
    assert links == [
        server + p for p in ["/story/gunma", "/story/kyoto", "/gone", "/private/x", "/flaky-always"]
    ]
    assert poll.items[0].published == "2024-05-03" and poll.etag == '"v1"'
    with _fetcher() as fetcher:
        again = poll_feed(fetcher, server + "/rss", etag=poll.etag)
        assert again.not_modified and again.items == ()
        atom = poll_feed(fetcher, server + "/atom")
        assert [i.link for i in atom.items] == [server + "/story/nara"]
        with pytest.raises(FetchError, match="not a readable RSS or Atom feed"):
            poll_feed(fetcher, server + "/not-a-feed")


def test_watch_once_takes_new_stories_and_a_second_poll_is_conditional(
    server: str, db_target: Target
) -> None:
    HITS.clear()
    db = db_target
    args = [
        "watch",
        "--db",
        getattr(db, "url", str(db)),
        "--once",
        "--allow-private-urls",
        "--host-interval",
        "0",
    ]
    first = CliRunner().invoke(cli, [*args, server + "/rss", server + "/atom"])
    assert "5 item(s), 5 new, 2 stored, 2 extracted, 3 failed" in first.output, first.output
    assert (
        "HTTP 404" in first.output and "robots.txt" in first.output and "HTTP 500" in first.output
    )
    with open_store(db) as store:
        assert store.count_articles() == 3  # gunma, kyoto, nara
        assert store.feed_state(server + "/rss") == ('"v1"', None)
        gunma = next(a for a in store.list_articles() if a.url == server + "/story/gunma")
        assert gunma.published == "2024-05-03"  # the page states none: the feed's date
        assert list(store.events(kind="meeting"))  # extracted and consolidated
    flaky_tries = HITS["/flaky-always"]
    assert flaky_tries == 3  # one try and two retries
    second = CliRunner().invoke(cli, [*args, server + "/rss"])
    assert f"{server}/rss: not modified" in second.output
    assert HITS["/story/gunma"] == 1  # a repeated or known item is never fetched again


def test_a_page_that_failed_for_now_is_tried_at_the_next_poll(
    server: str, another_db: Callable[[str], Target]
) -> None:
    with open_store(another_db("n")) as store:
        store.mark_seen("f", "a", "x")
        assert store.seen_links("f", ["a", "b"]) == {"a"}
    from localties.pipeline import Pipeline

    run = Pipeline()
    with open_store(another_db("news")) as store, _fetcher() as fetcher:
        list(run.follow_feeds(store, fetcher, [server + "/rss"]))
        links = [server + p for p in ["/gone", "/private/x", "/flaky-always", "/story/kyoto"]]
        # gone and forbidden are remembered; the 500 is not, so it is tried again
        assert store.seen_links(server + "/rss", links) == set(links) - {server + "/flaky-always"}


def test_retries_with_backoff_then_success(server: str) -> None:
    pauses: list[float] = []
    fetcher = Fetcher(
        Policy(allow_private=True, interval=0, backoff=0.05, retries=2), sleep=pauses.append
    )
    with fetcher:
        page = fetcher.page(server + "/flaky")
    assert "Abe Shuichi" in page.article.text
    assert pauses == [0.05, 0.1]  # growing pauses between the tries


def test_pages_to_one_host_are_spaced_by_the_interval(server: str) -> None:
    with _fetcher(interval=0.3) as fetcher:
        fetcher.page(server + "/story/a")
        fetcher.page(server + "/story/b")
    stamps = [t for p, t in TIMES if p.startswith("/story/")]
    assert stamps[1] - stamps[0] >= 0.29


@pytest.mark.parametrize(
    ("path", "message", "transient"),
    [
        ("/gone", "HTTP 404", False),
        ("/private/page", "robots.txt", False),
        ("/loop", "more than 5 redirects", False),
        ("/huge", "larger than 100,000 bytes", False),
        ("/pdf", r"not a web page \(application/pdf\)", False),
        ("/flaky-always", "HTTP 500", True),
        ("/slow", "cannot fetch: ReadTimeout", True),
    ],
)
def test_bad_pages(server: str, path: str, message: str, transient: bool) -> None:
    with (
        _fetcher(timeout=0.5, max_bytes=100_000) as fetcher,
        pytest.raises(FetchError, match=message) as caught,
    ):
        fetcher.page(server + path)
    assert caught.value.transient is transient
    assert str(caught.value).startswith(server + path) and "\n" not in str(caught.value)


def test_a_declared_charset_is_honoured(server: str) -> None:
    with _fetcher() as fetcher:
        assert "Señor Núñez" in fetcher.page(server + "/latin").article.text


def test_ingest_takes_a_file_of_urls(server: str, tmp_path: Path) -> None:
    listing = tmp_path / "urls.txt"
    listing.write_text(f"# backlog\n{server}/story/gunma\n\n{server}/gone\n", encoding="utf-8")
    result = CliRunner().invoke(
        cli,
        ["ingest", "--db", str(tmp_path / "n.db"), "--allow-private-urls", "--urls", str(listing)],
    )
    assert "1 added" in result.output and "HTTP 404" in result.output and result.exit_code == 1

"""Fetching articles by URL, against a real HTTP server on loopback."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner

from localties.cli import cli
from localties.sources import FetchError, fetch_url, read_sources, url_id
from localties.sources.fetch import check_url

PAGE = (
    "<html><head><title>Gunma and Hai Phong to cooperate</title>"
    '<meta property="article:published_time" content="2024-03-05T08:00:00+07:00"></head>'
    "<body><nav>Home | World</nav><article><h1>Gunma and Hai Phong to cooperate</h1>"
    "<p>HAI PHONG - Chairman of the Hai Phong People's Committee received Gunma Governor "
    "Yamamoto Ichita on March 4, and the two localities agreed to expand cooperation in "
    "logistics and the training of workers.</p><p>The governor said more Gunma companies "
    "were studying investment in the city's industrial parks.</p></article></body></html>"
)


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:  # keep the test output clean
        pass

    def do_GET(self) -> None:
        routes = {
            "/news/1": (200, "text/html; charset=utf-8", PAGE.encode()),
            "/plain": (200, "text/plain", b"Kanagawa and Da Nang signed an MoU on tourism."),
            "/image": (200, "image/png", b"\x89PNG\r\n\x1a\n"),
            "/empty": (200, "text/html", b""),
        }
        if self.path == "/moved":
            self._send(301, "text/html", b"", location="/news/1")
        elif self.path == "/loop":
            self._send(302, "text/html", b"", location="/loop")
        elif self.path == "/endless":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            try:
                for _ in range(10_000):  # far more than the limit; the reader must stop
                    self.wfile.write(b"<p>" + b"x" * 1000 + b"</p>")
            except (BrokenPipeError, ConnectionResetError):
                pass
        elif self.path in routes:
            self._send(*routes[self.path])
        else:
            self._send(404, "text/html", b"<h1>gone</h1>")

    def _send(self, status: int, kind: str, body: bytes, location: str | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        if location:
            self.send_header("Location", location)
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def test_a_page_becomes_an_article_named_by_its_url(server: str) -> None:
    found = fetch_url(f"{server}/news/1", allow_private=True)
    article = found.article
    assert article.id == url_id(f"{server}/news/1")
    assert article.url == f"{server}/news/1" and article.title == "Gunma and Hai Phong to cooperate"
    assert "Yamamoto Ichita" in article.text and "Home | World" not in article.text
    assert article.published == "2024-03-05"
    assert fetch_url(f"{server}/news/1#top", allow_private=True).article.id == article.id


def test_redirects_are_followed_and_checked(server: str) -> None:
    moved = fetch_url(f"{server}/moved", allow_private=True)
    assert moved.article.url == f"{server}/news/1"
    with pytest.raises(FetchError, match="more than 5 redirects"):
        fetch_url(f"{server}/loop", allow_private=True)


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/missing", "HTTP 404"),
        ("/image", r"not a web page \(image/png\)"),
        ("/empty", "empty response"),
        ("/endless", "larger than 50,000 bytes"),
    ],
)
def test_bad_pages_are_one_line_errors_naming_the_url(server: str, path: str, message: str) -> None:
    with pytest.raises(FetchError, match=message) as caught:
        fetch_url(server + path, allow_private=True, max_bytes=50_000)
    assert str(caught.value).startswith(server + path) and "\n" not in str(caught.value)


def test_plain_text_pages_are_read_as_text(server: str) -> None:
    assert "Da Nang" in fetch_url(f"{server}/plain", allow_private=True).article.text


@pytest.mark.parametrize(
    "url",
    ["file:///etc/passwd", "ftp://example.org/a", "gopher://x", "javascript:alert(1)", "http://"],
)
def test_only_http_urls_with_a_host_are_fetched(url: str) -> None:
    with pytest.raises(FetchError):
        check_url(url)


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:9/",
        "http://localhost/",
        "http://10.1.2.3/",
        "http://192.168.0.1/",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]/",
        "http://0.0.0.0/",
    ],
)
def test_private_and_loopback_addresses_are_refused_unless_allowed(url: str) -> None:
    with pytest.raises(FetchError, match="non-public address"):
        check_url(url)


def test_a_dead_url_is_an_error_and_the_run_goes_on(server: str, tmp_path: Path) -> None:
    note = tmp_path / "note.txt"
    note.write_text(
        "Chiba Governor Kumagai Toshihito met the Ambassador of Viet Nam.", encoding="utf-8"
    )
    items = list(
        read_sources(["http://127.0.0.1:1/x", str(note), f"{server}/news/1"], allow_private=True)
    )
    assert isinstance(items[0], FetchError) and "cannot fetch" in str(items[0])
    assert not isinstance(items[1], FetchError) and not isinstance(items[2], FetchError)


def test_the_ingest_command_fetches_urls(server: str, tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    runner = CliRunner()
    refused = runner.invoke(cli, ["ingest", "--db", str(db), f"{server}/news/1"])
    assert refused.exit_code == 1 and "non-public address" in refused.output
    done = runner.invoke(
        cli,
        ["ingest", "--db", str(db), "--allow-private-urls", f"{server}/news/1", f"{server}/gone"],
    )
    assert done.exit_code == 1, done.output
    assert "1 added" in done.output and "HTTP 404" in done.output
    again = runner.invoke(
        cli, ["ingest", "--db", str(db), "--allow-private-urls", f"{server}/news/1"]
    )
    assert again.exit_code == 0 and "1 unchanged" in again.output

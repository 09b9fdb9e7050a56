"""Ingesting a WARC crawl: the test writes a small one with warcio, as a crawler would."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from click.testing import CliRunner
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from localties.cli import cli
from localties.errors import InputError, InputTooLargeError
from localties.ingest import Ingested, read_inputs, url_id

STORY = (
    "<html><head><title>Tottori and Hai Phong</title></head><body><article>"
    "<p>HAI PHONG - The chairman of the Hai Phong People's Committee received Tottori "
    "Governor Hirai Shinji on June 2, and the two sides agreed to expand cooperation in "
    "seaports and the training of nurses.</p><p>The governor said a trade mission would "
    "follow in the autumn.</p></article></body></html>"
)


def _response(writer: WARCWriter, uri: str, body: bytes, kind: str = "text/html; charset=utf-8",
              status: str = "200 OK", date: str = "2024-06-03T10:00:00Z") -> None:  # fmt: skip
    http = StatusAndHeaders(status, [("Content-Type", kind)], protocol="HTTP/1.1")
    record = writer.create_warc_record(
        uri, "response", payload=io.BytesIO(body), http_headers=http,
        warc_headers_dict={"WARC-Date": date},
    )  # fmt: skip
    writer.write_record(record)


@pytest.fixture
def crawl(tmp_path: Path) -> Path:
    path = tmp_path / "crawl.warc.gz"
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        _response(writer, "https://news.example/tottori", STORY.encode())
        _response(writer, "https://news.example/logo.png", b"\x89PNG\r\n", kind="image/png")
        _response(writer, "https://news.example/old", b"", status="301 Moved Permanently")
        _response(
            writer,
            "https://news.example/menu",
            b"<html><body><script>var a = 1;</script></body></html>",
        )
        _response(writer, "https://news.example/huge", b"<p>" + b"x" * 5000 + b"</p>")
        writer.write_record(writer.create_warc_record("https://news.example/tottori", "request",
                                                      payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n")))  # fmt: skip
    return path


def test_html_responses_become_articles_named_by_their_uri(crawl: Path) -> None:
    items = list(read_inputs([crawl], max_bytes=4000))
    articles = [i for i in items if isinstance(i, Ingested)]
    errors = [i for i in items if isinstance(i, InputError)]
    (story,) = articles
    assert story.article.id == url_id("https://news.example/tottori")
    assert story.article.url == "https://news.example/tottori"
    assert story.article.published == "2024-06-03"  # the page states none: the crawl day
    assert "Hirai Shinji" in story.article.text and story.article.title == "Tottori and Hai Phong"
    assert story.article.origin.startswith(str(crawl) + "@")
    # the menu page has no story, the huge one is over the limit: one line each, naming the record
    assert len(errors) == 2 and any(isinstance(e, InputTooLargeError) for e in errors)
    assert all(str(e).startswith(str(crawl) + "@") for e in errors)


def test_a_broken_warc_is_one_error(tmp_path: Path) -> None:
    broken = tmp_path / "broken.warc.gz"
    broken.write_bytes(b"\x1f\x8b\x08\x00garbage" * 10)
    (error,) = list(read_inputs([broken]))
    assert isinstance(error, InputError) and "broken.warc.gz" in str(error)


def test_ingest_reads_a_crawl_in_a_folder(crawl: Path, tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    result = CliRunner().invoke(
        cli, ["ingest", "--db", str(db), "--max-size", "4000", str(crawl.parent)]
    )
    assert "1 added" in result.output and result.exit_code == 1  # the two bad records
    again = CliRunner().invoke(cli, ["ingest", "--db", str(db), "--max-size", "4000", str(crawl)])
    assert "1 unchanged" in again.output

"""Reading inputs: encodings, formats, bad input, streaming."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from localties.errors import (
    BinaryInputError,
    EmptyInputError,
    EncodingError,
    InputError,
    InputTooLargeError,
    MalformedInputError,
)
from localties.ingest import (
    DEFAULT_MAX_BYTES,
    Ingested,
    article_from_html,
    article_from_record,
    content_id,
    decode_text,
    explicit_published,
    read_inputs,
    read_jsonl_stream,
    walk,
)

STORY = "Hanoi (VNA) – Phạm Minh Chính received the governor of Chiba.\r\nThey discussed trade.\n"

PAGE = """<html><head><title>Chiba and Hanoi - Example News</title>
{meta}
</head><body><nav>Home | World | Business</nav>
<article><h1>Chiba and Hanoi deepen ties</h1>
<p>Hanoi (VNA) – The Chairman of the Hanoi People's Committee received the Governor of
Chiba prefecture on November 20, 2022. The two sides agreed to expand cooperation in
agriculture, tourism and human resources training.</p>
<p>The governor said Chiba hopes to welcome more Vietnamese students and technical
interns, and invited Hanoi to send a delegation to the prefecture next spring.</p>
</article><footer>Copyright Example News</footer></body></html>"""


def items(paths: list[Path], **kw: int) -> list[Ingested | InputError]:
    return list(read_inputs(paths, **kw))


def only(result: list[Ingested | InputError]) -> Ingested | InputError:
    assert len(result) == 1, result
    return result[0]


# -- decoding -------------------------------------------------------------------------


def test_utf8_text_is_kept_exactly(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(STORY.encode("utf-8"))
    got = only(items([path]))
    assert isinstance(got, Ingested)
    assert got.article.text == STORY  # CRLF, trailing newline, diacritics untouched
    assert got.article.id == content_id(STORY)
    assert got.article.origin == str(path)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"\xef\xbb\xbf" + "Đà Nẵng".encode(), "Đà Nẵng"),
        ("Đà Nẵng".encode("utf-16"), "Đà Nẵng"),
        ("Café – “quoted”".encode("cp1252"), "Café – “quoted”"),
    ],
    ids=["utf-8-bom", "utf-16-bom", "cp1252"],
)
def test_decode_order(data: bytes, expected: str) -> None:
    assert decode_text(data, "x") == expected


def test_undecodable_bytes_are_an_encoding_error() -> None:
    # 0x81 and 0x8d are invalid UTF-8 here and undefined in Windows-1252.
    with pytest.raises(EncodingError, match=r"x\.txt: cannot decode"):
        decode_text(b"caf\x81 \x8d text", "x.txt")


def test_binary_and_empty_inputs(tmp_path: Path) -> None:
    (tmp_path / "nul.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (tmp_path / "ctrl.txt").write_bytes(bytes(range(1, 9)) * 20)
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_bytes(b" \n\t\r\n")
    got = {Path(e.source).name: type(e) for e in items([tmp_path]) if isinstance(e, InputError)}
    assert got == {
        "nul.txt": BinaryInputError,
        "ctrl.txt": BinaryInputError,
        "empty.txt": EmptyInputError,
        "blank.txt": EmptyInputError,
    }


def test_html_declared_charset_is_tried_first(tmp_path: Path) -> None:
    page = PAGE.format(meta='<meta charset="windows-1252">').replace("Chiba", "Chibà")
    path = tmp_path / "p.html"
    path.write_bytes(page.encode("cp1252"))
    got = only(items([path]))
    assert isinstance(got, Ingested)
    assert "Chibà prefecture" in got.article.text


# -- JSON and JSONL -------------------------------------------------------------------


def test_json_record_keeps_id_and_metadata() -> None:
    record = {"id": 17, "text": STORY, "url": "https://example.org/a", "title": "T", "extra": 1}
    got = article_from_record(record, "a.json")
    assert (got.article.id, got.article.url, got.article.title) == ("17", record["url"], "T")
    assert got.article.text == STORY


@pytest.mark.parametrize(
    ("record", "error", "message"),
    [
        ({"id": "a"}, MalformedInputError, "no 'text'"),
        ({"text": "   "}, EmptyInputError, "empty"),
        ({"text": 42}, MalformedInputError, "'text' must be a string"),
        ({"text": "x", "id": [1]}, MalformedInputError, "'id' must be"),
        (["text"], MalformedInputError, "expected a JSON object"),
    ],
)
def test_bad_records(record: object, error: type[InputError], message: str) -> None:
    with pytest.raises(error, match=message):
        article_from_record(record, "r.json")


def test_json_array_reports_each_bad_record(tmp_path: Path) -> None:
    path = tmp_path / "many.json"
    path.write_text(json.dumps([{"text": "one"}, {"title": "no text"}, {"text": "three"}]))
    got = items([path])
    assert [type(g).__name__ for g in got] == ["Ingested", "MalformedInputError", "Ingested"]
    assert isinstance(got[1], InputError)
    assert got[1].source == f"{path}[1]"


def test_jsonl_errors_name_the_line() -> None:
    lines = [
        json.dumps({"id": "a", "text": "first"}),
        "",
        "{not json",
        json.dumps({"id": "b"}),
        json.dumps({"id": "c", "text": "last"}),
    ]
    stream = io.BytesIO("\n".join(lines).encode())
    got = list(read_jsonl_stream(stream, "feed.jsonl"))
    errors = [g for g in got if isinstance(g, InputError)]
    assert [e.source for e in errors] == ["feed.jsonl:3", "feed.jsonl:4"]
    assert [g.article.id for g in got if isinstance(g, Ingested)] == ["a", "c"]


def test_jsonl_line_over_limit_is_skipped_alone() -> None:
    big = json.dumps({"id": "big", "text": "x" * 5000})
    stream = io.BytesIO(f'{big}\n{{"id": "ok", "text": "fine"}}\n'.encode())
    got = list(read_jsonl_stream(stream, "<stdin>", max_bytes=1000))
    assert isinstance(got[0], InputTooLargeError)
    assert got[0].source == "<stdin>:1"
    assert isinstance(got[1], Ingested)
    assert got[1].article.id == "ok"


def test_stdin_dash_reads_jsonl() -> None:
    stream = io.BytesIO(b'{"id": "s1", "text": "from stdin"}\n')
    got = only(list(read_inputs(["-"], stdin=stream)))
    assert isinstance(got, Ingested)
    assert got.article.origin == "<stdin>:1"


# -- files and directories ------------------------------------------------------------


def test_file_over_limit_is_not_read(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    path.write_bytes(b"word " * 2000)
    got = only(items([path], max_bytes=1000))
    assert isinstance(got, InputTooLargeError)
    assert "10000 bytes, over the limit of 1000" in str(got)


@pytest.mark.parametrize(("name", "where"), [("dump.txt", ""), ("dump.jsonl", ":1")])
def test_a_50_mb_file_is_refused_by_default(tmp_path: Path, name: str, where: str) -> None:
    path = tmp_path / name
    with path.open("wb") as handle:  # sparse: costs no disk and no time
        handle.truncate(50 * 1024 * 1024)
    got = only(items([path]))
    assert isinstance(got, InputTooLargeError)
    assert got.source == f"{path}{where}"
    assert DEFAULT_MAX_BYTES < 50 * 1024 * 1024


def test_walk_is_recursive_sorted_and_skips_gold_hidden_and_other_types(tmp_path: Path) -> None:
    for name in ["b.txt", "a.json", "a.gold.json", ".hidden.txt", "notes.md", "sub/c.jsonl"]:
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text("x")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "d.txt").write_text("x")
    assert [p.relative_to(tmp_path).as_posix() for p in walk(tmp_path)] == [
        "a.json",
        "b.txt",
        "sub/c.jsonl",
    ]


def test_missing_and_unsupported_files_are_errors(tmp_path: Path) -> None:
    (tmp_path / "doc.pdf").write_bytes(b"%PDF-1.4")
    got = items([tmp_path / "doc.pdf", tmp_path / "missing.txt"])
    assert all(isinstance(g, InputError) for g in got)
    assert "unsupported file type '.pdf'" in str(got[0])
    assert str(got[1]).startswith(str(tmp_path / "missing.txt"))


# -- HTML -----------------------------------------------------------------------------


def test_html_main_text_title_and_explicit_date() -> None:
    meta = '<meta property="article:published_time" content="2022-11-21T08:00:00+07:00">'
    got = article_from_html(PAGE.format(meta=meta), "p.html")
    assert "agreed to expand cooperation" in got.article.text
    assert "Copyright" not in got.article.text
    assert "Home | World" not in got.article.text
    assert got.article.title == "Chiba and Hanoi deepen ties"
    assert got.article.published == "2022-11-21"
    assert got.html is not None and got.html.startswith("<html>")


def test_html_date_is_never_guessed_from_text_or_url() -> None:
    page = PAGE.format(meta="")
    assert explicit_published(page) is None
    got = article_from_html(page, "p.html", url="https://example.org/2022/11/20/story")
    assert got.article.published is None


@pytest.mark.parametrize(
    "meta",
    [
        '<script type="application/ld+json">{"@graph": [{"@type": "NewsArticle",'
        ' "datePublished": "2023-07-27T10:00:00Z"}]}</script>',
        '<meta name="pubdate" content="2023/07/27">',
        '<meta itemprop="datePublished" content="2023-07-27">',
    ],
)
def test_explicit_date_sources(meta: str) -> None:
    assert explicit_published(PAGE.format(meta=meta)) == "2023-07-27"


@pytest.mark.parametrize("page", ["<html><body></body></html>", "<<<>>> %%% <"])
def test_html_without_main_text_is_malformed(tmp_path: Path, page: str) -> None:
    path = tmp_path / "bad.html"
    path.write_text(page)
    got = only(items([path]))
    assert isinstance(got, MalformedInputError)
    assert str(got).startswith(str(path))


def test_html_id_is_stable_across_reads(tmp_path: Path) -> None:
    path = tmp_path / "p.html"
    path.write_text(PAGE.format(meta=""))
    first, second = only(items([path])), only(items([path]))
    assert isinstance(first, Ingested) and isinstance(second, Ingested)
    assert first.article.id == second.article.id

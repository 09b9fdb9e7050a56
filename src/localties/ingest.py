"""Ingest stage: files, directories and stdin -> articles, one bad input at a time.

Every input yields either an `Ingested` article or an `InputError` naming the file
(and the line, for JSONL); a bad input never stops the rest of the run. Directories
are walked lazily in sorted order and JSONL is read line by line, so memory use is
bounded by the largest single article, itself bounded by `max_bytes`.

Supported inputs: `.txt`, `.html`/`.htm`, `.json` (one object, or an array of
objects), `.jsonl`, directories (recursive) and `-` (JSONL on stdin).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import stat
import sys
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import IO, Any

from localties.errors import (
    BinaryInputError,
    EmptyInputError,
    EncodingError,
    InputError,
    InputTooLargeError,
    MalformedInputError,
    printable,
)
from localties.model.article import RawArticle

log = logging.getLogger(__name__)

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
MAX_ID_CHARS = 200
# The longest text extraction takes (spaCy's `max_length`): a longer one is refused here,
# one line naming the input, rather than failing later.
MAX_TEXT_CHARS = 1_000_000
# How far past an over-long JSONL line is skipped looking for the next one, at most.
_MAX_SKIP_BYTES = 64 * 1024 * 1024
_SURROGATE = re.compile(r"[\ud800-\udfff]")
STDIN = "-"
TEXT_SUFFIXES = frozenset({".txt"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
JSON_SUFFIXES = frozenset({".json"})
JSONL_SUFFIXES = frozenset({".jsonl"})
GOLD_SUFFIX = ".gold.json"
WARC_SUFFIXES = frozenset({".warc", ".warc.gz", ".arc", ".arc.gz"})
SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES | JSONL_SUFFIXES | WARC_SUFFIXES


def file_suffix(path: Path) -> str:
    """The suffix that picks a file's reader (`.warc.gz` counts as one)."""
    name = path.name.lower()
    for double in (".warc.gz", ".arc.gz"):
        if name.endswith(double):
            return double
    return path.suffix.lower()


def url_id(url: str) -> str:
    """The article id of a page known by its URL: a digest of the URL without its fragment."""
    return "url_" + hashlib.sha256(url.split("#")[0].encode("utf-8")).hexdigest()[:16]


# Share of control characters (other than tab, newline, carriage return, form feed)
# above which decoded "text" is taken for binary data.
_MAX_CONTROL_SHARE = 0.01
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_ISO_DAY = re.compile(r"^\s*(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:$|[T\s])")


@dataclass(frozen=True, slots=True)
class Ingested:
    """One article read from an input; `html` is the page source for HTML inputs."""

    article: RawArticle
    html: str | None = None


def content_id(content: str) -> str:
    """Return the stable id of an article that has none: a hash of its content."""
    return hashlib.sha256(content.encode("utf-8")).hexdigest()[:16]


def text_hash(text: str) -> str:
    """Return the full sha256 hex digest of `text` (UTF-8), used to detect new versions."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# -- decoding -------------------------------------------------------------------------


def decode_text(data: bytes, source: str, *, prefer: str | None = None) -> str:
    """Decode `data` as text, trying a fixed order of encodings.

    The order is: a byte-order mark (UTF-8, UTF-16) if present, then `prefer` (a
    charset the input declares), then UTF-8, then Windows-1252 (a superset of the
    printable Latin-1 range). Data with NUL bytes or many control characters is
    binary.

    Raises:
        EmptyInputError: nothing but white space.
        BinaryInputError: the data is not text.
        EncodingError: none of the encodings decodes it.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        text = _decode_or_raise(data, "utf-8-sig", source)
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = _decode_or_raise(data, "utf-16", source)
    elif b"\x00" in data:
        raise BinaryInputError(source, "binary data (NUL bytes), not text")
    else:
        text = _decode_fallback(data, source, prefer)
    if not text.strip():
        raise EmptyInputError(source, "empty input")
    if len(_CONTROL.findall(text)) > _MAX_CONTROL_SHARE * len(text):
        raise BinaryInputError(source, "binary data (control characters), not text")
    return text


def _decode_or_raise(data: bytes, encoding: str, source: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise EncodingError(
            source, f"invalid {encoding} despite its byte-order mark: {exc.reason}"
        ) from exc


def _decode_fallback(data: bytes, source: str, prefer: str | None) -> str:
    encodings = [e for e in (prefer, "utf-8", "cp1252") if e]
    for encoding in encodings:
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    raise EncodingError(source, f"cannot decode as {' or '.join(encodings)}")


# -- records --------------------------------------------------------------------------


def article_from_record(record: object, source: str) -> Ingested:
    """Build an article from one JSON object with `text` (or `html`) and optional metadata.

    Raises:
        MalformedInputError: not an object, no `text`/`html`, or a known key of the wrong type.
        EmptyInputError: `text` is blank.
    """
    if not isinstance(record, dict):
        raise MalformedInputError(source, f"expected a JSON object, got {type(record).__name__}")
    meta = {key: _optional_str(record, key, source) for key in ("url", "title", "published")}
    html = _optional_str(record, "html", source)
    text = _optional_str(record, "text", source)
    if text is None and html is None:
        raise MalformedInputError(source, "record has no 'text' (or 'html')")
    if text is None:
        assert html is not None
        return _from_html(html, source, record_id=_record_id(record, source), **meta)
    if not text.strip():
        raise EmptyInputError(source, "record has an empty 'text'")
    check_text(text, source)
    article = RawArticle(
        id=_record_id(record, source) or content_id(text),
        text=text,
        url=meta["url"],
        title=meta["title"],
        published=meta["published"],
        origin=source,
    )
    return Ingested(article, html)


def check_text(text: str, source: str) -> None:
    """Refuse a text extraction cannot take: over `MAX_TEXT_CHARS` characters.

    Raises:
        InputTooLargeError: the text is too long.
    """
    if len(text) > MAX_TEXT_CHARS:
        raise InputTooLargeError(
            source, f"{len(text):,} characters, over the {MAX_TEXT_CHARS:,} extraction takes"
        )


def _optional_str(record: dict[str, Any], key: str, source: str) -> str | None:
    value = record.get(key)
    if value is None:
        return None
    if isinstance(value, str) and _SURROGATE.search(value):
        raise MalformedInputError(
            source, f"'{key}' holds a lone surrogate escape (such as \\ud800), which is not text"
        )
    if isinstance(value, str):
        # An empty `text` is reported as empty input; empty metadata means "unknown".
        return value if key == "text" or value.strip() else None
    raise MalformedInputError(source, f"'{key}' must be a string, got {type(value).__name__}")


def _record_id(record: dict[str, Any], source: str) -> str | None:
    value = record.get("id")
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise MalformedInputError(source, f"'id' must be a string or integer, got {value!r:.60}")
    text = str(value).strip()
    if len(text) > MAX_ID_CHARS:
        raise MalformedInputError(
            source, f"'id' is {len(text):,} characters long (at most {MAX_ID_CHARS})"
        )
    if _SURROGATE.search(text) or any(ord(c) < 32 for c in text):
        raise MalformedInputError(source, "'id' holds control characters or a lone surrogate")
    return text or None


# -- HTML -----------------------------------------------------------------------------


def article_from_html(html: str, source: str, *, url: str | None = None) -> Ingested:
    """Extract the main text, title and explicit publication date of a web page.

    Raises:
        MalformedInputError: no main text can be extracted.
    """
    return _from_html(html, source, record_id=None, url=url, title=None, published=None)


def _from_html(
    html: str,
    source: str,
    *,
    record_id: str | None,
    url: str | None,
    title: str | None,
    published: str | None,
) -> Ingested:
    import trafilatura  # heavy import, needed only for HTML

    try:
        doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False)
    except (ValueError, TypeError) as exc:  # lxml gives up on some broken markup
        raise MalformedInputError(source, f"cannot parse HTML: {exc}") from exc
    except RecursionError:
        raise MalformedInputError(source, "cannot parse HTML: nested too deeply") from None
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or not text.strip():
        raise MalformedInputError(source, "no main text found in HTML")
    check_text(text, source)
    article = RawArticle(
        id=record_id or content_id(html),
        text=text,
        url=url or getattr(doc, "url", None) or None,
        title=title or getattr(doc, "title", None) or None,
        published=published or explicit_published(html),
        origin=source,
    )
    return Ingested(article, html)


_DATE_META_KEYS = frozenset(
    {
        "article:published_time",
        "og:published_time",
        "datepublished",
        "pubdate",
        "publishdate",
        "publish-date",
        "publish_date",
        "publication_date",
        "date",
        "dc.date",
        "dc.date.issued",
        "dcterms.issued",
        "dcterms.created",
        "citation_publication_date",
        "parsely-pub-date",
        "sailthru.date",
    }
)


def explicit_published(html: str) -> str | None:
    """Return the publication day a page states in its metadata, as `YYYY-MM-DD`.

    Only explicit declarations count: `<meta>` tags such as `article:published_time`,
    JSON-LD `datePublished`, and `<time>` elements marked as the publication date.
    Dates guessed from the URL or the body text are never used.
    """
    import lxml.html

    try:
        tree = lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return None
    for candidate in _date_candidates(tree):
        day = _iso_day(candidate)
        if day:
            return day
    return None


def _date_candidates(tree: Any) -> Iterator[str]:
    for meta in tree.iter("meta"):
        key = meta.get("property") or meta.get("name") or meta.get("itemprop") or ""
        if key.strip().lower() in _DATE_META_KEYS and meta.get("content"):
            yield meta.get("content")
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() == "application/ld+json" and script.text:
            yield from _jsonld_dates(script.text)
    for time in tree.iter("time"):
        marked = (time.get("itemprop") or "").lower() == "datepublished"
        if (marked or time.get("pubdate") is not None) and time.get("datetime"):
            yield time.get("datetime")


def _jsonld_dates(payload: str) -> Iterator[str]:
    try:
        data = json.loads(payload)
    except ValueError:
        return
    stack = [data]
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            stack.extend(reversed(node))
        elif isinstance(node, dict):
            if isinstance(node.get("datePublished"), str):
                yield node["datePublished"]
            stack.extend(v for v in node.values() if isinstance(v, dict | list))


def _iso_day(value: str) -> str | None:
    match = _ISO_DAY.match(value)
    if not match:
        return None
    try:
        return date(*(int(part) for part in match.groups())).isoformat()
    except ValueError:
        return None


# -- files ----------------------------------------------------------------------------


def read_inputs(
    paths: Iterable[str | Path],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    stdin: IO[bytes] | None = None,
) -> Iterator[Ingested | InputError]:
    """Read every path (file, directory, or `-` for JSONL on stdin) in order.

    Yields an `Ingested` per article and an `InputError` per input that cannot be
    read; never raises `InputError`.
    """
    for path in paths:
        if str(path) == STDIN:
            yield from read_jsonl_stream(stdin or sys.stdin.buffer, "<stdin>", max_bytes=max_bytes)
        elif Path(path).is_dir():
            for file in walk(Path(path)):
                if _regular(file):
                    yield from read_file(file, max_bytes=max_bytes)
                else:  # a pipe or a device would block or never end: read only when named
                    yield InputError(
                        str(file), "not a regular file (a pipe or device); name it to read it"
                    )
        else:
            yield from read_file(Path(path), max_bytes=max_bytes)


def walk(directory: Path) -> Iterator[Path]:
    """Yield the supported files under `directory`, recursively, in sorted order.

    Hidden files and folders are skipped, as are files of other types and gold
    annotation files (`*.gold.json`), which sit beside articles in annotated corpora.
    """
    for root, dirs, files in os.walk(directory):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            path = Path(root, name)
            if name.startswith(".") or name.lower().endswith(GOLD_SUFFIX):
                continue
            if file_suffix(path) in SUFFIXES:
                yield path
            else:
                log.info("skipping %s: not a supported file type", printable(str(path)))


def _regular(path: Path) -> bool:
    """A regular file (after links): pipes and devices are read only when named explicitly."""
    try:
        return stat.S_ISREG(path.stat().st_mode)
    except OSError:
        return True  # let reading it report the error


def read_file(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Ingested | InputError]:
    """Read one file by its suffix; yield its articles, or the error that stops it."""
    source = str(path)
    suffix = file_suffix(path)
    try:
        if suffix in WARC_SUFFIXES:
            yield from read_warc(path, max_bytes=max_bytes)
            return
        if suffix not in SUFFIXES:
            raise MalformedInputError(
                source,
                f"unsupported file type {suffix or '(none)'!r}; expected one of "
                + ", ".join(sorted(SUFFIXES)),
            )
        if suffix in JSONL_SUFFIXES:
            with _open(path) as stream:
                yield from read_jsonl_stream(stream, source, max_bytes=max_bytes)
            return
        data = _read_bounded(path, max_bytes)
        if suffix in TEXT_SUFFIXES:
            text = decode_text(data, source)
            check_text(text, source)
            yield Ingested(RawArticle(id=content_id(text), text=text, origin=source))
        elif suffix in HTML_SUFFIXES:
            yield article_from_html(
                decode_text(data, source, prefer=_declared_charset(data)), source
            )
        else:
            yield from _read_json(decode_text(data, source), source)
    except InputError as exc:
        yield exc


def read_warc(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Ingested | InputError]:
    """Stream a WARC (or ARC) file, plain or gzipped: one article per HTML response.

    Other records (requests, metadata, images, redirects, errors) are skipped and
    counted. An article is named by its target URI (so a page crawled twice is one
    article, its changed text a new version), keeps the URI, and takes the page's own
    publication date, else the day it was crawled. A record over `max_bytes`, or one
    whose page yields no text, is reported (file and record offset) and the file goes on.
    """
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    source = str(path)
    skipped = 0
    with _open(path) as stream:
        records = ArchiveIterator(stream, arc2warc=True)
        try:
            for record in records:
                where = f"{source}@{records.offset}"
                if record.rec_type != "response" or record.http_headers is None:
                    skipped += 1
                    continue
                status = record.http_headers.get_statuscode()
                kind = (record.http_headers.get_header("Content-Type") or "").lower()
                if status != "200" or "html" not in kind:
                    skipped += 1
                    continue
                body = record.content_stream().read(max_bytes + 1)
                if len(body) > max_bytes:
                    yield InputTooLargeError(where, f"record larger than {max_bytes:,} bytes")
                    continue
                uri = record.rec_headers.get_header("WARC-Target-URI") or ""
                crawled = _iso_day(record.rec_headers.get_header("WARC-Date") or "")
                charset = _declared_charset(body)
                match = re.search(r"charset=([\w.:-]+)", kind)
                try:
                    html = decode_text(body, where, prefer=match.group(1) if match else charset)
                    found = article_from_html(html, where, url=uri or None)
                except InputError as exc:
                    yield exc
                    continue
                article = found.article
                yield Ingested(
                    RawArticle(
                        id=url_id(uri) if uri else article.id, text=article.text,
                        url=uri or None, title=article.title,
                        published=article.published or crawled, origin=where,
                    ),
                    found.html,
                )  # fmt: skip
        except (ArchiveLoadFailed, OSError, EOFError, ValueError, zlib.error) as exc:
            yield MalformedInputError(source, f"not a readable WARC/ARC file: {exc}")
    log.info("%s: %d WARC records skipped (not HTML responses)", printable(source), skipped)


def _open(path: Path) -> IO[bytes]:
    try:
        return path.open("rb")
    except OSError as exc:
        raise InputError(str(path), exc.strerror or str(exc)) from exc


def _read_bounded(path: Path, max_bytes: int) -> bytes:
    """The file's bytes, at most `max_bytes` of them actually read (a device or a pipe
    may say it is empty and never end)."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputTooLargeError(str(path), f"{size} bytes, over the limit of {max_bytes}")
        with path.open("rb") as stream:
            data = stream.read(max_bytes + 1)
    except OSError as exc:
        raise InputError(str(path), exc.strerror or str(exc)) from exc
    if len(data) > max_bytes:
        raise InputTooLargeError(str(path), f"more than {max_bytes} bytes, over the limit")
    return data


def _declared_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii").lower() if match else None


def parse_json(text: str, source: str) -> Any:
    """`json.loads`, with every way JSON can fail as one `MalformedInputError`.

    Besides syntax errors: nesting too deep for the parser, and integers too long to
    convert (Python's limit of 4,300 digits).
    """
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise MalformedInputError(source, f"invalid JSON at line {exc.lineno}: {exc.msg}") from exc
    except RecursionError:
        raise MalformedInputError(source, "invalid JSON: nested too deeply") from None
    except ValueError as exc:  # an integer over the conversion limit
        raise MalformedInputError(source, f"invalid JSON: {str(exc).split(';')[0]}") from None


def _read_json(text: str, source: str) -> Iterator[Ingested | InputError]:
    data = parse_json(text, source)
    if isinstance(data, list):
        for index, record in enumerate(data):
            try:
                yield article_from_record(record, f"{source}[{index}]")
            except InputError as exc:
                yield exc
    else:
        yield article_from_record(data, source)


def read_jsonl_stream(
    stream: IO[bytes], source: str, *, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[Ingested | InputError]:
    """Read JSONL from a binary stream, one line at a time, each line at most `max_bytes`."""
    lineno = 0
    while True:
        line = stream.readline(max_bytes + 1)
        if not line:
            return
        lineno += 1
        where = f"{source}:{lineno}"
        if len(line) > max_bytes and not line.endswith(b"\n"):
            if not _skip_rest_of_line(stream):
                yield InputTooLargeError(
                    where,
                    f"line over the limit of {max_bytes} bytes and no end found; rest of file skipped",
                )
                return
            yield InputTooLargeError(where, f"line over the limit of {max_bytes} bytes")
            continue
        if lineno == 1 and line.startswith((b"\xff\xfe", b"\xfe\xff")):
            yield EncodingError(source, "UTF-16 JSONL is not supported; convert it to UTF-8")
            return
        if not line.strip():
            continue
        yield from _jsonl_line(line, where)


def _skip_rest_of_line(stream: IO[bytes]) -> bool:
    """Read past the end of the current line; False when none comes within the bound."""
    skipped = 0
    while skipped <= _MAX_SKIP_BYTES:
        chunk = stream.readline(1 << 20)
        if not chunk or chunk.endswith(b"\n"):
            return True
        skipped += len(chunk)
    return False


def _jsonl_line(line: bytes, where: str) -> Iterator[Ingested | InputError]:
    try:
        text = decode_text(line, where)
        record = parse_json(text, where)
        yield article_from_record(record, where)
    except InputError as exc:
        yield exc


def articles_only(items: Iterable[Ingested | InputError]) -> Iterator[RawArticle]:
    """Yield the articles of `items`, logging and skipping the errors."""
    for item in items:
        if isinstance(item, InputError):
            log.warning("skipped %s", item)
        else:
            yield item.article

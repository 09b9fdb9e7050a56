"""Exceptions raised by localties.

LocaltiesError
├── InputError            an input file or record cannot be read as an article
│   ├── EmptyInputError       nothing but white space
│   ├── BinaryInputError      not text
│   ├── EncodingError         no known encoding decodes it
│   ├── MalformedInputError   broken JSON / HTML / missing `text`
│   └── InputTooLargeError    over the size limit
├── DataError             a packaged data file (gazetteer, registry) is invalid
├── StoreError            the database cannot be opened, migrated or written
│   ├── StaleTextError        an extraction of a text that is no longer current
│   └── StoreUnavailableError the database cannot take any write (disk full, read-only)
└── ExtractionError       extraction failed on one article
"""

from __future__ import annotations

import re

_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]")


def printable(text: str) -> str:
    """`text` safe for one terminal line: control characters, escapes and the bytes of a
    name that is not UTF-8 (surrogate escapes) written as `\\xNN` / `\\udcNN`."""
    return _UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


class LocaltiesError(Exception):
    """Base class of every error localties raises on purpose."""


class InputError(LocaltiesError):
    """An input cannot be read as an article. `source` names the file (and line)."""

    def __init__(self, source: str, message: str) -> None:
        super().__init__(f"{printable(source)}: {message}")
        self.source = source
        self.message = message


class EmptyInputError(InputError):
    """The input holds no text."""


class BinaryInputError(InputError):
    """The input is binary, not text."""


class EncodingError(InputError):
    """No known encoding decodes the input."""


class MalformedInputError(InputError):
    """JSON or HTML that cannot be parsed, or a record without `text`/`html`."""


class InputTooLargeError(InputError):
    """The input is larger than the configured limit."""


class DataError(LocaltiesError):
    """A packaged data file is missing or fails validation."""


class StoreError(LocaltiesError):
    """The database cannot be opened, migrated or written."""


class StaleTextError(StoreError):
    """An extraction result for a text the article no longer has (it was re-ingested)."""


class IdConflictError(StoreError):
    """An id arrived with another URL and an unrelated text: not a new version of the
    stored article, so it is refused rather than versioned over."""


class StoreUnavailableError(StoreError):
    """The database takes no more writes (disk full, read-only, I/O error): stop the run."""


class ExtractionError(LocaltiesError):
    """Extraction failed on one article."""

"""What `--db` names: a SQLite file (a path) or a PostgreSQL database (a URL)."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit


def is_postgres(target: object) -> bool:
    """Whether a `--db` value names a PostgreSQL database rather than a SQLite file."""
    if isinstance(target, DbUrl):
        return True
    return isinstance(target, str) and target.startswith(("postgresql://", "postgres://"))


@dataclass(frozen=True, slots=True)
class DbUrl:
    """A PostgreSQL database URL; printed without its password."""

    url: str

    def __str__(self) -> str:
        return redact(self.url)


def redact(url: str) -> str:
    """The URL without its password, for messages."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.hostname or ""
    user = f"{parts.username}:***@" if parts.username else ""
    port = f":{parts.port}" if parts.port else ""
    return urlunsplit((parts.scheme, f"{user}{host}{port}", parts.path, parts.query, ""))

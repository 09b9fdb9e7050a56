"""A psycopg connection that runs the store's SQL as written for SQLite (`?` and `:name`
parameters), in autocommit mode with explicit transactions."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from typing import Any

_TOKEN = re.compile(r"'(?:[^']|'')*'|\?|(?<![:\w]):([A-Za-z_]\w*)|%")


@functools.lru_cache(maxsize=1024)
def to_pyformat(sql: str) -> str:
    """`?` and `:name` parameters as psycopg's `%s` and `%(name)s`, and every other `%`
    doubled (no parameter is ever read inside a quoted literal)."""

    def swap(match: re.Match[str]) -> str:
        token = match.group(0)
        if token == "?":
            return "%s"
        if token == "%":
            return "%%"
        if match.group(1):
            return f"%({match.group(1)})s"
        return token.replace("%", "%%")  # a literal: psycopg reads `%` there too

    return _TOKEN.sub(swap, sql)


class PgConnection:
    """A psycopg connection (autocommit; transactions are explicit) that takes the
    store's SQL as written for SQLite."""

    def __init__(self, url: str, *, read_only: bool = False) -> None:
        import psycopg

        self.raw = psycopg.connect(url, autocommit=True, connect_timeout=10)
        if read_only:
            self.raw.execute("SET default_transaction_read_only = on")

    def execute(self, sql: str, parameters: Any = None, /) -> Any:
        """Run one statement; returns the cursor (rows, `description`)."""
        cursor = self.raw.cursor()
        cursor.execute(to_pyformat(sql), _params(parameters))
        return cursor

    def executemany(self, sql: str, parameters: Iterable[Any], /) -> Any:
        """Run one statement for each parameter set."""
        rows = [_params(p) for p in parameters]
        cursor = self.raw.cursor()
        if rows:
            cursor.executemany(to_pyformat(sql), rows)
        return cursor

    @property
    def in_transaction(self) -> bool:
        """Whether a transaction is open (or failed and not yet rolled back)."""
        import psycopg.pq

        return bool(self.raw.info.transaction_status != psycopg.pq.TransactionStatus.IDLE)

    def close(self) -> None:
        """Close the connection."""
        self.raw.close()


def _params(parameters: Any) -> Any:
    if parameters is None or isinstance(parameters, dict):
        return parameters
    return tuple(parameters)

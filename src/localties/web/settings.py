"""The web app's settings, read once at the edge (command line or environment)."""

from __future__ import annotations

import os
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from localties.store import DbUrl

TOKEN_ENV = "LOCALTIES_TOKEN"


class WebSettings(BaseModel):
    """What `localties serve` is started with.

    `token` guards every write (API writes, the ingest and correction pages); without
    one, writes are refused. Uploads larger than `max_upload` bytes are refused, and at
    most `max_files` files go in one ingest.
    """

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    db: Path | DbUrl
    token: str | None = None
    max_upload: int = Field(default=10_000_000, gt=0)
    max_files: int = Field(default=200, gt=0)
    allow_private_urls: bool = False

    @classmethod
    def from_env(cls, db: Path | DbUrl, token: str | None = None, **kw: object) -> WebSettings:
        """Settings with the token from `token`, else `$LOCALTIES_TOKEN`."""
        return cls(db=db, token=token or os.environ.get(TOKEN_ENV) or None, **kw)  # type: ignore[arg-type]

"""What the web app's routes share: settings, a read-only connection per worker thread,
the one writer, the bundled JavaScript files, and the check of the operator's token."""

from __future__ import annotations

import hmac
import threading
from pathlib import Path

from fastapi import HTTPException, Request

from localties.pipeline import Pipeline
from localties.store import open_store
from localties.store.queries import Reader
from localties.web.service import Writer
from localties.web.settings import WebSettings

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "frame-ancestors 'none'; form-action 'self'"
)


def _vendor_files() -> dict[str, Path]:
    """The bundled JavaScript libraries, from the packages that ship them."""
    import plotly
    import pyvis

    return {
        "plotly.min.js": Path(plotly.__file__).parent / "package_data" / "plotly.min.js",
        "vis-network.min.js": Path(pyvis.__file__).parent
        / "lib"
        / "vis-9.1.2"
        / "vis-network.min.js",
    }


class App:
    """What the routes share: settings, per-thread readers, the writer."""

    def __init__(self, settings: WebSettings, pipeline: Pipeline) -> None:
        self.settings = settings
        self.pipeline = pipeline
        open_store(settings.db).close()  # create or migrate before any reader opens it
        self.writer = Writer(settings.db, pipeline)
        self._local = threading.local()
        self.vendor = _vendor_files()

    def reader(self) -> Reader:
        """This thread's read-only connection."""
        reader = getattr(self._local, "reader", None)
        if reader is None:
            reader = self._local.reader = Reader(self.settings.db)
        return reader

    def authorized(self, token: str | None) -> bool:
        """Whether `token` is the operator's token (never, when none is set)."""
        expected = self.settings.token
        if not expected or not token:
            return False
        return hmac.compare_digest(token.encode(), expected.encode())

    def require_token(self, request: Request, form_token: str | None = None) -> None:
        """401 unless the request carries the operator's token."""
        header = request.headers.get("authorization", "")
        token = form_token or (header[7:] if header.lower().startswith("bearer ") else None)
        token = token or request.headers.get("x-localties-token")
        if not self.settings.token:
            raise HTTPException(
                401, "writes are disabled: start the server with --token or LOCALTIES_TOKEN"
            )
        if not self.authorized(token):
            raise HTTPException(401, "a valid token is required for writes")

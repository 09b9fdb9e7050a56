"""The web app: FastAPI for the API, server-rendered Jinja2 pages for the UI.

`create_app(settings)` builds it over one database. Reads use a read-only connection per
worker thread; every write goes through the one `Writer`. Charts and the network use
the JavaScript that ships inside the plotly and pyvis packages, served from here, so
the pages work offline. Every response carries a Content-Security-Policy that allows
scripts from this server only.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from importlib import resources

from fastapi import FastAPI, HTTPException, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles

from localties.errors import LocaltiesError
from localties.pipeline import Pipeline
from localties.store.queries import QueryError
from localties.web.api import router as api_router
from localties.web.pages import router as pages_router
from localties.web.settings import WebSettings
from localties.web.state import CSP, App


def create_app(settings: WebSettings, pipeline: Pipeline | None = None) -> FastAPI:
    """The app over `settings.db` (created if missing)."""
    state = App(settings, pipeline or Pipeline())
    app = FastAPI(
        title="localties",
        version="1",
        summary="Subnational diplomacy between Japan and Viet Nam, traced to its sources.",
        docs_url=None,  # the interactive docs load their scripts from a CDN
        redoc_url=None,
    )
    app.state.localties = state
    static = resources.files("localties.web") / "static"
    app.mount("/static", StaticFiles(directory=str(static)), name="static")

    @app.get("/vendor/{name}", include_in_schema=False)
    def vendor(name: str) -> FileResponse:
        path = state.vendor.get(name)
        if path is None or not path.is_file():
            raise HTTPException(404, "no such file")
        return FileResponse(path, media_type="text/javascript")

    @app.middleware("http")
    async def security_headers(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        response = await call_next(request)
        response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["X-Frame-Options"] = "DENY"
        return response

    @app.exception_handler(QueryError)
    async def bad_query(request: Request, exc: QueryError) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=422)

    @app.exception_handler(LocaltiesError)
    async def refused(request: Request, exc: LocaltiesError) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=422)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [
            {"loc": list(e.get("loc", ())), "msg": str(e.get("msg", ""))} for e in exc.errors()
        ]
        return JSONResponse({"detail": errors}, status_code=422)

    app.include_router(api_router)
    app.include_router(pages_router)
    return app

"""The REST API (`/api/...`): read endpoints with filters and cursor pagination, the tie
network, and token-guarded writes (ingest one article, correct a record)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field

from localties.errors import LocaltiesError
from localties.ingest import parse_json
from localties.store.queries import Page, QueryError
from localties.web.state import App
from localties.web.views import article_data, make_correction

router = APIRouter(prefix="/api")

Limit = Annotated[int, Query(ge=1, le=500, description="Rows per page.")]
Cursor = Annotated[str | None, Query(max_length=2000, description="From `next_cursor`.")]
Text = Annotated[str | None, Query(max_length=200)]
DateParam = Annotated[
    str | None,
    Query(
        max_length=10, pattern=r"^\d{4}(-\d{2}){0,2}$", description="YYYY, YYYY-MM or YYYY-MM-DD"
    ),
]
PlaceParam = Annotated[
    str | None,
    Query(max_length=12, pattern=r"^[A-Z]{2}(-[A-Z0-9]{1,8})?$", description="JP-14, VN"),
]


class PageOut(BaseModel):
    """One page of rows; pass `next_cursor` back as `cursor` for the next one."""

    items: list[dict[str, Any]]
    next_cursor: str | None


class CorrectionIn(BaseModel):
    """A correction of one extracted record."""

    model_config = ConfigDict(extra="forbid")

    record: str = Field(max_length=600, description="ARTICLE#kind#INDEX")
    action: Literal["reject", "set"]
    field: Literal["date", "place", "kind", "name", "instrument", "value"] | None = None
    value: str | None = Field(default=None, max_length=500)
    why: str = Field(min_length=1, max_length=2000)
    who: str | None = Field(default=None, max_length=200)


def _app(request: Request) -> App:
    state: App = request.app.state.localties
    return state


def _page(page: Page) -> PageOut:
    return PageOut(items=page.rows, next_cursor=page.next_cursor)


@router.get("/articles", response_model=PageOut)
def list_articles(
    request: Request, q: Text = None, limit: Limit = 50, cursor: Cursor = None
) -> PageOut:
    """Articles by id; `q` searches titles and stories, ignoring diacritics."""
    return _page(_app(request).reader().articles(q=q, limit=limit, cursor=cursor))


@router.get("/articles/{article_id}")
def get_article(request: Request, article_id: str) -> dict[str, Any]:
    """One article: its text, metadata and extraction (the contract's JSON)."""
    data = article_data(_app(request), article_id)
    if data is None:
        raise HTTPException(404, f"no article {article_id!r}")
    return data


@router.post(
    "/articles",
    status_code=201,
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {
                    "schema": {
                        "type": "object",
                        "required": ["text"],
                        "properties": {
                            "id": {"type": "string"},
                            "text": {"type": "string"},
                            "title": {"type": "string"},
                            "url": {"type": "string"},
                            "published": {"type": "string"},
                        },
                    }
                }
            },
        }
    },
)
async def post_article(request: Request) -> dict[str, Any]:
    """Ingest one article (the JSON object a `.json` input holds) and extract it.

    Needs the operator's token (`Authorization: Bearer TOKEN`).
    """
    app = _app(request)
    app.require_token(request)
    limit = app.settings.max_upload
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            return JSONResponse({"detail": f"body over {limit:,} bytes"}, status_code=413)  # type: ignore[return-value]
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise QueryError("request body: not UTF-8") from None
    record = parse_json(text, "request body")
    from starlette.concurrency import run_in_threadpool

    result: dict[str, Any] = await run_in_threadpool(app.writer.add_article, record)
    return result


@router.get("/events", response_model=PageOut)
def list_events(
    request: Request,
    q: Text = None,
    kind: Literal["meeting", "agreement", "exchange_event", "fact"] | None = None,
    place: PlaceParam = None,
    person: Text = None,
    topic: Text = None,
    date_from: Annotated[DateParam, Query(alias="from")] = None,
    date_to: Annotated[DateParam, Query(alias="to")] = None,
    sort: Literal["date", "-date"] = "date",
    limit: Limit = 50,
    cursor: Cursor = None,
) -> PageOut:
    """Events (one per real-world event, every report as a mention), by date."""
    return _page(
        _app(request)
        .reader()
        .events(
            q=q,
            kind=kind,
            place=place,
            person=person,
            topic=topic,
            date_from=date_from,
            date_to=date_to,
            sort=sort,
            limit=limit,
            cursor=cursor,
        )
    )


@router.get("/events/{event_id}")
def get_event(request: Request, event_id: str) -> dict[str, Any]:
    """One event with its reports and the merges that joined them; a retired id answers
    with `moved_to`, the event that took its reports."""
    reader = _app(request).reader()
    event = reader.event(event_id)
    if event is None:
        survivor = reader.survivor(event_id)
        if survivor:
            raise HTTPException(404, {"detail": "merged", "moved_to": survivor})
        raise HTTPException(404, f"no event {event_id!r}")
    return event


def _records(table: str) -> Any:
    def endpoint(
        request: Request,
        place: PlaceParam = None,
        article: Text = None,
        kind: Text = None,
        date_from: Annotated[DateParam, Query(alias="from")] = None,
        date_to: Annotated[DateParam, Query(alias="to")] = None,
        limit: Limit = 50,
        cursor: Cursor = None,
    ) -> PageOut:
        return _page(
            _app(request)
            .reader()
            .records(
                table,
                place=place,
                article=article,
                kind=kind,
                date_from=date_from,
                date_to=date_to,
                limit=limit,
                cursor=cursor,
            )
        )

    endpoint.__doc__ = f"Extracted {table.replace('_', ' ')}, each with its evidence."
    endpoint.__name__ = f"list_{table}"
    return endpoint


for _table in ("meetings", "agreements", "statements", "exchange_events", "ties", "facts"):
    router.add_api_route(f"/{_table}", _records(_table), methods=["GET"], response_model=PageOut)


@router.get("/ties/evidence")
def tie_evidence(
    request: Request,
    a: Annotated[str, Query(max_length=12, pattern=r"^[A-Z]{2}(-[A-Z0-9]{1,8})?$")],
    b: Annotated[str, Query(max_length=12, pattern=r"^[A-Z]{2}(-[A-Z0-9]{1,8})?$")],
) -> list[dict[str, Any]]:
    """Every report of the tie between two places: its sentence and article."""
    return _app(request).reader().tie_evidence(a, b)


@router.get("/network")
def network(
    request: Request,
    place: PlaceParam = None,
    date_from: Annotated[DateParam, Query(alias="from")] = None,
    date_to: Annotated[DateParam, Query(alias="to")] = None,
    limit: Annotated[int, Query(ge=1, le=5000)] = 300,
) -> dict[str, Any]:
    """The tie network: nodes (localities) and edges (weight = supporting reports)."""
    return (
        _app(request)
        .reader()
        .network(place=place, date_from=date_from, date_to=date_to, limit=limit)
    )


@router.get("/persons", response_model=PageOut)
def list_persons(
    request: Request, q: Text = None, limit: Limit = 50, cursor: Cursor = None
) -> PageOut:
    """Persons who take part in events, by id."""
    return _page(_app(request).reader().persons(q=q, limit=limit, cursor=cursor))


@router.get("/persons/{person_id}")
def get_person(request: Request, person_id: str) -> dict[str, Any]:
    """One person: names, affiliations, number of events."""
    person = _app(request).reader().person(person_id)
    if person is None:
        raise HTTPException(404, f"no person {person_id!r}")
    return person


@router.get("/places", response_model=PageOut)
def list_places(
    request: Request,
    q: Text = None,
    country: Annotated[str | None, Query(pattern=r"^[A-Z]{2}$")] = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> PageOut:
    """Canonical places by code."""
    return _page(_app(request).reader().places(q=q, country=country, limit=limit, cursor=cursor))


@router.get("/places/{code}")
def get_place(request: Request, code: str) -> dict[str, Any]:
    """One canonical place."""
    place = _app(request).reader().place(code)
    if place is None:
        raise HTTPException(404, f"no place {code!r}")
    return place


@router.get("/jobs/{job_id}")
def job(request: Request, job_id: str) -> dict[str, Any]:
    """An ingest job's progress."""
    found = _app(request).writer.jobs.get(job_id)
    if found is None:
        raise HTTPException(404, f"no job {job_id!r}")
    return found.to_json()


@router.post("/corrections", status_code=201)
def post_correction(request: Request, body: CorrectionIn) -> dict[str, Any]:
    """Reject a record or set one of its fields; kept with who, when and why, and
    applied at every consolidation from now on. Needs the operator's token."""
    app = _app(request)
    app.require_token(request)
    correction = make_correction(
        app, body.record, body.action, body.field, body.value, body.why, body.who
    )
    app.writer.correct(correction)
    return {"record": correction.record, "action": correction.action, "at": correction.when}


__all__ = ["LocaltiesError", "router"]

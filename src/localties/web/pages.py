"""The pages an analyst works in: overview, network, events, profiles, articles, ingest.

Server-rendered (Jinja2, autoescaped: no text from an article or a user reaches a page
unescaped). Data for charts travels as JSON in a `<script type="application/json">`
block that the page's own script reads, so no inline script is needed.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
from collections import Counter
from importlib import resources
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Form, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from starlette.datastructures import UploadFile

from localties.errors import LocaltiesError
from localties.model import ArticleResult
from localties.store.queries import QueryError, check_date
from localties.web.state import App
from localties.web.views import article_data, make_correction

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=str(resources.files("localties.web") / "templates"))
KIND_LABELS = {
    "meeting": "Meeting",
    "agreement": "Agreement",
    "exchange_event": "Exchange event",
    "fact": "Fact",
}


def _app(request: Request) -> App:
    state: App = request.app.state.localties
    return state


def _render(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    app = _app(request)
    context.setdefault("names", app.reader().place_names())
    return templates.TemplateResponse(
        request, name, {"kinds": KIND_LABELS, "writes": bool(app.settings.token), **context},
        status_code=status,
    )  # fmt: skip


def _json_block(data: Any) -> str:
    """JSON safe inside a `<script type="application/json">` element."""
    return json.dumps(data, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e")


# ---------------------------------------------------------------------------- overview


@router.get("/", response_class=HTMLResponse)
def overview(
    request: Request, place: Annotated[str | None, Query(max_length=12)] = None
) -> HTMLResponse:
    reader = _app(request).reader()
    place = place or None
    return _render(
        request,
        "overview.html",
        counts=reader.counts(),
        place=place,
        timeline=_json_block(reader.timeline(place)),
        latest=reader.events(place=place, sort="-date", limit=10).rows,
        strongest=reader.network(place=place, limit=10)["edges"],
        places=_places_with_events(reader),
    )


def _places_with_events(reader: Any) -> list[tuple[str, str]]:
    names = reader.place_names()
    codes = [
        r[0] for r in reader.db.execute("SELECT DISTINCT place FROM event_places ORDER BY place")
    ]
    return [(c, names.get(c, c)) for c in codes if "-" in c]


@router.get("/network", response_class=HTMLResponse)
def network_page(
    request: Request, place: Annotated[str | None, Query(max_length=12)] = None
) -> HTMLResponse:
    graph = _app(request).reader().network(place=place or None)
    return _render(
        request, "network.html", graph=_json_block(graph), edges=graph["edges"], place=place
    )


# ---------------------------------------------------------------------------- events


def _event_filters(request: Request) -> dict[str, Any]:
    q = request.query_params
    filters = {
        "q": q.get("q") or None,
        "kind": q.get("kind") or None,
        "place": q.get("place") or None,
        "person": q.get("person") or None,
        "topic": q.get("topic") or None,
        "date_from": check_date(q.get("from") or None, "from"),
        "date_to": check_date(q.get("to") or None, "to"),
    }
    for key, value in filters.items():
        if value is not None and len(value) > 200:
            raise QueryError(f"{key}: too long")
    return filters


@router.get("/events", response_class=HTMLResponse)
def events_page(request: Request) -> HTMLResponse:
    try:
        filters = _event_filters(request)
        page = (
            _app(request)
            .reader()
            .events(**filters, cursor=request.query_params.get("cursor") or None, limit=50)
        )
    except QueryError as exc:
        return _render(request, "events.html", status=422, error=str(exc), events=[], filters={},
                       next_url=None, csv_url=None)  # fmt: skip
    plain = {
        ("from" if k == "date_from" else "to" if k == "date_to" else k): v
        for k, v in filters.items()
        if v
    }
    next_url = (
        f"/events?{urlencode({**plain, 'cursor': page.next_cursor})}" if page.next_cursor else None
    )
    return _render(
        request, "events.html", events=page.rows, filters=plain, next_url=next_url,
        csv_url=f"/events.csv?{urlencode(plain)}", error=None,
    )  # fmt: skip


@router.get("/events.csv")
def events_csv(request: Request) -> Response:
    """Every event of the current filter, as CSV (UTF-8 with a byte-order mark, for Excel)."""
    from localties.export.tables import event_rows

    filters = _event_filters(request)
    reader = _app(request).reader()
    rows: list[dict[str, Any]] = []
    cursor = None
    while True:
        page = reader.events(**filters, cursor=cursor, limit=500)
        rows += page.rows
        cursor = page.next_cursor
        if cursor is None or len(rows) >= 100_000:
            break
    out = io.StringIO()
    flat = list(event_rows(rows))
    if flat:
        writer = csv.DictWriter(out, fieldnames=list(flat[0]))
        writer.writeheader()
        writer.writerows(flat)
    return Response(
        "\ufeff" + out.getvalue(),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="events.csv"'},
    )


@router.get("/events/{event_id}", response_class=HTMLResponse)
def event_page(request: Request, event_id: str) -> Response:
    app = _app(request)
    reader = app.reader()
    event = reader.event(event_id)
    if event is None:
        survivor = reader.survivor(event_id)
        if survivor:
            return RedirectResponse(f"/events/{survivor}", status_code=301)
        return _render(request, "error.html", status=404, message=f"No event {event_id}.")
    mentions = []
    for mention in event["mentions"]:
        text = _article_text(reader, mention["article"])
        mentions.append(
            {
                **mention,
                "sentences": [text[e["start"] : e["end"]] for e in mention["evidence"]],
                "title": _article_title(reader, mention["article"]),
            }
        )
    return _render(request, "event.html", event=event, mentions=mentions)


def _article_text(reader: Any, article_id: str) -> str:
    row = reader.db.execute("SELECT text FROM articles WHERE id = ?", (article_id,)).fetchone()
    return str(row[0]) if row else ""


def _article_title(reader: Any, article_id: str) -> str:
    row = reader.db.execute("SELECT title FROM articles WHERE id = ?", (article_id,)).fetchone()
    return str(row[0]) if row and row[0] else article_id


# ---------------------------------------------------------------------------- profiles


@router.get("/places/{code}", response_class=HTMLResponse)
def place_page(request: Request, code: str) -> HTMLResponse:
    reader = _app(request).reader()
    place = reader.place(code)
    if place is None:
        return _render(request, "error.html", status=404, message=f"No place {code}.")
    own = reader.events(place=code, limit=500).rows
    earlier = {
        before: reader.events(place=before, limit=500).rows for before in place["predecessors"]
    }
    partners = reader.network(place=code, limit=50)["edges"]
    officials = Counter(
        (p["person_id"], p["name"], p.get("affiliation"))
        for e in own
        if e["kind"] == "meeting"
        for p in e.get("participants", [])
        if p.get("affiliation") and not str(p["affiliation"]).startswith(code)
    )
    return _render(
        request, "place.html", place=place, events=own, earlier=earlier, partners=partners,
        officials=officials.most_common(30),
        by_year=sorted(Counter((e.get("date_lo") or "")[:4] or "undated" for e in own).items()),
    )  # fmt: skip


@router.get("/persons/{person_id}", response_class=HTMLResponse)
def person_page(request: Request, person_id: str) -> HTMLResponse:
    reader = _app(request).reader()
    person = reader.person(person_id)
    if person is None:
        return _render(request, "error.html", status=404, message=f"No person {person_id}.")
    return _render(request, "person.html", person=person,
                   events=reader.events(person=person_id, limit=500).rows)  # fmt: skip


@router.get("/pair/{a}/{b}", response_class=HTMLResponse)
def pair_page(request: Request, a: str, b: str) -> HTMLResponse:
    reader = _app(request).reader()
    if reader.place(a) is None or reader.place(b) is None:
        return _render(request, "error.html", status=404, message=f"No place {a} or {b}.")
    both = reader.events(place=a, also=b, limit=500).rows
    return _render(request, "pair.html", a=a, b=b, events=both, ties=reader.tie_evidence(a, b))


# ---------------------------------------------------------------------------- articles


def _segments(
    text: str, excluded: list[dict[str, Any]], records: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """The text cut where an excluded part or an evidence span starts or ends."""
    cuts = {0, len(text)}
    for x in excluded:
        cuts |= {x["start"], x["end"]}
    for r in records:
        for e in r["evidence"]:
            cuts |= {e["start"], e["end"]}
    points = sorted(c for c in cuts if 0 <= c <= len(text))
    out = []
    for lo, hi in itertools.pairwise(points):
        if lo == hi:
            continue
        out.append(
            {
                "text": text[lo:hi],
                "excluded": next(
                    (x["reason"] for x in excluded if x["start"] <= lo and hi <= x["end"]), None
                ),
                "records": " ".join(
                    r["id"]
                    for r in records
                    if any(e["start"] <= lo and hi <= e["end"] for e in r["evidence"])
                ),
            }
        )
    return out


def _records_of(extraction: dict[str, Any] | None, article_id: str) -> list[dict[str, Any]]:
    if not extraction:
        return []
    out = []
    for key, kind in ArticleResult.RECORD_KINDS.items():
        if kind == "entity":
            continue  # entities are mentions, not records with evidence sentences
        for index, record in enumerate(extraction.get(key, [])):
            summary = {k: v for k, v in record.items() if k != "evidence"}
            out.append(
                {
                    "id": f"{article_id}#{kind}#{index}",
                    "kind": kind,
                    "index": index,
                    "summary": summary,
                    "evidence": record.get("evidence", []),
                }
            )
    return out


@router.get("/articles", response_class=HTMLResponse)
def articles_page(
    request: Request,
    q: Annotated[str | None, Query(max_length=200)] = None,
    cursor: Annotated[str | None, Query(max_length=2000)] = None,
) -> HTMLResponse:
    try:
        page = _app(request).reader().articles(q=q or None, cursor=cursor or None, limit=50)
    except QueryError as exc:
        return _render(
            request, "articles.html", status=422, error=str(exc), articles=[], q=q, next_url=None
        )
    next_url = (
        f"/articles?{urlencode({'q': q or '', 'cursor': page.next_cursor})}"
        if page.next_cursor
        else None
    )
    return _render(request, "articles.html", articles=page.rows, q=q, next_url=next_url, error=None)


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(request: Request, article_id: str) -> HTMLResponse:
    app = _app(request)
    data = article_data(app, article_id)
    if data is None:
        return _render(request, "error.html", status=404, message=f"No article {article_id}.")
    records = _records_of(data["extraction"], article_id)
    rejected = {c["record"] for c in data["corrections"] if c["action"] == "reject"}
    changed: dict[str, list[dict[str, Any]]] = {}
    for c in data["corrections"]:
        changed.setdefault(c["record"], []).append(c)
    return _render(
        request, "article.html", article=data, records=records, rejected=rejected,
        changed=changed, segments=_segments(data["text"], data["excluded"], records),
    )  # fmt: skip


# ---------------------------------------------------------------------------- writes


@router.post("/corrections")
def correct_page(
    request: Request,
    record: Annotated[str, Form(max_length=600)],
    action: Annotated[str, Form(max_length=10)],
    why: Annotated[str, Form(max_length=2000)],
    token: Annotated[str, Form(max_length=500)] = "",
    field: Annotated[str, Form(max_length=20)] = "",
    value: Annotated[str, Form(max_length=500)] = "",
    back: Annotated[str, Form(max_length=1000)] = "/",
) -> Response:
    app = _app(request)
    try:
        app.require_token(request, token)
    except HTTPException as exc:
        return _render(request, "error.html", status=401, message=str(exc.detail))
    try:
        correction = make_correction(app, record, action, field or None, value or None, why, None)
        app.writer.correct(correction)
    except LocaltiesError as exc:
        return _render(request, "error.html", status=422, message=str(exc))
    target = back if back.startswith("/") and not back.startswith("//") else "/"
    return RedirectResponse(target, status_code=303)


@router.get("/ingest", response_class=HTMLResponse)
def ingest_page(request: Request) -> HTMLResponse:
    return _render(request, "ingest.html", error=None)


@router.post("/ingest")
async def ingest_upload(request: Request) -> Response:
    app = _app(request)
    limit = app.settings.max_upload
    if int(request.headers.get("content-length") or 0) > limit * 2:
        return _render(request, "ingest.html", status=413, error=f"upload over {limit * 2:,} bytes")
    form = await request.form(max_files=app.settings.max_files, max_fields=20)
    try:
        app.require_token(request, str(form.get("token") or ""))
    except HTTPException as exc:
        return _render(request, "ingest.html", status=401, error=str(exc.detail))
    files: list[tuple[str, bytes]] = []
    for upload in form.getlist("files"):
        if not isinstance(upload, UploadFile) or not upload.filename:
            continue
        data = await upload.read(limit + 1)
        if len(data) > limit:
            return _render(request, "ingest.html", status=413,
                           error=f"{upload.filename}: over {limit:,} bytes")  # fmt: skip
        files.append((upload.filename, data))
    urls = [u.strip() for u in str(form.get("urls") or "").splitlines() if u.strip()]
    if len(urls) > app.settings.max_files:
        return _render(request, "ingest.html", status=413,
                       error=f"at most {app.settings.max_files} URLs at a time")  # fmt: skip
    if not files and not urls:
        return _render(request, "ingest.html", status=422, error="choose files or give URLs")
    job = app.writer.start_job(
        files, limit, urls=urls, allow_private=app.settings.allow_private_urls
    )
    return RedirectResponse(f"/ingest/jobs/{job.id}", status_code=303)


@router.get("/ingest/jobs/{job_id}", response_class=HTMLResponse)
def job_page(request: Request, job_id: str) -> HTMLResponse:
    job = _app(request).writer.jobs.get(job_id)
    if job is None:
        return _render(request, "error.html", status=404, message=f"No job {job_id}.")
    return _render(request, "job.html", job=job.to_json())

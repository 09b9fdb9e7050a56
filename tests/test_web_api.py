"""The REST API over a real SQLite database built from the bundled sample.

Requests go through FastAPI's test client (the same ASGI app `localties serve` runs);
filters, cursor pagination, diacritic-insensitive search, auth on writes, malformed
input (422, never 500) and the security headers are checked.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from localties.pipeline import Pipeline
from localties.web import WebSettings, create_app

TOKEN = "test-token-5a1f"


@pytest.fixture
def client(sample_db: Path, pipeline: Pipeline) -> Iterator[TestClient]:
    """Read-only use of the shared sample database."""
    with TestClient(create_app(WebSettings(db=sample_db, token=TOKEN), pipeline)) as c:
        yield c


@pytest.fixture
def writer(fresh_sample_db: Path, pipeline: Pipeline) -> Iterator[TestClient]:
    """A client over a private copy, for tests that write."""
    with TestClient(create_app(WebSettings(db=fresh_sample_db, token=TOKEN), pipeline)) as c:
        yield c


def _all(client: TestClient, path: str, **params: Any) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    cursor = None
    while True:
        query = {**params, **({"cursor": cursor} if cursor else {})}
        page = client.get(path, params=query)
        assert page.status_code == 200, page.text
        body = page.json()
        rows += body["items"]
        cursor = body["next_cursor"]
        if cursor is None:
            return rows


def test_search_ignores_diacritics_and_finds_the_prime_ministers_meetings(
    client: TestClient,
) -> None:
    plain = client.get("/api/events", params={"q": "Chinh", "kind": "meeting"}).json()["items"]
    marked = client.get("/api/events", params={"q": "Chính", "kind": "meeting"}).json()["items"]
    assert plain == marked
    people = [{p["person_id"] for p in e["participants"]} for e in plain]
    assert len(plain) >= 2 and all("pham-minh-chinh" in p for p in people)
    assert {"yamamoto-ichita", "kuroiwa-yuji"} <= set().union(*people)


def test_filters_narrow(client: TestClient) -> None:
    every = _all(client, "/api/events", limit=500)
    meetings = _all(client, "/api/events", kind="meeting")
    assert meetings and len(meetings) < len(every)
    assert all(e["kind"] == "meeting" for e in meetings)
    gunma = _all(client, "/api/events", place="JP-10")
    assert gunma and all(
        "JP-10" in {e.get("place"), *(p.get("affiliation") for p in e.get("participants", []))}
        or "JP-10" in e.get("parties", [])
        for e in gunma
    )
    year = _all(client, "/api/events", **{"from": "2023", "to": "2023"})
    assert year and all(e["date_lo"] <= "2023-12-31" and e["date_hi"] >= "2023" for e in year)
    japan = _all(client, "/api/events", place="JP")  # a country matches its units
    assert {e["id"] for e in gunma} <= {e["id"] for e in japan}
    newest = client.get("/api/events", params={"sort": "-date", "limit": 500}).json()["items"]
    dated = [e["date_hi"] for e in newest if e["date_hi"]]
    assert dated == sorted(dated, reverse=True)
    assert newest[len(dated) :] == [e for e in newest if not e["date_hi"]]  # undated last


def test_cursor_pagination_visits_every_event_once(client: TestClient) -> None:
    one_page = client.get("/api/events", params={"limit": 500}).json()
    assert one_page["next_cursor"] is None
    paged = _all(client, "/api/events", limit=3)
    assert [e["id"] for e in paged] == [e["id"] for e in one_page["items"]]
    assert len({e["id"] for e in paged}) == len(paged) > 3


@pytest.mark.parametrize(
    "kind", ["meetings", "agreements", "statements", "exchange_events", "ties", "facts"]
)
def test_record_endpoints_page_through_typed_rows_with_evidence(
    client: TestClient, kind: str
) -> None:
    rows = _all(client, f"/api/{kind}", limit=2)
    assert rows, kind
    assert all(r["evidence"] and r["evidence_text"] for r in rows)
    assert len({r["id"] for r in rows}) == len(rows)


def test_network_persons_places_and_articles(client: TestClient) -> None:
    graph = client.get("/api/network").json()
    pairs = {(e["a"], e["b"]) for e in graph["edges"]}
    assert ("JP-10", "VN") in pairs
    assert {n["id"] for n in graph["nodes"]} >= {"JP-10", "VN"}
    evidence = client.get("/api/ties/evidence", params={"a": "VN", "b": "JP-10"}).json()
    assert evidence and "Gunma" in evidence[0]["text"]
    person = client.get("/api/persons/pham-minh-chinh").json()
    assert person["events"] >= 2 and "VN" in person["affiliations"]
    assert client.get("/api/places/JP-10").json()["name"] == "Gunma"
    assert _all(client, "/api/places", country="VN", limit=50)
    found = client.get("/api/articles", params={"q": "Yamamoto"}).json()["items"]
    assert [a["id"] for a in found] == ["sample-16-pm-chinh-gunma-visit"]
    article = client.get("/api/articles/sample-16-pm-chinh-gunma-visit").json()
    assert article["extraction"]["meetings"] and article["excluded"]


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/api/events", {"limit": 0}),
        ("/api/events", {"limit": 100000}),
        ("/api/events", {"cursor": "not-a-cursor"}),
        ("/api/events", {"cursor": "W10"}),  # a valid encoding of the wrong shape
        ("/api/events", {"kind": "party"}),
        ("/api/events", {"from": "last year"}),
        ("/api/events", {"place": "'; DROP TABLE events; --"}),
        ("/api/events", {"q": '"*'}),
        ("/api/meetings", {"from": "2023-1"}),
        ("/api/ties/evidence", {"a": "JP-10"}),
    ],
)
def test_malformed_queries_are_422(client: TestClient, path: str, params: dict[str, Any]) -> None:
    response = client.get(path, params=params)
    assert response.status_code == 422, response.text
    assert response.json()["detail"]


def test_unknown_ids_are_404(client: TestClient) -> None:
    for path in ("/api/events/ev-nosuch", "/api/persons/nobody", "/api/places/XX-99",
                 "/api/articles/nosuch", "/api/jobs/nosuch"):  # fmt: skip
        assert client.get(path).status_code == 404, path


def test_writes_need_the_token(writer: TestClient, sample_db: Path, pipeline: Pipeline) -> None:
    article = {
        "id": "api-1",
        "text": "Governor Yamamoto Ichita of Gunma met Prime Minister Pham Minh Chinh in Hanoi on March 3.",
    }
    assert writer.post("/api/articles", json=article).status_code == 401
    wrong = writer.post("/api/articles", json=article, headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401
    correction = {
        "record": "sample-16-pm-chinh-gunma-visit#meeting#0",
        "action": "reject",
        "why": "test",
    }
    assert writer.post("/api/corrections", json=correction).status_code == 401
    with TestClient(create_app(WebSettings(db=sample_db), pipeline)) as open_server:
        refused = open_server.post(
            "/api/articles", json=article, headers={"Authorization": "Bearer "}
        )
        assert refused.status_code == 401 and "disabled" in refused.json()["detail"]


def test_posting_an_article_ingests_extracts_and_consolidates(writer: TestClient) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    article = {
        "id": "api-2",
        "title": "Gunma governor in Hanoi",
        "published": "2024-03-04",
        "text": "HANOI - Prime Minister Pham Minh Chinh received Gunma Governor Yamamoto Ichita in Hanoi on March 3.",
    }
    response = writer.post("/api/articles", json=article, headers=auth)
    assert response.status_code == 201, response.text
    assert response.json()["records"]["meeting"] == 1
    events = writer.get("/api/events", params={"q": "Yamamoto", "kind": "meeting"}).json()["items"]
    assert any(m["article"] == "api-2" for e in events for m in e["mentions"])
    again = writer.post("/api/articles", json=article, headers=auth)
    assert again.json()["outcome"] == "unchanged"


@pytest.mark.parametrize(
    "body",
    [
        b"{not json",
        b"[1, 2]",
        b'{"text": 5}',
        b'{"text": "   "}',
        b"[" * 100_000 + b"]" * 100_000,
        b'{"text": "caf\\ud800"}',
        b"\xff\xfe\x00",
    ],
)
def test_malformed_articles_are_refused_not_500(writer: TestClient, body: bytes) -> None:
    response = writer.post(
        "/api/articles", content=body,
        headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"},
    )  # fmt: skip
    assert response.status_code in (413, 422), response.text
    assert response.json()["detail"]


def test_an_oversized_article_is_413(fresh_sample_db: Path, pipeline: Pipeline) -> None:
    settings = WebSettings(db=fresh_sample_db, token=TOKEN, max_upload=1000)
    with TestClient(create_app(settings, pipeline)) as small:
        body = json.dumps({"text": "word " * 1000})
        response = small.post("/api/articles", content=body,
                              headers={"Authorization": f"Bearer {TOKEN}"})  # fmt: skip
        assert response.status_code == 413


def test_a_correction_through_the_api_is_kept_and_applied(writer: TestClient) -> None:
    record = "sample-16-pm-chinh-gunma-visit#meeting#0"
    auth = {"Authorization": f"Bearer {TOKEN}"}
    impossible = {"record": record, "action": "set", "field": "date", "value": "2023-02-30"}
    bad = writer.post("/api/corrections", headers=auth, json={**impossible, "why": "x"})
    assert bad.status_code == 422
    missing = writer.post("/api/corrections", headers=auth,
                          json={"record": "nosuch#meeting#0", "action": "reject", "why": "x"})  # fmt: skip
    assert missing.status_code == 422
    fix = {"record": record, "action": "set", "field": "date", "value": "2023-12-14"}
    ok = writer.post("/api/corrections", headers=auth, json={**fix, "why": "time zone"})
    assert ok.status_code == 201, ok.text
    gunma = [e for e in _all(writer, "/api/events", kind="meeting", place="JP-10")
             if any(m["record"] == record for m in e["mentions"])]  # fmt: skip
    assert gunma[0]["date"] == "2023-12-14" and gunma[0]["corrections"][0]["why"] == "time zone"


def test_every_response_carries_the_security_headers(client: TestClient) -> None:
    for path in ("/", "/api/events", "/openapi.json", "/events?q=Chinh"):
        headers = client.get(path).headers
        assert "script-src 'self'" in headers["content-security-policy"], path
        assert headers["x-content-type-options"] == "nosniff"


def test_no_page_reflects_input_unescaped(writer: TestClient) -> None:
    evil = "<script>alert(1)</script>"
    article = {
        "id": "xss-1",
        "title": evil,
        "text": f"{evil} Gunma Governor Yamamoto Ichita met Prime Minister Pham Minh Chinh in Hanoi.",
    }
    assert (
        writer.post(
            "/api/articles", json=article, headers={"Authorization": f"Bearer {TOKEN}"}
        ).status_code
        == 201
    )
    for path in ("/articles/xss-1", "/articles?q=alert", f"/events?q={evil}", f"/events?place={evil}",
                 "/events?from=%3Cscript%3E"):  # fmt: skip
        page = writer.get(path).text
        assert evil not in page, path
    assert "&lt;script&gt;" in writer.get("/articles/xss-1").text


def test_openapi_lists_the_endpoints(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    for path in ("/api/events", "/api/articles", "/api/network", "/api/corrections", "/api/ties"):
        assert path in spec["paths"], path


def test_profile_pages_show_what_the_places_share(client: TestClient) -> None:
    pair = client.get("/pair/JP-10/VN")
    assert pair.status_code == 200 and "Yamamoto Ichita" in pair.text and "Gunma" in pair.text
    assert "Kuroiwa" not in pair.text  # Kanagawa's meetings are not Gunma's
    place = client.get("/places/JP-14")
    assert place.status_code == 200 and "Kuroiwa Yuji" in place.text
    assert client.get("/pair/JP-10/XX-99").status_code == 404

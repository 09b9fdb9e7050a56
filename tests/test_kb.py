"""The knowledge base: one event per real-world event, across reports written differently."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from localties.cli import cli
from localties.kb.consolidate import dates_compatible, places_compatible
from localties.kb.persons import person_id
from localties.knowledge import Knowledge
from localties.model.article import RawArticle
from localties.pipeline import Pipeline
from localties.store import SQLiteStore

# Three outlets report one meeting (other wording, name order, diacritics; one without the
# year); a fourth reports the same guest with another host the same day; a fifth the same
# pair a year later.
REPORTS = {
    "vna": (
        "Hanoi (VNA) - Prime Minister Pham Minh Chinh received Governor of Japan's Kanagawa "
        "prefecture Kuroiwa Yuji in Hanoi on November 20.",
        "2022-11-20",
    ),
    "vns": (
        "HÀ NỘI - Prime Minister Phạm Minh Chính on November 20 hosted Yuji Kuroiwa, Governor "
        "of Kanagawa prefecture, who is on a working visit to Việt Nam.",
        "2022-11-21",
    ),
    "blog": (
        "Governor of Japan's Kanagawa prefecture Kuroiwa Yuji met Vietnamese Prime Minister "
        "Pham Minh Chinh in Hanoi on November 20.",
        None,
    ),
    "other-host": (
        "Hanoi (VNA) - National Assembly Chairman Vuong Dinh Hue received Governor of Japan's "
        "Kanagawa prefecture Kuroiwa Yuji in Hanoi on November 20.",
        "2022-11-20",
    ),
    "tie": (
        "Kanagawa prefecture and Ho Chi Minh City will strengthen their cooperation in trade "
        "and tourism, the two localities said.",
        "2023-01-10",
    ),
    "next-year": (
        "Hanoi (VNA) - Prime Minister Pham Minh Chinh received Governor of Japan's Kanagawa "
        "prefecture Kuroiwa Yuji in Hanoi on March 5.",
        "2024-03-05",
    ),
}


@pytest.fixture
def filled(store: SQLiteStore, pipeline: Pipeline, add: Callable[..., str]) -> SQLiteStore:
    for key, (text, published) in REPORTS.items():
        add(RawArticle(id=key, text=text, published=published, origin=f"{key}.json"))
    assert all(o.error is None for o in pipeline.extract_store(store))
    pipeline.consolidate(store)
    return store


def _meetings(store: SQLiteStore) -> list[dict[str, Any]]:
    return list(store.events(kind="meeting"))


def test_three_reports_of_one_meeting_are_one_event(filled: SQLiteStore) -> None:
    meetings = _meetings(filled)
    chinh = [
        m for m in meetings
        if {p["person_id"] for p in m["participants"]} == {"pham-minh-chinh", "kuroiwa-yuji"}
    ]  # fmt: skip
    assert len(chinh) == 2  # 2022 and 2024
    first = next(m for m in chinh if m["date"].startswith("2022"))
    assert sorted(x["article"] for x in first["mentions"]) == ["blog", "vna", "vns"]
    assert first["date"] == "2022-11-20"  # the undated report's XXXX-11-20 takes the year
    assert (first["date_lo"], first["date_hi"], first["place"]) == ("2022-11-20",) * 2 + ("VN-HN",)
    assert all(x["evidence"] for x in first["mentions"])


def test_confusable_meetings_stay_apart(filled: SQLiteStore) -> None:
    meetings = _meetings(filled)
    hosts = {frozenset(p["person_id"] for p in m["participants"]) for m in meetings}
    assert frozenset({"vuong-dinh-hue", "kuroiwa-yuji"}) in hosts  # same guest, other host
    assert len(meetings) == 3


def test_ids_are_stable_across_runs_and_reextraction(
    filled: SQLiteStore, pipeline: Pipeline
) -> None:
    before = [e["id"] for e in filled.events()]
    pipeline.consolidate(filled)
    assert [e["id"] for e in filled.events()] == before
    assert all(o.error is None for o in pipeline.extract_store(filled))
    pipeline.consolidate(filled)
    assert [e["id"] for e in filled.events()] == before


def test_a_merged_away_id_leaves_a_tombstone(
    store: SQLiteStore, pipeline: Pipeline, add: Callable[..., str]
) -> None:
    for key in ("vns", "vna"):  # "vna" sorts first: its arrival renames the event
        text, published = REPORTS[key]
        add(RawArticle(id=key, text=text, published=published))
        assert all(o.error is None for o in pipeline.extract_store(store, [key]))
        pipeline.consolidate(store)
        if key == "vns":
            (old,) = [e["id"] for e in store.events(kind="meeting")]
    (new,) = [e["id"] for e in store.events(kind="meeting")]
    assert new != old and store.tombstone(old) == new


def test_filters_and_the_command(filled: SQLiteStore) -> None:
    assert {e["date"][:4] for e in filled.events(kind="meeting", date_from="2024")} == {"2024"}
    assert all(e["kind"] == "meeting" for e in filled.events(place="JP-14", kind="meeting"))
    assert len(list(filled.events(place="JP", kind="meeting"))) == 3  # a country covers its units
    assert list(filled.events(person="vuong-dinh-hue"))
    result = CliRunner().invoke(
        cli, ["events", "--db", filled.location, "--kind", "meeting", "--from", "2022",
              "--to", "2022", "--json"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert len(result.stdout.splitlines()) == 2
    bad = CliRunner().invoke(cli, ["events", "--db", filled.location, "--from", "last year"])
    assert bad.exit_code == 2


def test_places_table_knows_every_code(filled: SQLiteStore) -> None:
    gunma = filled.place("JP-10")
    assert gunma is not None and (gunma.name, gunma.region, gunma.level) == (
        "Gunma", "JP-KANTO", "admin1"
    )  # fmt: skip
    lam_dong = filled.place("VN-35")
    assert lam_dong is not None and "VN-40" in lam_dong.predecessors
    assert filled.place("VN-40").successor == "VN-35"  # type: ignore[union-attr]
    assert filled.place("JP-KANTO").level == "region"  # type: ignore[union-attr]


def test_person_ids(knowledge: Knowledge) -> None:
    assert person_id(knowledge, "Yuji Kuroiwa", "JP-14") == "kuroiwa-yuji"
    assert person_id(knowledge, "Phạm Minh Chính", "VN", "2023-05-01") == "pham-minh-chinh"
    minted = person_id(knowledge, "Tanaka Ichiro", "JP-22")
    assert minted == person_id(knowledge, "Ichiro Tanaka", "JP-22") == "p:ichiro-tanaka@JP"
    assert person_id(knowledge, "Tanaka Ichiro", "VN") != minted


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("2024-11-15", "XXXX-11-15", True),
        ("2024-11-15", "2024-11", True),
        ("2024-11-15", "2025-11-15", False),
        ("2017-11-16/2017-11-18", "2017-11-17", True),
        ("XXXX-11-15", "XXXX-11-16", False),
        (None, "2024-01-01", True),
    ],
)
def test_dates_compatible(a: str | None, b: str, same: bool) -> None:
    assert dates_compatible(a, b) is same


def test_places_compatible() -> None:
    assert places_compatible("VN", "VN-HN") and places_compatible(None, "JP-14")
    assert places_compatible("JP-KANTO", "JP-14")
    assert not places_compatible("VN-HN", "VN-SG") and not places_compatible("JP", "VN-HN")


def test_exports_load_in_networkx_and_pandas(filled: SQLiteStore, tmp_path: Path) -> None:
    import networkx as nx
    import pandas as pd

    db = filled.location
    run = CliRunner()
    for fmt in ("graphml", "gexf"):
        out = tmp_path / f"ties.{fmt}"
        result = run.invoke(cli, ["export", "ties", "--db", db, "--format", fmt, "-o", str(out)])
        assert result.exit_code == 0, result.output
        graph = nx.read_graphml(out) if fmt == "graphml" else nx.read_gexf(out)
        assert graph.nodes["JP-14"]["name"] == "Kanagawa"
        assert graph.nodes["JP-14"]["country"] == "JP"
        assert any(d["weight"] >= 1 for _, _, d in graph.edges(data=True))
    csv_path = tmp_path / "events.csv"
    result = run.invoke(
        cli, ["export", "events", "--db", db, "--format", "csv", "--bom", "-o", str(csv_path)]
    )
    assert result.exit_code == 0, result.output
    assert csv_path.read_bytes().startswith(b"\xef\xbb\xbf")
    frame = pd.read_csv(csv_path, encoding="utf-8-sig")
    assert len(frame) == len(list(filled.events()))
    assert set(frame["kind"]) >= {"meeting"}
    plover = run.invoke(cli, ["export", "plover", "--db", db, "--format", "jsonl"])
    rows = [json.loads(line) for line in plover.stdout.splitlines()]
    assert {r["event_type"] for r in rows} >= {"CONSULT"}
    assert all(r["cameo"] in {"040", "057", "030", "020"} for r in rows)


def test_extract_new_only_takes_what_is_not_current(filled: SQLiteStore) -> None:
    db = filled.location
    result = CliRunner().invoke(cli, ["extract", "--db", db, "--new"])
    assert result.exit_code == 0 and "nothing to do" in result.stdout
    assert list(filled.stale_ids("some/other+version")) == sorted(REPORTS, key=list(REPORTS).index)


def _agreement_report(
    article: str, instrument: str, date: str | None, topics: tuple[str, ...]
) -> Any:
    from localties.model import Agreement, ArticleMeta, ArticleResult, Edtf, Evidence, PlaceId

    act = Agreement("signed", instrument, Edtf.parse(date), (PlaceId("JP-12"), PlaceId("VN")),
                    topics, (Evidence(0, 10),))  # fmt: skip
    return ArticleResult(ArticleMeta(article, published="2019-07-02"), agreements=(act,))


def test_two_agreements_between_the_same_parties_stay_apart(knowledge: Knowledge) -> None:
    from localties.kb import consolidate

    reports = [
        _agreement_report("a", "MoU on labour", "2019-03", ("labour",)),
        _agreement_report("b", "memorandum of understanding", "2019-03-12", ("labour",)),
        _agreement_report("c", "cooperation documents", None, ()),  # other instruments
        _agreement_report("d", "MoU", "2019-03", ("health",)),  # other matters
    ]
    events, merges = consolidate(reports, knowledge)
    groups = sorted(sorted(m.article for m in e.mentions) for e in events)
    assert groups == [["a", "b"], ["c"], ["d"]]
    (merge,) = merges
    assert (merge.a, merge.b) == ("a#agreement#0", "b#agreement#0") and merge.rule


def test_a_correction_survives_reextraction(filled: SQLiteStore, pipeline: Pipeline) -> None:
    db = filled.location
    run = CliRunner()
    (meeting,) = [m for m in filled.events(kind="meeting") if m["date"].startswith("2024")]
    record = meeting["mentions"][0]["record"]
    result = run.invoke(
        cli, ["correct", record, "--db", db, "--set", "date=2024-03-06", "--why", "dateline",
              "--by", "tester"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert all(o.error is None for o in pipeline.extract_store(filled))  # re-extract
    pipeline.consolidate(filled)
    (fixed,) = [m for m in filled.events(kind="meeting") if m["date"].startswith("2024")]
    assert fixed["date"] == "2024-03-06"
    assert fixed["corrections"][0]["who"] == "tester"
    assert fixed["corrections"][0]["why"] == "dateline"
    reject = run.invoke(cli, ["correct", record, "--db", db, "--reject", "--why", "not a meeting"])
    assert reject.exit_code == 0, reject.output
    assert not [m for m in filled.events(kind="meeting") if (m["date"] or "").startswith("2024")]
    for bad in (["--set", "date=2024-02-30"], ["--set", "colour=red"], []):
        got = run.invoke(cli, ["correct", record, "--db", db, *bad, "--why", "x"])
        assert got.exit_code == 2, got.output
    missing = run.invoke(cli, ["correct", "nope#meeting#0", "--db", db, "--reject", "--why", "x"])
    assert missing.exit_code == 1 and "no record" in missing.output


def test_profiles(filled: SQLiteStore) -> None:
    db = filled.location
    run = CliRunner()
    profile = json.loads(run.invoke(cli, ["place", "JP-14", "--db", db, "--json"]).stdout)
    assert profile["name"] == "Kanagawa" and profile["region"] == "JP-KANTO"
    assert profile["meetings_by_year"] == {"2022": 2, "2024": 1}
    assert any(t["b"] == "VN-SG" and t["evidence"] for t in profile["partners"])
    met = {o["name"] for o in profile["officials_met"]}
    assert {"Vuong Dinh Hue (VN)"} <= met
    person = run.invoke(cli, ["person", "Yuji Kuroiwa", "--db", db, "--json"])
    assert person.exit_code == 0, person.output
    assert len(person.stdout.splitlines()) == 3  # two meetings with Chinh, one with Hue
    pair = run.invoke(cli, ["pair", "JP-14", "VN-SG", "--db", db])
    assert pair.exit_code == 0 and "VN-SG" in pair.stdout
    timeline = run.invoke(
        cli, ["timeline", "--db", db, "--place", "JP", "--from", "2024", "--json"]
    )
    assert [json.loads(x)["date"][:4] for x in timeline.stdout.splitlines()] == ["2024"]
    ties = run.invoke(cli, ["ties", "--db", db, "--json"])
    assert {(t["a"], t["b"]) for t in map(json.loads, ties.stdout.splitlines())} == {
        ("JP-14", "VN-SG")
    }
    assert run.invoke(cli, ["place", "XX-99", "--db", db]).exit_code == 1


@pytest.mark.sqlite_only
def test_datasette_searches_and_runs_the_canned_queries(
    filled: SQLiteStore, tmp_path: Path
) -> None:
    import asyncio

    from datasette.app import Datasette

    db = filled.path
    meta = tmp_path / "metadata.json"
    result = CliRunner().invoke(
        cli, ["export", "datasette", "--db", str(db), "--format", "json", "-o", str(meta)]
    )
    assert result.exit_code == 0, result.output

    async def ask() -> tuple[Any, Any, Any]:
        ds = Datasette([str(db)], metadata=json.loads(meta.read_text()))
        name = db.stem
        search = await ds.client.get(f"/{name}/articles.json?_search=Kuroiwa&_shape=array")
        person = await ds.client.get(
            f"/{name}/meetings_of_person.json?person_id=kuroiwa-yuji&_shape=array"
        )
        code = await ds.client.get(f"/{name}/place_name.json?code=JP-14&_shape=array")
        return search, person, code

    search, person, code = asyncio.run(ask())
    assert search.status_code == 200 and {r["id"] for r in search.json()} >= {"vna", "vns"}
    assert person.status_code == 200 and {r["name"] for r in person.json()} >= {"Kuroiwa Yuji"}
    assert code.json()[0]["name"] == "Kanagawa"


def test_typed_record_tables_hold_every_record_with_its_evidence_text(
    filled: SQLiteStore, pipeline: Pipeline
) -> None:
    db = filled._db
    results = list(filled.iter_results())
    assert db.execute("SELECT count(*) FROM meetings").fetchone()[0] == sum(
        len(r.meetings) for r in results
    )
    rows = db.execute(
        "SELECT m.article_id, m.evidence_text, p.name FROM meetings m JOIN participants p "
        "ON p.article_id = m.article_id AND p.meeting_idx = m.idx WHERE m.article_id = 'vna'"
    ).fetchall()
    assert {r[2] for r in rows} == {"Pham Minh Chinh", "Kuroiwa Yuji"}
    assert all("received" in r[1] for r in rows)
    assert db.execute("SELECT a, b FROM tie_evidence").fetchall() == [("JP-14", "VN-SG")]
    changed = RawArticle(id="vna", text="A rewritten story about Gunma.")
    filled.add_article(changed, pipeline.clean(changed))  # a new version drops the old rows
    assert db.execute("SELECT count(*) FROM meetings WHERE article_id = 'vna'").fetchone()[0] == 0


def _kb_rows(store: SQLiteStore) -> tuple[list[Any], ...]:
    db = store._db
    return tuple(
        sorted(db.execute(f"SELECT * FROM {table}").fetchall(), key=repr)
        for table in ("events", "event_mentions", "event_persons", "event_places", "merges",
                      "mention_blocks")
    )  # fmt: skip


def _corpus() -> list[RawArticle]:
    from importlib import resources

    folder = resources.files("localties") / "data" / "sample"
    out = []
    for f in sorted(folder.iterdir(), key=lambda f: f.name):
        if f.name.endswith(".json") and not f.name.endswith(".gold.json"):
            data = json.loads(f.read_text(encoding="utf-8"))
            out.append(
                RawArticle(id=data["id"], text=data["text"], published=data.get("published"))
            )
    out += [RawArticle(id=k, text=t, published=p) for k, (t, p) in REPORTS.items()]
    return out


def test_incremental_consolidation_equals_a_rebuild(tmp_path: Path, pipeline: Pipeline) -> None:
    """Articles arriving one at a time, each consolidated only where it reaches, give the
    knowledge base a full rebuild gives: the same events, ids, mentions and merges."""
    articles = _corpus()
    with SQLiteStore(tmp_path / "one.db") as one, SQLiteStore(tmp_path / "all.db") as full:
        for raw in articles:
            for target in (one, full):
                target.add_article(raw, pipeline.clean(raw))
            assert all(o.error is None for o in pipeline.extract_store(one, [raw.id]))
            pipeline.consolidate(one, [raw.id])
        assert all(o.error is None for o in pipeline.extract_store(full))
        pipeline.consolidate(full)
        assert _kb_rows(one) == _kb_rows(full)
        assert len(_kb_rows(full)[0]) > 20  # the comparison covers a real knowledge base


def test_an_article_reconsolidates_only_what_it_reaches(
    filled: SQLiteStore, pipeline: Pipeline, add: Callable[..., str], caplog: Any
) -> None:
    untouched = {e["id"]: e for e in filled.events() if e["kind"] != "meeting"}
    add(RawArticle(id="later", text=REPORTS["vna"][0], published="2022-11-20"))
    assert all(o.error is None for o in pipeline.extract_store(filled, ["later"]))
    with caplog.at_level("INFO", logger="localties.pipeline"):
        pipeline.consolidate(filled, ["later"])
    reached = next(r.getMessage() for r in caplog.records if "over" in r.getMessage())
    # the new report reaches the articles that share a person pair with it, no others
    assert reached.endswith("over 5 article(s)"), reached
    meeting = next(
        m for m in _meetings(filled)
        if "later" in {x["article"] for x in m["mentions"]}
    )  # fmt: skip
    assert sorted(x["article"] for x in meeting["mentions"]) == ["blog", "later", "vna", "vns"]
    assert {e["id"]: e for e in filled.events() if e["kind"] != "meeting"} == untouched


def test_meetings_without_a_cross_border_pair_merge_only_on_a_date(knowledge: Knowledge) -> None:
    from localties.kb.consolidate import consolidate
    from localties.model import (
        ArticleMeta,
        ArticleResult,
        Edtf,
        Evidence,
        Meeting,
        Participant,
        PlaceId,
    )

    def report(aid: str, *dates: str | None) -> ArticleResult:
        meetings = tuple(
            Meeting(Edtf(d) if d else None, PlaceId("JP-10"),
                    (Participant("Yamamoto Ichita", "Governor", PlaceId("JP-10"), "host"),),
                    (Evidence(0, 10),))
            for d in dates
        )  # fmt: skip
        return ArticleResult(ArticleMeta(aid, published=None), meetings=meetings)

    events, merges = consolidate(
        [report("a", "2023-12-15"), report("b", "2023-12-15"), report("c", "2024-02-01"),
         report("d", None), report("e", None), report("f", "2024-05-05", "2024-05-05")],
        knowledge,
    )  # fmt: skip
    groups = sorted(sorted(m.article for m in e.mentions) for e in events)
    # one person's report on one date joins another; other dates, no date, or two records
    # of one article (two encounters that day) stay apart
    assert groups == [["a", "b"], ["c"], ["d"], ["e"], ["f"], ["f"]]
    assert [m.rule for m in merges] == ["same persons, compatible date (or year) and place"]


@pytest.mark.slow
def test_the_dev_corpus_ingested_twice_gives_no_duplicate_events(
    tmp_path: Path, pipeline: Pipeline
) -> None:
    """Every dev story again under another id (another outlet republishing it): each event
    gathers both reports; only a report with no date and no year can stay alone."""
    from dataclasses import replace

    from localties.ingest import read_inputs

    dev = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "dev"
    if not dev.is_dir():
        pytest.skip(f"{dev} not found")
    paths = sorted(p for p in dev.glob("*.json") if not p.name.endswith(".gold.json"))
    items = [i for i in read_inputs(paths) if not isinstance(i, Exception)]
    copies = [replace(i, article=replace(i.article, id="copy-" + i.article.id, url=None))
              for i in items]  # fmt: skip
    with SQLiteStore(tmp_path / "twice.db") as store:
        assert all(o.error is None for o in pipeline.ingest(store, items))
        assert all(o.error is None for o in pipeline.extract_store(store))
        pipeline.consolidate(store)
        once = list(store.events())
        assert all(o.error is None for o in pipeline.ingest(store, copies))
        ids = [c.article.id for c in copies]
        assert all(o.error is None for o in pipeline.extract_store(store, ids))
        pipeline.consolidate(store, ids)
        twice = list(store.events())
        alone = [e for e in twice if len({m["article"].removeprefix("copy-") for m in e["mentions"]}) == 1
                 and len(e["mentions"]) == 1]  # fmt: skip
        for event in alone:
            article = store.get_article(event["mentions"][0]["article"])
            assert event["kind"] == "meeting" and event["date"] is None, event
            assert article is not None and article.published is None
        assert len(twice) == len(once) + len(alone) // 2
        assert len(alone) <= 2

"""Shared fixtures: the packaged knowledge and pipeline, a real database per test.

Fixtures that give a database (`db_target`, `store`, `sample_db`) run each test on both
backends: a SQLite file, and a schema of its own in a real PostgreSQL server (marker
`postgres`). The server is `$LOCALTIES_TEST_PG` when set (`.ci/run` starts one), else
a throwaway one these fixtures start from the machine's PostgreSQL and stop; where
none is installed the PostgreSQL variants are skipped, unless
`LOCALTIES_REQUIRE_PG=1` makes that an error.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from localties.knowledge import Knowledge, load_knowledge
from localties.model.article import RawArticle
from localties.pipeline import Pipeline
from localties.store import DbUrl, SQLStore, open_store

BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
SAMPLE = Path(__file__).resolve().parent.parent / "src" / "localties" / "data" / "sample"


@pytest.fixture(scope="session")
def knowledge() -> Knowledge:
    """The packaged gazetteer, registry and word lists, loaded once for the session."""
    return load_knowledge()


@pytest.fixture(scope="session")
def pipeline(knowledge: Knowledge) -> Pipeline:
    """The pipeline over the packaged knowledge (spaCy is built on first use)."""
    return Pipeline(knowledge)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """Path of a database file that does not exist yet."""
    return tmp_path / "test.db"


@pytest.fixture(scope="session")
def pg_server() -> Iterator[str]:
    """The URL of a PostgreSQL database the tests may fill with schemas of their own."""
    import os
    import shutil
    import tempfile

    given = os.environ.get("LOCALTIES_TEST_PG")
    if given:
        yield given
        return
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
    import pgserver

    folder = Path(tempfile.mkdtemp(prefix="localties-pg-"))
    folder.chmod(0o755)  # the server's own user must reach its data folder inside
    try:
        url = pgserver.start(folder / "data")
    except pgserver.ServerError as exc:
        shutil.rmtree(folder, ignore_errors=True)
        if os.environ.get("LOCALTIES_REQUIRE_PG") == "1":
            pytest.fail(f"PostgreSQL tests required, but: {exc}")
        pytest.skip(f"no PostgreSQL server: {exc}")
    try:
        yield url
    finally:
        pgserver.stop(folder / "data")
        shutil.rmtree(folder, ignore_errors=True)


def new_schema(server: str) -> DbUrl:
    """A new empty schema in the test server, as a database URL that uses it."""
    import uuid

    import psycopg

    name = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {name}")
    glue = "&" if "?" in server else "?"
    return DbUrl(f"{server}{glue}options=-csearch_path%3D{name}")


@pytest.fixture(params=BACKENDS)
def db_target(request: pytest.FixtureRequest, tmp_path: Path) -> Path | DbUrl:
    """A database that does not exist yet: a SQLite file, or a new PostgreSQL schema.
    Tests marked `sqlite_only` skip the PostgreSQL variant."""
    if request.param == "sqlite":
        return tmp_path / "test.db"
    if request.node.get_closest_marker("sqlite_only"):
        pytest.skip("tests a property of SQLite files")
    server: str = request.getfixturevalue("pg_server")
    return new_schema(server)


@pytest.fixture
def another_db(
    db_target: Path | DbUrl, tmp_path: Path, request: pytest.FixtureRequest
) -> Callable[[str], Path | DbUrl]:
    """Make further new databases on the backend of `db_target` (by name, for files)."""

    def make(name: str) -> Path | DbUrl:
        if isinstance(db_target, Path):
            return tmp_path / f"{name}.db"
        return new_schema(request.getfixturevalue("pg_server"))

    return make


@pytest.fixture
def store(db_target: Path | DbUrl) -> Iterator[SQLStore]:
    """A freshly migrated store on a real database, closed after the test."""
    with open_store(db_target) as opened:
        yield opened


@pytest.fixture
def add(store: SQLStore, pipeline: Pipeline) -> Callable[..., str]:
    """Store an article the way ingest does: cleaned by the pipeline first."""

    def add_article(raw: RawArticle, **kw: Any) -> str:
        return store.add_article(raw, pipeline.clean(raw), **kw)

    return add_article


def build_sample(target: Path | DbUrl, pipeline: Pipeline) -> Path | DbUrl:
    """Fill a new database with the bundled sample the way `localties demo` does."""
    from localties.ingest import read_inputs

    with open_store(target) as store:
        outcomes = list(pipeline.ingest(store, read_inputs([SAMPLE])))
        assert all(o.error is None for o in outcomes)
        assert all(o.error is None for o in pipeline.extract_store(store))
        pipeline.consolidate(store)
    return target


@pytest.fixture(scope="session")
def sample_sqlite(tmp_path_factory: pytest.TempPathFactory, pipeline: Pipeline) -> Path:
    """The sample database as a SQLite file (read only: copy it to write)."""
    path = tmp_path_factory.mktemp("sample") / "sample.db"
    build_sample(path, pipeline)
    return path


@pytest.fixture(scope="session", params=BACKENDS)
def sample_db(
    request: pytest.FixtureRequest, sample_sqlite: Path, pipeline: Pipeline
) -> Path | DbUrl:
    """The sample database on each backend. Tests that write use `fresh_sample_db`."""
    if request.param == "sqlite":
        return sample_sqlite
    return request.getfixturevalue("sample_pg")  # type: ignore[no-any-return]


@pytest.fixture(scope="session")
def sample_pg(pg_server: str, pipeline: Pipeline) -> DbUrl:
    """The sample database in a PostgreSQL schema (read only)."""
    target = build_sample(new_schema(pg_server), pipeline)
    assert isinstance(target, DbUrl)
    return target


@pytest.fixture
def fresh_sample_db(
    sample_db: Path | DbUrl, tmp_path: Path, request: pytest.FixtureRequest, pipeline: Pipeline
) -> Path | DbUrl:
    """A private copy of the sample database (on the same backend), for tests that write."""
    import sqlite3

    if isinstance(sample_db, DbUrl):
        return build_sample(new_schema(request.getfixturevalue("pg_server")), pipeline)
    target = tmp_path / "sample.db"
    with sqlite3.connect(sample_db) as source, sqlite3.connect(target) as copy:
        source.backup(copy)
    return target


class LiveServer:
    """`localties serve` running in its own process on a free loopback port."""

    def __init__(self, db: Path, token: str, *extra: str) -> None:
        import socket
        import subprocess
        import sys
        import time
        import urllib.request

        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.db, self.token = db, token
        self.url = f"http://127.0.0.1:{self.port}"
        command = [sys.executable, "-m", "localties", "serve", "--db", str(db), "--port",
                   str(self.port), "--token", token, *extra]  # fmt: skip
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited: {self.process.stderr.read().decode()}")  # type: ignore[union-attr]
            try:
                with urllib.request.urlopen(self.url + "/api/places?limit=1", timeout=2):
                    return
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError("server did not start within 60 s")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except Exception:
            self.process.kill()


@pytest.fixture(scope="module")
def live_server(
    tmp_path_factory: pytest.TempPathFactory, sample_sqlite: Path
) -> Iterator[LiveServer]:
    """A real server over a private copy of the sample database, stopped after the module."""
    import sqlite3

    target = tmp_path_factory.mktemp("live") / "sample.db"
    with sqlite3.connect(sample_sqlite) as source, sqlite3.connect(target) as copy:
        source.backup(copy)
    server = LiveServer(target, "live-token-9c2e")
    yield server
    server.stop()

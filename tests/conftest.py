"""Shared fixtures: the packaged knowledge and pipeline, a real SQLite database per test."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from localties.knowledge import Knowledge, load_knowledge
from localties.model.article import RawArticle
from localties.pipeline import Pipeline
from localties.store import SQLiteStore


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


@pytest.fixture
def store(db_path: Path) -> Iterator[SQLiteStore]:
    """A freshly migrated store on a real file, closed after the test."""
    with SQLiteStore(db_path) as opened:
        yield opened


@pytest.fixture
def add(store: SQLiteStore, pipeline: Pipeline) -> Callable[..., str]:
    """Store an article the way ingest does: cleaned by the pipeline first."""

    def add_article(raw: RawArticle, **kw: Any) -> str:
        return store.add_article(raw, pipeline.clean(raw), **kw)

    return add_article


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory: pytest.TempPathFactory, pipeline: Pipeline) -> Path:
    """A database built from the bundled sample the way `localties demo` builds it.

    Tests that write must copy it first (`fresh_sample_db`)."""
    from localties.ingest import read_inputs

    path = tmp_path_factory.mktemp("sample") / "sample.db"
    folder = Path(__file__).resolve().parent.parent / "src" / "localties" / "data" / "sample"
    with SQLiteStore(path) as store:
        outcomes = list(pipeline.ingest(store, read_inputs([folder])))
        assert all(o.error is None for o in outcomes)
        assert all(o.error is None for o in pipeline.extract_store(store))
        pipeline.consolidate(store)
    return path


@pytest.fixture
def fresh_sample_db(sample_db: Path, tmp_path: Path) -> Path:
    """A private copy of the sample database, for tests that write."""
    import sqlite3

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
def live_server(tmp_path_factory: pytest.TempPathFactory, sample_db: Path) -> Iterator[LiveServer]:
    """A real server over a private copy of the sample database, stopped after the module."""
    import sqlite3

    target = tmp_path_factory.mktemp("live") / "sample.db"
    with sqlite3.connect(sample_db) as source, sqlite3.connect(target) as copy:
        source.backup(copy)
    server = LiveServer(target, "live-token-9c2e")
    yield server
    server.stop()

"""What the web app does besides reading: ingest, extract and correct, one write at a time.

Writes go through one `Writer` (a lock around its own store connection), so an ingest
job, an API post and a correction never interleave; the knowledge base is brought up to
date after each (only the events the changed articles reach). Ingest jobs run in a
background thread and report their progress, per-file errors included.
"""

from __future__ import annotations

import logging
import tempfile
import threading
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from localties.errors import InputError, LocaltiesError
from localties.ingest import Ingested, article_from_record, read_file
from localties.model.events import Correction
from localties.pipeline import Pipeline
from localties.store import SQLStore, Target, open_store

log = logging.getLogger(__name__)


@dataclass
class Job:
    """An ingest job's progress, as `/api/jobs/{id}` reports it."""

    id: str
    total: int
    done: int = 0
    stored: int = 0
    extracted: int = 0
    errors: list[str] = field(default_factory=list)
    state: str = "queued"  # queued | running | done | failed

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "state": self.state,
            "total": self.total,
            "done": self.done,
            "stored": self.stored,
            "extracted": self.extracted,
            "errors": list(self.errors),
        }


class Writer:
    """The app's one writer: a store connection and the pipeline, behind a lock."""

    def __init__(self, db: Target, pipeline: Pipeline) -> None:
        self.db = db
        self.pipeline = pipeline
        self.lock = threading.Lock()
        self.jobs: dict[str, Job] = {}

    def add_article(self, record: dict[str, Any]) -> dict[str, Any]:
        """Ingest one article (a `.json` input's object), extract it, update the base."""
        item = article_from_record(record, "request body")
        with self.lock, open_store(self.db) as store:
            (outcome,) = list(self.pipeline.ingest(store, [item]))
            if outcome.error is not None:
                raise outcome.error
            assert outcome.article_id is not None
            errors: list[str] = []
            counts = self._extract(store, [outcome.article_id], errors)
            if errors:
                raise LocaltiesError(errors[0])
            return {"id": outcome.article_id, "outcome": outcome.outcome, "records": counts}

    def correct(self, correction: Correction) -> None:
        """Store a correction and re-consolidate the article it is about."""
        article = correction.record.split("#", 1)[0]
        with self.lock, open_store(self.db) as store:
            if store.get_extraction(article) is None:
                raise LocaltiesError(f"{correction.record}: no extracted article {article!r}")
            store.add_correction(correction)
            self.pipeline.consolidate(store, [article])

    def start_job(
        self,
        files: list[tuple[str, bytes]],
        max_bytes: int,
        *,
        urls: list[str] = (),  # type: ignore[assignment]
        allow_private: bool = False,
    ) -> Job:
        """Start ingesting uploaded files and fetched URLs in the background."""
        job = Job(uuid.uuid4().hex[:12], total=len(files) + len(urls))
        self.jobs[job.id] = job
        thread = threading.Thread(
            target=self._run_job,
            args=(job, files, max_bytes, list(urls), allow_private),
            name=f"ingest-{job.id}",
            daemon=True,
        )
        thread.start()
        return job

    def _run_job(
        self,
        job: Job,
        files: list[tuple[str, bytes]],
        max_bytes: int,
        urls: list[str],
        allow_private: bool,
    ) -> None:
        from localties.sources import fetch_url

        job.state = "running"
        try:
            for url in urls:
                item: Ingested | InputError
                try:
                    item = fetch_url(url, max_bytes=max_bytes, allow_private=allow_private)
                except InputError as exc:
                    item = exc
                self._ingest_file(job, url, [item])
                job.done += 1
            with tempfile.TemporaryDirectory(prefix="localties-upload-") as tmp:
                for number, (name, data) in enumerate(files):
                    path = Path(tmp) / f"{number:04d}-{_safe_name(name)}"
                    path.write_bytes(data)
                    items = [_named(item, name) for item in read_file(path, max_bytes=max_bytes)]
                    self._ingest_file(job, name, items)
                    job.done += 1
            job.state = "done"
        except Exception as exc:  # the job reports; the server goes on
            log.exception("ingest job %s failed", job.id)
            job.errors.append(f"job stopped: {exc}")
            job.state = "failed"

    def _ingest_file(self, job: Job, name: str, items: Iterable[Ingested | InputError]) -> None:
        with self.lock, open_store(self.db) as store:
            ids = []
            for outcome in self.pipeline.ingest(store, items):
                if outcome.error is not None:
                    job.errors.append(f"{name}: {outcome.error}")
                    continue
                job.stored += 1
                if outcome.article_id:
                    ids.append(outcome.article_id)
            if ids:
                errors: list[str] = []
                self._extract(store, ids, errors)
                job.extracted += len(ids) - len(errors)
                job.errors += [f"{name}: {e}" for e in errors]

    def _extract(self, store: SQLStore, ids: list[str], errors: list[str]) -> dict[str, int]:
        counts: dict[str, int] = {}
        done = []
        for outcome in self.pipeline.extract_store(store, ids):
            if outcome.error is not None:
                errors.append(str(outcome.error))
            else:
                done.append(outcome.article_id)
        if done:
            self.pipeline.consolidate(store, done)
            for article_id in done:
                for kind, n in store.record_counts(article_id).items():
                    counts[kind] = counts.get(kind, 0) + n
        return counts


def _safe_name(name: str) -> str:
    """An uploaded file's name as a safe file name (its extension kept: it picks the reader)."""
    base = Path(name.replace("\\", "/")).name or "upload"
    return "".join(c if c.isalnum() or c in "._-" else "_" for c in base)[-100:] or "upload"


def _named(item: Ingested | InputError, name: str) -> Ingested | InputError:
    """Articles and errors name the uploaded file, not its temporary copy."""
    if isinstance(item, InputError):
        line = item.source.rpartition(":")[2] if item.source.rpartition(":")[2].isdigit() else ""
        return InputError(f"{name}:{line}" if line else name, item.message)
    return Ingested(replace(item.article, origin=name), item.html)


def now() -> str:
    """The time a correction is made."""
    return datetime.now(UTC).isoformat(timespec="seconds")

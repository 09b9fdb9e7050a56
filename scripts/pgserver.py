"""Start or stop a throwaway PostgreSQL server on loopback, for the `postgres` tests.

It uses the machine's own PostgreSQL (Debian's `postgresql` package): a new data
directory, trust authentication on 127.0.0.1 only, durability off (the data is thrown
away), and one database with the `unaccent` extension. As root, the server runs as the
`postgres` user, since PostgreSQL refuses to run as root.

    python scripts/pgserver.py start /tmp/pg 55432   # prints the database URL
    python scripts/pgserver.py stop /tmp/pg

The test fixtures call `start` themselves when `LOCALTIES_TEST_PG` is not set.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

USER = "localties"
DATABASE = "localties_test"


class ServerError(RuntimeError):
    """PostgreSQL is not installed here, or the server would not start."""


def bin_dir() -> Path:
    """The folder of `initdb` and `pg_ctl` (Debian keeps them out of PATH)."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), reverse=True)
    if found:
        return Path(found[0]).parent
    initdb = shutil.which("initdb")
    if initdb:
        return Path(initdb).resolve().parent
    raise ServerError("PostgreSQL is not installed (apt-get install postgresql)")


def _as_owner(command: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return command
    return ["runuser", "-u", "postgres", "--", *command]


def free_port() -> int:
    """A TCP port nobody listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start(data: Path, port: int | None = None) -> str:
    """Create and start a server in `data` (a new folder); return its database URL."""
    tools = bin_dir()
    port = port or free_port()
    data.mkdir(parents=True, exist_ok=True)
    if os.geteuid() == 0:
        shutil.chown(data, "postgres", "postgres")
    run = {"check": True, "capture_output": True, "text": True}
    try:
        subprocess.run(
            _as_owner([str(tools / "initdb"), "-D", str(data), "-U", USER, "--auth=trust",
                       "--no-locale", "-E", "UTF8", "--no-sync"]),
            **run,
        )  # fmt: skip
        options = (
            f"-c listen_addresses=127.0.0.1 -p {port} -k {data} -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
        )
        subprocess.run(
            _as_owner([str(tools / "pg_ctl"), "-D", str(data), "-o", options, "-l",
                       str(data / "server.log"), "-w", "-t", "60", "start"]),
            **run,
        )  # fmt: skip
        psql = [str(tools / "psql"), "-h", "127.0.0.1", "-p", str(port), "-U", USER, "-q"]
        subprocess.run([*psql, "-d", "postgres", "-c", f"CREATE DATABASE {DATABASE}"], **run)
        subprocess.run(
            [*psql, "-d", DATABASE, "-c", "CREATE EXTENSION IF NOT EXISTS unaccent"], **run
        )
    except subprocess.CalledProcessError as exc:
        raise ServerError(f"PostgreSQL in {data}: {exc.stderr.strip() or exc}") from exc
    return f"postgresql://{USER}@127.0.0.1:{port}/{DATABASE}"


def stop(data: Path) -> None:
    """Stop the server of `data` (fast shutdown) and leave the folder to the caller."""
    if not (data / "postmaster.pid").exists():
        return
    subprocess.run(
        _as_owner([str(bin_dir() / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"]),
        check=False,
        capture_output=True,
    )


def main(argv: list[str]) -> int:
    if len(argv) < 2 or argv[0] not in ("start", "stop"):
        print(__doc__.strip().splitlines()[0], file=sys.stderr)
        print("usage: pgserver.py start DIR [PORT] | stop DIR", file=sys.stderr)
        return 2
    folder = Path(argv[1])
    if argv[0] == "stop":
        stop(folder)
        return 0
    try:
        print(start(folder, int(argv[2]) if len(argv) > 2 else None))
    except ServerError as exc:
        print(f"pgserver: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

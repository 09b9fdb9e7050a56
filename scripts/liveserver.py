"""`localties serve` in its own process on a free loopback port, for the scripts that
need a real server (load test, screenshots): `with serving(db) as url: ...`."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def serving(db: Path, token: str | None = None) -> Iterator[str]:
    """The server's base URL once it answers; the server is stopped afterwards."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [sys.executable, "-m", "localties", "serve", "--db", str(db), "--port", str(port)]
    server = subprocess.Popen(
        command + (["--token", token] if token else []), stderr=subprocess.DEVNULL
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            if server.poll() is not None:
                raise SystemExit(f"localties serve exited with status {server.returncode}")
            try:
                urllib.request.urlopen(url + "/api/places?limit=1", timeout=1).close()
                break
            except OSError:
                time.sleep(0.2)
        else:
            raise SystemExit("localties serve did not answer within a minute")
        yield url
    finally:
        server.terminate()
        server.wait(timeout=30)

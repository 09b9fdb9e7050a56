#!/usr/bin/env python3
"""Screenshots of the dashboard for the README: the overview and the tie network.

Starts `localties serve` on a database (default: the demo database, built by
`python3 tasks.py demo`) on a free loopback port, opens the pages in headless chromium
(Playwright) and writes docs/overview.png and docs/network.png.

usage:
    python scripts/screenshots.py [--db localties-demo.db]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from liveserver import serving  # noqa: E402

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]  # fmt: skip


def main() -> None:
    from playwright.sync_api import sync_playwright

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", type=Path, default=ROOT / "localties-demo.db")
    args = ap.parse_args()
    with serving(args.db) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(url + "/")
        page.wait_for_selector("#timeline[data-ready='1']")
        page.screenshot(path=str(ROOT / "docs" / "overview.png"), full_page=False)
        page.goto(url + "/network")
        page.wait_for_selector("#network[data-ready='1']")
        page.screenshot(path=str(ROOT / "docs" / "network.png"), full_page=False)
        browser.close()
    print("wrote docs/overview.png and docs/network.png")


if __name__ == "__main__":
    main()

"""The dashboard in a real browser: Debian's chromium, headless, driven by Playwright,
against `localties serve` started by the fixture on a free loopback port.

Each test checks what a person sees and saves a screenshot under `test-artefacts/`.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from localties.pipeline import Pipeline
from localties.store import SQLiteStore
from localties.store.queries import Reader

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTEFACTS = Path(__file__).resolve().parent.parent / "test-artefacts"
ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail("chromium is not installed (apt-get install chromium); .ci/run installs it")
    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser: Any, request: pytest.FixtureRequest) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    tab.on(
        "console", lambda m: errors.append(m.text) if "Content Security Policy" in m.text else None
    )
    yield tab
    ARTEFACTS.mkdir(exist_ok=True)
    tab.screenshot(path=str(ARTEFACTS / f"{request.node.name}.png"), full_page=True)
    context.close()
    assert not errors, errors  # no script error and no CSP violation on any page


def test_overview_timeline_has_a_point_for_each_month_of_the_sample(
    page: Any, live_server: Any
) -> None:
    page.goto(live_server.url + "/")
    page.wait_for_selector("#timeline[data-ready='1']", timeout=30_000)
    shown = page.evaluate(
        "() => document.getElementById('timeline').data.flatMap("
        "t => t.x.filter((x, i) => t.y[i] > 0).map(x => x.slice(0, 7)))"
    )
    reader = Reader(live_server.db)
    expected = {row["month"] for row in reader.timeline()}
    assert expected and set(shown) == expected
    assert "2023-12" in expected  # the Prime Minister's December 2023 meetings
    assert page.locator(".card").first.inner_text().split()[0].isdigit()


def test_network_has_the_tied_pair_and_an_edge_click_lists_its_evidence(
    page: Any, live_server: Any
) -> None:
    page.goto(live_server.url + "/network")
    page.wait_for_selector("#network[data-ready='1']", timeout=30_000)
    edges = page.evaluate("() => localtiesNetwork.body.data.edges.getIds()")
    assert "JP-10|VN" in edges  # Gunma and Viet Nam, tied by the sample's Gunma story
    point = page.evaluate(
        """() => {
        const net = localtiesNetwork, pos = net.getPositions(['JP-10', 'VN']);
        const mid = {x: (pos['JP-10'].x + pos['VN'].x) / 2, y: (pos['JP-10'].y + pos['VN'].y) / 2};
        net.moveTo({position: mid, scale: 1.5, animation: false});
        return net.canvasToDOM(mid);
        }"""
    )
    box = page.locator("#network").bounding_box()
    page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
    page.wait_for_selector("#evidence[data-pair='JP-10|VN']", timeout=10_000)
    panel = page.locator("#evidence").inner_text()
    assert "Gunma" in panel and "report" in panel
    link = page.locator("#evidence a").first.get_attribute("href")
    assert link.startswith("/articles/sample-16-pm-chinh-gunma-visit")


def test_clicking_a_record_highlights_its_sentence(page: Any, live_server: Any) -> None:
    page.goto(live_server.url + "/articles/sample-17-pm-chinh-four-governors")
    record = "sample-17-pm-chinh-four-governors#meeting#0"
    assert page.locator("span.ev.hl").count() == 0
    page.locator(f"button.show[data-record='{record}']").click()
    lit = page.locator("span.ev.hl")
    assert lit.count() >= 1
    assert "received four Japanese governors" in " ".join(lit.all_inner_texts())
    assert lit.first.is_visible()
    assert page.locator(f"[id='{record}']").get_attribute("class").split().count("hl") == 1
    # the excluded parts are greyed: the crawler's date header is not the story
    assert "date 2023-12-18" in page.locator("span.excluded").first.inner_text()


def test_searching_chinh_finds_the_prime_ministers_meetings(page: Any, live_server: Any) -> None:
    page.goto(live_server.url + "/")
    page.fill("header input[name=q]", "Chinh")
    page.keyboard.press("Enter")
    page.wait_for_url("**/events?q=Chinh")
    rows = page.locator("table.events tbody tr").all_inner_texts()
    meetings = [r for r in rows if "Meeting" in r]
    assert any("Phạm Minh Chính" in r and "Yamamoto Ichita" in r for r in meetings)  # diacritics
    assert any("Pham Minh Chinh" in r and "Kuroiwa Yuji" in r for r in meetings)
    assert page.locator("a", has_text="Download CSV").get_attribute("href") == "/events.csv?q=Chinh"


def test_a_correction_made_in_the_page_survives_reextraction(
    page: Any, live_server: Any, pipeline: Pipeline
) -> None:
    article = "sample-16-pm-chinh-gunma-visit"
    record = f"{article}#meeting#0"
    page.goto(live_server.url + f"/articles/{article}")
    card = page.locator(f"[id='{record}']")
    card.locator("summary").click()
    card.locator("select[name=action]").select_option("set")
    card.locator("select[name=field]").select_option("date")
    card.locator("input[name=value]").fill("2023-12-14")
    card.locator("input[name=why]").fill("the talks were on the evening before, local time")
    card.locator("input[name=token]").fill(live_server.token)
    card.locator("button[type=submit]").click()
    page.wait_for_url(f"**/articles/{article}")
    assert "date = 2023-12-14" in page.locator(f"[id='{record}'] .badge.corrected").inner_text()
    with SQLiteStore(live_server.db) as store:  # extract again, as a new extractor would
        assert all(o.error is None for o in pipeline.extract_store(store, [article]))
        pipeline.consolidate(store, [article])
    page.reload()
    event = page.locator(f"[id='{record}'] a", has_text="event").get_attribute("href")
    page.goto(live_server.url + event)
    facts = page.locator("dl.facts").inner_text()
    assert "2023-12-14" in facts and "evening before" in facts


def test_ingest_shows_progress_and_per_file_errors(
    page: Any, live_server: Any, tmp_path: Path
) -> None:
    good = tmp_path / "kyoto.json"
    good.write_text(
        '{"id": "upload-1", "published": "2024-05-20", "text": "HANOI - Kyoto Governor '
        "Nishiwaki Takatoshi met the chairman of Hanoi People's Committee on May 19 to "
        'discuss tourism cooperation."}',
        encoding="utf-8",
    )
    empty = tmp_path / "empty.txt"
    empty.write_text("   ", encoding="utf-8")
    page.goto(live_server.url + "/ingest")
    page.set_input_files("input[name=files]", [str(good), str(empty)])
    page.fill("input[name=token]", live_server.token)
    page.click("button[type=submit]")
    page.wait_for_url("**/ingest/jobs/*")
    from playwright.sync_api import expect

    expect(page.locator("#job-state")).to_have_text("done", timeout=60_000)
    assert page.locator("#job-stored").inner_text() == "1"
    assert page.locator("#job-extracted").inner_text() == "1"
    errors = page.locator("#job-errors li").all_inner_texts()
    assert len(errors) == 1 and errors[0].startswith("empty.txt")
    page.goto(live_server.url + "/articles/upload-1")
    assert "Nishiwaki" in page.locator("#text").inner_text()


def test_a_wrong_token_is_refused_in_the_page(page: Any, live_server: Any) -> None:
    page.goto(live_server.url + "/ingest")
    page.fill("textarea[name=urls]", "http://127.0.0.1:1/nothing")
    page.fill("input[name=token]", "wrong")
    page.click("button[type=submit]")
    assert "valid token" in page.locator("p.error").inner_text()

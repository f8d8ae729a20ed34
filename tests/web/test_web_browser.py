"""The web app in real headless Chromium (Debian's package), offline, as a person uses it."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from storyline.cli import main
from storyline.web import make_server
from tests.store.builders import hostile_docs, hostile_story, write_articles, write_story_store

pytestmark = pytest.mark.browser

#: Where the test run leaves its screenshots (ignored by git).
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        pytest.fail("Debian's chromium is not installed: run .ci/run, or apt-get install chromium")
    return found


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        # Never Playwright's own browser download: the system's chromium, offline.
        chrome = pw.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
        yield chrome
        chrome.close()


def serve(db: Path) -> Iterator[str]:
    server = make_server(db, port=0, threads=4)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.effective_port}"
    finally:
        server.close()
        thread.join(timeout=5)


@pytest.fixture(scope="module")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("site")
    db = folder / "news.duckdb"
    result = CliRunner().invoke(main, ["ingest", "--db", str(db), "--processes", "1", "-q"])
    assert result.exit_code == 0, result.output
    # Then more articles arrive: they make a second story; the first stays as it was.
    more = write_articles(folder / "more", 2)
    result = CliRunner().invoke(main, ["ingest", *more, "--db", str(db), "--processes", "1"])
    assert result.exit_code == 0 and "2 new articles" in result.output, result.output
    yield from serve(db)


def offline_page(browser: Any, base: str) -> tuple[Any, list[str]]:
    """Open a page that refuses every request not to our server, and records them."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    outside: list[str] = []

    def route(r: Any) -> None:
        if r.request.url.startswith(base) or r.request.url.startswith("data:"):
            r.continue_()
        else:
            outside.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.on("dialog", lambda d: (outside.append("dialog: " + d.message), d.dismiss()))
    return page, outside


@pytest.mark.model
def test_read_a_story_follow_a_fact_and_find_a_person(browser: Any, sample_site: str) -> None:
    page, outside = offline_page(browser, sample_site)
    page.goto(sample_site + "/")
    assert page.locator("table.stories tbody tr").count() == 2
    story_link = page.locator("table.stories a", has_text="Suez Canal")
    story_link.click()
    page.wait_for_selector("h1")
    assert page.locator("#facts").is_visible() and page.locator("svg.timeline").is_visible()

    fact = page.locator("#facts ~ details.fact").first
    sentences = fact.locator(".ev-sentence")
    assert not sentences.first.is_visible()  # folded until clicked
    fact.locator("summary").click()
    assert sentences.count() >= 2 and sentences.first.is_visible()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "story-page.png"), full_page=False)

    first_sentence = sentences.first.inner_text()
    sentences.first.get_by_text("in context").click()
    page.wait_for_load_state("load")
    # :target applies once the browser has scrolled to the fragment; under load that can lag
    # behind the DOM, so wait for it rather than read it at once.
    page.wait_for_selector(".article-text a.ev:target", timeout=15_000)
    target = page.locator(".article-text a.ev:target")
    assert target.count() == 1
    assert target.inner_text().strip() in first_sentence
    assert "/stories/" in (target.get_attribute("href") or "")  # the sentence links to its fact

    page.fill("#q", "Rabie")
    page.press("#q", "Enter")
    page.wait_for_selector("h1:has-text('Search')")
    page.locator("ul.entities a", has_text="Osama Rabie").click()
    page.wait_for_selector("h1:has-text('Osama Rabie')")
    assert "wind" in page.locator("main").inner_text().lower()  # what he said
    assert outside == []  # no request left the machine, no dialog opened
    page.close()


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str, list[str]]]:
    db = tmp_path_factory.mktemp("hostile") / "hostile.duckdb"
    docs = hostile_docs()
    key = write_story_store(db, docs, hostile_story(docs))
    for base in serve(db):
        yield base, key, [d.id for d in docs]


def test_hostile_articles_run_no_script(
    browser: Any, hostile_site: tuple[str, str, list[str]]
) -> None:
    base, key, ids = hostile_site
    page, outside = offline_page(browser, base)
    urls = ["/", f"/stories/{key}", "/entities/e1", f"/articles/{ids[0]}", "/search?q=canal"]
    for url in urls:
        page.goto(base + url)
        page.wait_for_selector("main")
        for link in page.locator("details summary").all()[:5]:
            link.click()
        assert page.evaluate("typeof window.__pwned") == "undefined", url
        assert "<script>" in page.locator("main").inner_text()  # shown as text
    assert outside == []
    page.close()

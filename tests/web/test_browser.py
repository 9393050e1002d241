"""A real browser: Chromium (Debian package) driven by Playwright against the running server."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
playwright_api = pytest.importorskip(
    "playwright.sync_api", reason="install the dev extras (playwright) to run browser tests"
)
pytestmark = pytest.mark.skipif(
    CHROMIUM is None,
    reason="Chromium not found: `apt-get install chromium` (as .ci/run does) to run browser tests",
)
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def test_exercise_page_links_to_its_body_part_hub_without_console_errors(
    server_url: str, tmp_path: Path
):
    errors: list[str] = []
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto(f"{server_url}/exercise/band-bent-over-kickback")
            assert page.locator("h1").inner_text() == "Band Bent Over Kickback"
            assert page.locator("svg.bodymap .muscle.target").count() >= 1
            page.screenshot(path=str(tmp_path / "exercise.png"), full_page=True)

            page.get_by_role("link", name="More Legs Exercises").click()
            page.wait_for_url(f"{server_url}/exercises/legs")
            assert page.locator("h1").inner_text() == "Legs Exercises"
            page.screenshot(path=str(tmp_path / "hub.png"))
        finally:
            browser.close()
    assert errors == []
    assert (tmp_path / "exercise.png").stat().st_size > 10_000

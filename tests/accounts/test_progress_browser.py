"""The progress and history pages in a real browser (Debian's Chromium) on a 390-px phone: no
sideways scrolling, charts within the screen, the numbers on screen are the API's, no console
errors, no script on the page."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.accounts.conftest import (
    PASSWORD,
    PROFILE,
    new_email,
    scratch_sqlite_server,
)
from tests.accounts.test_browser import PHONE, fits_the_screen
from tests.accounts.test_progress import first_loaded, sets_of, today
from tests.web.test_browser import CHROMIUM, CHROMIUM_ARGS

playwright_api = pytest.importorskip(
    "playwright.sync_api", reason="install the dev extras (playwright) to run browser tests"
)
pytestmark = pytest.mark.skipif(
    CHROMIUM is None,
    reason="Chromium not found: `apt-get install chromium` (as .ci/run does) to run browser tests",
)


@pytest.fixture(scope="module")
def sqlite_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with scratch_sqlite_server(tmp_path_factory.mktemp("progress-browser")) as url:
        yield url


def log_three_weeks(page: Any, base: str) -> dict[str, Any]:
    """Through the API with the page's own session cookie and CSRF token, as a phone app would."""
    page.goto(f"{base}/account")
    csrf = page.locator('input[name="csrf"]').first.get_attribute("value")
    headers = {"x-csrf-token": csrf, "content-type": "application/json"}
    created = page.request.post(
        f"{base}/api/v1/me/programs", data={"profile": PROFILE}, headers=headers
    )
    assert created.status == 201, created.text()
    program: dict[str, Any] = created.json()
    slug = first_loaded(program)["slug"]
    for offset, load, rir in ((16, 30.0, 5), (9, 32.5, 3), (2, 32.5, 2)):
        body = {
            "program_id": program["id"],
            "session": {"week": 1, "day": 1},
            "started_at": f"{today() - timedelta(days=offset)}T07:30:00Z",
            "sets": sets_of(slug, load, [10, 9, 8], rir),
        }
        logged = page.request.post(f"{base}/api/v1/me/workouts", data=body, headers=headers)
        assert logged.status == 201, logged.text()
    return program


def test_progress_and_history_fit_a_phone_and_show_the_apis_numbers(
    sqlite_server: str, tmp_path: Path
):
    errors: list[str] = []
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport=PHONE)
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto(f"{sqlite_server}/account/signup")
            page.get_by_label("Email").fill(new_email())
            page.get_by_label("Password").fill(PASSWORD)
            page.get_by_role("button", name="Create my account").click()
            page.wait_for_url(f"{sqlite_server}/account")
            program = log_three_weeks(page, sqlite_server)
            api = page.request.get(f"{sqlite_server}/api/v1/me/progress").json()

            page.goto(f"{sqlite_server}/account")
            page.get_by_role("link", name="Your progress").click()
            page.wait_for_url(f"{sqlite_server}/account/progress")
            assert fits_the_screen(page)
            charts = page.locator("svg.progress-chart")
            assert charts.count() >= 2  # an estimated-1RM line and at least one week of bars
            for index in range(charts.count()):
                box = charts.nth(index).bounding_box()
                assert box is not None and box["x"] + box["width"] <= PHONE["width"]
            page.screenshot(path=str(tmp_path / "progress.png"), full_page=True)

            [exercise] = api["exercises"]
            article = page.locator(f'article[data-exercise="{exercise["exercise"]}"]')
            article.locator("summary").click()  # open the table under the chart
            cells = article.locator("table.e1rm-table td.num").all_inner_texts()
            assert cells == [f"{p['e1rm_kg']:g} kg" for p in exercise["e1rm"]]
            best = article.locator('li[data-kind="best-e1rm"]').inner_text()
            assert (
                next(r["detail"] for r in exercise["records"] if r["kind"] == "best-e1rm") in best
            )
            shown = page.locator("#adherence dd[data-key=workouts]").inner_text()
            assert int(shown) == api["adherence"]["workouts"] == 3
            assert page.locator("script:not([src])").count() == 0  # CSP without inline script

            page.goto(f"{sqlite_server}/account/programs/{program['id']}")
            page.get_by_role("link", name="Changes the trainer made").click()
            page.wait_for_url(f"{sqlite_server}/account/programs/{program['id']}/history")
            assert fits_the_screen(page)
            history = page.request.get(
                f"{sqlite_server}/api/v1/me/programs/{program['id']}/history"
            ).json()
            changes = page.locator("ul.history-list > li")
            assert changes.count() == len(history["items"]) > 0
            text = page.locator("main").inner_text()
            for item in history["items"]:
                assert re.sub(r"\s+", " ", item["reason"]) in re.sub(r"\s+", " ", text)
            page.screenshot(path=str(tmp_path / "history.png"), full_page=True)
        finally:
            browser.close()
    assert errors == []

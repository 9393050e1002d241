"""The Today page in Debian's Chromium on a 390-px phone: a session opens, sets are logged with
the network switched off, survive reloads, show in a second tab, and reach the server exactly
once when the connection returns; the rest timer keeps counting across a reload."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.accounts.conftest import PASSWORD, new_email, scratch_sqlite_server
from tests.accounts.test_browser import PHONE, fits_the_screen
from tests.web.test_browser import CHROMIUM, CHROMIUM_ARGS

playwright_api = pytest.importorskip(
    "playwright.sync_api", reason="install the dev extras (playwright) to run browser tests"
)
pytestmark = pytest.mark.skipif(
    CHROMIUM is None,
    reason="Chromium not found: `apt-get install chromium` (as .ci/run does) to run browser tests",
)
PROFILE = {
    "goal": "strength",
    "experience": "beginner",
    "days_per_week": 3,
    "minutes_per_session": 45,
    "preset": "home-dumbbells",
    "weeks": 2,
}


def wait_until(page: Any, expression: str, timeout: float = 15_000) -> None:
    """Poll a page expression from the test side. Playwright's wait_for_function evaluates its
    predicate with eval inside the page, which the Content-Security-Policy rightly forbids."""
    deadline = time.monotonic() + timeout / 1000
    while not page.evaluate(expression):
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for: {expression}")
        page.wait_for_timeout(100)


ALL_SAVED = "document.getElementById('today-status').textContent.includes('Every set is saved')"
API_CALL = """async ([method, url, body]) => {
  const csrf = document.querySelector('meta[name="csrf-token"]').content;
  const response = await fetch(url, {method, credentials: "same-origin",
    headers: {"content-type": "application/json", "x-csrf-token": csrf},
    body: body === null ? undefined : JSON.stringify(body)});
  return [response.status, await response.json()];
}"""


@pytest.fixture(scope="module")
def sqlite_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with scratch_sqlite_server(tmp_path_factory.mktemp("today-browser")) as url:
        yield url


def _log_set(page: Any, reps: str) -> None:
    form = page.locator("form.log-set").first
    form.locator("input[name=reps]").fill(reps)
    form.locator("input[name=load]").fill("12.5")
    form.locator("select[name=rir]").select_option("2")
    form.locator("button[type=submit]").click()


def test_sets_logged_offline_reach_the_server_once(sqlite_server: str, tmp_path: Path):
    base = sqlite_server
    errors: list[str] = []
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(viewport=PHONE)
            page = context.new_page()
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto(f"{base}/account/signup")
            page.get_by_label("Email").fill(new_email())
            page.get_by_label("Password").fill(PASSWORD)
            page.get_by_role("button", name="Create my account").click()
            page.wait_for_url(f"{base}/account")

            page.goto(f"{base}/today")
            status, program = page.evaluate(
                API_CALL, ["POST", "/api/v1/me/programs", {"profile": PROFILE}]
            )
            assert status == 201
            page.reload()
            heading = page.locator("#today-session h1")
            heading.wait_for()
            assert re.match(r"Week 1, day \d+: ", heading.inner_text())
            first_name = page.locator("section.exercise h2").first.inner_text()
            assert page.locator("section.exercise .target").first.inner_text()
            assert "before you couldn't do another" in page.locator("#today-session").inner_text()
            assert fits_the_screen(page)
            # No inline script anywhere (a Content-Security-Policy will forbid it).
            html = page.content()
            assert "onclick" not in html.lower()
            inline = page.evaluate(
                "[...document.scripts].filter(s => !s.src && s.type !== 'application/ld+json')"
                ".length"
            )
            assert inline == 0
            page.evaluate("navigator.serviceWorker.ready.then(() => true)")
            page.reload()  # now under the service worker's control
            page.locator("section.exercise").first.wait_for()

            # Swap in place, for this session: the replacement says what it replaced.
            card = page.locator("section.exercise:has(details.swap)").first
            replaced = card.locator("h2").inner_text()
            card.locator("details.swap summary").click()
            chosen = card.locator("button.alt").first.inner_text()
            card.locator("button.alt").first.click()
            wait_until(page, "document.getElementById('today-status').textContent === 'Swapped.'")
            names = page.locator("section.exercise h2").all_inner_texts()
            assert chosen in names and replaced not in names
            swapped = page.locator("section.exercise").nth(names.index(chosen))
            assert f"in place of {replaced}" in swapped.locator(".changes").inner_text()
            first_name = page.locator("section.exercise h2").first.inner_text()

            _log_set(page, "10")
            wait_until(page, ALL_SAVED)
            assert page.locator("#rest-timer").is_visible()

            context.set_offline(True)
            page.reload()
            page.locator("section.exercise").first.wait_for()
            assert page.locator("section.exercise h2").first.inner_text() == first_name
            _log_set(page, "9")
            _log_set(page, "8")
            wait_until(
                page, "document.getElementById('today-status').textContent.includes('2 sets wait')"
            )
            page.reload()
            page.locator("li.set").nth(2).wait_for()
            assert page.locator("li.set.queued").count() == 2
            assert page.locator("#rest-timer").is_visible()  # still counting after the reload
            assert fits_the_screen(page)

            second = context.new_page()
            second.on("pageerror", lambda e: errors.append(str(e)))
            second.goto(f"{base}/today")
            second.locator("li.set").nth(2).wait_for()
            _log_set(second, "7")
            page.locator("li.set").nth(3).wait_for()  # the first tab sees the second tab's set

            context.set_offline(False)
            for tab in (page, second):
                tab.evaluate("window.dispatchEvent(new Event('online'))")
            wait_until(page, ALL_SAVED, timeout=30_000)
            status, today = page.evaluate(API_CALL, ["GET", "/api/v1/me/today", None])
            assert status == 200
            reps = [s["reps"] for s in today["open_workout"]["sets"]]
            assert reps == [10, 9, 8, 7]
            keys = [s["key"] for s in today["open_workout"]["sets"]]
            assert len(set(keys)) == 4

            page.locator("#finish-workout").click()
            wait_until(page, "localStorage.getItem('forgefit.today.queue') === '[]'")
            status, workouts = page.evaluate(API_CALL, ["GET", "/api/v1/me/workouts", None])
            assert [len(w["sets"]) for w in workouts["items"]] == [4]
            assert workouts["items"][0]["finished_at"] is not None
            page.screenshot(path=str(tmp_path / "today.png"), full_page=True)

            # The program page and its log sheet on the same phone.
            program_url = f"{base}/account/programs/{today['program']['id']}"
            page.goto(program_url)
            assert fits_the_screen(page)
            assert page.locator(".week-tabs a").count() == 2
            assert page.locator("table").count() == 0  # one line per exercise, no wide tables
            first_line = page.locator("li.plan-line").first
            assert not first_line.locator("details.plan-why p").first.is_visible()
            first_line.locator("details.plan-why summary").click()
            assert first_line.locator("details.plan-why p").first.is_visible()
            rules = page.locator(".progress-rules li")
            texts = [rules.nth(n).inner_text() for n in range(rules.count())]
            assert texts and len(texts) == len(set(texts))
            lines = page.locator("li.plan-line").count()
            assert page.content().count("Double progression: work up") <= len(texts) < lines
            page.goto(f"{program_url}/log-sheet")
            assert fits_the_screen(page)
            planned_sets = sum(
                e["sets"] for w in program["weeks"] for s in w["sessions"] for e in s["exercises"]
            )
            assert page.locator(".log-sheet .box").count() == planned_sets
        finally:
            browser.close()
    assert errors == []


def test_the_app_can_be_installed(sqlite_server: str):
    import httpx

    with httpx.Client(base_url=sqlite_server, timeout=30) as http:
        manifest = http.get("/manifest.webmanifest")
        assert manifest.status_code == 200
        assert manifest.headers["content-type"].startswith("application/manifest+json")
        body = manifest.json()
        assert body["start_url"] == "/today" and body["display"] == "standalone"
        for icon in body["icons"]:
            response = http.get(icon["src"])
            assert response.status_code == 200 and response.headers["content-type"] == icon["type"]
            if icon["type"] == "image/png":
                size = int(icon["sizes"].split("x")[0])
                assert response.content[:8] == b"\x89PNG\r\n\x1a\n"
                assert int.from_bytes(response.content[16:20], "big") == size
        worker = http.get("/sw.js")
        assert worker.status_code == 200 and "javascript" in worker.headers["content-type"]
        signed_out = http.get("/today")  # a visitor is asked to sign in
        assert signed_out.status_code == 200 and 'href="/account/signin"' in signed_out.text


def test_a_free_workout_without_a_program(sqlite_server: str):
    base = sqlite_server
    errors: list[str] = []
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport=PHONE)
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto(f"{base}/account/signup")
            page.get_by_label("Email").fill(new_email())
            page.get_by_label("Password").fill(PASSWORD)
            page.get_by_role("button", name="Create my account").click()
            page.wait_for_url(f"{base}/account")
            page.goto(f"{base}/today")
            page.get_by_role("link", name="Build a program").wait_for()  # none yet

            page.locator("#free-workout").click()
            assert page.locator("#today-session h1").inner_text() == "Free workout"
            page.locator("#add-exercise-q").fill("push-up")
            page.get_by_role("button", name="Add", exact=True).click()
            form = page.locator("form.log-set").first
            form.locator("input[name=reps]").fill("")
            form.locator("button[type=submit]").click()
            assert "whole number" in form.locator(".form-problem").inner_text()
            assert page.evaluate("localStorage.getItem('forgefit.today.queue')") is None
            form.locator("input[name=reps]").fill("15")
            form.locator("button[type=submit]").click()
            wait_until(page, ALL_SAVED)
            assert fits_the_screen(page)
            page.locator("#finish-workout").click()
            wait_until(page, "localStorage.getItem('forgefit.today.queue') === '[]'")
            status, workouts = page.evaluate(API_CALL, ["GET", "/api/v1/me/workouts", None])
            assert status == 200
            [workout] = workouts["items"]
            assert workout["program_id"] is None and workout["finished_at"] is not None
            assert [(s["exercise"], s["reps"]) for s in workout["sets"]] == [("push-up", 15)]
        finally:
            browser.close()
    assert errors == []

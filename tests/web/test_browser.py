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


def _browser(playwright: object) -> object:
    return playwright.chromium.launch(  # type: ignore[attr-defined]
        executable_path=CHROMIUM, args=CHROMIUM_ARGS
    )


# One page of every template, the longest names and widest tables included.
PHONE_PAGES = (
    "/exercises",
    "/exercise/bodyweight-single-leg-romanian-deadlift",
    "/exercises/legs",
    "/exercises/legs/body-weight",
    "/exercises/equipment/dumbbell",
    "/exercises/muscle/glutes",
    "/exercises/beginner",
    "/exercise/compare/barbell-back-squat-vs-bodyweight-single-leg-romanian-deadlift",
    "/search?q=single+leg+romanian+deadlift",
    "/plan",
    "/plan/program?goal=strength&experience=beginner&days_per_week=3&minutes_per_session=60"
    "&preset=full-gym",
    "/exercise/no-such-page",
)


def test_every_template_fits_a_390_pixel_phone(server_url: str):
    too_wide: dict[str, int] = {}
    with playwright_api.sync_playwright() as playwright:
        browser = _browser(playwright)
        try:
            page = browser.new_page(viewport={"width": 390, "height": 844})  # type: ignore[attr-defined]
            for path in PHONE_PAGES:
                page.goto(f"{server_url}{path}")
                width = page.evaluate("document.documentElement.scrollWidth")
                if width > 390:
                    too_wide[path] = width
        finally:
            browser.close()  # type: ignore[attr-defined]
    assert too_wide == {}


def test_hub_filters_and_sorts_without_a_reload(server_url: str):
    with playwright_api.sync_playwright() as playwright:
        browser = _browser(playwright)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
            page.goto(f"{server_url}/exercises/legs")
            page.evaluate("window.__sameDocument = true")
            cards = page.locator("ul[data-hub-list] li")
            total = cards.count()
            page.select_option("form.hub-filters select[name=equipment]", "kettlebell")
            visible = page.locator("ul[data-hub-list] li:not([hidden])")
            assert 0 < visible.count() < total
            for index in range(visible.count()):
                assert visible.nth(index).get_attribute("data-equipment") == "kettlebell"
            assert (
                page.locator("p.hub-count")
                .inner_text()
                .startswith(f"Showing {visible.count()} of {total}")
            )
            page.select_option("form.hub-filters select[name=sort]", "name")
            names = [visible.nth(i).get_attribute("data-name") for i in range(visible.count())]
            assert names == sorted(names)
            page.select_option("form.hub-filters select[name=sort]", "rank")
            ranks = [int(visible.nth(i).get_attribute("data-rank")) for i in range(visible.count())]
            assert ranks == sorted(ranks)
            assert page.evaluate("window.__sameDocument") is True  # no reload happened
        finally:
            browser.close()  # type: ignore[attr-defined]


def test_hub_filters_stay_hidden_without_script(server_url: str):
    with playwright_api.sync_playwright() as playwright:
        browser = _browser(playwright)
        try:
            context = browser.new_context(java_script_enabled=False)  # type: ignore[attr-defined]
            page = context.new_page()
            page.goto(f"{server_url}/exercises/legs")
            assert not page.locator("form.hub-filters").is_visible()
            # The plain way to narrow down: links to the equipment hubs of this body part.
            assert page.locator('a[href="/exercises/legs/body-weight"]').count() == 1
        finally:
            browser.close()  # type: ignore[attr-defined]


def test_clicking_a_muscle_on_the_home_body_map_opens_its_hub(server_url: str):
    with playwright_api.sync_playwright() as playwright:
        browser = _browser(playwright)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
            page.goto(f"{server_url}/exercises")
            page.locator('svg.bodymap a[href="/exercises/muscle/quads"] ellipse').first.click()
            page.wait_for_url(f"{server_url}/exercises/muscle/quads")
            assert page.locator("h1").inner_text() == "Quads Exercises"
        finally:
            browser.close()  # type: ignore[attr-defined]


RECORD_CSP_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", function (event) {
  window.__cspViolations.push(event.violatedDirective + " " + event.blockedURI);
});
"""
PROGRAM_QUERY = (
    "goal=hypertrophy&experience=beginner&days_per_week=3&minutes_per_session=45"
    "&preset=home-dumbbells&weeks=4"
)


def test_pages_work_under_the_content_security_policy(server_url: str):
    """Every kind of page, scripts included, runs with no CSP violation and no console error."""
    errors: list[str] = []
    violations: list[str] = []
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.add_init_script(RECORD_CSP_VIOLATIONS)
            page.on(
                "console",
                lambda m: (
                    errors.append(f"{m.location.get('url')}: {m.text}")
                    if m.type == "error"
                    else None
                ),
            )
            page.on("pageerror", lambda e: errors.append(str(e)))

            def visit(path: str) -> None:
                page.goto(f"{server_url}{path}")
                page.wait_for_load_state("networkidle")
                violations.extend(f"{path}: {v}" for v in page.evaluate("window.__cspViolations"))

            visit("/exercise/goblet-squat")
            page.locator("button.theme").click()  # the theme toggle: our script runs
            assert page.locator("html").get_attribute("data-theme") in ("dark", "light")
            page.locator("form.search input[name=q]").fill("gobl")
            page.locator("ul.suggestions a").first.wait_for(timeout=5000)  # fetch allowed
            violations.extend(page.evaluate("window.__cspViolations"))

            visit(f"/plan/program?{PROGRAM_QUERY}")
            assert page.locator("button.print").is_visible()  # shown by the site script
            visit(f"/plan/program.html?{PROGRAM_QUERY}")  # printable page: its inline style
            assert (
                page.locator("th").first.evaluate("e => getComputedStyle(e).backgroundColor")
                == "rgb(238, 238, 238)"
            )
            visit("/search?q=squat")
            visit("/no-such-page")  # a 404 page (its status is logged as a console error)
            errors = [e for e in errors if not e.startswith(f"{server_url}/no-such-page:")]

            visit("/docs")
            page.locator(".swagger-ui .info .title").wait_for(timeout=15000)
            assert "ForgeFit" in page.locator(".swagger-ui .info .title").inner_text()
            violations.extend(page.evaluate("window.__cspViolations"))
        finally:
            browser.close()
    assert violations == []
    assert errors == []

"""Account pages in a real browser (Debian's Chromium) on a 390-px phone screen: sign up, fill
the profile, build and save a program, create a token; no sideways scrolling, no console
errors, no inline script needed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.accounts.conftest import PASSWORD, new_email, scratch_sqlite_server
from tests.web.test_browser import CHROMIUM, CHROMIUM_ARGS

playwright_api = pytest.importorskip(
    "playwright.sync_api", reason="install the dev extras (playwright) to run browser tests"
)
pytestmark = pytest.mark.skipif(
    CHROMIUM is None,
    reason="Chromium not found: `apt-get install chromium` (as .ci/run does) to run browser tests",
)
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def sqlite_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with scratch_sqlite_server(tmp_path_factory.mktemp("browser")) as url:
        yield url


def fits_the_screen(page: object) -> bool:
    width: int = page.evaluate("document.documentElement.scrollWidth")  # type: ignore[attr-defined]
    return width <= PHONE["width"]


def test_account_pages_fit_a_phone_and_work_end_to_end(sqlite_server: str, tmp_path: Path):
    errors: list[str] = []
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport=PHONE)
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: errors.append(str(e)))
            visited: dict[str, bool] = {}

            page.goto(f"{sqlite_server}/account/signup")
            visited["signup"] = fits_the_screen(page)
            page.get_by_label("Email").fill(new_email())
            page.get_by_label("Password").fill(PASSWORD)
            page.get_by_role("button", name="Create my account").click()
            page.wait_for_url(f"{sqlite_server}/account")
            visited["account"] = fits_the_screen(page)

            page.goto(f"{sqlite_server}/account/profile")
            visited["profile"] = fits_the_screen(page)
            page.select_option("select[name=injury_knee]", "mild")
            page.get_by_role("button", name="Save my profile").click()
            page.wait_for_url(f"{sqlite_server}/account")
            assert "1 joint to protect" in page.content()

            page.get_by_label("Name (optional)").fill("Phone block")
            page.get_by_role("button", name="Build and save a program from my profile").click()
            page.wait_for_url(f"{sqlite_server}/account/programs/*")
            assert "knee" not in page.url
            assert page.locator("h1").inner_text() == "Phone block"
            # The program's week tables themselves are the phone-layout issue's work (issue
            # 13); the saved program's own controls must fit already.
            controls = page.locator(".account-manage").bounding_box()
            assert controls is not None and controls["x"] + controls["width"] <= PHONE["width"]
            page.screenshot(path=str(tmp_path / "program.png"))

            page.goto(f"{sqlite_server}/account")
            page.get_by_label("Label").fill("phone")
            page.get_by_role("button", name="Create a token").click()
            assert page.locator(".token-once").inner_text().startswith("ff_")
            visited["token"] = fits_the_screen(page)

            page.goto(f"{sqlite_server}/account/delete")
            visited["delete"] = fits_the_screen(page)
            page.screenshot(path=str(tmp_path / "delete.png"))
        finally:
            browser.close()
    assert visited == dict.fromkeys(visited, True), visited
    assert len(visited) == 5
    assert errors == []

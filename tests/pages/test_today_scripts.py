"""Every script the Today page runs is served and kept by the service worker for offline use.

The browser test cannot catch a script missing from the worker's list: Chromium's HTTP cache
still holds it for a few minutes, so the page works offline in the test and fails in a gym."""

from __future__ import annotations

import re
from importlib import resources

from forgefit.pages.media_types import JAVASCRIPT
from forgefit.pages.site import STATIC_ASSETS

PAGES = resources.files("forgefit.pages")


def _scripts_the_today_page_runs() -> set[str]:
    template = PAGES.joinpath("templates", "today.html").read_text("utf-8")
    waiting = re.findall(r'<script\b[^>]*\bsrc="/static/([^"]+)"', template)
    found: set[str] = set()
    while waiting:
        name = waiting.pop()
        if name in found:
            continue
        found.add(name)
        source = PAGES.joinpath("static", name).read_text("utf-8")
        waiting += re.findall(r'^\s*import\b[^;]*?\bfrom\s+"\./([^"]+)"', source, re.MULTILINE)
    return found


def test_the_today_page_scripts_are_served_and_kept_offline():
    scripts = _scripts_the_today_page_runs()
    assert {"today.js", "today-queue.js"} <= scripts
    worker = PAGES.joinpath("static", "sw.js").read_text("utf-8")
    shell_match = re.search(r"const SHELL = \[(.*?)\];", worker, re.DOTALL)
    assert shell_match is not None
    shell = set(re.findall(r'"([^"]+)"', shell_match.group(1)))
    for name in scripts:
        assert f"/static/{name}" in shell, f"{name} is not kept by the service worker"
        assert STATIC_ASSETS.get(name) == JAVASCRIPT, f"{name} is not served as JavaScript"

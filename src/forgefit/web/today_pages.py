"""The Today page and what makes it an installable app that works offline: the page shell, the
service worker (at the site root, so it may control /today), the web app manifest and icons.
The session itself is drawn by /static/today.js from GET /api/v1/me/today; what the person
logs is kept on the device and sent by /static/today-queue.js."""

# Route signatures are read by FastAPI at runtime (no `from __future__ import annotations`).

import json
from importlib import resources

from fastapi import APIRouter, Request, Response
from fastapi.responses import HTMLResponse, JSONResponse

from forgefit.pages.account_pages import render_notice
from forgefit.pages.icons import ICON_SIZES, icon_png
from forgefit.pages.site import Site
from forgefit.web.deps import PRIVATE, AccountsDep, session_user

SIGN_IN = "/account/signin"
MANIFEST = {
    "name": "ForgeFit",
    "short_name": "ForgeFit",
    "description": "Your training session: targets, logging and rest timer, even without signal.",
    "start_url": "/today",
    "scope": "/",
    "display": "standalone",
    "background_color": "#fbfaf7",
    "theme_color": "#c2410c",
    "icons": [
        *(
            {
                "src": f"/static/icons/icon-{size}.png",
                "sizes": f"{size}x{size}",
                "type": "image/png",
            }
            for size in ICON_SIZES
        ),
        {"src": "/static/favicon.svg", "sizes": "any", "type": "image/svg+xml"},
    ],
}
# The worker must be fetched fresh, or a fixed version could linger for a day.
NO_CACHE = {"cache-control": "no-cache"}


def build_router(site: Site) -> APIRouter:
    router = APIRouter(include_in_schema=False)
    worker = resources.files("forgefit.pages").joinpath("static", "sw.js").read_text("utf-8")

    @router.get("/today", response_class=HTMLResponse)
    def today(request: Request, accounts: AccountsDep) -> Response:
        user, token = session_user(request, accounts)
        if user is None or token is None:
            page = render_notice(
                site,
                "Train with your program",
                [
                    "Sign in to see your next session, log your sets (even without signal) and "
                    "time your rests. No account yet? Create one, then build a program."
                ],
                back_url=SIGN_IN,
                back_text="Sign in",
            )
            return HTMLResponse(page, headers=PRIVATE)
        page = site.render_template(
            "today.html",
            title="Today",
            meta_description="Your next training session.",
            canonical=None,
            robots="noindex",
            csrf=accounts.signer.csrf_token(token),
            units=user.units,
        )
        # Private, but the service worker keeps a copy for the gym basement.
        return HTMLResponse(page, headers={"cache-control": "private, no-cache"})

    @router.get("/sw.js")
    def service_worker() -> Response:
        return Response(worker, media_type="text/javascript", headers=NO_CACHE)

    @router.get("/manifest.webmanifest")
    def manifest() -> Response:
        return Response(json.dumps(MANIFEST), media_type="application/manifest+json")

    @router.get("/static/icons/icon-{size}.png")
    def icon(size: int) -> Response:
        if size not in ICON_SIZES:
            return JSONResponse({"detail": "No icon of that size."}, status_code=404)
        headers = {"cache-control": "public, max-age=86400"}
        return Response(icon_png(size), media_type="image/png", headers=headers)

    return router

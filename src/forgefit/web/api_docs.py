"""/docs: Swagger UI served entirely by ForgeFit, from the pinned `swagger-ui-py` package.

FastAPI's built-in page loads Swagger UI from a CDN and starts it with an inline script; that
breaks offline and under our Content-Security-Policy. Here the page, its script, its stylesheet
and the start-up script all come from this server.
"""

from __future__ import annotations

import gzip
import importlib.util
from pathlib import Path

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, Response

DOCS_PATH = "/docs"
ASSETS_PATH = f"{DOCS_PATH}/assets"
# The files the page needs from the package, with their media types.
ASSETS = {
    "swagger-ui-bundle.js": "text/javascript; charset=utf-8",
    "swagger-ui.css": "text/css; charset=utf-8",
    "favicon-32x32.png": "image/png",
}
START_SCRIPT = """\
window.addEventListener("DOMContentLoaded", function () {
  window.ui = SwaggerUIBundle({
    url: "/openapi.json",
    dom_id: "#swagger-ui",
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis],
    layout: "BaseLayout"
  });
});
"""
PAGE = f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>ForgeFit API</title>
<link rel="icon" href="{ASSETS_PATH}/favicon-32x32.png">
<link rel="stylesheet" href="{ASSETS_PATH}/swagger-ui.css">
<script src="{ASSETS_PATH}/swagger-ui-bundle.js" defer></script>
<script src="{ASSETS_PATH}/start.js" defer></script>
</head>
<body>
<div id="swagger-ui"></div>
<noscript>The interactive API documentation needs JavaScript; the schema itself is at
<a href="/openapi.json">/openapi.json</a>.</noscript>
</body>
</html>
"""
# Assets are versioned by the pinned package, so browsers may keep them for a day.
ASSET_CACHE_CONTROL = "public, max-age=86400"


def swagger_ui_folder() -> Path:
    """The package's folder of Swagger UI files (found without importing the package, whose
    own code wires Swagger UI into other frameworks)."""
    spec = importlib.util.find_spec("swagger_ui")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the swagger-ui-py package is missing; reinstall ForgeFit")
    return Path(next(iter(spec.submodule_search_locations))) / "static"


def build_router() -> APIRouter:
    router = APIRouter(include_in_schema=False)
    folder = swagger_ui_folder()
    files = {name: (folder / name).read_bytes() for name in ASSETS}
    files["start.js"] = START_SCRIPT.encode()
    media_types = {**ASSETS, "start.js": "text/javascript; charset=utf-8"}
    # Compressed once here, not per request: the bundle is 1.5 MB, and compressing it on
    # every request would hold up the event loop.
    compressed = {
        name: gzip.compress(body, mtime=0)
        for name, body in files.items()
        if not name.endswith(".png")
    }

    @router.get(DOCS_PATH, response_class=HTMLResponse)
    def docs_page() -> HTMLResponse:
        return HTMLResponse(PAGE)

    @router.get(ASSETS_PATH + "/{name}")
    def docs_asset(name: str, request: Request) -> Response:
        body = files.get(name)
        if body is None:
            raise HTTPException(status_code=404, detail=f"No documentation asset '{name}'.")
        headers = {"cache-control": ASSET_CACHE_CONTROL, "vary": "accept-encoding"}
        if name in compressed and "gzip" in request.headers.get("accept-encoding", ""):
            body = compressed[name]
            headers["content-encoding"] = "gzip"
        return Response(body, media_type=media_types[name], headers=headers)

    return router

"""Assemble the web app: prerendered pages in front, FastAPI for everything dynamic."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import HTMLResponse, JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from forgefit import __version__, settings
from forgefit.catalog import Catalog, default_catalog
from forgefit.pages.site import Site
from forgefit.web.prerendered import PrerenderedPages


def _wants_json(request: Request) -> bool:
    path = request.url.path
    return path.startswith(("/api/", "/exercisedb/")) or path == "/openapi.json"


def build_api(site: Site) -> FastAPI:
    api = FastAPI(
        title="ForgeFit",
        version=__version__,
        description="Open exercise library and personal-training engine.",
        docs_url="/docs",
        openapi_url="/openapi.json",
        redoc_url=None,
    )
    api.add_middleware(GZipMiddleware, minimum_size=512)
    api.state.site = site
    api.state.catalog = site.catalog

    @api.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException) -> Any:
        if error.status_code == 404 and not _wants_json(request):
            return HTMLResponse(site.not_found_html(request.url.path), status_code=404)
        detail = error.detail if isinstance(error.detail, str | dict | list) else str(error.detail)
        return JSONResponse({"detail": detail}, status_code=error.status_code)

    @api.exception_handler(RequestValidationError)
    async def validation_error(request: Request, error: RequestValidationError) -> JSONResponse:
        problems = [
            {
                "parameter": ".".join(str(part) for part in item["loc"][1:]) or str(item["loc"][0]),
                "in": str(item["loc"][0]),
                "message": item["msg"],
            }
            for item in error.errors()
        ]
        return JSONResponse({"detail": problems}, status_code=422)

    @api.get("/", include_in_schema=False)
    async def root() -> Any:
        from fastapi.responses import RedirectResponse

        return RedirectResponse("/exercises", status_code=307)

    @api.get("/healthz", include_in_schema=False)
    async def health() -> dict[str, Any]:
        return {"status": "ok", "exercises": len(site.catalog)}

    return api


def create_app(catalog: Catalog | None = None, site_url: str | None = None) -> PrerenderedPages:
    """The ASGI app `forgefit serve` runs (and a factory for Uvicorn or Granian)."""
    site = Site(catalog or default_catalog(), site_url or settings.site_url())
    return PrerenderedPages(site, build_api(site))

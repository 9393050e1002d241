"""Assemble the web app: prerendered pages in front, FastAPI for everything dynamic."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from forgefit import __version__, settings
from forgefit.catalog import Catalog, ExerciseFilter, default_catalog
from forgefit.catalog.search import SearchIndex
from forgefit.errors import UnknownTermError
from forgefit.pages.search_page import render_search_page
from forgefit.pages.site import Site
from forgefit.web import api as api_routes
from forgefit.web import exercisedb as exercisedb_routes
from forgefit.web import plan as plan_routes
from forgefit.web.accounts_setup import install_accounts
from forgefit.web.etag import JsonETagMiddleware
from forgefit.web.prerendered import PrerenderedPages

# Filters the /search page accepts from facet links (ExerciseFilter fields).
SEARCH_PAGE_FILTERS = ("body_part", "equipment", "muscle", "difficulty", "category", "pattern")


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
    # Outermost last: gzip wraps the ETag layer, so the ETag describes the identity body.
    api.add_middleware(JsonETagMiddleware)
    api.add_middleware(GZipMiddleware, minimum_size=512)
    origins = settings.cors_origins()
    if origins:
        api.add_middleware(
            CORSMiddleware,
            allow_origins=origins,
            allow_methods=["GET", "POST"],
            allow_headers=["*"],
        )
    search_index = SearchIndex(site.catalog)
    api.include_router(api_routes.build_router(site.catalog, search_index))
    api.include_router(exercisedb_routes.build_router(site.catalog))
    api.include_router(plan_routes.build_api_router(site))
    api.include_router(plan_routes.build_pages_router(site))
    install_accounts(api, site)

    @api.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException) -> Any:
        if error.status_code == 404 and not _wants_json(request):
            return HTMLResponse(site.not_found_html(request.url.path), status_code=404)
        if isinstance(error.detail, dict):
            return JSONResponse(error.detail, status_code=error.status_code)
        detail = error.detail if isinstance(error.detail, str | list) else str(error.detail)
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
    async def root() -> RedirectResponse:
        return RedirectResponse("/exercises", status_code=307)

    @api.get("/search", include_in_schema=False, response_class=HTMLResponse)
    def search_page(
        request: Request,
        q: str = "",
        offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
    ) -> HTMLResponse:
        """Search results as a page; facet links add filters as query parameters."""
        if len(q) > api_routes.MAX_QUERY_LENGTH:
            message = (
                f"That search is {len(q):,} characters long; searches are limited to "
                f"{api_routes.MAX_QUERY_LENGTH}. Try a few words."
            )
            page = render_search_page(site, q[:80] + "…", None, {}, error=message)
            return HTMLResponse(page, status_code=422)
        filters = {
            name: value for name in SEARCH_PAGE_FILTERS if (value := request.query_params.get(name))
        }
        criteria = ExerciseFilter(
            body_part=filters.get("body_part"),
            equipment=filters.get("equipment"),
            muscle=filters.get("muscle"),
            difficulty=filters.get("difficulty"),
            category=filters.get("category"),
            pattern=filters.get("pattern"),
        )
        try:
            results = search_index.search(q, limit=24, offset=offset, filters=criteria)
        except UnknownTermError as error:
            page = render_search_page(site, q, None, {}, error=str(error))
            return HTMLResponse(page, status_code=422)
        return HTMLResponse(render_search_page(site, q, results if q.strip() else None, filters))

    @api.get("/healthz", include_in_schema=False)
    async def health() -> dict[str, Any]:
        return {"status": "ok", "exercises": len(site.catalog)}

    return api


def create_app(catalog: Catalog | None = None, site_url: str | None = None) -> PrerenderedPages:
    """The ASGI app `forgefit serve` runs (and a factory for Uvicorn or Granian)."""
    site = Site(catalog or default_catalog(), site_url or settings.site_url())
    return PrerenderedPages(site, build_api(site))

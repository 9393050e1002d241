"""Assemble the web app: prerendered pages in front, FastAPI for everything dynamic."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
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
from forgefit.pages import urls
from forgefit.pages.program_page import render_plan_form
from forgefit.pages.search_page import render_search_page
from forgefit.pages.site import Site
from forgefit.training import FieldProblem
from forgefit.web import api as api_routes
from forgefit.web import api_docs
from forgefit.web import exercisedb as exercisedb_routes
from forgefit.web import plan as plan_routes
from forgefit.web.accounts_setup import install_accounts
from forgefit.web.api_cache import GZIP_MIN_BYTES, CachedApi
from forgefit.web.body_limits import BODY_TIMEOUT_SECONDS, RequestBodyGuard
from forgefit.web.draining import InFlight, RequestCounter
from forgefit.web.etag import JsonETagMiddleware
from forgefit.web.head_requests import HeadAsGet
from forgefit.web.load_shedding import ShedWhenBusy, busy_message
from forgefit.web.memory_first import MemoryFirst
from forgefit.web.plan_workers import PlanQueueFull, PlanWorkers, PoolKind, default_workers
from forgefit.web.prerendered import PrerenderedPages
from forgefit.web.query_numbers import DIGITS_ONLY
from forgefit.web.security_headers import SecurityHeaders

# Filters the /search page accepts from facet links (ExerciseFilter fields).
SEARCH_PAGE_FILTERS = ("body_part", "equipment", "muscle", "difficulty", "category", "pattern")


def _wants_json(request: Request) -> bool:
    path = request.url.path
    return path.startswith(("/api/", "/exercisedb/")) or path == "/openapi.json"


def plan_workers_from_settings(catalog: Catalog) -> PlanWorkers:
    workers = settings.plan_workers(default_workers())
    queue = settings.plan_queue(2 * workers)
    return PlanWorkers(catalog, workers, queue, PoolKind(settings.plan_pool()))


def allowed_methods(error: StarletteHTTPException) -> dict[str, str] | None:
    """The error's headers; a 405's Allow also names HEAD wherever GET is allowed (HeadAsGet
    answers HEAD for every GET route)."""
    headers = dict(error.headers or {})
    allow = headers.get("Allow") or headers.get("allow")
    if allow is not None:
        methods = [m.strip() for m in allow.split(",") if m.strip()]
        if "GET" in methods and "HEAD" not in methods:
            methods.append("HEAD")
        headers.pop("allow", None)
        headers["Allow"] = ", ".join(methods)
    return headers or None


def build_api(site: Site, workers: PlanWorkers, search_index: SearchIndex) -> FastAPI:
    in_flight = RequestCounter()

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        # Requests still running finish first (web/draining.py), plans included.
        await in_flight.drained()
        workers.shutdown()

    api = FastAPI(
        title="ForgeFit",
        version=__version__,
        description="Open exercise library and personal-training engine.",
        docs_url=None,
        openapi_url="/openapi.json",
        redoc_url=None,
        lifespan=lifespan,
    )
    # Outermost last: gzip wraps the ETag layer, so the ETag describes the identity body.
    api.add_middleware(JsonETagMiddleware)
    api.add_middleware(GZipMiddleware, minimum_size=GZIP_MIN_BYTES)
    api.add_middleware(InFlight, counter=in_flight)
    origins = settings.cors_origins()
    if origins:
        api.add_middleware(
            CORSMiddleware,
            allow_origins=origins,
            allow_methods=["GET", "POST"],
            allow_headers=["*"],
        )
    api.include_router(api_routes.build_router(site.catalog, search_index))
    api.include_router(exercisedb_routes.build_router(site.catalog))
    api.include_router(plan_routes.build_api_router(site, workers))
    api.include_router(plan_routes.build_pages_router(site, workers))
    api.include_router(api_docs.build_router())
    install_accounts(api, site)

    @api.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException) -> Any:
        if error.status_code == 404 and not _wants_json(request):
            return HTMLResponse(site.not_found_html(request.url.path), status_code=404)
        headers = allowed_methods(error)
        if isinstance(error.detail, dict):
            return JSONResponse(error.detail, status_code=error.status_code, headers=headers)
        detail = error.detail if isinstance(error.detail, str | list) else str(error.detail)
        return JSONResponse({"detail": detail}, status_code=error.status_code, headers=headers)

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
        offset: Annotated[int, Query(ge=0, le=1_000_000), DIGITS_ONLY] = 0,
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

    @api.get("/exercise/compare", include_in_schema=False, response_model=None)
    def compare_picker(a: str = "", b: str = "") -> HTMLResponse | RedirectResponse:
        """The compare picker's form: two names or slugs -> that pair's compare page."""
        first, second = site.resolve_exercise(a), site.resolve_exercise(b)
        if first is None or second is None or first.slug == second.slug:
            unknown = [text for text, found in ((a, first), (b, second)) if found is None]
            message = (
                f"No exercise called {' or '.join(repr(u) for u in unknown)}; pick names from "
                "the list as you type."
                if unknown
                else "Choose two different exercises to compare."
            )
            page = site.not_found_html(f"/exercise/compare/{a}-vs-{b}", message=message)
            return HTMLResponse(page, status_code=404 if unknown else 422)
        return RedirectResponse(urls.compare(first.slug, second.slug), status_code=303)

    @api.get("/exercise/compare/{pair}", include_in_schema=False)
    def compare_any(pair: str) -> HTMLResponse:
        """Any two exercises side by side (the closest pairs are prerendered)."""
        found = site.compare_pair(pair)
        if found is None:
            path = f"/exercise/compare/{pair}"
            return HTMLResponse(site.not_found_html(path), status_code=404)
        return HTMLResponse(site.compare_html(*found))

    @api.get("/favicon.ico", include_in_schema=False)
    async def favicon() -> RedirectResponse:
        # Browsers ask for /favicon.ico on pages without an icon link (the printable program).
        return RedirectResponse("/static/favicon.svg", status_code=308)

    @api.get("/healthz", include_in_schema=False)
    async def health() -> dict[str, Any]:
        return {"status": "ok", "exercises": len(site.catalog)}

    return api


def create_pages(
    catalog: Catalog | None = None, site_url: str | None = None, *, cache_api: bool = True
) -> PrerenderedPages:
    """The app without the protective layers: prerendered pages, then remembered API answers,
    in front of FastAPI. `cache_api=False` leaves the API to FastAPI alone (the reference the
    fast path is tested against)."""
    site = Site(catalog or default_catalog(), site_url or settings.site_url())
    workers = plan_workers_from_settings(site.catalog)
    search_index = SearchIndex(site.catalog)
    api = HeadAsGet(build_api(site, workers, search_index))
    busy = [FieldProblem("server", busy_message(PlanQueueFull()))]
    busy_page = render_plan_form(site, None, busy)
    shed = ShedWhenBusy(api, workers, busy_page)
    if not cache_api:
        return PrerenderedPages(site, shed)
    cached = CachedApi(
        shed,
        site.catalog,
        search_index,
        cors=bool(settings.cors_origins()),
        max_bytes=settings.api_cache_bytes(),
    )
    return PrerenderedPages(site, cached)


def harden(pages: PrerenderedPages) -> Any:
    """Wrap the app in the layers every request passes: security headers on every response
    (outside the guards, so even their own answers carry them), then the request body guard.
    Answers already in memory skip both (web/memory_first.py adds the same headers)."""
    timeout = settings.body_timeout_seconds(BODY_TIMEOUT_SECONDS)
    return MemoryFirst(
        SecurityHeaders(RequestBodyGuard(pages, timeout_seconds=timeout)), pages.from_memory
    )


def create_app(
    catalog: Catalog | None = None, site_url: str | None = None, *, cache_api: bool = True
) -> Any:
    """The ASGI app `forgefit serve` runs (and a factory for Uvicorn or Granian)."""
    return harden(create_pages(catalog, site_url, cache_api=cache_api))

"""The plan builder on the web: the /plan form, the program page and its downloads, and
POST /api/v1/plans. Thin: parsing the form and choosing a response; the trainer does the rest."""

# Route signatures are read by FastAPI at runtime, so annotations are evaluated eagerly (no
# `from __future__ import annotations`).

from enum import StrEnum
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.datastructures import QueryParams

from forgefit.catalog import Catalog
from forgefit.pages.program_page import render_plan_form, render_program_page
from forgefit.pages.site import Site
from forgefit.training import (
    FieldProblem,
    ProfileError,
    Program,
    to_csv,
    to_html,
    to_ics,
    to_markdown,
)
from forgefit.training.profile import MAX_LIST_ITEMS, MAX_TERM_LENGTH, SEED_RANGE
from forgefit.training.rules import EXPERIENCES, GOALS, MAX_WEEKS
from forgefit.training.templates import template_slugs
from forgefit.web import deps, schemas
from forgefit.web.json_body import BodyError, decode_json_body
from forgefit.web.load_shedding import busy_message
from forgefit.web.plan_workers import PlanQueueFull, PlanWorkers

LIST_FIELDS = ("equipment", "focus")
NUMBER_FIELDS = ("days_per_week", "minutes_per_session", "weeks", "seed")


class ExportFormat(StrEnum):
    csv = "csv"
    ics = "ics"
    md = "md"
    json = "json"
    html = "html"


EXPORT_MEDIA_TYPES = {
    ExportFormat.html: "text/html; charset=utf-8",
    ExportFormat.csv: "text/csv; charset=utf-8",
    ExportFormat.ics: "text/calendar; charset=utf-8",
    ExportFormat.md: "text/markdown; charset=utf-8",
    ExportFormat.json: "application/json",
}


def form_values(params: QueryParams) -> dict[str, Any]:
    """The form's fields as the page shows them back (strings and lists)."""
    values: dict[str, Any] = {}
    for key in ("goal", "experience", "preset", "template", "exclude", "favourites",
                *NUMBER_FIELDS):  # fmt: skip
        if params.get(key):
            values[key] = params[key]
    for key in LIST_FIELDS:
        values[key] = [item for item in params.getlist(key) if item]
    values["injuries"] = {
        key.removeprefix("injury_"): value
        for key, value in params.items()
        if key.startswith("injury_") and value
    }
    return values


def profile_from_form(values: dict[str, Any]) -> dict[str, Any]:
    """Form values -> the profile JSON of CONTRACTS.md (the trainer validates it)."""
    profile: dict[str, Any] = {
        key: values[key] for key in ("goal", "experience", *NUMBER_FIELDS) if key in values
    }
    for key in NUMBER_FIELDS:
        if key in profile and str(profile[key]).strip().lstrip("-").isdigit():
            profile[key] = int(profile[key])
    if values.get("preset"):
        profile["preset"] = values["preset"]
    if values.get("template"):
        profile["template"] = values["template"]
    profile["equipment"] = values.get("equipment", [])
    profile["focus"] = values.get("focus", [])
    profile["injuries"] = [
        {"joint": joint, "severity": severity}
        for joint, severity in values.get("injuries", {}).items()
    ]
    for key in ("exclude", "favourites"):
        text = str(values.get(key, ""))
        profile[key] = [item.strip() for item in text.split(",") if item.strip()]
    return profile


def problems_json(error: ProfileError) -> list[dict[str, Any]]:
    return [
        {"parameter": p.field, "in": "body", "message": p.message, "allowed": list(p.allowed)}
        for p in error.problems
    ]


def busy_headers(error: PlanQueueFull) -> dict[str, str]:
    return {"retry-after": str(error.retry_after)}


def build_pages_router(site: Site, workers: PlanWorkers) -> APIRouter:
    router = APIRouter(include_in_schema=False)

    async def plan_or_form(request: Request) -> tuple[Program | None, dict[str, Any], Any]:
        """The program for the form's answers, or the answers and what is wrong with them;
        PlanQueueFull when the plan workers are all busy."""
        values = form_values(request.query_params)
        try:
            return await workers.build(profile_from_form(values)), values, None
        except ProfileError as error:
            problems = error.problems
            if getattr(error, "changes", None):
                problems = [
                    *problems,
                    *(FieldProblem("what would help", change) for change in error.changes),  # type: ignore[attr-defined]
                ]
            return None, values, problems

    @router.get("/plan", response_class=HTMLResponse)
    def plan_form(request: Request) -> HTMLResponse:
        values = form_values(request.query_params) if request.query_params else None
        # Signed in: the form posts to the account instead (web/deps.py, plan_form_target).
        target = deps.plan_form_target(request, deps.accounts_of(request))
        headers = deps.PRIVATE if target else None
        return HTMLResponse(render_plan_form(site, values, **target), headers=headers)

    @router.get("/plan/program", response_class=HTMLResponse)
    async def program_page(request: Request) -> HTMLResponse:
        try:
            program, values, problems = await plan_or_form(request)
        except PlanQueueFull as busy:
            values = form_values(request.query_params)
            problems = [FieldProblem("server", busy_message(busy))]
            page = render_plan_form(site, values, problems)
            return HTMLResponse(page, status_code=503, headers=busy_headers(busy))
        if program is None:
            return HTMLResponse(render_plan_form(site, values, problems), status_code=422)
        query = str(request.query_params)
        return HTMLResponse(render_program_page(site, program, query))

    @router.get("/plan/program.{export}")
    async def program_export(request: Request, export: ExportFormat) -> Response:
        try:
            program, _, problems = await plan_or_form(request)
        except PlanQueueFull as busy:
            detail = [{"parameter": "server", "in": "query", "message": busy_message(busy)}]
            return JSONResponse({"detail": detail}, status_code=503, headers=busy_headers(busy))
        if program is None:
            detail = [{"parameter": p.field, "in": "query", "message": p.message} for p in problems]
            return JSONResponse({"detail": detail}, status_code=422)
        if export is ExportFormat.json:
            return JSONResponse(program.to_dict())
        body = {
            ExportFormat.csv: to_csv,
            ExportFormat.ics: to_ics,
            ExportFormat.md: to_markdown,
            ExportFormat.html: to_html,
        }[export](program)
        if export is ExportFormat.html:  # the printable page opens in the browser
            return Response(body, media_type=EXPORT_MEDIA_TYPES[export])
        headers = {"content-disposition": f'attachment; filename="forgefit-program.{export}"'}
        return Response(body, media_type=EXPORT_MEDIA_TYPES[export], headers=headers)

    return router


def profile_schema(catalog: Catalog) -> dict[str, Any]:
    """The profile's JSON schema with the catalog's vocabulary spelled out, so API clients (and
    the schema fuzzer) see every allowed term. The trainer's own parser stays the authority: it
    also accepts a few conveniences the schema does not advertise (one string for a list,
    "favorites", goal words such as "weight loss")."""
    vocab = catalog.vocab

    def terms(values: list[str]) -> dict[str, Any]:
        return {
            "type": "array",
            "maxItems": MAX_LIST_ITEMS,
            "items": {"type": "string", "enum": values, "maxLength": MAX_TERM_LENGTH},
        }

    return {
        "type": "object",
        "additionalProperties": False,
        "required": ["goal", "experience", "days_per_week", "minutes_per_session"],
        "properties": {
            "goal": {"type": "string", "enum": list(GOALS)},
            "experience": {"type": "string", "enum": list(EXPERIENCES)},
            "days_per_week": {"type": "integer", "minimum": 1, "maximum": 7},
            "minutes_per_session": {"type": "integer", "minimum": 15, "maximum": 180},
            "preset": {"type": "string", "enum": list(vocab.equipment_presets)},
            "equipment": {
                **terms([*vocab.equipment, *vocab.equipment_presets]),
                "minItems": 1,
            },
            "injuries": {
                "type": "array",
                "maxItems": MAX_LIST_ITEMS,
                "items": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["joint"],
                    "properties": {
                        "joint": {"type": "string", "enum": list(vocab.joints)},
                        "severity": {"type": "string", "enum": ["mild", "serious"]},
                    },
                },
            },
            "focus": terms([*vocab.muscle_groups, *vocab.muscles]),
            "exclude": terms([e.slug for e in catalog.exercises]),
            "favourites": terms([e.slug for e in catalog.exercises]),
            "weeks": {"type": "integer", "minimum": 1, "maximum": MAX_WEEKS},
            "seed": {"type": "integer", "minimum": SEED_RANGE[0], "maximum": SEED_RANGE[1]},
            "template": {"type": "string", "enum": template_slugs()},
            "lifts": {
                "type": "object",
                "maxProperties": MAX_LIST_ITEMS,
                "propertyNames": {"enum": [e.slug for e in catalog.exercises]},
                "additionalProperties": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["weight_kg"],
                    "properties": {
                        "weight_kg": {"type": "number", "exclusiveMinimum": 0, "maximum": 1000},
                        "reps": {"type": "integer", "minimum": 1, "maximum": 10},
                    },
                },
            },
        },
    }


def build_api_router(site: Site, workers: PlanWorkers) -> APIRouter:
    router = APIRouter(prefix="/api/v1", tags=["plans"], responses=schemas.ERROR_RESPONSES)
    request_body = {
        "required": True,
        "content": {
            "application/json": {
                "schema": profile_schema(site.catalog),
                "example": {
                    "goal": "hypertrophy",
                    "experience": "beginner",
                    "days_per_week": 3,
                    "minutes_per_session": 45,
                    "preset": "home-dumbbells",
                },
            }
        },
    }

    @router.post(
        "/plans",
        openapi_extra={"requestBody": request_body},
        responses={
            200: {"description": "The program (CONTRACTS.md Program JSON), review included."},
            408: {"model": schemas.MessageOut, "description": "The body arrived too slowly."},
            413: {"model": schemas.MessageOut, "description": "The body is over 64 KB."},
            503: {
                "model": schemas.ValidationErrorOut,
                "description": "Every plan worker is busy; retry after `Retry-After` seconds.",
                "headers": {
                    "Retry-After": {
                        "description": "Seconds to wait before trying again.",
                        "schema": {"type": "integer"},
                    }
                },
            },
        },
    )
    async def create_plan(request: Request) -> Any:
        """Build a program from a profile: the CONTRACTS.md Program JSON, review included."""
        try:
            profile = decode_json_body(await request.body())
        except BodyError as error:
            detail = [
                {"parameter": p.field, "in": "body", "message": p.message, "allowed": []}
                for p in error.problems
            ]
            return JSONResponse({"detail": detail}, status_code=422)
        if not isinstance(profile, dict):
            detail = [
                {
                    "parameter": "body",
                    "in": "body",
                    "message": f"must be a JSON object of profile fields, not "
                    f"{type(profile).__name__}.",
                    "allowed": [],
                }
            ]
            return JSONResponse({"detail": detail}, status_code=422)
        try:
            program = await workers.build(profile)
        except ProfileError as error:
            return JSONResponse({"detail": problems_json(error)}, status_code=422)
        except PlanQueueFull as busy:
            detail = [{"parameter": "server", "in": "body", "message": busy_message(busy)}]
            return JSONResponse({"detail": detail}, status_code=503, headers=busy_headers(busy))
        return program.to_dict()

    return router

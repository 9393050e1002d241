"""The accounts JSON API (docs/accounts.md): users, tokens, /me, profile, saved programs,
favourites and exclusions, export and deletion. Thin: each route calls `forgefit.accounts`.

Routes are plain `def`s: FastAPI runs them in its thread pool, so database calls and password
hashing never block the event loop. Sign-in is the exception (see create_token)."""

# Route signatures are read by FastAPI at runtime (no `from __future__ import annotations`).

from typing import Any, Literal

from fastapi import APIRouter, Body, Request, Response
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from forgefit.accounts import Database, export, preferences, programs, tokens, users
from forgefit.catalog import Catalog
from forgefit.errors import UnknownExerciseError
from forgefit.training import ProfileError
from forgefit.web import accounts_schemas as schemas
from forgefit.web.deps import (
    PRIVATE,
    AccountsDep,
    CurrentUser,
    account_error_response,
    client_address,
)
from forgefit.web.plan import profile_schema
from forgefit.web.schemas import ERROR_RESPONSES

PreferenceKind = Literal["favourites", "exclusions"]


def _private(response: Response) -> None:
    response.headers.update(PRIVATE)


def _stamp(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def _sign_in_with_token(
    database: Database, body: schemas.TokenIn, address: str | None
) -> tokens.NewToken:
    signed_in = users.sign_in(database, body.email, body.password, address)
    return tokens.create_token(database, signed_in.user.id, body.label, sign_in=signed_in)


def build_router(catalog: Catalog) -> APIRouter:
    router = APIRouter(prefix="/api/v1", responses={**ERROR_RESPONSES, **schemas.BODY_RESPONSES})
    me = schemas.AUTH_RESPONSES
    profile_body = {
        "required": True,
        "content": {
            "application/json": {
                "schema": profile_schema(catalog),
                "example": schemas.EXAMPLE_PROFILE,
            }
        },
    }

    @router.post(
        "/users",
        status_code=201,
        response_model=schemas.UserOut,
        tags=["accounts"],
        responses={409: {"description": "The email is taken."}},
    )
    def sign_up(
        body: schemas.SignUpIn, accounts: AccountsDep, response: Response
    ) -> dict[str, Any]:
        """Create an account. 422 names the field: an email that is not one, or a password
        under 10 characters."""
        _private(response)
        user = users.create_user(accounts.database, body.email, body.password)
        return {"id": user.id, "email": user.email}

    @router.post(
        "/tokens",
        status_code=201,
        response_model=schemas.NewTokenOut,
        tags=["accounts"],
        responses={
            401: {"model": schemas.MessageOut, "description": "Wrong email or password."},
            429: {
                "model": schemas.MessageOut,
                "description": "Too many failed attempts for this account or address; the "
                "Retry-After header says how many seconds to wait.",
            },
        },
    )
    async def create_token(
        body: schemas.TokenIn, request: Request, accounts: AccountsDep, response: Response
    ) -> dict[str, Any]:
        """Sign in with email and password and get an API token, shown this once (only a
        hash of it is stored)."""
        # Async, with the database and the password hash sent to the thread pool: FastAPI
        # checks a plain def's answer against its model in a second trip to the pool, and each
        # trip waits for a thread and then for the event loop to be scheduled again.
        _private(response)
        new = await run_in_threadpool(
            _sign_in_with_token, accounts.database, body, client_address(request)
        )
        return {
            "id": new.id,
            "token": new.token,
            "label": new.label,
            "prefix": new.prefix,
            "created_at": new.created_at.isoformat(),
        }

    @router.get("/tokens", response_model=schemas.TokenList, tags=["accounts"], responses=me)
    def list_tokens(user: CurrentUser, accounts: AccountsDep, response: Response) -> Any:
        """Your API tokens (never the tokens themselves: those were shown once)."""
        _private(response)
        rows = tokens.list_tokens(accounts.database, user.id)
        return {
            "items": [
                {
                    "id": t.id,
                    "label": t.label,
                    "prefix": t.prefix,
                    "created_at": t.created_at.isoformat(),
                    "last_used_at": _stamp(t.last_used_at),
                }
                for t in rows
            ]
        }

    @router.delete("/tokens/{token_id}", status_code=204, tags=["accounts"], responses=me)
    def revoke_token(token_id: int, user: CurrentUser, accounts: AccountsDep) -> Response:
        """Revoke a token: it stops working at once, on every server."""
        tokens.revoke_token(accounts.database, user.id, token_id)
        return Response(status_code=204, headers=PRIVATE)

    @router.get("/me", response_model=schemas.MeOut, tags=["accounts"], responses=me)
    def read_me(user: CurrentUser, accounts: AccountsDep, response: Response) -> Any:
        """Your account, saved profile and current program id."""
        _private(response)
        current = programs.current_program_id(accounts.database, user.id)
        return {
            "id": user.id,
            "email": user.email,
            "units": user.units,
            "created_at": user.created_at.isoformat(),
            "profile": programs.get_profile(accounts.database, user.id),
            "current_program": current,
        }

    @router.delete("/me", status_code=204, tags=["accounts"], responses=me)
    def delete_me(user: CurrentUser, accounts: AccountsDep) -> Response:
        """Delete your account and everything it owns; its tokens and sessions stop working."""
        users.delete_user(accounts.database, user.id)
        return Response(status_code=204, headers=PRIVATE)

    @router.get(
        "/me/profile",
        response_model=schemas.ProfileOut,
        tags=["profile"],
        responses={**me, 404: {"description": "No profile saved yet."}},
    )
    def read_profile(user: CurrentUser, accounts: AccountsDep, response: Response) -> Any:
        _private(response)
        profile = programs.get_profile(accounts.database, user.id)
        if profile is None:
            return JSONResponse(
                {"detail": "No profile saved yet: PUT /api/v1/me/profile saves one."},
                status_code=404,
                headers=PRIVATE,
            )
        return {"profile": profile}

    @router.put(
        "/me/profile",
        response_model=schemas.ProfileOut,
        tags=["profile"],
        responses=me,
        openapi_extra={"requestBody": profile_body},
    )
    def save_profile(
        user: CurrentUser,
        accounts: AccountsDep,
        response: Response,
        profile: dict[str, Any] = Body(),  # noqa: B008 (FastAPI's way to declare a body)
    ) -> Any:
        """Save your profile: the plan builder's answers, validated exactly like
        POST /api/v1/plans (422 names each bad field)."""
        _private(response)
        try:
            saved = programs.save_profile(accounts.database, catalog, user.id, profile)
        except ProfileError as error:
            return account_error_response(error)
        return {"profile": saved}

    @router.post(
        "/me/programs",
        status_code=201,
        response_model=schemas.SavedProgramOut,
        tags=["programs"],
        responses=me,
    )
    def create_program(
        body: schemas.ProgramIn, user: CurrentUser, accounts: AccountsDep, response: Response
    ) -> Any:
        """Build a program from the given profile (else your saved one), with your favourites
        and exclusions, store it and make it current."""
        _private(response)
        try:
            row = programs.create_program(
                accounts.database, catalog, user.id, body.profile, body.name
            )
        except ProfileError as error:
            return account_error_response(error)
        return programs.program_document(row)

    @router.get("/me/programs", response_model=schemas.ProgramList, tags=["programs"], responses=me)
    def list_programs(user: CurrentUser, accounts: AccountsDep, response: Response) -> Any:
        """Your saved programs, newest first."""
        _private(response)
        return {"items": [s.to_dict() for s in programs.list_programs(accounts.database, user.id)]}

    @router.get(
        "/me/programs/current",
        response_model=schemas.SavedProgramOut,
        tags=["programs"],
        responses={**me, 404: {"description": "No program is current."}},
    )
    def read_current_program(user: CurrentUser, accounts: AccountsDep) -> Response:
        """The current program (the one training follows)."""
        body = programs.current_program_json(accounts.database, user.id)
        if body is None:
            return JSONResponse(
                {"detail": "No program is current: save one with POST /api/v1/me/programs."},
                status_code=404,
                headers=PRIVATE,
            )
        return Response(body, media_type="application/json", headers=PRIVATE)

    @router.get(
        "/me/programs/{program_id}",
        response_model=schemas.SavedProgramOut,
        tags=["programs"],
        responses={**me, 404: {"description": "No such program of yours."}},
    )
    def read_program(
        program_id: int, user: CurrentUser, accounts: AccountsDep, response: Response
    ) -> Any:
        _private(response)
        return programs.program_document(
            programs.get_program(accounts.database, user.id, program_id)
        )

    @router.patch(
        "/me/programs/{program_id}",
        response_model=schemas.ProgramSummaryOut,
        tags=["programs"],
        responses={**me, 404: {"description": "No such program of yours."}},
    )
    def update_program(
        program_id: int,
        body: schemas.ProgramPatch,
        user: CurrentUser,
        accounts: AccountsDep,
        response: Response,
    ) -> Any:
        """Rename it, or make it current (`{"current": true}`)."""
        _private(response)
        row = programs.update_program(
            accounts.database, user.id, program_id, name=body.name, current=body.current
        )
        return programs.summary(row).to_dict()

    @router.delete(
        "/me/programs/{program_id}",
        status_code=204,
        tags=["programs"],
        responses={**me, 404: {"description": "No such program of yours."}},
    )
    def delete_program(program_id: int, user: CurrentUser, accounts: AccountsDep) -> Response:
        programs.delete_program(accounts.database, user.id, program_id)
        return Response(status_code=204, headers=PRIVATE)

    @router.get("/me/export", response_model=schemas.ExportOut, tags=["accounts"], responses=me)
    def export_all(user: CurrentUser, accounts: AccountsDep, response: Response) -> Any:
        """Everything you own, as JSON (per-table CSV: /api/v1/me/export/{table}.csv)."""
        _private(response)
        return export.export_user(accounts.database, user.id)

    @router.get(
        "/me/export/{table}.csv",
        tags=["accounts"],
        responses={**me, 200: {"content": {"text/csv": {}}, "description": "One table."}},
        response_class=Response,
    )
    def export_table(table: str, user: CurrentUser, accounts: AccountsDep) -> Response:
        """One table of your data as CSV: account, profile, programs, favourites, exclusions,
        tokens."""
        body = export.export_csv(accounts.database, user.id, table)
        headers = {
            **PRIVATE,
            "content-disposition": f'attachment; filename="forgefit-{table}.csv"',
        }
        return Response(body, media_type="text/csv; charset=utf-8", headers=headers)

    for kind in preferences.KINDS:
        _add_preference_routes(router, catalog, kind)

    return router


def _add_preference_routes(router: APIRouter, catalog: Catalog, kind: PreferenceKind) -> None:
    """GET /me/{kind}, PUT and DELETE /me/{kind}/{slug} for favourites and exclusions."""
    me = schemas.AUTH_RESPONSES
    effect = "prefer" if kind == "favourites" else "leave out"

    def list_items(user: CurrentUser, accounts: AccountsDep, response: Response) -> Any:
        _private(response)
        return {"items": preferences.list_preferences(accounts.database, user.id)[kind]}

    def add_item(slug: str, user: CurrentUser, accounts: AccountsDep) -> Response:
        try:
            preferences.add_preference(accounts.database, catalog, user.id, kind, slug)
        except UnknownExerciseError as error:
            return account_error_response(error)
        return Response(status_code=204, headers=PRIVATE)

    def remove_item(slug: str, user: CurrentUser, accounts: AccountsDep) -> Response:
        preferences.remove_preference(accounts.database, user.id, kind, slug)
        return Response(status_code=204, headers=PRIVATE)

    router.add_api_route(
        f"/me/{kind}",
        list_items,
        methods=["GET"],
        response_model=schemas.PreferenceList,
        tags=["preferences"],
        responses=me,
        summary=f"List your {kind}",
        description=f"Exercise slugs; programs built for you {effect} these.",
    )
    router.add_api_route(
        f"/me/{kind}/{{slug}}",
        add_item,
        methods=["PUT"],
        status_code=204,
        tags=["preferences"],
        responses={**me, 404: {"description": "No exercise with that slug."}},
        summary=f"Add an exercise to your {kind}",
        description="Adding an exercise to one list takes it off the other.",
    )
    router.add_api_route(
        f"/me/{kind}/{{slug}}",
        remove_item,
        methods=["DELETE"],
        status_code=204,
        tags=["preferences"],
        responses={**me, 404: {"description": f"Not in your {kind}."}},
        summary=f"Remove an exercise from your {kind}",
    )

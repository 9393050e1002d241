"""Logged workouts on the JSON API (the storage side of the logging issue): create with an
Idempotency-Key, history with filters, read, edit, delete. Thin: `forgefit.accounts.workouts`
does the work."""

# Route signatures are read by FastAPI at runtime (no `from __future__ import annotations`).

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Header, Query, Response
from fastapi.responses import JSONResponse

from forgefit.accounts import workouts
from forgefit.catalog import Catalog
from forgefit.web.accounts_schemas import AUTH_RESPONSES, BODY_RESPONSES
from forgefit.web.deps import PRIVATE, AccountsDep, CurrentUser
from forgefit.web.schemas import ERROR_RESPONSES

WORKOUT_EXAMPLE = {
    "id": 12,
    "program_id": 7,
    "session": {"week": 1, "day": 1},
    "started_at": "2026-11-28T18:00:00+00:00",
    "finished_at": None,
    "sets": [
        {
            "exercise": "goblet-squat",
            "load_kg": 20.0,
            "reps": 10,
            "seconds": None,
            "rir": 2,
            "note": None,
        }
    ],
}
WORKOUT_RESPONSE = {"content": {"application/json": {"example": WORKOUT_EXAMPLE}}}


def build_router(catalog: Catalog) -> APIRouter:
    router = APIRouter(
        prefix="/api/v1/me",
        tags=["workouts"],
        responses={**ERROR_RESPONSES, **BODY_RESPONSES},
    )
    not_found = {**AUTH_RESPONSES, 404: {"description": "No such workout of yours."}}

    @router.post(
        "/workouts",
        status_code=201,
        responses={
            **AUTH_RESPONSES,
            201: {"description": "Stored.", **WORKOUT_RESPONSE},
            200: {"description": "This Idempotency-Key was used before: that workout."},
            404: {"description": "program_id is not one of your programs."},
        },
    )
    def create_workout(
        body: workouts.WorkoutIn,
        user: CurrentUser,
        accounts: AccountsDep,
        idempotency_key: Annotated[
            str | None,
            Header(
                alias="Idempotency-Key",
                max_length=workouts.MAX_KEY_LENGTH,
                description="Any unique string (a UUID) per workout; resending with the same "
                "key returns the first workout instead of storing a second.",
            ),
        ] = None,
    ) -> JSONResponse:
        """Log a workout: every set in one transaction, refused whole if any set is wrong (the
        422 names the field, e.g. `sets.2.rir`)."""
        stored = workouts.create_workout(accounts.database, catalog, user.id, body, idempotency_key)
        headers = dict(PRIVATE)
        if not stored.created:
            headers["idempotent-replayed"] = "true"
        return JSONResponse(
            stored.document, status_code=201 if stored.created else 200, headers=headers
        )

    @router.get("/workouts", responses=AUTH_RESPONSES)
    def list_workouts(
        user: CurrentUser,
        accounts: AccountsDep,
        response: Response,
        exercise: Annotated[str | None, Query(max_length=100)] = None,
        since: Annotated[datetime | None, Query(alias="from")] = None,
        until: Annotated[datetime | None, Query(alias="to")] = None,
    ) -> dict[str, Any]:
        """Your workouts, newest first; `exercise` keeps only that exercise's sets, `from` and
        `to` bound the start time."""
        response.headers.update(PRIVATE)
        items = workouts.list_workouts(accounts.database, user.id, exercise, since, until)
        return {"items": items}

    @router.get("/workouts/{workout_id}", responses={**not_found, 200: WORKOUT_RESPONSE})
    def read_workout(
        workout_id: int, user: CurrentUser, accounts: AccountsDep, response: Response
    ) -> dict[str, Any]:
        response.headers.update(PRIVATE)
        return workouts.get_workout(accounts.database, user.id, workout_id)

    @router.patch("/workouts/{workout_id}", responses=not_found)
    def update_workout(
        workout_id: int,
        patch: workouts.WorkoutPatch,
        user: CurrentUser,
        accounts: AccountsDep,
        response: Response,
    ) -> dict[str, Any]:
        """Change the times or replace the sets (all or nothing)."""
        response.headers.update(PRIVATE)
        return workouts.update_workout(accounts.database, catalog, user.id, workout_id, patch)

    @router.delete("/workouts/{workout_id}", status_code=204, responses=not_found)
    def delete_workout(workout_id: int, user: CurrentUser, accounts: AccountsDep) -> Response:
        workouts.delete_workout(accounts.database, user.id, workout_id)
        return Response(status_code=204, headers=PRIVATE)

    return router

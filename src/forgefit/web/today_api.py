"""Training with the app on the JSON API: the next session (Today), sets logged one at a time
with device-made keys, swaps, injuries and the kg/lb setting. Thin: `forgefit.accounts.trainer`,
`set_log` and `injuries` do the work."""

# Route signatures are read by FastAPI at runtime (no `from __future__ import annotations`).

from datetime import UTC, datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Header, Response
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict

from forgefit.accounts import injuries, set_log, trainer, users
from forgefit.accounts.workouts import MAX_KEY_LENGTH, SetIn
from forgefit.catalog import Catalog
from forgefit.pages import urls
from forgefit.web.accounts_schemas import AUTH_RESPONSES, BODY_RESPONSES
from forgefit.web.deps import PRIVATE, AccountsDep, CurrentUser
from forgefit.web.schemas import ERROR_RESPONSES


class UnitsIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    units: Literal["kg", "lb"]


def _now() -> datetime:
    return datetime.now(UTC)


def _json(body: Any, status: int = 200, replayed: bool = False) -> JSONResponse:
    headers = dict(PRIVATE)
    if replayed:
        headers["idempotent-replayed"] = "true"
    return JSONResponse(body, status_code=status, headers=headers)


def build_router(catalog: Catalog) -> APIRouter:
    router = APIRouter(
        prefix="/api/v1/me",
        tags=["training"],
        responses={**ERROR_RESPONSES, **BODY_RESPONSES, **AUTH_RESPONSES},
    )

    @router.get("/today", responses={404: {"description": "No current program."}})
    def today(user: CurrentUser, accounts: AccountsDep) -> JSONResponse:
        """The next session of your current program: every exercise with its sets, target reps
        or seconds, effort, suggested load (or how to pick one), rest, and the reason beside
        each target that changed; plus the workout in progress, if any."""
        document = trainer.today_document(
            accounts.database, catalog, user.id, user.units, _now(), accounts.today_cache
        )
        # The cached document is shared: add the links to copies.
        exercises = [{**e, "url": urls.exercise(e["slug"])} for e in document["exercises"]]
        return _json({**document, "exercises": exercises})

    # ----- sets, one at a time ------------------------------------------------------------

    @router.post("/sets", status_code=201)
    def log_set(
        body: set_log.LogSetIn,
        user: CurrentUser,
        accounts: AccountsDep,
        idempotency_key: Annotated[
            str | None,
            Header(
                alias="Idempotency-Key",
                max_length=MAX_KEY_LENGTH,
                description="A unique string (a UUID) per set; a resend returns the stored set.",
            ),
        ] = None,
    ) -> JSONResponse:
        """Log one set; the first set with a new `workout_key` starts that workout. Refused
        whole (422 naming the field, e.g. `set.rir`) when any number is impossible."""
        stored, created = set_log.log_set(
            accounts.database, catalog, user.id, body, idempotency_key
        )
        return _json(stored, 201 if created else 200, replayed=not created)

    @router.patch("/sets/{key}")
    def update_set(key: str, body: SetIn, user: CurrentUser, accounts: AccountsDep) -> JSONResponse:
        """Change a logged set (addressed by the key it was logged with)."""
        return _json(set_log.update_set(accounts.database, catalog, user.id, key, body))

    @router.delete("/sets/{key}", status_code=204)
    def delete_set(key: str, user: CurrentUser, accounts: AccountsDep) -> Response:
        set_log.delete_set(accounts.database, user.id, key)
        return Response(status_code=204, headers=PRIVATE)

    @router.post("/workouts/finish")
    def finish(body: set_log.FinishIn, user: CurrentUser, accounts: AccountsDep) -> JSONResponse:
        """Finish the workout with this key (finishing twice keeps the first time)."""
        return _json(set_log.finish_workout(accounts.database, user.id, body))

    # ----- swaps ---------------------------------------------------------------------------

    @router.post("/programs/{program_id}/swaps", status_code=201)
    def swap(
        program_id: int, body: trainer.SwapIn, user: CurrentUser, accounts: AccountsDep
    ) -> JSONResponse:
        """Do `to` instead of `from`, for the next session or from now on. 422 when `to` needs
        equipment you do not have or stresses an injured joint."""
        document = trainer.record_swap(
            accounts.database, catalog, user.id, program_id, body, _now()
        )
        return _json(document, 201)

    @router.get("/programs/{program_id}/swaps")
    def swaps(program_id: int, user: CurrentUser, accounts: AccountsDep) -> JSONResponse:
        items = trainer.list_swaps(accounts.database, catalog, user.id, program_id)
        return _json({"items": items})

    # ----- injuries ------------------------------------------------------------------------

    @router.post("/injuries", status_code=201)
    def report_injury(
        body: injuries.InjuryIn, user: CurrentUser, accounts: AccountsDep
    ) -> JSONResponse:
        """Report a hurt joint: from today the next session swaps or eases what it cannot
        take. The details stay in the request body and your account, never in a URL."""
        document = injuries.report_injury(accounts.database, catalog, user.id, body, _now().date())
        return _json(document, 201)

    @router.get("/injuries")
    def list_injuries(user: CurrentUser, accounts: AccountsDep) -> JSONResponse:
        return _json({"items": injuries.list_injuries(accounts.database, user.id)})

    @router.delete("/injuries/{injury_id}")
    def clear_injury(injury_id: int, user: CurrentUser, accounts: AccountsDep) -> JSONResponse:
        """Mark it cleared today. The record stays (with both dates): exercises it kept out
        come back about 10 % lighter for a few weeks."""
        document = injuries.clear_injury(accounts.database, user.id, injury_id, _now().date())
        return _json(document)

    # ----- settings ------------------------------------------------------------------------

    @router.put("/units")
    def set_units(body: UnitsIn, user: CurrentUser, accounts: AccountsDep) -> JSONResponse:
        """Show loads in kilograms or pounds (loads are always stored in kilograms)."""
        users.set_units(accounts.database, user.id, body.units)
        return _json({"units": body.units})

    return router

"""History of the trainer's changes and progress on the JSON API. Thin:
`forgefit.accounts.progress_store` does the work, and the pages call the same functions."""

# Route signatures are read by FastAPI at runtime (no `from __future__ import annotations`).

from datetime import UTC, date, datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Response

from forgefit.accounts import progress_store
from forgefit.catalog import Catalog
from forgefit.web.accounts_schemas import AUTH_RESPONSES
from forgefit.web.deps import PRIVATE, AccountsDep, CurrentUser
from forgefit.web.schemas import ERROR_RESPONSES

HISTORY_EXAMPLE = {
    "program_id": 7,
    "program_name": "Autumn at home",
    "workouts": 2,
    "computed_on": "2026-11-28",
    "items": [
        {
            "date": "2026-11-24",
            "exercise": "barbell-bench-press",
            "exercise_name": "Barbell Bench Press",
            "field": "load_kg",
            "before": "60 kg",
            "after": "62.5 kg",
            "rule": "effort-autoregulation",
            "data": "3 x 8 at 60 kg, RIR 3 reported",
            "reason": "RIR 3 reported against a target of 2: one step heavier.",
        }
    ],
}
PROGRESS_EXAMPLE = {
    "formula": "epley",
    "formula_text": progress_store.FORMULA_TEXT["epley"],
    "e1rm_max_reps": 10,
    "exercises": [
        {
            "exercise": "goblet-squat",
            "name": "Goblet Squat",
            "e1rm": [
                {"date": "2026-11-20", "e1rm_kg": 26.0, "load_kg": 20.0, "reps": 9},
                {"date": "2026-11-24", "e1rm_kg": 29.2, "load_kg": 22.5, "reps": 9},
            ],
            "records": [
                {"kind": "heaviest", "value": 22.5, "detail": "22.5 kg x 9", "date": "2026-11-24"},
                {
                    "kind": "best-volume",
                    "value": 607.5,
                    "detail": "607.5 kg lifted in one session",
                    "date": "2026-11-24",
                },
                {
                    "kind": "best-e1rm",
                    "value": 29.2,
                    "detail": "29.2 kg (Epley, from 22.5 kg x 9)",
                    "date": "2026-11-24",
                },
                {
                    "kind": "most-reps-at-weight",
                    "value": 9,
                    "detail": "9 reps at 20 kg",
                    "date": "2026-11-20",
                },
            ],
        }
    ],
    "weekly_sets": [
        {
            "week_start": "2026-11-23",
            "group": "quadriceps",
            "group_name": "Quadriceps",
            "sets": 3.0,
            "band_low": 8.0,
            "band_high": 12.0,
            "status": "below",
        }
    ],
    "adherence": {
        "since": "2026-11-16",
        "days_per_week": 3,
        "workouts": 2,
        "planned": 6,
        "share": 0.333,
        "current_streak_weeks": 1,
        "longest_streak_weeks": 2,
    },
}


def today_utc() -> date:
    return datetime.now(UTC).date()


def build_router(catalog: Catalog) -> APIRouter:
    router = APIRouter(prefix="/api/v1/me", tags=["progress"], responses=ERROR_RESPONSES)

    @router.get(
        "/programs/{program_id}/history",
        responses={
            **AUTH_RESPONSES,
            200: {"content": {"application/json": {"example": HISTORY_EXAMPLE}}},
            404: {"description": "No such program of yours."},
        },
    )
    def program_history(
        program_id: int, user: CurrentUser, accounts: AccountsDep, response: Response
    ) -> dict[str, Any]:
        """Every change the trainer made to this program's targets, oldest first: the exercise,
        before and after, the rule that fired, the logged data it used and the reason in plain
        words. Recomputed from your logged workouts, so editing a workout updates it; entries
        dated today are waiting in your next session."""
        response.headers.update(PRIVATE)
        return progress_store.program_history(
            accounts.database, catalog, user.id, program_id, today_utc()
        )

    @router.get(
        "/progress",
        responses={
            **AUTH_RESPONSES,
            200: {"content": {"application/json": {"example": PROGRESS_EXAMPLE}}},
        },
    )
    def progress(
        user: CurrentUser,
        accounts: AccountsDep,
        response: Response,
        exercise: Annotated[
            str | None,
            Query(
                max_length=100,
                description="Only this exercise (slug), e.g. goblet-squat; empty means all.",
            ),
        ] = None,
        formula: Annotated[
            Literal["epley", "brzycki"],
            Query(description="How the estimated 1RM is computed (only sets of 10 reps or less)."),
        ] = "epley",
    ) -> dict[str, Any]:
        """Estimated 1RM over time and personal records (heaviest, most reps at a weight, best
        estimated 1RM, best session volume) per exercise; hard sets per muscle group per week
        against your goal's target band; workouts against the plan and week streaks."""
        response.headers.update(PRIVATE)
        return progress_store.progress(
            accounts.database, catalog, user.id, today_utc(), exercise or None, formula
        )

    return router

"""Small literal programs for the adaptation tests: a few exercises, written out in full."""

from __future__ import annotations

from collections.abc import Sequence

from forgefit.training.profile import Profile
from forgefit.training.program import PlannedExercise, Program, Progression, Session, Week


def lift(
    slug: str,
    sets: int = 3,
    reps: tuple[int, int] | None = (5, 5),
    rir: int = 2,
    kind: str = "linear",
    role: str = "main",
    seconds: int | None = None,
) -> PlannedExercise:
    return PlannedExercise(
        slug=slug,
        sets=sets,
        reps=list(reps) if reps else None,
        seconds=seconds,
        rest_seconds=120,
        rir=rir,
        role=role,  # type: ignore[arg-type]
        progression=Progression(kind=kind, rule="as planned"),  # type: ignore[arg-type]
    )


def program(days: Sequence[Sequence[PlannedExercise]], weeks: int = 6, deload: int = 0) -> Program:
    profile = Profile(
        goal="strength", experience="beginner", days_per_week=len(days), minutes_per_session=60
    )
    return Program(
        profile=profile,
        split="full-body",
        weeks=[
            Week(
                week=w,
                deload=w == deload,
                sessions=[
                    Session(
                        day=1 + 2 * i, name=f"Day {i + 1}", estimated_minutes=60, exercises=list(d)
                    )
                    for i, d in enumerate(days)
                ],
            )
            for w in range(1, weeks + 1)
        ],
        weekly_sets={},
    )

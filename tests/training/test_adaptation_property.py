"""Whatever a person logs, the trainer never steps a load up by more than 10 %, never gives an
exercise an active injury cannot take, and records every change with the rule that made it."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from forgefit.catalog import Catalog, default_catalog
from forgefit.catalog.related import is_safe_for
from forgefit.training import adaptation
from forgefit.training.adaptation import RecentLift, next_session
from forgefit.training.logs import InjuryReport, LoggedSet, LoggedWorkout, SessionRef
from tests.training.literal_programs import lift, program

CATALOG: Catalog = default_catalog()
START = date(2026, 1, 5)
RULES = {value for name, value in vars(adaptation).items() if name.startswith("RULE_")}

PLAN = program(
    [
        [
            lift("barbell-back-squat"),
            lift("dumbbell-bench-press", reps=(8, 12), kind="double", role="accessory"),
            lift("plank", sets=2, reps=None, seconds=30, kind="seconds", role="accessory"),
        ],
        [
            lift("barbell-deadlift"),
            lift("push-up", reps=(8, 12), kind="reps-then-harder", role="accessory"),
            lift("kettlebell-swing", reps=(10, 15), kind="double", role="accessory"),
        ],
    ],
    weeks=6,
    deload=5,
)

set_strategy = st.builds(
    lambda reps, rir, load_delta, seconds: (reps, rir, load_delta, seconds),
    st.integers(0, 20),
    st.one_of(st.none(), st.integers(0, 5)),
    st.sampled_from([-5.0, 0.0, 0.0, 0.0, 2.5, 10.0]),
    st.integers(0, 90),
)
workout_strategy = st.tuples(
    st.integers(1, 20),  # days since the previous workout
    st.lists(set_strategy, min_size=1, max_size=4),
    st.booleans(),  # bad week
)
injury_strategy = st.lists(
    st.tuples(
        st.sampled_from(["knee", "lower-back", "shoulder", "wrist", "elbow", "hip"]),
        st.sampled_from(["mild", "serious"]),
        st.integers(0, 60),
        st.one_of(st.none(), st.integers(1, 30)),
    ),
    max_size=3,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(workout_strategy, max_size=14), injury_strategy, st.integers(0, 40))
def test_adaptation_respects_its_limits(
    diary: list[tuple[int, list[tuple[int, int | None, float, int]], bool]],
    injury_specs: list[tuple[str, str, int, int | None]],
    days_after: int,
) -> None:
    known = {"barbell-back-squat": RecentLift(80, 5), "barbell-deadlift": RecentLift(100, 5)}
    log: list[LoggedWorkout] = []
    day = START
    for gap, sets, bad in diary:
        day += timedelta(days=gap)
        session = next_session(PLAN, log, CATALOG, day, known_lifts=known)
        logged = []
        for index, target in enumerate(session.targets):
            reps, rir, delta, seconds = sets[index % len(sets)]
            load = None if target.load_kg is None else max(0.0, target.load_kg + delta)
            if target.load_kg is None and CATALOG.get(target.slug).equipment != "body-weight":
                load = 20.0
            for _ in range(target.sets):
                logged.append(
                    LoggedSet(
                        target.slug,
                        load,
                        None if target.seconds else reps,
                        seconds if target.seconds else None,
                        rir,
                    )
                )
        log.append(LoggedWorkout(day, tuple(logged), SessionRef(session.week, session.day), bad))
    injuries = [
        InjuryReport(
            joint,  # type: ignore[arg-type]
            severity,  # type: ignore[arg-type]
            START + timedelta(days=offset),
            None if clear is None else START + timedelta(days=offset + clear),
        )
        for joint, severity, offset, clear in injury_specs
    ]
    today = day + timedelta(days=days_after)
    result = next_session(PLAN, log, CATALOG, today, injuries, known_lifts=known)
    for change in result.history:
        assert change.rule in RULES
        assert change.reason
        if change.field == "load_kg" and change.before.endswith(" kg"):
            before = float(change.before.removesuffix(" kg"))
            after = float(change.after.removesuffix(" kg"))
            assert after <= before * 1.10 + 1e-6, change
    active = adaptation.active_injuries(injuries, today)
    for target in result.targets:
        assert is_safe_for(CATALOG.get(target.slug), active), (target.slug, active)
        if target.slug != target.planned_slug:
            assert any(c.field == "exercise" for c in result.history)

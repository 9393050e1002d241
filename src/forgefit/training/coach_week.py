"""The coach checks that weigh the whole week (coach-4 arms in proportion, coach-5 direct
side-delt and calf work, coach-7 focus served, coach-9 time budget used, coach-10 conditioning)
and check_coach, which runs all ten inside `review_program` (the lift checks are in coach.py).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Mapping
from typing import TYPE_CHECKING, Any

from forgefit.training.coach import (
    ARM_BASES,
    ARM_FOCUS_SHARE,
    FULL_WEEK_SHARE,
    NEW_EXERCISE_SECONDS,
    SHORT_SESSION_MINUTES,
    SHORT_WEEK_MINUTES,
    TIME_USED_SHARE,
    USEFUL_SESSION_MINUTES,
    best_tier,
    check_compounds,
    check_injuries,
    check_patterns,
    check_prescriptions,
    check_staples,
    direct_work_needs,
    is_conditioning,
    qualifies,
)
from forgefit.training.prescription import minutes
from forgefit.training.rule_catalog import (
    COACH_ARMS,
    COACH_CONDITIONING,
    COACH_DIRECT_WORK,
    COACH_FOCUS,
    COACH_TIME,
)
from forgefit.training.rules import (
    EXERCISES_PER_SESSION,
    MAX_EXERCISES_PER_SESSION,
    VOLUME_BANDS,
    WEEKDAYS,
)
from forgefit.training.templates import TrainingData, training_data

if TYPE_CHECKING:
    from forgefit.training.review_core import _Entry, _Reviewer


def _weekly(entries: list[_Entry], loaded: bool = False) -> dict[str, float]:
    """Weekly sets per group; `loaded`: without stabiliser half-sets, as the band maximum
    counts them (pool.STABILISER_CREDITS)."""
    totals: dict[str, float] = defaultdict(float)
    for entry in entries:
        for group, credit in entry.facts.load_credits if loaded else entry.facts.credits:
            totals[group] += credit * entry.item.sets
    return totals


def check_arms(reviewer: _Reviewer, entries: list[_Entry]) -> None:
    """coach-4: direct arm work never outgrows the back and chest (curls against back work,
    triceps extensions against chest work, wrist work against the back).

    Direct sets are compared, not totals: every overhead press gives the triceps half a set
    and the chest nothing, so totals would call a program with plenty of pressing unbalanced.
    """
    weekly = _weekly(entries)
    direct: dict[str, float] = defaultdict(float)
    for entry in entries:
        direct[entry.facts.target_group] += entry.item.sets
    focus = reviewer.profile.focus
    for arm, base, floor in ARM_BASES:
        volume = direct.get(arm, 0.0)
        # An arm the person asked to emphasise may outgrow its base by half.
        share = ARM_FOCUS_SHARE if arm in focus else 1.0
        limit = max(weekly.get(base, 0.0) * share, floor)
        reviewer.record(
            COACH_ARMS,
            volume <= limit + 1e-6,
            f"{arm} get {volume:g} direct weekly sets against {weekly.get(base, 0.0):g} for "
            f"the {base}. Fix: move sets from {arm} work to {base} work.",
            value=volume,
            target=f"<= {limit:g}",
        )


def _direct_sets(entries: list[_Entry], muscle: str) -> float:
    return float(sum(e.item.sets for e in entries if e.facts.exercise.target == muscle))


def _week_is_full(reviewer: _Reviewer, skip: Collection[int] = ()) -> str | None:
    """ "time" when every session of the first building week (but those in `skip`) already
    uses 90 % of its minutes or has less than the three minutes a new exercise needs (two
    short sets and a changeover); "exercises" when each already holds the most exercises
    soft-9 allows (another would break that rule, not just the planner's own limit of eight);
    else None."""
    from forgefit.training.review_core import _session_total

    budget = reviewer.profile.minutes_per_session * 60
    week = next((w for w in reviewer.program.weeks if not w.deload), None)
    if week is None:
        return None
    full = min(FULL_WEEK_SHARE * budget, budget - NEW_EXERCISE_SECONDS)
    sessions = [se for i, se in enumerate(week.sessions) if i not in skip]
    if all(_session_total(reviewer, session) >= full for session in sessions):
        return "time"
    if all(len(se.exercises) >= EXERCISES_PER_SESSION[1] for se in sessions):
        return "exercises"
    return None


def check_direct_work(reviewer: _Reviewer, entries: list[_Entry], short_week: bool) -> None:
    """coach-5: hypertrophy programs train the side delts directly, and intermediate and
    advanced ones the calves (direct_work_needs)."""
    profile = reviewer.profile
    sessions = len(reviewer.program.weeks[0].sessions) if reviewer.program.weeks else 0
    for muscle, wanted in direct_work_needs(profile.goal, profile.experience, sessions):
        name = muscle.replace("-", " ")
        possible = any(f.exercise.target == muscle for f in reviewer.pool.allowed)
        sets = _direct_sets(entries, muscle)
        reviewer.record(
            COACH_DIRECT_WORK,
            sets >= wanted,
            f"the {name} get {sets:g} direct weekly sets; a hypertrophy program gives them "
            f"at least {wanted:g}. Fix: add a {'lateral' if muscle == 'side-delts' else 'calf'} "
            "raise.",
            limited_by="equipment"
            if not possible
            else ("time" if short_week or _week_is_full(reviewer) == "time" else None),
            value=sets,
            target=f">= {wanted:g} sets",
        )


def check_focus(reviewer: _Reviewer, data: TrainingData, entries: list[_Entry]) -> None:
    """coach-7: each focus group gets its key exercise (the best-tier staple of a key
    movement: hip thrust for glutes ...) in two sessions a week."""
    profile = reviewer.profile
    allowed = list(reviewer.pool.allowed)
    need = 2 if profile.days_per_week >= 2 else 1
    band = VOLUME_BANDS[profile.goal][profile.experience]
    weekly = _weekly(entries, loaded=True)
    for group in profile.focus:
        movements = [m for m in data.movements.values() if group in m.key_for]
        keys: set[str] = set()
        for movement in movements:
            best = best_tier(movement, allowed)
            if best is None:
                continue
            keys.update(
                f.slug
                for f in allowed
                if movement.staple_tier(f.slug) is not None
                and movement.staple_tier(f.slug) <= best  # type: ignore[operator]
                and qualifies(f.exercise, movement, data)
            )
        if not keys:
            continue
        sessions = {e.session for e in entries if e.facts.slug in keys}
        names = sorted(f.exercise.name for f in allowed if f.slug in keys)[:2]
        reviewer.record(
            COACH_FOCUS,
            len(sessions) >= need,
            f"{group} is a focus but its key exercise ({' or '.join(names)}) is in "
            f"{len(sessions)} session(s) a week. Fix: put it in {need}.",
            # Only the sessions without the key exercise could take it.
            limited_by="volume"
            if weekly.get(group, 0.0) >= band.maximum - 1
            else _week_is_full(reviewer, skip=sessions),
            value=float(len(sessions)),
            target=f">= {need} sessions",
        )


def check_time(reviewer: _Reviewer, week: Any, entries: list[_Entry]) -> None:
    """coach-9: sessions use the minutes they were given (up to 90 of them) while weekly
    volume is short."""
    from forgefit.training.review_core import _banded_groups, _session_total

    profile = reviewer.profile
    band = VOLUME_BANDS[profile.goal][profile.experience]
    weekly = _weekly(entries)
    banded = _banded_groups(reviewer)
    # Time is "limited by volume" when the week already brings the groups to about their
    # targets overall (each group counted up to its target): more sets would only overshoot.
    # A group nothing the person may do is aimed at (biceps with body weight only) cannot be
    # brought up by more minutes: it counts as far as it got.
    trainable = {f.target_group for f in reviewer.pool.allowed}
    targets = {
        g: (band.focus_target if g in profile.focus else band.target)
        if g in trainable
        else min(weekly.get(g, 0.0), band.target)
        for g in banded
    }
    reached = sum(min(weekly.get(g, 0.0), t) for g, t in targets.items())
    done = reached >= 0.9 * sum(targets.values())
    budget = profile.minutes_per_session
    useful = min(budget, USEFUL_SESSION_MINUTES)
    for session in week.sessions:
        used = minutes(_session_total(reviewer, session))
        ok = used >= TIME_USED_SHARE * useful
        # A session already holding the most exercises a planner gives has no room left that
        # is not more sets of the same (which the weekly bands then cap).
        crowded = len(session.exercises) >= MAX_EXERCISES_PER_SESSION
        used_text = (
            f"{session.name} ({WEEKDAYS[session.day - 1]}) uses {used} of its {budget} minutes"
        )
        if done:
            # Said as it is: the minutes are left free on purpose, not for want of a fix.
            message = (
                f"{used_text}; the week already brings every muscle group to about its "
                "target, so more sets would only overshoot; the spare minutes are left free."
            )
        elif crowded:
            message = (
                f"{used_text} while weekly volume is still short of target, but the session "
                "already holds the most exercises a planner gives. Fix: add a set to its main "
                "lifts where your recovery allows."
            )
        else:
            message = (
                f"{used_text} while weekly volume is still short of target. Fix: add sets to "
                "the main lifts or an accessory for the groups below target."
            )
        reviewer.record(
            COACH_TIME,
            ok,
            message,
            limited_by="volume" if done else ("exercises" if crowded else None),
            value=float(used),
            target=f">= {TIME_USED_SHARE:.0%} of {useful} min",
            day=session.day,
            week=week.week,
        )


def check_conditioning(reviewer: _Reviewer, entries: list[_Entry]) -> None:
    """coach-10: general fitness includes conditioning (intervals or a circuit)."""
    profile = reviewer.profile
    if profile.goal != "general-fitness":
        return
    present = any(is_conditioning(e.facts.exercise) for e in entries)
    possible = bool(reviewer.pool.conditioning)
    short = profile.minutes_per_session < SHORT_SESSION_MINUTES
    reviewer.record(
        COACH_CONDITIONING,
        present,
        "a general-fitness week has no conditioning block. Fix: add intervals (bike, rower, "
        "jumping jacks) at the end of a session.",
        limited_by="equipment" if not possible else ("time" if short else None),
    )


def check_coach(
    reviewer: _Reviewer, building: list[Any], by_week: Mapping[int, list[_Entry]]
) -> None:
    if not building:
        return
    data = training_data()
    first = building[0]
    entries = by_week.get(first.week, [])
    profile = reviewer.profile
    short_week = profile.days_per_week * profile.minutes_per_session < SHORT_WEEK_MINUTES
    check_staples(reviewer, data, entries, short_week)
    check_patterns(reviewer, data, entries, short_week)
    check_compounds(reviewer, building, by_week)
    check_arms(reviewer, entries)
    check_direct_work(reviewer, entries, short_week)
    check_prescriptions(reviewer, data, [e for w in building for e in by_week.get(w.week, [])])
    check_focus(reviewer, data, entries)
    check_injuries(reviewer, entries)
    check_time(reviewer, first, entries)
    check_conditioning(reviewer, entries)

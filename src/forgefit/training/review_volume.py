"""Soft rules 1, 2 and 4 (coverage, weekly sets, spacing between hard sessions) and the goal's
prescriptions (strength main lifts, endurance reps)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from typing import Any

from forgefit.training.review_core import (
    _banded_groups,
    _Entry,
    _Reviewer,
    _room_for,
    _session_credits,
    _week,
    _weeks_text,
)
from forgefit.training.rule_catalog import SOFT_COVERAGE, SOFT_SPACING, SOFT_VOLUME
from forgefit.training.rules import (
    ENDURANCE_MIN_REPS,
    HARD_LOAD_CREDIT,
    MAX_WEEKLY_SETS_PER_GROUP,
    SPACING_REST_DAYS,
    STRENGTH_MAIN_LIFT_MAX_REPS,
    STRENGTH_MAIN_LIFT_SETS,
    TRAINED_CREDIT,
    VOLUME_BANDS,
    WEEKDAYS,
)


def _check_coverage_volume_spacing(
    reviewer: _Reviewer, building: list[Any], by_week: Mapping[int, list[_Entry]]
) -> None:
    profile = reviewer.profile
    vocab = reviewer.catalog.vocab
    band = VOLUME_BANDS[profile.goal][profile.experience]
    groups = _banded_groups(reviewer)
    # Collect per group and week; report each group once with the weeks it misses.
    coverage_misses: dict[str, list[tuple[int, int, int]]] = defaultdict(list)
    volume_misses: dict[str, list[tuple[int, float, float]]] = defaultdict(list)
    spacing_misses: dict[str, list[tuple[int, str]]] = defaultdict(list)
    over_cap: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for week in building:
        entries = by_week.get(week.week, [])
        credits = _session_credits(entries)
        loads = _session_credits(entries, load=True)
        sessions = week.sessions
        need = 2 if len(sessions) >= 2 else 1
        weekly: dict[str, float] = defaultdict(float)
        for per_session in credits.values():
            for g, c in per_session.items():
                weekly[g] += c
        # The band maximum is a recovery limit: it counts the credits that load the group,
        # not the half-sets of a muscle that only steadies a lift (pool.STABILISER_CREDITS,
        # the table the planner uses). Every credit counts toward the minimum and the cap.
        loaded: dict[str, float] = defaultdict(float)
        for per_session in loads.values():
            for g, c in per_session.items():
                loaded[g] += c
        for g in groups:
            trained = sum(
                1 for s in range(len(sessions)) if credits[s].get(g, 0.0) >= TRAINED_CREDIT
            )
            if trained < need:
                coverage_misses[g].append((week.week, trained, need))
            volume = weekly.get(g, 0.0)
            if not (
                band.minimum <= volume
                and loaded.get(g, 0.0) <= min(band.maximum, MAX_WEEKLY_SETS_PER_GROUP)
            ):
                volume_misses[g].append((week.week, volume, loaded.get(g, 0.0)))
            problem = _spacing_problem(sessions, loads, g)
            if problem:
                spacing_misses[g].append((week.week, problem))
        for g, volume in loaded.items():
            if g not in groups and volume > MAX_WEEKLY_SETS_PER_GROUP:
                over_cap[g].append((week.week, volume))
    if not building:
        return
    first_week = building[0]
    for g in groups:
        name = vocab.muscle_groups[g].name
        misses = coverage_misses.get(g, [])
        if misses:
            week_number, trained, need = misses[0]
            fix, limited = _room_for(reviewer, g, 1, first_week)
            if need == 2 and profile.days_per_week < 2:
                limited = "days"
            reviewer.record(
                SOFT_COVERAGE,
                False,
                f"{name} is trained in {trained} session{'s' if trained != 1 else ''} a week "
                f"({_weeks_text([m[0] for m in misses])}); target >= {need}. Fix: {fix}.",
                limited_by=limited,
                value=float(trained),
                target=f">= {need} sessions",
                fix=fix,
                week=week_number,
            )
        else:
            reviewer.record(SOFT_COVERAGE, True)
        vmisses = volume_misses.get(g, [])
        if vmisses:
            week_number, volume, loading = vmisses[0]
            target = f"{band.describe()} sets"
            goal = f"{profile.goal} ({profile.experience})"
            counted = f"{volume:g} hard sets a week"
            if volume < band.minimum:
                fix, limited = _room_for(
                    reviewer, g, band.minimum - volume, _week(building, week_number)
                )
                side = "below"
            else:
                over = loading - min(band.maximum, MAX_WEEKLY_SETS_PER_GROUP)
                fix, limited = (f"drop {over:g} weekly sets that train {name.lower()}", None)
                side = "above"
                if loading < volume:
                    counted = (
                        f"{loading:g} hard sets a week (not counting half-sets where it only "
                        "steadies a lift)"
                    )
            reviewer.record(
                SOFT_VOLUME,
                False,
                f"{name} gets {counted} "
                f"({_weeks_text([m[0] for m in vmisses])}), {side} the {band.describe()} band "
                f"for {goal}. Fix: {fix}.",
                limited_by=limited,
                value=volume if volume < band.minimum else loading,
                target=target,
                fix=fix,
                week=week_number,
            )
        else:
            reviewer.record(SOFT_VOLUME, True)
        smisses = spacing_misses.get(g, [])
        if smisses:
            week_number, problem = smisses[0]
            # Seven days leave no rest day; that excuses back-to-back sessions, not long gaps.
            limited = "days" if profile.days_per_week >= 7 and "no rest day" in problem else None
            fix = "move one of those sessions' work for this group to another day"
            reviewer.record(
                SOFT_SPACING,
                False,
                f"{name}: {problem} ({_weeks_text([m[0] for m in smisses])}); target "
                f"{SPACING_REST_DAYS[0]}-{SPACING_REST_DAYS[1]} rest days between sessions that "
                f"load it hard. Fix: {fix}.",
                limited_by=limited,
                target="1-3 rest days",
                fix=fix,
                week=week_number,
            )
        else:
            reviewer.record(SOFT_SPACING, True)
    for g, cap_misses in over_cap.items():
        week_number, volume = cap_misses[0]
        reviewer.record(
            SOFT_VOLUME,
            False,
            f"{vocab.muscle_groups[g].name} gets {volume:g} sets a week, above the "
            f"~{MAX_WEEKLY_SETS_PER_GROUP:g} any group should get. Fix: drop some of its sets.",
            value=volume,
            target=f"<= {MAX_WEEKLY_SETS_PER_GROUP:g}",
            week=week_number,
        )
    _check_goal_prescriptions(reviewer, [e for w in building for e in by_week.get(w.week, [])])


def _spacing_problem(
    sessions: list[Any], credits: Mapping[int, Mapping[str, float]], group: str
) -> str:
    days = sorted(
        session.day
        for s, session in enumerate(sessions)
        if credits.get(s, {}).get(group, 0.0) >= HARD_LOAD_CREDIT
    )
    if len(days) < 2:
        return ""
    low, high = SPACING_REST_DAYS
    for index, day in enumerate(days):
        following = days[(index + 1) % len(days)] + (7 if index + 1 == len(days) else 0)
        rest = following - day - 1
        if rest < low:
            return (
                f"loaded hard on {WEEKDAYS[day - 1]} and {WEEKDAYS[(following - 1) % 7]} "
                "with no rest day between"
            )
        if rest > high:
            until = WEEKDAYS[(following - 1) % 7]
            return f"{rest} rest days between its hard sessions ({WEEKDAYS[day - 1]} to {until})"
    return ""


def _check_goal_prescriptions(reviewer: _Reviewer, entries: list[_Entry]) -> None:
    """Soft-2's goal-specific parts: strength main lifts 2-5 sets of <= 6 reps (beginners work
    at 6-10 by the prescription table, so they are exempt); endurance sets of >= 12 reps."""
    profile = reviewer.profile
    seen: set[tuple[str, int]] = set()
    for entry in entries:
        item = entry.item
        key = (item.slug, entry.day)
        if key in seen or item.reps is None:
            continue
        seen.add(key)
        if profile.goal == "strength" and entry.role == "main" and profile.experience != "beginner":
            low, high = STRENGTH_MAIN_LIFT_SETS
            ok = low <= item.sets <= high and item.reps[1] <= STRENGTH_MAIN_LIFT_MAX_REPS
            reviewer.record(
                SOFT_VOLUME,
                ok,
                f"main lift {item.name or item.slug} in {entry.where} is {item.sets} sets of "
                f"{item.reps[0]}-{item.reps[1]}; strength main lifts are {low}-{high} sets of "
                f"<= {STRENGTH_MAIN_LIFT_MAX_REPS} reps. Fix: use 3-5 sets of 3-6 reps.",
                value=float(item.reps[1]),
                target=f"{low}-{high} sets of <= 6 reps",
                week=entry.week,
                day=entry.day,
                slug=item.slug,
            )
        if profile.goal == "endurance":
            ok = item.reps[0] >= 12
            reviewer.record(
                SOFT_VOLUME,
                ok,
                f"{item.name or item.slug} in {entry.where} is {item.reps[0]}-{item.reps[1]} "
                f"reps; endurance sets are >= {ENDURANCE_MIN_REPS} reps. Fix: use 12-20 reps.",
                value=float(item.reps[0]),
                target=f">= {ENDURANCE_MIN_REPS} reps",
                week=entry.week,
                day=entry.day,
                slug=item.slug,
            )

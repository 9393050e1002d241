"""Hard rules 1-6 (TRAINING.md): every exercise possible for the person, each session within
its minutes, loads that step at most 10 % and prescriptions people can do."""

from __future__ import annotations

import math

from forgefit.catalog.vocabulary import Vocabulary
from forgefit.training.pool import (
    ExerciseFacts,
    difficulty_gap,
    equipment_phrase,
    in_vocabulary_order,
    injury_reason,
)
from forgefit.training.prescription import (
    minutes,
)
from forgefit.training.profile import Profile
from forgefit.training.program import Program
from forgefit.training.review_core import (
    _Entry,
    _first_by_slug,
    _replacement,
    _Reviewer,
    _session_total,
    _weeks_text,
)
from forgefit.training.rule_catalog import (
    HARD_DIFFICULTY,
    HARD_EQUIPMENT,
    HARD_INJURY,
    HARD_LOAD_STEP,
    HARD_POSSIBLE,
    HARD_TIME,
)
from forgefit.training.rules import MAX_LOAD_STEP_PERCENT, WEEKDAYS, max_reps_at_percent


def _check_exercises(reviewer: _Reviewer, entries: list[_Entry]) -> None:
    profile = reviewer.profile
    vocab = reviewer.catalog.vocab
    for slug, found in _first_by_slug(entries).items():
        first = found[0]
        facts = first.facts
        reasons = _broken_rules(facts, profile, vocab)
        weeks = sorted({e.week for e in found})
        fix = _replacement(reviewer, facts) if reasons else None
        for rule in (HARD_EQUIPMENT, HARD_INJURY, HARD_DIFFICULTY):
            why = reasons.get(rule)
            message = ""
            if why:
                message = (
                    f"{facts.exercise.name} ({_weeks_text(weeks)}) is not allowed: {why}. "
                    f"Fix: {fix}."
                )
            reviewer.record(
                rule, why is None, message, fix=fix, week=first.week, day=first.day, slug=slug
            )


def _broken_rules(facts: ExerciseFacts, profile: Profile, vocab: Vocabulary) -> dict[str, str]:
    """Every hard rule among 1, 2 and 4 the exercise breaks for this profile, with the reason."""
    exercise = facts.exercise
    reasons: dict[str, str] = {}
    lacking = exercise.requires - profile.equipment_set
    missing = in_vocabulary_order(vocab, lacking) if lacking else []
    if missing:
        reasons[HARD_EQUIPMENT] = f"it needs {equipment_phrase(vocab, missing)}"
    if exercise.slug in profile.exclude:
        reasons[HARD_INJURY] = "you excluded it"
    else:
        injury = injury_reason(exercise, profile.injury_map)
        if injury:
            reasons[HARD_INJURY] = injury
    if difficulty_gap(exercise, profile) > 1:
        reasons[HARD_DIFFICULTY] = (
            f"it is {exercise.difficulty}, more than one level above {profile.experience}"
        )
    return reasons


def _check_time(reviewer: _Reviewer, program: Program) -> None:
    budget = reviewer.profile.minutes_per_session
    for week in program.weeks:
        for session in week.sessions:
            total = _session_total(reviewer, session)
            needed = minutes(total)
            over = total > budget * 60 + 1e-6
            message = ""
            fix = None
            if over:
                excess = math.ceil((total - budget * 60) / 60)
                biggest = max(session.exercises, key=lambda item: item.sets, default=None)
                drop = (
                    f"drop sets (say from {biggest.name or biggest.slug})"
                    if biggest
                    else "drop sets"
                )
                fix = f"{drop} to save {excess} min, or raise minutes_per_session to {needed}"
                message = (
                    f"week {week.week}, {WEEKDAYS[session.day - 1]} ({session.name}) takes "
                    f"{needed} min by the time model against a {budget}-min budget. Fix: {fix}."
                )
            reviewer.record(
                HARD_TIME,
                not over,
                message,
                value=float(needed),
                target=f"<= {budget} min",
                fix=fix,
                week=week.week,
                day=session.day,
            )


def _check_loads(reviewer: _Reviewer, entries: list[_Entry]) -> None:
    previous: dict[tuple[int, str], tuple[int, float]] = {}
    checked_steps: set[str] = set()
    for entry in entries:
        item = entry.item
        progression = item.progression
        if progression is not None and item.slug not in checked_steps:
            checked_steps.add(item.slug)
            step = progression.max_step_percent
            ok = step is None or step <= MAX_LOAD_STEP_PERCENT
            reviewer.record(
                HARD_LOAD_STEP,
                ok,
                f"{item.name or item.slug} allows {step} % load steps, above "
                f"{MAX_LOAD_STEP_PERCENT:g} %. Fix: cap each step at {MAX_LOAD_STEP_PERCENT:g} %.",
                value=step,
                target=f"<= {MAX_LOAD_STEP_PERCENT:g} %",
                slug=item.slug,
                week=entry.week,
            )
        percent = item.load_percent_1rm
        if percent is None:
            continue
        key = (entry.day, item.slug)
        if key in previous and previous[key][0] < entry.week:
            last = previous[key][1]
            rise = (percent / last - 1) * 100 if last > 0 else 0.0
            ok = rise <= MAX_LOAD_STEP_PERCENT + 1e-6
            limit = math.floor(last * (1 + MAX_LOAD_STEP_PERCENT / 100) * 2) / 2
            reviewer.record(
                HARD_LOAD_STEP,
                ok,
                f"{item.name or item.slug} goes from {last:g} % to {percent:g} % of 1RM in "
                f"{entry.where}, a {rise:.1f} % step. Fix: use at most {limit:g} %.",
                value=round(rise, 1),
                target=f"<= {MAX_LOAD_STEP_PERCENT:g} %",
                week=entry.week,
                day=entry.day,
                slug=item.slug,
            )
        previous[key] = (entry.week, percent)
        if item.reps is not None:
            top = item.reps[1]
            possible = max_reps_at_percent(percent)
            ok = percent <= 100 and top <= possible + 1e-6
            shown = "no" if possible == 0 else f"about {possible:.0f}"
            reviewer.record(
                HARD_POSSIBLE,
                ok,
                f"{item.name or item.slug} asks for {top} reps at {percent:g} % of 1RM in "
                f"{entry.where}; people manage {shown} reps at that load. Fix: lower the load "
                f"or the reps to a pair in the %1RM table.",
                value=float(top),
                target=f"<= {possible:.0f} reps at {percent:g} %",
                week=entry.week,
                day=entry.day,
                slug=item.slug,
            )

"""Coach-level checks: what an experienced strength coach catches that the TRAINING.md rules
do not (rules coach-1 to coach-10 in rule_catalog.py, each naming its source). This module
holds their shared limits and the checks of the lifts themselves (staples, patterns, compounds
first, prescriptions, injuries); coach_week.py the checks that weigh the whole week and
check_coach, which runs all ten.

They run inside `review_program` on the building weeks, recompute everything from the catalog
and the program's own prescriptions, and report like every other soft rule: a `warning` when
the program could do better, `info` with `limited_by` when the profile leaves no way to
(no equipment for it, too few minutes or days).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from forgefit.catalog.model import Exercise
from forgefit.training.pool import ExerciseFacts
from forgefit.training.prescription import HARD_BODYWEIGHT_REPS, is_hard_bodyweight
from forgefit.training.rule_catalog import (
    COACH_COMPOUNDS,
    COACH_INJURIES,
    COACH_PATTERNS,
    COACH_PRESCRIPTION,
    COACH_STAPLES,
)
from forgefit.training.rules import POWER_CATEGORIES, WEEKDAYS
from forgefit.training.templates import Movement, TrainingData

if TYPE_CHECKING:
    from forgefit.training.review_core import _Entry, _Reviewer

# The movements a program is built on, checked for staples (coach-1) and coverage (coach-2).
STAPLE_MOVEMENTS = ("squat", "hinge", "bench", "overhead-press", "row", "vertical-pull")
PATTERN_NEEDS: dict[str, tuple[str, ...]] = {
    "a horizontal press": ("bench", "incline-press", "dip"),
    "an overhead press": ("overhead-press",),
    "a row": ("row",),
    "a pull-up or pulldown": ("vertical-pull",),
    "a squat or lunge": ("squat", "lunge"),
    "a hinge or hip extension": ("hinge", "rdl", "hip-thrust", "swing", "back-extension"),
}
# A week with less than this many minutes in all cannot hold every pattern and staple.
SHORT_WEEK_MINUTES = 120
SHORT_SESSION_MINUTES = 25
ARM_FOCUS_SHARE = 1.5
# (arm group, the group it must not outgrow, sets it may always have)
ARM_BASES = (("biceps", "back", 4.0), ("triceps", "chest", 4.0), ("forearms", "back", 6.0))
FULL_WEEK_SHARE = 0.9
NEW_EXERCISE_SECONDS = 180.0  # two short sets and a changeover (the planner uses it too)
TIME_USED_SHARE = 0.7
# Minutes beyond this are room, not a target: TRAINING.md's typical sessions run 30-90 minutes,
# and past that extra sets add fatigue faster than results.
USEFUL_SESSION_MINUTES = 90
SIDE_DELT_SETS = 4.0
CALF_SETS = 6.0
# With one session a week the direct work is one exercise, capped at the main lifts' sets.
ONE_SESSION_SIDE_DELT_SETS = 3.0
ONE_SESSION_CALF_SETS = 4.0


def direct_work_needs(goal: str, experience: str, sessions: int) -> list[tuple[str, float]]:
    """coach-5's minimum weekly sets of direct work, per muscle, for this program."""
    if goal != "hypertrophy":
        return []
    one = sessions <= 1
    needs = [("side-delts", ONE_SESSION_SIDE_DELT_SETS if one else SIDE_DELT_SETS)]
    if experience != "beginner":
        needs.append(("calves", ONE_SESSION_CALF_SETS if one else CALF_SETS))
    return needs


POWER_TOP_REPS = 6
JUMP_TOP_REPS = 8
INJURY_MAX_SETS = 3
INJURY_MIN_RIR = 2


def qualifies(exercise: Exercise, movement: Movement, data: TrainingData) -> bool:
    """Whether an exercise can fill the movement (its own attributes, as slots.py reads them)."""
    if exercise.pattern not in movement.patterns:
        return False
    if movement.conditioning:
        return True
    if movement.muscles and exercise.target not in movement.muscles:
        return False
    if movement.compound and exercise.mechanic != "compound":
        return False
    return movement.patterns != {"vertical-pull"} or data.is_real_vertical_pull(exercise)


def staples_in(movement: Movement, allowed: list[ExerciseFacts]) -> list[ExerciseFacts]:
    """The allowed exercises that are staples of the movement, of its patterns, in pool order."""
    tiers, patterns = movement.tiers, movement.patterns
    return [f for f in allowed if f.slug in tiers and f.pattern in patterns]


def best_tier(movement: Movement, allowed: list[ExerciseFacts]) -> int | None:
    tiers = movement.tiers
    return min((tiers[f.slug] for f in staples_in(movement, allowed)), default=None)


def is_power(exercise: Exercise) -> bool:
    return exercise.category in POWER_CATEGORIES or exercise.pattern in ("jump", "olympic-lift")


def is_conditioning(exercise: Exercise) -> bool:
    return exercise.category == "cardio" or exercise.pattern == "locomotion"


def check_staples(
    reviewer: _Reviewer, data: TrainingData, entries: list[_Entry], short_week: bool
) -> None:
    """coach-1: the week's squat, hinge, presses and pulls include the best staple the person
    can do (strength: the very best tier; other goals: within one tier), and no main lift is
    an obscure exercise when a staple exists for its pattern."""
    profile = reviewer.profile
    # Exercises that load a mildly injured joint moderately are allowed, but a coach is right
    # to prefer a gentler lift over them: they do not set the bar for the staple.
    mild = [i.joint for i in profile.injuries if i.severity == "mild"]
    allowed = [
        f
        for f in reviewer.pool.allowed
        if not any(f.exercise.joint_stress.get(joint) == "moderate" for joint in mild)
    ]
    # Strength: the best staple there is for every movement. Size: the best press and pull,
    # and within a tier for the legs (a leg press or an RDL builds muscle as well as a back
    # squat or a deadlift). General fitness and endurance: within a tier.
    for move in STAPLE_MOVEMENTS:
        movement = data.movements[move]
        slack = 0
        if profile.goal in ("general-fitness", "endurance") or (
            profile.goal == "hypertrophy" and move in ("squat", "hinge")
        ):
            slack = 1
        staples = staples_in(movement, allowed)
        best = min((movement.tiers[f.slug] for f in staples), default=None)
        if best is None:
            continue
        done = staples_in(movement, [e.facts for e in entries])
        got = min((movement.tiers[f.slug] for f in done), default=None)
        ok = got is not None and got <= best + slack
        best_facts = [f for f in staples if movement.tiers[f.slug] == best]
        wanted = [f.exercise.name for f in best_facts][:3]
        # In a short week a coach takes a two-handed lift over a best staple done one side at
        # a time (a one-arm row takes twice the minutes): that choice is the time's.
        one_sided = all(f.sides > 1 for f in best_facts) and any(f.sides == 1 for f in done)
        reviewer.record(
            COACH_STAPLES,
            ok,
            f"the week's {movement.name} is "
            f"{'missing' if got is None else 'not one of the staples you can do'}; a coach "
            f"would use {' or '.join(wanted)}. Fix: make it the {movement.name} slot.",
            limited_by="time" if short_week and (got is None or one_sided) else None,
            target=f"a staple {movement.name}",
            week=entries[0].week if entries else None,
        )
    for entry in entries:
        exercise = entry.facts.exercise
        if entry.role != "main":
            continue
        stand_in = exercise.pattern == "vertical-pull" and not data.is_real_vertical_pull(exercise)
        if (exercise.popularity > 2 or data.is_staple(exercise)) and not stand_in:
            continue  # a common lift, or one of the staples coaches program for its movement
        options = [
            f.exercise.name
            for f in allowed
            if f.pattern == exercise.pattern
            and f.target_group == entry.facts.target_group
            and f.exercise.mechanic == "compound"
            and f.exercise.popularity >= 4
            and (f.loadable or not entry.facts.loadable)
        ]
        reason = (
            "it only stands in for a pull-up, so it is an accessory, not a main lift"
            if stand_in
            else f"few lifters use it; {', '.join(options[:2])} would serve the pattern better"
        )
        reviewer.record(
            COACH_STAPLES,
            not options and not stand_in,
            f"{exercise.name} is a main lift in {entry.where} but {reason}.",
            slug=entry.facts.slug,
            week=entry.week,
            day=entry.day,
        )


def check_patterns(
    reviewer: _Reviewer, data: TrainingData, entries: list[_Entry], short_week: bool
) -> None:
    """coach-2: horizontal and vertical push and pull, knee- and hip-dominant legs every week,
    with a real vertical pull (a pullover is never the only one when a pulldown is possible)."""
    allowed = list(reviewer.pool.allowed)
    for label, moves in PATTERN_NEEDS.items():
        movements = [data.movements[m] for m in moves]
        possible = any(qualifies(f.exercise, m, data) for f in allowed for m in movements)
        present = any(qualifies(e.facts.exercise, m, data) for e in entries for m in movements)
        fallback_present = label == "a pull-up or pulldown" and any(
            e.facts.pattern == "vertical-pull" for e in entries
        )
        if not possible:
            continue
        if label == "a pull-up or pulldown" and fallback_present and not present:
            message = (
                "the only vertical pull is a pullover or straight-arm exercise, which does not "
                "train pulling like a pull-up; Fix: use a pull-up, band-assisted pull-up or "
                "pulldown."
            )
        else:
            message = f"the week lacks {label} (one is possible). Fix: add one."
        reviewer.record(
            COACH_PATTERNS,
            present,
            message,
            limited_by="time" if short_week and not fallback_present else None,
            target=label,
        )


def check_compounds(
    reviewer: _Reviewer, building: list[Any], by_week: Mapping[int, list[_Entry]]
) -> None:
    """coach-3: a session opens with a multi-joint lift (after any power work), and no
    single-joint exercise gets more sets than the session's main lifts."""
    seen: set[tuple[int, str]] = set()
    for week in building:
        sessions: dict[int, list[_Entry]] = defaultdict(list)
        for entry in by_week.get(week.week, []):
            sessions[entry.session].append(entry)
        for items in sessions.values():
            key = (items[0].day, items[0].session_name)
            if key in seen:
                continue
            seen.add(key)
            lifts = [
                e
                for e in items
                if not is_power(e.facts.exercise)
                and e.facts.order_rank < 4  # core, carries and conditioning close a session
            ]
            compounds = [e for e in lifts if e.facts.exercise.mechanic == "compound"]
            if compounds and lifts:
                opener = lifts[0]
                reviewer.record(
                    COACH_COMPOUNDS,
                    opener.facts.exercise.mechanic == "compound",
                    f"{items[0].session_name} ({WEEKDAYS[items[0].day - 1]}) opens with "
                    f"{opener.facts.exercise.name}, a single-joint exercise. Fix: start with "
                    f"{compounds[0].facts.exercise.name}.",
                    day=items[0].day,
                    week=week.week,
                )
            mains = [e.item.sets for e in compounds if e.role == "main"]
            if not mains:
                continue
            floor = min(mains)
            for entry in lifts:
                exercise = entry.facts.exercise
                if exercise.mechanic == "compound" or entry.facts.timed:
                    continue
                reviewer.record(
                    COACH_COMPOUNDS,
                    entry.item.sets <= floor,
                    f"{exercise.name} gets {entry.item.sets} sets in {entry.where}, more than "
                    f"the main lifts' {floor}. Fix: give the main lifts at least as many sets.",
                    slug=exercise.slug,
                    day=entry.day,
                    week=entry.week,
                )


def check_prescriptions(reviewer: _Reviewer, data: TrainingData, entries: list[_Entry]) -> None:
    """coach-6: power work is 2-6 reps (jumps at most 8), advanced body-weight moves at most 6,
    drills carry no reps-in-reserve, %1RM only for barbell lifts with a known lift, and
    beginners do no plyometrics."""
    profile = reviewer.profile
    seen: set[str] = set()
    for entry in entries:
        item = entry.item
        exercise = entry.facts.exercise
        if exercise.slug in seen:
            continue
        seen.add(exercise.slug)
        if is_power(exercise) and not is_conditioning(exercise):
            top = item.reps[1] if item.reps else 0
            limit = JUMP_TOP_REPS if exercise.pattern == "jump" else POWER_TOP_REPS
            reviewer.record(
                COACH_PRESCRIPTION,
                top <= limit,
                f"{exercise.name} is power work at {top} reps; fast work stays at 2-{limit} "
                "reps. Fix: 3-5 reps, full rest.",
                slug=exercise.slug,
                week=entry.week,
            )
            reviewer.record(
                COACH_PRESCRIPTION,
                profile.experience != "beginner",
                f"{exercise.name} is plyometric or Olympic work for a beginner; start with the "
                "simple version (a squat, a deadlift) first. Fix: replace it.",
                slug=exercise.slug,
                week=entry.week,
            )
        if is_hard_bodyweight(exercise) and item.reps:
            low, high = HARD_BODYWEIGHT_REPS
            reviewer.record(
                COACH_PRESCRIPTION,
                item.reps[1] <= high,
                f"{exercise.name} is an advanced body-weight move at {item.reps[1]} reps; it "
                f"cannot be made lighter, so few people manage that many. Fix: {low}-{high} "
                "reps, or its easier version for more.",
                slug=exercise.slug,
                week=entry.week,
            )
        if data.is_drill(exercise):
            reviewer.record(
                COACH_PRESCRIPTION,
                item.rir is None,
                f"{exercise.name} is a control drill, not trained to {item.rir} reps in "
                "reserve. Fix: give it controlled reps with no reps-in-reserve target.",
                slug=exercise.slug,
                week=entry.week,
            )
        if item.load_percent_1rm is not None:
            barbell = exercise.equipment in data.barbell_style
            known = exercise.slug in profile.lifts
            reviewer.record(
                COACH_PRESCRIPTION,
                barbell and known,
                f"{exercise.name} is given at {item.load_percent_1rm:g} % of a one-rep max "
                f"{'you never gave' if not known else 'but it is not a barbell lift'}. Fix: "
                "give a starting-load instruction instead.",
                slug=exercise.slug,
                week=entry.week,
            )


def check_injuries(reviewer: _Reviewer, entries: list[_Entry]) -> None:
    """coach-8: every injury is named in the notes, and exercises that put moderate stress on
    a mildly injured joint get at most 3 sets, 2+ reps in reserve, and a reason naming it."""
    profile = reviewer.profile
    notes = " ".join(reviewer.program.notes).lower()
    seen: set[str] = set()
    for injury in profile.injuries:
        joint = injury.joint.replace("-", " ")
        reviewer.record(
            COACH_INJURIES,
            joint in notes,
            f"your {injury.severity} {joint} is not mentioned in the program's notes. Fix: "
            "say what was changed for it.",
        )
        if injury.severity != "mild":
            continue
        for entry in entries:
            item = entry.item
            if entry.facts.exercise.joint_stress.get(injury.joint) != "moderate":
                continue
            key = f"{injury.joint}:{item.slug}"
            if key in seen:
                continue
            seen.add(key)
            capped = item.sets <= INJURY_MAX_SETS and (item.rir is None or item.rir >= 2)
            named = joint in (item.why or "").lower()
            reviewer.record(
                COACH_INJURIES,
                capped and named,
                f"{entry.facts.exercise.name} loads your {joint} ({item.sets} sets, "
                f"{item.rir} in reserve) {'without saying so' if not named else ''}. Fix: at "
                "most 3 sets, 2 or more reps in reserve, and name the joint in its reason.",
                slug=item.slug,
                week=entry.week,
            )

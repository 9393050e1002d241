"""Coach-level checks: what an experienced strength coach catches that the TRAINING.md rules
do not (rules coach-1 to coach-10 in rules.py, each naming its source).

They run inside `review_program` on the building weeks, recompute everything from the catalog
and the program's own prescriptions, and report like every other soft rule: a `warning` when
the program could do better, `info` with `limited_by` when the profile leaves no way to
(no equipment for it, too few minutes or days).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Mapping
from typing import TYPE_CHECKING, Any

from forgefit.catalog.model import Exercise
from forgefit.training.pool import ExerciseFacts
from forgefit.training.prescription import HARD_BODYWEIGHT_REPS, is_hard_bodyweight, minutes
from forgefit.training.rules import (
    COACH_ARMS,
    COACH_COMPOUNDS,
    COACH_CONDITIONING,
    COACH_DIRECT_WORK,
    COACH_FOCUS,
    COACH_INJURIES,
    COACH_PATTERNS,
    COACH_PRESCRIPTION,
    COACH_STAPLES,
    COACH_TIME,
    EXERCISES_PER_SESSION,
    MAX_EXERCISES_PER_SESSION,
    POWER_CATEGORIES,
    VOLUME_BANDS,
    WEEKDAYS,
)
from forgefit.training.templates import Movement, TrainingData, training_data

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


def _best_tier(movement: Movement, allowed: list[ExerciseFacts]) -> int | None:
    present = {f.slug: f for f in allowed if f.slug in movement.tiers}
    tiers = [movement.tiers[slug] for slug, f in present.items() if f.pattern in movement.patterns]
    return min(tiers) if tiers else None


def _is_power(exercise: Exercise) -> bool:
    return exercise.category in POWER_CATEGORIES or exercise.pattern in ("jump", "olympic-lift")


def _is_conditioning(exercise: Exercise) -> bool:
    return exercise.category == "cardio" or exercise.pattern == "locomotion"


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
    _staples(reviewer, data, entries, short_week)
    _patterns(reviewer, data, entries, short_week)
    _compounds(reviewer, building, by_week)
    _arms(reviewer, entries)
    _direct_work(reviewer, entries, short_week)
    _prescriptions(reviewer, data, [e for w in building for e in by_week.get(w.week, [])])
    _focus(reviewer, data, entries)
    _injuries(reviewer, entries)
    _time(reviewer, first, entries)
    _conditioning(reviewer, entries)


def _staples(
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
        best = _best_tier(movement, allowed)
        if best is None:
            continue
        used = [
            tier
            for e in entries
            if (tier := movement.staple_tier(e.facts.slug)) is not None
            and e.facts.pattern in movement.patterns
        ]
        got = min(used) if used else None
        ok = got is not None and got <= best + slack
        wanted = [
            f.exercise.name
            for f in allowed
            if movement.staple_tier(f.slug) == best and f.pattern in movement.patterns
        ][:3]
        reviewer.record(
            COACH_STAPLES,
            ok,
            f"the week's {movement.name} is "
            f"{'missing' if got is None else 'not one of the staples you can do'}; a coach "
            f"would use {' or '.join(wanted)}. Fix: make it the {movement.name} slot.",
            limited_by="time" if short_week and got is None else None,
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


def _patterns(
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


def _compounds(
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
                if not _is_power(e.facts.exercise)
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


def _weekly(entries: list[_Entry], loaded: bool = False) -> dict[str, float]:
    """Weekly sets per group; `loaded`: without stabiliser half-sets, as the band maximum
    counts them (pool.STABILISER_CREDITS)."""
    totals: dict[str, float] = defaultdict(float)
    for entry in entries:
        for group, credit in entry.facts.load_credits if loaded else entry.facts.credits:
            totals[group] += credit * entry.item.sets
    return totals


def _arms(reviewer: _Reviewer, entries: list[_Entry]) -> None:
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


def _direct_work(reviewer: _Reviewer, entries: list[_Entry], short_week: bool) -> None:
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


def _prescriptions(reviewer: _Reviewer, data: TrainingData, entries: list[_Entry]) -> None:
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
        if _is_power(exercise) and not _is_conditioning(exercise):
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


def _focus(reviewer: _Reviewer, data: TrainingData, entries: list[_Entry]) -> None:
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
            best = _best_tier(movement, allowed)
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


def _injuries(reviewer: _Reviewer, entries: list[_Entry]) -> None:
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


def _time(reviewer: _Reviewer, week: Any, entries: list[_Entry]) -> None:
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
        reviewer.record(
            COACH_TIME,
            ok,
            f"{session.name} ({WEEKDAYS[session.day - 1]}) uses {used} of its {budget} minutes "
            "while weekly volume is still short of target. Fix: add sets to the main lifts "
            "or an accessory for the groups below target.",
            limited_by="volume" if done else ("exercises" if crowded else None),
            value=float(used),
            target=f">= {TIME_USED_SHARE:.0%} of {useful} min",
            day=session.day,
            week=week.week,
        )


def _conditioning(reviewer: _Reviewer, entries: list[_Entry]) -> None:
    """coach-10: general fitness includes conditioning (intervals or a circuit)."""
    profile = reviewer.profile
    if profile.goal != "general-fitness":
        return
    present = any(_is_conditioning(e.facts.exercise) for e in entries)
    possible = bool(reviewer.pool.conditioning)
    short = profile.minutes_per_session < SHORT_SESSION_MINUTES
    reviewer.record(
        COACH_CONDITIONING,
        present,
        "a general-fitness week has no conditioning block. Fix: add intervals (bike, rower, "
        "jumping jacks) at the end of a session.",
        limited_by="equipment" if not possible else ("time" if short else None),
    )

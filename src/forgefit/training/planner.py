"""Build a multi-week program from a profile (TRAINING.md), with its review attached.

profile --parse--> Profile as understood
        --pool---> the exercises hard rules 1, 2, 4 and the exclusions allow
        --split--> sessions on weekdays (TRAINING.md "Splits")
        --solve--> week 1: exercises and sets per session (optimiser.py)
        --weeks--> building weeks and deloads (progression.py), prescriptions, warm-ups
        --review-> every rule checked; a hard violation is a bug and is raised, never returned
"""

from __future__ import annotations

import math
import random
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from forgefit.catalog.index import Catalog
from forgefit.catalog.vocabulary import Vocabulary
from forgefit.training.errors import PlannerError, UnservableProfileError
from forgefit.training.explain import substitution_for, why_sentence
from forgefit.training.optimiser import Option, SessionSpec, WeekPlan, WeekProblem, solve_week
from forgefit.training.pool import (
    ExerciseFacts,
    Pool,
    build_pool,
    difficulty_gap,
    equipment_phrase,
    is_trainable,
    rejection,
)
from forgefit.training.prescription import (
    SetScheme,
    base_scheme,
    minutes,
    percent_for,
    ramp_up_sets,
    session_seconds,
    set_seconds,
    warmup_seconds,
)
from forgefit.training.profile import Profile, parse_profile
from forgefit.training.program import (
    PlannedExercise,
    Program,
    Progression,
    RampUpSet,
    Session,
    Substitution,
    Warmup,
    Week,
)
from forgefit.training.progression import deload_sets, deload_weeks, progression_for
from forgefit.training.review import review_program
from forgefit.training.rules import (
    CHANGEOVER_SECONDS,
    CORE_PATTERNS,
    MAX_TIMED_SECONDS,
    MAX_WEEKLY_SETS_PER_GROUP,
    NECK_SESSION_TYPES,
    PULL_PATTERNS,
    PUSH_PATTERNS,
    SESSION_PATTERNS,
    SESSIONS_PER_WEEK,
    SLOT_TEMPLATES,
    TIMED_PROGRESSION,
    VOLUME_BANDS,
    WEEKDAYS,
    PlannedSession,
    Split,
    general_warmup_minutes,
    prescription_for,
    split_for,
)

# Balance roles the week should fill, and how much a missing one costs (soft-5, soft-6; pushes
# and core are not rules of their own but a program without them is lopsided).
ROLE_WEIGHTS: dict[str, float] = {
    "knee-dominant": 12.0,
    "hip-dominant": 12.0,
    "horizontal-push": 5.0,
    "vertical-push": 5.0,
    "horizontal-pull": 10.0,
    "vertical-pull": 10.0,
    "core": 3.0,
}
MOVEMENT_ROLES = tuple(role for role in ROLE_WEIGHTS if role != "core")
# Seeded jitter on preference: different seeds pick among near-equal exercises.
SEED_JITTER = 0.2
FAVOURITE_BONUS = 0.5


def build_program(profile: Profile | Mapping[str, Any] | str | bytes, catalog: Catalog) -> Program:
    """A program for the profile, with its review. Raises ProfileError for an invalid profile,
    UnservableProfileError (a ProfileError) when no program can serve it."""
    understood = parse_profile(profile, catalog)
    pool = build_pool(catalog, understood)
    refuse_if_unservable(pool, understood, catalog)
    notes: list[str] = []
    split = _adapt_split(split_for(understood.days_per_week, understood.experience), pool, notes)
    problem, option_facts = build_week_problem(understood, pool, split, catalog.vocab)
    plan = solve_week(problem, seed=understood.seed)
    base = _base_sessions(plan, problem, option_facts, split, understood)
    notes.extend(_profile_notes(understood, pool, catalog))
    weeks = _weeks(base, understood, pool, catalog)
    program = Program(
        profile=understood,
        split=split.slug,
        split_name=split.name,
        weeks=weeks,
        weekly_sets=weeks[0].weekly_sets if weeks else {},
        notes=notes,
    )
    review = review_program(program, catalog)
    if not review.passed:
        broken = "; ".join(f.message for f in review.errors)
        raise PlannerError(f"The planner broke a hard rule (a bug, please report it): {broken}")
    program.review = review
    return program


# --- Refusal ---------------------------------------------------------------------------------


def _role_coverage(catalog: Catalog, profile: Profile) -> int:
    vocab = catalog.vocab
    covered = set()
    for exercise in catalog.exercises:
        if not is_trainable(exercise, profile) or rejection(exercise, profile, vocab):
            continue
        for role in MOVEMENT_ROLES:
            if exercise.pattern in vocab.pattern_roles.get(role, ()):
                covered.add(role)
    return len(covered)


def refuse_if_unservable(pool: Pool, profile: Profile, catalog: Catalog) -> None:
    """Refuse a profile whose allowed exercises fill none of the movement roles (squat or lunge,
    hinge, pushes, pulls): a program of core work alone serves no goal in TRAINING.md. The
    refusal lists the changes that would open the most roles."""
    if any(role in MOVEMENT_ROLES for facts in pool.allowed for role in facts.roles):
        return
    vocab = catalog.vocab
    kinds = sorted({r.kind for r in pool.rejected.values()})
    reason = (
        "every lower- and upper-body movement pattern (squat, lunge, hinge, pushes and pulls) "
        f"is ruled out by your {' and '.join(kinds) or 'profile'}."
    )
    changes: list[tuple[int, str]] = []

    def consider(text: str, **update: object) -> None:
        opened = _role_coverage(catalog, profile.model_copy(update=update))
        if opened:
            changes.append((opened, f"{text}: it opens {opened} of the 6 movement roles."))

    for preset, info in vocab.equipment_presets.items():
        if preset != profile.preset:
            equipment = sorted(set(profile.equipment) | vocab.preset_equipment(preset))
            consider(f'Use the "{preset}" preset ({info.name})', equipment=equipment)
    for position, injury in enumerate(profile.injuries):
        others = [i for i in profile.injuries if i.joint != injury.joint]
        if injury.severity == "serious":
            milder = [*others, injury.model_copy(update={"severity": "mild"})]
            consider(
                f"If your clinician agrees, mark injuries[{position}] ({injury.joint}) as mild",
                injuries=milder,
            )
        else:
            consider(
                f"Once the {injury.joint} has recovered, remove injuries[{position}]",
                injuries=others,
            )
    if profile.exclude:
        consider(f"Remove some of your {len(profile.exclude)} exclusions", exclude=[])
    changes.sort(key=lambda item: -item[0])
    advice = [text for _, text in changes[:4]] or [
        "Add equipment: a resistance band or a pair of dumbbells opens most patterns."
    ]
    raise UnservableProfileError(reason, advice)


# --- Split and the week problem --------------------------------------------------------------


def _session_patterns(kind: str, profile: Profile) -> set[str]:
    patterns = set(SESSION_PATTERNS[kind])  # type: ignore[index]
    if "neck" in profile.focus and kind in NECK_SESSION_TYPES:
        patterns.add("neck")
    return patterns


def _adapt_split(split: Split, pool: Pool, notes: list[str]) -> Split:
    """Make every session full body when the pool cannot fill a session of the split's kind
    (say, no lower-body exercise is allowed at all)."""
    available = {facts.pattern for facts in pool.allowed}
    unfillable = [
        s
        for s in split.sessions
        if not (set(SESSION_PATTERNS[s.type]) - set(CORE_PATTERNS)) & available
    ]
    if not unfillable:
        if split.note:
            notes.append(split.note)
        return split
    letters = "ABCDEFG"
    sessions = tuple(
        PlannedSession(
            s.day,
            "full-body",
            f"Full Body {letters[i]}" if len(split.sessions) > 1 else "Full Body",
        )
        for i, s in enumerate(split.sessions)
    )
    kinds = sorted({s.type for s in unfillable})
    notes.append(
        f"No allowed exercise fits a {' or '.join(kinds)} session, so every session is full "
        "body, built from what your equipment and injuries allow."
    )
    return Split("full-body", "Full body", sessions)


UNLOADED_MAIN_LIFT_COST = {"strength": 0.8, "hypertrophy": 0.5}
# Per popularity point short of 5: staples a coach would reach for first win close calls.
POPULARITY_COST = 0.5


def _preference_cost(
    facts: ExerciseFacts, profile: Profile, jitter: float, loaded_mains: bool
) -> float:
    exercise = facts.exercise
    gap = difficulty_gap(exercise, profile)
    cost = POPULARITY_COST * (5 - exercise.popularity) + 1.0 * max(0, gap) + jitter
    if gap <= -2:
        cost += 0.5  # an advanced lifter gets little from beginner drills
    if facts.main_lift and not facts.loadable and loaded_mains:
        # Heavy low-rep work needs a load that can be raised in small steps; for muscle size a
        # main lift in the 6-12 range also outgrows body weight within weeks.
        cost += UNLOADED_MAIN_LIFT_COST.get(profile.goal, 0.0)
    if facts.slug in profile.favourites:
        cost -= FAVOURITE_BONUS
    return cost


def build_week_problem(
    profile: Profile, pool: Pool, split: Split, vocab: Vocabulary
) -> tuple[WeekProblem, list[ExerciseFacts]]:
    """The week-1 selection problem for this profile (see optimiser.py for the model)."""
    groups = tuple(g for g in vocab.muscle_groups if g != "cardio")
    group_index = {g: i for i, g in enumerate(groups)}
    band = VOLUME_BANDS[profile.goal][profile.experience]
    banded = tuple(vocab.muscle_groups[g].major or g in profile.focus for g in groups)
    days = len(split.sessions)
    table = prescription_for(profile.goal, profile.experience)
    rng = random.Random(profile.seed)
    loaded_mains = any(f.main_lift and f.loadable for f in pool.allowed)
    role_names = tuple(ROLE_WEIGHTS)

    scored: list[tuple[float, ExerciseFacts, Option]] = []
    for facts in pool.allowed:
        scheme = base_scheme(facts, profile)
        option = Option(
            slug=facts.slug,
            pattern=facts.pattern,
            credits=tuple((group_index[g], c) for g, c in facts.credits if g in group_index),
            set_seconds=set_seconds(scheme, facts.sides),
            min_sets=table.sets[0],
            max_sets=table.sets[1],
            cost=_preference_cost(facts, profile, rng.random() * SEED_JITTER, loaded_mains),
            main=facts.main_lift,
            push_pull=1
            if facts.pattern in PUSH_PATTERNS
            else (-1 if facts.pattern in PULL_PATTERNS else 0),
            roles=tuple(role_names.index(r) for r in facts.roles if r in ROLE_WEIGHTS),
            favourite=facts.slug in profile.favourites,
        )
        scored.append((option.cost, facts, option))
    # Cheapest first: the search breaks ties by option order.
    scored.sort(key=lambda item: (item[0], item[1].slug))
    options = [option for _, _, option in scored]
    option_facts = [facts for _, facts, _ in scored]

    capacity_base = profile.minutes_per_session * 60.0 - warmup_seconds(profile, True)
    sessions = []
    seen_of_type: dict[str, int] = {}
    for planned in split.sessions:
        patterns = _session_patterns(planned.type, profile)
        eligible = tuple(i for i, o in enumerate(options) if o.pattern in patterns)
        # The second session of a kind starts its template further along (B days lead with
        # the hinge and the vertical lifts), so the week's sessions differ from the start.
        template = SLOT_TEMPLATES[planned.type]
        turn = seen_of_type.get(planned.type, 0)
        seen_of_type[planned.type] = turn + 1
        shift = (3 * turn) % len(template) if planned.type != "core" else 0
        sessions.append(
            SessionSpec(
                day=planned.day,
                capacity=capacity_base + CHANGEOVER_SECONDS,
                options=eligible,
                wants_main=planned.type != "core" and any(options[i].main for i in eligible),
                template=template[shift:] + template[:shift],
            )
        )
    role_available = [any(r in o.roles for o in options) for r in range(len(role_names))]
    problem = WeekProblem(
        groups=groups,
        banded=banded,
        minimum=tuple(float(band.minimum) for _ in groups),
        maximum=tuple(float(band.maximum) for _ in groups),
        target=tuple(
            float(band.focus_target if g in profile.focus else band.target) for g in groups
        ),
        need_sessions=tuple(
            (2 if days >= 2 else 1) if banded[i] else 0 for i in range(len(groups))
        ),
        spaced=banded,
        options=tuple(options),
        sessions=tuple(sessions),
        role_names=role_names,
        role_weights=tuple(
            ROLE_WEIGHTS[name] if role_available[i] else 0.0 for i, name in enumerate(role_names)
        ),
    )
    return problem, option_facts


# --- Week 1 as sessions ----------------------------------------------------------------------


@dataclass
class _Slot:
    facts: ExerciseFacts
    scheme: SetScheme
    sets: int


@dataclass
class _BaseSession:
    planned: PlannedSession
    slots: list[_Slot]
    budget_seconds: float
    # The first main lift gets the ramp-up sets (power work ahead of it is done light).
    first_main: _Slot | None = field(init=False)

    def __post_init__(self) -> None:
        self.first_main = next((s for s in self.slots if s.scheme.role == "main"), None)

    @property
    def ramp_up(self) -> bool:
        return self.first_main is not None


def session_order_key(facts: ExerciseFacts) -> tuple[int, int, float, int, str]:
    """Soft rule 3 order, then the bigger lift first, then the more popular."""
    total_credit = sum(c for _, c in facts.credits)
    return (
        facts.order_rank,
        0 if facts.main_lift else 1,
        -total_credit,
        -facts.exercise.popularity,
        facts.slug,
    )


def _base_sessions(
    plan: WeekPlan,
    problem: WeekProblem,
    option_facts: list[ExerciseFacts],
    split: Split,
    profile: Profile,
) -> list[_BaseSession]:
    sessions = []
    for s, planned in enumerate(split.sessions):
        chosen = plan[s]
        if not chosen:
            # Every session gets at least its cheapest eligible exercise (always fits: the
            # shortest budget holds the warm-up and a few sets).
            spec = problem.sessions[s]
            cheapest = min(spec.options, key=lambda o: problem.options[o].set_seconds)
            chosen = {cheapest: problem.options[cheapest].min_sets}
        slots = [
            _Slot(option_facts[o], base_scheme(option_facts[o], profile), sets)
            for o, sets in chosen.items()
        ]
        slots.sort(key=lambda slot: session_order_key(slot.facts))
        sessions.append(_BaseSession(planned, slots, profile.minutes_per_session * 60.0))
    return sessions


# --- Weeks -----------------------------------------------------------------------------------


@dataclass
class _WeekState:
    sets: list[list[int]]
    seconds: list[list[int | None]]


def _slot_seconds(slot: _Slot, seconds: int | None) -> float:
    scheme = slot.scheme
    if scheme.seconds is not None:
        scheme = SetScheme(scheme.role, None, seconds, scheme.rest_seconds, scheme.rir)
    return set_seconds(scheme, slot.facts.sides)


def _session_total(
    session: _BaseSession, profile: Profile, sets: list[int], seconds: list[int | None]
) -> float:
    warmup = warmup_seconds(profile, session.ramp_up)
    blocks = [
        (count, _slot_seconds(slot, secs))
        for slot, count, secs in zip(session.slots, sets, seconds, strict=True)
    ]
    return session_seconds(warmup, blocks)


def _weekly_sets(
    base: list[_BaseSession], sets: list[list[int]], vocab: Vocabulary
) -> dict[str, float]:
    totals: dict[str, float] = {}
    for session, counts in zip(base, sets, strict=True):
        for slot, count in zip(session.slots, counts, strict=True):
            for group, credit in slot.facts.credits:
                totals[group] = totals.get(group, 0.0) + credit * count
    return {g: totals[g] for g in vocab.muscle_groups if totals.get(g)}


def _add_volume(
    base: list[_BaseSession], state: _WeekState, profile: Profile, vocab: Vocabulary
) -> _WeekState:
    """Next building week: a few more sets where every group stays within its band ceiling
    and every session within its minutes."""
    band = VOLUME_BANDS[profile.goal][profile.experience]
    table = prescription_for(profile.goal, profile.experience)
    sets = [list(counts) for counts in state.sets]
    volume = _weekly_sets(base, sets, vocab)

    def ceiling(group: str) -> float:
        if group in profile.focus:
            return band.focus_ceiling
        if vocab.muscle_groups[group].major:
            return band.ceiling
        return MAX_WEEKLY_SETS_PER_GROUP

    total = sum(sum(counts) for counts in sets)
    allowance = max(1, round(0.1 * total))
    candidates = [
        (s, k)
        for s, session in enumerate(base)
        for k, slot in enumerate(session.slots)
        if sets[s][k] < table.sets[1]
    ]

    def room(item: tuple[int, int]) -> tuple[float, int, int, int]:
        s, k = item
        facts = base[s].slots[k].facts
        group = facts.target_group
        return (-(ceiling(group) - volume.get(group, 0.0)), 0 if facts.main_lift else 1, s, k)

    candidates.sort(key=room)
    push = sum(
        count
        for session, counts in zip(base, sets, strict=True)
        for slot, count in zip(session.slots, counts, strict=True)
        if slot.facts.pattern in PUSH_PATTERNS
    )
    pull = sum(
        count
        for session, counts in zip(base, sets, strict=True)
        for slot, count in zip(session.slots, counts, strict=True)
        if slot.facts.pattern in PULL_PATTERNS
    )
    added = 0
    for s, k in candidates:
        if added >= allowance:
            break
        facts = base[s].slots[k].facts
        if any(volume.get(g, 0.0) + c > ceiling(g) for g, c in facts.credits):
            continue
        # Soft-5: a pressing set is added only while pulling keeps up.
        if facts.pattern in PUSH_PATTERNS and push + 1 > pull:
            continue
        trial = list(sets[s])
        trial[k] += 1
        if _session_total(base[s], profile, trial, state.seconds[s]) > base[s].budget_seconds:
            continue
        sets[s] = trial
        for g, c in facts.credits:
            volume[g] = volume.get(g, 0.0) + c
        push += facts.pattern in PUSH_PATTERNS
        pull += facts.pattern in PULL_PATTERNS
        added += 1
    return _WeekState(sets, [list(seconds) for seconds in state.seconds])


def _longer_holds(
    base: list[_BaseSession], state: _WeekState, profile: Profile
) -> list[list[int | None]]:
    """Timed sets add ~10 % a week while the session still fits."""
    result: list[list[int | None]] = []
    for s, session in enumerate(base):
        seconds = list(state.seconds[s])
        for k, current in enumerate(seconds):
            if current is None:
                continue
            grown = min(MAX_TIMED_SECONDS, 5 * math.ceil(current * (1 + TIMED_PROGRESSION) / 5))
            # Never more than one 5-second step above +10 %, and only if the session fits.
            grown = min(grown, current + max(5, round(current * TIMED_PROGRESSION)))
            trial = list(seconds)
            trial[k] = grown
            if _session_total(session, profile, state.sets[s], trial) <= session.budget_seconds:
                seconds = trial
        result.append(seconds)
    return result


def _weeks(base: list[_BaseSession], profile: Profile, pool: Pool, catalog: Catalog) -> list[Week]:
    vocab = catalog.vocab
    table = prescription_for(profile.goal, profile.experience)
    deloads = set(deload_weeks(profile.weeks))
    first = _WeekState(
        [[slot.sets for slot in session.slots] for session in base],
        [[slot.scheme.seconds for slot in session.slots] for session in base],
    )
    allowed = pool.by_slug()
    explained = _explanations(base, profile, allowed, catalog)
    weeks: list[Week] = []
    state = first
    position = 0  # building weeks since the last deload
    previous_percent: dict[tuple[int, int], float] = {}
    for number in range(1, profile.weeks + 1):
        deload = number in deloads
        if deload:
            week_sets = [deload_sets(counts) for counts in state.sets]
            week_seconds = first.seconds
            rir = table.rir_easy + 1
        else:
            if position > 0:
                state = _add_volume(base, state, profile, vocab)
                state = _WeekState(state.sets, _longer_holds(base, state, profile))
            else:
                state = first
            week_sets, week_seconds = state.sets, state.seconds
            rir = max(table.rir_hard, table.rir_easy - position)
        sessions = []
        for s, session in enumerate(base):
            exercises = []
            for k, slot in enumerate(session.slots):
                scheme = slot.scheme
                percent = None
                if scheme.reps is not None and scheme.role == "main" and slot.facts.loadable:
                    percent = _week_percent(scheme.reps, rir, deload, previous_percent.get((s, k)))
                    if percent is not None:
                        previous_percent[(s, k)] = percent
                why, substitution, progression = explained[s][k]
                exercises.append(
                    PlannedExercise(
                        slug=slot.facts.slug,
                        sets=week_sets[s][k],
                        reps=list(scheme.reps) if scheme.reps else None,
                        seconds=week_seconds[s][k],
                        rest_seconds=scheme.rest_seconds,
                        rir=rir,
                        why=why,
                        name=slot.facts.exercise.name,
                        role=scheme.role,
                        pattern=slot.facts.pattern,
                        load_percent_1rm=percent,
                        progression=progression,
                        substitution=substitution,
                    )
                )
            total = _session_total(session, profile, week_sets[s], week_seconds[s])
            sessions.append(
                Session(
                    day=session.planned.day,
                    name=session.planned.name,
                    estimated_minutes=minutes(total),
                    exercises=exercises,
                    weekday=WEEKDAYS[session.planned.day - 1],
                    type=session.planned.type,
                    warmup=_warmup(session, profile),
                )
            )
        weeks.append(
            Week(
                week=number,
                deload=deload,
                sessions=sessions,
                weekly_sets=_weekly_sets(base, week_sets, vocab),
                note=_week_note(deload, position, rir),
            )
        )
        position = 0 if deload else position + 1
    return weeks


def _week_percent(
    reps: tuple[int, int], rir: int, deload: bool, previous: float | None
) -> float | None:
    """%1RM for a main lift this week: from the table for top reps + reps in reserve, never
    more than 10 % above last week (hard rule 5); a deload is ~10 % under last week."""
    if deload:
        return None if previous is None else math.floor(previous * 0.9 * 2) / 2
    percent = percent_for(reps, rir)
    if percent is None:
        return None
    if previous is not None:
        percent = min(percent, math.floor(previous * 1.1 * 2) / 2)
    return percent


def _week_note(deload: bool, position: int, rir: int) -> str:
    if deload:
        return (
            "Deload: about half the sets at ~10 % lighter loads, so fatigue clears and the "
            "next block starts fresh."
        )
    if position == 0:
        return f"Building week 1 of the block: leave {rir} reps in reserve and learn the loads."
    return f"Building week {position + 1}: a few more sets where there is room; {rir} in reserve."


def _warmup(session: _BaseSession, profile: Profile) -> Warmup:
    general_minutes = general_warmup_minutes(profile.minutes_per_session)
    lower = any(slot.facts.lower_body for slot in session.slots)
    upper = any(not slot.facts.lower_body for slot in session.slots)
    joints = ", and the ".join(
        part
        for part, wanted in (("hips, knees and ankles", lower), ("shoulders and upper back", upper))
        if wanted
    )
    general = (
        f"{general_minutes} minutes of easy cardio (brisk walk, bike, rower or skipping), then "
        f"dynamic moves for the {joints or 'joints you will use'}."
    )
    ramp: list[RampUpSet] = []
    ramp_for = None
    first = session.first_main
    if first is not None:
        ramp_for = first.facts.slug
        for percent, reps in ramp_up_sets(profile):
            if first.facts.loadable:
                ramp.append(
                    RampUpSet(
                        percent=percent,
                        reps=reps,
                        note=f"{percent} % of your first working set's load",
                    )
                )
            else:
                ramp.append(
                    RampUpSet(
                        percent=None,
                        reps=reps,
                        note="an easier variant, or the same move with a shorter range",
                    )
                )
    return Warmup(
        minutes=round(warmup_seconds(profile, session.ramp_up) / 60, 1),
        general_minutes=general_minutes,
        general=general,
        ramp_up_for=ramp_for,
        ramp_up=ramp,
    )


def _explanations(
    base: list[_BaseSession],
    profile: Profile,
    allowed: Mapping[str, ExerciseFacts],
    catalog: Catalog,
) -> list[list[tuple[str, Substitution | None, Progression]]]:
    result = []
    for session in base:
        row = []
        for slot in session.slots:
            substitution = substitution_for(slot.facts, profile, catalog)
            why = why_sentence(slot.facts, slot.scheme.role, profile, catalog, substitution)
            progression = progression_for(
                slot.facts, slot.scheme.role, profile, slot.scheme.reps, allowed, catalog
            )
            row.append((why, substitution, progression))
        result.append(row)
    return result


# --- Notes -----------------------------------------------------------------------------------


def _a(word: str) -> str:
    return f"{'an' if word[0] in 'aeiou' else 'a'} {word}"


def _profile_notes(profile: Profile, pool: Pool, catalog: Catalog) -> list[str]:
    notes = []
    low, high = SESSIONS_PER_WEEK[profile.experience]
    days = profile.days_per_week
    if days > high:
        notes.append(
            f"{days} sessions a week is more than the {low}-{high} {_a(profile.experience)} "
            "usually needs; it is planned as asked, with recovery kept between same-muscle days."
        )
    elif days < low:
        notes.append(
            f"{days} session{'s' if days != 1 else ''} a week is fewer than the {low}-{high} "
            f"{_a(profile.experience)} usually trains; weekly volume will sit at the low end."
        )
    allowed = {facts.slug for facts in pool.allowed}
    for slug in profile.favourites:
        reason = pool.rejected.get(slug)
        if reason is None and slug not in allowed:
            name = catalog.get(slug).name
            notes.append(
                f"Your favourite {name} is not a strength exercise the planner programs as "
                "sets; use it in the warm-up or on a rest day."
            )
        if reason is not None:
            notes.append(
                f"Your favourite {catalog.get(slug).name} is left out because {reason.reason}."
            )
    vocab = catalog.vocab
    available = {role for facts in pool.allowed for role in facts.roles}
    # What the same person could do with every piece of equipment: names what to buy.
    equipped = profile.model_copy(update={"equipment": list(vocab.equipment)})
    for role in ROLE_WEIGHTS:
        if role in available:
            continue
        patterns = vocab.pattern_roles.get(role, ())
        options = [
            e
            for e in catalog.exercises
            if e.pattern in patterns
            and is_trainable(e, profile)
            and rejection(e, equipped, vocab) is None
        ]
        label = role.replace("-", " ")
        if options:
            best = max(options, key=lambda e: (e.popularity, e.slug))
            missing = sorted(best.requires - profile.equipment_set)
            notes.append(
                f"No {label} exercise fits your equipment; {equipment_phrase(vocab, missing)} "
                f"would open {best.name}."
            )
        else:
            notes.append(f"No {label} exercise is allowed with your injuries and exclusions.")
    return notes

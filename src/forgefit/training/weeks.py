"""From week 1 to the whole program: building weeks, deloads, loads, warm-ups, explanations.

Building weeks add about 10 % more sets - only to compound lifts, within each group's ceiling,
the session's minutes and the same-muscle spacing - take one rep in reserve off (never below
an injury's cap), and lengthen timed holds; a deload halves the sets at ~10 % lighter loads.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from forgefit.catalog.index import Catalog
from forgefit.catalog.vocabulary import Vocabulary
from forgefit.training.explain import substitution_for, why_sentence
from forgefit.training.loads import capped_step, load_kg, starting_load_text
from forgefit.training.pool import ExerciseFacts
from forgefit.training.prescription import (
    SetScheme,
    minutes,
    percent_for,
    ramp_up_sets,
    session_seconds,
    set_seconds,
    warmup_seconds,
)
from forgefit.training.profile import Profile
from forgefit.training.program import (
    PlannedExercise,
    Progression,
    RampUpSet,
    Session,
    Substitution,
    Warmup,
    Week,
)
from forgefit.training.progression import deload_sets, deload_weeks
from forgefit.training.rules import (
    HARD_LOAD_CREDIT,
    MAX_TIMED_SECONDS,
    MAX_WEEKLY_SETS_PER_GROUP,
    PULL_PATTERNS,
    PUSH_PATTERNS,
    TIMED_PROGRESSION,
    VOLUME_BANDS,
    WEEKDAYS,
    general_warmup_minutes,
    prescription_for,
)
from forgefit.training.templates import TrainingData
from forgefit.training.week_parts import INJURY_MIN_RIR, BuiltSession, Slot, indirect_limit


@dataclass
class WeekState:
    sets: list[list[int]]
    seconds: list[list[int | None]]


@dataclass(frozen=True)
class Explained:
    why: str
    substitution: Substitution | None
    progression: Progression


def slot_seconds(slot: Slot, seconds: int | None) -> float:
    scheme = slot.scheme
    if scheme.seconds is None or seconds == scheme.seconds:
        return slot.per_set  # the week-1 figure, worked out when the slot was made
    # A timed hold grown since week 1: the same scheme at the week's seconds.
    longer = SetScheme(scheme.role, None, seconds, scheme.rest_seconds, scheme.rir)
    return set_seconds(longer, slot.facts.sides)


def session_total(
    session: BuiltSession, profile: Profile, sets: list[int], seconds: list[int | None]
) -> float:
    blocks = [
        (count, slot_seconds(slot, secs))
        for slot, count, secs in zip(session.slots, sets, seconds, strict=True)
    ]
    return session_seconds(session.warmup_seconds(profile), blocks)


def weekly_sets(
    base: list[BuiltSession], sets: list[list[int]], vocab: Vocabulary, loaded: bool = False
) -> dict[str, float]:
    """Weekly sets per group; `loaded`: without stabiliser half-sets (what the band maximum
    caps, pool.STABILISER_CREDITS)."""
    totals: dict[str, float] = {}
    for session, counts in zip(base, sets, strict=True):
        for slot, count in zip(session.slots, counts, strict=True):
            for group, credit in slot.facts.load_credits if loaded else slot.facts.credits:
                totals[group] = totals.get(group, 0.0) + credit * count
    return {g: totals[g] for g in vocab.muscle_groups if totals.get(g)}


def _session_load(session: BuiltSession, counts: list[int], group: str) -> float:
    """The group's load in the session as recovery sees it (soft rule 4)."""
    return sum(
        credit * count
        for slot, count in zip(session.slots, counts, strict=True)
        for g, credit in slot.facts.load_credits
        if g == group
    )


def add_volume(
    base: list[BuiltSession], state: WeekState, profile: Profile, vocab: Vocabulary
) -> WeekState:
    """Next building week: about 10 % more sets, on compound lifts only. Week 1 stops short
    of the ceiling; the building weeks may take a group up to its band maximum (the most
    sets that still help), lowest groups first."""
    band = VOLUME_BANDS[profile.goal][profile.experience]
    sets = [list(counts) for counts in state.sets]
    volume = weekly_sets(base, sets, vocab)
    loaded = weekly_sets(base, sets, vocab, loaded=True)

    def ceiling(group: str) -> float:
        if group in profile.focus:
            return band.focus_ceiling
        if vocab.muscle_groups[group].major:
            return min(band.ceiling, band.maximum)
        return MAX_WEEKLY_SETS_PER_GROUP

    def maximum(group: str) -> float:
        if group in profile.focus or vocab.muscle_groups[group].major:
            return min(band.maximum, MAX_WEEKLY_SETS_PER_GROUP)
        return MAX_WEEKLY_SETS_PER_GROUP

    total = sum(sum(counts) for counts in sets)
    allowance = max(1, round(0.1 * total))
    candidates = [
        (s, k)
        for s, session in enumerate(base)
        for k, slot in enumerate(session.slots)
        if sets[s][k] < slot.max_sets
        and slot.compound
        and slot.spec.tier in ("main", "secondary")
        and not (slot.power or slot.conditioning or slot.drill)
    ]
    candidates.sort(
        key=lambda item: (
            -(ceiling(base[item[0]].slots[item[1]].facts.target_group)
              - volume.get(base[item[0]].slots[item[1]].facts.target_group, 0.0)),
            item,
        )
    )  # fmt: skip
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
        if any(
            loaded.get(g, 0.0) + c
            > (maximum(g) if g == facts.target_group else indirect_limit(g, maximum(g))) + 1e-6
            for g, c in facts.load_credits
        ):
            continue
        if facts.pattern in PUSH_PATTERNS and push + 1 > pull:
            continue
        trial = list(sets[s])
        trial[k] += 1
        if session_total(base[s], profile, trial, state.seconds[s]) > base[s].budget + 1e-6:
            continue
        if not _spacing_ok(base, sets, s, trial, facts):
            continue
        sets[s] = trial
        for g, c in facts.credits:
            volume[g] = volume.get(g, 0.0) + c
        for g, c in facts.load_credits:
            loaded[g] = loaded.get(g, 0.0) + c
        push += facts.pattern in PUSH_PATTERNS
        pull += facts.pattern in PULL_PATTERNS
        added += 1
    return WeekState(sets, [list(seconds) for seconds in state.seconds])


def _spacing_ok(
    base: list[BuiltSession], sets: list[list[int]], s: int, trial: list[int], facts: ExerciseFacts
) -> bool:
    day = base[s].planned.day
    for group, _ in facts.load_credits:
        if _session_load(base[s], trial, group) < HARD_LOAD_CREDIT:
            continue
        for o, other in enumerate(base):
            near = o != s and (other.planned.day - day) % 7 in (1, 6)
            if near and _session_load(other, sets[o], group) >= HARD_LOAD_CREDIT:
                return False
    return True


def longer_holds(
    base: list[BuiltSession], state: WeekState, profile: Profile
) -> list[list[int | None]]:
    """Timed sets add ~10 % a week while the session still fits (intervals stay as set)."""
    result: list[list[int | None]] = []
    for s, session in enumerate(base):
        seconds = list(state.seconds[s])
        for k, current in enumerate(seconds):
            if current is None or session.slots[k].conditioning:
                continue
            grown = min(MAX_TIMED_SECONDS, 5 * math.ceil(current * (1 + TIMED_PROGRESSION) / 5))
            grown = min(grown, current + max(5, round(current * TIMED_PROGRESSION)))
            trial = list(seconds)
            trial[k] = grown
            if session_total(session, profile, state.sets[s], trial) <= session.budget + 1e-6:
                seconds = trial
        result.append(seconds)
    return result


def week_percent(
    reps: tuple[int, int], rir: int, deload: bool, previous: float | None
) -> float | None:
    """%1RM this week: the table's figure for top reps + reps in reserve, never more than
    10 % above last week (hard rule 5); a deload is ~10 % under last week."""
    if deload:
        return None if previous is None else math.floor(previous * 0.9 * 2) / 2
    percent = percent_for(reps, rir)
    if percent is None:
        return None
    if previous is not None:
        percent = min(percent, math.floor(previous * 1.1 * 2) / 2)
    return percent


def week_note(deload: bool, position: int, rir: int) -> str:
    if deload:
        return (
            "Deload: about half the sets at ~10 % lighter loads, so fatigue clears and the "
            "next block starts fresh."
        )
    if position == 0:
        return f"Building week 1 of the block: leave {rir} reps in reserve and learn the loads."
    return f"Building week {position + 1}: a few more sets where there is room; {rir} in reserve."


def warmup(session: BuiltSession, profile: Profile) -> Warmup:
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
    first = next((s for s in session.slots if s.scheme.role == "main"), None)
    ramp_for = None
    if first is not None:
        ramp_for = first.facts.slug
        for percent, reps in ramp_up_sets(profile):
            if first.facts.loadable:
                note = f"{percent} % of your first working set's load"
                ramp.append(RampUpSet(percent=percent, reps=reps, note=note))
            else:
                note = "an easier variant, or the same move with a shorter range"
                ramp.append(RampUpSet(percent=None, reps=reps, note=note))
    return Warmup(
        minutes=round(warmup_seconds(profile, session.has_main) / 60, 1),
        general_minutes=general_minutes,
        general=general,
        ramp_up_for=ramp_for,
        ramp_up=ramp,
    )


def build_weeks(
    base: list[BuiltSession],
    profile: Profile,
    explained: list[list[Explained]],
    catalog: Catalog,
    data: TrainingData,
) -> list[Week]:
    vocab = catalog.vocab
    table = prescription_for(profile.goal, profile.experience)
    deloads = set(deload_weeks(profile.weeks))
    first = WeekState(
        [[slot.sets for slot in session.slots] for session in base],
        [[slot.scheme.seconds for slot in session.slots] for session in base],
    )
    weeks: list[Week] = []
    state = first
    position = 0
    previous_percent: dict[tuple[int, int], float] = {}
    previous_kg: dict[tuple[int, int], float] = {}
    # A session's warm-up depends only on its exercises, which every week shares.
    warmups = [warmup(session, profile) for session in base]
    for number in range(1, profile.weeks + 1):
        deload = number in deloads
        if deload:
            week_sets = [deload_sets(counts) for counts in state.sets]
            week_seconds = first.seconds
            rir = table.rir_easy + 1
        else:
            if position > 0:
                state = add_volume(base, state, profile, vocab)
                state = WeekState(state.sets, longer_holds(base, state, profile))
            else:
                state = first
            week_sets, week_seconds = state.sets, state.seconds
            rir = max(table.rir_hard, table.rir_easy - position)
        sessions = []
        for s, session in enumerate(base):
            exercises = [
                _planned(
                    slot,
                    (s, k),
                    week_sets[s][k],
                    week_seconds[s][k],
                    rir,
                    deload,
                    explained[s][k],
                    profile,
                    data,
                    previous_percent,
                    previous_kg,
                )
                for k, slot in enumerate(session.slots)
            ]
            total = session_total(session, profile, week_sets[s], week_seconds[s])
            sessions.append(
                Session.model_construct(
                    day=session.planned.day,
                    name=session.planned.name,
                    estimated_minutes=minutes(total),
                    exercises=exercises,
                    weekday=WEEKDAYS[session.planned.day - 1],
                    type=session.planned.type,
                    warmup=warmups[s],
                )
            )
        weeks.append(
            Week.model_construct(
                week=number,
                deload=deload,
                sessions=sessions,
                weekly_sets=weekly_sets(base, week_sets, vocab),
                note=week_note(deload, position, rir),
            )
        )
        position = 0 if deload else position + 1
    return weeks


def _planned(
    slot: Slot,
    key: tuple[int, int],
    sets: int,
    seconds: int | None,
    week_rir: int,
    deload: bool,
    explained: Explained,
    profile: Profile,
    data: TrainingData,
    previous_percent: dict[tuple[int, int], float],
    previous_kg: dict[tuple[int, int], float],
) -> PlannedExercise:
    scheme = slot.scheme
    rir: int | None = None
    if scheme.rir is not None:
        rir = week_rir
        if slot.capped_joints:
            rir = max(rir, INJURY_MIN_RIR)
    equipment = slot.facts.exercise.equipment
    lift = profile.lifts.get(slot.facts.slug)
    percent = None
    kg = None
    load_text = None
    if scheme.reps is not None and rir is not None and lift is not None:
        percent = week_percent(scheme.reps, rir, deload, previous_percent.get(key))
        if percent is not None:
            previous_percent[key] = percent
            kg = load_kg(lift, percent, equipment)
            last = previous_kg.get(key)
            if last is not None and not deload:
                kg = capped_step(kg, last, equipment)
            previous_kg[key] = kg
            load_text = f"{kg:g} kg"
        if equipment not in data.barbell_style:
            percent = None  # kilograms, but %1RM only for barbell-style lifts
    elif scheme.reps is not None and rir is not None and slot.facts.loadable:
        load_text = starting_load_text(profile.experience, rir, scheme.reps)
    # Built from checked parts, so pydantic's validation is skipped (the review re-reads it).
    return PlannedExercise.assembled(
        {
            "slug": slot.facts.slug,
            "sets": sets,
            "reps": list(scheme.reps) if scheme.reps else None,
            "seconds": seconds,
            "rest_seconds": scheme.rest_seconds,
            "rir": rir,
            "why": explained.why,
            "name": slot.facts.exercise.name,
            "role": scheme.role,
            "pattern": slot.facts.pattern,
            "load_percent_1rm": percent,
            "progression": explained.progression,
            "substitution": explained.substitution,
            "tier": slot.spec.tier,
            "load_kg": kg,
            "load": load_text,
        }
    )


def explain_all(
    base: list[BuiltSession],
    profile: Profile,
    catalog: Catalog,
    injury_swaps: dict[str, Substitution],
    progressions: dict[str, Progression],
) -> list[list[Explained]]:
    result = []
    for session in base:
        row = []
        for slot in session.slots:
            substitution = injury_swaps.get(slot.facts.slug) or substitution_for(
                slot.facts, profile, catalog
            )
            why = why_sentence(slot, profile, catalog, substitution)
            row.append(Explained(why, substitution, progressions[slot.facts.slug]))
        result.append(row)
    return result

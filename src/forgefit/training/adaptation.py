"""The next session from what was logged: progression, effort, stalls, time off and injuries.

Pure functions: a program, the person's logged workouts and injury reports go in; the next
session's targets and every change with its reason come out. Storage calls this; nothing here
knows about databases or HTTP. The rules (docs/adaptation.md gives them with their sources):

- **Starting loads** from a known lift (estimated 1RM from a set of at most 10 reps) or, failing
  that, from the first logged session: the person picks a weight they could lift about 4 more
  times, and what they report calibrates the next session.
- **Linear** (beginners' main lifts): every set at the top of the target -> the smallest real
  step (about 2.5 kg upper body, 5 kg lower body on a barbell), never more than 10 %.
- **Double progression**: work up the rep range at one load, then a step and back to the bottom.
- **Effort** (reported reps in reserve against the target, trusted only for sets of at most 12
  reps): 2+ more in reserve than asked -> +2 steps, 1 more -> +1, as asked -> the rule above,
  1 fewer -> hold, 2 fewer -> -1 step.
- **Missed reps**: the first time, the load holds (or drops a step when the effort report says
  the set was at failure); the second session in a row that misses is a stall: about -10 %, then
  build back. Stalls on two main lifts within a week, or a reported bad week, bring the deload
  forward.
- **Bodyweight and bands**: reps, then sets (up to five), then the harder variant. **Timed
  work**: about +10 % a week once every set reaches its time.
- **Time off**: two weeks or more -> loads restart about 10 % lower; four weeks or more -> about
  20 % lower and a short re-entry block is offered. A missed session comes next; nothing is
  skipped silently.
- **Injuries**: from the day one is reported, exercises it cannot tolerate are swapped for
  substitutes, and exercises that load the joint moderately get a set fewer and a rep more in
  reserve (mild injuries); clearing it brings the originals back about 10 % lighter.

This module decides what holds for the whole session (which session, an early deload, time
off) and is the public face; the parts live beside it: adaptation_results (the values),
adaptation_rules (rule ids and limits), adaptation_engine (the replay and each target),
adaptation_loaded and adaptation_unloaded (progression with and without a load),
adaptation_injuries, adaptation_state and adaptation_text.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date, timedelta

from forgefit.catalog.index import Catalog
from forgefit.training.adaptation_engine import AdaptationEngine
from forgefit.training.adaptation_injuries import active_injuries
from forgefit.training.adaptation_results import Adjustment, NextSession, RecentLift, Target
from forgefit.training.adaptation_rules import (
    BEGINNER_START_RIR,
    DELOAD_WINDOW_DAYS,
    INJURY_RETURN_DAYS,
    LONG_TIME_OFF_DAYS,
    MAX_BODYWEIGHT_SETS,
    RIR_TRUSTED_MAX_REPS,
    RULE_CALIBRATE,
    RULE_DELOAD_FORWARD,
    RULE_DOUBLE,
    RULE_EFFORT,
    RULE_INJURY_EASE,
    RULE_INJURY_RETURN,
    RULE_INJURY_SWAP,
    RULE_LINEAR,
    RULE_MISSED,
    RULE_NO_SUBSTITUTE,
    RULE_PLANNED_DELOAD,
    RULE_REPS_SETS_VARIANT,
    RULE_STALL,
    RULE_START_KNOWN,
    RULE_TIME_OFF,
    RULE_TIMED,
    STALL_SESSIONS,
    TIME_OFF_DAYS,
    TIMED_STEP,
)
from forgefit.training.adaptation_text import START_INSTRUCTION
from forgefit.training.logs import InjuryReport, LoggedWorkout
from forgefit.training.program import Program

__all__ = [
    "BEGINNER_START_RIR",
    "DELOAD_WINDOW_DAYS",
    "INJURY_RETURN_DAYS",
    "LONG_TIME_OFF_DAYS",
    "MAX_BODYWEIGHT_SETS",
    "RIR_TRUSTED_MAX_REPS",
    "RULE_CALIBRATE",
    "RULE_DELOAD_FORWARD",
    "RULE_DOUBLE",
    "RULE_EFFORT",
    "RULE_INJURY_EASE",
    "RULE_INJURY_RETURN",
    "RULE_INJURY_SWAP",
    "RULE_LINEAR",
    "RULE_MISSED",
    "RULE_NO_SUBSTITUTE",
    "RULE_PLANNED_DELOAD",
    "RULE_REPS_SETS_VARIANT",
    "RULE_STALL",
    "RULE_START_KNOWN",
    "RULE_TIMED",
    "RULE_TIME_OFF",
    "STALL_SESSIONS",
    "START_INSTRUCTION",
    "TIMED_STEP",
    "TIME_OFF_DAYS",
    "Adjustment",
    "NextSession",
    "RecentLift",
    "Target",
    "active_injuries",
    "next_session",
]


def next_session(
    program: Program,
    workouts: Sequence[LoggedWorkout],
    catalog: Catalog,
    today: date,
    injuries: Sequence[InjuryReport] = (),
    known_lifts: Mapping[str, RecentLift] | None = None,
    equipment: frozenset[str] | None = None,
) -> NextSession:
    """The next session of `program` after `workouts`, adapted, with every change explained.

    `equipment` limits substitutes and harder variants to what the person has (None: no limit).
    """
    engine = AdaptationEngine(program, catalog, known_lifts or {}, equipment)
    engine.run(workouts)
    week, session, planned_deload, notes = engine.next_ref(workouts)
    notes = list(notes)
    history = list(engine.replay.history)
    deload = planned_deload
    if planned_deload:
        notes.append("A planned lighter week: about half the sets at about 10 % less weight.")
    window_start = today - timedelta(DELOAD_WINDOW_DAYS)
    recent_stalls = {slug for day, slug in engine.replay.stalls if day >= window_start}
    recent_bad = [day for day in engine.replay.bad_days if day >= window_start]
    if not deload and (len(recent_stalls) >= 2 or recent_bad):
        deload = True
        why = (
            "stalls on " + " and ".join(sorted(catalog.get(s).name for s in recent_stalls))
            if len(recent_stalls) >= 2
            else "you reported a bad week"
        )
        notes.append(f"The lighter week comes early because of {why}.")
        history.append(
            Adjustment(
                today,
                "*",
                "week",
                "normal",
                "deload",
                RULE_DELOAD_FORWARD,
                why,
                f"Lighter session brought forward: {why}.",
            )
        )
    load_factor = 1.0
    reentry = False
    last = max((w.performed_on for w in workouts), default=None)
    if last is not None:
        gap = (today - last).days
        if gap >= LONG_TIME_OFF_DAYS:
            load_factor, reentry = 0.8, True
            notes.append(
                f"{gap} days since your last workout: loads restart about 20 % lower, and a "
                "short re-entry block (one or two weeks at about two thirds of the sets) is "
                "offered before the program picks up again."
            )
        elif gap >= TIME_OFF_DAYS:
            load_factor = 0.9
            notes.append(f"{gap} days since your last workout: loads restart about 10 % lower.")
        if load_factor < 1:
            history.append(
                Adjustment(
                    today,
                    "*",
                    "load_kg",
                    "100 %",
                    f"{load_factor:.0%}",
                    RULE_TIME_OFF,
                    f"{gap} days without a logged workout",
                    notes[-1],
                )
            )
    active = active_injuries(injuries, today)
    targets: list[Target] = []
    for planned in session.exercises:
        target, changes, more_notes = engine.target_for(
            planned, today, deload, load_factor, active, injuries
        )
        history.extend(changes)
        notes.extend(more_notes)
        if target is None:
            continue
        if deload and not planned_deload:
            target = replace(target, sets=max(1, (target.sets + 1) // 2))
        targets.append(target)
    acted_on = {c.data.split(" ")[0] for c in history if c.rule.startswith("injury")}
    for joint, severity in active.items():
        if joint not in acted_on:
            notes.append(
                f"Your {joint} injury ({severity}) is noted; nothing in this session stresses it "
                "beyond what it tolerates."
            )
    return NextSession(
        week=week,
        day=session.day,
        name=session.name,
        deload=deload,
        targets=tuple(targets),
        notes=tuple(notes),
        history=tuple(history),
        reentry_offered=reentry,
    )

"""Injuries in the next session: from the day one is reported, an exercise it cannot tolerate is
swapped for a substitute (or left out when nothing safe fits), a mild one costs exercises that
load the joint moderately a set and a rep in reserve, and clearing it brings the exercises that
stress the joint back about 10 % lighter."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date

from forgefit.catalog.index import Catalog
from forgefit.catalog.related import is_safe_for, substitutes
from forgefit.training.adaptation_rules import (
    INJURY_RETURN_DAYS,
    RULE_INJURY_EASE,
    RULE_INJURY_RETURN,
    RULE_INJURY_SWAP,
    RULE_NO_SUBSTITUTE,
)
from forgefit.training.adaptation_state import ExerciseState, TargetDraft, loaded_kind
from forgefit.training.adaptation_text import load_text
from forgefit.training.increments import reduce_by_percent
from forgefit.training.logs import InjuryReport


def active_injuries(injuries: Iterable[InjuryReport], today: date) -> dict[str, str]:
    """joint -> the worst severity among injuries active today."""
    worst: dict[str, str] = {}
    for report in injuries:
        if report.active_on(today) and worst.get(report.joint) != "serious":
            worst[report.joint] = report.severity
    return worst


def latest_report(injuries: Sequence[InjuryReport], joint: str) -> InjuryReport:
    return max((i for i in injuries if i.joint == joint), key=lambda i: i.reported_on)


def swap_if_unsafe(
    draft: TargetDraft,
    catalog: Catalog,
    equipment: frozenset[str] | None,
    active: Mapping[str, str],
    injuries: Sequence[InjuryReport],
    states: Mapping[tuple[str, str], ExerciseState],
    shape: str,
) -> bool:
    """Swap what the joint cannot take for the first safe substitute, which keeps the load it
    has reached at this rep shape; False when nothing safe fits and the exercise is left out."""
    exercise = draft.exercise
    if is_safe_for(exercise, active):
        return True
    joint = next(
        j
        for j, sev in active.items()
        if exercise.joint_stress.get(j) == "high"
        or (exercise.joint_stress.get(j) == "moderate" and sev == "serious")
    )
    options = substitutes(catalog, exercise, equipment, active, limit=1)
    report = latest_report(injuries, joint)
    data = f"{joint} injury ({active[joint]}) reported {report.reported_on.isoformat()}"
    if not options:
        draft.notes.append(
            f"{exercise.name} is left out: it stresses your {joint} and nothing that "
            "you can do replaces it safely."
        )
        draft.note(
            "exercise",
            exercise.name,
            "-",
            RULE_NO_SUBSTITUTE,
            data,
            f"Left out because of your {joint} injury; no safe substitute fits your equipment.",
        )
        return False
    swap = options[0]
    draft.note(
        "exercise",
        exercise.name,
        swap.name,
        RULE_INJURY_SWAP,
        data,
        f"{swap.name} replaces {exercise.name} because of your {joint} injury: "
        f"{exercise.name} puts {exercise.joint_stress.get(joint)} stress on the {joint}.",
    )
    swapped_state = states.get((swap.slug, shape))
    draft.exercise = swap
    draft.slug = swap.slug
    draft.kind = loaded_kind(swap)
    draft.load = swapped_state.load_kg if swapped_state else None
    return True


def ease_for_mild(draft: TargetDraft, active: Mapping[str, str]) -> None:
    """A set fewer and a rep more in reserve while a mild injury's joint is loaded moderately."""
    for joint, severity in active.items():
        if severity == "mild" and draft.exercise.joint_stress.get(joint) == "moderate":
            data = f"{joint} injury (mild)"
            if draft.sets > 1:
                draft.note(
                    "sets",
                    draft.sets,
                    draft.sets - 1,
                    RULE_INJURY_EASE,
                    data,
                    f"One set fewer while your {joint} recovers.",
                )
                draft.sets -= 1
            if draft.rir is not None:
                draft.note(
                    "rir",
                    draft.rir,
                    draft.rir + 1,
                    RULE_INJURY_EASE,
                    data,
                    f"Stop one more rep short of failure while your {joint} recovers.",
                )
                draft.rir += 1


def lighter_after_injury(
    draft: TargetDraft, injuries: Sequence[InjuryReport], last_logged: date | None
) -> None:
    """A cleared injury brings an exercise that stresses the joint back a little lighter, until
    it is logged again (for INJURY_RETURN_DAYS at most)."""
    today = draft.today
    for report in injuries:
        cleared = report.cleared_on
        if cleared is None or cleared > today or (today - cleared).days > INJURY_RETURN_DAYS:
            continue
        stress = draft.exercise.joint_stress.get(report.joint)
        if (
            draft.load is not None
            and draft.kind
            and stress in ("moderate", "high")
            and (last_logged is None or last_logged < cleared)
        ):
            new = reduce_by_percent(draft.load, 10, draft.kind)
            draft.note(
                "load_kg",
                load_text(draft.load),
                load_text(new),
                RULE_INJURY_RETURN,
                f"{report.joint} injury cleared {cleared.isoformat()}",
                f"Back after your {report.joint} injury: "
                "about 10 % lighter than before, then build up.",
            )
            draft.load = new

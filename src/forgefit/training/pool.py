"""Which exercises a person may be given, and the facts about each that planning needs.

Hard rules 1, 2 and 4 and the exclusions are applied here, once, and the same function tells
the review why an exercise is out ("needs a barbell and a squat rack"), so the planner's choices
and the review's findings can never disagree.
"""

from __future__ import annotations

import itertools
import weakref
from collections.abc import Collection
from dataclasses import dataclass
from operator import itemgetter
from typing import Literal

from forgefit.catalog.index import Catalog
from forgefit.catalog.model import Exercise
from forgefit.catalog.related import is_safe_for
from forgefit.catalog.vocabulary import Vocabulary
from forgefit.training.profile import BODY_WEIGHT, Profile
from forgefit.training.rule_catalog import HARD_DIFFICULTY, HARD_EQUIPMENT, HARD_INJURY
from forgefit.training.rules import (
    CORE_PATTERNS,
    EXPERIENCES,
    LARGE_GROUPS,
    LOADABLE_EQUIPMENT,
    LOWER_PATTERNS,
    MAIN_LIFT_PATTERNS,
    POWER_CATEGORIES,
    POWER_PATTERNS,
    PULL_PATTERNS,
    PUSH_PATTERNS,
    SECONDARY_SET_CREDIT,
    TRAINING_CATEGORIES,
)

RejectionKind = Literal["exclusion", "equipment", "injury", "difficulty"]


class Rejection:
    """Why an exercise is ruled out for a person, with the hard rule it would break. The
    equipment reason is worded only when someone reads it (most rejections never are)."""

    __slots__ = ("_missing", "_reason", "_vocab", "kind", "rule")

    def __init__(
        self,
        rule: str,
        kind: RejectionKind,
        reason: str = "",
        missing: Collection[str] | None = None,
        vocab: Vocabulary | None = None,
    ) -> None:
        self.rule = rule
        self.kind: RejectionKind = kind
        self._reason = reason
        self._missing = missing
        self._vocab = vocab

    @property
    def reason(self) -> str:
        if not self._reason and self._missing is not None and self._vocab is not None:
            missing = in_vocabulary_order(self._vocab, self._missing)
            self._reason = f"it needs {equipment_phrase(self._vocab, missing)}"
        return self._reason

    def __repr__(self) -> str:
        return f"Rejection({self.rule!r}, {self.kind!r}, {self.reason!r})"


def in_vocabulary_order(vocab: Vocabulary, equipment: Collection[str]) -> list[str]:
    """Equipment terms in the vocabulary's order (the order people read them in), any terms it
    does not know after them."""
    known = vocab.equipment
    return [t for t in known if t in equipment] + [t for t in equipment if t not in known]


def _article(name: str) -> str:
    words = [w if w.isupper() else w.lower() for w in name.split()]
    phrase = " ".join(words)
    if phrase.endswith("s"):
        return phrase
    return f"{'an' if phrase[0] in 'aeiou' else 'a'} {phrase}"


def equipment_phrase(vocab: Vocabulary, items: list[str]) -> str:
    """["barbell", "squat-rack"] -> "a barbell and a squat rack"."""
    names = [_article(vocab.equipment.get(item, item)) for item in items]
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


def injury_reason(exercise: Exercise, injuries: dict[str, str]) -> str | None:
    """Why hard rule 2 rules this exercise out, or None when it is safe."""
    if is_safe_for(exercise, injuries):
        return None
    for joint, severity in injuries.items():
        stress = exercise.joint_stress.get(joint)
        if stress == "high" or (stress == "moderate" and severity == "serious"):
            name = joint.replace("-", " ")
            return (
                f"it puts {stress} stress on the {name}, which your {severity} {name} note "
                "rules out"
            )
    return None  # pragma: no cover - is_safe_for and this loop agree


def rejection(exercise: Exercise, profile: Profile, vocab: Vocabulary) -> Rejection | None:
    """The first hard rule this exercise breaks for this profile, or None when it is allowed."""
    if exercise.slug in profile.exclude:
        return Rejection(HARD_INJURY, "exclusion", "you excluded it")
    if not exercise.requires <= profile.equipment_set:
        missing = exercise.requires - profile.equipment_set
        return Rejection(HARD_EQUIPMENT, "equipment", missing=missing, vocab=vocab)
    reason = injury_reason(exercise, profile.injury_map)
    if reason is not None:
        return Rejection(HARD_INJURY, "injury", reason)
    if difficulty_gap(exercise, profile) > 1:
        return Rejection(
            HARD_DIFFICULTY,
            "difficulty",
            f"it is {exercise.difficulty}, more than one level above {profile.experience}",
        )
    return None


_LEVEL_RANK: dict[str, int] = {level: rank for rank, level in enumerate(EXPERIENCES)}


def difficulty_gap(exercise: Exercise, profile: Profile) -> int:
    """Levels the exercise sits above the person's experience (negative when below)."""
    return _LEVEL_RANK[exercise.difficulty] - _LEVEL_RANK[profile.experience]


@dataclass(frozen=True, slots=True)
class ExerciseFacts:
    """An exercise with what planning derives from its record."""

    exercise: Exercise
    # Muscle group -> set credit: 1 for the target's group, 0.5 for each other group among the
    # secondary muscles (a group counts once, at its highest credit).
    credits: tuple[tuple[str, float], ...]
    # The credits that load a group: they count for recovery (soft rule 4) and against the
    # group's weekly band maximum (soft rule 2). A row's half-set for the shoulders is
    # rear-delt work, a different muscle from the presses' front delts, and the upper back
    # only steadies a press or a squat; neither makes the next day's session "the same muscle
    # again", nor uses up the sets the group can recover from (STABILISER_CREDITS).
    load_credits: tuple[tuple[str, float], ...]
    target_group: str
    main_lift: bool
    roles: tuple[str, ...]
    timed: bool
    sides: int
    loadable: bool
    lower_body: bool
    order_rank: int
    # Copied from the record: read in every inner loop of planning and review.
    slug: str
    pattern: str


# (group, pattern) half-credits that do not load the group: the one table the planner and the
# review share for recovery spacing (soft rule 4) and for the weekly band maximum (soft rule
# 2). The band maximum is a recovery limit (the most sets that still help); a muscle that only
# holds a position isometrically is not worn down like one moving the load, so these
# half-sets still count toward the minimum and the absolute weekly cap, not the maximum.
STABILISER_CREDITS: frozenset[tuple[str, str]] = frozenset(
    {("shoulders", pattern) for pattern in PULL_PATTERNS}
    | {("back", pattern) for pattern in (*PUSH_PATTERNS, "squat", "lunge")}
)


def set_credits(exercise: Exercise, vocab: Vocabulary) -> tuple[tuple[str, float], ...]:
    credits: dict[str, float] = {}
    target_group = vocab.muscles[exercise.target].group
    credits[target_group] = 1.0
    for muscle in exercise.secondary:
        group = vocab.muscles[muscle].group
        credits.setdefault(group, SECONDARY_SET_CREDIT)
    credits.pop("cardio", None)
    return tuple(credits.items())


def order_rank(exercise: Exercise, target_group: str) -> int:
    """TRAINING.md soft rule 3, as a sort key: power and plyometrics first, then multi-joint
    lifts for large groups, multi-joint for small groups, single-joint, and core last."""
    if exercise.category == "cardio" or exercise.pattern == "locomotion":
        return 5  # conditioning closes the session
    if exercise.pattern in POWER_PATTERNS or exercise.category in POWER_CATEGORIES:
        return 0
    if exercise.pattern in CORE_PATTERNS or exercise.pattern == "carry":
        return 4
    if exercise.mechanic == "compound":
        # Overhead presses are big multi-joint lifts too, and often a day's first lift.
        large = target_group in LARGE_GROUPS or exercise.pattern == "vertical-push"
        return 1 if large else 2
    return 3


def facts_for(exercise: Exercise, vocab: Vocabulary) -> ExerciseFacts:
    roles = tuple(
        role for role, patterns in vocab.pattern_roles.items() if exercise.pattern in patterns
    )
    target_group = vocab.muscles[exercise.target].group
    credits = set_credits(exercise, vocab)
    return ExerciseFacts(
        exercise=exercise,
        credits=credits,
        load_credits=tuple(
            (group, credit)
            for group, credit in credits
            if (group, exercise.pattern) not in STABILISER_CREDITS
        ),
        target_group=target_group,
        # Combination lifts filed under full body (thrusters, carries) train several patterns
        # at once, so none of them is the main lift of a pattern.
        main_lift=exercise.mechanic == "compound"
        and exercise.pattern in MAIN_LIFT_PATTERNS
        and exercise.category not in POWER_CATEGORIES
        and exercise.body_part != "full-body",
        roles=roles,
        timed=exercise.tracking != "reps",
        sides=2 if exercise.laterality in ("unilateral", "alternating") else 1,
        loadable=exercise.equipment in LOADABLE_EQUIPMENT,
        lower_body=exercise.pattern in LOWER_PATTERNS or exercise.body_part == "legs",
        order_rank=order_rank(exercise, target_group),
        slug=exercise.slug,
        pattern=exercise.pattern,
    )


@dataclass(frozen=True, slots=True)
class Trainability:
    """What decides whether the planner programs an exercise as working sets, apart from the
    profile (build_pool works it out once per catalog; is_trainable per call)."""

    working_sets: bool  # a training category, neither a stretch nor locomotion
    # Thrusters, cleans, snatches and burpees spread half-credits over many groups; they are
    # conditioning, and muscle size is better served by the lifts aimed at each group. Carries
    # stay: they load the grip and trunk like nothing else.
    full_body_lift: bool
    neck: bool  # neck work only when the neck is a focus

    @classmethod
    def of(cls, exercise: Exercise) -> Trainability:
        return cls(
            working_sets=exercise.category in TRAINING_CATEGORIES
            and exercise.pattern not in ("stretch", "locomotion"),
            full_body_lift=exercise.body_part == "full-body" and exercise.pattern != "carry",
            neck=exercise.pattern == "neck",
        )

    def for_profile(self, hypertrophy: bool, neck_focus: bool) -> bool:
        return (
            self.working_sets
            and not (hypertrophy and self.full_body_lift)
            and (not self.neck or neck_focus)
        )


def is_trainable(exercise: Exercise, profile: Profile) -> bool:
    """Exercises the planner programs as working sets (not stretches or cardio machines; neck
    work only when the neck is a focus)."""
    return Trainability.of(exercise).for_profile(
        profile.goal == "hypertrophy", "neck" in profile.focus
    )


@dataclass(frozen=True)
class Pool:
    """The exercises a profile allows, with their facts (the catalog's own objects, from
    catalog_facts, which the planner's per-catalog tables hold too), and the rejected ones
    with reasons."""

    allowed: tuple[ExerciseFacts, ...]
    rejected: dict[str, Rejection]
    # Cardio and locomotion exercises the person may do, for conditioning blocks.
    conditioning: tuple[ExerciseFacts, ...]
    # The catalog the facts come from: what is worked out once per catalog is kept with it.
    catalog: Catalog

    def by_slug(self) -> dict[str, ExerciseFacts]:
        return {facts.slug: facts for facts in self.allowed}


# Facts depend only on the catalog, so each loaded catalog computes them once.
_FACTS: weakref.WeakKeyDictionary[Catalog, dict[str, ExerciseFacts]] = weakref.WeakKeyDictionary()


def catalog_facts(catalog: Catalog) -> dict[str, ExerciseFacts]:
    """Facts for every exercise of the catalog, by slug (computed once per catalog)."""
    facts = _FACTS.get(catalog)
    if facts is None:
        facts = {e.slug: facts_for(e, catalog.vocab) for e in catalog.exercises}
        _FACTS[catalog] = facts
    return facts


@dataclass(frozen=True, slots=True)
class _Candidate:
    """What `build_pool` reads of each exercise, worked out once per catalog: a pool is built
    for every plan, and re-deriving these for a thousand exercises each time was a tenth of
    the planner's time."""

    exercise: Exercise
    facts: ExerciseFacts
    requires: frozenset[str]
    trainability: Trainability
    conditioning: bool
    level: int
    stressed: bool  # loads some joint moderately or more: injuries need a look


_CANDIDATES: weakref.WeakKeyDictionary[Catalog, tuple[_Candidate, ...]] = (
    weakref.WeakKeyDictionary()
)


def _candidates(catalog: Catalog) -> tuple[_Candidate, ...]:
    found = _CANDIDATES.get(catalog)
    if found is None:
        facts = catalog_facts(catalog)
        found = tuple(
            _Candidate(
                exercise=exercise,
                facts=facts[exercise.slug],
                requires=frozenset(exercise.requires),
                trainability=Trainability.of(exercise),
                conditioning=is_conditioning(exercise),
                level=_LEVEL_RANK[exercise.difficulty],
                stressed=any(s in ("moderate", "high") for s in exercise.joint_stress.values()),
            )
            for exercise in catalog.exercises
        )
        _CANDIDATES[catalog] = found
    return found


# A catalog's plannable exercises for one kind of profile, grouped by the equipment they need:
# requires -> ((catalog index, candidate, trainable), ...) in catalog order, and their slugs.
_Group = tuple[tuple[tuple[int, _Candidate, bool], ...], tuple[str, ...]]
_BY_EQUIPMENT: weakref.WeakKeyDictionary[
    Catalog, dict[tuple[bool, bool], dict[frozenset[str], _Group]]
] = weakref.WeakKeyDictionary()


def plannable(
    catalog: Catalog, hypertrophy: bool, neck_focus: bool
) -> dict[frozenset[str], _Group]:
    """The candidates a profile of this kind could be given (as working sets, or as
    conditioning), each with whether it is trainable, grouped by the equipment they need: only
    two profile answers decide which, so each catalog works the four groupings out once, and
    a profile looks only at the groups its equipment covers."""
    by_kind = _BY_EQUIPMENT.get(catalog)
    if by_kind is None:
        by_kind = {}
        _BY_EQUIPMENT[catalog] = by_kind
    groups = by_kind.get((hypertrophy, neck_focus))
    if groups is None:
        members: dict[frozenset[str], list[tuple[int, _Candidate, bool]]] = {}
        for index, candidate in enumerate(_candidates(catalog)):
            trainable = candidate.trainability.for_profile(hypertrophy, neck_focus)
            if trainable or candidate.conditioning:
                members.setdefault(candidate.requires, []).append((index, candidate, trainable))
        groups = {
            requires: (tuple(group), tuple(c.exercise.slug for _, c, _ in group))
            for requires, group in members.items()
        }
        by_kind[(hypertrophy, neck_focus)] = groups
    return groups


def build_pool(catalog: Catalog, profile: Profile) -> Pool:
    allowed: list[ExerciseFacts] = []
    conditioning: list[ExerciseFacts] = []
    rejected: dict[str, Rejection] = {}
    equipment = profile.equipment_set
    injuries = profile.injury_map
    excluded = set(profile.exclude)
    top_level = _LEVEL_RANK[profile.experience] + 1
    vocab = catalog.vocab
    groups = plannable(catalog, profile.goal == "hypertrophy", "neck" in profile.focus)
    covered = []
    for requires, (members, slugs) in groups.items():
        if requires <= equipment:
            covered.append(members)
        else:
            # One rejection for the group: its reason names the same missing items, and is
            # worded only if someone reads it.
            missing = Rejection(
                HARD_EQUIPMENT, "equipment", missing=requires - equipment, vocab=vocab
            )
            rejected.update(dict.fromkeys(slugs, missing))
    for slug in excluded:
        if slug in rejected:  # excluded and lacking equipment: the exclusion is the reason
            found = rejection(catalog.get(slug), profile, vocab)
            if found is not None:
                rejected[slug] = found
    # Back in catalog order, so pools (and the planner's ties) do not depend on the grouping.
    ordered = sorted(itertools.chain.from_iterable(covered), key=_CATALOG_ORDER)
    for _, candidate, trainable in ordered:
        exercise = candidate.exercise
        slug = exercise.slug
        # Most exercises pass every rule: decide those without wording a reason; `rejection`
        # (the review's reasons too) settles the rest.
        if (
            slug not in excluded
            and (not injuries or not candidate.stressed or is_safe_for(exercise, injuries))
            and candidate.level <= top_level
        ):
            reason = None
        else:
            reason = rejection(exercise, profile, vocab)
        if reason is not None:
            rejected[slug] = reason
        elif trainable:
            allowed.append(candidate.facts)
        else:
            conditioning.append(candidate.facts)
    return Pool(tuple(allowed), rejected, tuple(conditioning), catalog)


_CATALOG_ORDER = itemgetter(0)


def is_conditioning(exercise: Exercise) -> bool:
    """Cardio and locomotion work that a conditioning block (intervals) can use."""
    if exercise.pattern == "stretch" or exercise.tracking == "distance":
        return False
    return exercise.category == "cardio" or (
        exercise.pattern == "locomotion" and exercise.category in TRAINING_CATEGORIES
    )


def uses_own_equipment(exercise: Exercise) -> bool:
    return exercise.equipment != BODY_WEIGHT

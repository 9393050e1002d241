"""Fill a template slot with the most suitable exercise the person may do.

Candidates are the allowed exercises (pool.py) whose pattern, target muscle and mechanic fit
the slot's movement (movements.yaml). The score prefers, in this order of weight: the
movement's staples (best tier first), a loaded exercise for strength and size, popularity,
difficulty within reach (beginners get the simple version first), sparing a mildly injured
joint, favourites; a seeded jitter breaks near-ties so seeds can differ. Nothing here names an
exercise: new catalog records qualify by their attributes.
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from dataclasses import dataclass, field

from forgefit.training.pool import ExerciseFacts, Pool, difficulty_gap
from forgefit.training.prescription import is_hard_bodyweight
from forgefit.training.profile import Profile
from forgefit.training.rules import POWER_CATEGORIES
from forgefit.training.templates import Movement, TrainingData

STAPLE_BONUS = (30.0, 20.0, 10.0)
POPULARITY_WEIGHT = 2.0
LOADED_BONUS = 6.0
REACH_PENALTY = 4.0  # one level above the person's experience
TOO_EASY_PENALTY = 3.0  # two levels below
TIMED_PENALTY = 8.0  # a hold where a slot wants reps
INJURY_PENALTY = 6.0  # moderate stress on a mildly injured joint
NOT_REAL_PULL_PENALTY = 40.0
FAVOURITE_BONUS = 45.0
VARY_PENALTY = 12.0
JITTER = 1.5


@dataclass
class Filler:
    """Fills slots for one profile; remembers what the week already uses."""

    profile: Profile
    pool: Pool
    data: TrainingData
    seed: int
    jitter: dict[str, float] = field(init=False)
    candidates_cache: dict[tuple[str, bool], list[ExerciseFacts]] = field(
        init=False, default_factory=dict
    )
    by_pattern: dict[str, list[ExerciseFacts]] = field(init=False, default_factory=dict)
    conditioning_by_pattern: dict[str, list[ExerciseFacts]] = field(
        init=False, default_factory=dict
    )
    scores: dict[tuple[str, str, bool], float] = field(init=False, default_factory=dict)
    # Exercises few people know (popularity 1): volume takes them only when nothing better
    # known fits.
    obscure: frozenset[str] = field(init=False, default=frozenset())
    # The mildly injured joints, in the profile's order (read for every candidate scored).
    mild_joints: tuple[str, ...] = field(init=False, default=())

    def __post_init__(self) -> None:
        rng = random.Random(self.seed)
        every = sorted(f.slug for f in (*self.pool.allowed, *self.pool.conditioning))
        self.jitter = {slug: rng.random() * JITTER for slug in every}
        self.obscure = frozenset(f.slug for f in self.pool.allowed if f.exercise.popularity <= 1)
        self.mild_joints = tuple(
            joint for joint, severity in self.profile.injury_map.items() if severity == "mild"
        )
        # The pool by pattern, so a movement looks only at exercises it could take.
        self.by_pattern: dict[str, list[ExerciseFacts]] = {}
        for facts in self.pool.allowed:
            self.by_pattern.setdefault(facts.exercise.pattern, []).append(facts)
        self.conditioning_by_pattern: dict[str, list[ExerciseFacts]] = {}
        for facts in self.pool.conditioning:
            self.conditioning_by_pattern.setdefault(facts.exercise.pattern, []).append(facts)

    def candidates(self, movement: Movement, main: bool = False) -> list[ExerciseFacts]:
        """The exercises that can fill the movement, best first. For a main lift favourites
        weigh only among the best staples (of this movement, or first-tier ones of a sibling:
        a sumo deadlift for the RDL): a coach keeps the barbell deadlift as the main hinge of
        a novice program even for someone who likes kettlebell RDLs (they get them as an
        accessory)."""
        key = (movement.slug, main)
        cached = self.candidates_cache.get(key)
        if cached is not None:
            return cached
        index = self.conditioning_by_pattern if movement.conditioning else self.by_pattern
        source: Iterable[ExerciseFacts] = [
            facts for pattern in sorted(movement.patterns) for facts in index.get(pattern, ())
        ]
        found = []
        for facts in source:
            exercise = facts.exercise
            if exercise.pattern not in movement.patterns:
                continue
            if movement.conditioning:
                if self.profile.experience == "beginner" and exercise.category == "plyometrics":
                    continue
                found.append(facts)
                continue
            if movement.muscles and exercise.target not in movement.muscles:
                continue
            if movement.compound and exercise.mechanic != "compound":
                continue
            if (
                movement.compound
                and exercise.pattern == "vertical-pull"
                and not self.data.is_real_vertical_pull(exercise)
            ):
                continue  # floor pulldowns only come in through the stand-in movement
            power = exercise.category in POWER_CATEGORIES or exercise.pattern in (
                "jump",
                "olympic-lift",
            )
            if power != movement.power:
                continue
            found.append(facts)
        if self.profile.goal == "endurance":
            # Endurance sets are 12 reps or more, and an advanced body-weight move (a Nordic
            # curl, a pistol squat) cannot be made light enough for that: while the movement
            # has other exercises, it is not one of them.
            doable = [f for f in found if not is_hard_bodyweight(f.exercise)]
            found = doable or found
        tiers = movement.tiers
        tier_of = {f.slug: tiers.get(f.slug) for f in found}
        best_tier = min((t for t in tier_of.values() if t is not None), default=None)
        scores = self.scores
        for facts in found:
            tier = tier_of[facts.slug]
            favoured = (
                not main
                or best_tier is None
                or tier == best_tier
                or (tier is None and self.data.is_top_staple(facts.exercise))
            )
            scores[(movement.slug, facts.slug, main)] = self.score(facts, movement, favoured, tier)
        found.sort(key=lambda f: -scores[(movement.slug, f.slug, main)])
        self.candidates_cache[key] = found
        return found

    def score(
        self, facts: ExerciseFacts, movement: Movement, favoured: bool, tier: int | None
    ) -> float:
        """`tier`: the exercise's staple tier for the movement (None: not a staple of it)."""
        exercise = facts.exercise
        profile = self.profile
        score = 0.0
        if tier is not None:
            score += STAPLE_BONUS[min(tier, len(STAPLE_BONUS) - 1)]
        score += POPULARITY_WEIGHT * exercise.popularity
        if profile.goal in ("strength", "hypertrophy") and facts.loadable:
            score += LOADED_BONUS
        gap = difficulty_gap(exercise, profile)
        if gap >= 1:
            score -= REACH_PENALTY
        elif gap <= -2:
            score -= TOO_EASY_PENALTY
        if facts.timed and movement.compound:
            score -= TIMED_PENALTY
        for joint in self.mild_joints:
            if exercise.joint_stress.get(joint) == "moderate":
                score -= INJURY_PENALTY
        if movement.patterns == {"vertical-pull"} and not self.data.is_real_vertical_pull(exercise):
            score -= NOT_REAL_PULL_PENALTY
        if favoured and exercise.slug in profile.favourites:
            score += FAVOURITE_BONUS
        return score + self.jitter.get(exercise.slug, 0.0)

    def pick(
        self,
        move: str,
        taken: set[str],
        week_used: set[str],
        vary: bool,
        main: bool = False,
        _depth: int = 0,
    ) -> tuple[ExerciseFacts, Movement] | None:
        """The best exercise for the movement not already in the session (`taken`); with
        `vary`, one the week does not use yet where the catalog offers one."""
        movement = self.data.movements[move]
        candidates = self.candidates(movement, main)
        best = next((f for f in candidates if f.slug not in taken), None)
        if best is not None:
            if vary:
                # A different exercise for variety, but never an obscure one.
                fresh = next(
                    (
                        f
                        for f in candidates
                        if f.slug not in taken
                        and f.slug not in week_used
                        and f.exercise.popularity >= 3
                    ),
                    None,
                )
                scores = self.scores
                if fresh is not None and (
                    scores[(move, best.slug, main)] - scores[(move, fresh.slug, main)]
                    < VARY_PENALTY
                ):
                    return fresh, movement
            return best, movement
        if _depth < 3:
            for fallback in movement.fallback:
                found = self.pick(fallback, taken, week_used, vary, main, _depth + 1)
                if found is not None:
                    return found
        return None

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
import weakref
from dataclasses import dataclass, field

from forgefit.catalog.index import Catalog
from forgefit.catalog.model import Exercise
from forgefit.training.pool import ExerciseFacts, Pool, catalog_facts, difficulty_gap
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
# How many fallback movements deep pick looks when a movement has nothing left.
FALLBACK_DEPTH = 3


@dataclass(frozen=True, slots=True)
class Match:
    """An exercise of the catalog that can fill a movement, whoever the person is, with what
    its score owes to the movement alone."""

    facts: ExerciseFacts
    pattern_rank: int  # its pattern's place among the movement's patterns, sorted
    tier: int | None  # its staple tier for the movement
    top_staple: bool  # a first-tier staple of some movement of its pattern
    # Staple bonus, popularity and the movement's penalties (a timed hold for a compound
    # slot, a pullover for a vertical pull): whole numbers.
    base: float
    plyometric: bool
    hard_bodyweight: bool


# Per catalog: movement slug -> (the movement, its matches in pattern order, then catalog
# order). Which exercises fit a movement does not depend on the person; only which of them
# their pool allows and how each scores for them does.
_MATCHES: weakref.WeakKeyDictionary[Catalog, dict[str, tuple[Movement, tuple[Match, ...]]]] = (
    weakref.WeakKeyDictionary()
)


def movement_matches(catalog: Catalog, data: TrainingData, movement: Movement) -> tuple[Match, ...]:
    """The catalog's exercises of the movement's patterns that fit its muscles, mechanic,
    kind of work and (for a compound vertical pull) are real pull-ups or pulldowns."""
    by_movement = _MATCHES.get(catalog)
    if by_movement is None:
        by_movement = {}
        _MATCHES[catalog] = by_movement
    known = by_movement.get(movement.slug)
    if known is not None and known[0] is movement:
        return known[1]
    facts_by_slug = catalog_facts(catalog)
    patterns = sorted(movement.patterns)
    matches = []
    for rank, pattern in enumerate(patterns):
        for exercise in catalog.exercises:
            if exercise.pattern != pattern or not _fits(exercise, movement, data):
                continue
            facts = facts_by_slug[exercise.slug]
            tier = movement.staple_tier(exercise.slug)
            base = 0.0
            if tier is not None:
                base += STAPLE_BONUS[min(tier, len(STAPLE_BONUS) - 1)]
            base += POPULARITY_WEIGHT * exercise.popularity
            if facts.timed and movement.compound:
                base -= TIMED_PENALTY
            if movement.patterns == {"vertical-pull"} and not data.is_real_vertical_pull(exercise):
                base -= NOT_REAL_PULL_PENALTY
            matches.append(
                Match(
                    facts=facts,
                    pattern_rank=rank,
                    tier=tier,
                    top_staple=data.is_top_staple(exercise),
                    base=base,
                    plyometric=exercise.category == "plyometrics",
                    hard_bodyweight=is_hard_bodyweight(exercise),
                )
            )
    found = tuple(matches)
    by_movement[movement.slug] = (movement, found)
    return found


def _fits(exercise: Exercise, movement: Movement, data: TrainingData) -> bool:
    if movement.conditioning:
        return True
    if movement.muscles and exercise.target not in movement.muscles:
        return False
    if movement.compound and exercise.mechanic != "compound":
        return False
    if (
        movement.compound
        and exercise.pattern == "vertical-pull"
        and not data.is_real_vertical_pull(exercise)
    ):
        return False  # floor pulldowns only come in through the stand-in movement
    power = exercise.category in POWER_CATEGORIES or exercise.pattern in ("jump", "olympic-lift")
    return power == movement.power


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
    scores: dict[tuple[str, str, bool], float] = field(init=False, default_factory=dict)
    # Exercises few people know (popularity 1): volume takes them only when nothing better
    # known fits.
    obscure: frozenset[str] = field(init=False, default=frozenset())
    # The mildly injured joints, in the profile's order (read for every candidate scored).
    mild_joints: tuple[str, ...] = field(init=False, default=())
    # Where each exercise stands in the pool, by id of its facts (the catalog's own objects,
    # which movement_matches lists): candidates keep the pool's order on ties.
    position: dict[int, int] = field(init=False, default_factory=dict)
    conditioning_position: dict[int, int] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        rng = random.Random(self.seed)
        every = sorted(f.slug for f in (*self.pool.allowed, *self.pool.conditioning))
        self.jitter = {slug: rng.random() * JITTER for slug in every}
        self.obscure = frozenset(f.slug for f in self.pool.allowed if f.exercise.popularity <= 1)
        self.mild_joints = tuple(
            joint for joint, severity in self.profile.injury_map.items() if severity == "mild"
        )
        self.position = {id(f): i for i, f in enumerate(self.pool.allowed)}
        self.conditioning_position = {id(f): i for i, f in enumerate(self.pool.conditioning)}

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
        profile = self.profile
        position = self.conditioning_position if movement.conditioning else self.position
        matches = [
            m for m in movement_matches(self.pool.catalog, self.data, movement)
            if id(m.facts) in position
        ]  # fmt: skip
        if movement.conditioning and profile.experience == "beginner":
            matches = [m for m in matches if not m.plyometric]
        if profile.goal == "endurance":
            # Endurance sets are 12 reps or more, and an advanced body-weight move (a Nordic
            # curl, a pistol squat) cannot be made light enough for that: while the movement
            # has other exercises, it is not one of them.
            doable = [m for m in matches if not m.hard_bodyweight]
            matches = doable or matches
        best_tier = min((m.tier for m in matches if m.tier is not None), default=None)
        scores = self.scores
        ranked = []
        for match in matches:
            tier = match.tier
            favoured = (
                not main
                or best_tier is None
                or tier == best_tier
                or (tier is None and match.top_staple)
            )
            score = self._score(match, favoured)
            scores[(movement.slug, match.facts.slug, main)] = score
            ranked.append((-score, match.pattern_rank, position[id(match.facts)], match.facts))
        # By score; ties in the order the pool lists them (pattern by pattern), as a stable
        # sort of the pool's exercises would leave them.
        ranked.sort(key=lambda item: item[:3])
        found = [item[3] for item in ranked]
        self.candidates_cache[key] = found
        return found

    def _score(self, match: Match, favoured: bool) -> float:
        """The match's score for this person: its fixed part (whole numbers, so the order of
        the additions never changes the sum), then what depends on the profile, then the
        seeded jitter."""
        facts = match.facts
        exercise = facts.exercise
        profile = self.profile
        score = match.base
        if profile.goal in ("strength", "hypertrophy") and facts.loadable:
            score += LOADED_BONUS
        gap = difficulty_gap(exercise, profile)
        if gap >= 1:
            score -= REACH_PENALTY
        elif gap <= -2:
            score -= TOO_EASY_PENALTY
        for joint in self.mild_joints:
            if exercise.joint_stress.get(joint) == "moderate":
                score -= INJURY_PENALTY
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
        # Plain loops: a generator inside next() costs more, and this runs for every try.
        best = None
        for facts in candidates:
            if facts.slug not in taken:
                best = facts
                break
        if best is not None:
            if vary:
                # A different exercise for variety, but never an obscure one.
                fresh = None
                for facts in candidates:
                    slug = facts.slug
                    if (
                        slug not in taken
                        and slug not in week_used
                        and facts.exercise.popularity >= 3
                    ):
                        fresh = facts
                        break
                scores = self.scores
                if fresh is not None and (
                    scores[(move, best.slug, main)] - scores[(move, fresh.slug, main)]
                    < VARY_PENALTY
                ):
                    return fresh, movement
            return best, movement
        if _depth < FALLBACK_DEPTH:
            for fallback in movement.fallback:
                found = self.pick(fallback, taken, week_used, vary, main, _depth + 1)
                if found is not None:
                    return found
        return None

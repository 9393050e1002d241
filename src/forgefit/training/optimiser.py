"""Exercise selection and set allocation for one training week, as an optimisation problem.

The model (the same one `exact.py` hands to a MIP solver, so the heuristic's gap can be
measured):

- decide, for every session s and eligible exercise e, a number of sets x[s,e]: 0, or between
  the goal's minimum and maximum sets per exercise;
- hard constraint: each session's sets x (work + rest) plus changeovers fit the minutes left
  after the warm-up (TRAINING.md hard rule 3; hard rules 1, 2, 4 are met by the candidate list);
- minimise a weighted sum of soft-rule shortfalls:
  weekly sets per muscle group outside its band and away from its target (soft-2; secondary
  muscles count half), groups trained in fewer than two sessions (soft-1), groups loaded hard on
  back-to-back days or with more than three rest days between (soft-4), missing knee/hip/push/
  pull roles (soft-5, soft-6), push sets above pull sets (soft-5), sessions outside 4-9
  exercises (soft-9), no main lift in a session, the same exercise repeated within the week or
  the same pattern twice in a session (variety), favourites left out, and a small per-exercise
  preference cost (popularity, difficulty fit, a seeded jitter).

`solve_week` is a multi-start iterated local search:

1. three constructions - greedy by cost decrease per second of session time (lazy priority
   queue), a coach's template of movement slots per session kind, and round-robin over
   sessions - each followed by local search;
2. local search with first-improvement moves: a set fewer or more, drop an exercise, swap it
   for a promising one or one of the same pattern or muscle group, move it to another session,
   insert an exercise, and targeted repairs for a session without a main lift or a missing
   balance role. Compound moves trim the session's cheapest sets to fit its minutes, and are
   undone whole when they do not lower the cost;
3. from the best plan, perturbation rounds (empty or thin out one session, rebuild it, search
   again) while a work budget counted in cost evaluations lasts - a count, not a clock, so
   the result is deterministic.

Costs are kept incrementally (volumes in half sets, lookup tables for the piecewise-linear
volume cost and the spacing cost of every set of hard-loaded sessions), so pricing a change
takes time proportional to the muscle groups the exercise touches.
"""

from __future__ import annotations

import heapq
import math
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from forgefit.training.rules import (
    CHANGEOVER_SECONDS,
    EXERCISES_PER_SESSION,
    HARD_LOAD_CREDIT,
    MAX_WEEKLY_SETS_PER_GROUP,
    SPACING_REST_DAYS,
    TRAINED_CREDIT,
)

_EPSILON = 1e-9
# A compound move is tried in full only if its first part does not already cost more than
# this: trimming sets to make room can lower the cost (volume above target), but rarely by
# more.
_TRIM_SLACK = 3.0


@dataclass(frozen=True, slots=True)
class Weights:
    """Cost of one unit of each shortfall. Volume is in sets; the rest count occurrences."""

    under_band: float = 10.0
    over_band: float = 10.0
    off_target: float = 1.0
    over_cap: float = 20.0
    missing_session: float = 6.0
    back_to_back: float = 6.0
    long_gap: float = 4.0
    push_over_pull: float = 5.0
    exercise_count: float = 6.0
    repeat_in_week: float = 1.5
    pattern_twice: float = 2.0
    no_main_lift: float = 4.0
    favourite_missing: float = 6.0


@dataclass(frozen=True, slots=True)
class Option:
    """One exercise as the optimiser sees it."""

    slug: str
    pattern: str
    credits: tuple[tuple[int, float], ...]  # (group index, set credit: 1 or 0.5)
    set_seconds: float  # work + rest of one set
    min_sets: int
    max_sets: int
    cost: float  # preference cost each time it is selected in a session
    main: bool
    push_pull: int  # +1 an upper-body push pattern, -1 a pull, 0 neither
    roles: tuple[int, ...]  # balance roles (indices into WeekProblem.role_names) it fills
    favourite: bool


@dataclass(frozen=True, slots=True)
class SessionSpec:
    day: int
    # Seconds for sets and changeovers: the budget minus the warm-up, plus one changeover
    # (the first exercise needs none), so sum(sets * set_seconds) + 60 * count <= capacity.
    capacity: float
    options: tuple[int, ...]
    wants_main: bool
    # Movement slots in the order a coach would fill them (patterns per slot). Guides one of
    # the constructions only; not part of the objective.
    template: tuple[tuple[str, ...], ...] = ()


@dataclass(frozen=True)
class WeekProblem:
    groups: tuple[str, ...]
    banded: tuple[bool, ...]
    minimum: tuple[float, ...]
    maximum: tuple[float, ...]
    target: tuple[float, ...]
    need_sessions: tuple[int, ...]
    spaced: tuple[bool, ...]
    options: tuple[Option, ...]
    sessions: tuple[SessionSpec, ...]
    role_names: tuple[str, ...]
    role_weights: tuple[float, ...]  # 0 where the pool cannot fill the role
    weights: Weights = field(default_factory=Weights)


# One plan: for each session, option index -> sets.
WeekPlan = list[dict[int, int]]


def volume_cost(problem: WeekProblem, group: int, volume: float) -> float:
    w = problem.weights
    cost = w.over_cap * max(0.0, volume - MAX_WEEKLY_SETS_PER_GROUP)
    if problem.banded[group]:
        cost += w.under_band * max(0.0, problem.minimum[group] - volume)
        cost += w.over_band * max(0.0, volume - problem.maximum[group])
        cost += w.off_target * abs(volume - problem.target[group])
    return cost


def count_shortfall(count: int) -> int:
    low, high = EXERCISES_PER_SESSION
    return max(0, low - count) + max(0, count - high)


def back_to_back_pairs(days: Sequence[int]) -> list[tuple[int, int]]:
    """Session pairs on neighbouring days (Sunday and Monday too: weeks repeat)."""
    return [
        (a, b)
        for a in range(len(days))
        for b in range(a + 1, len(days))
        if abs(days[a] - days[b]) in (1, 6)
    ]


def long_gaps(days: Sequence[int]) -> list[tuple[int, int, tuple[int, ...]]]:
    """(a, b, sessions between): a group loaded hard in a and next in b, going forward through
    the week, rests more than three days unless a session between them loads it too."""
    most_rest = SPACING_REST_DAYS[1]
    result = []
    for a in range(len(days)):
        for b in range(len(days)):
            if a == b:
                continue
            distance = (days[b] - days[a]) % 7
            if distance - 1 <= most_rest:
                continue
            between = tuple(
                c
                for c in range(len(days))
                if c not in (a, b) and 0 < (days[c] - days[a]) % 7 < distance
            )
            result.append((a, b, between))
    return result


def spacing_table(problem: WeekProblem) -> list[float]:
    """Spacing cost for every set of sessions (a bitmask) that loads a group hard (soft-4)."""
    days = [spec.day for spec in problem.sessions]
    pairs = back_to_back_pairs(days)
    gaps = long_gaps(days)
    w = problem.weights
    table = []
    for mask in range(1 << len(days)):
        cost = w.back_to_back * sum(1 for a, b in pairs if mask >> a & 1 and mask >> b & 1)
        cost += w.long_gap * sum(
            1
            for a, b, between in gaps
            if mask >> a & 1 and mask >> b & 1 and not any(mask >> c & 1 for c in between)
        )
        table.append(cost)
    return table


def plan_seconds(problem: WeekProblem, plan: WeekPlan, session: int) -> float:
    """Seconds the plan uses of a session's capacity (sets and changeovers)."""
    options = problem.options
    return sum(
        sets * options[o].set_seconds + CHANGEOVER_SECONDS for o, sets in plan[session].items()
    )


def is_feasible(problem: WeekProblem, plan: WeekPlan) -> bool:
    for s, spec in enumerate(problem.sessions):
        if plan_seconds(problem, plan, s) > spec.capacity + 1e-6:
            return False
        for o, sets in plan[s].items():
            option = problem.options[o]
            if o not in spec.options or not option.min_sets <= sets <= option.max_sets:
                return False
    return True


def cost_breakdown(problem: WeekProblem, plan: WeekPlan) -> dict[str, float]:
    """The objective from scratch, by component (the incremental search must agree)."""
    w = problem.weights
    groups = range(len(problem.groups))
    volume = [0.0 for _ in groups]
    credit = [[0.0 for _ in groups] for _ in problem.sessions]
    uses = [0 for _ in problem.options]
    roles = [0 for _ in problem.role_names]
    push = pull = 0
    parts = dict.fromkeys(
        (
            "volume",
            "coverage",
            "spacing",
            "roles",
            "push_pull",
            "count",
            "variety",
            "main",
            "favourites",
            "preference",
        ),
        0.0,
    )
    for s, session_plan in enumerate(plan):
        patterns: dict[str, int] = {}
        has_main = False
        for o, sets in session_plan.items():
            option = problem.options[o]
            for g, c in option.credits:
                volume[g] += sets * c
                credit[s][g] += sets * c
            uses[o] += 1
            for r in option.roles:
                roles[r] += 1
            push += sets if option.push_pull > 0 else 0
            pull += sets if option.push_pull < 0 else 0
            patterns[option.pattern] = patterns.get(option.pattern, 0) + 1
            has_main = has_main or option.main
            parts["preference"] += option.cost
        parts["count"] += w.exercise_count * count_shortfall(len(session_plan))
        parts["variety"] += w.pattern_twice * sum(max(0, n - 1) for n in patterns.values())
        if problem.sessions[s].wants_main and not has_main:
            parts["main"] += w.no_main_lift
    spacing = spacing_table(problem)
    for g in groups:
        parts["volume"] += volume_cost(problem, g, volume[g])
        trained = sum(1 for s in range(len(plan)) if credit[s][g] >= TRAINED_CREDIT)
        parts["coverage"] += w.missing_session * max(0, problem.need_sessions[g] - trained)
        if problem.spaced[g]:
            mask = sum(1 << s for s in range(len(plan)) if credit[s][g] >= HARD_LOAD_CREDIT)
            parts["spacing"] += spacing[mask]
    for r, weight in enumerate(problem.role_weights):
        if roles[r] == 0:
            parts["roles"] += weight
    parts["push_pull"] = w.push_over_pull * max(0, push - pull)
    for o, option in enumerate(problem.options):
        parts["variety"] += w.repeat_in_week * max(0, uses[o] - 1)
        if option.favourite and uses[o] == 0:
            parts["favourites"] += w.favourite_missing
    return parts


def plan_cost(problem: WeekProblem, plan: WeekPlan) -> float:
    return sum(cost_breakdown(problem, plan).values())


# Volumes are counted in half sets so they stay integers and index lookup tables.
_TRAINED_HALVES = round(TRAINED_CREDIT * 2)
_HARD_HALVES = round(HARD_LOAD_CREDIT * 2)
_TABLE_HALVES = 2 * 60


class _Search:
    """A plan with every aggregate the objective needs, updated one change at a time.

    `delta` prices a change without making it; `apply` makes it. Both run in time
    proportional to the muscle groups the exercise touches.
    """

    def __init__(self, problem: WeekProblem) -> None:
        self.problem = problem
        sessions = len(problem.sessions)
        groups = len(problem.groups)
        w = problem.weights
        self.weights = w
        self.options = problem.options
        self.halves = [tuple((g, round(c * 2)) for g, c in o.credits) for o in problem.options]
        self.capacity = [spec.capacity for spec in problem.sessions]
        self.wants_main = [spec.wants_main for spec in problem.sessions]
        self.need = problem.need_sessions
        self.spaced = problem.spaced
        self.role_weights = problem.role_weights
        # Volume cost by weekly volume in half sets; `_grow_tables` extends it on demand.
        self.volume_table = [
            [volume_cost(problem, g, v / 2) for v in range(_TABLE_HALVES)] for g in range(groups)
        ]
        self.spacing = spacing_table(problem)
        self.count_table = [w.exercise_count * count_shortfall(n) for n in range(64)]
        self.sets: WeekPlan = [{} for _ in range(sessions)]
        self.volume = [0] * groups
        self.credit = [[0] * groups for _ in range(sessions)]
        self.trained = [0] * groups
        self.hard_mask = [0] * groups
        self.used = [0.0] * sessions
        self.roles = [0] * len(problem.role_names)
        self.push = 0
        self.pull = 0
        self.uses = [0] * len(problem.options)
        self.patterns: list[dict[str, int]] = [{} for _ in range(sessions)]
        self.mains = [0] * sessions
        self.cost = plan_cost(problem, self.sets)
        # Changes since the outermost open `begin()`, so compound moves can be taken back.
        self.log: list[tuple[int, int, int]] | None = None
        # Cost evaluations so far: the search's deterministic measure of work done.
        self.evaluations = 0

    def begin(self) -> int:
        """Start (or nest) a move; returns a mark to `undo` to."""
        if self.log is None:
            self.log = []
        return len(self.log)

    def undo(self, mark: int) -> None:
        log = self.log or []
        while len(log) > mark:
            s, o, old = log.pop()
            self.log = None  # the undo itself is not logged
            self.apply(s, o, old)
            self.log = log

    def end(self, mark: int) -> None:
        """Close a move (kept or undone); the outermost one stops logging."""
        if mark == 0:
            self.log = None

    def _grow_tables(self, halves: int) -> None:
        for g, table in enumerate(self.volume_table):
            table.extend(
                volume_cost(self.problem, g, v / 2) for v in range(len(table), 2 * halves + 2)
            )

    def free(self, session: int) -> float:
        return self.capacity[session] - self.used[session]

    def seconds_for(self, s: int, o: int, new: int) -> float:
        """Extra session seconds x[s,o] = new takes (negative when it frees time)."""
        old = self.sets[s].get(o, 0)
        seconds = (new - old) * self.options[o].set_seconds
        if old == 0 and new:
            seconds += CHANGEOVER_SECONDS
        elif new == 0 and old:
            seconds -= CHANGEOVER_SECONDS
        return seconds

    def delta(self, s: int, o: int, new: int) -> float:
        """The cost change of x[s,o] = new, without making it."""
        self.evaluations += 1
        old = self.sets[s].get(o, 0)
        if new == old:
            return 0.0
        w = self.weights
        option = self.options[o]
        diff = new - old
        delta = 0.0
        credit = self.credit[s]
        bit = 1 << s
        tables = self.volume_table
        volumes = self.volume
        for g, half in self.halves[o]:
            change = diff * half
            table = tables[g]
            volume = volumes[g]
            if volume + change >= len(table):
                self._grow_tables(volume + change)
            delta += table[volume + change] - table[volume]
            before = credit[g]
            after = before + change
            if (before >= _TRAINED_HALVES) != (after >= _TRAINED_HALVES):
                # Only the sessions up to the number needed count.
                need = self.need[g]
                count = self.trained[g]
                if after >= _TRAINED_HALVES:
                    if count < need:
                        delta -= w.missing_session
                elif count <= need:
                    delta += w.missing_session
            if self.spaced[g] and (before >= _HARD_HALVES) != (after >= _HARD_HALVES):
                mask = self.hard_mask[g]
                delta += self.spacing[mask ^ bit] - self.spacing[mask]
        if option.push_pull:
            gap = self.push - self.pull
            moved = gap + diff if option.push_pull > 0 else gap - diff
            delta += w.push_over_pull * ((moved if moved > 0 else 0) - (gap if gap > 0 else 0))
        if old == 0 or new == 0:
            adding = old == 0
            count = len(self.sets[s])
            table = self.count_table
            delta += table[count + 1] - table[count] if adding else table[count - 1] - table[count]
            roles = self.roles
            for r in option.roles:
                if adding and roles[r] == 0:
                    delta -= self.role_weights[r]
                elif not adding and roles[r] == 1:
                    delta += self.role_weights[r]
            uses = self.uses[o]
            # Repeats and same-pattern pairs cost only beyond the first.
            if adding:
                if uses >= 1:
                    delta += w.repeat_in_week
                elif option.favourite:
                    delta -= w.favourite_missing
                if self.patterns[s].get(option.pattern, 0) >= 1:
                    delta += w.pattern_twice
                if option.main and self.wants_main[s] and self.mains[s] == 0:
                    delta -= w.no_main_lift
                delta += option.cost
            else:
                if uses >= 2:
                    delta -= w.repeat_in_week
                elif option.favourite:
                    delta += w.favourite_missing
                if self.patterns[s].get(option.pattern, 0) >= 2:
                    delta -= w.pattern_twice
                if option.main and self.wants_main[s] and self.mains[s] == 1:
                    delta += w.no_main_lift
                delta -= option.cost
        return delta

    def apply(self, s: int, o: int, new: int) -> float:
        """Set x[s,o] = new; return the change in cost."""
        delta = self.delta(s, o, new)
        session_sets = self.sets[s]
        old = session_sets.get(o, 0)
        if new == old:
            return 0.0
        if self.log is not None:
            self.log.append((s, o, old))
        option = self.options[o]
        diff = new - old
        credit = self.credit[s]
        bit = 1 << s
        for g, half in self.halves[o]:
            change = diff * half
            self.volume[g] += change
            before = credit[g]
            after = before + change
            credit[g] = after
            if (before >= _TRAINED_HALVES) != (after >= _TRAINED_HALVES):
                self.trained[g] += 1 if after >= _TRAINED_HALVES else -1
            if (before >= _HARD_HALVES) != (after >= _HARD_HALVES):
                self.hard_mask[g] ^= bit
        self.used[s] += self.seconds_for(s, o, new)
        if option.push_pull > 0:
            self.push += diff
        elif option.push_pull < 0:
            self.pull += diff
        if old == 0 or new == 0:
            step = 1 if old == 0 else -1
            for r in option.roles:
                self.roles[r] += step
            self.uses[o] += step
            patterns = self.patterns[s]
            patterns[option.pattern] = patterns.get(option.pattern, 0) + step
            if option.main:
                self.mains[s] += step
        if new == 0:
            del session_sets[o]
        else:
            session_sets[o] = new
        self.cost += delta
        return delta


def _next_step(search: _Search, s: int, o: int) -> tuple[int, float] | None:
    """The next greedy step for x[s,o] (add the exercise, or one more set) and its seconds."""
    option = search.options[o]
    current = search.sets[s].get(o, 0)
    if current == 0:
        new = option.min_sets
    elif current < option.max_sets:
        new = current + 1
    else:
        return None
    seconds = search.seconds_for(s, o, new)
    if seconds > search.free(s) + _EPSILON:
        return None
    return new, seconds


def _greedy(
    search: _Search,
    forbidden: set[tuple[int, int]] | None = None,
    sessions: Sequence[int] | None = None,
) -> None:
    """Repeatedly take the step that lowers the cost most per second of session time.

    Lazy evaluation: a step's last known score sits in a heap; the best is re-priced before it
    is taken, and put back if it has fallen behind the next one. Costs here mostly have
    diminishing returns, so this takes the same steps as re-pricing everything, far faster.
    """
    heap: list[tuple[float, int, int]] = []
    specs = search.problem.sessions
    for s in range(len(specs)) if sessions is None else sessions:
        for o in specs[s].options:
            if forbidden and (s, o) in forbidden:
                continue
            step = _next_step(search, s, o)
            if step is None:
                continue
            delta = search.delta(s, o, step[0])
            if delta < -_EPSILON:
                heap.append((delta / step[1], s, o))
    heapq.heapify(heap)
    while heap:
        _, s, o = heapq.heappop(heap)
        step = _next_step(search, s, o)
        if step is None:
            continue
        new, seconds = step
        delta = search.delta(s, o, new)
        if delta >= -_EPSILON:
            continue
        score = delta / seconds
        if heap and score > heap[0][0] + _EPSILON:
            heapq.heappush(heap, (score, s, o))
            continue
        search.apply(s, o, new)
        following = _next_step(search, s, o)
        if following is not None:
            follow_delta = search.delta(s, o, following[0])
            if follow_delta < -_EPSILON:
                heapq.heappush(heap, (follow_delta / following[1], s, o))


def _fit(search: _Search, s: int, keep: int) -> bool:
    """Trim session s until it fits its minutes again, each time taking the set (or the
    exercise at its minimum sets) whose loss costs least per second freed; never `keep`."""
    options = search.options
    while search.free(s) < -_EPSILON:
        best: tuple[float, int, int] | None = None
        for o, sets in search.sets[s].items():
            if o == keep:
                continue
            new = sets - 1 if sets > options[o].min_sets else 0
            freed = -search.seconds_for(s, o, new)
            score = search.delta(s, o, new) / freed
            if best is None or score < best[0]:
                best = (score, o, new)
        if best is None:
            return False
        search.apply(s, best[1], best[2])
    return True


def _settle(search: _Search, mark: int, before: float, sessions: Sequence[int]) -> bool:
    """Finish a move begun at `mark`: trim the touched sessions to fit, keep it if the cost
    went down, otherwise take it all back."""
    for s in sessions:
        if not _fit(search, s, -1 if search.free(s) >= 0 else _last_added(search, mark, s)):
            search.undo(mark)
            return False
    if search.cost < before - _EPSILON:
        return True
    search.undo(mark)
    return False


def _last_added(search: _Search, mark: int, s: int) -> int:
    """The exercise most recently added to session s by this move (kept while trimming)."""
    log = search.log or []
    for session, o, old in reversed(log[mark:]):
        if session == s and old == 0 and o in search.sets[s]:
            return o
    return -1


def _insert(search: _Search, s: int, o: int, sets: int) -> bool:
    """Add exercise o to session s, trimming other sets if it does not fit."""
    if search.delta(s, o, sets) >= _TRIM_SLACK:
        return False
    before = search.cost
    mark = search.begin()
    search.apply(s, o, sets)
    kept = _settle(search, mark, before, [s])
    search.end(mark)
    return kept


def _more(search: _Search, s: int, o: int) -> bool:
    current = search.sets[s][o]
    if current >= search.options[o].max_sets or search.delta(s, o, current + 1) >= _TRIM_SLACK:
        return False
    before = search.cost
    mark = search.begin()
    search.apply(s, o, current + 1)
    kept = _settle(search, mark, before, [s])
    search.end(mark)
    return kept


def _replace(
    search: _Search,
    s: int,
    o: int,
    candidates: Sequence[tuple[int, int]],
    elsewhere: Sequence[int] = (),
) -> bool:
    """Take o out of session s, then put the first (other, sets) of `candidates` in its place,
    or o itself into one of the sessions `elsewhere`, that lowers the cost."""
    before = search.cost
    current = search.sets[s][o]
    mark = search.begin()
    removed = search.apply(s, o, 0)
    tries = [(s, other, sets) for other, sets in candidates if other not in search.sets[s]]
    tries += [(t, o, current) for t in elsewhere if o not in search.sets[t]]
    for t, other, sets in tries:
        if removed + search.delta(t, other, sets) >= _TRIM_SLACK:
            continue
        inner = search.begin()
        search.apply(t, other, sets)
        if _settle(search, inner, before, [t]):
            search.end(mark)
            return True
    search.undo(mark)
    search.end(mark)
    return False


def _promising(
    search: _Search, s: int, count: int, among: Sequence[int] | None = None
) -> list[int]:
    """The `count` options not in session s (of `among`, default all) that would lower the cost
    most if added at their minimum sets, time aside."""
    scored = []
    session_sets = search.sets[s]
    for o in search.problem.sessions[s].options if among is None else among:
        if o in session_sets:
            continue
        delta = search.delta(s, o, search.options[o].min_sets)
        scored.append((delta, o))
    scored.sort()
    return [o for _, o in scored[:count]]


class _Neighbours:
    """Precomputed candidate lists for the structural moves, per session."""

    def __init__(self, problem: WeekProblem) -> None:
        options = problem.options
        by_pattern: dict[str, list[int]] = {}
        for o in sorted(range(len(options)), key=lambda i: (options[i].cost, i)):
            by_pattern.setdefault(options[o].pattern, []).append(o)
        self.by_pattern = by_pattern
        # Options by the group of their first (target) credit, cheapest first.
        by_group: dict[int, list[int]] = {}
        for o in sorted(range(len(options)), key=lambda i: (options[i].cost, i)):
            if options[o].credits:
                by_group.setdefault(options[o].credits[0][0], []).append(o)
        self.by_group = by_group
        self.mains = [
            tuple(o for o in spec.options if options[o].main) for spec in problem.sessions
        ]
        self.by_role = [
            [tuple(o for o in spec.options if r in options[o].roles) for spec in problem.sessions]
            for r in range(len(problem.role_names))
        ]
        self.allowed = [set(spec.options) for spec in problem.sessions]


def _improve(
    search: _Search,
    near: _Neighbours,
    max_passes: int,
    sessions: Sequence[int] | None = None,
) -> None:
    """Local search to a local optimum of the moves below (first improvement), over every
    session or only the ones given. A session is searched again only after a move changed it
    (a "don't look" flag per session): volumes are weekly, so this can miss a move another
    session's change opened up, which the perturbation rounds of `solve_week` pick up."""
    pending = dict.fromkeys(range(len(search.problem.sessions)) if sessions is None else sessions)
    for _ in range(max_passes):
        if not pending:
            return
        current = list(pending)
        pending.clear()
        for s in current:
            before = [dict(plan) for plan in search.sets]
            if _improve_session(search, near, s):
                for t, plan in enumerate(search.sets):
                    if plan != before[t]:
                        pending[t] = None


def _improve_session(search: _Search, near: _Neighbours, s: int) -> bool:
    improved = False
    promising = _promising(search, s, 4)
    for o in list(search.sets[s]):
        if o in search.sets[s] and _improve_one(search, s, o, promising, near):
            improved = True
    for other in promising:
        if other not in search.sets[s] and _insert(
            search, s, other, search.options[other].min_sets
        ):
            improved = True
    if _repair(search, s, near):
        improved = True
    return improved


def _repair(search: _Search, s: int, near: _Neighbours) -> bool:
    """Targeted moves for the structural terms: a session without a main lift gets one, a
    balance role the week lacks is filled - added where it fits (trimming other sets), or in
    place of an exercise of the session."""
    wanted: list[tuple[int, ...]] = []
    if search.problem.sessions[s].wants_main and search.mains[s] == 0:
        wanted.append(near.mains[s])
    for r, weight in enumerate(search.role_weights):
        if weight and search.roles[r] == 0 and near.by_role[r][s]:
            wanted.append(near.by_role[r][s])
    improved = False
    for among in wanted:
        candidates = _promising(search, s, 3, among)
        if any(_insert(search, s, o, search.options[o].min_sets) for o in candidates):
            improved = True
            continue
        pairs = [(o, search.options[o].min_sets) for o in candidates]
        for current in sorted(search.sets[s], key=lambda o: search.delta(s, o, 0)):
            if _replace(search, s, current, pairs):
                improved = True
                break
    return improved


def _improve_one(search: _Search, s: int, o: int, promising: list[int], near: _Neighbours) -> bool:
    """Moves around x[s,o]: fewer or more sets (trimming others to fit), dropping it, swapping
    it for a promising exercise or one of the same pattern, moving it to another session."""
    options = search.options
    option = options[o]
    current = search.sets[s][o]
    fewer = [current - 1] if current > option.min_sets else []
    for new in (*fewer, 0):
        if search.delta(s, o, new) < -_EPSILON:
            search.apply(s, o, new)
            return True
    if _more(search, s, o):
        return True
    candidates = [
        (other, sets)
        for other in promising
        for sets in range(options[other].min_sets, options[other].max_sets + 1)
    ]
    group = option.credits[0][0] if option.credits else -1
    close = near.by_pattern[option.pattern][:6] + near.by_group.get(group, [])[:6]
    for other in dict.fromkeys(close):
        if other != o and other in near.allowed[s]:
            candidate = options[other]
            candidates.append((other, min(max(current, candidate.min_sets), candidate.max_sets)))
    elsewhere = [t for t in range(len(search.sets)) if t != s and o in near.allowed[t]]
    return _replace(search, s, o, candidates, elsewhere)


def _from_templates(search: _Search) -> None:
    """Construction a coach would start from: fill each session's movement slots in order with
    the option that lowers the cost most (at its minimum sets, where it fits), then let the
    greedy add sets."""
    for s in range(len(search.problem.sessions)):
        _fill_slots(search, s)
    _greedy(search)


def _fill_slots(
    search: _Search, s: int, forbidden: set[int] | None = None, rotate: int = 0
) -> None:
    """Fill session s's movement slots in order (starting `rotate` slots in), each with the
    option that lowers the cost most at its minimum sets and still fits."""
    spec = search.problem.sessions[s]
    for slot in spec.template[rotate:] + spec.template[:rotate]:
        best: tuple[float, int] | None = None
        for o in spec.options:
            option = search.options[o]
            if option.pattern not in slot or o in search.sets[s]:
                continue
            if forbidden and o in forbidden:
                continue
            if search.seconds_for(s, o, option.min_sets) > search.free(s) + _EPSILON:
                continue
            delta = search.delta(s, o, option.min_sets)
            if delta < -_EPSILON and (best is None or delta < best[0]):
                best = (delta, o)
        if best is not None:
            search.apply(s, best[1], search.options[best[1]].min_sets)


def _round_robin(search: _Search) -> None:
    """Construction that spreads the week evenly: in rounds, each session in turn takes the one
    exercise (at its minimum sets) that lowers the cost most; then the usual greedy adds sets."""
    sessions = range(len(search.problem.sessions))
    added = True
    while added:
        added = False
        for s in sessions:
            best: tuple[float, int] | None = None
            for o in search.problem.sessions[s].options:
                step = _next_step(search, s, o)
                if step is None or o in search.sets[s]:
                    continue
                delta = search.delta(s, o, step[0])
                if delta < -_EPSILON and (best is None or delta < best[0]):
                    best = (delta, o)
            if best is not None:
                search.apply(s, best[1], search.options[best[1]].min_sets)
                added = True
    _greedy(search)


CONSTRUCTIONS: dict[str, Callable[[_Search], None]] = {
    "greedy": _greedy,
    "templates": _from_templates,
    "round-robin": _round_robin,
}


def _kick(search: _Search, rng: random.Random) -> int:
    """Perturb one session: empty it, or drop two of its exercises, then refill it greedily
    without them. Return the session."""
    sessions = [s for s in range(len(search.sets)) if search.sets[s]]
    if not sessions:
        return 0
    s = rng.choice(sessions)
    chosen = sorted(search.sets[s])
    dropped = chosen if rng.random() < 0.5 else rng.sample(chosen, min(2, len(chosen)))
    for o in dropped:
        search.apply(s, o, 0)
    if len(dropped) == len(chosen) and search.problem.sessions[s].template:
        # An emptied session is rebuilt from its movement template, starting at a random slot.
        start = rng.randrange(len(search.problem.sessions[s].template))
        _fill_slots(search, s, forbidden=set(dropped), rotate=start)
    _greedy(search, forbidden={(s, o) for o in dropped}, sessions=[s])
    return s


def _load(search: _Search, plan: WeekPlan) -> None:
    for s, session in enumerate(plan):
        for o in list(search.sets[s]):
            if o not in session:
                search.apply(s, o, 0)
        for o, sets in session.items():
            search.apply(s, o, sets)


# Work budget of `solve_week` in cost evaluations (~3 microseconds each): the perturbation
# rounds stop when it is spent. A count, not a clock, so the same problem always gets the same
# plan on any machine.
EVALUATION_BUDGET = 14_000
MAX_KICKS = 24


def solve_week(
    problem: WeekProblem,
    seed: int = 0,
    budget: int = EVALUATION_BUDGET,
    max_kicks: int = MAX_KICKS,
    constructions: Sequence[str] = ("greedy", "templates", "round-robin"),
) -> WeekPlan:
    """A good feasible plan for the week (see module doc); deterministic for a given problem,
    seed and budget. Each construction is followed by local search; then, from the best plan,
    rounds of perturbing one session and searching again (while the budget lasts) keep the
    best plan found."""
    search = _Search(problem)
    near = _Neighbours(problem)
    best_cost = math.inf
    best: WeekPlan = []
    for construction in (CONSTRUCTIONS[name] for name in constructions):
        _load(search, [{} for _ in problem.sessions])
        construction(search)
        _improve(search, near, max_passes=8)
        if search.cost < best_cost - _EPSILON:
            best_cost = search.cost
            best = [dict(session) for session in search.sets]
    _load(search, best)
    rng = random.Random(seed)
    for _ in range(max_kicks):
        if search.evaluations >= budget:
            break
        kicked = _kick(search, rng)
        _improve(search, near, max_passes=3, sessions=[kicked])
        if search.cost < best_cost - _EPSILON:
            best_cost = search.cost
            best = [dict(session) for session in search.sets]
        else:
            _load(search, best)
    return best

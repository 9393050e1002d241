"""What every review check works from: the program's exercises with their facts, the tally
of checks per rule, and helpers shared by the checks (session minutes, set credits, what
would fix a shortfall). review.py runs the checks; review_hard.py, review_volume.py,
review_sessions.py and coach.py hold them."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from forgefit.catalog.index import Catalog
from forgefit.catalog.related import substitutes
from forgefit.errors import UnknownExerciseError
from forgefit.training.errors import FieldProblem, ProgramError
from forgefit.training.pool import (
    ExerciseFacts,
    Pool,
    catalog_facts,
    facts_for,
)
from forgefit.training.prescription import (
    SetScheme,
    base_scheme,
    session_seconds,
    set_seconds,
    work_seconds,
)
from forgefit.training.profile import Profile
from forgefit.training.program import Finding, PlannedExercise, Program
from forgefit.training.rule_catalog import RULES
from forgefit.training.rules import (
    CHANGEOVER_SECONDS,
    SESSION_PATTERNS,
    WEEKDAYS,
    Level,
    Role,
    general_warmup_minutes,
    prescription_for,
    ramp_up_seconds,
)


@dataclass
class _Entry:
    """One exercise in one session of one week, with what the catalog says about it."""

    week: int
    deload: bool
    session: int
    day: int
    session_name: str
    item: PlannedExercise
    facts: ExerciseFacts
    role: Role

    @property
    def where(self) -> str:
        return f"week {self.week}, {WEEKDAYS[self.day - 1]} ({self.session_name})"


@dataclass
class _Tally:
    checks: int = 0
    met: int = 0
    limited: int = 0


@dataclass
class _Reviewer:
    program: Program
    catalog: Catalog
    profile: Profile
    pool: Pool
    findings: list[Finding] = field(default_factory=list)
    tallies: dict[str, _Tally] = field(default_factory=lambda: defaultdict(_Tally))
    # Session seconds by id(session): several checks ask about the same session, and the
    # program does not change while it is reviewed.
    session_totals: dict[int, float] = field(default_factory=dict)
    # Seconds per set of each allowed exercise at the goal's usual scheme, by slug: the
    # fixes that look for the quickest exercise ask about the whole pool, several times.
    set_times: dict[str, float] = field(default_factory=dict)

    def record(
        self,
        rule: str,
        met: bool,
        message: str = "",
        *,
        limited_by: str | None = None,
        **details: Any,
    ) -> None:
        tally = self.tallies[rule]
        tally.checks += 1
        if met:
            tally.met += 1
            return
        if limited_by is not None:
            tally.limited += 1
        hard = RULES[rule].hard
        level: Level = "error" if hard else ("info" if limited_by else "warning")
        title = RULES[rule].title
        self.findings.append(
            Finding(
                rule=rule,
                level=level,
                message=f"{rule} ({title}): {message}",
                limited_by=limited_by,
                source=RULES[rule].source or None,
                **details,
            )
        )


def _parse(program: Program | Mapping[str, Any]) -> Program:
    if isinstance(program, Program):
        return program
    try:
        return Program.model_validate(program)
    except ValidationError as error:
        problems = []
        for detail in error.errors():
            location = ".".join(str(part) for part in detail["loc"])
            problems.append(FieldProblem(location or "program", detail["msg"]))
        raise ProgramError(problems) from None


def _entries(program: Program, catalog: Catalog) -> list[_Entry]:
    entries: list[_Entry] = []
    facts_cache: dict[str, ExerciseFacts] = {}
    problems: list[FieldProblem] = []
    for w, week in enumerate(program.weeks):
        for s, session in enumerate(week.sessions):
            for e, item in enumerate(session.exercises):
                facts = facts_cache.get(item.slug)
                if facts is None:
                    try:
                        facts = catalog_facts(catalog).get(item.slug) or facts_for(
                            catalog.get(item.slug), catalog.vocab
                        )
                    except UnknownExerciseError as error:
                        where = f"weeks[{w}].sessions[{s}].exercises[{e}].slug"
                        problems.append(FieldProblem(where, str(error)))
                        continue
                    facts_cache[item.slug] = facts
                role: Role = item.role or ("main" if facts.main_lift else "accessory")
                entries.append(
                    _Entry(week.week, week.deload, s, session.day, session.name, item, facts, role)
                )
    if problems:
        raise ProgramError(problems)
    return entries


def _first_by_slug(entries: Iterable[_Entry]) -> dict[str, list[_Entry]]:
    grouped: dict[str, list[_Entry]] = {}
    for entry in entries:
        grouped.setdefault(entry.facts.slug, []).append(entry)
    return grouped


def _replacement(reviewer: _Reviewer, facts: ExerciseFacts) -> str:
    allowed = reviewer.pool.by_slug()
    options = substitutes(
        reviewer.catalog,
        facts.exercise,
        reviewer.profile.equipment_set,
        reviewer.profile.injury_map,
        limit=20,
    )
    for option in options:
        if option.slug in allowed:
            return f"replace it with {option.name}"
    return "remove it"


def _weeks_text(weeks: list[int]) -> str:
    if len(weeks) == 1:
        return f"week {weeks[0]}"
    if weeks == list(range(weeks[0], weeks[-1] + 1)):
        return f"weeks {weeks[0]}-{weeks[-1]}"
    return "weeks " + ", ".join(str(w) for w in weeks)


def _session_total(reviewer: _Reviewer, session: Any) -> float:
    total = reviewer.session_totals.get(id(session))
    if total is None:
        total = _measure_session(reviewer, session)
        reviewer.session_totals[id(session)] = total
    return total


def _measure_session(reviewer: _Reviewer, session: Any) -> float:
    profile = reviewer.profile
    warmup = session.warmup
    if warmup is not None:
        warm = warmup.general_minutes * 60.0 + sum(ramp_up_seconds(r.reps) for r in warmup.ramp_up)
    else:
        warm = general_warmup_minutes(profile.minutes_per_session) * 60.0
    facts = catalog_facts(reviewer.catalog)
    blocks = []
    for item in session.exercises:
        reps = (item.reps[0], item.reps[1]) if item.reps else None
        per_set = work_seconds(reps, item.seconds, facts[item.slug].sides) + item.rest_seconds
        blocks.append((item.sets, per_set))
    return session_seconds(warm, blocks)


def _session_credits(entries: list[_Entry], load: bool = False) -> dict[int, dict[str, float]]:
    """Set credits per session and group; `load`: only those that count for recovery."""
    credits: dict[int, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for entry in entries:
        for group, credit in entry.facts.load_credits if load else entry.facts.credits:
            credits[entry.session][group] += credit * entry.item.sets
    return credits


def _banded_groups(reviewer: _Reviewer) -> list[str]:
    vocab = reviewer.catalog.vocab
    return [
        g for g, info in vocab.muscle_groups.items() if info.major or g in reviewer.profile.focus
    ]


def _scheme(reviewer: _Reviewer, facts: ExerciseFacts) -> SetScheme:
    return base_scheme(facts, reviewer.profile)


def _set_time(reviewer: _Reviewer, facts: ExerciseFacts) -> float:
    """Seconds per set (rest included) of the exercise at the goal's usual scheme."""
    seconds = reviewer.set_times.get(facts.slug)
    if seconds is None:
        seconds = set_seconds(_scheme(reviewer, facts), facts.sides)
        reviewer.set_times[facts.slug] = seconds
    return seconds


def _room_for(
    reviewer: _Reviewer, group: str, deficit: float, week: Any
) -> tuple[str | None, str | None]:
    """(fix, limited_by) for raising `group` by `deficit` weekly sets."""
    candidates = [f for f in reviewer.pool.allowed if f.target_group == group]
    if not candidates:
        return (
            f"no allowed exercise targets {group}; more equipment would open some",
            "equipment",
        )
    return _room_for_exercise(reviewer, candidates, deficit, week)


def _room_for_exercise(
    reviewer: _Reviewer, candidates: list[ExerciseFacts], sets: float, week: Any
) -> tuple[str, str | None]:
    """Where `sets` sets of the quickest candidate fit: a fix naming the session, or - when no
    session has the free minutes - a fix naming the minutes, limited by "time"."""
    budget = reviewer.profile.minutes_per_session * 60.0
    table = prescription_for(reviewer.profile.goal, reviewer.profile.experience)
    sets_needed = max(table.sets[0], math.ceil(sets))
    quickest = min(candidates, key=lambda f: (_set_time(reviewer, f), f.slug))
    needed = sets_needed * _set_time(reviewer, quickest)
    needed += CHANGEOVER_SECONDS
    for session in week.sessions:
        kind = session.type
        if kind in SESSION_PATTERNS and quickest.pattern not in SESSION_PATTERNS[kind]:
            continue
        free = budget - _session_total(reviewer, session)
        if free >= needed:
            return (
                f"add {sets_needed} sets of {quickest.exercise.name} to {session.name} "
                f"({WEEKDAYS[session.day - 1]}), which has {free / 60:.0f} free minutes",
                None,
            )
    extra = math.ceil(needed / 60)
    return (
        f"raise minutes_per_session by about {extra} or add a training day: no session has "
        f"room for {sets_needed} sets of {quickest.exercise.name}",
        "time",
    )


def _a(word: str) -> str:
    return f"{'an' if word[0] in 'aeiou' else 'a'} {word}"


def _week(weeks: list[Any], number: int) -> Any:
    return next(w for w in weeks if w.week == number)

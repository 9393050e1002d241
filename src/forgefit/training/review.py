"""Check any program against every rule of TRAINING.md and explain each finding.

`review_program` takes a Program (or its JSON as a dict) and the catalog, and recomputes what it
needs from the catalog and the program's own prescriptions; it trusts nothing the planner
wrote (estimated minutes, roles, weekly sets). Each finding names the rule and its number, says
what was measured against which target, and what would fix it. A soft target the profile puts
out of reach (too few minutes, no equipment for a pattern) is reported as `info` with
`limited_by`, so a person sees it but it is not counted against the plan.
"""

from __future__ import annotations

import itertools
import math
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from forgefit.catalog.index import Catalog
from forgefit.catalog.related import substitutes
from forgefit.catalog.vocabulary import Vocabulary
from forgefit.errors import UnknownExerciseError
from forgefit.training.coach import check_coach
from forgefit.training.errors import FieldProblem, ProfileError, ProgramError
from forgefit.training.pool import (
    ExerciseFacts,
    Pool,
    build_pool,
    catalog_facts,
    difficulty_gap,
    equipment_phrase,
    facts_for,
    in_vocabulary_order,
    injury_reason,
)
from forgefit.training.prescription import (
    SetScheme,
    base_scheme,
    minutes,
    session_seconds,
    set_seconds,
    warmup_seconds,
    work_seconds,
)
from forgefit.training.profile import Profile, normalise_profile
from forgefit.training.program import Finding, PlannedExercise, Program, Review, RuleResult
from forgefit.training.rules import (
    CHANGEOVER_SECONDS,
    DELOAD_EVERY_WEEKS,
    ENDURANCE_MIN_REPS,
    EXERCISES_PER_SESSION,
    FLAGGED_SETS_PER_EXERCISE,
    HARD_DIFFICULTY,
    HARD_EQUIPMENT,
    HARD_INJURY,
    HARD_LOAD_CREDIT,
    HARD_LOAD_STEP,
    HARD_POSSIBLE,
    HARD_TIME,
    HIP_DOMINANT,
    KNEE_DOMINANT,
    MAX_LOAD_STEP_PERCENT,
    MAX_WEEKLY_SETS_PER_GROUP,
    PULL_PATTERNS,
    PUSH_PATTERNS,
    RULES,
    SESSION_PATTERNS,
    SESSIONS_PER_WEEK,
    SOFT_COVERAGE,
    SOFT_DELOAD,
    SOFT_EXERCISES_PER_SESSION,
    SOFT_LOWER_BALANCE,
    SOFT_ORDER,
    SOFT_PUSH_PULL,
    SOFT_SESSIONS_PER_WEEK,
    SOFT_SETS_PER_EXERCISE,
    SOFT_SPACING,
    SOFT_VOLUME,
    SPACING_REST_DAYS,
    STRENGTH_MAIN_LIFT_MAX_REPS,
    STRENGTH_MAIN_LIFT_SETS,
    TRAINED_CREDIT,
    VOLUME_BANDS,
    WEEKDAYS,
    Level,
    Role,
    general_warmup_minutes,
    max_reps_at_percent,
    prescription_for,
    ramp_up_seconds,
)

_DELOAD_SHARE = (0.3, 0.65)  # "about half the sets"


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


def review_program(
    program: Program | Mapping[str, Any], catalog: Catalog, *, _pool: Pool | None = None
) -> Review:
    """Check a program against every hard and soft rule of TRAINING.md.

    Raises ProgramError when the program is not in the Program shape, names an exercise the
    catalog does not have, or carries an invalid profile.
    """
    parsed = _parse(program)
    try:
        profile = normalise_profile(parsed.profile, catalog)
    except ProfileError as error:
        raise ProgramError(
            [FieldProblem(f"profile.{p.field}", p.message) for p in error.problems]
        ) from None
    # The planner passes the pool it built from the same profile (the same function decides
    # it), so a program is not filtered twice; every other caller gets a fresh one.
    pool = _pool if _pool is not None else build_pool(catalog, profile)
    reviewer = _Reviewer(parsed, catalog, profile, pool)
    entries = _entries(parsed, catalog)
    _check_exercises(reviewer, entries)
    _check_time(reviewer, parsed)
    _check_loads(reviewer, entries)
    building = [w for w in parsed.weeks if not w.deload]
    by_week = defaultdict(list)
    for entry in entries:
        by_week[entry.week].append(entry)
    _check_coverage_volume_spacing(reviewer, building, by_week)
    _check_balance(reviewer, building, by_week)
    _check_sessions(reviewer, parsed, entries)
    _check_deload(reviewer, parsed, by_week)
    check_coach(reviewer, building, by_week)
    rules = [
        RuleResult(
            rule=rule.id,
            title=rule.title,
            hard=rule.hard,
            checks=reviewer.tallies[rule.id].checks,
            met=reviewer.tallies[rule.id].met,
            limited=reviewer.tallies[rule.id].limited,
        )
        for rule in RULES.values()
    ]
    order = {"error": 0, "warning": 1, "info": 2}
    findings = sorted(
        reviewer.findings,
        key=lambda f: (order[f.level], list(RULES).index(f.rule), f.week or 0, f.day or 0),
    )
    return Review(
        passed=not any(f.level == "error" for f in findings), findings=findings, rules=rules
    )


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


# --- Hard rules 1, 2, 4: the exercises themselves ---------------------------------------------


def _check_exercises(reviewer: _Reviewer, entries: list[_Entry]) -> None:
    profile = reviewer.profile
    vocab = reviewer.catalog.vocab
    for slug, found in _first_by_slug(entries).items():
        first = found[0]
        facts = first.facts
        reasons = _broken_rules(facts, profile, vocab)
        weeks = sorted({e.week for e in found})
        fix = _replacement(reviewer, facts) if reasons else None
        for rule in (HARD_EQUIPMENT, HARD_INJURY, HARD_DIFFICULTY):
            why = reasons.get(rule)
            message = ""
            if why:
                message = (
                    f"{facts.exercise.name} ({_weeks_text(weeks)}) is not allowed: {why}. "
                    f"Fix: {fix}."
                )
            reviewer.record(
                rule, why is None, message, fix=fix, week=first.week, day=first.day, slug=slug
            )


def _broken_rules(facts: ExerciseFacts, profile: Profile, vocab: Vocabulary) -> dict[str, str]:
    """Every hard rule among 1, 2 and 4 the exercise breaks for this profile, with the reason."""
    exercise = facts.exercise
    reasons: dict[str, str] = {}
    missing = in_vocabulary_order(vocab, exercise.requires - profile.equipment_set)
    if missing:
        reasons[HARD_EQUIPMENT] = f"it needs {equipment_phrase(vocab, missing)}"
    if exercise.slug in profile.exclude:
        reasons[HARD_INJURY] = "you excluded it"
    else:
        injury = injury_reason(exercise, profile.injury_map)
        if injury:
            reasons[HARD_INJURY] = injury
    if difficulty_gap(exercise, profile) > 1:
        reasons[HARD_DIFFICULTY] = (
            f"it is {exercise.difficulty}, more than one level above {profile.experience}"
        )
    return reasons


def _weeks_text(weeks: list[int]) -> str:
    if len(weeks) == 1:
        return f"week {weeks[0]}"
    if weeks == list(range(weeks[0], weeks[-1] + 1)):
        return f"weeks {weeks[0]}-{weeks[-1]}"
    return "weeks " + ", ".join(str(w) for w in weeks)


# --- Hard rule 3: time ------------------------------------------------------------------------


def _session_total(reviewer: _Reviewer, session: Any) -> float:
    profile = reviewer.profile
    warmup = session.warmup
    if warmup is not None:
        warm = warmup.general_minutes * 60.0 + sum(ramp_up_seconds(r.reps) for r in warmup.ramp_up)
    else:
        warm = general_warmup_minutes(profile.minutes_per_session) * 60.0
    blocks = []
    for item in session.exercises:
        facts = catalog_facts(reviewer.catalog)[item.slug]
        reps = (item.reps[0], item.reps[1]) if item.reps else None
        per_set = work_seconds(reps, item.seconds, facts.sides) + item.rest_seconds
        blocks.append((item.sets, per_set))
    return session_seconds(warm, blocks)


def _check_time(reviewer: _Reviewer, program: Program) -> None:
    budget = reviewer.profile.minutes_per_session
    for week in program.weeks:
        for session in week.sessions:
            total = _session_total(reviewer, session)
            needed = minutes(total)
            over = total > budget * 60 + 1e-6
            message = ""
            fix = None
            if over:
                excess = math.ceil((total - budget * 60) / 60)
                biggest = max(session.exercises, key=lambda item: item.sets, default=None)
                drop = (
                    f"drop sets (say from {biggest.name or biggest.slug})"
                    if biggest
                    else "drop sets"
                )
                fix = f"{drop} to save {excess} min, or raise minutes_per_session to {needed}"
                message = (
                    f"week {week.week}, {WEEKDAYS[session.day - 1]} ({session.name}) takes "
                    f"{needed} min by the time model against a {budget}-min budget. Fix: {fix}."
                )
            reviewer.record(
                HARD_TIME,
                not over,
                message,
                value=float(needed),
                target=f"<= {budget} min",
                fix=fix,
                week=week.week,
                day=session.day,
            )


# --- Hard rules 5 and 6: loads ----------------------------------------------------------------


def _check_loads(reviewer: _Reviewer, entries: list[_Entry]) -> None:
    previous: dict[tuple[int, str], tuple[int, float]] = {}
    checked_steps: set[str] = set()
    for entry in entries:
        item = entry.item
        progression = item.progression
        if progression is not None and item.slug not in checked_steps:
            checked_steps.add(item.slug)
            step = progression.max_step_percent
            ok = step is None or step <= MAX_LOAD_STEP_PERCENT
            reviewer.record(
                HARD_LOAD_STEP,
                ok,
                f"{item.name or item.slug} allows {step} % load steps, above "
                f"{MAX_LOAD_STEP_PERCENT:g} %. Fix: cap each step at {MAX_LOAD_STEP_PERCENT:g} %.",
                value=step,
                target=f"<= {MAX_LOAD_STEP_PERCENT:g} %",
                slug=item.slug,
                week=entry.week,
            )
        percent = item.load_percent_1rm
        if percent is None:
            continue
        key = (entry.day, item.slug)
        if key in previous and previous[key][0] < entry.week:
            last = previous[key][1]
            rise = (percent / last - 1) * 100 if last > 0 else 0.0
            ok = rise <= MAX_LOAD_STEP_PERCENT + 1e-6
            limit = math.floor(last * (1 + MAX_LOAD_STEP_PERCENT / 100) * 2) / 2
            reviewer.record(
                HARD_LOAD_STEP,
                ok,
                f"{item.name or item.slug} goes from {last:g} % to {percent:g} % of 1RM in "
                f"{entry.where}, a {rise:.1f} % step. Fix: use at most {limit:g} %.",
                value=round(rise, 1),
                target=f"<= {MAX_LOAD_STEP_PERCENT:g} %",
                week=entry.week,
                day=entry.day,
                slug=item.slug,
            )
        previous[key] = (entry.week, percent)
        if item.reps is not None:
            top = item.reps[1]
            possible = max_reps_at_percent(percent)
            ok = percent <= 100 and top <= possible + 1e-6
            shown = "no" if possible == 0 else f"about {possible:.0f}"
            reviewer.record(
                HARD_POSSIBLE,
                ok,
                f"{item.name or item.slug} asks for {top} reps at {percent:g} % of 1RM in "
                f"{entry.where}; people manage {shown} reps at that load. Fix: lower the load "
                f"or the reps to a pair in the %1RM table.",
                value=float(top),
                target=f"<= {possible:.0f} reps at {percent:g} %",
                week=entry.week,
                day=entry.day,
                slug=item.slug,
            )


# --- Soft rules 1, 2, 4: coverage, volume, spacing --------------------------------------------


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
    quickest = min(candidates, key=lambda f: (set_seconds(_scheme(reviewer, f), f.sides), f.slug))
    needed = sets_needed * set_seconds(_scheme(reviewer, quickest), quickest.sides)
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


def _check_coverage_volume_spacing(
    reviewer: _Reviewer, building: list[Any], by_week: Mapping[int, list[_Entry]]
) -> None:
    profile = reviewer.profile
    vocab = reviewer.catalog.vocab
    band = VOLUME_BANDS[profile.goal][profile.experience]
    groups = _banded_groups(reviewer)
    # Collect per group and week; report each group once with the weeks it misses.
    coverage_misses: dict[str, list[tuple[int, int, int]]] = defaultdict(list)
    volume_misses: dict[str, list[tuple[int, float]]] = defaultdict(list)
    spacing_misses: dict[str, list[tuple[int, str]]] = defaultdict(list)
    over_cap: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for week in building:
        entries = by_week.get(week.week, [])
        credits = _session_credits(entries)
        loads = _session_credits(entries, load=True)
        sessions = week.sessions
        need = 2 if len(sessions) >= 2 else 1
        weekly: dict[str, float] = defaultdict(float)
        for per_session in credits.values():
            for g, c in per_session.items():
                weekly[g] += c
        for g in groups:
            trained = sum(
                1 for s in range(len(sessions)) if credits[s].get(g, 0.0) >= TRAINED_CREDIT
            )
            if trained < need:
                coverage_misses[g].append((week.week, trained, need))
            volume = weekly.get(g, 0.0)
            if not band.minimum <= volume <= min(band.maximum, MAX_WEEKLY_SETS_PER_GROUP):
                volume_misses[g].append((week.week, volume))
            problem = _spacing_problem(sessions, loads, g)
            if problem:
                spacing_misses[g].append((week.week, problem))
        for g, volume in weekly.items():
            if g not in groups and volume > MAX_WEEKLY_SETS_PER_GROUP:
                over_cap[g].append((week.week, volume))
    if not building:
        return
    first_week = building[0]
    for g in groups:
        name = vocab.muscle_groups[g].name
        misses = coverage_misses.get(g, [])
        if misses:
            week_number, trained, need = misses[0]
            fix, limited = _room_for(reviewer, g, 1, first_week)
            if need == 2 and profile.days_per_week < 2:
                limited = "days"
            reviewer.record(
                SOFT_COVERAGE,
                False,
                f"{name} is trained in {trained} session{'s' if trained != 1 else ''} a week "
                f"({_weeks_text([m[0] for m in misses])}); target >= {need}. Fix: {fix}.",
                limited_by=limited,
                value=float(trained),
                target=f">= {need} sessions",
                fix=fix,
                week=week_number,
            )
        else:
            reviewer.record(SOFT_COVERAGE, True)
        vmisses = volume_misses.get(g, [])
        if vmisses:
            week_number, volume = vmisses[0]
            target = f"{band.describe()} sets"
            goal = f"{profile.goal} ({profile.experience})"
            if volume < band.minimum:
                fix, limited = _room_for(
                    reviewer, g, band.minimum - volume, _week(building, week_number)
                )
                side = "below"
            else:
                fix, limited = (
                    f"drop {volume - band.maximum:g} weekly sets that train {name.lower()}",
                    None,
                )
                side = "above"
            reviewer.record(
                SOFT_VOLUME,
                False,
                f"{name} gets {volume:g} hard sets a week "
                f"({_weeks_text([m[0] for m in vmisses])}), {side} the {band.describe()} band "
                f"for {goal}. Fix: {fix}.",
                limited_by=limited,
                value=volume,
                target=target,
                fix=fix,
                week=week_number,
            )
        else:
            reviewer.record(SOFT_VOLUME, True)
        smisses = spacing_misses.get(g, [])
        if smisses:
            week_number, problem = smisses[0]
            # Seven days leave no rest day; that excuses back-to-back sessions, not long gaps.
            limited = "days" if profile.days_per_week >= 7 and "no rest day" in problem else None
            fix = "move one of those sessions' work for this group to another day"
            reviewer.record(
                SOFT_SPACING,
                False,
                f"{name}: {problem} ({_weeks_text([m[0] for m in smisses])}); target "
                f"{SPACING_REST_DAYS[0]}-{SPACING_REST_DAYS[1]} rest days between sessions that "
                f"load it hard. Fix: {fix}.",
                limited_by=limited,
                target="1-3 rest days",
                fix=fix,
                week=week_number,
            )
        else:
            reviewer.record(SOFT_SPACING, True)
    for g, cap_misses in over_cap.items():
        week_number, volume = cap_misses[0]
        reviewer.record(
            SOFT_VOLUME,
            False,
            f"{vocab.muscle_groups[g].name} gets {volume:g} sets a week, above the "
            f"~{MAX_WEEKLY_SETS_PER_GROUP:g} any group should get. Fix: drop some of its sets.",
            value=volume,
            target=f"<= {MAX_WEEKLY_SETS_PER_GROUP:g}",
            week=week_number,
        )
    _check_goal_prescriptions(reviewer, [e for w in building for e in by_week.get(w.week, [])])


def _a(word: str) -> str:
    return f"{'an' if word[0] in 'aeiou' else 'a'} {word}"


def _week(weeks: list[Any], number: int) -> Any:
    return next(w for w in weeks if w.week == number)


def _spacing_problem(
    sessions: list[Any], credits: Mapping[int, Mapping[str, float]], group: str
) -> str:
    days = sorted(
        session.day
        for s, session in enumerate(sessions)
        if credits.get(s, {}).get(group, 0.0) >= HARD_LOAD_CREDIT
    )
    if len(days) < 2:
        return ""
    low, high = SPACING_REST_DAYS
    for index, day in enumerate(days):
        following = days[(index + 1) % len(days)] + (7 if index + 1 == len(days) else 0)
        rest = following - day - 1
        if rest < low:
            return (
                f"loaded hard on {WEEKDAYS[day - 1]} and {WEEKDAYS[(following - 1) % 7]} "
                "with no rest day between"
            )
        if rest > high:
            until = WEEKDAYS[(following - 1) % 7]
            return f"{rest} rest days between its hard sessions ({WEEKDAYS[day - 1]} to {until})"
    return ""


def _check_goal_prescriptions(reviewer: _Reviewer, entries: list[_Entry]) -> None:
    """Soft-2's goal-specific parts: strength main lifts 2-5 sets of <= 6 reps (beginners work
    at 6-10 by the prescription table, so they are exempt); endurance sets of >= 12 reps."""
    profile = reviewer.profile
    seen: set[tuple[str, int]] = set()
    for entry in entries:
        item = entry.item
        key = (item.slug, entry.day)
        if key in seen or item.reps is None:
            continue
        seen.add(key)
        if profile.goal == "strength" and entry.role == "main" and profile.experience != "beginner":
            low, high = STRENGTH_MAIN_LIFT_SETS
            ok = low <= item.sets <= high and item.reps[1] <= STRENGTH_MAIN_LIFT_MAX_REPS
            reviewer.record(
                SOFT_VOLUME,
                ok,
                f"main lift {item.name or item.slug} in {entry.where} is {item.sets} sets of "
                f"{item.reps[0]}-{item.reps[1]}; strength main lifts are {low}-{high} sets of "
                f"<= {STRENGTH_MAIN_LIFT_MAX_REPS} reps. Fix: use 3-5 sets of 3-6 reps.",
                value=float(item.reps[1]),
                target=f"{low}-{high} sets of <= 6 reps",
                week=entry.week,
                day=entry.day,
                slug=item.slug,
            )
        if profile.goal == "endurance":
            ok = item.reps[0] >= 12
            reviewer.record(
                SOFT_VOLUME,
                ok,
                f"{item.name or item.slug} in {entry.where} is {item.reps[0]}-{item.reps[1]} "
                f"reps; endurance sets are >= {ENDURANCE_MIN_REPS} reps. Fix: use 12-20 reps.",
                value=float(item.reps[0]),
                target=f">= {ENDURANCE_MIN_REPS} reps",
                week=entry.week,
                day=entry.day,
                slug=item.slug,
            )


# --- Soft rules 5 and 6: balance ---------------------------------------------------------------


def _check_balance(
    reviewer: _Reviewer, building: list[Any], by_week: Mapping[int, list[_Entry]]
) -> None:
    vocab = reviewer.catalog.vocab
    available = {facts.pattern for facts in reviewer.pool.allowed}
    push_misses: list[tuple[int, int, int]] = []
    missing: dict[str, list[int]] = defaultdict(list)
    for week in building:
        entries = by_week.get(week.week, [])
        push = sum(e.item.sets for e in entries if e.facts.pattern in PUSH_PATTERNS)
        pull = sum(e.item.sets for e in entries if e.facts.pattern in PULL_PATTERNS)
        if pull < push:
            push_misses.append((week.week, push, pull))
        patterns = {e.facts.pattern for e in entries}
        for need in ("horizontal-pull", "vertical-pull", KNEE_DOMINANT, HIP_DOMINANT):
            wanted = vocab.pattern_roles.get(need, (need,))
            if not patterns & set(wanted):
                missing[need].append(week.week)
    if not building:
        return
    if push_misses:
        week_number, push, pull = push_misses[0]
        has_pull = bool(available & set(PULL_PATTERNS))
        reviewer.record(
            SOFT_PUSH_PULL,
            False,
            f"{pull} pull sets against {push} push sets a week "
            f"({_weeks_text([m[0] for m in push_misses])}); target pull >= push. Fix: add "
            f"{push - pull} sets of rows or pulldowns, or drop pressing sets.",
            limited_by=None if has_pull else "equipment",
            value=float(pull - push),
            target="pull sets >= push sets",
            week=week_number,
        )
    else:
        reviewer.record(SOFT_PUSH_PULL, True)
    for need, rule in (
        ("horizontal-pull", SOFT_PUSH_PULL),
        ("vertical-pull", SOFT_PUSH_PULL),
        (KNEE_DOMINANT, SOFT_LOWER_BALANCE),
        (HIP_DOMINANT, SOFT_LOWER_BALANCE),
    ):
        weeks = missing.get(need, [])
        if not weeks:
            reviewer.record(rule, True)
            continue
        role_patterns = vocab.pattern_roles.get(need, (need,))
        options = [f for f in reviewer.pool.allowed if f.pattern in role_patterns]
        label = need.replace("-", " ")
        if options:
            fix, limited = _room_for_exercise(reviewer, options, 0, _week(building, weeks[0]))
        else:
            fix, limited = "no allowed exercise fills it: add equipment", "equipment"
        reviewer.record(
            rule,
            False,
            f"no {label} pattern in {_weeks_text(weeks)}; target: one each week. Fix: {fix}.",
            limited_by=limited,
            target=f"a {label} exercise each week",
            fix=fix,
            week=weeks[0],
        )


# --- Soft rules 3, 7, 8, 9: sessions -----------------------------------------------------------


def _check_sessions(reviewer: _Reviewer, program: Program, entries: list[_Entry]) -> None:
    profile = reviewer.profile
    low, high = SESSIONS_PER_WEEK[profile.experience]
    for week in program.weeks[:1]:
        days = len({s.day for s in week.sessions})
        ok = low <= days <= high
        reviewer.record(
            SOFT_SESSIONS_PER_WEEK,
            ok,
            f"{days} sessions a week; {_a(profile.experience)} usually trains {low}-{high}. "
            "Planned as asked.",
            limited_by="days",
            value=float(days),
            target=f"{low}-{high} sessions",
        )
    by_session: dict[tuple[int, int], list[_Entry]] = defaultdict(list)
    for entry in entries:
        by_session[(entry.week, entry.session)].append(entry)
    order_misses: dict[str, list[int]] = {}
    count_misses: dict[str, list[tuple[int, int]]] = {}
    sets_seen: dict[tuple[str, str], int] = {}
    names: dict[str, tuple[int, str]] = {}
    session_types = {
        f"{session.name}|{session.day}": session.type
        for week in program.weeks
        for session in week.sessions
    }
    for (week_number, _), items in sorted(by_session.items()):
        session_key = f"{items[0].session_name}|{items[0].day}"
        names[session_key] = (items[0].day, items[0].session_name)
        ranks = [e.facts.order_rank for e in items]
        if any(b < a for a, b in itertools.pairwise(ranks)):
            order_misses.setdefault(session_key, []).append(week_number)
        else:
            order_misses.setdefault(session_key, [])
        count = len(items)
        lo, hi = EXERCISES_PER_SESSION
        if not lo <= count <= hi:
            count_misses.setdefault(session_key, []).append((week_number, count))
        else:
            count_misses.setdefault(session_key, [])
        for e in items:
            key = (session_key, e.item.slug)
            sets_seen[key] = max(sets_seen.get(key, 0), e.item.sets)
    for session_key, weeks in order_misses.items():
        day, name = names[session_key]
        reviewer.record(
            SOFT_ORDER,
            not weeks,
            f"{name} ({WEEKDAYS[day - 1]}) puts a smaller or single-joint exercise before a "
            f"bigger one ({_weeks_text(weeks) if weeks else ''}). Fix: power first, then "
            "multi-joint large-muscle lifts, then single-joint, core last.",
            day=day,
            week=weeks[0] if weeks else None,
        )
    for session_key, misses in count_misses.items():
        day, name = names[session_key]
        if not misses:
            reviewer.record(SOFT_EXERCISES_PER_SESSION, True)
            continue
        week_number, count = misses[0]
        lo, hi = EXERCISES_PER_SESSION
        limited = (
            _exercise_count_limit(reviewer, session_types.get(session_key), lo)
            if count < lo
            else None
        )
        fix = (
            f"raise minutes_per_session so {lo} exercises fit"
            if limited
            else (
                f"add {lo - count} exercise(s)" if count < lo else f"drop {count - hi} exercise(s)"
            )
        )
        reviewer.record(
            SOFT_EXERCISES_PER_SESSION,
            False,
            f"{name} ({WEEKDAYS[day - 1]}) has {count} exercises; target about {lo}-{hi}. "
            f"Fix: {fix}.",
            limited_by=limited,
            value=float(count),
            target=f"{lo}-{hi}",
            fix=fix,
            day=day,
            week=week_number,
        )
    for (session_key, slug), sets in sets_seen.items():
        day, name = names[session_key]
        ok = sets <= FLAGGED_SETS_PER_EXERCISE
        reviewer.record(
            SOFT_SETS_PER_EXERCISE,
            ok,
            f"{slug} in {name} has {sets} sets; 2-5 is typical and more than "
            f"{FLAGGED_SETS_PER_EXERCISE} is flagged. Fix: split the sets across two exercises "
            "or two days.",
            value=float(sets),
            target="2-5 sets",
            day=day,
            slug=slug,
        )


def _exercise_count_limit(reviewer: _Reviewer, kind: str | None, count: int) -> str | None:
    """What keeps a session of this kind below `count` exercises whatever the plan: too few
    allowed exercises for it ("equipment"), or too few minutes even for the quickest ones at
    their minimum sets after the warm-up ("time"); None when it could be done."""
    profile = reviewer.profile
    patterns = SESSION_PATTERNS.get(kind) if kind in SESSION_PATTERNS else None
    eligible = [f for f in reviewer.pool.allowed if patterns is None or f.pattern in patterns]
    if len(eligible) < count:
        return "equipment"
    table = prescription_for(profile.goal, profile.experience)
    per_exercise = sorted(
        table.sets[0] * set_seconds(_scheme(reviewer, f), f.sides) for f in eligible
    )
    warmup = warmup_seconds(profile, with_ramp_up=True)
    blocks = [(1, seconds) for seconds in per_exercise[:count]]
    if session_seconds(warmup, blocks) > profile.minutes_per_session * 60.0:
        return "time"
    return None


# --- Soft rule 10: deload ----------------------------------------------------------------------


def _check_deload(
    reviewer: _Reviewer, program: Program, by_week: Mapping[int, list[_Entry]]
) -> None:
    weeks = program.weeks
    low, high = DELOAD_EVERY_WEEKS
    if len(weeks) < low:
        return
    run = longest = 0
    for week in weeks:
        run = 0 if week.deload else run + 1
        longest = max(longest, run)
    ok = longest <= high - 1
    reviewer.record(
        SOFT_DELOAD,
        ok,
        f"{longest} building weeks in a row without a deload; target a lighter week every "
        f"{low}-{high} weeks. Fix: make week {high} (or earlier) a deload with about half the "
        "sets.",
        value=float(longest),
        target=f"deload every {low}-{high} weeks",
    )
    deload_positions = [i for i, w in enumerate(weeks) if w.deload]
    for previous, current in itertools.pairwise(deload_positions):
        gap = current - previous
        reviewer.record(
            SOFT_DELOAD,
            gap >= low,
            f"deloads in weeks {weeks[previous].week} and {weeks[current].week} are only {gap} "
            f"weeks apart; target every {low}-{high} weeks. Fix: drop the earlier deload.",
            value=float(gap),
            target=f"{low}-{high} weeks apart",
            week=weeks[current].week,
        )
    for index in deload_positions:
        if index == 0:
            continue
        before = sum(e.item.sets for e in by_week.get(weeks[index - 1].week, []))
        during = sum(e.item.sets for e in by_week.get(weeks[index].week, []))
        share = during / before if before else 0.0
        lighter = _loads_not_heavier(
            by_week.get(weeks[index - 1].week, []), by_week.get(weeks[index].week, [])
        )
        ok = _DELOAD_SHARE[0] <= share <= _DELOAD_SHARE[1] and lighter
        reviewer.record(
            SOFT_DELOAD,
            ok,
            f"deload week {weeks[index].week} keeps {share:.0%} of the sets of week "
            f"{weeks[index - 1].week}{'' if lighter else ' with heavier loads'}; target about half "
            "the sets at the same or ~10 % lighter loads. Fix: halve each exercise's sets.",
            value=round(share, 2),
            target="about 50 % of the sets",
            week=weeks[index].week,
        )


def _loads_not_heavier(before: list[_Entry], during: list[_Entry]) -> bool:
    last = {(e.day, e.item.slug): e.item.load_percent_1rm for e in before}
    for entry in during:
        previous = last.get((entry.day, entry.item.slug))
        percent = entry.item.load_percent_1rm
        if previous is not None and percent is not None and percent > previous:
            return False
    return True

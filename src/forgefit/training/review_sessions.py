"""Soft rules 3, 5-10: order within a session, push/pull and lower-body balance, sessions per
week, sets per exercise, exercises per session, and the deload week."""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Mapping
from typing import Any

from forgefit.training.prescription import (
    session_seconds,
    warmup_seconds,
)
from forgefit.training.program import Program
from forgefit.training.review_core import (
    _a,
    _Entry,
    _Reviewer,
    _room_for_exercise,
    _set_time,
    _week,
    _weeks_text,
)
from forgefit.training.rule_catalog import (
    SOFT_DELOAD,
    SOFT_EXERCISES_PER_SESSION,
    SOFT_LOWER_BALANCE,
    SOFT_ORDER,
    SOFT_PUSH_PULL,
    SOFT_SESSIONS_PER_WEEK,
    SOFT_SETS_PER_EXERCISE,
)
from forgefit.training.rules import (
    DELOAD_EVERY_WEEKS,
    EXERCISES_PER_SESSION,
    FLAGGED_SETS_PER_EXERCISE,
    HIP_DOMINANT,
    KNEE_DOMINANT,
    PULL_PATTERNS,
    PUSH_PATTERNS,
    SESSION_PATTERNS,
    SESSIONS_PER_WEEK,
    WEEKDAYS,
    prescription_for,
)

_DELOAD_SHARE = (0.3, 0.65)  # "about half the sets"


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
    per_exercise = sorted(table.sets[0] * _set_time(reviewer, f) for f in eligible)
    warmup = warmup_seconds(profile, with_ramp_up=True)
    blocks = [(1, seconds) for seconds in per_exercise[:count]]
    if session_seconds(warmup, blocks) > profile.minutes_per_session * 60.0:
        return "time"
    return None


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

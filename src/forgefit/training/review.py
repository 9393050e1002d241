"""Check any program against every rule of TRAINING.md and explain each finding.

`review_program` takes a Program (or its JSON as a dict) and the catalog, and recomputes what it
needs from the catalog and the program's own prescriptions; it trusts nothing the planner
wrote (estimated minutes, roles, weekly sets). Each finding names the rule and its number, says
what was measured against which target, and what would fix it. A soft target the profile puts
out of reach (too few minutes, no equipment for a pattern) is reported as `info` with
`limited_by`, so a person sees it but it is not counted against the plan.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from typing import Any

from forgefit.catalog.index import Catalog
from forgefit.training.coach_week import check_coach
from forgefit.training.errors import FieldProblem, ProfileError, ProgramError
from forgefit.training.pool import (
    Pool,
    build_pool,
)
from forgefit.training.profile import normalise_profile
from forgefit.training.program import Program, Review, RuleResult
from forgefit.training.review_core import (
    _entries,
    _parse,
    _Reviewer,
)
from forgefit.training.review_hard import _check_exercises, _check_loads, _check_time
from forgefit.training.review_sessions import _check_balance, _check_deload, _check_sessions
from forgefit.training.review_volume import _check_coverage_volume_spacing
from forgefit.training.rule_catalog import RULES


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

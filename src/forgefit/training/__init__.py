"""The trainer: from a profile, a multi-week program that meets every hard rule of TRAINING.md,
aims at its soft targets, explains each choice and carries its own review.

    from forgefit.catalog import default_catalog
    from forgefit.training import build_program, review_program, to_markdown

    program = build_program({"goal": "hypertrophy", "experience": "beginner",
                             "days_per_week": 3, "minutes_per_session": 45,
                             "preset": "home-dumbbells"}, default_catalog())
    program.to_json()          # CONTRACTS.md "Program" JSON
    to_markdown(program)       # for people; also to_csv, to_ics, to_html
    review_program(program.to_dict(), default_catalog())   # any program, rule by rule
"""

from __future__ import annotations

from forgefit.training.errors import (
    FieldProblem,
    PlannerError,
    ProfileError,
    ProgramError,
    UnservableProfileError,
)
from forgefit.training.export import CSV_COLUMNS, to_csv, to_html, to_ics, to_markdown
from forgefit.training.planner import build_program
from forgefit.training.profile import Injury, Profile, parse_profile
from forgefit.training.program import (
    Finding,
    PlannedExercise,
    Program,
    Progression,
    Review,
    RuleResult,
    Session,
    Substitution,
    Week,
)
from forgefit.training.review import review_program
from forgefit.training.rule_catalog import RULES

__all__ = [
    "CSV_COLUMNS",
    "RULES",
    "FieldProblem",
    "Finding",
    "Injury",
    "PlannedExercise",
    "PlannerError",
    "Profile",
    "ProfileError",
    "Program",
    "ProgramError",
    "Progression",
    "Review",
    "RuleResult",
    "Session",
    "Substitution",
    "UnservableProfileError",
    "Week",
    "build_program",
    "parse_profile",
    "review_program",
    "to_csv",
    "to_html",
    "to_ics",
    "to_markdown",
]

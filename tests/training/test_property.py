"""Property: for any valid profile the planner returns a program with zero hard violations, or
refuses it with a reason that is true (no exercise fills any movement role). 500 examples."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from forgefit.catalog import Catalog, default_catalog
from forgefit.training import UnservableProfileError, build_program
from forgefit.training.planner import MOVEMENT_ROLES
from forgefit.training.pool import build_pool
from forgefit.training.profile import parse_profile
from forgefit.training.rule_catalog import HARD_RULES
from forgefit.training.templates import template_slugs

EXAMPLES = 500
_CATALOG = default_catalog()
# Refused profiles, collected across examples and reported by the test after this one.
REFUSALS: list[tuple[dict[str, Any], str]] = []
CHECKED: list[int] = []


def _profiles(catalog: Catalog) -> st.SearchStrategy[dict[str, Any]]:
    vocab = catalog.vocab
    slugs = [e.slug for e in catalog.exercises]
    equipment = st.one_of(
        st.fixed_dictionaries({"preset": st.sampled_from(sorted(vocab.equipment_presets))}),
        st.fixed_dictionaries(
            {"equipment": st.lists(st.sampled_from(sorted(vocab.equipment)), max_size=8)}
        ).filter(lambda d: bool(d["equipment"])),
    )
    injury = st.fixed_dictionaries(
        {"joint": st.sampled_from(sorted(vocab.joints)),
         "severity": st.sampled_from(["mild", "serious"])}
    )  # fmt: skip
    base = st.fixed_dictionaries(
        {
            "goal": st.sampled_from(["strength", "hypertrophy", "endurance", "general-fitness"]),
            "experience": st.sampled_from(["beginner", "intermediate", "advanced"]),
            "days_per_week": st.integers(1, 7),
            "minutes_per_session": st.integers(15, 180),
            "injuries": st.lists(injury, max_size=4),
            "focus": st.lists(st.sampled_from(sorted(vocab.muscle_groups)), max_size=3),
            "exclude": st.lists(st.sampled_from(slugs), max_size=5),
            "favourites": st.lists(st.sampled_from(slugs), max_size=3),
            "weeks": st.integers(1, 8),
            "seed": st.integers(0, 2**31),
            "template": st.sampled_from(template_slugs()),
        }
    )
    return st.builds(lambda a, b: {**a, **b}, base, equipment)


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(_profiles(_CATALOG))
def test_every_valid_profile_gets_a_program_without_hard_violations_or_a_true_refusal(
    raw: dict[str, Any],
) -> None:
    CHECKED.append(1)
    try:
        program = build_program(raw, _CATALOG)
    except UnservableProfileError as refusal:
        profile = parse_profile(raw, _CATALOG)
        pool = build_pool(_CATALOG, profile)
        assert not {r for f in pool.allowed for r in f.roles if r in MOVEMENT_ROLES}
        assert refusal.reason and refusal.changes
        REFUSALS.append((raw, str(refusal)))
        return
    review = program.review
    assert review is not None and review.passed
    assert not [f for f in review.findings if f.rule in HARD_RULES]
    # Independently of the review: equipment, injuries, exclusions, difficulty, minutes.
    profile = program.profile
    have = set(profile.equipment)
    levels = ["beginner", "intermediate", "advanced"]
    for week in program.weeks:
        for session in week.sessions:
            assert session.estimated_minutes <= profile.minutes_per_session
            assert session.exercises
            for item in session.exercises:
                exercise = _CATALOG.get(item.slug)
                assert exercise.requires <= have
                assert item.slug not in profile.exclude
                for joint, severity in profile.injury_map.items():
                    stress = exercise.joint_stress.get(joint)
                    assert stress != "high"
                    assert not (severity == "serious" and stress == "moderate")
                gap = levels.index(exercise.difficulty) - levels.index(profile.experience)
                assert gap <= 1


@settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(_profiles(_CATALOG))
def test_same_profile_and_seed_give_the_same_program(raw: dict[str, Any]) -> None:
    try:
        first = build_program(raw, _CATALOG)
    except UnservableProfileError:
        return
    assert build_program(dict(raw), _CATALOG).to_json() == first.to_json()


def test_refusals_are_counted_and_listed() -> None:
    """Runs after the property test: reports how many of its profiles were refused, and why."""
    print(f"\n{len(CHECKED)} profiles checked, {len(REFUSALS)} refused as unservable")
    for raw, reason in REFUSALS:
        print(f"  refused: {raw}\n    {reason}")
    assert len(REFUSALS) <= len(CHECKED)

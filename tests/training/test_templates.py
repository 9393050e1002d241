"""Program templates: classic programs as data, chosen by fit or by name, filled with staples,
with prescriptions, loads and injury handling a coach would sign."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from benchmarks.synthetic import write_synthetic_catalog

from forgefit.catalog import Catalog, load_catalog
from forgefit.training import ProfileError, build_program
from forgefit.training.templates import describe_templates, training_data
from tests.training.conftest import Plan, exercises

CLASSICS = {
    "novice-linear", "gzclp", "five-three-one", "phul", "reddit-ppl", "upper-lower-hypertrophy",
    "full-body-hypertrophy", "bodyweight-recommended-routine", "one-kettlebell",
    "fitness-circuit",
}  # fmt: skip


def slugs(program) -> set[str]:  # type: ignore[no-untyped-def]
    return {e.slug for e in exercises(program)}


def test_every_classic_program_is_data_with_a_source():
    listed = {t["slug"]: t for t in describe_templates()}
    assert set(listed) >= CLASSICS
    for slug in CLASSICS:
        assert listed[slug]["source"] and listed[slug]["based_on"] and listed[slug]["days"]


@pytest.mark.parametrize("slug", sorted(CLASSICS))
def test_each_classic_can_be_chosen_by_name_and_passes_review(plan: Plan, slug: str):
    template = training_data().templates[slug]
    days = min(template.layouts)
    program = plan(template=slug, days_per_week=days, preset="full-gym",
                   goal=template.goals[0], experience=template.experiences[-1])  # fmt: skip
    assert program.template is not None and program.template.slug == slug
    assert program.template.picked_by == "you"
    assert program.review is not None and program.review.passed


def test_a_strength_beginner_with_a_barbell_gets_the_barbell_staples(plan: Plan):
    for seed in range(4):
        program = plan(goal="strength", preset="full-gym", minutes_per_session=60, seed=seed)
        assert program.template is not None and program.template.slug == "novice-linear"
        used = slugs(program)
        assert "barbell-back-squat" in used
        assert "barbell-bench-press" in used
        assert used & {"barbell-deadlift", "trap-bar-deadlift"}


def test_home_dumbbells_get_dumbbell_staples(plan: Plan):
    used = slugs(plan(experience="intermediate", minutes_per_session=60))
    assert {"dumbbell-bench-press", "one-arm-dumbbell-row"} <= used
    assert used & {"goblet-squat", "dumbbell-squat"}
    assert used & {"standing-dumbbell-shoulder-press", "seated-dumbbell-shoulder-press",
                   "arnold-press"}  # fmt: skip


def test_bodyweight_gets_push_up_and_row_progressions(plan: Plan):
    used = slugs(plan(preset="bodyweight", goal="strength", minutes_per_session=60))
    assert "push-up" in used
    assert used & {"table-inverted-row", "door-frame-row"}


def test_a_real_vertical_pull_when_one_is_possible(plan: Plan, catalog: Catalog):
    data = training_data()
    assert not data.is_real_vertical_pull(catalog.get("dumbbell-pullover"))
    assert not data.is_real_vertical_pull(catalog.get("straight-arm-pulldown"))
    assert data.is_real_vertical_pull(catalog.get("lat-pulldown"))
    for preset in ("full-gym", "bands"):
        program = plan(preset=preset, experience="intermediate", days_per_week=4)
        pulls = [catalog.get(s) for s in slugs(program)
                 if catalog.get(s).pattern == "vertical-pull"]  # fmt: skip
        assert any(data.is_real_vertical_pull(e) for e in pulls), preset


def test_general_fitness_beginners_get_conditioning_and_no_plyometrics(
    plan: Plan, catalog: Catalog
):
    program = plan(goal="general-fitness", preset="bodyweight", minutes_per_session=45)
    used = [catalog.get(s) for s in slugs(program)]
    assert any(e.category == "cardio" or e.pattern == "locomotion" for e in used)
    assert not any(e.category in ("plyometrics", "olympic-weightlifting") for e in used)


def test_power_work_is_few_reps_and_drills_carry_no_reps_in_reserve(plan: Plan, catalog: Catalog):
    program = plan(goal="general-fitness", preset="full-gym", experience="advanced",
                   injuries=[{"joint": "lower-back", "severity": "mild"}])  # fmt: skip
    for item in exercises(program):
        exercise = catalog.get(item.slug)
        if exercise.category == "plyometrics" and item.reps:
            assert item.reps[1] <= 6
        if item.slug in training_data().drill_slugs:
            assert item.rir is None


def test_known_lifts_give_loads_in_real_increments(plan: Plan, catalog: Catalog):
    lifts = {"barbell-back-squat": {"weight_kg": 100, "reps": 5},
             "dumbbell-bench-press": {"weight_kg": 30, "reps": 8}}  # fmt: skip
    program = plan(goal="strength", experience="intermediate", preset="full-gym",
                   lifts=lifts, template="gzclp")  # fmt: skip
    squats = [e for e in exercises(program) if e.slug == "barbell-back-squat" and e.load_kg]
    assert squats
    for item in squats:
        assert item.load_kg is not None and item.load_kg % 2.5 == 0
        assert item.load_percent_1rm is not None and item.load == f"{item.load_kg:g} kg"
    others = [e for e in exercises(program) if e.slug not in lifts and e.load_percent_1rm]
    assert not others


def test_beginners_without_known_lifts_get_a_plain_starting_load(plan: Plan):
    program = plan(goal="strength", preset="full-gym")
    loaded = [e for e in exercises(program) if e.load]
    assert loaded and all("about 4 more times" in (e.load or "") for e in loaded)
    assert not any(e.load_percent_1rm for e in exercises(program))


def test_a_mild_injury_is_acted_on_and_named(plan: Plan, catalog: Catalog):
    program = plan(experience="intermediate", minutes_per_session=60,
                   injuries=[{"joint": "lower-back", "severity": "mild"}])  # fmt: skip
    assert any("lower back" in note for note in program.notes)
    loading = [e for e in exercises(program)
               if catalog.get(e.slug).joint_stress.get("lower-back") == "moderate"
               and not program.weeks[e_week(program, e)].deload]  # fmt: skip
    assert loading
    for item in loading:
        assert item.sets <= 3 and (item.rir is None or item.rir >= 3)
        assert "lower back" in item.why


def e_week(program, item) -> int:  # type: ignore[no-untyped-def]
    for index, week in enumerate(program.weeks):
        for session in week.sessions:
            if any(e is item for e in session.exercises):
                return index
    return 0


def test_each_progression_rule_is_stated_once_per_family(plan: Plan):
    program = plan(minutes_per_session=60)
    families = [r.family for r in program.progression_rules]
    assert families and len(families) == len(set(families))
    texts = [r.rule for r in program.progression_rules]
    assert len(texts) == len(set(texts))


def test_unknown_template_is_refused_with_the_allowed_ones(plan: Plan):
    with pytest.raises(ProfileError) as error:
        plan(template="starting-strength-plus")
    assert "template" in str(error.value) and "gzclp" in str(error.value)


def test_a_template_for_other_days_falls_back_with_a_note(plan: Plan):
    program = plan(template="phul", days_per_week=3)
    assert program.template is not None and program.template.slug != "phul"
    assert "PHUL" in program.notes[0]


def test_the_cli_takes_a_template(tmp_path: Path):
    profile = tmp_path / "me.json"
    profile.write_text(json.dumps({"goal": "strength", "experience": "beginner",
                                   "days_per_week": 3, "minutes_per_session": 60,
                                   "preset": "full-gym"}))  # fmt: skip
    env = {**os.environ, "FORGEFIT_DATA_DIR": str(tmp_path / "data")}
    done = subprocess.run(
        [str(Path(sys.executable).parent / "forgefit"), "plan", "-p", str(profile),
         "--template", "gzclp", "--json"],
        capture_output=True, text=True, env=env, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["template"]["slug"] == "gzclp"


def test_slots_tolerate_a_catalog_with_many_more_exercises(tmp_path: Path):
    """New records (here, renamed copies) qualify by their attributes; nothing breaks."""
    catalog = load_catalog(write_synthetic_catalog(tmp_path, 600), use_cache=False)
    program = build_program({"goal": "hypertrophy", "experience": "intermediate",
                             "days_per_week": 4, "minutes_per_session": 60,
                             "preset": "full-gym"}, catalog)  # fmt: skip
    assert program.review is not None and program.review.passed
    assert len(program.weeks[0].sessions) == 4

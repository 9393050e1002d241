"""Profile validation: every problem names its field and, where there is a list, the allowed
values; the profile as understood has presets expanded and names resolved."""

from __future__ import annotations

from typing import Any

import pytest

from forgefit.catalog import Catalog
from forgefit.training import ProfileError, parse_profile
from forgefit.training.profile import MAX_LIST_ITEMS
from tests.training.conftest import BASE_PROFILE


def problems_for(catalog: Catalog, **changes: Any) -> dict[str, str]:
    profile = {**BASE_PROFILE, **changes}
    profile = {k: v for k, v in profile.items() if v is not None}
    with pytest.raises(ProfileError) as caught:
        parse_profile(profile, catalog)
    return {p.field: p.message for p in caught.value.problems}


def test_unknown_equipment_is_named_with_the_closest_term_not_a_list(catalog: Catalog):
    problems = problems_for(catalog, preset=None, equipment=["dumbbell", "dumbells"])
    assert problems["equipment[1]"] == "'dumbells' is not something we know. Did you mean dumbbell?"


def test_unknown_equipment_with_nothing_close_lists_what_we_know(catalog: Catalog):
    message = problems_for(catalog, preset=None, equipment=["spaceship"])["equipment[0]"]
    assert "resistance-band" in message and "home-dumbbells" in message


def test_unknown_goal_lists_the_four_goals(catalog: Catalog):
    message = problems_for(catalog, goal="bulking")["goal"]
    for goal in ("strength", "hypertrophy", "endurance", "general-fitness"):
        assert goal in message


@pytest.mark.parametrize("days", [0, 8])
def test_days_outside_one_to_seven_are_refused(catalog: Catalog, days: int):
    message = problems_for(catalog, days_per_week=days)["days_per_week"]
    assert "between 1 and 7" in message and str(days) in message


def test_five_minute_sessions_are_refused(catalog: Catalog):
    message = problems_for(catalog, minutes_per_session=5)["minutes_per_session"]
    assert "between 15 and 180" in message


def test_malformed_json_is_refused_with_line_and_column(catalog: Catalog):
    with pytest.raises(ProfileError) as caught:
        parse_profile('{"goal": "strength",, }', catalog)
    assert "not valid JSON" in str(caught.value)
    assert "line 1" in str(caught.value)


def test_json_that_is_not_an_object_is_refused(catalog: Catalog):
    with pytest.raises(ProfileError, match="must be a JSON object"):
        parse_profile("[1, 2]", catalog)


def test_every_problem_is_reported_at_once(catalog: Catalog):
    problems = problems_for(catalog, goal="x", days_per_week=9, minutes_per_session=500)
    assert {"goal", "days_per_week", "minutes_per_session"} <= set(problems)


def test_missing_required_field_is_named(catalog: Catalog):
    profile = dict(BASE_PROFILE)
    del profile["experience"]
    with pytest.raises(ProfileError) as caught:
        parse_profile(profile, catalog)
    assert caught.value.problems[0].field == "experience"
    assert "beginner" in caught.value.problems[0].message


def test_a_misspelt_field_gets_a_suggestion(catalog: Catalog):
    message = problems_for(catalog, days_per_wek=3)["days_per_wek"]
    assert "days_per_week" in message


def test_unknown_joint_and_severity_are_named(catalog: Catalog):
    problems = problems_for(catalog, injuries=[{"joint": "knees", "severity": "bad"}])
    assert "injuries[0].severity" in problems
    assert "serious" in problems["injuries[0].severity"]


def test_unknown_injured_joint_lists_the_joints(catalog: Catalog):
    message = problems_for(catalog, injuries=[{"joint": "kneee"}])["injuries[0].joint"]
    assert message.endswith("Did you mean knee?")
    message = problems_for(catalog, injuries=[{"joint": "tail"}])["injuries[0].joint"]
    assert "lower-back" in message


def test_unknown_exercise_in_exclusions_suggests_close_slugs(catalog: Catalog):
    message = problems_for(catalog, exclude=["goblet-sqat"])["exclude[0]"]
    assert "goblet-squat" in message


def test_no_equipment_means_body_weight_only(catalog: Catalog):
    for profile in ({**BASE_PROFILE, "equipment": []}, {**BASE_PROFILE}):
        profile.pop("preset")
        assert parse_profile(profile, catalog).equipment == ["body-weight"]


def test_preset_is_expanded_and_body_weight_always_included(catalog: Catalog):
    profile = parse_profile({**BASE_PROFILE, "preset": "kettlebell"}, catalog)
    assert set(profile.equipment) == {"body-weight", "kettlebell"}
    assert profile.preset == "kettlebell"


def test_a_preset_given_as_equipment_is_expanded(catalog: Catalog):
    raw = {**BASE_PROFILE, "equipment": "bands"}
    del raw["preset"]
    profile = parse_profile(raw, catalog)
    assert "resistance-band" in profile.equipment


def test_full_gym_expands_to_every_equipment_term(catalog: Catalog):
    profile = parse_profile({**BASE_PROFILE, "preset": "full-gym"}, catalog)
    assert set(profile.equipment) == set(catalog.vocab.equipment)


def test_focus_muscles_map_to_their_group(catalog: Catalog):
    profile = parse_profile({**BASE_PROFILE, "focus": ["lats", "back", "rear-delts"]}, catalog)
    assert profile.focus == ["back", "shoulders"]


def test_an_injury_given_as_a_word_is_a_mild_note(catalog: Catalog):
    profile = parse_profile({**BASE_PROFILE, "injuries": ["knee"]}, catalog)
    assert profile.injury_map == {"knee": "mild"}


def test_the_more_serious_note_for_a_joint_wins(catalog: Catalog):
    injuries = [{"joint": "knee", "severity": "serious"}, {"joint": "knee", "severity": "mild"}]
    profile = parse_profile({**BASE_PROFILE, "injuries": injuries}, catalog)
    assert profile.injury_map == {"knee": "serious"}


def test_exercise_names_resolve_to_slugs_and_favorites_spelling_is_accepted(catalog: Catalog):
    raw = {**BASE_PROFILE, "exclude": ["Goblet Squat"], "favorites": ["push-up"]}
    profile = parse_profile(raw, catalog)
    assert profile.exclude == ["goblet-squat"]
    assert profile.favourites == ["push-up"]


def test_goal_words_people_type_are_understood(catalog: Catalog):
    assert parse_profile({**BASE_PROFILE, "goal": "General Fitness"}, catalog).goal == (
        "general-fitness"
    )
    assert parse_profile({**BASE_PROFILE, "goal": "weight loss"}, catalog).goal == (
        "general-fitness"
    )


def test_a_program_profile_reparses_to_itself(catalog: Catalog):
    understood = parse_profile(BASE_PROFILE, catalog)
    again = parse_profile(understood.model_dump(mode="json"), catalog)
    assert again == understood


def test_shape_and_vocabulary_problems_come_in_one_pass(catalog: Catalog):
    problems = problems_for(
        catalog,
        days_per_week=9,
        goal="strenght",
        equipment=["dumbells"],
        injuries=["kneee"],
        focus=["glutez"],
        exclude=["goblet-sqat"],
    )
    assert set(problems) == {
        "days_per_week", "goal", "equipment[0]", "injuries[0].joint", "focus[0]", "exclude[0]"
    }  # fmt: skip
    assert problems["goal"].endswith("Did you mean strength?")
    assert "goblet-squat" in problems["exclude[0]"]


def test_problems_print_one_per_line_with_plain_field_names(catalog: Catalog):
    with pytest.raises(ProfileError) as caught:
        parse_profile({**BASE_PROFILE, "days_per_week": 9, "equipment": ["dumbells"]}, catalog)
    lines = caught.value.lines()
    assert lines[0] == "The profile has 2 problems:"
    assert "days per week: must be between 1 and 7 (you gave 9)." in lines
    assert "equipment: 'dumbells' is not something we know. Did you mean dumbbell?" in lines


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
        ('{"goal": "strength", "seed": ' + "9" * 5000 + "}", "5000 digits long"),
        ('{"seed": NaN}', "NaN"),
        ('{"days_per_week": 1e400}', "whole number"),
    ],
)
def test_hostile_json_gets_a_message(catalog: Catalog, text: str, words: str):
    with pytest.raises(ProfileError, match=words):
        parse_profile(text, catalog)


def test_ten_thousand_unknown_names_get_one_line_quickly(catalog: Catalog):
    problems = problems_for(catalog, exclude=[f"move-{n}" for n in range(10_000)])
    assert problems == {"exclude": f"lists 10,000 items; a profile takes at most {MAX_LIST_ITEMS}."}


def test_many_unknown_names_are_named_up_to_a_limit_and_then_counted(catalog: Catalog):
    problems = problems_for(catalog, favourites=[f"mystery-move-{n}" for n in range(60)])
    named = [field for field in problems if field.startswith("favourites[")]
    assert len(named) == 10
    assert problems["favourites"] == "and 50 more names we do not know."

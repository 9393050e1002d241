"""Every validation rule of the record, one behaviour per test, through check_catalog."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from forgefit.catalog import check_catalog, load_vocabulary, slugify
from forgefit.catalog.validation import is_title_case, validate_record
from tests.conftest import RecordWriter


def fields_with_problems(folder: Any) -> set[tuple[str, str]]:
    return {(p.file, p.field) for p in check_catalog(folder)}


def test_a_valid_record_has_no_problems(valid_record: dict[str, Any], write_record: RecordWriter):
    assert check_catalog(write_record(valid_record)) == []


def test_unknown_vocabulary_term_is_reported_with_allowed_values(
    valid_record: dict[str, Any], write_record: RecordWriter
):
    valid_record["equipment"] = "rubber-band"
    problems = check_catalog(write_record(valid_record))
    equipment = [p for p in problems if p.field == "equipment"]
    assert len(equipment) == 1
    assert "'rubber-band'" in equipment[0].message
    assert "resistance-band" in equipment[0].message


def test_unknown_secondary_muscle_is_reported(
    valid_record: dict[str, Any], write_record: RecordWriter
):
    valid_record["secondary"] = ["hamstrings", "booty"]
    assert ("band-bent-over-kickback.yaml", "secondary") in fields_with_problems(
        write_record(valid_record)
    )


def test_missing_required_field_is_reported(
    valid_record: dict[str, Any], write_record: RecordWriter
):
    del valid_record["description"]
    problems = check_catalog(write_record(valid_record))
    assert [str(p) for p in problems] == [
        "band-bent-over-kickback.yaml: description: is required; add a non-empty text."
    ]


def test_empty_required_field_is_reported(valid_record: dict[str, Any], write_record: RecordWriter):
    valid_record["description"] = "   "
    assert ("band-bent-over-kickback.yaml", "description") in fields_with_problems(
        write_record(valid_record)
    )


def test_slug_must_match_the_name(valid_record: dict[str, Any], write_record: RecordWriter):
    valid_record["name"] = "Band Standing Kickback"
    problems = check_catalog(write_record(valid_record, "band-bent-over-kickback.yaml"))
    slug_problems = [p for p in problems if p.field == "slug"]
    assert len(slug_problems) == 1
    assert "'band-standing-kickback'" in slug_problems[0].message


def test_file_name_must_match_the_slug(valid_record: dict[str, Any], write_record: RecordWriter):
    problems = check_catalog(write_record(valid_record, "kickback.yaml"))
    assert [(p.file, p.field) for p in problems] == [("kickback.yaml", "slug")]


def test_duplicate_slugs_are_reported(valid_record: dict[str, Any], write_record: RecordWriter):
    write_record(valid_record)
    folder = write_record(valid_record, "copy.yaml")
    problems = check_catalog(folder)
    assert any(p.field == "slug" and "also used by" in p.message for p in problems)


def test_duplicate_names_are_reported_ignoring_case(
    valid_record: dict[str, Any], write_record: RecordWriter
):
    write_record(valid_record)
    # Same words, different case: a person would see two identical entries.
    twin = dict(valid_record, name="Band Bent over Kickback")
    folder = write_record(twin, "band-bent-over-kickback-twin.yaml")
    messages = [str(p) for p in check_catalog(folder)]
    assert any("name" in m and "also used by" in m for m in messages)


def test_easier_link_to_missing_exercise_is_reported(
    valid_record: dict[str, Any], write_record: RecordWriter
):
    valid_record["harder"] = ["no-such-exercise"]
    problems = check_catalog(write_record(valid_record))
    assert [(p.field, p.message) for p in problems] == [
        ("harder", "links to 'no-such-exercise', which is not in the catalog.")
    ]


def test_links_between_records_in_the_folder_are_accepted(
    valid_record: dict[str, Any], write_record: RecordWriter
):
    other = dict(valid_record, name="Band Standing Kickback", slug="band-standing-kickback")
    other["easier"] = ["band-bent-over-kickback"]
    write_record(valid_record)
    assert check_catalog(write_record(other)) == []


def test_target_repeated_as_secondary_is_reported(
    valid_record: dict[str, Any], write_record: RecordWriter
):
    valid_record["secondary"] = ["glutes", "hamstrings"]
    problems = check_catalog(write_record(valid_record))
    assert [p.field for p in problems] == ["secondary"]
    assert "glutes" in problems[0].message


def test_three_instruction_steps_are_too_few(
    valid_record: dict[str, Any], write_record: RecordWriter
):
    valid_record["instructions"] = valid_record["instructions"][:3]
    problems = check_catalog(write_record(valid_record))
    assert [(p.field, p.message) for p in problems] == [("instructions", "has 3 items; write 4-8.")]


def test_nine_instruction_steps_are_too_many(
    valid_record: dict[str, Any], write_record: RecordWriter
):
    valid_record["instructions"] = [f"Do step {n} carefully." for n in range(9)]
    assert [p.field for p in check_catalog(write_record(valid_record))] == ["instructions"]


def test_tips_must_number_exactly_three(valid_record: dict[str, Any], write_record: RecordWriter):
    valid_record["tips"] = valid_record["tips"] + ["Another cue that helps."]
    assert [p.field for p in check_catalog(write_record(valid_record))] == ["tips"]


def test_mistakes_must_number_exactly_three(
    valid_record: dict[str, Any], write_record: RecordWriter
):
    valid_record["mistakes"] = valid_record["mistakes"][:2]
    assert [p.field for p in check_catalog(write_record(valid_record))] == ["mistakes"]


def test_fewer_than_two_faqs_are_reported(valid_record: dict[str, Any], write_record: RecordWriter):
    valid_record["faqs"] = valid_record["faqs"][:1]
    problems = check_catalog(write_record(valid_record))
    assert [(p.field, p.message) for p in problems] == [("faqs", "has 1 items; write 2-3.")]


def test_malformed_yaml_is_reported_with_its_line(write_record: RecordWriter):
    folder = write_record("name: Broken\nslug: broken\ntips: [one, two\n", "broken.yaml")
    problems = check_catalog(folder)
    assert len(problems) == 1
    assert problems[0].file == "broken.yaml"
    assert problems[0].field == "yaml"
    assert problems[0].message.startswith("line ")


def test_a_file_that_is_not_a_mapping_is_reported(write_record: RecordWriter):
    problems = check_catalog(write_record("- just\n- a list\n", "list.yaml"))
    assert [(p.file, p.field) for p in problems] == [("list.yaml", "(record)")]


def test_unknown_field_is_reported(valid_record: dict[str, Any], write_record: RecordWriter):
    valid_record["musle"] = "glutes"
    assert [p.field for p in check_catalog(write_record(valid_record))] == ["musle"]


def test_popularity_outside_one_to_five_is_reported(
    valid_record: dict[str, Any], write_record: RecordWriter
):
    valid_record["popularity"] = 9
    assert [p.field for p in check_catalog(write_record(valid_record))] == ["popularity"]


def test_requires_must_contain_the_named_equipment(
    valid_record: dict[str, Any], write_record: RecordWriter
):
    valid_record["requires"] = []
    assert [p.field for p in check_catalog(write_record(valid_record))] == ["requires"]


def test_names_must_be_title_case():
    assert is_title_case("Single-Leg Romanian Deadlift")
    assert is_title_case("Farmer's Carry")
    assert is_title_case("Thread the Needle")
    assert not is_title_case("Single-leg Romanian Deadlift")
    assert not is_title_case("goblet Squat")


def test_slugify_follows_the_catalog_rule():
    assert slugify("Band Bent Over Kickback") == "band-bent-over-kickback"
    assert slugify("Farmer's Carry") == "farmers-carry"
    assert slugify("90/90 Hip Switch") == "90-90-hip-switch"
    assert slugify("  Pull-Up!  ") == "pull-up"


@given(st.text())
def test_slugify_output_is_url_safe_and_stable(name: str):
    slug = slugify(name)
    assert all(c.isascii() and (c.isalnum() or c == "-") for c in slug)
    assert not slug.startswith("-") and not slug.endswith("-")
    assert slugify(slug) == slug


_yaml_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=20,
)


@settings(max_examples=300)
@given(
    st.dictionaries(
        st.sampled_from(
            [
                "name",
                "slug",
                "faqs",
                "tips",
                "requires",
                "joint_stress",
                "popularity",
                "secondary",
                "x",
            ]
        ),
        _yaml_values,
    )
)
def test_validation_reports_problems_for_any_shape_instead_of_crashing(raw: dict[str, Any]):
    vocab = load_vocabulary()
    exercise, problems = validate_record("fuzz.yaml", raw, vocab)
    assert exercise is None
    assert problems
    assert all(str(p).startswith("fuzz.yaml: ") for p in problems)

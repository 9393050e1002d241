"""The `forgefit` command as a user runs it: a real process, real stdout, stderr and exit code."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from tests.conftest import RecordWriter

FORGEFIT = str(Path(sys.executable).parent / "forgefit")


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([FORGEFIT, *args], capture_output=True, text=True, timeout=60)


def test_exercise_json_prints_the_record_with_contract_fields():
    result = run("exercise", "band-bent-over-kickback", "--format", "json")
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout)
    assert record["slug"] == "band-bent-over-kickback"
    assert record["equipment"] == "resistance-band"
    assert record["secondary"] == ["hamstrings", "lower-back"]
    expected = {
        "slug", "name", "aliases", "description", "body_part", "equipment", "requires",
        "target", "secondary", "difficulty", "category", "mechanic", "force", "pattern",
        "laterality", "tracking", "joint_stress", "popularity", "instructions", "tips",
        "mistakes", "faqs", "easier", "harder",
    }  # fmt: skip
    assert expected <= set(record)
    assert set(record["faqs"][0]) == {"question", "answer"}


def test_unknown_slug_exits_1_and_suggests_close_matches():
    result = run("exercise", "band-bent-over-kickbak", "--format", "json")
    assert result.returncode == 1
    assert result.stdout == ""
    assert "band-bent-over-kickback" in result.stderr
    assert "Traceback" not in result.stderr


def test_exercise_markdown_is_the_default_format():
    result = run("exercise", "band-bent-over-kickback")
    assert result.returncode == 0
    assert result.stdout.startswith("# Band Bent Over Kickback\n")


def test_exercises_filters_combine():
    result = run("exercises", "--body-part", "legs", "--equipment", "resistance-band", "--json")
    assert result.returncode == 0, result.stderr
    records = json.loads(result.stdout)
    assert records, "expected some banded leg exercises"
    assert {(r["body_part"], r["equipment"]) for r in records} == {("legs", "resistance-band")}
    assert "band-bent-over-kickback" in {r["slug"] for r in records}


def test_exercises_without_filters_lists_the_whole_catalog(catalog: Any):
    records = json.loads(run("exercises", "--json").stdout)
    assert len(records) == len(catalog)


def test_muscle_filter_can_include_secondary_muscles():
    target_only = json.loads(run("exercises", "--muscle", "hamstrings", "--json").stdout)
    with_secondary = json.loads(
        run("exercises", "--muscle", "hamstrings", "--include-secondary", "--json").stdout
    )
    assert {r["target"] for r in target_only} == {"hamstrings"}
    assert len(with_secondary) > len(target_only)
    assert all("hamstrings" in [r["target"], *r["secondary"]] for r in with_secondary)


def test_available_equipment_preset_limits_requirements():
    records = json.loads(run("exercises", "--available", "bodyweight", "--json").stdout)
    assert records
    assert all(r["requires"] == [] for r in records)


def test_unknown_filter_value_names_the_allowed_values():
    result = run("exercises", "--body-part", "leg", "--json")
    assert result.returncode == 2
    assert "Unknown body part 'leg'" in result.stderr
    assert "legs" in result.stderr
    assert result.stdout == ""


def test_catalog_check_passes_on_the_shipped_catalog():
    result = run("catalog", "check")
    assert result.returncode == 0, result.stdout
    assert result.stdout == ""


def test_catalog_check_lists_every_problem_and_exits_1(
    valid_record: dict[str, Any], write_record: RecordWriter
):
    valid_record["tips"] = ["Only one tip."]
    valid_record["target"] = "booty"
    write_record("name: Broken\n  slug: [\n", "broken.yaml")
    folder = write_record(valid_record)
    result = run("catalog", "check", str(folder))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert "band-bent-over-kickback.yaml: tips: has 1 items; write exactly 3." in lines
    assert any(line.startswith("band-bent-over-kickback.yaml: target: unknown") for line in lines)
    assert any(line.startswith("broken.yaml: yaml: line ") for line in lines)
    assert "Traceback" not in result.stderr


def test_catalog_check_on_a_missing_path_explains():
    result = run("catalog", "check", "/no/such/folder")
    assert result.returncode == 1
    assert "does not exist" in result.stderr
    assert "Traceback" not in result.stderr


def test_help_shows_examples():
    result = run("exercises", "--help")
    assert result.returncode == 0
    assert "forgefit exercises --body-part legs" in result.stdout


def test_search_json_lists_best_first_with_scores():
    result = run("search", "rdl", "--json")
    assert result.returncode == 0, result.stderr
    hits = json.loads(result.stdout)
    assert hits[0]["slug"] == "romanian-deadlift"
    assert {"slug", "name", "score"} <= set(hits[0])
    scores = [h["score"] for h in hits]
    assert scores == sorted(scores, reverse=True)


def test_search_limit_and_equipment_set():
    hits = json.loads(
        run("search", "chest", "--equipment", "bodyweight", "--limit", "3", "--json").stdout
    )
    assert 0 < len(hits) <= 3
    assert all(h["equipment"] == "body-weight" for h in hits)


def test_search_with_punctuation_only_is_an_empty_result():
    result = run("search", "?!?!", "--json")
    assert result.returncode == 0
    assert json.loads(result.stdout) == []


def test_search_with_unknown_equipment_explains():
    result = run("search", "row", "--equipment", "spaceship")
    assert result.returncode == 2
    assert "Unknown equipment 'spaceship'" in result.stderr


PROFILE = {
    "goal": "strength",
    "experience": "intermediate",
    "days_per_week": 4,
    "minutes_per_session": 60,
    "preset": "full-gym",
    "seed": 3,
}


def test_plan_json_then_review_passes(tmp_path: Path):
    profile = tmp_path / "profile.json"
    profile.write_text(json.dumps(PROFILE))
    result = run("plan", "--profile", str(profile), "--json")
    assert result.returncode == 0, result.stderr
    program = json.loads(result.stdout)
    assert program["profile"]["goal"] == "strength"
    assert len(program["weeks"][0]["sessions"]) == 4
    saved = tmp_path / "program.json"
    saved.write_text(result.stdout)
    reviewed = run("review", "--program", str(saved), "--json")
    assert reviewed.returncode == 0, reviewed.stdout
    assert json.loads(reviewed.stdout)["passed"] is True


def test_review_exits_1_when_a_hard_rule_is_broken(tmp_path: Path):
    profile = tmp_path / "profile.json"
    profile.write_text(json.dumps({**PROFILE, "preset": "bodyweight", "experience": "beginner"}))
    program = json.loads(run("plan", "--profile", str(profile), "--json").stdout)
    # A barbell lift in a bodyweight-only program breaks hard rule 1 (equipment).
    program["weeks"][0]["sessions"][0]["exercises"][0]["slug"] = "barbell-back-squat"
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps(program))
    result = run("review", "--program", str(broken), "--json")
    assert result.returncode == 1
    rules = {f["rule"] for f in json.loads(result.stdout)["findings"] if f["level"] == "error"}
    assert "hard-1" in rules


def test_plan_markdown_and_ics_to_a_file(tmp_path: Path):
    profile = tmp_path / "profile.json"
    profile.write_text(json.dumps(PROFILE))
    assert run("plan", "--profile", str(profile)).stdout.startswith("# ")
    target = tmp_path / "training.ics"
    result = run("plan", "--profile", str(profile), "--format", "ics", "-o", str(target))
    assert result.returncode == 0
    assert target.read_text().startswith("BEGIN:VCALENDAR")


def test_plan_with_a_bad_profile_names_the_fields(tmp_path: Path):
    profile = tmp_path / "profile.json"
    profile.write_text(json.dumps({**PROFILE, "days_per_week": 8, "goal": "bulk"}))
    result = run("plan", "--profile", str(profile), "--json")
    assert result.returncode == 1
    assert result.stdout == ""
    assert "days per week: must be between 1 and 7" in result.stderr
    assert "goal: 'bulk' is not something we know" in result.stderr
    assert "Traceback" not in result.stderr


def test_plan_with_malformed_json_and_missing_file(tmp_path: Path):
    profile = tmp_path / "profile.json"
    profile.write_text('{"goal": ')
    malformed = run("plan", "--profile", str(profile))
    assert malformed.returncode == 1
    assert "not valid JSON" in malformed.stderr
    missing = run("plan", "--profile", str(tmp_path / "nope.json"))
    assert missing.returncode == 1
    assert "does not exist" in missing.stderr


def test_catalog_stats_counts_every_dimension_and_lists_gaps(catalog: Any):
    result = run("catalog", "stats", "--json")
    assert result.returncode == 0, result.stderr
    stats = json.loads(result.stdout)
    assert stats["total"] == len(catalog)
    counts = stats["counts"]
    assert set(counts) == {
        "Body part",
        "Equipment",
        "Target muscle",
        "Category",
        "Pattern",
        "Difficulty",
    }
    for heading in ("Body part", "Category", "Difficulty", "Target muscle"):
        assert sum(counts[heading].values()) == len(catalog), heading
    assert counts["Equipment"]["barbell"] == len(catalog.by("equipment", "barbell"))
    roles = stats["preset_roles"]
    assert set(roles) == {"bodyweight", "bands", "home-dumbbells", "kettlebell", "full-gym"}
    assert roles["full-gym"]["vertical-pull"] >= roles["bodyweight"]["vertical-pull"]
    # A gap is listed exactly when a count is below its threshold.
    listed = {(g["kind"], g["term"]) for g in stats["gaps"]}
    for preset, by_role in roles.items():
        for role, n in by_role.items():
            assert (("Preset role", f"{preset}/{role}") in listed) == (n < 2)
    thin = {g["term"] for g in stats["gaps"] if g["kind"] == "Equipment"}
    needed = {
        term: sum(1 for e in catalog.exercises if term in (e.requires or {"body-weight"}))
        for term in catalog.vocab.equipment
    }
    assert thin == {term for term, n in needed.items() if n < 5}


def test_catalog_stats_prints_tables_and_gaps():
    result = run("catalog", "stats")
    assert result.returncode == 0, result.stderr
    for heading in ("Body part", "Target muscle", "Pattern", "Category", "Gaps:"):
        assert heading in result.stdout

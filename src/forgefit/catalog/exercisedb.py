"""ExerciseDB compatibility: our records in ExerciseDB's field names and vocabulary.

One table per vocabulary maps our terms onto ExerciseDB's lower-case terms. Body part and target
are derived from our *target muscle* (ExerciseDB files exercises by the muscle's region: calves
are "lower legs", the other leg muscles "upper legs", forearms "lower arms", core "waist").
Where ExerciseDB has no exact term the closest one is used and marked below.

Ids are ExerciseDB-style four-digit strings kept in `data/exercisedb_ids.yaml`: assigned once
per slug and never reused, so they stay stable across restarts and as the catalog grows.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from forgefit.catalog.index import Catalog
from forgefit.catalog.model import Exercise
from forgefit.catalog.vocabulary import DATA_DIR
from forgefit.files import write_file

IDS_FILE = DATA_DIR / "exercisedb_ids.yaml"

BODY_PART_BY_MUSCLE = {
    "abs": "waist",
    "obliques": "waist",
    "chest": "chest",
    "serratus": "chest",
    "front-delts": "shoulders",
    "side-delts": "shoulders",
    "rear-delts": "shoulders",
    "biceps": "upper arms",
    "triceps": "upper arms",
    "forearms": "lower arms",
    "lats": "back",
    "upper-back": "back",
    "traps": "back",
    "lower-back": "back",
    "glutes": "upper legs",
    "abductors": "upper legs",
    "adductors": "upper legs",
    "hip-flexors": "upper legs",
    "quads": "upper legs",
    "hamstrings": "upper legs",
    "calves": "lower legs",
    "neck": "neck",
    "cardiovascular": "cardio",
}
TARGET_BY_MUSCLE = {
    "abs": "abs",
    "obliques": "abs",  # closest: ExerciseDB has no obliques target
    "chest": "pectorals",
    "serratus": "serratus anterior",
    "front-delts": "delts",
    "side-delts": "delts",
    "rear-delts": "delts",
    "biceps": "biceps",
    "triceps": "triceps",
    "forearms": "forearms",
    "lats": "lats",
    "upper-back": "upper back",
    "traps": "traps",
    "lower-back": "spine",
    "glutes": "glutes",
    "abductors": "abductors",
    "adductors": "adductors",
    "hip-flexors": "abs",  # closest: ExerciseDB files leg raises and hip flexion under abs
    "quads": "quads",
    "hamstrings": "hamstrings",
    "calves": "calves",
    "neck": "levator scapulae",  # closest: its only neck target
    "cardiovascular": "cardiovascular system",
}
EQUIPMENT = {
    "body-weight": "body weight",
    "dumbbell": "dumbbell",
    "barbell": "barbell",
    "ez-bar": "ez barbell",
    "trap-bar": "trap bar",
    "kettlebell": "kettlebell",
    "cable": "cable",
    "machine": "leverage machine",
    "smith-machine": "smith machine",
    "resistance-band": "resistance band",
    "medicine-ball": "medicine ball",
    "stability-ball": "stability ball",
    "weight-plate": "weighted",
    "bench": "body weight",  # bench dips and the like are body-weight work in ExerciseDB
    "squat-rack": "barbell",
    "pull-up-bar": "body weight",
    "dip-station": "body weight",
    "rings": "body weight",
    "suspension-trainer": "body weight",
    "ab-wheel": "wheel roller",
    "jump-rope": "rope",
    "foam-roller": "roller",
    "box": "body weight",
    "sled": "sled machine",
    "landmine": "barbell",
    "battle-ropes": "rope",
    "treadmill": "body weight",  # closest: running is body-weight work there
    "stationary-bike": "stationary bike",
    "rowing-machine": "skierg machine",  # closest: its only whole-body ergometer
    "ski-erg": "skierg machine",
    "sandbag": "weighted",  # closest: ExerciseDB has no sandbag term
    "elliptical": "elliptical machine",
    "stair-climber": "stepmill machine",
}
BODY_PARTS = sorted(set(BODY_PART_BY_MUSCLE.values()))
TARGETS = sorted(set(TARGET_BY_MUSCLE.values()))
EQUIPMENT_TERMS = sorted(set(EQUIPMENT.values()))


def load_ids(path: Path = IDS_FILE) -> dict[str, str]:
    """slug -> ExerciseDB id."""
    if not path.exists():
        return {}
    with path.open(encoding="utf-8") as handle:
        raw = yaml.safe_load(handle) or {}
    return {str(slug): str(value) for slug, value in raw.items()}


def assign_ids(existing: dict[str, str], slugs: list[str]) -> dict[str, str]:
    """Give every slug without an id the next free one; existing ids never change."""
    ids = dict(existing)
    next_number = max((int(v) for v in ids.values()), default=0) + 1
    for slug in sorted(slugs):
        if slug not in ids:
            ids[slug] = f"{next_number:04d}"
            next_number += 1
    return ids


def write_ids(ids: dict[str, str], path: Path = IDS_FILE) -> None:
    lines = ["# ExerciseDB-compatible ids: assigned once per slug, never changed or reused."]
    lines += [f"{slug}: '{value}'" for slug, value in sorted(ids.items(), key=lambda kv: kv[1])]
    write_file(path, "\n".join(lines) + "\n")


def to_exercisedb(exercise: Exercise, exercise_id: str) -> dict[str, Any]:
    """One record in ExerciseDB's shape and lower-case vocabulary."""
    target = TARGET_BY_MUSCLE[exercise.target]
    secondary = [TARGET_BY_MUSCLE[m] for m in exercise.secondary if TARGET_BY_MUSCLE[m] != target]
    return {
        "id": exercise_id,
        "name": exercise.name.lower(),
        "bodyPart": BODY_PART_BY_MUSCLE[exercise.target],
        "equipment": EQUIPMENT[exercise.equipment],
        "target": target,
        "secondaryMuscles": list(dict.fromkeys(secondary)),
        "instructions": list(exercise.instructions),
        "description": exercise.description,
        "difficulty": exercise.difficulty,
        "category": exercise.category,
    }


class ExerciseDbView:
    """The catalog as ExerciseDB serves it: records in id order, looked up its ways."""

    def __init__(self, catalog: Catalog, ids: dict[str, str] | None = None) -> None:
        ids = ids if ids is not None else load_ids()
        missing = [e.slug for e in catalog.exercises if e.slug not in ids]
        # Exercises added without a stored id still get one, after every stored id.
        ids = assign_ids(ids, missing) if missing else ids
        records = [to_exercisedb(e, ids[e.slug]) for e in catalog.exercises]
        self.records: list[dict[str, Any]] = sorted(records, key=lambda r: r["id"])
        self.by_id = {r["id"]: r for r in self.records}

    def where(self, field: str, value: str) -> list[dict[str, Any]]:
        return [r for r in self.records if r[field] == value]

    def name_contains(self, text: str) -> list[dict[str, Any]]:
        needle = text.lower().strip()
        return [r for r in self.records if needle in r["name"]]

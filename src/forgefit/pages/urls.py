"""Every site URL, defined once (CATALOG.md "Where things live")."""

from __future__ import annotations

LIBRARY = "/exercises"
PLAN_BUILDER = "/plan"
SEARCH = "/search"


def exercise(slug: str) -> str:
    return f"/exercise/{slug}"


def exercise_markdown(slug: str) -> str:
    return f"/exercise/{slug}.md"


def body_part_hub(body_part: str) -> str:
    return f"/exercises/{body_part}"


def body_part_equipment_hub(body_part: str, equipment: str) -> str:
    return f"/exercises/{body_part}/{equipment}"


def equipment_hub(equipment: str) -> str:
    return f"/exercises/equipment/{equipment}"


def muscle_hub(muscle: str) -> str:
    return f"/exercises/muscle/{muscle}"


def difficulty_hub(difficulty: str) -> str:
    return f"/exercises/{difficulty}"


COMPARE_PREFIX = "/exercise/compare/"


def compare(first: str, second: str) -> str:
    return f"{COMPARE_PREFIX}{first}-vs-{second}"

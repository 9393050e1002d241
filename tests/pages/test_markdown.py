"""The Markdown page follows the reference layout on every exercise in the catalog."""

from __future__ import annotations

import re

import pytest

from forgefit.catalog import Catalog, default_catalog
from forgefit.pages import render_exercise_markdown
from forgefit.pages.exercise_page import ATTRIBUTE_LABELS

SECTIONS = [
    "## Quick answer",
    "## How to perform",
    "## Pro tips",
    "## Common mistakes",
    "## FAQ",
    "## Related exercises",
]
GENERATED_FAQS = 3


def section(markdown: str, heading: str) -> str:
    start = markdown.index(heading + "\n") + len(heading) + 1
    following = [markdown.find("\n## ", start), markdown.find("\n---\n", start)]
    ends = [index for index in following if index != -1]
    return markdown[start : min(ends) if ends else len(markdown)]


@pytest.mark.parametrize("slug", [e.slug for e in default_catalog().exercises])
def test_every_page_follows_the_reference_layout(catalog: Catalog, slug: str):
    exercise = catalog.get(slug)
    page = render_exercise_markdown(catalog, exercise)
    assert page.startswith(f"# {exercise.name}\n")
    headings = [line for line in page.splitlines() if line.startswith("## ")]
    assert headings == SECTIONS

    quick = section(page, "## Quick answer")
    assert exercise.description in quick
    labels = re.findall(r"^- \*\*(.+?):\*\* .+$", quick, flags=re.MULTILINE)
    assert labels == list(ATTRIBUTE_LABELS)

    steps = re.findall(r"^\d+\. .+$", section(page, "## How to perform"), flags=re.MULTILINE)
    assert len(steps) == len(exercise.instructions)
    assert len(re.findall(r"^- ", section(page, "## Pro tips"), flags=re.MULTILINE)) == 3
    assert len(re.findall(r"^- ", section(page, "## Common mistakes"), flags=re.MULTILINE)) == 3

    questions = re.findall(r"^### (.+)$", section(page, "## FAQ"), flags=re.MULTILINE)
    assert len(questions) == len(exercise.faqs) + GENERATED_FAQS
    assert questions[-3:] == [
        f"What muscles does the {exercise.name} work?",
        f"Is the {exercise.name} good for beginners?",
        f"What can I do instead of the {exercise.name}?",
    ]

    related = section(page, "## Related exercises")
    assert f"(/exercises/{exercise.body_part})" in related
    assert f"(/exercises/equipment/{exercise.equipment})" in related
    assert page.rstrip().endswith("(/plan).")
    assert page.count("\n---\n") == 2


def test_attribute_values_use_display_names(catalog: Catalog):
    page = render_exercise_markdown(catalog, catalog.get("band-bent-over-kickback"))
    assert "- **Body Part:** Legs" in page
    assert "- **Equipment:** Resistance Band" in page
    assert "- **Target Muscle:** Glutes" in page
    assert "- **Secondary Muscles:** Hamstrings, Lower Back" in page
    assert "- **Difficulty:** Beginner" in page
    assert "- **Category:** Strength" in page


def test_generated_sentence_adds_what_the_attribute_list_lacks(catalog: Catalog):
    page = render_exercise_markdown(catalog, catalog.get("band-bent-over-kickback"))
    assert (
        "The Band Bent Over Kickback is an alternating single-joint hip extension that needs a "
        "resistance band, done for reps. It is gentle on the joints." in page
    )
    squat = render_exercise_markdown(catalog, catalog.get("barbell-back-squat"))
    assert "needs a barbell and a squat rack" in squat
    assert "It puts moderate stress on the knees, lower back and hips" in squat


def test_beginner_answer_depends_on_difficulty(catalog: Catalog):
    advanced = next(e for e in catalog.exercises if e.difficulty == "advanced")
    beginner = next(e for e in catalog.exercises if e.difficulty == "beginner")
    assert "Not as a first step." in render_exercise_markdown(catalog, advanced)
    assert "Yes. The" in render_exercise_markdown(catalog, beginner)


def test_instead_question_names_real_alternatives(catalog: Catalog):
    page = render_exercise_markdown(catalog, catalog.get("barbell-back-squat"))
    answer = section(page, "## FAQ").split("### What can I do instead of the Barbell Back Squat?")[
        1
    ]
    linked = re.findall(r"\(/exercise/([a-z0-9-]+)\)", answer)
    assert linked
    assert all(slug in catalog for slug in linked)
    assert all(catalog.get(slug).pattern == "squat" for slug in linked[:1])

"""The sentences pages generate, checked on every page: grammar for every combination of
attributes, nothing the attribute list already says, no paragraph shared word for word, and
advice that fits the exercise (issue 11)."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from forgefit.catalog import Catalog
from forgefit.catalog.model import Exercise
from forgefit.pages.exercise_page import ExercisePage, build_exercise_page
from forgefit.pages.generated_text import JOINT_WORDS

# Patterns that only appear in broken generated English.
BROKEN = {
    "list with a singular verb": re.compile(r"\b\w[\w ]*, [\w ]+ and the [\w ]+ is a\b"),
    "two 'that' clauses": re.compile(r"\bthat [^.;:]* that (?:targets|needs)\b"),
    "body part used as a muscle": re.compile(r"\bfor the (?:cardio|legs|arms|full body)\b"),
    "doubled article": re.compile(r"\b(?:a|an|the) (?:a|an|the)\b"),
    # Not after a hyphen: "Single-Leg Leg Press" names an exercise, it doubles nothing.
    "doubled word": re.compile(r"(?<![\w-])(\w+) \1\b"),
    "space before punctuation": re.compile(r" [,.;:]"),
    "doubled punctuation": re.compile(r"[.,;]{2}"),
    "empty list": re.compile(r"\bthe (?:,|and|or)\b|\(\)"),
}
_VOWEL_SOUND_EXCEPTIONS = ("one", "uni", "use", "eu")


def generated_paragraphs(page: ExercisePage) -> list[str]:
    # The three generated questions always close the FAQ.
    return [page.summary, *(f.answer for f in page.faqs[-3:])]


@pytest.fixture(scope="module")
def pages(catalog: Catalog) -> dict[str, ExercisePage]:
    return {e.slug: build_exercise_page(catalog, e) for e in catalog.exercises}


def test_every_generated_sentence_is_grammatical(pages: dict[str, ExercisePage]):
    found = []
    for slug, page in pages.items():
        for text in generated_paragraphs(page):
            for problem, pattern in BROKEN.items():
                if match := pattern.search(text):
                    found.append((slug, problem, match.group(0)))
            for article, word in re.findall(r"\b(a|an) ([A-Za-z][\w-]*)", text):
                vowel = word[0].lower() in "aeiou" and not word.lower().startswith(
                    _VOWEL_SOUND_EXCEPTIONS
                )
                if (article == "an") != (vowel or word.startswith("EZ")):
                    found.append((slug, "article", f"{article} {word}"))
            if not text.endswith("."):
                found.append((slug, "no full stop", text[-30:]))
    assert found == []


def test_the_checks_catch_broken_sentences():
    broken = [
        "the Goblet Squat, Box Squat and the Smith Machine Squat is a gentler place to start.",
        "A beginner legs exercise that needs only your body weight that targets the quads.",
        "It is filed as a cardio exercise for the cardio.",
    ]
    assert [any(p.search(s) for p in BROKEN.values()) for s in broken] == [True, True, True]


def test_no_two_pages_share_a_generated_paragraph(pages: dict[str, ExercisePage]):
    counts = Counter(text for page in pages.values() for text in generated_paragraphs(page))
    assert [text for text, n in counts.items() if n > 1] == []


def test_summary_says_what_the_attribute_list_does_not(pages: dict[str, ExercisePage]):
    for page in pages.values():
        summary = page.summary.lower()
        # The equipment needed and the joints loaded, which the attribute list does not give.
        assert "needs" in summary, page.title
        assert "joints" in summary or "stress on the" in summary, page.title
        difficulty = dict(page.attributes)["Difficulty"].lower()
        assert f"a {difficulty} " not in summary, page.title


def _load_free(exercise: Exercise) -> bool:
    loads = {"barbell", "dumbbell", "kettlebell", "cable", "machine", "smith-machine", "ez-bar"}
    loads |= {"trap-bar", "weight-plate", "medicine-ball", "landmine", "sled"}
    return not exercise.requires & loads


def test_light_load_advice_only_where_there_is_a_load(
    catalog: Catalog, pages: dict[str, ExercisePage]
):
    wrong = [
        slug
        for slug, page in pages.items()
        if "light load" in " ".join(generated_paragraphs(page))
        and (_load_free(catalog.get(slug)) or catalog.get(slug).tracking == "time")
    ]
    assert wrong == []
    assert "light load" not in " ".join(generated_paragraphs(pages["pull-up"]))
    assert "light load" not in " ".join(generated_paragraphs(pages["plank"]))


def test_beginner_answers_account_for_joint_stress(
    catalog: Catalog, pages: dict[str, ExercisePage]
):
    for slug, page in pages.items():
        exercise = catalog.get(slug)
        answer = page.faqs[-2].answer
        for joint, level in exercise.joint_stress.items():
            if level == "high":
                clause = re.split(r"[.;]", answer.split("high stress on the ", 1)[-1])[0]
                assert JOINT_WORDS[joint] in clause, slug
                assert not answer.startswith("Yes."), slug
    bench_dip = pages["bench-dip"].faqs[-2]
    assert "sound first exercise" not in bench_dip.answer
    assert "shoulders" in bench_dip.answer


def test_hub_link_labels_are_distinct(pages: dict[str, ExercisePage]):
    for page in pages.values():
        labels = [link.text for link in page.hub_links]
        assert len(labels) == len(set(labels)), page.title
    chest = [link.text for link in pages["barbell-bench-press"].hub_links]
    assert chest == [
        "More Chest Exercises",
        "More Barbell Exercises",
        "Every Exercise for the Chest",
    ]


def _variants(catalog: Catalog) -> list[Exercise]:
    """Every value of every attribute the sentences read, each with every pattern: the records
    being written later meet the same checks as today's."""
    from dataclasses import replace

    vocab = catalog.vocab
    base = catalog.get("goblet-squat")
    stresses: list[dict[str, str]] = [
        {},
        {"neck": "moderate"},
        {"lower-back": "high"},
        {"knee": "high", "shoulder": "high", "wrist": "moderate", "hip": "moderate"},
    ]
    equipment = [
        frozenset(),
        frozenset({"rings"}),
        frozenset({"ez-bar", "bench"}),
        frozenset({"battle-ropes"}),
        frozenset({"resistance-band", "pull-up-bar"}),
    ]
    changes: list[dict[str, object]] = (
        [{"laterality": v} for v in vocab.lateralities]
        + [{"mechanic": v} for v in (*vocab.mechanics, None)]
        + [{"tracking": v, "force": f} for v in vocab.trackings for f in ("static", "push")]
        + [{"difficulty": v} for v in vocab.difficulties]
        + [{"category": v} for v in vocab.categories]
        + [{"joint_stress": v} for v in stresses]
        + [{"requires": r, "equipment": min(r, default="body-weight")} for r in equipment]
        + [{"secondary": ()}, {"target": "cardiovascular"}, {"target": "serratus"}]
    )
    variants = []
    for number, pattern in enumerate(vocab.patterns):
        for index, change in enumerate(changes):
            name = f"Test Variant P{number}x{index}"
            variants.append(
                replace(base, slug=f"test-variant-{number}-{index}", name=name, pattern=pattern)
            )
            variants[-1] = replace(variants[-1], **change)  # type: ignore[arg-type]
    return variants


def test_generated_sentences_are_grammatical_for_every_combination(catalog: Catalog):
    found = []
    for exercise in _variants(catalog):
        page = build_exercise_page(catalog, exercise)
        for text in generated_paragraphs(page):
            found += [
                (exercise.slug, problem, m.group(0))
                for problem, pattern in BROKEN.items()
                if (m := pattern.search(text))
            ]
            for article, word in re.findall(r"\b(a|an) ([A-Za-z][\w-]*)", text):
                vowel = word[0].lower() in "aeiou" and not word.lower().startswith(
                    _VOWEL_SOUND_EXCEPTIONS
                )
                if (article == "an") != (vowel or word.startswith("EZ")):
                    found.append((exercise.slug, "article", f"{article} {word}"))
    assert found == []

"""An exercise page as structured content, shared by the Markdown and HTML renderings so both
carry exactly the same words (CATALOG.md "The page")."""

from __future__ import annotations

from dataclasses import dataclass

from forgefit.catalog import related as related_exercises
from forgefit.catalog.index import Catalog
from forgefit.catalog.model import Exercise
from forgefit.pages import generated_text, urls
from forgefit.pages.hubs import has_muscle_hub

# The attribute labels, in page order; the reference page fixes them exactly.
ATTRIBUTE_LABELS = (
    "Body Part",
    "Equipment",
    "Target Muscle",
    "Secondary Muscles",
    "Difficulty",
    "Category",
)


@dataclass(frozen=True, slots=True)
class Link:
    text: str
    url: str


@dataclass(frozen=True, slots=True)
class PageFaq:
    question: str
    answer: str
    # Exercises the answer names, shown as links after it (generated questions only).
    links: tuple[Link, ...] = ()


@dataclass(frozen=True, slots=True)
class ExercisePage:
    exercise: Exercise
    title: str
    description: str
    summary: str
    attributes: tuple[tuple[str, str], ...]
    instructions: tuple[str, ...]
    tips: tuple[str, ...]
    mistakes: tuple[str, ...]
    faqs: tuple[PageFaq, ...]
    hub_links: tuple[Link, ...]
    related: tuple[Link, ...]
    easier: tuple[Link, ...]
    harder: tuple[Link, ...]

    @property
    def quick_answer(self) -> str:
        return f"{self.description} {self.summary}"


def summary_sentence(catalog: Catalog, exercise: Exercise) -> str:
    """One sentence generated from the attributes, following the description."""
    return generated_text.summary_sentence(catalog, exercise)


def _exercise_links(items: list[Exercise]) -> tuple[Link, ...]:
    return tuple(Link(item.name, urls.exercise(item.slug)) for item in items)


def _generated_faqs(catalog: Catalog, exercise: Exercise) -> list[PageFaq]:
    name = exercise.name
    easier = related_exercises.easier(catalog, exercise)
    beginners, named = generated_text.beginners_answer(catalog, exercise, easier)
    options = related_exercises.alternatives(catalog, exercise)
    return [
        PageFaq(
            f"What muscles does the {name} work?",
            generated_text.muscles_answer(catalog, exercise),
        ),
        PageFaq(f"Is the {name} good for beginners?", beginners, _exercise_links(named)),
        PageFaq(
            f"What can I do instead of the {name}?",
            generated_text.instead_answer(catalog, exercise, options),
            _exercise_links(options),
        ),
    ]


def hub_links(catalog: Catalog, exercise: Exercise) -> tuple[Link, ...]:
    """The hubs this exercise belongs to, each label different even when a body part and a
    muscle share a name (the chest)."""
    vocab = catalog.vocab
    links = [
        Link(
            f"More {vocab.display('body_parts', exercise.body_part)} Exercises",
            urls.body_part_hub(exercise.body_part),
        ),
        Link(
            f"More {vocab.display('equipment', exercise.equipment)} Exercises",
            urls.equipment_hub(exercise.equipment),
        ),
    ]
    if has_muscle_hub(catalog, exercise.target):
        muscle = vocab.display("muscles", exercise.target)
        links.append(Link(f"Every Exercise for the {muscle}", urls.muscle_hub(exercise.target)))
    return tuple(links)


def build_exercise_page(catalog: Catalog, exercise: Exercise) -> ExercisePage:
    vocab = catalog.vocab
    secondary = ", ".join(vocab.display("muscles", m) for m in exercise.secondary) or "None"
    attributes = (
        ("Body Part", vocab.display("body_parts", exercise.body_part)),
        ("Equipment", vocab.display("equipment", exercise.equipment)),
        ("Target Muscle", vocab.display("muscles", exercise.target)),
        ("Secondary Muscles", secondary),
        ("Difficulty", vocab.display("difficulties", exercise.difficulty)),
        ("Category", vocab.display("categories", exercise.category)),
    )
    own_faqs = [PageFaq(f.question, f.answer) for f in exercise.faqs]
    return ExercisePage(
        exercise=exercise,
        title=exercise.name,
        description=exercise.description,
        summary=summary_sentence(catalog, exercise),
        attributes=attributes,
        instructions=exercise.instructions,
        tips=exercise.tips,
        mistakes=exercise.mistakes,
        faqs=tuple(own_faqs + _generated_faqs(catalog, exercise)),
        hub_links=hub_links(catalog, exercise),
        related=_exercise_links(related_exercises.related(catalog, exercise)),
        easier=_exercise_links(related_exercises.easier(catalog, exercise)),
        harder=_exercise_links(related_exercises.harder(catalog, exercise)),
    )

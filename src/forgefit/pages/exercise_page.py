"""An exercise page as structured content, shared by the Markdown and HTML renderings so both
carry exactly the same words (CATALOG.md "The page")."""

from __future__ import annotations

from dataclasses import dataclass

from forgefit.catalog import related as related_exercises
from forgefit.catalog.index import Catalog
from forgefit.catalog.model import Exercise
from forgefit.pages import urls
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


def _article(word: str) -> str:
    return "an" if word[:1].lower() in "aeiou" else "a"


def _lower_name(name: str) -> str:
    """Lower-case a display name for running text, keeping acronyms such as "EZ"."""
    return " ".join(w if w.isupper() and len(w) > 1 else w.lower() for w in name.split())


def _join(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


def summary_sentence(catalog: Catalog, exercise: Exercise) -> str:
    """One sentence generated from the attributes, following the description."""
    vocab = catalog.vocab
    difficulty = vocab.display("difficulties", exercise.difficulty).lower()
    body_part = _lower_name(vocab.display("body_parts", exercise.body_part))
    if exercise.equipment == "body-weight":
        equipment = "that needs only your body weight"
    else:
        name = _lower_name(vocab.display("equipment", exercise.equipment))
        equipment = f"done with {_article(name)} {name}"
    target = _lower_name(vocab.display("muscles", exercise.target))
    sentence = (
        f"{_article(difficulty).capitalize()} {difficulty} {body_part} exercise {equipment} "
        f"that targets the {target}"
    )
    secondary = [_lower_name(vocab.display("muscles", m)) for m in exercise.secondary]
    if secondary:
        sentence += f" and also works the {_join(secondary)}"
    return sentence + "."


def _exercise_links(items: list[Exercise]) -> tuple[Link, ...]:
    return tuple(Link(item.name, urls.exercise(item.slug)) for item in items)


def _generated_faqs(catalog: Catalog, exercise: Exercise) -> list[PageFaq]:
    vocab = catalog.vocab
    name = exercise.name
    target = _lower_name(vocab.display("muscles", exercise.target))
    secondary = [_lower_name(vocab.display("muscles", m)) for m in exercise.secondary]
    category = _lower_name(vocab.display("categories", exercise.category))
    body_part = _lower_name(vocab.display("body_parts", exercise.body_part))
    if secondary:
        muscles = (
            f"The {name} works the {target} most, with the {_join(secondary)} helping. "
            f"It is filed as a {category} exercise for the {body_part}."
        )
    else:
        muscles = (
            f"The {name} concentrates on the {target}, with little help from other muscles. "
            f"It is filed as a {category} exercise for the {body_part}."
        )
    easier = related_exercises.easier(catalog, exercise)
    easier_names = _join([e.name for e in easier])
    if exercise.difficulty == "beginner":
        beginners = (
            f"Yes. The {name} is rated beginner: the movement is simple to learn and easy to "
            f"scale, which makes it a sound first exercise for the {target}."
        )
    elif exercise.difficulty == "intermediate":
        beginners = (
            f"With care. The {name} is rated intermediate, so learn it with a light load once "
            "the basic version of the movement feels steady"
            + (f"; the {easier_names} is a gentler place to start." if easier else ".")
        )
    else:
        beginners = (
            f"Not as a first step. The {name} is rated advanced and asks for strength and "
            "control that take months of training to build"
            + (f"; begin with the {easier_names} and work up to it." if easier else ".")
        )
    options = related_exercises.alternatives(catalog, exercise)
    if options:
        instead = (
            f"Exercises that train the same movement or muscle are the "
            f"{_join([o.name for o in options])}. Each page lists what it needs."
        )
    else:
        instead = "The related exercises below are the closest matches in the library."
    return [
        PageFaq(f"What muscles does the {name} work?", muscles),
        PageFaq(
            f"Is the {name} good for beginners?",
            beginners,
            _exercise_links(easier) if exercise.difficulty != "beginner" else (),
        ),
        PageFaq(f"What can I do instead of the {name}?", instead, _exercise_links(options)),
    ]


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
    hub_links = [
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
        hub_links.append(
            Link(
                f"More {vocab.display('muscles', exercise.target)} Exercises",
                urls.muscle_hub(exercise.target),
            )
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
        hub_links=tuple(hub_links),
        related=_exercise_links(related_exercises.related(catalog, exercise)),
        easier=_exercise_links(related_exercises.easier(catalog, exercise)),
        harder=_exercise_links(related_exercises.harder(catalog, exercise)),
    )

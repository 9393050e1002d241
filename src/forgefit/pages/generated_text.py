"""The sentences a page generates from an exercise's attributes (CATALOG.md "The page").

Each sentence says something the attribute list above it does not (how the movement is built,
what it needs, which joints it loads, how to start), names the exercise so no two pages share
a paragraph word for word, and is grammatical for every combination of attributes: the tests
render every page and check.
"""

from __future__ import annotations

from forgefit.catalog import related as related_exercises
from forgefit.catalog.index import Catalog
from forgefit.catalog.model import Exercise

# How each pattern reads as a noun in running text ("a multi-joint hip hinge").
PATTERN_NOUNS = {
    "squat": "squat",
    "hinge": "hip hinge",
    "lunge": "split-stance leg exercise",
    "hip-extension": "hip extension",
    "hip-abduction": "hip abduction (leg out to the side)",
    "hip-adduction": "hip adduction (leg in toward the midline)",
    "horizontal-push": "horizontal press",
    "vertical-push": "overhead press",
    "horizontal-pull": "row",
    "vertical-pull": "vertical pull",
    "elbow-flexion": "curl",
    "elbow-extension": "triceps extension",
    "wrist": "wrist curl",
    "shoulder-raise": "shoulder raise",
    "shrug": "shrug",
    "chest-fly": "chest fly",
    "knee-extension": "knee extension",
    "knee-flexion": "leg curl",
    "calf-raise": "calf raise",
    "trunk-flexion": "trunk curl",
    "anti-extension": "anti-extension core exercise (the trunk resists arching)",
    "anti-rotation": "anti-rotation core exercise (the trunk resists twisting)",
    "rotation": "trunk rotation",
    "lateral-flexion": "side-bend core exercise",
    "carry": "loaded carry",
    "locomotion": "whole-body conditioning movement",
    "jump": "jump",
    "olympic-lift": "explosive pull from the floor or the hang",
    "stretch": "stretch",
    "neck": "neck exercise",
}
MECHANIC_WORDS = {"compound": "multi-joint", "isolation": "single-joint"}
LATERALITY_WORDS = {
    "bilateral": "",
    "unilateral": "one-side-at-a-time",
    "alternating": "alternating",
}
TRACKING_WORDS = {"reps": "done for reps", "time": "done for time", "distance": "done for distance"}
# Joints that come in pairs read better in the plural ("the knees").
JOINT_WORDS = {
    "knee": "knees",
    "lower-back": "lower back",
    "shoulder": "shoulders",
    "elbow": "elbows",
    "wrist": "wrists",
    "hip": "hips",
    "ankle": "ankles",
    "neck": "neck",
}
# Equipment names that are already plural take no article ("needs rings").
_PLURAL_EQUIPMENT = frozenset({"rings", "battle-ropes"})
_FLEXIBILITY = frozenset({"stretching", "mobility"})
# Equipment that adds load; anything else (a bench, a bar to hang from) only holds the body.
_LOADING_EQUIPMENT = frozenset(
    {
        "barbell",
        "dumbbell",
        "kettlebell",
        "cable",
        "machine",
        "smith-machine",
        "ez-bar",
        "trap-bar",
        "weight-plate",
        "medicine-ball",
        "landmine",
        "sled",
    }
)


def article(word: str) -> str:
    """ "a" or "an" by sound: "a one-sided", "a unilateral", "an EZ bar"."""
    lowered = word.lower()
    if lowered.startswith(("one", "uni", "use", "eu")):
        return "a"
    return "an" if lowered[:1] in "aeiou" or word.startswith("EZ") else "a"


def lower_name(name: str) -> str:
    """Lower-case a display name for running text, keeping acronyms such as "EZ"."""
    return " ".join(w if w.isupper() and len(w) > 1 else w.lower() for w in name.split())


def join(items: list[str], word: str = "and") -> str:
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {word} {items[-1]}"


def _the_names(items: list[Exercise], word: str = "and") -> str:
    """ "the Goblet Squat, the Box Squat and the Smith Machine Squat" """
    return join([f"the {item.name}" for item in items], word)


def equipment_needed(catalog: Catalog, exercise: Exercise) -> str:
    """ "needs a dumbbell and a bench", "needs no equipment" """
    if not exercise.requires:
        return "needs no equipment"
    words = []
    for term in sorted(exercise.requires, key=lambda e: (e != exercise.equipment, e)):
        name = lower_name(catalog.vocab.display("equipment", term))
        words.append(name if term in _PLURAL_EQUIPMENT else f"{article(name)} {name}")
    return f"needs {join(words)}"


def _stressed(exercise: Exercise, level: str) -> list[str]:
    return [JOINT_WORDS.get(j, j) for j, lvl in exercise.joint_stress.items() if lvl == level]


def joint_sentence(exercise: Exercise) -> str:
    high, moderate = _stressed(exercise, "high"), _stressed(exercise, "moderate")
    if high:
        also = f" and moderate stress on the {join(moderate)}" if moderate else ""
        return f"It puts high stress on the {join(high)}{also}."
    if moderate:
        return f"It puts moderate stress on the {join(moderate)} and little on the rest."
    return "It is gentle on the joints."


def summary_sentence(catalog: Catalog, exercise: Exercise) -> str:
    """What the movement is built like, what it needs and which joints it loads."""
    # A hold moves no joint, so "single-joint" or "multi-joint" would mislead.
    is_hold = exercise.tracking == "time" and exercise.force == "static"
    words = [
        LATERALITY_WORDS.get(exercise.laterality, ""),
        "" if is_hold else MECHANIC_WORDS.get(exercise.mechanic or "", ""),
        PATTERN_NOUNS.get(exercise.pattern, lower_name(exercise.pattern.replace("-", " "))),
    ]
    described = " ".join(w for w in words if w)
    if is_hold and not any(word in described for word in ("exercise", "stretch", "(")):
        described += " hold"  # "a squat hold", not "a squat"
    tracking = TRACKING_WORDS.get(exercise.tracking, "")
    return (
        f"The {exercise.name} is {article(described)} {described} that "
        f"{equipment_needed(catalog, exercise)}, {tracking}. {joint_sentence(exercise)}"
    )


def muscles_answer(catalog: Catalog, exercise: Exercise) -> str:
    vocab = catalog.vocab
    name = exercise.name
    target = lower_name(vocab.display("muscles", exercise.target))
    secondary = [lower_name(vocab.display("muscles", m)) for m in exercise.secondary]
    if exercise.target == "cardiovascular":
        moving = f"; the {join(secondary)} do the moving" if secondary else ""
        return (
            f"The {name} trains the heart and lungs first{moving}. Its value is fitness and "
            "endurance rather than muscle size."
        )
    if exercise.pattern == "stretch" or exercise.category in _FLEXIBILITY:
        milder = f", with a milder stretch through the {join(secondary)}" if secondary else ""
        return (
            f"The {name} mostly lengthens and loosens the {target}{milder}. It builds range of "
            "motion rather than strength, so it fits warm-ups and cool-downs."
        )
    if secondary:
        first = f"The {name} works the {target} most, with the {join(secondary)} helping."
    else:
        first = f"The {name} concentrates on the {target}, with little help from other muscles."
    if exercise.tracking == "time" and exercise.force == "static":
        second = (
            "It is a hold: the muscles work without moving the joints, which builds endurance "
            "and control rather than size."
        )
    elif exercise.pattern == "carry":
        second = "It trains the grip and the trunk together while you walk under load."
    elif exercise.category == "plyometrics":
        second = "It trains power: how fast those muscles produce force, not how long they last."
    elif exercise.mechanic == "compound":
        second = (
            "Because several joints move together, it can carry more load than a single-joint "
            f"exercise for the {target}."
        )
    elif exercise.mechanic == "isolation":
        second = (
            "Because only one joint moves, it adds work for that muscle without tiring the rest "
            "of the body, which suits the end of a session."
        )
    else:
        second = ""
    return f"{first} {second}".strip()


def how_to_start(exercise: Exercise) -> str:
    """How a newcomer should begin, by the kind of exercise (no "light load" for a plank)."""
    if exercise.pattern == "stretch" or exercise.category in _FLEXIBILITY:
        return "ease into a gentle range and go a little further over a few sessions"
    if exercise.category == "cardio":
        return "start with short, easy bouts and add time week by week"
    if exercise.category == "plyometrics" or exercise.pattern == "jump":
        return "start with a few low, easy reps and land softly"
    if exercise.tracking == "time":
        return "start with short holds and add a few seconds each session"
    if exercise.equipment == "resistance-band":
        return "start with a light band"
    if not exercise.requires & _LOADING_EQUIPMENT:
        return "start with fewer reps or a shorter range until every rep looks the same"
    return "learn it with a light load"


def beginners_answer(
    catalog: Catalog, exercise: Exercise, easier: list[Exercise]
) -> tuple[str, list[Exercise]]:
    """The answer, and the exercises it names (shown as links after it)."""
    name = exercise.name
    start = how_to_start(exercise)
    high = [j for j, level in exercise.joint_stress.items() if level == "high"]
    gentler: list[Exercise] = []
    if high:
        injuries = dict.fromkeys(high, "mild")
        gentler = related_exercises.substitutes(catalog, exercise, injuries=injuries, limit=2)
    if exercise.difficulty == "beginner" and not high:
        return (
            f"Yes. The {name} is rated beginner, something most people can learn in their "
            f"first months of training: {start}.",
            [],
        )
    if exercise.difficulty == "beginner":
        joints = join([JOINT_WORDS.get(j, j) for j in high])
        answer = (
            f"With one caution. The {name} is rated beginner, but it puts high stress on the "
            f"{joints}, so skip it while they are sore or injured"
        )
        if gentler:
            answer += f"; {_the_names(gentler, 'or')} trains the same movement more gently"
        return answer + f". Otherwise {start}.", gentler
    steps = easier or gentler
    if exercise.difficulty == "intermediate":
        answer = (
            f"With care. The {name} is rated intermediate: once a simpler version of the "
            f"movement feels steady, {start}"
        )
        if steps:
            verb = "is a gentler place" if len(steps) == 1 else "are gentler places"
            answer += f"; {_the_names(steps)} {verb} to start"
    else:
        answer = (
            f"Not as a first step. The {name} is rated advanced and asks for strength and "
            "control that take months of training to build"
        )
        if steps:
            answer += f"; begin with {_the_names(steps, 'or')} and work up to it"
    if high:
        joints = join([JOINT_WORDS.get(j, j) for j in high])
        answer += f". It also puts high stress on the {joints}"
    return answer + ".", steps


def instead_answer(catalog: Catalog, exercise: Exercise, options: list[Exercise]) -> str:
    vocab = catalog.vocab
    pattern = PATTERN_NOUNS.get(exercise.pattern, exercise.pattern)
    if not options:
        return (
            f"Nothing else in the library replaces the {exercise.name} closely; the related "
            "exercises below are the nearest matches."
        )
    described = [
        f"the {o.name} ({lower_name(vocab.display('equipment', o.equipment))})" for o in options
    ]
    noun = pattern.split(" (")[0]
    subject = "each is" if len(options) > 1 else "it is"
    return (
        f"Instead of the {exercise.name}, try {join(described, 'or')}: {subject} "
        f"{article(noun)} {noun} for the same muscles."
    )

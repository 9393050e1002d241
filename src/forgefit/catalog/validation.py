"""Validate raw exercise records against the vocabulary and against each other.

Validation collects every problem instead of stopping at the first, so a writer fixing a
catalog sees the whole list in one run.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from forgefit.catalog.model import Exercise, Faq, slugify
from forgefit.catalog.vocabulary import Vocabulary

INSTRUCTION_STEPS = (4, 8)
TIPS_COUNT = 3
MISTAKES_COUNT = 3
FAQ_COUNT = (2, 3)
DESCRIPTION_SENTENCES = (1, 3)
POPULARITY_RANGE = (1, 5)

# Words that may stay lower case inside a title-case name.
_SMALL_WORDS = frozenset({"a", "an", "and", "as", "at", "for", "in", "of", "on", "or", "the", "to"})
_SMALL_WORDS |= {"vs", "with", "into"}
_SENTENCE_END = re.compile(r"[.!?](?:\s+|$)")

FIELDS = (
    "name",
    "slug",
    "aliases",
    "description",
    "body_part",
    "equipment",
    "requires",
    "target",
    "secondary",
    "difficulty",
    "category",
    "mechanic",
    "force",
    "pattern",
    "laterality",
    "tracking",
    "joint_stress",
    "popularity",
    "instructions",
    "tips",
    "mistakes",
    "faqs",
    "easier",
    "harder",
)
OPTIONAL_FIELDS = frozenset({"aliases", "easier", "harder"})
NULLABLE_FIELDS = frozenset({"mechanic", "force"})


@dataclass(frozen=True, slots=True)
class Problem:
    """One finding: which file, which field, what is wrong and (in the message) the fix."""

    file: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.field}: {self.message}"


def shown(value: object, limit: int = 60) -> str:
    """A value as it appears in a message: quoted, and cut short when long (a message must stay
    readable whatever a file holds)."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 5] + " ...'"


# kind -> allowed terms, per vocabulary: built once, not once per record (it shows in load time).
_ALLOWED_CACHE: dict[int, tuple[Vocabulary, dict[str, tuple[str, ...]]]] = {}


def _allowed_terms(vocab: Vocabulary, kind: str) -> tuple[str, ...]:
    cached = _ALLOWED_CACHE.get(id(vocab))
    if cached is None or cached[0] is not vocab:
        if len(_ALLOWED_CACHE) > 8:
            _ALLOWED_CACHE.clear()
        cached = (vocab, {})
        _ALLOWED_CACHE[id(vocab)] = cached
    terms = cached[1].get(kind)
    if terms is None:
        if kind in ("stress_levels", "mechanics", "forces", "lateralities", "trackings"):
            terms = tuple(getattr(vocab, kind))
        else:
            terms = tuple(vocab.names(kind))
        cached[1][kind] = terms
    return terms


def is_title_case(name: str) -> bool:
    """True when every word starts with a capital (or digit), small joining words excepted."""
    words = name.split()
    for position, word in enumerate(words):
        for part in word.split("-"):
            first = part.lstrip("(\"'")[:1]
            if not first or not first.isalpha():
                continue
            if first.islower() and not (position > 0 and part.lower() in _SMALL_WORDS):
                return False
    return True


def count_sentences(text: str) -> int:
    return len(_SENTENCE_END.findall(text.strip())) or 1


class _RecordChecker:
    """Checks one raw record; accumulates problems while extracting typed values."""

    def __init__(self, file: str, raw: dict[str, Any], vocab: Vocabulary) -> None:
        self.file = file
        self.raw = raw
        self.vocab = vocab
        self.problems: list[Problem] = []

    def problem(self, field: str, message: str) -> None:
        self.problems.append(Problem(self.file, field, message))

    def text(self, field: str) -> str:
        value = self.raw.get(field)
        if value is None:
            self.problem(field, "is required; add a non-empty text.")
            return ""
        if not isinstance(value, str):
            self.problem(field, f"must be text, not {type(value).__name__}.")
            return ""
        if not value.strip():
            self.problem(field, "is empty; write a non-empty text.")
        return value.strip()

    def term(self, field: str, kind: str, nullable: bool = False) -> str | None:
        value = self.raw.get(field)
        if value is None:
            if not nullable:
                self.problem(field, "is required.")
            return None
        allowed = self._allowed(kind)
        if not isinstance(value, str) or value not in allowed:
            self.problem(field, f"unknown value {shown(value)}; allowed: {', '.join(allowed)}.")
            return None
        return value

    def terms(self, field: str, kind: str) -> tuple[str, ...]:
        values = self.string_list(field, allow_missing=True)
        allowed = self._allowed(kind)
        good = []
        for value in values:
            if value not in allowed:
                self.problem(field, f"unknown value {shown(value)}; allowed: {', '.join(allowed)}.")
            elif value in good:
                self.problem(field, f"{shown(value)} is listed twice.")
            else:
                good.append(value)
        return tuple(good)

    def string_list(
        self, field: str, bounds: tuple[int, int] | None = None, allow_missing: bool = False
    ) -> tuple[str, ...]:
        value = self.raw.get(field)
        if value is None:
            if not allow_missing:
                self.problem(field, "is required; add a list.")
            value = []
        if not isinstance(value, list):
            self.problem(field, f"must be a list, not {type(value).__name__}.")
            return ()
        items: list[str] = []
        for index, item in enumerate(value, start=1):
            if not isinstance(item, str) or not item.strip():
                self.problem(field, f"item {index} must be a non-empty text.")
            else:
                items.append(item.strip())
        if bounds is not None:
            low, high = bounds
            if not low <= len(value) <= high:
                wanted = f"exactly {low}" if low == high else f"{low}-{high}"
                self.problem(field, f"has {len(value)} items; write {wanted}.")
        return tuple(items)

    def _allowed(self, kind: str) -> Sequence[str]:
        return _allowed_terms(self.vocab, kind)

    def joint_stress(self) -> dict[str, str]:
        value = self.raw.get("joint_stress")
        if value is None:
            self.problem("joint_stress", "is required; use {} when no joint is notably loaded.")
            return {}
        if not isinstance(value, dict):
            self.problem("joint_stress", "must be a mapping of joint to low/moderate/high.")
            return {}
        stress: dict[str, str] = {}
        for joint, level in value.items():
            if joint not in self.vocab.joints:
                self.problem(
                    "joint_stress",
                    f"unknown joint {shown(joint)}; allowed: {', '.join(self.vocab.joints)}.",
                )
            elif level not in self.vocab.stress_levels:
                self.problem(
                    "joint_stress",
                    f"{joint}: unknown level {shown(level)}; allowed: "
                    f"{', '.join(self.vocab.stress_levels)}.",
                )
            else:
                stress[str(joint)] = str(level)
        return stress

    def popularity(self) -> int:
        value = self.raw.get("popularity")
        low, high = POPULARITY_RANGE
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            self.problem("popularity", f"must be a whole number from {low} to {high}.")
            return low
        return value

    def faqs(self) -> tuple[Faq, ...]:
        value = self.raw.get("faqs")
        if not isinstance(value, list):
            self.problem("faqs", "is required; add a list of {question, answer} pairs.")
            return ()
        low, high = FAQ_COUNT
        if not low <= len(value) <= high:
            self.problem("faqs", f"has {len(value)} items; write {low}-{high}.")
        faqs = []
        for index, item in enumerate(value, start=1):
            if not isinstance(item, dict):
                self.problem("faqs", f"item {index} must have a question and an answer.")
                continue
            question, answer = item.get("question"), item.get("answer")
            if not isinstance(question, str) or not question.strip().endswith("?"):
                self.problem("faqs", f"item {index}: question must be a text ending in '?'.")
                continue
            if not isinstance(answer, str) or not answer.strip():
                self.problem("faqs", f"item {index}: answer must be a non-empty text.")
                continue
            extra = set(item) - {"question", "answer"}
            if extra:
                self.problem("faqs", f"item {index}: unknown keys {sorted(map(str, extra))}.")
            faqs.append(Faq(question.strip(), answer.strip()))
        return tuple(faqs)


def validate_record(
    file: str, raw: object, vocab: Vocabulary, stem: str | None = None
) -> tuple[Exercise | None, list[Problem]]:
    """Check one parsed record; return the Exercise (None when invalid) and every problem.

    `stem` is the file name without `.yaml`; when given it must equal the slug.
    """
    if not isinstance(raw, dict):
        kind = "an empty file" if raw is None else type(raw).__name__
        return None, [Problem(file, "(record)", f"expected a mapping of fields, found {kind}.")]
    check = _RecordChecker(file, raw, vocab)
    for field in sorted(set(raw) - set(FIELDS), key=str):
        check.problem(str(field), f"unknown field; allowed fields: {', '.join(FIELDS)}.")

    name = check.text("name")
    slug = check.text("slug")
    if name and not is_title_case(name):
        check.problem("name", f"{name!r} is not in title case; capitalise every word.")
    if name and slug and slug != slugify(name):
        check.problem("slug", f"{slug!r} does not match the name; it should be {slugify(name)!r}.")
    if slug and stem is not None and stem != slug:
        check.problem("slug", f"{slug!r} differs from the file name; rename the file {slug}.yaml.")

    description = check.text("description")
    low, high = DESCRIPTION_SENTENCES
    if description and not low <= count_sentences(description) <= high:
        check.problem("description", f"write {low}-{high} sentences.")

    equipment = check.term("equipment", "equipment")
    requires = check.terms("requires", "equipment")
    if "requires" not in raw:
        check.problem("requires", "is required; use [] for body-weight exercises.")
    if "body-weight" in requires:
        check.problem("requires", "leave out body-weight; an empty list means no equipment.")
    if equipment and equipment != "body-weight" and equipment not in requires:
        check.problem("requires", f"must include the exercise's equipment {equipment!r}.")

    target = check.term("target", "muscles")
    secondary = check.terms("secondary", "muscles")
    if "secondary" not in raw:
        check.problem("secondary", "is required; use [] when no other muscle works notably.")
    if target and target in secondary:
        check.problem("secondary", f"repeats the target muscle {target!r}; remove it.")

    exercise = Exercise(
        slug=slug,
        name=name,
        aliases=check.string_list("aliases", allow_missing=True),
        description=description,
        body_part=check.term("body_part", "body_parts") or "",
        equipment=equipment or "",
        requires=frozenset(requires),
        target=target or "",
        secondary=secondary,
        difficulty=check.term("difficulty", "difficulties") or "",
        category=check.term("category", "categories") or "",
        mechanic=check.term("mechanic", "mechanics", nullable=True),
        force=check.term("force", "forces", nullable=True),
        pattern=check.term("pattern", "patterns") or "",
        laterality=check.term("laterality", "lateralities") or "",
        tracking=check.term("tracking", "trackings") or "",
        joint_stress=check.joint_stress(),
        popularity=check.popularity(),
        instructions=check.string_list("instructions", INSTRUCTION_STEPS),
        tips=check.string_list("tips", (TIPS_COUNT, TIPS_COUNT)),
        mistakes=check.string_list("mistakes", (MISTAKES_COUNT, MISTAKES_COUNT)),
        faqs=check.faqs(),
        easier=check.string_list("easier", allow_missing=True),
        harder=check.string_list("harder", allow_missing=True),
    )
    for field in ("easier", "harder"):
        if slug and slug in getattr(exercise, field):
            check.problem(field, "links the exercise to itself; remove that slug.")
    return (None if check.problems else exercise), check.problems


@dataclass(frozen=True, slots=True)
class RecordIdentity:
    """What cross-record checks need of any parsed record, valid or not."""

    file: str
    slug: str
    name: str


def identity_of(file: str, raw: object) -> RecordIdentity | None:
    if not isinstance(raw, dict):
        return None
    slug, name = raw.get("slug"), raw.get("name")
    if not isinstance(slug, str) or not isinstance(name, str):
        return None
    return RecordIdentity(file, slug.strip(), name.strip())


def validate_links(
    identities: Iterable[RecordIdentity], valid: Iterable[tuple[str, Exercise]]
) -> list[Problem]:
    """Cross-record checks: unique slugs and names over every record (valid or not), and
    easier/harder links of valid records pointing at exercises that exist."""
    problems: list[Problem] = []
    first_by_slug: dict[str, str] = {}
    first_by_name: dict[str, str] = {}
    for record in identities:
        if record.slug in first_by_slug:
            other = first_by_slug[record.slug]
            problems.append(
                Problem(record.file, "slug", f"{record.slug!r} is also used by {other}.")
            )
        else:
            first_by_slug[record.slug] = record.file
        key = record.name.casefold()
        if key in first_by_name:
            other = first_by_name[key]
            problems.append(
                Problem(record.file, "name", f"{record.name!r} is also used by {other}.")
            )
        else:
            first_by_name[key] = record.file
    for file, exercise in valid:
        for field in ("easier", "harder"):
            for linked in getattr(exercise, field):
                if linked not in first_by_slug:
                    problems.append(
                        Problem(file, field, f"links to {linked!r}, which is not in the catalog.")
                    )
    return problems

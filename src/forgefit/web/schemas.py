"""Pydantic models for the JSON the API returns: the OpenAPI schema clients and fuzzers see."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field


class FaqOut(BaseModel):
    question: str
    answer: str


class ExerciseOut(BaseModel):
    """CONTRACTS.md "Exercise record (JSON)", plus the page URL."""

    slug: str
    name: str
    aliases: list[str]
    description: str
    body_part: str
    equipment: str
    requires: list[str]
    target: str
    secondary: list[str]
    difficulty: str
    category: str
    mechanic: str | None
    force: str | None
    pattern: str
    laterality: str
    tracking: str
    joint_stress: dict[str, str]
    popularity: int
    instructions: list[str]
    tips: list[str]
    mistakes: list[str]
    faqs: list[FaqOut]
    easier: list[str]
    harder: list[str]
    url: str


class ExercisePage(BaseModel):
    total: int = Field(description="Exercises matching the filters, across all pages.")
    limit: int
    offset: int
    next: str | None = Field(description="URL of the next page, or null on the last page.")
    items: list[ExerciseOut]


class ScoredExercise(BaseModel):
    slug: str
    name: str
    score: float
    url: str


class ScoredExerciseList(BaseModel):
    items: list[ScoredExercise]


class ExerciseList(BaseModel):
    items: list[ExerciseOut]


class SearchItem(BaseModel):
    slug: str
    name: str
    score: float
    body_part: str
    equipment: str
    target: str
    difficulty: str
    url: str


class DetectedTermOut(BaseModel):
    typed: str
    kind: str
    slug: str
    name: str


class CorrectionOut(BaseModel):
    typed: str
    read_as: str
    reason: str


class UnderstoodOut(BaseModel):
    terms: list[DetectedTermOut]
    corrections: list[CorrectionOut]
    ignored: list[str]
    relaxed: bool = Field(description="True when no exercise matched every word.")


class SearchResponse(BaseModel):
    query: str
    total: int
    limit: int
    offset: int
    next: str | None
    understood: UnderstoodOut
    facets: dict[str, dict[str, int]] = Field(
        description="Facet kind -> term slug -> number of matching exercises."
    )
    items: list[SearchItem]


class SuggestionOut(BaseModel):
    text: str
    kind: str = Field(description='"exercise" or a vocabulary kind such as "equipment".')
    slug: str
    url: str | None
    alias: str | None


class SuggestResponse(BaseModel):
    query: str
    suggestions: list[SuggestionOut]


class Term(BaseModel):
    slug: str
    name: str
    count: int


class Vocabularies(BaseModel):
    body_parts: list[Term]
    equipment: list[Term]
    muscles: list[Term]
    muscle_groups: list[Term]
    difficulties: list[Term]
    categories: list[Term]
    patterns: list[Term]
    joints: list[Term]
    equipment_presets: list[Term]


class ParameterProblem(BaseModel):
    parameter: str = Field(description="The parameter that was wrong.")
    # "in" is a Python keyword, hence the alias.
    location: str = Field(alias="in", description="query, path or body.")
    message: str = Field(description="What was wrong, with the allowed values.")


class ValidationErrorOut(BaseModel):
    detail: list[ParameterProblem]


class ErrorOut(BaseModel):
    detail: str
    suggestions: list[str] = []


class MessageOut(BaseModel):
    detail: str = Field(description="What went wrong and what to do instead.")


class ExerciseDbExercise(BaseModel):
    id: str
    name: str
    bodyPart: str
    equipment: str
    target: str
    secondaryMuscles: list[str]
    instructions: list[str]
    description: str
    difficulty: str
    category: str


# Documented on every API route, so the schema describes our own 422 body (not FastAPI's default).
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    422: {"model": ValidationErrorOut, "description": "A parameter was invalid."},
}

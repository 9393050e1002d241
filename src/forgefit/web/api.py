"""The JSON API under /api/v1: thin routes over catalog functions.

Query parameters that take vocabulary terms are enums built from the loaded vocabulary, so the
OpenAPI schema lists the allowed values and a wrong one gets a 422 that names them.
"""

# Route signatures are read by FastAPI at runtime, and some name types built inside
# build_router, so annotations here are evaluated eagerly (no `from __future__ import annotations`).

from enum import StrEnum
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, HTTPException, Query, Request

from forgefit.catalog import Catalog, Exercise, ExerciseFilter
from forgefit.catalog import related as related_exercises
from forgefit.catalog.search import SearchIndex
from forgefit.catalog.search_results import SearchHit, SearchResults
from forgefit.errors import UnknownExerciseError
from forgefit.pages import urls
from forgefit.web import schemas
from forgefit.web.query_numbers import DIGITS_ONLY

MAX_LIMIT = 100


class Sort(StrEnum):
    popularity = "popularity"
    name = "name"


def terms_enum(name: str, slugs: list[str]) -> type[StrEnum]:
    return StrEnum(name, {slug: slug for slug in slugs})  # type: ignore[return-value]


def term(value: Any) -> str | None:
    """The slug of an optional vocabulary-enum parameter."""
    return None if value is None else str(value.value)


def exercise_out(exercise: Exercise) -> dict[str, Any]:
    return exercise.to_dict() | {"url": urls.exercise(exercise.slug)}


def find_exercise(catalog: Catalog, slug: str) -> Exercise:
    try:
        return catalog.get(slug)
    except UnknownExerciseError as error:
        raise HTTPException(
            status_code=404, detail={"detail": str(error), "suggestions": error.suggestions}
        ) from None


def parse_injuries(values: list[str], joints: list[str]) -> dict[str, str]:
    """ "knee" or "knee:serious" -> {"knee": "serious"}; bad input -> 422 naming the parameter."""
    injuries = {}
    for value in values:
        joint, _, severity = value.partition(":")
        severity = severity or "mild"
        if joint not in joints or severity not in ("mild", "serious"):
            raise HTTPException(
                status_code=422,
                detail=[
                    {
                        "parameter": "injuries",
                        "in": "query",
                        "message": f"'{value}' is not JOINT or JOINT:SEVERITY; joints: "
                        f"{', '.join(joints)}; severities: mild, serious.",
                    }
                ],
            )
        injuries[joint] = severity
    return injuries


MAX_QUERY_LENGTH = 200


def search_item(hit: SearchHit) -> dict[str, Any]:
    exercise = hit.exercise
    return {
        "slug": exercise.slug,
        "name": exercise.name,
        "score": round(hit.score, 4),
        "body_part": exercise.body_part,
        "equipment": exercise.equipment,
        "target": exercise.target,
        "difficulty": exercise.difficulty,
        "url": urls.exercise(exercise.slug),
    }


def understood_out(results: SearchResults) -> dict[str, Any]:
    understood = results.understood
    return {
        "terms": [
            {"typed": t.typed, "kind": t.kind, "slug": t.slug, "name": t.name}
            for t in understood.terms
        ],
        "corrections": [
            {"typed": c.typed, "read_as": c.read_as, "reason": c.reason}
            for c in understood.corrections
        ],
        "ignored": list(understood.ignored),
        "relaxed": understood.relaxed,
    }


def next_page_url(
    path: str, params: dict[str, str], offset: int, limit: int, total: int
) -> str | None:
    """The next page's URL: the request's own parameters (as `dict(request.query_params)`
    gives them) with offset and limit moved on."""
    if offset + limit >= total:
        return None
    params = dict(params)
    params.update(offset=str(offset + limit), limit=str(limit))
    return f"{path}?{urlencode(params)}"


def search_response(
    search_index: SearchIndex,
    q: str,
    *,
    limit: int,
    offset: int,
    filters: ExerciseFilter,
    path: str,
    params: dict[str, str],
) -> dict[str, Any]:
    """The /api/v1/search answer (shared by the route and the cached fast path in api_cache)."""
    results = search_index.search(q, limit=limit, offset=offset, filters=filters)
    return {
        "query": q,
        "total": results.total,
        "limit": limit,
        "offset": offset,
        "next": next_page_url(path, params, offset, limit, results.total),
        "understood": understood_out(results),
        "facets": results.facets,
        "items": [search_item(hit) for hit in results.hits],
    }


def build_router(catalog: Catalog, search_index: SearchIndex) -> APIRouter:
    vocab = catalog.vocab
    router = APIRouter(prefix="/api/v1", tags=["exercises"], responses=schemas.ERROR_RESPONSES)
    body_part_enum = terms_enum("BodyPart", list(vocab.body_parts))
    equipment_enum = terms_enum("Equipment", list(vocab.equipment))
    muscle_enum = terms_enum("Muscle", list(vocab.muscles))
    difficulty_enum = terms_enum("Difficulty", list(vocab.difficulties))
    category_enum = terms_enum("Category", list(vocab.categories))
    pattern_enum = terms_enum("Pattern", list(vocab.patterns))
    available_enum = terms_enum(
        "AvailableEquipment", list(vocab.equipment) + list(vocab.equipment_presets)
    )

    def available_set(values: list[Any] | None) -> frozenset[str] | None:
        return vocab.available_equipment(str(v.value) for v in values) if values else None

    @router.get("/exercises", response_model=schemas.ExercisePage)
    async def list_exercises(
        request: Request,
        body_part: body_part_enum | None = None,  # type: ignore[valid-type]
        equipment: equipment_enum | None = None,  # type: ignore[valid-type]
        muscle: muscle_enum | None = None,  # type: ignore[valid-type]
        include_secondary: bool = False,
        difficulty: difficulty_enum | None = None,  # type: ignore[valid-type]
        category: category_enum | None = None,  # type: ignore[valid-type]
        pattern: pattern_enum | None = None,  # type: ignore[valid-type]
        sort: Sort = Sort.popularity,
        limit: Annotated[int, Query(ge=1, le=MAX_LIMIT), DIGITS_ONLY] = 20,
        offset: Annotated[int, Query(ge=0, le=1_000_000), DIGITS_ONLY] = 0,
    ) -> dict[str, Any]:
        """Exercises matching every filter, most popular first (or by name)."""
        found = catalog.filter(
            ExerciseFilter(
                body_part=term(body_part),
                equipment=term(equipment),
                muscle=term(muscle),
                include_secondary=include_secondary,
                difficulty=term(difficulty),
                category=term(category),
                pattern=term(pattern),
            )
        )
        if sort is Sort.name:
            found.sort(key=lambda e: e.name.casefold())
        return {
            "total": len(found),
            "limit": limit,
            "offset": offset,
            "next": next_page_url(
                request.url.path, dict(request.query_params), offset, limit, len(found)
            ),
            "items": [exercise_out(e) for e in found[offset : offset + limit]],
        }

    @router.get("/search", response_model=schemas.SearchResponse, tags=["search"])
    async def search(
        request: Request,
        q: Annotated[str, Query(max_length=MAX_QUERY_LENGTH, description="What to look for.")],
        body_part: body_part_enum | None = None,  # type: ignore[valid-type]
        equipment: equipment_enum | None = None,  # type: ignore[valid-type]
        muscle: muscle_enum | None = None,  # type: ignore[valid-type]
        difficulty: difficulty_enum | None = None,  # type: ignore[valid-type]
        category: category_enum | None = None,  # type: ignore[valid-type]
        pattern: pattern_enum | None = None,  # type: ignore[valid-type]
        available: Annotated[
            list[available_enum] | None,  # type: ignore[valid-type]
            Query(description="Only what this equipment allows: slugs or a preset; repeatable."),
        ] = None,
        limit: Annotated[int, Query(ge=1, le=MAX_LIMIT), DIGITS_ONLY] = 20,
        offset: Annotated[int, Query(ge=0, le=1_000_000), DIGITS_ONLY] = 0,
    ) -> dict[str, Any]:
        """Ranked search that reads typos, abbreviations, synonyms and attribute words."""
        return search_response(
            search_index,
            q,
            limit=limit,
            offset=offset,
            filters=ExerciseFilter(
                body_part=term(body_part),
                equipment=term(equipment),
                muscle=term(muscle),
                difficulty=term(difficulty),
                category=term(category),
                pattern=term(pattern),
                available_equipment=available_set(available),
            ),
            path=request.url.path,
            params=dict(request.query_params),
        )

    @router.get("/suggest", response_model=schemas.SuggestResponse, tags=["search"])
    async def suggest(
        q: Annotated[str, Query(max_length=MAX_QUERY_LENGTH, description="What was typed.")],
        limit: Annotated[int, Query(ge=1, le=20), DIGITS_ONLY] = 8,
    ) -> dict[str, Any]:
        """Completions for a search box: exercises and vocabulary terms by prefix."""
        return {
            "query": q,
            "suggestions": [
                {"text": s.text, "kind": s.kind, "slug": s.slug, "url": s.url, "alias": s.alias}
                for s in search_index.suggest(q, limit)
            ],
        }

    not_found: dict[int | str, dict[str, Any]] = {
        404: {"model": schemas.ErrorOut, "description": "No exercise with that slug."}
    }

    @router.get("/exercises/{slug}", response_model=schemas.ExerciseOut, responses=not_found)
    async def get_exercise(slug: str) -> dict[str, Any]:
        """One exercise record."""
        return exercise_out(find_exercise(catalog, slug))

    @router.get(
        "/exercises/{slug}/related", response_model=schemas.ScoredExerciseList, responses=not_found
    )
    async def get_related(
        slug: str,
        limit: Annotated[int, Query(ge=1, le=50), DIGITS_ONLY] = related_exercises.RELATED_COUNT,
    ) -> dict[str, Any]:
        """The most closely related exercises, by the documented related score."""
        exercise = find_exercise(catalog, slug)
        return {
            "items": [
                {
                    "slug": other.slug,
                    "name": other.name,
                    "score": round(related_exercises.related_score(exercise, other), 3),
                    "url": urls.exercise(other.slug),
                }
                for other in related_exercises.related(catalog, exercise, limit)
            ]
        }

    @router.get(
        "/exercises/{slug}/substitutes", response_model=schemas.ExerciseList, responses=not_found
    )
    async def get_substitutes(
        slug: str,
        equipment: Annotated[
            list[available_enum] | None,  # type: ignore[valid-type]
            Query(description="Equipment slugs or a preset; repeat the parameter."),
        ] = None,
        injuries: Annotated[
            list[str] | None,
            Query(description="Joints to protect as JOINT or JOINT:SEVERITY (mild|serious)."),
        ] = None,
        limit: Annotated[int, Query(ge=1, le=50), DIGITS_ONLY] = 5,
    ) -> dict[str, Any]:
        """Replacements that fit the equipment and spare the injured joints."""
        exercise = find_exercise(catalog, slug)
        found = related_exercises.substitutes(
            catalog,
            exercise,
            available_equipment=available_set(equipment),
            injuries=parse_injuries(injuries or [], list(vocab.joints)),
            limit=limit,
        )
        return {"items": [exercise_out(e) for e in found]}

    @router.get("/vocabularies", response_model=schemas.Vocabularies)
    async def get_vocabularies() -> dict[str, Any]:
        """Every vocabulary term with its display name and how many exercises use it."""

        def terms(kind: str, index: str | None) -> list[dict[str, Any]]:
            counts = catalog.counts(index) if index else None
            return [
                {"slug": slug, "name": name, "count": counts[slug] if counts is not None else 0}
                for slug, name in vocab.names(kind).items()
            ]

        group_counts: dict[str, int] = {}
        for exercise in catalog.exercises:
            group = vocab.muscles[exercise.target].group
            group_counts[group] = group_counts.get(group, 0) + 1
        presets = [
            {
                "slug": slug,
                "name": preset.name,
                "count": sum(1 for e in catalog.exercises if e.requires <= preset.equipment),
            }
            for slug, preset in vocab.equipment_presets.items()
        ]
        return {
            "body_parts": terms("body_parts", "body_part"),
            "equipment": terms("equipment", "equipment"),
            "muscles": terms("muscles", "target"),
            "muscle_groups": [
                {"slug": s, "name": g.name, "count": group_counts.get(s, 0)}
                for s, g in vocab.muscle_groups.items()
            ],
            "difficulties": terms("difficulties", "difficulty"),
            "categories": terms("categories", "category"),
            "patterns": terms("patterns", "pattern"),
            "joints": [
                {
                    "slug": joint,
                    "name": name,
                    "count": sum(1 for e in catalog.exercises if joint in e.joint_stress),
                }
                for joint, name in vocab.joints.items()
            ],
            "equipment_presets": presets,
        }

    return router

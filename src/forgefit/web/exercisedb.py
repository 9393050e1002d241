"""ExerciseDB-compatible routes under /exercisedb: its paths, field names and bare arrays, so its
clients switch by changing only the base URL. X-RapidAPI-* headers are accepted and ignored."""

# Route signatures are read by FastAPI at runtime, and some name types built inside
# build_router, so annotations here are evaluated eagerly (no `from __future__ import annotations`).

from enum import StrEnum
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query

from forgefit.catalog import Catalog
from forgefit.catalog import exercisedb as compat
from forgefit.web.query_numbers import DIGITS_ONLY
from forgefit.web.schemas import ERROR_RESPONSES, ErrorOut, ExerciseDbExercise

DEFAULT_LIMIT = 10


def _page(records: list[dict[str, Any]], limit: int, offset: int) -> list[dict[str, Any]]:
    # ExerciseDB: limit=0 returns every record.
    return records[offset:] if limit == 0 else records[offset : offset + limit]


def build_router(catalog: Catalog) -> APIRouter:
    view = compat.ExerciseDbView(catalog)
    # Path parameters are enums of ExerciseDB's terms: the schema lists them and a wrong one
    # gets a 422 naming the allowed values.
    body_part_enum = StrEnum("ExerciseDbBodyPart", {t: t for t in compat.BODY_PARTS})  # type: ignore[misc]
    target_enum = StrEnum("ExerciseDbTarget", {t: t for t in compat.TARGETS})  # type: ignore[misc]
    equipment_enum = StrEnum("ExerciseDbEquipment", {t: t for t in compat.EQUIPMENT_TERMS})  # type: ignore[misc]
    router = APIRouter(
        prefix="/exercisedb", tags=["exercisedb compatibility"], responses=ERROR_RESPONSES
    )
    Limit = Annotated[int, Query(ge=0, le=10_000, description="0 returns all."), DIGITS_ONLY]
    Offset = Annotated[int, Query(ge=0, le=1_000_000), DIGITS_ONLY]
    records_model = list[ExerciseDbExercise]

    @router.get("/exercises", response_model=records_model)
    async def exercises(limit: Limit = DEFAULT_LIMIT, offset: Offset = 0) -> list[dict[str, Any]]:
        return _page(view.records, limit, offset)

    @router.get(
        "/exercises/exercise/{exercise_id}",
        response_model=ExerciseDbExercise,
        responses={404: {"model": ErrorOut, "description": "No exercise with that id."}},
    )
    async def exercise_by_id(exercise_id: str) -> dict[str, Any]:
        record = view.by_id.get(exercise_id)
        if record is None:
            raise HTTPException(status_code=404, detail=f"No exercise with id '{exercise_id}'.")
        return record

    @router.get("/exercises/name/{name}", response_model=records_model)
    async def exercises_by_name(
        name: str, limit: Limit = DEFAULT_LIMIT, offset: Offset = 0
    ) -> list[dict[str, Any]]:
        return _page(view.name_contains(name), limit, offset)

    @router.get("/exercises/bodyPart/{body_part}", response_model=records_model)
    async def exercises_by_body_part(
        body_part: body_part_enum,
        limit: Limit = DEFAULT_LIMIT,
        offset: Offset = 0,
    ) -> list[dict[str, Any]]:
        return _page(view.where("bodyPart", body_part.value), limit, offset)

    @router.get("/exercises/target/{target}", response_model=records_model)
    async def exercises_by_target(
        target: target_enum,
        limit: Limit = DEFAULT_LIMIT,
        offset: Offset = 0,
    ) -> list[dict[str, Any]]:
        return _page(view.where("target", target.value), limit, offset)

    @router.get("/exercises/equipment/{equipment}", response_model=records_model)
    async def exercises_by_equipment(
        equipment: equipment_enum,
        limit: Limit = DEFAULT_LIMIT,
        offset: Offset = 0,
    ) -> list[dict[str, Any]]:
        return _page(view.where("equipment", equipment.value), limit, offset)

    @router.get("/exercises/bodyPartList", response_model=list[str])
    async def body_part_list() -> list[str]:
        return compat.BODY_PARTS

    @router.get("/exercises/targetList", response_model=list[str])
    async def target_list() -> list[str]:
        return compat.TARGETS

    @router.get("/exercises/equipmentList", response_model=list[str])
    async def equipment_list() -> list[str]:
        return compat.EQUIPMENT_TERMS

    return router

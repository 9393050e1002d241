"""Injuries a person reports: a joint, how bad, an optional note, the day it started and the day
it was cleared. Clearing keeps the record, because the trainer brings exercises back lighter
for a few weeks after; deleting an account removes them with everything else."""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import select
from sqlalchemy.orm import Session

from forgefit.accounts.db import Database
from forgefit.accounts.errors import InvalidSignUpError, NotFoundError
from forgefit.accounts.models import Injury
from forgefit.accounts.strict_input import Day
from forgefit.catalog import Catalog
from forgefit.training.logs import InjuryReport


class InjuryIn(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        strict=True,
        json_schema_extra={"examples": [{"joint": "knee", "severity": "mild", "note": "stairs"}]},
    )

    joint: str = Field(max_length=30, description="A joint from the vocabulary, e.g. knee.")
    severity: Literal["mild", "serious"]
    note: str | None = Field(default=None, max_length=500)
    reported_on: Day | None = Field(
        default=None, description="The day it started; today when left out."
    )


def _document(row: Injury) -> dict[str, Any]:
    return {
        "id": row.id,
        "joint": row.joint,
        "severity": row.severity,
        "note": row.note,
        "reported_on": row.reported_on.isoformat(),
        "cleared_on": row.cleared_on.isoformat() if row.cleared_on else None,
        "active": row.cleared_on is None,
    }


def report_injury(
    database: Database, catalog: Catalog, user_id: int, body: InjuryIn, today: date
) -> dict[str, Any]:
    joints = catalog.vocab.joints
    if body.joint not in joints:
        raise InvalidSignUpError(
            "joint", f"'{body.joint}' is not a joint we know; use one of: {', '.join(joints)}."
        )
    reported = body.reported_on or today
    if reported > today:
        raise InvalidSignUpError("reported_on", "An injury cannot start in the future.")
    with database.write() as session:
        row = Injury(
            user_id=user_id,
            joint=body.joint,
            severity=body.severity,
            note=body.note,
            reported_on=reported,
        )
        session.add(row)
        session.flush()
        return _document(row)


def list_injuries(database: Database, user_id: int) -> list[dict[str, Any]]:
    """Active ones first, then cleared ones, newest first within each."""
    with database.read() as session:
        rows = session.scalars(
            select(Injury)
            .where(Injury.user_id == user_id)
            .order_by(Injury.reported_on.desc(), Injury.id.desc())
        ).all()
    documents = [_document(row) for row in rows]
    return sorted(documents, key=lambda d: not d["active"])


def clear_injury(database: Database, user_id: int, injury_id: int, today: date) -> dict[str, Any]:
    """Mark it cleared today (clearing twice keeps the first date)."""
    with database.write() as session:
        row = session.scalar(
            select(Injury).where(Injury.id == injury_id, Injury.user_id == user_id)
        )
        if row is None:
            raise NotFoundError(f"You have no injury {injury_id}.")
        if row.cleared_on is None:
            row.cleared_on = max(today, row.reported_on)
        session.flush()
        return _document(row)


def injury_reports(database: Database, user_id: int) -> list[InjuryReport]:
    """The trainer's view: plain values with both dates."""
    with database.read() as session:
        return injury_reports_in(session, user_id)


def injury_reports_in(session: Session, user_id: int) -> list[InjuryReport]:
    """injury_reports inside a transaction the caller already has open."""
    rows = session.scalars(select(Injury).where(Injury.user_id == user_id)).all()
    return [
        InjuryReport(
            joint=row.joint,
            severity="serious" if row.severity == "serious" else "mild",
            reported_on=row.reported_on,
            cleared_on=row.cleared_on,
            note=row.note,
            id=row.id,
        )
        for row in rows
    ]

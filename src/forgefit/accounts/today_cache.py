"""Remembering each person's Today document until something it was computed from changes.

Computing the next session replays the whole training history through the adaptation rules
(several milliseconds); the app asks for it far more often than the history changes (every
open of the Today page, every tab, every reload). So the document is kept, per process, under
a fingerprint of everything it reads: one query of counts, largest ids and last-change times
of the person's programs, profile, workouts, sets, swaps and injuries. Any write to those
changes the fingerprint (workouts and profiles carry `updated_at`; the rest only grow, shrink
or gain a cleared date), so a remembered document is never stale. Time matters too: the date
is part of the key, and an entry expires when a workout in progress stops counting as open.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from forgefit.accounts.models import (
    Injury,
    LoggedSet,
    SavedProfile,
    SavedProgram,
    Swap,
    Workout,
)

DEFAULT_ENTRIES = 2048


def inputs_fingerprint(session: Session, user_id: int) -> tuple[Any, ...]:
    """One row that changes whenever anything the Today document reads changes."""

    def of(*columns: Any, where: Any) -> Any:
        return select(*columns).where(where).scalar_subquery()

    row = session.execute(
        select(
            of(SavedProgram.id, where=(SavedProgram.user_id == user_id) & SavedProgram.is_current),
            of(
                func.max(SavedProgram.updated_at),
                where=(SavedProgram.user_id == user_id) & SavedProgram.is_current,
            ),
            of(func.count(SavedProgram.id), where=SavedProgram.user_id == user_id),
            of(func.max(SavedProgram.id), where=SavedProgram.user_id == user_id),
            of(SavedProfile.updated_at, where=SavedProfile.user_id == user_id),
            of(func.count(Workout.id), where=Workout.user_id == user_id),
            of(func.max(Workout.id), where=Workout.user_id == user_id),
            of(func.max(Workout.updated_at), where=Workout.user_id == user_id),
            of(func.count(LoggedSet.id), where=LoggedSet.user_id == user_id),
            of(func.max(LoggedSet.id), where=LoggedSet.user_id == user_id),
            of(func.count(Swap.id), where=Swap.user_id == user_id),
            of(func.max(Swap.id), where=Swap.user_id == user_id),
            of(func.count(Injury.id), where=Injury.user_id == user_id),
            of(func.max(Injury.id), where=Injury.user_id == user_id),
            of(func.count(Injury.cleared_on), where=Injury.user_id == user_id),
        )
    ).one()
    return tuple(row)


@dataclass(frozen=True)
class _Entry:
    inputs: Hashable
    document: dict[str, Any]
    valid_until: datetime | None


class TodayCache:
    """Each user's latest Today document (at most `entries` users, least recently asked for
    forgotten first), with the inputs it was computed from. Documents handed out are shared:
    callers must not change them."""

    def __init__(self, entries: int = DEFAULT_ENTRIES) -> None:
        self._entries = entries
        self._lock = threading.Lock()
        self._documents: OrderedDict[int, _Entry] = OrderedDict()

    def get(self, user_id: int, inputs: Hashable, now: datetime) -> dict[str, Any] | None:
        """The remembered document when it was computed from exactly `inputs` and has not
        expired."""
        with self._lock:
            entry = self._documents.get(user_id)
            if entry is None or entry.inputs != inputs:
                return None
            if entry.valid_until is not None and now >= entry.valid_until:
                return None
            self._documents.move_to_end(user_id)
            return entry.document

    def put(
        self,
        user_id: int,
        inputs: Hashable,
        document: dict[str, Any],
        valid_until: datetime | None,
    ) -> None:
        with self._lock:
            self._documents[user_id] = _Entry(inputs, document, valid_until)
            self._documents.move_to_end(user_id)
            while len(self._documents) > self._entries:
                self._documents.popitem(last=False)

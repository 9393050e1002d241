"""Steps that make room and serve a group short of work: an existing exercise grows, a reserved
or extra movement is added (well-known exercises first), a full group gives up a set, a set's
worth of minutes is freed. Shared by the fit, volume and focus steps."""

from __future__ import annotations

from forgefit.training.templates import Movement, SlotSpec
from forgefit.training.week_base import WeekBase
from forgefit.training.week_parts import MAX_EXERCISES, PROTECTED_MOVES, BuiltSession


class RoomSteps(WeekBase):
    def make_room(self, group: str) -> bool:
        """When adding work for `group` is blocked because its exercises also train a group
        that is already full (every press counts half a set for the shoulders), take a set
        from an accessory aimed at that full group, if it stays at its target."""
        volume = self.volume()
        for session in self.sessions:
            for slot in session.slots:
                other = slot.facts.target_group
                if (
                    other != group
                    and slot.spec.tier in ("accessory", "secondary")
                    and slot.sets > 2
                    and volume.get(other, 0.0) - 1 >= self.target(other)
                    and volume.get(other, 0.0) >= self.ceiling(other) - 1
                    and other in self._co_groups(group)
                ):
                    slot.sets -= 1
                    return True
        return False

    def _co_groups(self, group: str) -> set[str]:
        """Groups that exercises aimed at `group` also credit."""
        found: set[str] = set()
        for facts in self.filler.pool.allowed:
            if facts.target_group == group:
                found.update(g for g, _ in facts.credits if g != group)
        return found

    def _make_time(self, keep: str, session: BuiltSession | None = None) -> bool:
        """Free a set's worth of minutes: one set off the biggest accessory or secondary
        exercise (never the direct work being made room for, never below two sets)."""
        if session is not None and len(session.slots) >= MAX_EXERCISES:
            extra = [
                sl
                for sl in session.slots
                if (sl.drill or sl.spec.tier == "core") and sl.movement.slug not in PROTECTED_MOVES
            ]
            if extra:
                session.slots.remove(extra[-1])
                self.failed.clear()
                return True
        candidates = [
            (se, sl)
            for se in ([session] if session is not None else self.sessions)
            for sl in se.slots
            if sl.spec.tier in ("accessory", "secondary", "core")
            and sl.movement.slug != keep
            and sl.movement.slug not in PROTECTED_MOVES
            and sl.sets > 2
        ]
        if not candidates:
            return False
        _, slot = max(candidates, key=lambda x: (x[1].sets, x[1].spec.tier != "secondary"))
        slot.sets -= 1
        self.failed.clear()
        return True

    def _serve(self, group: str) -> bool:
        sessions = self.roomiest_first()
        # An existing exercise aimed at the group, if it is still below three sets.
        for session in sessions:
            for slot in session.slots:
                if (
                    slot.facts.target_group == group
                    and slot.sets < 3
                    and self.can_add_sets(session, slot)
                ):
                    slot.sets += 1
                    return True
        for session in sessions:
            if self._add_for_group(session, group):
                return True
        for session in sessions:
            for slot in session.slots:
                if slot.facts.target_group == group and self.can_add_sets(session, slot):
                    slot.sets += 1
                    return True
        return False

    def _add_for_group(self, session: BuiltSession, group: str) -> bool:
        if self.seconds_if_room(session) is None:
            return False  # try_new_slot would refuse every spec below straight away
        data = self.filler.data
        reserved = [
            spec
            for spec in session.reserve
            if group in data.movements[spec.move].key_for
            or self._serves(data.movements[spec.move], group)
        ]
        moves = list(data.extras.get(group, ()))
        push, pull = self.push_pull()
        if group == "biceps" and pull < push:
            # Pulling behind pressing: a row serves the biceps and the balance at once.
            moves = [*data.extras.get("back", ())[:1], *moves]
        extras = [SlotSpec(move, "accessory", 2, vary=True) for move in moves]
        # A well-known exercise first: a second press serves the chest better than the
        # isometric squeeze that is the only "fly" a kettlebell allows.
        for skip in (self.filler.obscure, frozenset[str]()):
            for spec in reserved:
                if self.try_new_slot(session, spec, skip=skip):
                    session.reserve.remove(spec)
                    return True
            if any(self.try_new_slot(session, spec, skip=skip) for spec in extras):
                return True
        return False

    def _serves(self, movement: Movement, group: str) -> bool:
        muscles = self.vocab.muscles
        return any(muscles[m].group == group for m in movement.muscles if m in muscles)

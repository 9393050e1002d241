"""A hypertrophy week gives every banded group at least one exercise aimed at it: a curl for
the biceps even when the rows already half-train them. When no session has the minutes, lifts
trade sets they do not need (a fourth Romanian deadlift set, a third Arnold press set in a
week full of shoulder work) for the new exercise, and the trade is kept only if the week
stays as well spaced and balanced as before."""

from __future__ import annotations

from forgefit.training.rules import PULL_PATTERNS
from forgefit.training.week_fit import TRADED_SETS, FitSteps
from forgefit.training.week_parts import BuiltSession, Slot, WeekSnapshot


class UntrainedSteps(FitSteps):
    def train_untrained_groups(self) -> None:
        """Hypertrophy: a banded group below its band minimum with no exercise aimed at it
        gets one: a coach's size program trains the arms directly, not only through the rows
        and presses that half-train them."""
        if self.profile.goal != "hypertrophy":
            return
        for group in self.banded:
            if self.volume().get(group, 0.0) >= self.band.minimum or any(
                slot.facts.target_group == group for se in self.sessions for slot in se.slots
            ):
                continue
            roomiest = self.roomiest_first()
            for session in roomiest:
                if self._traded_in(session, group):
                    break

    def _traded_in(self, session: BuiltSession, group: str) -> bool:
        """Add an exercise for `group` to the session, trading surplus sets for its minutes;
        everything is put back when it does not fit or would cost the week its spacing or
        its pull/press balance."""
        saved = WeekSnapshot(self.sessions)
        badly_spaced = self._badly_spaced()
        push, pull = self.push_pull()
        traded: list[Slot] = []
        added = self._add_for_group(session, group) or any(
            self._trade_surplus_set(session, group, traded) and self._add_for_group(session, group)
            for _ in range(TRADED_SETS)
        )
        new_push, new_pull = self.push_pull()
        if (
            added
            and self._badly_spaced() <= badly_spaced
            and (new_pull >= new_push or new_pull - new_push >= pull - push)
        ):
            # Minutes the new exercise left over go back to the lifts that gave them.
            for slot in reversed(traded):
                if self.can_add_sets(session, slot):
                    slot.sets += 1
            return True
        saved.restore()
        self.failed.clear()
        return False

    def _trade_surplus_set(self, session: BuiltSession, group: str, traded: list[Slot]) -> bool:
        """One set off a lift that has more than it needs, never below two sets: first a set
        added past its prescription while its groups stay in their band (a fourth Romanian
        deadlift set that only filled the week), then a set of a lift whose group is past its
        target (a third Arnold press set in a week the shoulders already have plenty of).
        The session's lead lift keeps its prescription; pulls keep the week's balance."""
        volume = self.volume()
        lead = next(iter(session.main_lifts()), None)

        def within_band(slot: Slot) -> bool:
            return all(
                volume.get(g, 0.0) - credit >= self.band.minimum
                for g, credit in slot.facts.credits
                if g in self.banded and credit >= 1
            )

        def surplus(slot: Slot) -> float:
            target = slot.facts.target_group
            return volume.get(target, 0.0) - 1 - self.target(target)

        spare = [
            slot
            for slot in session.slots
            if self.can_trade_set(slot, group)
            and slot.facts.pattern not in PULL_PATTERNS
            and (
                (slot.sets > slot.spec.sets and within_band(slot))
                or (slot is not lead and surplus(slot) >= 0)
            )
        ]
        if not spare:
            return False
        slot = max(spare, key=lambda sl: (sl.sets > sl.spec.sets, surplus(sl)))
        slot.sets -= 1
        traded.append(slot)
        self.failed.clear()
        return True

    def _badly_spaced(self) -> int:
        return sum(self._spacing_problem(group) is not None for group in self.banded)

"""Copies of one session take turns with the staple lifts that did not fit.

A template session repeated through the week (the bodyweight routine three times, a full-body
day twice) is cut the same way in every copy when its minutes are short, so the same staple
(the push-up, the overhead press, the row) goes missing from the whole week. A coach rotates
instead: one copy keeps the bench press, another the overhead press, and the lift that gives
way is an extra (a dip) or one the week already has in its other sessions.
"""

from __future__ import annotations

from forgefit.training.coach import STAPLE_MOVEMENTS
from forgefit.training.rules import PULL_PATTERNS, PUSH_PATTERNS
from forgefit.training.templates import Movement
from forgefit.training.week_fit import FitSteps
from forgefit.training.week_parts import BuiltSession, Slot


def _kind(slot: Slot) -> str:
    pattern = slot.facts.pattern
    return "push" if pattern in PUSH_PATTERNS else "pull" if pattern in PULL_PATTERNS else "legs"


class TurnSteps(FitSteps):
    def take_turns(self) -> None:
        """coach-1/coach-2: a staple movement the template has but the week lost to the
        minutes comes back in one copy of its session, in place of a lift the week can spare."""
        staples = [self.filler.data.movements[move] for move in STAPLE_MOVEMENTS]
        for movement in staples:
            if any(self._staple_of(slot, movement) for se in self.sessions for slot in se.slots):
                continue
            options = [
                (
                    self._turn_rank(session, victim, incoming, sets, staples),
                    index,
                    victim,
                    incoming,
                    sets,
                )
                for index, session in enumerate(self.sessions)
                for incoming in self._dropped_staples(index, session, movement)
                for victim, sets in self._spare_lifts(session, incoming, staples)
            ]
            if not options:
                continue
            _, index, victim, incoming, sets = min(options, key=lambda o: o[0])
            incoming.sets = sets
            self._swap(self.sessions[index], victim, incoming)

    @staticmethod
    def _swap(session: BuiltSession, old: Slot, new: Slot) -> None:
        session.slots[session.slots.index(old)] = new

    def _spacing_problems(self, groups: set[str]) -> int:
        return sum(self._spacing_problem(group) is not None for group in groups)

    @staticmethod
    def _staple_of(slot: Slot, movement: Movement) -> bool:
        # As coach-1 reads it: a staple of the movement, done in the movement's own pattern.
        facts = slot.facts
        return movement.staple_tier(facts.slug) is not None and facts.pattern in movement.patterns

    def _dropped_staples(self, index: int, session: BuiltSession, movement: Movement) -> list[Slot]:
        """The session's template lifts that would give the week its missing staple."""
        _, specs = self.layout.sessions[index]
        found = []
        for spec in specs:
            if spec.tier not in ("main", "secondary") or spec.optional:
                continue
            if spec.goals and self.profile.goal not in spec.goals:
                continue
            slot = self.make_slot(spec, session)
            if slot is not None and self._staple_of(slot, movement):
                found.append(slot)
        return found

    def _spare_lifts(
        self, session: BuiltSession, incoming: Slot, staples: list[Movement]
    ) -> list[tuple[Slot, int]]:
        """Lifts that can give way, with the sets the incoming lift gets: an extra lift, or a
        staple of the same kind the week has elsewhere; never focus work; and only where the
        swap keeps the session in its minutes and pulling level with pressing."""
        spare = []
        push, pull = self.push_pull()
        for victim in session.slots:
            if victim.spec.tier not in ("main", "secondary") or not victim.compound:
                continue
            if victim.conditioning or victim.power:
                continue
            if victim.facts.target_group in self.profile.focus:
                continue  # the person asked for more of it, not less
            held = [m for m in staples if self._staple_of(victim, m)]
            if any(self._staple_count(m) <= 1 for m in held):
                continue
            if held and _kind(victim) != _kind(incoming):
                continue  # a staple gives way only to its own kind: a press for a press
            sets = max(incoming.min_sets, min(incoming.sets, victim.sets))
            seconds = session.seconds(self.profile) - victim.sets * victim.per_set
            if seconds + sets * incoming.per_set > session.budget + 1e-6:
                continue
            new_push = push - (victim.sets if _kind(victim) == "push" else 0)
            new_pull = pull - (victim.sets if _kind(victim) == "pull" else 0)
            new_push += sets if _kind(incoming) == "push" else 0
            new_pull += sets if _kind(incoming) == "pull" else 0
            if new_push > new_pull and new_push - new_pull > max(0, push - pull):
                continue
            spare.append((victim, sets))
        return spare

    def _staple_count(self, movement: Movement) -> int:
        return sum(self._staple_of(s, movement) for se in self.sessions for s in se.slots)

    def _turn_rank(
        self,
        session: BuiltSession,
        victim: Slot,
        incoming: Slot,
        sets: int,
        staples: list[Movement],
    ) -> tuple[bool, int, bool, int, int]:
        """An extra lift (a dip) gives way before a staple; then the swap that leaves the
        groups it moves best spaced through the week; then a lift of the same kind (a press
        for a press); then the one the week has most often; the later copies before the
        first, so the week opens with the template's own session."""
        groups = {g for g, _ in victim.facts.load_credits + incoming.facts.load_credits}
        before = self._spacing_problems(groups)
        incoming.sets = sets
        self._swap(session, victim, incoming)
        worse = self._spacing_problems(groups) - before
        self._swap(session, incoming, victim)
        is_staple = any(self._staple_of(victim, m) for m in staples)
        most = max(
            (self._staple_count(m) for m in staples if self._staple_of(victim, m)), default=0
        )
        first = session is self.sessions[0]
        return (is_staple, worse, _kind(victim) != _kind(incoming), -most, int(first))

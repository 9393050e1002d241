"""Steps that put volume where it belongs: every banded group toward its weekly target,
pulling at least equal to pressing, spare minutes used, enough exercises per session."""

from __future__ import annotations

from forgefit.training.coach import TIME_USED_SHARE, USEFUL_SESSION_MINUTES
from forgefit.training.rules import HARD_LOAD_CREDIT, PULL_PATTERNS, PUSH_PATTERNS, TRAINED_CREDIT
from forgefit.training.templates import SlotSpec
from forgefit.training.week_parts import PRESSING_GROUPS, TIME_USE_TARGET, BuiltSession, Slot
from forgefit.training.week_room import RoomSteps

# Which exercises get spare minutes first: main lifts, then secondary lifts, then the rest.
TIER_ORDER = {"main": 0, "secondary": 1, "accessory": 2, "core": 3, "power": 4,
              "conditioning": 5}  # fmt: skip


class VolumeSteps(RoomSteps):
    def add_volume(self) -> None:
        """Step 3: raise every banded group toward its target, biggest deficit first."""
        for _ in range(200):
            volume = self.volume()
            short = sorted(
                (g for g in self.banded if volume.get(g, 0.0) < self.target(g) - 0.25),
                key=lambda g: -(self.target(g) - volume.get(g, 0.0)),
            )
            if any(self._serve(group) for group in short) or any(
                self.make_room(group) and self._serve(group) for group in short
            ):
                continue
            # Pressing waits for pulling (pull sets >= push sets): when a pressing group is
            # short and that is what holds it back, a pulling set comes first.
            push, pull = self.push_pull()
            pressing = [g for g in short if g in PRESSING_GROUPS]
            if not (pressing and push >= pull and self._pull_possible() and self._serve_pull()):
                return
            if not any(self._serve(group) for group in pressing):
                return

    def balance(self) -> None:
        """Step 4: pull sets >= push sets; every banded group trained in enough sessions."""
        for _ in range(40):
            push, pull = self.push_pull()
            if pull >= push or not self._pull_possible():
                break
            if not self._serve_pull():
                self._trim_push()
        need = 2 if len(self.sessions) >= 2 else 1
        for group in self.banded:
            trained = [s for s in self.sessions if self.session_credit(s, group) >= TRAINED_CREDIT]
            for session in self.sessions:
                if len(trained) >= need:
                    break
                if session in trained:
                    continue
                if self._add_for_group(session, group):
                    trained.append(session)

    def _serve_pull(self) -> bool:
        """One more pulling set: rear-delt pulls first (they balance pressing without filling
        the back's weekly sets), then rows and pulldowns."""
        for session in self.sessions:
            for slot in session.slots:
                if (
                    slot.facts.pattern in PULL_PATTERNS
                    and slot.facts.target_group != "back"
                    and self.can_add_sets(session, slot)
                ):
                    slot.sets += 1
                    return True
        for session in self.sessions:
            if self.try_new_slot(session, SlotSpec("rear-delt", "accessory", 2, vary=True)):
                return True
        for session in self.sessions:
            for slot in session.slots:
                if slot.facts.pattern in PULL_PATTERNS and self.can_add_sets(session, slot):
                    slot.sets += 1
                    return True
        for session in self.sessions:
            for move in ("row", "vertical-pull"):
                if self.try_new_slot(session, SlotSpec(move, "accessory", 2, vary=True)):
                    return True
        return False

    def _trim_push(self) -> None:
        pushes = [
            (session, slot)
            for session in self.sessions
            for slot in session.slots
            if slot.facts.pattern in PUSH_PATTERNS and slot.sets > 2
        ]
        if pushes:
            _, slot = max(pushes, key=lambda item: (item[1].spec.tier != "main", item[1].sets))
            slot.sets -= 1

    def final_balance(self) -> None:
        """Pulling sets keep up with pressing after the trims: add pulls, else cut presses."""
        for _ in range(20):
            push, pull = self.push_pull()
            if pull >= push or not self._pull_possible():
                return
            if not self._serve_pull():
                before = self.push_pull()
                self._trim_push()
                if self.push_pull() == before:
                    return

    def use_minutes(self) -> None:
        """Step 5: sessions with spare minutes get more sets where the ceilings allow."""
        for session in self.sessions:
            for _ in range(60):
                if session.seconds(self.profile) >= TIME_USE_TARGET * session.budget:
                    break
                slots = sorted(session.slots, key=lambda s: (TIER_ORDER[s.spec.tier], s.sets))
                grown = next(
                    (s for s in slots if self.can_add_sets(session, s, growing=True)), None
                )
                if grown is not None:
                    grown.sets += 1
                    continue
                if not self._add_any(session):
                    break

    def use_short_minutes(self) -> None:
        """Once the week is spaced: a session using less than coach-9's share of its minutes
        gives more sets to its exercises for groups still below their weekly target, also
        where they move no hard day (see _volume_ok's `settled`): a leg day already hard for
        the glutes beside a carries day that is hard for them too can still take a set of
        squats for the quads."""
        for session in self.sessions:
            short = TIME_USED_SHARE * min(session.budget, USEFUL_SESSION_MINUTES * 60)
            for _ in range(20):
                if session.seconds(self.profile) >= short:
                    break
                below = [s for s in session.slots if self._short_work(session, s)]
                grown = next(
                    (
                        s
                        for s in sorted(below, key=lambda s: (TIER_ORDER[s.spec.tier], s.sets))
                        if s.sets < s.max_sets
                        and session.seconds(self.profile) + s.per_set <= session.budget + 1e-6
                        and self._volume_ok(session, s.facts, 1, s, growing=True, settled=True)
                    ),
                    None,
                )
                if grown is None:
                    break
                grown.sets += 1

    def _short_work(self, session: BuiltSession, slot: Slot) -> bool:
        """Hard sets (not a drill, timed hold, conditioning or power work) for a group below
        its weekly target that take no banded group they train past its band maximum (not
        even the shoulders, which _volume_ok lets presses carry past it) and make the
        session no new hard day for any group (a row's half-set that makes a second hard
        biceps day opens a four-day gap)."""
        if slot.drill or slot.conditioning or slot.power or slot.facts.timed:
            return False
        target = slot.facts.target_group
        if self.volume().get(target, 0.0) >= self.target(target):
            return False
        loaded = self.loaded_volume()
        for group, credit in slot.facts.load_credits:
            if group in self.banded and loaded.get(group, 0.0) + credit > self._maximum(group):
                return False
            before = self.session_load(session, group)
            if before < HARD_LOAD_CREDIT <= before + credit:
                return False
        return True

    def _add_any(self, session: BuiltSession) -> bool:
        for spec in list(session.reserve):
            if self.try_new_slot(session, spec):
                session.reserve.remove(spec)
                return True
        volume = self.volume()
        room = [g for g in self.banded if volume.get(g, 0.0) < self.ceiling(g) - 1]
        for group in sorted(room, key=lambda g: volume.get(g, 0.0) - self.ceiling(g))[:4]:
            if self._add_for_group(session, group):
                return True
        return False

    def ensure_exercise_count(self) -> None:
        for session in self.sessions:
            for _ in range(4):
                if len(session.slots) >= 4:
                    break
                if not self._add_any(session):
                    break

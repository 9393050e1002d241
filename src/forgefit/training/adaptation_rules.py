"""The adaptation's rules by id and the limits they work within.

Each adjustment names the rule that made it; docs/adaptation.md lists the rules with their
sources.
"""

from __future__ import annotations

from typing import Final

RULE_START_KNOWN: Final = "start-from-known-lift"
RULE_CALIBRATE: Final = "calibrate-from-first-session"
RULE_LINEAR: Final = "linear-progression"
RULE_DOUBLE: Final = "double-progression"
RULE_EFFORT: Final = "effort-autoregulation"
RULE_MISSED: Final = "missed-reps"
RULE_STALL: Final = "stall-reset"
RULE_DELOAD_FORWARD: Final = "deload-brought-forward"
RULE_PLANNED_DELOAD: Final = "planned-deload"
RULE_REPS_SETS_VARIANT: Final = "reps-then-sets-then-harder"
RULE_TIMED: Final = "timed-progression"
RULE_TIME_OFF: Final = "time-off"
RULE_INJURY_SWAP: Final = "injury-swap"
RULE_INJURY_EASE: Final = "injury-ease"
RULE_INJURY_RETURN: Final = "injury-return"
RULE_NO_SUBSTITUTE: Final = "injury-no-substitute"

BEGINNER_START_RIR: Final = 4
RIR_TRUSTED_MAX_REPS: Final = 12  # Hackett et al. 2017: reps-in-reserve judgements degrade beyond
MAX_BODYWEIGHT_SETS: Final = 5
TIMED_STEP: Final = 0.10
STALL_SESSIONS: Final = 2
DELOAD_WINDOW_DAYS: Final = 7
TIME_OFF_DAYS: Final = 14
LONG_TIME_OFF_DAYS: Final = 28
INJURY_RETURN_DAYS: Final = 28

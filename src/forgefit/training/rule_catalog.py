"""The rules of TRAINING.md and the coach checks, by id: what each one asks for and, for the
coach checks, where the standard comes from. The review records its findings under these ids;
the numbers the rules are measured against live in `rules`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

# --- Rules -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    hard: bool
    title: str
    target: str
    # Coach checks ("coach-N") say where their standard comes from; TRAINING.md rules cite
    # their sources in TRAINING.md itself.
    source: str = ""

    @property
    def coach(self) -> bool:
        return self.id.startswith("coach-")


HARD_EQUIPMENT: Final = "hard-1"
HARD_INJURY: Final = "hard-2"
HARD_TIME: Final = "hard-3"
HARD_DIFFICULTY: Final = "hard-4"
HARD_LOAD_STEP: Final = "hard-5"
HARD_POSSIBLE: Final = "hard-6"
SOFT_COVERAGE: Final = "soft-1"
SOFT_VOLUME: Final = "soft-2"
SOFT_ORDER: Final = "soft-3"
SOFT_SPACING: Final = "soft-4"
SOFT_PUSH_PULL: Final = "soft-5"
SOFT_LOWER_BALANCE: Final = "soft-6"
SOFT_SESSIONS_PER_WEEK: Final = "soft-7"
SOFT_SETS_PER_EXERCISE: Final = "soft-8"
SOFT_EXERCISES_PER_SESSION: Final = "soft-9"
SOFT_DELOAD: Final = "soft-10"

RULES: Final[dict[str, Rule]] = {
    rule.id: rule
    for rule in (
        Rule(HARD_EQUIPMENT, True, "Equipment", "every exercise is possible with your equipment"),
        Rule(
            HARD_INJURY,
            True,
            "Injuries and exclusions",
            "no high stress on an injured joint (no moderate either when serious); "
            "no excluded exercise",
        ),
        Rule(HARD_TIME, True, "Time budget", "each session fits its minutes"),
        Rule(
            HARD_DIFFICULTY,
            True,
            "Difficulty",
            "exercise difficulty at most one level above your experience",
        ),
        Rule(HARD_LOAD_STEP, True, "Load steps", "per-step load increases never exceed 10 %"),
        Rule(HARD_POSSIBLE, True, "Possible prescriptions", "no %1RM x reps pair beyond the table"),
        Rule(
            SOFT_COVERAGE,
            False,
            "Every major muscle group trained",
            ">= 2 sessions a week where days allow, >= 1 always",
        ),
        Rule(SOFT_VOLUME, False, "Weekly hard sets", "weekly sets per group within the band"),
        Rule(
            SOFT_ORDER,
            False,
            "Order within a session",
            "power first, multi-joint before single-joint, large before small, core last",
        ),
        Rule(
            SOFT_SPACING,
            False,
            "Same-muscle spacing",
            "1 to 3 rest days between sessions loading the same group hard",
        ),
        Rule(
            SOFT_PUSH_PULL,
            False,
            "Push/pull balance",
            "weekly pull sets >= push sets; horizontal and vertical pulling",
        ),
        Rule(
            SOFT_LOWER_BALANCE,
            False,
            "Lower-body balance",
            "a knee-dominant and a hip-dominant pattern each week",
        ),
        Rule(
            SOFT_SESSIONS_PER_WEEK,
            False,
            "Sessions per week",
            "beginner 2-3, intermediate 3-4, advanced 4-6",
        ),
        Rule(
            SOFT_SETS_PER_EXERCISE, False, "Sets per exercise", "2-5 typical; more than 6 flagged"
        ),
        Rule(SOFT_EXERCISES_PER_SESSION, False, "Exercises per session", "about 4-9"),
        Rule(SOFT_DELOAD, False, "Deload", "a lighter week (about half the sets) every 4-6 weeks"),
    )
}
COACH_STAPLES: Final = "coach-1"
COACH_PATTERNS: Final = "coach-2"
COACH_COMPOUNDS: Final = "coach-3"
COACH_ARMS: Final = "coach-4"
COACH_DIRECT_WORK: Final = "coach-5"
COACH_PRESCRIPTION: Final = "coach-6"
COACH_FOCUS: Final = "coach-7"
COACH_INJURIES: Final = "coach-8"
COACH_TIME: Final = "coach-9"
COACH_CONDITIONING: Final = "coach-10"

RULES.update(
    {
        rule.id: rule
        for rule in (
            Rule(
                COACH_STAPLES,
                False,
                "Staple main lifts",
                "the squat, hinge, presses and pulls use the best staple you can do",
                "Rippetoe, Starting Strength 3rd ed. (2011); NSCA Essentials 4th ed., ch. 17 "
                "(exercise selection)",
            ),
            Rule(
                COACH_PATTERNS,
                False,
                "Every movement pattern",
                "horizontal and vertical push and pull (a real pull-up or pulldown), knee- and "
                "hip-dominant legs, each week",
                "NSCA Essentials 4th ed., ch. 17; ACSM position stand 2009",
            ),
            Rule(
                COACH_COMPOUNDS,
                False,
                "Compounds first and biggest",
                "each session opens with a multi-joint lift, and no single-joint exercise gets "
                "more sets than the session's main lifts",
                "ACSM position stand 2009 (exercise order); NSCA Essentials 4th ed., ch. 17",
            ),
            Rule(
                COACH_ARMS,
                False,
                "Arms in proportion",
                "weekly sets of direct biceps work <= back sets, triceps <= chest, "
                "forearms <= back",
                "Renaissance Periodization volume landmarks (practitioner figures)",
            ),
            Rule(
                COACH_DIRECT_WORK,
                False,
                "Direct side-delt and calf work",
                "hypertrophy: >= 4 weekly sets for the side delts; intermediate and advanced: "
                ">= 6 for the calves (3 and 4 with one session a week)",
                "Schoenfeld, Ogborn & Krieger 2017; Renaissance Periodization volume landmarks",
            ),
            Rule(
                COACH_PRESCRIPTION,
                False,
                "Prescriptions that fit",
                "power work 2-6 reps, no reps-in-reserve on drills, %1RM only on barbell lifts "
                "with a known lift, no plyometrics for beginners",
                "NSCA Essentials 4th ed., ch. 17 and 19; Helms et al. 2016 (RIR)",
            ),
            Rule(
                COACH_FOCUS,
                False,
                "Focus served",
                "each focus group gets its key exercise (hip thrust for glutes ...) in two "
                "sessions a week",
                "Schoenfeld, Ogborn & Krieger 2016 (frequency); Contreras et al. 2015 (hip thrust)",
            ),
            Rule(
                COACH_INJURIES,
                False,
                "Injuries acted on",
                "each injury is named in the notes; exercises loading a mildly injured joint "
                "get at most 3 sets, 2 or more reps in reserve, and say why",
                "ACSM position stand 2009; NSCA Essentials 4th ed., ch. 17",
            ),
            Rule(
                COACH_TIME,
                False,
                "Time budget used",
                "each session uses at least 70 % of its minutes (counting at most 90) while "
                "volume is still short",
                "ACSM 2026 overview of reviews (dose); TRAINING.md time model",
            ),
            Rule(
                COACH_CONDITIONING,
                False,
                "Conditioning for general fitness",
                "a general-fitness week includes a conditioning block (intervals or a circuit)",
                "ACSM position stand 2009; Klika & Jordan 2013, ACSM Health Fit J 17(3):8-13",
            ),
        )
    }
)
HARD_RULES: Final[tuple[str, ...]] = tuple(r.id for r in RULES.values() if r.hard)
SOFT_RULES: Final[tuple[str, ...]] = tuple(
    r.id for r in RULES.values() if not r.hard and not r.coach
)
COACH_RULES: Final[tuple[str, ...]] = tuple(r.id for r in RULES.values() if r.coach)

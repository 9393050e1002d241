"""No page contradicts another (issue 11): claims found by rule in the records' text.

Each claim has a "for" and an "against" wording. Within a scope (the same pattern and target,
or the whole catalog), pages may take one side or the other but never both. Reviewed fixes
(listed in docs/catalog-review.md): front squat, split squat and walking lunge now agree that
the knee may travel forward while the heel stays down; band push-up band position; reverse pec
deck start; hip thrust foot pressure; barbell curl and triceps kickback without a swing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from forgefit.catalog import Catalog
from forgefit.catalog.model import Exercise


@dataclass(frozen=True)
class Claim:
    topic: str
    pro: re.Pattern[str]
    con: re.Pattern[str]
    same_family: bool  # True: only pages with the same pattern and target must agree


KNEE_FORWARD_OK = re.compile(r"knees? (?:to )?travel (?:well )?(?:forward|past the toes)")
CLAIMS = (
    Claim(
        "knee travel in squats and lunges",
        KNEE_FORWARD_OK,
        re.compile(r"shins? [^.;]{0,30}\b(?:vertical|upright)\b"),
        same_family=True,
    ),
    Claim(
        "knees past the toes as a danger",
        KNEE_FORWARD_OK,
        re.compile(
            r"knees? [^.;]{0,30}(?:past|beyond|over) (?:the|your) toes[^.;]{0,40}"
            r"(?:strain|stress|press into|overload|hurt|damage)"
            r"|short (?:choppy )?steps?[^.;]{0,40}(?:overload|stress|strain)[^.;]{0,20}knee"
        ),
        same_family=False,
    ),
    Claim(
        "momentum in a strict curl",
        re.compile(r"\bswing the (?:bar|dumbbells?|weights?)\b"),
        re.compile(r"\bmomentum\b"),
        same_family=False,
    ),
)


def page_text(exercise: Exercise) -> str:
    parts = [*exercise.instructions, *exercise.tips, *exercise.mistakes]
    parts += [faq.answer for faq in exercise.faqs]
    return " ".join(parts).lower()


def contradictions(exercises: list[Exercise]) -> list[str]:
    found = []
    for claim in CLAIMS:
        groups: dict[tuple[str, str], list[Exercise]] = {}
        for exercise in exercises:
            key = (exercise.pattern, exercise.target) if claim.same_family else ("", "")
            groups.setdefault(key, []).append(exercise)
        for members in groups.values():
            pro = [e.slug for e in members if claim.pro.search(page_text(e))]
            con = [e.slug for e in members if claim.con.search(page_text(e))]
            if claim.topic == "momentum in a strict curl":
                # Within one page: telling the reader to swing while warning against momentum.
                both = sorted(set(pro) & set(con))
                found += [f"{claim.topic}: {slug}" for slug in both]
            elif pro and con:
                found.append(f"{claim.topic}: {pro} vs {con}")
    return found


def test_no_page_contradicts_another(catalog: Catalog):
    assert contradictions(list(catalog.exercises)) == []


def test_the_rules_find_the_contradictions_named_in_the_issue(catalog: Catalog):
    from dataclasses import replace

    front = catalog.get("barbell-front-squat")
    split = replace(
        catalog.get("barbell-back-squat"),
        tips=("Keep the front shin near vertical at the bottom.", "b", "c"),
    )
    lunge = replace(
        catalog.get("forward-lunge"),
        mistakes=("Taking short choppy steps, which overloads the front knee.", "b", "c"),
    )
    curl = replace(
        catalog.get("barbell-curl"),
        instructions=("Swing the bar up in an arc.", *catalog.get("barbell-curl").instructions),
    )
    found = contradictions([front, split, lunge, curl])
    assert [f.split(":")[0] for f in found] == [
        "knee travel in squats and lunges",
        "knees past the toes as a danger",
        "momentum in a strict curl",
    ]

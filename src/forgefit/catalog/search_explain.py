"""How a search was read, in plain words, for the search page and the CLI.

"kettlebell exercises for shoulders" -> "Showing exercises done with a kettlebell, for the
shoulders." rather than "Understood as equipment: Kettlebell; body part: Shoulders."
"""

from __future__ import annotations

from forgefit.catalog.search_results import DetectedTerm, SearchResults

_CORRECTION_REASONS = {
    "typo": "a likely typo",
    "unfinished word": "an unfinished word",
    "abbreviation": "an abbreviation",
    "joined": "written as one word",
    "split": "written as two words",
}


def _lower(name: str) -> str:
    return " ".join(w if w.isupper() and len(w) > 1 else w.lower() for w in name.split())


def _article(word: str) -> str:
    return "an" if word[:1].lower() in "aeiou" or word.startswith("EZ") else "a"


def _phrase(term: DetectedTerm) -> str:
    name = _lower(term.name)
    if term.kind == "equipment":
        if term.slug == "body-weight":
            return "with no equipment"
        return f"done with {name}" if name.endswith("s") else f"done with {_article(name)} {name}"
    if term.kind == "body_part":
        return "for the whole body" if term.slug == "full-body" else f"for the {name}"
    if term.kind in ("muscle", "muscle_group"):
        return f"that work the {name}"
    if term.kind == "difficulty":
        return f"rated {name}"
    if term.kind == "category":
        return f"in the {name} category"
    return f"with {_article(name)} {name} movement"


def plain_understanding(results: SearchResults) -> str:
    """One or two sentences on how the query was read; empty when it was read literally."""
    understood = results.understood
    sentences = []
    # A word read both as a body part and as its muscle group ("shoulders") is said once.
    body_parts = {t.slug for t in understood.terms if t.kind == "body_part"}
    terms = [t for t in understood.terms if not (t.kind == "muscle_group" and t.slug in body_parts)]
    if terms:
        phrases = list(dict.fromkeys(_phrase(term) for term in terms))
        sentence = "Showing exercises " + ", ".join(phrases)
        named = [_lower(t.name) for t in terms if t.kind in ("pattern", "equipment")]
        if named:
            sentence += f"; those named “{named[0]}” come first"
        sentences.append(sentence + ".")
    for correction in understood.corrections:
        why = _CORRECTION_REASONS.get(correction.reason, correction.reason)
        sentences.append(f"Read “{correction.typed}” as “{correction.read_as}” ({why}).")
    if understood.ignored:
        words = ", ".join(f"“{word}”" for word in understood.ignored)
        sentences.append(f"No exercise matches {words}, so it was left out.")
    if understood.relaxed and results.total:
        sentences.append("No exercise matched every word, so the closest matches are shown.")
    return " ".join(sentences)

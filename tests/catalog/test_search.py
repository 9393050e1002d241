"""Search: what people type, what they get back, facets, suggestions and absurd input."""

from __future__ import annotations

import itertools
import time
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from forgefit.catalog import Catalog, ExerciseFilter
from forgefit.catalog.query_parser import load_search_terms, parse_search_terms
from forgefit.catalog.search import POPULARITY_TIE_BREAK, SearchIndex, default_search_index
from forgefit.catalog.search_results import FACET_KINDS, SearchHit
from forgefit.errors import CatalogError, UnknownTermError


@pytest.fixture(scope="module")
def index(catalog: Catalog) -> SearchIndex:
    return SearchIndex(catalog)


def first(index: SearchIndex, query: str) -> str:
    return index.search(query, limit=1).slugs[0]


# ----- names, spelling and spacing -----------------------------------------------------------


def test_an_exact_name_ranks_that_exercise_first(index: SearchIndex):
    assert first(index, "Goblet Squat") == "goblet-squat"


def test_an_alias_finds_its_exercise(index: SearchIndex):
    assert first(index, "military press") == "barbell-overhead-press"


def test_case_and_accents_do_not_matter(index: SearchIndex):
    assert first(index, "GOBLET SQUÀT") == "goblet-squat"


def test_a_typo_is_corrected_and_reported(index: SearchIndex):
    results = index.search("sqaut")
    assert "squat" in results.slugs[0]
    assert [(c.typed, c.read_as) for c in results.understood.corrections] == [("sqaut", "squat")]


def test_pullup_pull_up_and_pull_hyphen_up_find_the_same_exercise(index: SearchIndex):
    assert {first(index, q) for q in ("pullup", "pull up", "pull-up", "Pull-Ups")} == {"pull-up"}


def test_words_typed_apart_are_joined(index: SearchIndex):
    results = index.search("kettle bell swing", limit=1)
    assert results.slugs == ["kettlebell-swing"]
    assert results.understood.equipment == ("kettlebell",)


def test_a_compound_word_is_found_from_its_parts(index: SearchIndex):
    assert first(index, "lat pull down") == "lat-pulldown"


def test_plural_and_singular_find_the_same_exercises(index: SearchIndex):
    assert index.search("lunges").slugs == index.search("lunge").slugs


def test_an_unfinished_word_is_completed(index: SearchIndex):
    results = index.search("kettleb")
    assert results.understood.equipment == ("kettlebell",)
    assert results.total > 0


def test_a_short_typo_is_corrected_when_its_neighbour_says_what_it_is(index: SearchIndex):
    assert first(index, "pec dek") == "pec-deck"


# ----- abbreviations and synonyms --------------------------------------------------------------


def test_an_abbreviation_is_expanded_and_reported(index: SearchIndex):
    results = index.search("rdl")
    assert results.slugs[0] == "romanian-deadlift"
    assert results.understood.corrections[0].reason == "abbreviation"


def test_db_is_read_as_dumbbell_equipment(index: SearchIndex):
    results = index.search("db row")
    assert results.understood.equipment == ("dumbbell",)
    assert results.slugs[0] == "one-arm-dumbbell-row"


def test_no_equipment_bodyweight_and_at_home_all_mean_body_weight(index: SearchIndex):
    for query in ("no equipment", "bodyweight", "body weight", "at home", "calisthenics"):
        assert index.search(query).understood.equipment == ("body-weight",), query


def test_band_means_resistance_band(index: SearchIndex):
    assert index.search("band").understood.equipment == ("resistance-band",)


def test_abs_core_and_stomach_all_mean_the_core(index: SearchIndex):
    for query in ("abs", "core", "stomach", "six pack"):
        assert index.search(query).understood.body_parts == ("core",), query


def test_butt_means_the_glutes(index: SearchIndex, catalog: Catalog):
    results = index.search("butt exercises", limit=5)
    assert results.understood.muscles == ("glutes",)
    assert all(catalog.get(slug).target == "glutes" for slug in results.slugs)


def test_thighs_mean_the_quads_and_lats_the_back_muscle(index: SearchIndex):
    assert index.search("thighs").understood.muscles == ("quads",)
    assert index.search("lats").understood.muscles == ("lats",)


# ----- attribute words ----------------------------------------------------------------------


def test_attribute_words_narrow_the_results_rather_than_match_text(
    index: SearchIndex, catalog: Catalog
):
    results = index.search("kettlebell exercises for shoulders", limit=100)
    shoulder_muscles = {"front-delts", "side-delts", "rear-delts"}
    assert results.understood.equipment == ("kettlebell",)
    assert results.understood.body_parts == ("shoulders",)
    assert results.total < len(catalog.by("equipment", "kettlebell"))
    for exercise in results.exercises:
        assert "kettlebell" in exercise.requires
        assert exercise.body_part == "shoulders" or shoulder_muscles & set(exercise.muscles)


def test_an_exercise_known_by_the_attribute_ranks_above_one_that_only_involves_it(
    index: SearchIndex, catalog: Catalog
):
    top = index.search("chest", limit=5).exercises
    assert all(exercise.target == "chest" for exercise in top)


def test_an_attribute_word_inside_a_name_still_finds_that_name(index: SearchIndex):
    assert first(index, "chest supported row") == "chest-supported-dumbbell-row"


def test_stretches_rank_below_strength_work_unless_asked_for(index: SearchIndex):
    assert index.search("hamstrings", limit=1).exercises[0].category != "stretching"
    assert index.search("hamstring stretch", limit=1).exercises[0].category == "stretching"


# ----- filters, facets, paging and ranking ---------------------------------------------------


def test_filters_narrow_the_results(index: SearchIndex):
    results = index.search("curl", filters=ExerciseFilter(body_part="legs"), limit=50)
    assert results.total > 0
    assert {exercise.body_part for exercise in results.exercises} == {"legs"}


def test_an_equipment_set_keeps_only_what_it_allows(index: SearchIndex):
    home = frozenset({"dumbbell", "bench"})
    results = index.search("press", filters=ExerciseFilter(available_equipment=home), limit=100)
    assert results.total > 0
    assert all(exercise.requires <= home for exercise in results.exercises)


def test_a_muscle_filter_can_include_secondary_muscles(index: SearchIndex):
    target_only = index.search("squat", filters=ExerciseFilter(muscle="glutes"))
    with_secondary = index.search(
        "squat", filters=ExerciseFilter(muscle="glutes", include_secondary=True)
    )
    assert with_secondary.total > target_only.total


def test_an_unknown_filter_term_is_an_error_naming_the_allowed_values(index: SearchIndex):
    with pytest.raises(UnknownTermError, match="Allowed values"):
        index.search("squat", filters=ExerciseFilter(equipment="spaceship"))


def test_facets_count_every_match_not_only_the_page(index: SearchIndex):
    results = index.search("press", limit=1)
    assert set(results.facets) == set(FACET_KINDS)
    for kind in ("body_part", "equipment", "target", "difficulty", "category", "pattern"):
        assert sum(results.facets[kind].values()) == results.total


def test_facet_counts_agree_with_the_matching_exercises(index: SearchIndex):
    results = index.search("dumbbell", limit=1000)
    assert results.facets["target"] == Counter(e.target for e in results.exercises)


def test_facets_list_the_most_common_terms_first(index: SearchIndex):
    counts = list(index.search("dumbbell").facets["target"].values())
    assert counts == sorted(counts, reverse=True)


def test_offset_and_limit_page_through_the_same_ranking(index: SearchIndex):
    everything = index.search("dumbbell", limit=1000).slugs
    pages = [index.search("dumbbell", limit=7, offset=start).slugs for start in range(0, 28, 7)]
    assert [slug for page in pages for slug in page] == everything[:28]


def test_scores_never_increase_down_the_results(index: SearchIndex):
    scores = [hit.score for hit in index.search("band exercises for legs", limit=100).hits]
    assert scores == sorted(scores, reverse=True)


def test_popularity_breaks_ties(index: SearchIndex):
    def relevance(hit: SearchHit) -> float:
        return round(hit.score - POPULARITY_TIE_BREAK * hit.exercise.popularity, 6)

    hits = index.search("kettlebell", limit=100).hits
    for above, below in itertools.pairwise(hits):
        if relevance(above) == relevance(below):
            assert above.exercise.popularity >= below.exercise.popularity


# ----- queries that cannot be answered ----------------------------------------------------------


@pytest.mark.parametrize("query", ["", "   ", "?!.,;-", "the for with"])
def test_a_query_without_searchable_words_returns_a_clear_empty_result(
    index: SearchIndex, query: str
):
    results = index.search(query)
    assert (results.total, results.hits) == (0, ())
    assert results.facets == {kind: {} for kind in FACET_KINDS}


def test_a_ten_thousand_character_query_returns_quickly_and_empty(index: SearchIndex):
    start = time.perf_counter()
    results = index.search("x" * 10_000)
    assert time.perf_counter() - start < 0.05
    assert results.total == 0


def test_words_matching_nothing_are_left_out_and_reported(index: SearchIndex):
    results = index.search("goblet squat qzxqv")
    assert results.slugs[0] == "goblet-squat"
    assert results.understood.ignored == ("qzxqv",)


def test_when_no_exercise_has_every_word_the_closest_matches_are_shown_and_flagged(
    index: SearchIndex,
):
    results = index.search("kettlebell lat pulldown")
    assert results.understood.relaxed
    assert results.total > 0


def test_relaxing_drops_plain_words_before_attribute_words(index: SearchIndex):
    results = index.search("upper chest", limit=5)
    assert results.understood.relaxed
    assert {exercise.target for exercise in results.exercises} == {"chest"}


@settings(max_examples=300, deadline=None)
@given(query=st.text(max_size=300) | st.text(alphabet="!?-_.,'\" \t\n", max_size=50))
def test_any_text_query_returns_without_error(query: str):
    results = default_search_index().search(query, limit=5)
    assert len(results.hits) <= 5
    assert results.total >= len(results.hits)


@settings(max_examples=100, deadline=None)
@given(prefix=st.text(max_size=100))
def test_any_prefix_suggests_without_error(prefix: str):
    assert len(default_search_index().suggest(prefix, limit=5)) <= 5


# ----- suggestions ---------------------------------------------------------------------------


def test_suggest_offers_exercises_whose_name_starts_with_the_prefix(index: SearchIndex):
    suggestion = next(s for s in index.suggest("goblet") if s.kind == "exercise")
    assert (suggestion.text, suggestion.slug, suggestion.url) == (
        "Goblet Squat",
        "goblet-squat",
        "/exercise/goblet-squat",
    )


def test_suggest_offers_vocabulary_terms_with_their_hub_page(index: SearchIndex):
    suggestion = index.suggest("kettle")[0]
    assert (suggestion.kind, suggestion.slug, suggestion.url) == (
        "equipment",
        "kettlebell",
        "/exercises/equipment/kettlebell",
    )


def test_suggest_matches_aliases_and_says_which_one(index: SearchIndex):
    suggestion = index.suggest("rdl")[0]
    assert (suggestion.slug, suggestion.alias) == ("romanian-deadlift", "RDL")


def test_suggest_matches_later_words_of_a_name(index: SearchIndex):
    assert "barbell-back-squat" in {s.slug for s in index.suggest("squat")}


def test_suggest_falls_back_to_search_for_typos(index: SearchIndex):
    assert any("squat" in s.slug for s in index.suggest("sqau"))


def test_suggest_returns_at_most_the_limit(index: SearchIndex):
    assert len(index.suggest("b", limit=3)) == 3


@pytest.mark.parametrize("prefix", ["", "  ", "?!"])
def test_suggest_returns_nothing_for_a_prefix_without_letters(index: SearchIndex, prefix: str):
    assert index.suggest(prefix) == []


# ----- the search language is data ----------------------------------------------------------


def test_the_default_search_index_is_built_once():
    assert default_search_index() is default_search_index()


def test_a_synonym_added_to_the_data_is_understood(catalog: Catalog):
    terms = load_search_terms(catalog.vocab)
    extended = parse_search_terms(
        {
            "word_forms": dict(terms.word_forms),
            "abbreviations": {},
            "terms": {"yoke": ["muscle:traps"]},
            "stopwords": sorted(terms.stopwords),
        },
        catalog.vocab,
    )
    results = SearchIndex(catalog, extended).search("yoke")
    assert results.understood.muscles == ("traps",)
    assert results.exercises[0].target == "traps"


def test_a_search_term_naming_an_unknown_vocabulary_term_is_reported(catalog: Catalog):
    raw = {"word_forms": {}, "abbreviations": {}, "terms": {"booty": ["muscle:glute"]}}
    with pytest.raises(CatalogError, match="'booty': 'muscle:glute' is not a vocabulary term"):
        parse_search_terms({**raw, "stopwords": []}, catalog.vocab)


def test_exercises_named_after_a_movement_come_before_others_with_it(index: SearchIndex):
    found = [e.slug for e in index.search("squat", limit=200).exercises]
    named = [i for i, slug in enumerate(found) if "squat" in slug]
    assert named and max(named) < found.index("leg-press")
    bench = [e.slug for e in index.search("bench", limit=60).exercises]
    assert bench.index("barbell-bench-press") < bench.index("copenhagen-plank")


def test_an_exercise_named_exactly_as_typed_is_suggested_before_equipment(index: SearchIndex):
    for typed in ("pull up", "pullup", "Pull-Up"):
        suggestions = index.suggest(typed)
        assert (suggestions[0].kind, suggestions[0].slug) == ("exercise", "pull-up"), typed
        kinds = [(s.kind, s.slug) for s in suggestions]
        assert ("equipment", "pull-up-bar") in kinds
    assert index.search("pull up").exercises[0].slug == "pull-up"


def test_how_the_query_was_read_is_said_in_plain_words(index: SearchIndex):
    from forgefit.catalog.search_explain import plain_understanding

    said = plain_understanding(index.search("kettlebell exercises for shoulders"))
    assert said.startswith("Showing exercises done with a kettlebell, for the shoulders")
    assert ":" not in said
    typo = plain_understanding(index.search("sqaut"))
    assert "Read “sqaut” as “squat” (a likely typo)." in typo
    assert plain_understanding(index.search("no equipment chest")).startswith(
        "Showing exercises with no equipment, for the chest"
    )
    assert plain_understanding(index.search("goblet squat")) == (
        "Showing exercises with a squat movement; those named “squat” come first."
    )

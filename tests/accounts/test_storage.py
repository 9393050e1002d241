"""The accounts library on each engine: sign-up rules, sign-in limits, tokens, sessions,
programs (one current), favourites and exclusions, export and deletion."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from argon2 import PasswordHasher
from sqlalchemy import event, func, select, text, update

from forgefit.accounts import (
    BadCredentialsError,
    Database,
    EmailTakenError,
    InvalidSignUpError,
    NoProfileError,
    NotFoundError,
    TooManyAttemptsError,
    export,
    injuries,
    preferences,
    programs,
    rate_limit,
    security,
    tokens,
    trainer,
    users,
    web_sessions,
    workouts,
)
from forgefit.accounts.models import Base, SignInFailure, User, utc_now
from forgefit.catalog import Catalog
from forgefit.training import ProfileError
from tests.accounts.conftest import PASSWORD, PROFILE


def test_sign_up_stores_a_normalised_email_and_an_argon2_hash(database: Database):
    user = users.create_user(database, "  Ana@Example.ORG ", PASSWORD)
    assert user.email == "ana@example.org"
    assert user.password_hash.startswith("$argon2id$")
    assert PASSWORD not in user.password_hash


def test_an_email_can_only_sign_up_once_whatever_its_case(database: Database):
    users.create_user(database, "ana@example.org", PASSWORD)
    with pytest.raises(EmailTakenError):
        users.create_user(database, "ANA@example.org", "another long password")


@pytest.mark.parametrize(
    ("email", "password", "field"),
    [
        ("ana@example.org", "short", "password"),
        ("ana@example.org", "123456789", "password"),
        ("not-an-email", PASSWORD, "email"),
        ("ana@localhost", PASSWORD, "email"),
        ("a b@example.org", PASSWORD, "email"),
    ],
)
def test_sign_up_refuses_bad_input_naming_the_field(
    database: Database, email: str, password: str, field: str
):
    with pytest.raises(InvalidSignUpError) as raised:
        users.create_user(database, email, password)
    assert raised.value.field == field


def test_sign_in_accepts_the_password_and_refuses_others(database: Database):
    user = users.create_user(database, "ana@example.org", PASSWORD)
    assert users.authenticate(database, "ANA@example.org", PASSWORD, "10.0.0.1").id == user.id
    with pytest.raises(BadCredentialsError):
        users.authenticate(database, "ana@example.org", PASSWORD + "x", "10.0.0.1")
    with pytest.raises(BadCredentialsError):
        users.authenticate(database, "nobody@example.org", PASSWORD, "10.0.0.1")


def test_repeated_failures_pause_the_account_even_for_the_right_password(database: Database):
    users.create_user(database, "ana@example.org", PASSWORD)
    for attempt in range(rate_limit.MAX_FAILURES_PER_ACCOUNT):
        with pytest.raises(BadCredentialsError):
            users.authenticate(database, "ana@example.org", f"wrong {attempt}", f"10.0.0.{attempt}")
    with pytest.raises(TooManyAttemptsError) as raised:
        users.authenticate(database, "ana@example.org", PASSWORD, "10.9.9.9")
    assert 0 < raised.value.retry_after <= rate_limit.WINDOW.total_seconds() + 1


def test_repeated_failures_from_one_address_pause_that_address_only(database: Database):
    users.create_user(database, "ana@example.org", PASSWORD)
    for attempt in range(rate_limit.MAX_FAILURES_PER_ADDRESS):
        with pytest.raises(BadCredentialsError):
            users.authenticate(database, f"guess{attempt}@example.org", "wrong", "10.0.0.66")
    with pytest.raises(TooManyAttemptsError):
        users.authenticate(database, "ana@example.org", PASSWORD, "10.0.0.66")
    assert users.authenticate(database, "ana@example.org", PASSWORD, "10.0.0.67")


def test_a_success_clears_the_accounts_earlier_failures(database: Database):
    users.create_user(database, "ana@example.org", PASSWORD)
    for _ in range(rate_limit.MAX_FAILURES_PER_ACCOUNT - 1):
        with pytest.raises(BadCredentialsError):
            users.authenticate(database, "ana@example.org", "wrong", None)
    users.authenticate(database, "ana@example.org", PASSWORD, None)
    with pytest.raises(BadCredentialsError):  # counting starts again: not yet paused
        users.authenticate(database, "ana@example.org", "wrong", None)


def test_failures_count_per_account_and_per_address_within_the_window_only(database: Database):
    users.create_user(database, "ana@example.org", PASSWORD)
    users.create_user(database, "ben@example.org", PASSWORD)
    stale = utc_now() - rate_limit.WINDOW - timedelta(minutes=1)
    with database.write() as session:  # a full pause's worth, but from before the window
        for _ in range(rate_limit.MAX_FAILURES_PER_ADDRESS):
            session.add(
                SignInFailure(key=rate_limit.account_key("ana@example.org"), failed_at=stale)
            )
            session.add(SignInFailure(key=rate_limit.address_key("10.0.0.5"), failed_at=stale))
    for _ in range(rate_limit.MAX_FAILURES_PER_ACCOUNT - 1):
        with pytest.raises(BadCredentialsError):
            users.authenticate(database, "ana@example.org", "wrong", "10.0.0.5")
    # One failure short on the account; the address's count is the account's, not their sum.
    assert users.authenticate(database, "ana@example.org", PASSWORD, "10.0.0.5")
    for _ in range(rate_limit.MAX_FAILURES_PER_ACCOUNT):
        with pytest.raises(BadCredentialsError):
            users.authenticate(database, "ben@example.org", "wrong", "10.0.0.5")
    with pytest.raises(TooManyAttemptsError):  # ben's count is ben's alone...
        users.authenticate(database, "ben@example.org", PASSWORD, "10.0.0.6")
    # ...and the address, at 4 + 5 recent failures, is still under its limit.
    assert users.authenticate(database, "ana@example.org", PASSWORD, "10.0.0.5")


def test_a_sign_in_reads_once_before_the_hash_and_writes_only_its_token(database: Database):
    user = users.create_user(database, "ana@example.org", PASSWORD)
    statements: list[str] = []

    def seen(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        verb = statement.split(None, 1)[0].upper()
        if verb in ("SELECT", "INSERT", "UPDATE", "DELETE"):
            statements.append(verb)

    event.listen(database.engine, "before_cursor_execute", seen)
    try:
        users.authenticate(database, "ana@example.org", PASSWORD, "10.0.0.1")
        assert statements == ["SELECT"]
        tokens.create_token(database, user.id, "phone")
        assert statements == ["SELECT", "INSERT"]
    finally:
        event.remove(database.engine, "before_cursor_execute", seen)


@pytest.mark.parametrize("creates", ["token", "session"])
def test_a_sign_in_after_failures_with_an_older_hash_commits_once(database: Database, creates: str):
    user = users.create_user(database, "ana@example.org", PASSWORD)
    older = PasswordHasher(time_cost=2, memory_cost=19_456, parallelism=1).hash(PASSWORD)
    with database.write() as session:
        session.execute(update(User).where(User.id == user.id).values(password_hash=older))
    for _ in range(rate_limit.MAX_FAILURES_PER_ACCOUNT - 1):
        with pytest.raises(BadCredentialsError):
            users.authenticate(database, "ana@example.org", "wrong", "10.0.0.1")
    commits: list[object] = []

    def committed(connection: object) -> None:
        commits.append(connection)

    event.listen(database.engine, "commit", committed)
    try:
        signed_in = users.sign_in(database, "ana@example.org", PASSWORD, "10.0.0.1")
        assert commits == []  # nothing is written before the token or session is
        if creates == "token":
            tokens.create_token(database, user.id, "phone", sign_in=signed_in)
        else:
            web_sessions.start_session(database, user.id, sign_in=signed_in)
        assert len(commits) == 1
    finally:
        event.remove(database.engine, "commit", committed)
    with database.read() as session:
        stored = session.get(User, user.id)
        assert stored is not None and stored.password_hash != older
        assert security.verify_password(stored.password_hash, PASSWORD)
        assert not security.needs_rehash(stored.password_hash)
        key = rate_limit.account_key("ana@example.org")
        assert session.scalar(select(func.count()).where(SignInFailure.key == key)) == 0


def test_api_tokens_are_stored_hashed_and_stop_working_when_revoked(database: Database):
    user = users.create_user(database, "ana@example.org", PASSWORD)
    new = tokens.create_token(database, user.id, "phone")
    with database.read() as session:
        stored = session.execute(text("SELECT token_hash, prefix FROM api_tokens")).one()
    assert new.token not in stored.token_hash
    assert new.token.startswith(stored.prefix)
    resolved = tokens.user_for_token(database, new.token)
    assert resolved is not None and resolved.id == user.id
    tokens.revoke_token(database, user.id, new.id)
    assert tokens.user_for_token(database, new.token) is None


def test_nobody_revokes_another_users_token(database: Database):
    owner = users.create_user(database, "ana@example.org", PASSWORD)
    other = users.create_user(database, "bo@example.org", PASSWORD)
    new = tokens.create_token(database, owner.id)
    with pytest.raises(NotFoundError):
        tokens.revoke_token(database, other.id, new.id)
    assert tokens.user_for_token(database, new.token) is not None


def test_a_session_lasts_until_sign_out(database: Database):
    user = users.create_user(database, "ana@example.org", PASSWORD)
    token = web_sessions.start_session(database, user.id)
    found = web_sessions.user_for_session(database, token)
    assert found is not None and found.id == user.id
    web_sessions.end_session(database, token)
    assert web_sessions.user_for_session(database, token) is None


def test_saving_a_program_builds_it_and_makes_it_the_only_current_one(
    database: Database, catalog: Catalog
):
    user = users.create_user(database, "ana@example.org", PASSWORD)
    first = programs.create_program(database, catalog, user.id, PROFILE, "First")
    second = programs.create_program(database, catalog, user.id, PROFILE)
    listed = programs.list_programs(database, user.id)
    assert [p.id for p in listed] == [second.id, first.id]
    assert [p.current for p in listed] == [True, False]
    assert second.name.startswith("Hypertrophy (muscle size), 3 days a week")
    assert second.program["weeks"][0]["sessions"]
    programs.update_program(database, user.id, first.id, current=True, name="  Renamed  ")
    listed = programs.list_programs(database, user.id)
    assert [(p.name, p.current) for p in listed] == [(second.name, False), ("Renamed", True)]


def test_the_database_refuses_two_current_programs_for_one_user(
    database: Database, catalog: Catalog
):
    user = users.create_user(database, "ana@example.org", PASSWORD)
    first = programs.create_program(database, catalog, user.id, PROFILE)
    programs.create_program(database, catalog, user.id, PROFILE)
    with pytest.raises(Exception, match=r"(?i)unique|duplicate"), database.write() as session:
        session.execute(
            text("UPDATE programs SET is_current = true WHERE id = :id"), {"id": first.id}
        )


def test_without_a_saved_profile_a_program_needs_one_given(database: Database, catalog: Catalog):
    user = users.create_user(database, "ana@example.org", PASSWORD)
    with pytest.raises(NoProfileError):
        programs.create_program(database, catalog, user.id)
    programs.save_profile(database, catalog, user.id, PROFILE)
    built = programs.create_program(database, catalog, user.id)
    assert built.profile == PROFILE


def test_a_profile_is_validated_like_the_plan_api(database: Database, catalog: Catalog):
    user = users.create_user(database, "ana@example.org", PASSWORD)
    with pytest.raises(ProfileError) as raised:
        programs.save_profile(database, catalog, user.id, {**PROFILE, "days_per_week": 9})
    assert [p.field for p in raised.value.problems] == ["days_per_week"]
    assert programs.get_profile(database, user.id) is None


def test_exclusions_keep_an_exercise_out_of_new_programs(database: Database, catalog: Catalog):
    user = users.create_user(database, "ana@example.org", PASSWORD)
    before = programs.create_program(database, catalog, user.id, PROFILE)
    used = {
        item["slug"]
        for session in before.program["weeks"][0]["sessions"]
        for item in session["exercises"]
    }
    banned = sorted(used)[0]
    preferences.add_preference(database, catalog, user.id, "exclusions", banned)
    after = programs.create_program(database, catalog, user.id, PROFILE)
    used_after = {
        item["slug"]
        for week in after.program["weeks"]
        for session in week["sessions"]
        for item in session["exercises"]
    }
    assert banned not in used_after
    assert banned in after.program["profile"]["exclude"]


def test_an_exercise_is_never_both_favourite_and_excluded(database: Database, catalog: Catalog):
    user = users.create_user(database, "ana@example.org", PASSWORD)
    preferences.add_preference(database, catalog, user.id, "favourites", "goblet-squat")
    preferences.add_preference(database, catalog, user.id, "exclusions", "goblet-squat")
    assert preferences.list_preferences(database, user.id) == {
        "favourites": [],
        "exclusions": ["goblet-squat"],
    }
    with pytest.raises(NotFoundError):
        preferences.remove_preference(database, user.id, "favourites", "goblet-squat")


def test_another_users_program_is_not_found(database: Database, catalog: Catalog):
    owner = users.create_user(database, "ana@example.org", PASSWORD)
    other = users.create_user(database, "bo@example.org", PASSWORD)
    saved = programs.create_program(database, catalog, owner.id, PROFILE)
    with pytest.raises(NotFoundError):
        programs.get_program(database, other.id, saved.id)
    with pytest.raises(NotFoundError):
        programs.update_program(database, other.id, saved.id, name="mine now")
    with pytest.raises(NotFoundError):
        programs.delete_program(database, other.id, saved.id)
    assert programs.get_program(database, owner.id, saved.id).name == saved.name


def test_export_holds_everything_the_user_owns_and_no_secrets(database: Database, catalog: Catalog):
    user = users.create_user(database, "ana@example.org", PASSWORD)
    programs.save_profile(database, catalog, user.id, PROFILE)
    saved = programs.create_program(database, catalog, user.id, name="Mine")
    preferences.add_preference(database, catalog, user.id, "favourites", "goblet-squat")
    new = tokens.create_token(database, user.id, "phone")
    document = export.export_user(database, user.id)
    assert document["account"][0]["email"] == "ana@example.org"
    assert document["profile"][0]["profile"] == PROFILE
    assert [p["name"] for p in document["programs"]] == ["Mine"]
    assert document["programs"][0]["program"] == saved.program
    assert document["favourites"][0]["exercise"] == "goblet-squat"
    assert document["tokens"][0]["label"] == "phone"
    flat = repr(document)
    assert new.token not in flat and "argon2" not in flat and "token_hash" not in flat
    csv_text = export.export_csv(database, user.id, "programs")
    assert csv_text.splitlines()[0] == ",".join(export.CSV_COLUMNS["programs"])
    assert "Mine" in csv_text


def test_deleting_an_account_removes_every_row_it_owned(database: Database, catalog: Catalog):
    user = users.create_user(database, "ana@example.org", PASSWORD)
    keeper = users.create_user(database, "bo@example.org", PASSWORD)
    for owner in (user, keeper):
        programs.save_profile(database, catalog, owner.id, PROFILE)
        programs.create_program(database, catalog, owner.id)
        preferences.add_preference(database, catalog, owner.id, "favourites", "goblet-squat")
        preferences.add_preference(database, catalog, owner.id, "exclusions", "burpee")
        tokens.create_token(database, owner.id)
        web_sessions.start_session(database, owner.id)
        logged = workouts.WorkoutIn.model_validate(
            {"started_at": "2026-11-20T18:00:00Z", "sets": [{"exercise": "plank", "seconds": 30}]}
        )
        workouts.create_workout(database, catalog, owner.id, logged, "key-1")
        injury = injuries.InjuryIn(joint="knee", severity="mild")
        injuries.report_injury(database, catalog, owner.id, injury, date(2026, 11, 20))
        now = datetime.now(UTC)
        today = trainer.today_document(database, catalog, owner.id, "kg", now)
        planned = next(e for e in today["exercises"] if e["alternatives"])
        swap = trainer.SwapIn.model_validate(
            {"from": planned["slug"], "to": planned["alternatives"][0]["slug"], "scope": "program"}
        )
        trainer.record_swap(database, catalog, owner.id, today["program"]["id"], swap, now)
    users.delete_user(database, user.id)
    owned = [t for t in Base.metadata.sorted_tables if "user_id" in t.columns]
    assert {t.name for t in owned} >= {
        "programs",
        "profiles",
        "api_tokens",
        "web_sessions",
        "workouts",
        "logged_sets",
        "injuries",
        "swaps",
    }
    with database.read() as session:
        for table in owned:
            mine = session.scalar(select(func.count()).where(table.c.user_id == user.id))
            theirs = session.scalar(select(func.count()).where(table.c.user_id == keeper.id))
            assert (table.name, mine) == (table.name, 0)
            assert theirs and theirs > 0, table.name


def test_sqlite_runs_in_wal_mode_with_foreign_keys(database: Database):
    if database.engine.dialect.name != "sqlite":
        pytest.skip("SQLite settings only")
    with database.read() as session:
        assert session.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert session.execute(text("PRAGMA foreign_keys")).scalar() == 1


# Settings shipped before: one lane of today's, and 19 MiB x 2 passes in one or two lanes.
OLDER_ARGON2_SETTINGS = [
    (security.ARGON2_MEMORY_KIB, security.ARGON2_PASSES, 1),
    (19_456, 2, 1),
    (19_456, 2, 2),
]


@pytest.mark.parametrize(("memory_kib", "passes", "lanes"), OLDER_ARGON2_SETTINGS)
def test_a_password_hashed_with_older_settings_signs_in_and_is_rehashed(
    database: Database, memory_kib: int, passes: int, lanes: int
):
    user = users.create_user(database, "ana@example.org", PASSWORD)
    older = PasswordHasher(time_cost=passes, memory_cost=memory_kib, parallelism=lanes).hash(
        PASSWORD
    )
    with database.write() as session:
        stored = session.get(User, user.id)
        assert stored is not None
        stored.password_hash = older
    assert users.authenticate(database, "ana@example.org", PASSWORD, None).id == user.id
    with database.read() as session:
        stored = session.get(User, user.id)
        assert stored is not None
        rehashed = stored.password_hash
    assert rehashed != older
    expected = (
        f"m={security.ARGON2_MEMORY_KIB},t={security.ARGON2_PASSES},p={security.ARGON2_LANES}"
    )
    assert expected in rehashed
    assert users.authenticate(database, "ana@example.org", PASSWORD, None).id == user.id

"""What can go wrong with accounts, each with a message a person can act on. The web layer maps
these to HTTP statuses (web/deps.py), the CLI to exit codes."""

from __future__ import annotations

from forgefit.errors import ForgefitError


class AccountError(ForgefitError):
    """Base class for account problems a user caused and can fix."""


class StorageError(ForgefitError):
    """The database cannot be reached or set up (a configuration problem, not the user's)."""


class InvalidSignUpError(AccountError):
    """The email or password is not acceptable; `field` names which."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        super().__init__(message)


class EmailTakenError(AccountError):
    def __init__(self) -> None:
        super().__init__("An account with that email already exists. Sign in instead.")


class BadCredentialsError(AccountError):
    def __init__(self) -> None:
        super().__init__("That email and password do not match an account.")


class TooManyAttemptsError(AccountError):
    """Sign-in is paused for this account or address; `retry_after` is in seconds."""

    def __init__(self, retry_after: int) -> None:
        self.retry_after = retry_after
        minutes = max(1, round(retry_after / 60))
        super().__init__(
            f"Too many failed sign-in attempts. Wait about {minutes} minute"
            f"{'s' if minutes != 1 else ''} and try again."
        )


class NotFoundError(AccountError, LookupError):
    """The thing does not exist, or belongs to someone else (the two look the same)."""


class NoProfileError(AccountError):
    def __init__(self) -> None:
        super().__init__(
            "There is no saved profile to build from. Send a profile with the request, or save "
            "one first (PUT /api/v1/me/profile, or the Profile form on your account page)."
        )

"""Security helpers in one place: password hashing, random tokens and their hashes, signed
cookie values and form (CSRF) tokens.

Passwords use argon2id with one of OWASP's equally strong minimum settings, 9 MiB and 4 passes
(OWASP lists 46 MiB x 1, 19 x 2, 12 x 3, 9 x 4 and 7 x 5 as giving the same defence, trading
memory for passes): hashing is deliberately slow, so a stolen database is slow to attack, and
that cost sets the floor on sign-in latency (docs/accounts.md). Of those settings, 9 MiB x 4
hashed about a quarter faster than 19 MiB x 2 on our servers (smaller memory stays closer to
the processor's caches) and holds less memory per sign-in in progress. The memory is split into
two lanes that argon2 fills on two threads: the same memory and the same work per guess for an
attacker (RFC 9106's own first choice uses four lanes), but a sign-in on a server with a free
core takes about half the time. Hashes made with other settings (before) still verify and are
replaced at the next sign-in.

Tokens are 256 random bits, so a plain SHA-256 of them is enough to store: nothing can be
guessed from it.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

ARGON2_MEMORY_KIB = 9_216
ARGON2_PASSES = 4
ARGON2_LANES = 2

_hasher = PasswordHasher(
    time_cost=ARGON2_PASSES, memory_cost=ARGON2_MEMORY_KIB, parallelism=ARGON2_LANES
)
# Verified against when the email is unknown, so a miss costs as much time as a wrong password.
_DUMMY_HASH = _hasher.hash("not a real password; used to keep timing even")

API_TOKEN_PREFIX = "ff_"
TOKEN_PREFIX_SHOWN = 10


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    """True when the password matches. With no hash (unknown email), spend the same time."""
    try:
        return _hasher.verify(password_hash or _DUMMY_HASH, password) and bool(password_hash)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    """True when the hash used older parameters; sign-in then stores a fresh one."""
    return _hasher.check_needs_rehash(password_hash)


def new_token(prefix: str = "") -> str:
    return prefix + secrets.token_urlsafe(32)


def new_api_token() -> str:
    return new_token(API_TOKEN_PREFIX)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_secret_key() -> str:
    return secrets.token_urlsafe(48)


class Signer:
    """HMAC-SHA256 signatures with the server's secret key (shared by every app server)."""

    def __init__(self, secret_key: str) -> None:
        self._key = secret_key.encode()

    def _mac(self, purpose: str, value: str) -> str:
        digest = hmac.new(self._key, f"{purpose}|{value}".encode(), hashlib.sha256).hexdigest()
        return digest[:43]

    def sign(self, value: str, purpose: str = "session") -> str:
        return f"{value}.{self._mac(purpose, value)}"

    def unsign(self, signed: str, purpose: str = "session") -> str | None:
        """The value if the signature is ours, else None."""
        value, _, signature = signed.rpartition(".")
        if not value or not hmac.compare_digest(signature, self._mac(purpose, value)):
            return None
        return value

    def csrf_token(self, binding: str) -> str:
        """The form token for a browser: bound to its session (or pre-session) cookie, so a
        page on another site cannot know it."""
        return self._mac("csrf", binding)

    def csrf_valid(self, binding: str | None, token: str | None) -> bool:
        if not binding or not token:
            return False
        return hmac.compare_digest(token, self.csrf_token(binding))

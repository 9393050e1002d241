"""Whole numbers in query strings (limit, offset): digits only.

Pydantic's lax mode reads "10.0" (and " 10") as the integer 10, so `?limit=0.0` was answered
although the OpenAPI schema says `limit` is an integer; a client that sends a float has a bug
it should hear about (422), and the remembered-answer path (api_cache.py) already refuses it.
"""

from __future__ import annotations

from pydantic import BeforeValidator


def _digits_only(value: object) -> object:
    if isinstance(value, str) and not (value.isascii() and value.isdigit()):
        raise ValueError("must be a whole number written in digits, such as 10")
    return value


# Used after the parameter's Query(...): `Annotated[int, Query(ge=1), DIGITS_ONLY]`. (Nested
# inside the type instead, it turned the OpenAPI minimum and maximum into unknown keywords.)
DIGITS_ONLY = BeforeValidator(_digits_only)

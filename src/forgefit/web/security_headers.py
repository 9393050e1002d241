"""Adds the security headers (forgefit.pages.security) to every response: pages served from
memory, the API, errors and the guards' own 408/413 answers alike."""

from __future__ import annotations

from typing import Any

from forgefit.pages.security import SECURITY_HEADERS

Scope = dict[str, Any]
Message = dict[str, Any]

ENCODED_SECURITY_HEADERS = [(name.encode(), value.encode()) for name, value in SECURITY_HEADERS]
_NAMES = {name for name, _ in ENCODED_SECURITY_HEADERS}


class SecurityHeaders:
    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [h for h in message.get("headers", []) if h[0] not in _NAMES]
                message = {**message, "headers": headers + ENCODED_SECURITY_HEADERS}
            await send(message)

        await self.app(scope, receive, send_with_headers)

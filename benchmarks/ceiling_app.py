"""The fastest an ASGI app can be under Granian here: a ceiling for bench_api_serve.

It answers each saved file (the bytes ForgeFit answered, which nginx serves too) from memory,
with its content type and length and nothing else: no routing beyond a dictionary lookup, no
validation, no headers of our own. ForgeFit's memory path cannot beat it, so the ratio of this
app to nginx, measured in the same run, is the most any ASGI app could reach on this machine.

Started by bench_api_serve as `granian --interface asgi --factory
benchmarks.ceiling_app:create_app` with the folder in FORGEFIT_CEILING_ROOT.
"""

from __future__ import annotations

import os
from collections.abc import Awaitable, Callable, MutableMapping
from pathlib import Path
from typing import Any

Scope = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[MutableMapping[str, Any]]]
Send = Callable[[MutableMapping[str, Any]], Awaitable[None]]
TYPES = {".json": b"application/json", ".html": b"text/html; charset=utf-8"}


def create_app() -> Callable[[Scope, Receive, Send], Awaitable[None]]:
    root = Path(os.environ["FORGEFIT_CEILING_ROOT"])
    answers: dict[str, tuple[list[tuple[bytes, bytes]], bytes]] = {}
    for path in root.iterdir():
        body = path.read_bytes()
        headers = [
            (b"content-type", TYPES.get(path.suffix, b"application/octet-stream")),
            (b"content-length", str(len(body)).encode()),
        ]
        answers["/" + path.name] = (headers, body)

    async def app(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return  # lifespan: nothing to start or stop
        found = answers.get(scope["path"])
        if found is None:
            await send({"type": "http.response.start", "status": 404, "headers": []})
            await send({"type": "http.response.body", "body": b""})
            return
        headers, body = found
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": body})

    return app

"""What a page says about itself to search engines: its meta description and JSON-LD."""

from __future__ import annotations

import json
from typing import Any

META_DESCRIPTION_LENGTH = 155


def meta_description(text: str) -> str:
    if len(text) <= META_DESCRIPTION_LENGTH:
        return text
    cut = text[: META_DESCRIPTION_LENGTH - 1].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"


def json_ld(data: dict[str, Any]) -> str:
    # "</" must not appear inside a script element.
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")

"""The security headers every ForgeFit response carries, served or exported.

One place, so the web server and a static export's header file say the same thing. The
Content-Security-Policy allows scripts, styles, images and fonts from our own origin only: no
inline script anywhere (event handlers live in /static/forgefit.js), nothing from another host,
and no framing by other sites. The one inline style is the printable program's stylesheet (it
must work as a saved, standalone file); it is allowed by its hash, not by 'unsafe-inline'.
"""

from __future__ import annotations

import base64
import hashlib

from forgefit.training.export import PRINT_CSS


def _style_hash(css: str) -> str:
    digest = hashlib.sha256(css.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        f"style-src 'self' {_style_hash(PRINT_CSS)}",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)

SECURITY_HEADERS: tuple[tuple[str, str], ...] = (
    ("content-security-policy", CONTENT_SECURITY_POLICY),
    ("referrer-policy", "strict-origin-when-cross-origin"),
    ("x-content-type-options", "nosniff"),
    ("x-frame-options", "DENY"),
)


def headers_file() -> str:
    """The headers as a `_headers` file, the format static hosts such as Netlify and
    Cloudflare Pages read, so an exported site sends what the server sends."""
    lines = ["/*", *(f"  {name}: {value}" for name, value in SECURITY_HEADERS)]
    return "\n".join(lines) + "\n"

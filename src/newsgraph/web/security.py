"""Response headers, the write check (bearer token + same-origin), and the JSON error shape.

- Every response carries a Content-Security-Policy that allows scripts and styles only from this
  server (no inline script, no ``eval``), ``frame-ancestors 'none'``, ``nosniff`` and a strict
  Referrer-Policy. The OpenAPI page (``/docs``) gets its own policy naming its CDN and the hash of
  its one inline script.
- A write needs ``Authorization: Bearer TOKEN`` matching the configured token (compared in
  constant time), and is refused when the browser says it comes from another site
  (``Sec-Fetch-Site``) or its ``Origin`` is not this server. Without a configured token, writes
  are off.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
from typing import Any
from urllib.parse import urlsplit

from fastapi import HTTPException, Request

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
       "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}
_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)


def docs_csp(html: str, cdn: str = "https://cdn.jsdelivr.net") -> str:
    """A policy for the generated OpenAPI page: its CDN, and its inline scripts by hash only."""
    hashes = " ".join(f"'sha256-{base64.b64encode(hashlib.sha256(s.encode()).digest()).decode()}'"
                      for s in _INLINE_SCRIPT.findall(html))
    return (f"default-src 'self'; script-src 'self' {cdn} {hashes}; style-src 'self' {cdn}; "
            f"img-src 'self' data: https://fastapi.tiangolo.com; connect-src 'self'; object-src 'none'; "
            f"base-uri 'none'; frame-ancestors 'none'")


def error_body(status: int, message: str, errors: list[Any] | None = None) -> dict[str, Any]:
    """The one JSON error shape of the API and of every ``.json`` page."""
    return {"ok": False, "error": message, "errors": errors or [message], "status": status}


def wants_json(request: Request) -> bool:
    path = request.url.path
    return path.startswith("/api/") or path.endswith(".json") or path == "/openapi.json"


def same_origin(request: Request) -> bool:
    """False when the browser tells us the request comes from another site."""
    site = request.headers.get("sec-fetch-site")
    if site and site not in ("same-origin", "none"):
        return False
    origin = request.headers.get("origin")
    if origin and origin != "null":
        parts = urlsplit(origin)
        host = request.headers.get("host", "")
        return parts.netloc.lower() == host.lower()
    return origin != "null"


def check_write(request: Request, token: str | None) -> str:
    """Allow a write or raise: writes off (no token), forged (cross-site) or unauthorised; returns the actor."""
    if not token:
        raise HTTPException(403, "writes are off: start the server with --write-token to allow curation")
    if not same_origin(request):
        raise HTTPException(403, "cross-site write refused")
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), token.encode()):
        raise HTTPException(401, "a write needs Authorization: Bearer TOKEN", headers={"WWW-Authenticate": "Bearer"})
    return "web"

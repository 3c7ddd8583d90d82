"""Response headers, the write check (bearer token + same-origin), and the JSON error shape.

- Every response carries a Content-Security-Policy that allows scripts and styles only from this
  server (no inline script, no ``eval``), ``frame-ancestors 'none'``, ``nosniff`` and a strict
  Referrer-Policy. The OpenAPI page (``/docs``) is under the same policy: it loads a vendored
  Swagger UI and its initialiser from ``/static``.
- A write needs ``Authorization: Bearer TOKEN`` matching the configured token (compared in
  constant time), and is refused when the browser says it comes from another site
  (``Sec-Fetch-Site``) or its ``Origin`` is not this server. Without a configured token, writes
  are off.
"""

from __future__ import annotations

import hmac
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

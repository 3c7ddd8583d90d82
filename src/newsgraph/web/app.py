"""The web app: ``create_app(db)`` returns a FastAPI application over one knowledge base.

Layout (like datasette's): this module builds the app, its Jinja environment, the security
headers and the single error handler; ``api.py`` holds the JSON API (``/api/...``, documented at
``/docs``); ``pages.py`` holds the server-rendered pages, each with a ``.json`` twin; ``data.py``
the reads; ``markup.py`` the one helper that emits trusted HTML.

The base is opened read-only (SQLite ``mode=ro``); curation writes open it read-write on demand,
and only when a write token is configured.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jinja2
import sqlalchemy as sa
from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from sqlalchemy.engine import Connection
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..errors import NewsgraphError, NotFound, QueryError, StoreError
from ..store import Store
from ..store.schema import curation_log, sources
from . import security
from .markup import highlight

HERE = Path(__file__).parent
log = logging.getLogger("newsgraph.web")

__all__ = ["create_app"]


def _templates() -> Jinja2Templates:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(HERE / "templates"), autoescape=True,
                             undefined=jinja2.ChainableUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["highlight"] = highlight
    env.filters["kind_label"] = lambda k: str(k or "").replace("_", " ")
    return Jinja2Templates(env=env)


class ResponseCache:
    """Finished GET responses keyed by the base's version and the URL (LRU, bounded in entries and bytes).

    The base changes only by ingest (new ``sources`` rows) and curation (new ``curation_log``
    rows), so a response computed for one version stays right until either grows. A request with
    ``Cache-Control: no-cache`` is computed afresh.
    """

    def __init__(self, entries: int = 256, max_bytes: int = 64 << 20, max_item: int = 8 << 20) -> None:
        self.items: OrderedDict[tuple, tuple[int, bytes, list[tuple[bytes, bytes]]]] = OrderedDict()
        self.entries, self.max_bytes, self.max_item = entries, max_bytes, max_item
        self.size = 0
        self._lock = threading.Lock()

    def get(self, key: tuple) -> tuple[int, bytes, list[tuple[bytes, bytes]]] | None:
        with self._lock:
            hit = self.items.get(key)
            if hit is not None:
                self.items.move_to_end(key)
            return hit

    def put(self, key: tuple, status: int, body: bytes, headers: list[tuple[bytes, bytes]]) -> None:
        if len(body) > self.max_item:
            return
        with self._lock:
            if key in self.items:
                return
            self.items[key] = (status, body, headers)
            self.size += len(body)
            while self.items and (len(self.items) > self.entries or self.size > self.max_bytes):
                _key, (_status, old, _headers) = self.items.popitem(last=False)
                self.size -= len(old)


class WebState:
    """What the request handlers share: the read-only store, the write token, the writer (lazy)."""

    def __init__(self, store: Store, url: str | None, write_token: str | None) -> None:
        self.store = store
        self.url = url
        self.write_token = write_token or None
        self._writer: Store | None = None
        self._outlets: Any = None
        self._lock = threading.Lock()
        self.cache = ResponseCache()

    def outlets(self) -> Any:
        """The outlets file's kinds (``newsgraph.outlets.default_outlets``), read once."""
        if self._outlets is None:
            from ..outlets import default_outlets

            self._outlets = default_outlets()
        return self._outlets

    def writer(self) -> Store:
        with self._lock:
            if self._writer is None:
                self._writer = Store.open(self.url)
            return self._writer

    def version(self) -> tuple:
        """What changes whenever the base does: the newest source row (ingest) and curation entry."""
        with self.store.read() as conn:
            return (conn.execute(sa.select(sa.func.max(sources.c.id))).scalar(),
                    conn.execute(sa.select(sa.func.max(curation_log.c.id))).scalar())

    def close(self) -> None:
        self.store.close()
        if self._writer is not None:
            self._writer.close()


def create_app(db: str | None = None, *, write_token: str | None = None, store: Store | None = None) -> FastAPI:
    """The app over the base at DB (a URL or path; default ``$NEWSGRAPH_DB``), or an already open STORE.

    WRITE_TOKEN turns on the curation endpoints for requests that carry it as a bearer token.
    """
    own = store is None
    store = store or Store.open(db, readonly=True)
    app = FastAPI(title="newsgraph", version="1", docs_url=None, redoc_url=None,
                  description="A sourced, time-aware knowledge graph of political and security actors. "
                  "Every page of the web app has a `.json` twin; these are the API endpoints.")
    app.state.web = WebState(store, db, write_token)
    app.state.templates = _templates()
    if own:
        app.router.on_shutdown.append(app.state.web.close)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    _install_headers(app)
    _install_errors(app)
    _install_docs(app)
    from . import api, pages

    app.include_router(api.router)
    app.include_router(pages.router)
    return app


def get_conn(request: Request) -> Iterator[Connection]:
    """A read connection for one request (a dependency)."""
    with request.app.state.web.store.read() as conn:
        yield conn


def web_state(request: Request) -> WebState:
    return request.app.state.web


_CACHED = ("/api/", "/entities/", "/network", "/articles/", "/posts", "/search")


async def _cached_call(request: Request, call_next) -> Response:
    """The response from the cache when the base has not changed since it was made, else made and kept."""
    path = request.url.path
    if request.method != "GET" or not (path == "/" or path.startswith(_CACHED)) or \
            "no-cache" in request.headers.get("cache-control", ""):
        return await call_next(request)
    state: WebState = request.app.state.web
    key = (await run_in_threadpool(state.version), path, request.url.query)
    hit = state.cache.get(key)
    if hit is not None:
        status, body, raw = hit
        response = Response(body, status_code=status)
        response.raw_headers = [*raw, (b"x-cache", b"hit")]
        return response
    response = await call_next(request)
    if response.status_code != 200:
        return response
    body = b"".join([chunk async for chunk in response.body_iterator])
    raw = [(k, v) for k, v in response.raw_headers if k.lower() not in (b"server-timing", b"x-cache")]
    state.cache.put(key, response.status_code, body, raw)
    fresh = Response(body, status_code=response.status_code)
    fresh.raw_headers = [*raw, (b"x-cache", b"miss")]
    return fresh


def _install_headers(app: FastAPI) -> None:
    @app.middleware("http")
    async def headers(request: Request, call_next) -> Response:
        started = time.perf_counter()
        response = await _cached_call(request, call_next)
        response.headers["Server-Timing"] = f"app;dur={(time.perf_counter() - started) * 1000:.1f}"
        response.headers.setdefault("Content-Security-Policy", security.CSP)
        for key, value in security.HEADERS.items():
            response.headers.setdefault(key, value)
        if request.url.path.startswith("/api/") or request.url.path.endswith(".json"):
            response.headers.setdefault("Cache-Control", "no-store")
        return response


def _error_response(request: Request, status: int, message: str, errors: list[Any] | None = None,
                    headers: dict[str, str] | None = None) -> Response:
    # the 500 handler runs outside the header middleware, so errors carry the headers themselves
    headers = {"Content-Security-Policy": security.CSP, **security.HEADERS, **(headers or {})}
    if security.wants_json(request) or "application/json" in request.headers.get("accept", ""):
        return JSONResponse(security.error_body(status, message, errors), status_code=status, headers=headers)
    templates: Jinja2Templates = request.app.state.templates
    return templates.TemplateResponse(request, "error.html", {"status": status, "message": message},
                                      status_code=status, headers=headers)


def _install_errors(app: FastAPI) -> None:
    """One error shape; library errors get a status; nothing ever shows a traceback."""

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        message = exc.detail if isinstance(exc.detail, str) else "error"
        return _error_response(request, exc.status_code, message, headers=getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        errors = [f"{'.'.join(str(p) for p in e.get('loc', ())[1:]) or 'request'}: {e.get('msg')}"
                  for e in exc.errors()]
        return _error_response(request, 400, errors[0] if errors else "invalid request", errors)

    @app.exception_handler(NewsgraphError)
    async def library_error(request: Request, exc: NewsgraphError) -> Response:
        if isinstance(exc, NotFound):
            return _error_response(request, 404, str(exc))
        if isinstance(exc, QueryError):
            return _error_response(request, 400, str(exc))
        if isinstance(exc, StoreError):
            log.warning("store error on %s: %s", request.url.path, exc)
            return _error_response(request, 503, "the knowledge base is unavailable; try again")
        return _error_response(request, 400, str(exc))

    @app.exception_handler(Exception)
    async def crash(request: Request, exc: Exception) -> Response:
        log.exception("error on %s", request.url.path)
        return _error_response(request, 500, "internal error (the server log has the details)")


def _install_docs(app: FastAPI) -> None:
    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> FileResponse:
        return FileResponse(HERE / "static" / "favicon.svg", media_type="image/svg+xml")

    @app.get("/docs", include_in_schema=False)
    def docs(request: Request) -> Response:
        """Swagger UI from this server's own copy (static/vendor/swagger-ui), started by static/docs.js.

        No CDN (the page works offline) and no inline script, so the app's one strict policy applies.
        """
        templates: Jinja2Templates = request.app.state.templates
        return templates.TemplateResponse(request, "docs.html", {"openapi_url": app.openapi_url})


def not_found(what: str) -> HTTPException:
    return HTTPException(404, f"no such {what}")

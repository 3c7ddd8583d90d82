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
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jinja2
from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from sqlalchemy.engine import Connection
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..errors import NewsgraphError, NotFound, QueryError, StoreError
from ..store import Store
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


class WebState:
    """What the request handlers share: the read-only store, the write token, the writer (lazy)."""

    def __init__(self, store: Store, url: str | None, write_token: str | None) -> None:
        self.store = store
        self.url = url
        self.write_token = write_token or None
        self._writer: Store | None = None
        self._outlets: Any = None
        self._lock = threading.Lock()

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


def _install_headers(app: FastAPI) -> None:
    @app.middleware("http")
    async def headers(request: Request, call_next) -> Response:
        response = await call_next(request)
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
    def docs() -> HTMLResponse:
        page = get_swagger_ui_html(openapi_url="/openapi.json", title="newsgraph API")
        html = page.body.decode()
        return HTMLResponse(html, headers={"Content-Security-Policy": security.docs_csp(html)})


def not_found(what: str) -> HTTPException:
    return HTTPException(404, f"no such {what}")

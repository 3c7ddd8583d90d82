"""Server-rendered pages. Each page has a ``.json`` twin with the data it renders, advertised by
``Link: <...>; rel="alternate"; type="application/json"`` (and a ``<link>`` in the page head).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response
from sqlalchemy.engine import Connection

from . import data
from .api import DATE, MAX_ID, clean
from .app import WebState, get_conn, not_found, web_state

router = APIRouter(include_in_schema=False)
Conn = Annotated[Connection, Depends(get_conn)]
State = Annotated[WebState, Depends(web_state)]
_ARTICLE_ID = re.compile(r"[0-9A-Za-z_-]{1,64}")
TypeFilter = Annotated[str | None, Query(max_length=32, pattern=r"^[A-Za-z_]*$")]


def _render(request: Request, template: str, payload: dict[str, Any], json_path: str,
            extra: dict[str, Any] | None = None) -> Response:
    """PAYLOAD as JSON on the ``.json`` twin, else the page; both say where the other is."""
    query = request.url.query
    if request.url.path.endswith(".json"):
        return JSONResponse(payload)
    json_url = json_path + (f"?{query}" if query else "")
    context = {**payload, **(extra or {}), "json_url": json_url,
               "writes": bool(request.app.state.web.write_token)}
    return request.app.state.templates.TemplateResponse(
        request, template, context, headers={"Link": f'<{json_url}>; rel="alternate"; type="application/json"'})


@router.get("/")
@router.get("/search")
@router.get("/search.json")
def search_page(request: Request, conn: Conn,
                q: Annotated[str | None, Query(max_length=200)] = None, type: TypeFilter = None) -> Response:
    q, type = clean(q) or "", type or None
    results = data.search_entities(conn, q, type, limit=50)
    payload = {"q": q, "type": type, "results": results, "types": data.entity_types(conn),
               "stats": data.stats(conn)}
    return _render(request, "search.html", payload, "/search.json")


@router.get("/entities/{entity_id:int}")
@router.get("/entities/{entity_id:int}.json")
def entity_page(request: Request, conn: Conn, entity_id: int) -> Response:
    if not 1 <= entity_id <= MAX_ID:
        raise not_found("entity")
    live = data.survivor(conn, entity_id)
    if live is None:
        raise not_found("entity")
    if live != entity_id:
        suffix = ".json" if request.url.path.endswith(".json") else ""
        return RedirectResponse(f"/entities/{live}{suffix}", status_code=302)
    payload = data.profile(conn, live)
    today = dt.date.today().isoformat()
    extra = {"tenure_chart": data.chart(payload["tenure"], today), "staff_chart": data.chart(payload["staff"], today)}
    return _render(request, "entity.html", payload, f"/entities/{live}.json", extra)


@router.get("/network")
@router.get("/network.json")
def network_page(request: Request, conn: Conn,
                 entity: Annotated[str | None, Query(pattern=r"^\d{0,18}$")] = None,
                 depth: Annotated[int, Query(ge=1, le=data.MAX_DEPTH)] = 1,
                 relation: Annotated[list[str] | None, Query(max_length=20)] = None,
                 since: Annotated[str | None, Query(pattern=DATE)] = None,
                 until: Annotated[str | None, Query(pattern=DATE)] = None) -> Response:
    center_id = int(entity) if entity else None
    if center_id is not None and (not 1 <= center_id <= MAX_ID or data.survivor(conn, center_id) is None):
        raise not_found("entity")
    kinds = [k for r in relation or [] for k in r.split(",") if k]
    since, until = since or None, until or None
    graph = data.network(conn, center_id, depth, kinds, since, until)
    if request.url.path.endswith(".json"):
        return JSONResponse(graph)
    center = data.entity_names_for(conn, [graph["center"]]).get(graph["center"]) if graph["center"] else None
    params = {"entity": graph["center"] or "", "depth": depth, "since": since or "", "until": until or ""}
    api_url = "/api/network?" + urlencode({**params, "relation": ",".join(kinds)})
    payload = {"center": center, "depth": depth, "relation": kinds, "since": since, "until": until,
               "kinds": data.EDGE_KINDS, "nodes": len(graph["nodes"]), "edges": len(graph["edges"]),
               "api_url": api_url}
    return _render(request, "network.html", payload, "/network.json")


@router.get("/articles/{article_id}")
@router.get("/articles/{article_id}.json")
def article_page(request: Request, conn: Conn, article_id: str) -> Response:
    article_id = article_id.removesuffix(".json")
    found = data.article_view(conn, article_id) if _ARTICLE_ID.fullmatch(article_id) else None
    if found is None:
        raise not_found("article")
    return _render(request, "article.html", found, f"/articles/{article_id}.json")


@router.get("/posts")
@router.get("/posts.json")
def post_page(request: Request, conn: Conn,
              title: Annotated[str | None, Query(max_length=200)] = None,
              on: Annotated[str | None, Query(pattern=DATE)] = None) -> Response:
    title, on = clean(title) or "", on or None
    found = data.holders(conn, title, on) if title else {"title": "", "on": on, "titles": [], "holders": [],
                                                             "facts": []}
    today = dt.date.today().isoformat()
    return _render(request, "post.html", found, "/posts.json", {"chart": data.chart(found["holders"], today)})

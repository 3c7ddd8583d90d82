"""Server-rendered pages over ``newsgraph.query``. Each page has a ``.json`` twin with the data it
renders, advertised by ``Link: <...>; rel="alternate"; type="application/json"`` and a ``<link>``.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response

from .. import query
from ..errors import QueryError
from . import data
from .api import DATE, MAX_ID, Conn, Relation, State, clean, live_entity, network, search_entities
from .app import not_found

router = APIRouter(include_in_schema=False)
_ARTICLE_ID = re.compile(r"[0-9a-f]{4,64}")
TypeFilter = Annotated[str | None, Query(max_length=32, pattern=r"^[A-Za-z_]*$")]


def _render(request: Request, template: str, payload: dict[str, Any], json_path: str,
            extra: dict[str, Any] | None = None) -> Response:
    """PAYLOAD as JSON on the ``.json`` twin, else the page; both say where the other is."""
    query_string = request.url.query
    if request.url.path.endswith(".json"):
        return JSONResponse(payload)
    json_url = json_path + (f"?{query_string}" if query_string else "")
    context = {**payload, **(extra or {}), "json_url": json_url, "writes": bool(request.app.state.web.write_token)}
    return request.app.state.templates.TemplateResponse(
        request, template, context, headers={"Link": f'<{json_url}>; rel="alternate"; type="application/json"'})


def _today() -> str:
    return dt.date.today().isoformat()


@router.get("/")
@router.get("/search")
@router.get("/search.json")
def search_page(request: Request, state: State, conn: Conn,
                q: Annotated[str | None, Query(max_length=200)] = None, type: TypeFilter = None) -> Response:
    q, type = clean(q) or "", type or None
    payload = {"q": q, "type": type, "results": search_entities(state, q, type, 50),
               "types": data.entity_types(conn), "stats": query.stats(state.store)}
    return _render(request, "search.html", payload, "/search.json")


@router.get("/entities/{entity_id:int}")
@router.get("/entities/{entity_id:int}.json")
def entity_page(request: Request, state: State, conn: Conn, entity_id: int) -> Response:
    live = data.survivor(conn, entity_id) if 1 <= entity_id <= MAX_ID else None
    if live is None:
        raise not_found("entity")
    if live != entity_id:
        suffix = ".json" if request.url.path.endswith(".json") else ""
        return RedirectResponse(f"/entities/{live}{suffix}", status_code=302)
    show = query.show(state.store, live)
    as_json = request.url.path.endswith(".json")
    sources = data.sources_by_kind(data.profile_sources(show), state.outlets())
    more = {}
    if not as_json:  # a page shows the first PAGE_ITEMS of each list; the .json twin has them all
        for key in ("positions", "personnel", "events", "quotes", "relations"):
            more[key] = max(0, len(show[key]) - data.PAGE_ITEMS)
            show[key] = show[key][:data.PAGE_ITEMS]
    data.quote_sentences(conn, show["quotes"])
    data.summaries(show["personnel"])
    tenure = data.tenure_rows(show["positions"], "post")
    staff = data.tenure_rows(data.staff(conn, live), "person") if show["entity"]["type"] != "PERSON" else []
    payload = {**show, "tenure": tenure, "staff": staff, "sources_by_kind": sources}
    extra = {"tenure_chart": data.chart(tenure, _today()), "staff_chart": data.chart(staff, _today()),
             "more": more, "page_items": data.PAGE_ITEMS}
    return _render(request, "entity.html", payload, f"/entities/{live}.json", extra)


@router.get("/network")
@router.get("/network.json")
def network_page(request: Request, state: State, conn: Conn,
                 entity: Annotated[str | None, Query(pattern=r"^\d{0,18}$")] = None,
                 depth: Annotated[int, Query(ge=1, le=data.MAX_DEPTH)] = 1,
                 relation: Relation = None,
                 since: Annotated[str | None, Query(pattern=DATE)] = None,
                 until: Annotated[str | None, Query(pattern=DATE)] = None) -> Response:
    center_id = int(entity) if entity else None
    if center_id is not None and not 1 <= center_id <= MAX_ID:
        raise not_found("entity")
    if request.url.path.endswith(".json"):
        return network(state, conn, center_id, depth, relation, since, until)
    # the page is the frame; its script loads the graph from the API (the same data as the .json twin)
    center_id = live_entity(conn, center_id) if center_id is not None else data.most_connected(conn)
    center = data.entity_ref(conn, center_id) if center_id else None
    params = {"entity": center_id or "", "depth": depth, "relation": relation or "", "since": since or "",
              "until": until or "", "evidence": data.PAGE_EVIDENCE}
    payload = {"center": center, "depth": depth, "relation": relation or "", "since": since, "until": until,
               "kinds": data.EDGE_KINDS,
               "api_url": "/api/network?" + urlencode({k: v for k, v in params.items() if v != ""})}
    return _render(request, "network.html", payload, "/network.json")


@router.get("/articles/{article_id}")
@router.get("/articles/{article_id}.json")
def article_page(request: Request, state: State, conn: Conn, article_id: str) -> Response:
    article_id = article_id.removesuffix(".json")
    if not _ARTICLE_ID.fullmatch(article_id):
        raise not_found("article")
    found = query.article(state.store, article_id)
    data.summaries(found["facts"])
    types = data.entity_types_of(conn, {m["entity"]["id"] for m in found["mentions"] if m.get("entity")})
    for m in found["mentions"]:
        if m.get("entity"):
            m["entity"]["type"] = types.get(m["entity"]["id"])
    return _render(request, "article.html", found, f"/articles/{found['id']}.json")


@router.get("/posts")
@router.get("/posts.json")
def post_page(request: Request, state: State,
              title: Annotated[str | None, Query(max_length=200)] = None,
              on: Annotated[str | None, Query(pattern=DATE)] = None) -> Response:
    title, on = clean(title) or "", on or None
    try:
        counts: dict[str, Any] = {}
        found = query.holders(state.store, title, on, counts=counts) if title else []
    except QueryError as err:  # not a post: say so on the page (the .json twin answers 400)
        if request.url.path.endswith(".json"):
            raise
        return _render(request, "post.html", {"title": title, "on": on, "holders": [], "rows": [],
                                              "error": str(err)}, "/posts.json")
    rows = data.tenure_rows(found, "person")
    payload = {"title": title, "on": on, "holders": found, "rows": rows, "counts": counts}
    return _render(request, "post.html", payload, "/posts.json", {"chart": data.chart(rows, _today())})

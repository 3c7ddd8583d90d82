"""The JSON API under ``/api``: ``newsgraph.query`` and ``newsgraph.curate`` over HTTP, documented at ``/docs``.

Each read returns the query function's answer unchanged (the same JSON as the CLI's ``--json``),
so the shapes are documented once, in ``newsgraph.query``. Writes (curation) need the configured
bearer token and a same-origin request (``security.check_write``); each goes through
``newsgraph.curate``, which applies it and appends it to the curation log.
"""

from __future__ import annotations

import json
import re
from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, HTTPException, Path, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from sqlalchemy.engine import Connection

from .. import curate, query
from ..extract.context import name_key
from . import data, security
from .app import WebState, get_conn, not_found, web_state


class FastJSON(JSONResponse):
    """JSON straight from the query's plain data (dicts, lists, str, numbers).

    Routes return it instead of a dict so that FastAPI neither validates nor re-encodes the answer
    field by field (a profile of a busy entity is a megabyte of JSON).
    """

    def render(self, content: Any) -> bytes:
        return json.dumps(content, ensure_ascii=False, separators=(",", ":"), default=str).encode("utf-8")


router = APIRouter(prefix="/api", tags=["api"], default_response_class=FastJSON)

MAX_ID = 2**62
_WORD = re.compile(r"[^\W_]")
DATE = r"^(\d{4}(-\d{2}(-\d{2})?)?)?$"  # empty means no bound (forms send it)
EntityId = Annotated[int, Path(ge=1, le=MAX_ID, description="an entity id")]
FactId = Annotated[int, Path(ge=1, le=MAX_ID, description="a fact id")]
ArticleId = Annotated[str, Path(min_length=4, max_length=64, pattern=r"^[0-9a-f]+$",
                                description="an article id (16 hex characters, or a unique prefix)")]
Conn = Annotated[Connection, Depends(get_conn)]
State = Annotated[WebState, Depends(web_state)]
Relation = Annotated[str | None, Query(max_length=32, pattern=r"^[a-z_]*$",
                                       description="keep edges of this kind (event, position, ...) or relation "
                                       "(rival_of, part_of, ...)")]


def clean(text: str | None) -> str | None:
    """User text without NUL characters (PostgreSQL refuses them) and edge spaces."""
    return text.replace("\x00", "").strip() if text is not None else None


def live_entity(conn: Connection, entity_id: int) -> int:
    """The live entity ENTITY_ID is now (after merges), or 404."""
    live = data.survivor(conn, entity_id)
    if live is None:
        raise not_found("entity")
    return live


@router.get("/stats", summary="How much the knowledge base holds")
def stats(state: State) -> FastJSON:
    return FastJSON(query.stats(state.store))


@router.get("/entities", summary="Search entities by name or alias (query.list_entities)")
def entities(state: State,
             search: Annotated[str | None, Query(max_length=200, description="part of a name or alias")] = None,
             type: Annotated[str | None, Query(max_length=32, pattern=r"^[A-Za-z_]*$",
                                               description="PERSON, ORG, GPE, ...")] = None,
             limit: Annotated[int, Query(ge=1, le=500)] = 50) -> FastJSON:
    return FastJSON(search_entities(state, clean(search), type or None, limit))


def search_entities(state: WebState, search: str | None, type: str | None, limit: int) -> list[dict[str, Any]]:
    """``query.list_entities``, except that a search with no letters or digits ('%', '_') finds nothing."""
    if search and not (name_key(search) and _WORD.search(search)):
        return []
    return query.list_entities(state.store, type, search or None, limit)


@router.get("/entities/{entity_id}", summary="One entity: the `newsgraph show --json` shape (query.show)")
def entity(state: State, conn: Conn, entity_id: EntityId) -> FastJSON:
    return FastJSON(query.show(state.store, live_entity(conn, entity_id)))


@router.get("/entities/{entity_id}/quotes", summary="What an entity said or relayed (query.quotes)")
def entity_quotes(state: State, conn: Conn, entity_id: EntityId) -> FastJSON:
    return FastJSON(query.quotes(state.store, live_entity(conn, entity_id)))


@router.get("/entities/{entity_id}/timeline", summary="Every fact about an entity by date (query.timeline)")
def entity_timeline(state: State, conn: Conn, entity_id: EntityId) -> FastJSON:
    return FastJSON(query.timeline(state.store, live_entity(conn, entity_id)))


@router.get("/resolve", summary="Which entities a name may denote (query.find_entities)")
def resolve(state: State, name: Annotated[str, Query(min_length=1, max_length=200)],
            type: Annotated[str | None, Query(max_length=32, pattern=r"^[A-Za-z_]*$")] = None
            ) -> FastJSON:
    return FastJSON(query.find_entities(state.store, clean(name) or "", type or None))


@router.get("/holders", summary="Who held a post over time (query.holders)")
def holders(state: State,
            title: Annotated[str, Query(min_length=1, max_length=200, description="a post, e.g. interior minister")],
            on: Annotated[str | None, Query(pattern=DATE, description="only those holding it that day")] = None
            ) -> FastJSON:
    title = clean(title)
    return FastJSON(query.holders(state.store, title, on or None) if title else [])


@router.get("/articles/{article_id}", summary="An article: text, metadata, mentions and facts with spans")
def article(state: State, article_id: ArticleId) -> FastJSON:
    return FastJSON(query.article(state.store, article_id))


@router.get("/network", summary="The neighbourhood of an entity: nodes, and edges with their evidence")
def network(state: State, conn: Conn,
            entity: Annotated[int | None, Query(ge=1, le=MAX_ID, description="the centre (default: the most "
                                                "connected entity)")] = None,
            depth: Annotated[int, Query(ge=1, le=data.MAX_DEPTH)] = 1,
            relation: Relation = None,
            since: Annotated[str | None, Query(pattern=DATE)] = None,
            until: Annotated[str | None, Query(pattern=DATE)] = None,
            evidence: Annotated[int | None, Query(ge=0, le=1000, description="at most this many evidence items "
                                                  "per edge (default: all)")] = None) -> FastJSON:
    center = live_entity(conn, entity) if entity is not None else data.most_connected(conn)
    if center is None:
        return FastJSON({"center": None, "nodes": [], "edges": []})
    graph = query.network(state.store, center, depth, relation or None, since or None, until or None)
    if evidence is not None:
        for edge in graph["edges"]:
            edge["evidence"] = edge["evidence"][:evidence]
    return FastJSON(data.annotate_network(graph, center))


@router.get("/path", summary="The shortest chain of facts linking two entities (query.path)")
def path(state: State, conn: Conn, a: Annotated[int, Query(ge=1, le=MAX_ID)],
         b: Annotated[int, Query(ge=1, le=MAX_ID)]) -> FastJSON:
    return FastJSON(query.path(state.store, live_entity(conn, a), live_entity(conn, b)))


@router.get("/failures", summary="Inputs that could not be stored, and why")
def failures(state: State) -> FastJSON:
    return FastJSON(query.failures(state.store))


@router.get("/curation", summary="The curation log, oldest first")
def curation_log(state: State) -> FastJSON:
    return FastJSON(curate.log(state.store))


# -- curation ---------------------------------------------------------------------------------

class Merge(BaseModel):
    into: int = Field(ge=1, le=MAX_ID, description="the entity that survives; this one is merged into it")
    note: str | None = Field(None, max_length=1000)


class Rename(BaseModel):
    name: str = Field(min_length=1, max_length=300)
    note: str | None = Field(None, max_length=1000)


class Split(BaseModel):
    names: list[str] = Field(min_length=1, max_length=50, description="names that denote another entity")
    note: str | None = Field(None, max_length=1000)


class Note(BaseModel):
    note: str | None = Field(None, max_length=1000)


def _written(result: Any, action: str) -> dict[str, Any]:
    return {"ok": True, "action": action, "result": result}


@router.post("/entities/{entity_id}/merge", summary="Merge this entity into another (needs the write token)")
def merge(request: Request, state: State, entity_id: EntityId, body: Annotated[Merge, Body()]) -> dict[str, Any]:
    actor = security.check_write(request, state.write_token)
    return _written(curate.merge(state.writer(), body.into, entity_id, note=clean(body.note), actor=actor), "merge")


@router.post("/entities/{entity_id}/split", summary="Split names off into a new entity (needs the write token)")
def split(request: Request, state: State, entity_id: EntityId, body: Annotated[Split, Body()]) -> dict[str, Any]:
    actor = security.check_write(request, state.write_token)
    names = [n for n in (clean(n) for n in body.names) if n]
    if not names:
        raise HTTPException(400, "names: give at least one name")
    return _written(curate.split(state.writer(), entity_id, names, note=clean(body.note), actor=actor), "split")


@router.post("/entities/{entity_id}/rename", summary="Set an entity's canonical name (needs the write token)")
def rename(request: Request, state: State, entity_id: EntityId, body: Annotated[Rename, Body()]) -> dict[str, Any]:
    actor = security.check_write(request, state.write_token)
    name = clean(body.name)
    if not name:
        raise HTTPException(400, "name: give the new name")
    return _written(curate.rename(state.writer(), entity_id, name, note=clean(body.note), actor=actor), "rename")


@router.post("/facts/{fact_id}/reject", summary="Retract a wrong fact (needs the write token)")
def reject(request: Request, state: State, fact_id: FactId, body: Annotated[Note | None, Body()] = None
           ) -> dict[str, Any]:
    actor = security.check_write(request, state.write_token)
    return _written(curate.reject(state.writer(), fact_id, note=clean(body.note) if body else None, actor=actor),
                    "reject")


@router.post("/facts/{fact_id}/confirm", summary="Confirm a fact as checked (needs the write token)")
def confirm(request: Request, state: State, fact_id: FactId, body: Annotated[Note | None, Body()] = None
            ) -> dict[str, Any]:
    actor = security.check_write(request, state.write_token)
    return _written(curate.confirm(state.writer(), fact_id, note=clean(body.note) if body else None, actor=actor),
                    "confirm")

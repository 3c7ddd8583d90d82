"""The JSON API under ``/api``: the CLI's reads and curation, documented at ``/docs``.

Reads take a read-only connection per request. Writes (curation) need the configured bearer
token and a same-origin request (``security.check_write``); each goes through
``newsgraph.curate``, which records it in the curation log.
"""

from __future__ import annotations

import importlib
from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, HTTPException, Path, Query, Request
from pydantic import BaseModel, Field
from sqlalchemy.engine import Connection

from . import data, security
from .app import WebState, get_conn, not_found, web_state

router = APIRouter(prefix="/api", tags=["api"])

MAX_ID = 2**62
DATE = r"^(\d{4}(-\d{2}(-\d{2})?)?)?$"  # empty means no bound (forms send it)
EntityId = Annotated[int, Path(ge=1, le=MAX_ID, description="an entity id")]
FactId = Annotated[int, Path(ge=1, le=MAX_ID, description="a fact id")]
ArticleId = Annotated[str, Path(min_length=1, max_length=64, pattern=r"^[0-9A-Za-z_-]+$",
                                description="an article id (16 hex characters)")]
Conn = Annotated[Connection, Depends(get_conn)]


def clean(text: str | None) -> str | None:
    """User text without NUL characters (PostgreSQL refuses them) and edge spaces."""
    return text.replace("\x00", "").strip() if text is not None else None


@router.get("/stats", summary="How much the knowledge base holds")
def stats(conn: Conn) -> dict[str, int]:
    return data.stats(conn)


@router.get("/entities", summary="Search entities by name or alias")
def entities(conn: Conn,
             search: Annotated[str | None, Query(max_length=200, description="part of a name or alias")] = None,
             type: Annotated[str | None, Query(max_length=32, pattern=r"^[A-Za-z_]+$",
                                               description="PERSON, ORG, GPE, ...")] = None,
             limit: Annotated[int, Query(ge=1, le=500)] = 50,
             offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0) -> list[dict[str, Any]]:
    return data.search_entities(conn, clean(search), type, limit, offset)


@router.get("/entities/{entity_id}", summary="One entity: names, positions, events, quotes, relations")
def entity(conn: Conn, entity_id: EntityId) -> dict[str, Any]:
    live = data.survivor(conn, entity_id)
    if live is None:
        raise not_found("entity")
    return data.profile(conn, live)


@router.get("/entities/{entity_id}/quotes", summary="What an entity said, each quote in its sentence")
def entity_quotes(conn: Conn, entity_id: EntityId) -> list[dict[str, Any]]:
    live = data.survivor(conn, entity_id)
    if live is None:
        raise not_found("entity")
    quotes = data.entity_facts(conn, data.members(conn, live))["quotes"]
    if quotes:
        data.quote_sentences(conn, quotes)
    return quotes


@router.get("/holders", summary="Who held a post over time")
def holders(conn: Conn,
            title: Annotated[str, Query(min_length=1, max_length=200, description="part of a post's title")],
            on: Annotated[str | None, Query(pattern=DATE, description="only those holding it that day")] = None
            ) -> dict[str, Any]:
    return data.holders(conn, clean(title) or "", on or None)


@router.get("/articles/{article_id}", summary="An article: text, metadata, mentions and facts with spans")
def article(conn: Conn, article_id: ArticleId) -> dict[str, Any]:
    found = data.article_view(conn, article_id)
    if found is None:
        raise not_found("article")
    return found


@router.get("/facts/{fact_id}", summary="One fact with its evidence and article")
def fact(conn: Conn, fact_id: FactId) -> dict[str, Any]:
    found = data.fact_view(conn, fact_id)
    if found is None:
        raise not_found("fact")
    return found


@router.get("/network", summary="The neighbourhood of an entity as nodes and edges with evidence")
def network(conn: Conn,
            entity: Annotated[int | None, Query(ge=1, le=MAX_ID, description="centre (default: most connected)")
                              ] = None,
            depth: Annotated[int, Query(ge=1, le=data.MAX_DEPTH)] = 1,
            relation: Annotated[list[str] | None, Query(max_length=20, description="edge kinds to keep")] = None,
            since: Annotated[str | None, Query(pattern=DATE)] = None,
            until: Annotated[str | None, Query(pattern=DATE)] = None) -> dict[str, Any]:
    if entity is not None and data.survivor(conn, entity) is None:
        raise not_found("entity")
    kinds = [k for r in relation or [] for k in r.split(",") if k]
    return data.network(conn, entity, depth, kinds, since or None, until or None)


@router.get("/failures", summary="Inputs that could not be stored, and why")
def failures(conn: Conn) -> list[dict[str, Any]]:
    return data.failures(conn)


# -- curation ---------------------------------------------------------------------------------

class Merge(BaseModel):
    into: int = Field(ge=1, le=MAX_ID, description="the entity that survives")
    note: str | None = Field(None, max_length=1000)


class Rename(BaseModel):
    name: str = Field(min_length=1, max_length=300)
    note: str | None = Field(None, max_length=1000)


class Split(BaseModel):
    names: list[str] = Field(min_length=1, max_length=50, description="names or aliases that are another entity")
    note: str | None = Field(None, max_length=1000)


class Note(BaseModel):
    note: str | None = Field(None, max_length=1000)


def _curate(request: Request, state: WebState, action: str, *args: Any, note: str | None = None) -> dict[str, Any]:
    """Run one curation action through ``newsgraph.curate`` (which logs it) on the read-write store."""
    actor = security.check_write(request, state.write_token)
    try:
        curate = importlib.import_module("newsgraph.curate")
    except ModuleNotFoundError as err:
        raise HTTPException(501, "curation is not available in this installation") from err
    func = getattr(curate, action, None)
    if func is None:
        raise HTTPException(501, f"curation action {action!r} is not available")
    result = func(state.writer(), *args, actor=actor, note=clean(note))
    return {"ok": True, "action": action, "result": result if isinstance(result, dict | list) else None}


Write = Annotated[WebState, Depends(web_state)]


@router.post("/entities/{entity_id}/merge", summary="Merge this entity into another (needs the write token)")
def merge(request: Request, state: Write, entity_id: EntityId, body: Annotated[Merge, Body()]) -> dict[str, Any]:
    return _curate(request, state, "merge", entity_id, body.into, note=body.note)


@router.post("/entities/{entity_id}/split", summary="Split names off into a new entity (needs the write token)")
def split(request: Request, state: Write, entity_id: EntityId, body: Annotated[Split, Body()]) -> dict[str, Any]:
    return _curate(request, state, "split", entity_id, [clean(n) for n in body.names], note=body.note)


@router.post("/entities/{entity_id}/rename", summary="Set an entity's canonical name (needs the write token)")
def rename(request: Request, state: Write, entity_id: EntityId, body: Annotated[Rename, Body()]) -> dict[str, Any]:
    return _curate(request, state, "rename", entity_id, clean(body.name), note=body.note)


@router.post("/facts/{fact_id}/reject", summary="Retract a wrong fact (needs the write token)")
def reject(request: Request, state: Write, fact_id: FactId, body: Annotated[Note | None, Body()] = None
           ) -> dict[str, Any]:
    return _curate(request, state, "reject", fact_id, note=body.note if body else None)


@router.post("/facts/{fact_id}/confirm", summary="Confirm a fact as checked (needs the write token)")
def confirm(request: Request, state: Write, fact_id: FactId, body: Annotated[Note | None, Body()] = None
            ) -> dict[str, Any]:
    return _curate(request, state, "confirm", fact_id, note=body.note if body else None)

"""Basic reads of the knowledge base: counts, failures, articles, an entity listing.

Richer queries (timelines, who-held-what, graph walks) live in ``newsgraph.query``; these are
the reads that ingest and its CLI need.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from .schema import article_entities, articles, entities, facts, failures, sources


def stats(conn: Connection) -> dict[str, int]:
    """How big the base is: ``articles``, ``entities``, ``facts``, ``failed``, ``duplicates``."""
    def count(table: sa.Table, *where) -> int:
        return conn.execute(sa.select(sa.func.count()).select_from(table).where(*where)).scalar() or 0

    return {
        "articles": count(articles),
        "entities": count(entities, entities.c.merged_into.is_(None)),
        "facts": count(facts, facts.c.retracted.is_(False)),
        "failed": count(failures),
        "duplicates": count(sources, sources.c.is_primary.is_(False)),
    }


def list_failures(conn: Connection) -> list[dict[str, Any]]:
    """Every article that could not be stored, oldest first, with why."""
    rows = conn.execute(sa.select(failures).order_by(failures.c.failed_at, failures.c.id)).mappings()
    return [
        {"key": r["key"], "origin": r["origin"], "article_id": r["article_id"], "stage": r["stage"],
         "reason": r["reason"], "failed_at": r["failed_at"].isoformat() if r["failed_at"] else None}
        for r in rows
    ]


def get_article(conn: Connection, article_id: str) -> dict[str, Any] | None:
    row = conn.execute(sa.select(articles).where(articles.c.id == article_id)).mappings().first()
    return dict(row) if row else None


def list_sources(conn: Connection, article_id: str) -> list[dict[str, Any]]:
    """Every copy of the article: the first (``is_primary``), then near-duplicates, in ingest order."""
    rows = conn.execute(sa.select(sources).where(sources.c.article_id == article_id)
                        .order_by(sources.c.is_primary.desc(), sources.c.id)).mappings()
    return [dict(r) for r in rows]


def list_entities(conn: Connection, type: str | None = None, limit: int | None = None) -> list[dict[str, Any]]:
    """Live entities with how many articles mention them, most mentioned first."""
    n_articles = sa.func.count(sa.distinct(article_entities.c.article_id)).label("articles")
    query = (
        sa.select(entities.c.id, entities.c.type, entities.c.name, n_articles)
        .select_from(entities.outerjoin(article_entities, article_entities.c.entity_id == entities.c.id))
        .where(entities.c.merged_into.is_(None))
        .group_by(entities.c.id, entities.c.type, entities.c.name)
        .order_by(n_articles.desc(), entities.c.name)
    )
    if type:
        query = query.where(entities.c.type == type.upper())
    if limit:
        query = query.limit(limit)
    return [dict(r) for r in conn.execute(query).mappings()]

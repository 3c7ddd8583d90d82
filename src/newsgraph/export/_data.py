"""Everything an export needs, read once: live entities, live facts, tenures, graph edges."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from .. import query, tenure
from ..query._common import PERSONNEL, fetch_facts, participants_of
from ..store.schema import articles, entities, entity_names


def collect(store) -> dict[str, Any]:
    """{"entities", "facts", "tenures", "edges", "articles"} as plain dicts (entity refs are ids)."""
    with store.read() as conn:
        ents = {r.id: {"id": r.id, "name": r.name, "type": r.type, "aliases": []}
                for r in conn.execute(sa.select(entities.c.id, entities.c.name, entities.c.type)
                                      .where(entities.c.merged_into.is_(None)).order_by(entities.c.id))}
        for eid, form in conn.execute(sa.select(entity_names.c.entity_id, entity_names.c.name)
                                      .where(entity_names.c.kind != "description").order_by(entity_names.c.id)):
            if eid in ents and form != ents[eid]["name"] and form not in ents[eid]["aliases"]:
                ents[eid]["aliases"].append(form)
        rows = fetch_facts(conn)
        parts = participants_of(conn, [r.id for r in rows if r.kind == "event"])
        names = {i: {"id": i, "name": e["name"]} for i, e in ents.items()}
        fact_list = []
        for r in rows:
            f = query.fact_json(r, names, parts)
            fact_list.append(f)
        personnel = [r for r in rows if r.kind in PERSONNEL]
        tenures = [tenure.tenure_json(conn, t, names) for t in tenure.tenures_from_rows(conn, personnel)]
        arts = [dict(r) for r in conn.execute(sa.select(articles.c.id, articles.c.title, articles.c.source,
                                                        articles.c.published, articles.c.url)
                                              .order_by(articles.c.published, articles.c.id)).mappings()]
    edges = query.network(store)["edges"]
    return {"entities": list(ents.values()), "facts": fact_list, "tenures": tenures, "edges": edges,
            "articles": arts}

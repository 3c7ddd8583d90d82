"""Shared pieces of the queries: fact rows with their article, sources, entity names, corroboration."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Row
from sqlalchemy.sql import operators
from sqlalchemy.sql.elements import BooleanClauseList

from ..store.schema import articles, entities, entity_names, fact_participants, facts, sources

#: Columns read with every fact: the fact, and the article it came from.
FACT_COLUMNS = [
    *(c for c in facts.c if c.name != "raw"),  # the raw contract JSON is for re-extraction, slow to decode
    articles.c.title.label("a_title"), articles.c.source.label("a_source"),
    articles.c.published.label("a_published"),
]
ENTITY_COLUMNS = ["person_id", "org_id", "by_id", "place_id", "reporter_id", "speaker_id", "via_id", "successor_id",
                  "predecessor_id", "subject_id", "object_id", "attributed_to_id"]
PERSONNEL = ("position", "appointment", "dismissal", "succession")
#: At most this many sources per tenure or grouped fact (the latest); their counts and corroboration cover all.
MAX_SOURCES = 25


def selective(conn: Connection, cond: Any) -> Any:
    """COND, marked as matching few rows for SQLite's planner.

    After ``ANALYZE``, SQLite sees that most facts have no ``by_id`` or ``successor_id`` (one NULL
    key holding every row) and scans the table instead of using the index for ``by_id = ?``;
    ``likelihood`` tells it the lookup is selective. Other databases get COND as it is.
    """
    if conn.dialect.name == "sqlite":
        # term by term: the planner splits a condition's AND into index terms only outside likelihood()
        terms = cond.clauses if isinstance(cond, BooleanClauseList) and cond.operator is operators.and_ else [cond]
        return sa.and_(*(sa.func.likelihood(t, sa.literal_column("0.001")) for t in terms))
    return cond


#: FACT_COLUMNS without the JSON ``evidence`` spans: for callers that read only the evidence sentence
#: (tenures, sources), so that thousands of rows are not JSON-decoded for nothing.
LEAN_FACT_COLUMNS = [c for c in FACT_COLUMNS if c.name != "evidence"]
#: What ``source_of`` reads of a fact: the columns a row shown only as a source needs (``tenure.hydrate``).
SOURCE_COLUMNS = [c for c in FACT_COLUMNS if c.name in {"id", "article_id", "attributed_to_id", "confirmed",
                                                         "evidence_text", "evidence_start", "evidence_end", "a_title",
                                                         "a_source", "a_published"}]


def fact_query(*where: Any, columns: Sequence[Any] = FACT_COLUMNS) -> sa.Select:
    """Live (not retracted) facts joined to their article, filtered by WHERE."""
    return (sa.select(*columns).select_from(facts.join(articles, articles.c.id == facts.c.article_id))
            .where(facts.c.retracted.is_(False), *where))


def one_of(conn: Connection, column: Any, values: Sequence[Any]) -> Any:
    """COLUMN IN VALUES. On PostgreSQL ``= ANY(array)``: one parameter, where IN binds and casts one per value
    (a few hundred ids cost milliseconds of client time per query)."""
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import ARRAY

        return column == sa.any_(sa.bindparam(None, list(values), type_=ARRAY(column.type)))
    return column.in_(values)


def fetch_facts(conn: Connection, *where: Any, columns: Sequence[Any] = FACT_COLUMNS) -> list[Row]:
    return list(conn.execute(fact_query(*where, columns=columns).order_by(articles.c.published, facts.c.id)))


def names_of(conn: Connection, ids: Iterable[int | None]) -> dict[int, dict[str, Any]]:
    """id -> {"id", "name", "type"} for the given entity ids."""
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    out = {}
    for chunk in _chunks(sorted(wanted), 500):
        for r in conn.execute(sa.select(entities.c.id, entities.c.name, entities.c.type)
                              .where(one_of(conn, entities.c.id, chunk))):
            out[r.id] = {"id": r.id, "name": r.name, "type": r.type}
    return out


def aliases_of(conn: Connection, entity_id: int, name: str) -> list[str]:
    rows = conn.execute(sa.select(entity_names.c.name).where(entity_names.c.entity_id == entity_id,
                                                            entity_names.c.kind != "description")
                        .order_by(entity_names.c.mentions.desc(), entity_names.c.id)).scalars()
    seen, out = {name}, []
    for form in rows:
        if form not in seen:
            seen.add(form)
            out.append(form)
    return out


def participants_of(conn: Connection, fact_ids: Sequence[int]) -> dict[int, list[int]]:
    out: dict[int, list[int]] = {}
    for chunk in _chunks(list(fact_ids), 500):
        rows = conn.execute(sa.select(fact_participants.c.fact_id, fact_participants.c.entity_id)
                            .where(fact_participants.c.fact_id.in_(chunk)).order_by(fact_participants.c.position))
        for fid, eid in rows:
            out.setdefault(fid, []).append(eid)
    return out


def source_of(row: Row | Mapping[str, Any], names: Mapping[int, Mapping[str, Any]] | None = None) -> dict[str, Any]:
    """The contract's source object of one fact row: article, title, outlet, date, evidence sentence."""
    m = row._mapping if hasattr(row, "_mapping") else row
    out = {"article": m["article_id"], "title": m["a_title"], "source": m["a_source"], "published": m["a_published"],
           "evidence": m["evidence_text"], "fact": m["id"], "span": [m["evidence_start"], m["evidence_end"]]
           if m["evidence_start"] is not None else None}
    who = m["attributed_to_id"]
    out["attributed_to"] = (names or {}).get(who, {"id": who}) if who is not None else None
    out["voice"] = "attributed" if who is not None else "own"
    # ``in`` first: a missing key in a RowMapping raises inside ``get``, slow for thousands of rows
    if "confirmed" in m and m["confirmed"]:
        out["confirmed"] = True
    if "sightings" in m and m["sightings"]:  # one row standing for several reports in this outlet (tenure.Sightings)
        out.update(sightings=m["sightings"], first_published=m["first_published"])
    return out


def copies_of(conn: Connection, article_ids: Iterable[str]) -> dict[str, list[str]]:
    """article id -> other outlets that republished it (near-duplicate copies)."""
    out: dict[str, list[str]] = {}
    ids = sorted(set(article_ids))
    for chunk in _chunks(ids, 500):
        rows = conn.execute(sa.select(sources.c.article_id, sources.c.name)
                            .where(one_of(conn, sources.c.article_id, chunk), sources.c.is_primary.is_(False)))
        for aid, name in rows:
            if name:
                out.setdefault(aid, []).append(name)
    return out


def corroboration(srcs: Sequence[Mapping[str, Any]], copies: Mapping[str, list[str]] | None = None,
                  outlets: Any = None) -> dict[str, Any]:
    """How well a fact is supported: independent outlets, first and last reported, own voice vs attributed.

    Copies of one article republished by other outlets are counted apart (``republished_by``): a
    wire story carried ten times is one report. OUTLETS (``newsgraph.outlets.Outlets``) adds which
    kinds of outlets (state media, opposition, wire, ...) support it.
    """
    outlet_names = sorted({s["source"] for s in srcs if s.get("source")})
    dates = sorted([s["published"] for s in srcs if s.get("published")]
                   + [s["first_published"] for s in srcs if s.get("first_published")])
    republished = sorted({c for s in srcs for c in (copies or {}).get(s["article"], [])} - set(outlet_names))
    out = {
        "reports": sum(s.get("sightings") or 1 for s in srcs),
        "outlets": len(outlet_names),
        "outlet_names": outlet_names,
        "republished_by": republished,
        "first_reported": dates[0] if dates else None,
        "last_reported": dates[-1] if dates else None,
        "own_voice": sum(1 for s in srcs if s.get("voice") == "own"),
        "attributed": sum(1 for s in srcs if s.get("voice") == "attributed"),
    }
    if outlets is not None:
        out["profile"] = outlets.profile(outlet_names)
    return out


def sort_date(*values: str | None) -> str:
    """The first known date, for sorting ('' sorts first)."""
    return next((v for v in values if v), "")


def _chunks(items: Sequence, size: int) -> Iterable[Sequence]:
    for i in range(0, len(items), size):
        yield items[i:i + size]

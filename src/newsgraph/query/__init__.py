"""Questions to the knowledge base. Every function takes a ``Store`` and returns JSON-able data.

The CLI (``newsgraph entities/show/holders/...``) and the web pages call these; the shapes below
are stable (fields may be added, none renamed or dropped).

- ``stats(store)`` -> ``{"articles", "entities", "facts", "failed", "duplicates"}``
- ``failures(store)`` -> ``[{"key", "origin", "article_id", "stage", "reason", "failed_at"}]``
- ``list_entities(store, type=None, search=None, limit=50)`` -> ``[{"id", "name", "type", "aliases", "articles"}]``
- ``find_entities(store, name)`` -> candidates ``[{"id", "name", "type", "aliases", "match"}]``: NAME
  compared with every name and alias ignoring case and accents ("exact"), then as a spelling
  variant ("transliteration"), an acronym, or a bare surname ("surname")
- ``resolve_name(store, name, type=None)`` -> one entity id; raises ``errors.QueryError`` (with
  ``.candidates``) when ambiguous and ``errors.NotFound`` when nothing matches. "#12" is entity 12.
- ``show(store, entity_id)`` -> ``{"entity": {"id", "name", "type", "aliases"}, "positions": [tenure],
  "events": [...], "quotes": [...], "relations": [{"relation", "direction", "other": {"id", "name"},
  "sources"}], "personnel": [...], "counts": {"posts", "facts": {kind: n}, "truncated"}}``: at most
  ``tenure.MAX_POSTS`` posts (most reported) and the latest ``MAX_FACTS_PER_KIND`` facts of each kind,
  ``MAX_SOURCES`` sources per item; ``counts`` says how much there is in all
- ``holders(store, title, on=None, counts=None)`` -> ``[{"person": {"id", "name"}, "title", "org", "status",
  "start", "end", "sources", ...}]``: the tenures of at most ``tenure.MAX_HOLDERS`` (person, body) pairs, those
  with the most reports in the post, each with its latest ``tenure.HOLDER_SOURCES`` sources; COUNTS gets how many
  pairs there are in all
- ``quotes(store, entity_id)``, ``timeline(store, entity_id)`` -> lists, oldest first
- ``network(store, entity_id=None, depth=1, relation=None, since=None, until=None)`` ->
  ``{"nodes": [{"id", "name", "type"}], "edges": [{"source", "target", "kind", "relation", "facts",
  "evidence", "weight"}]}``: each edge's latest ``MAX_SOURCES`` sentences, ``weight`` counting all its facts
- ``path(store, a_id, b_id)`` -> ``{"found", "steps": [{"from", "to", "kind", "relation", "facts",
  "evidence"}]}``: the shortest chain of facts linking two actors
- ``article(store, article_id)`` -> text, metadata, copies, mentions and facts with spans
- ``why(store, a_id, b_id)`` -> why two entities are one (links and curation) or kept apart

A *source* is ``{"article", "title", "source", "published", "evidence", "fact", "span",
"attributed_to", "voice"}``: evidence is the sentence, voice ``own`` (the outlet says it) or
``attributed`` (it quotes someone). Grouped facts carry ``corroboration``: independent outlets,
first/last reported, own voice vs attributed, and a profile of outlet kinds (``newsgraph.outlets``).
Reads use indexed lookups only (by entity, by post key); nothing here scans a whole table except
``list_entities`` with ``search`` and ``network`` without an entity. Tenures come from the kept tenures
(``newsgraph.kept_tenures``) when they are fresh, else they are built from the facts (``newsgraph.tenure``).
"""

from __future__ import annotations

import contextlib
import operator
from collections import deque
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Row

from .. import kept_tenures
from .. import tenure as _tenure
from ..errors import NotFound, QueryError
from ..extract.context import name_key
from ..outlets import Outlets, default_outlets
from ..store.schema import (
    article_entities,
    articles,
    curation_log,
    entities,
    entity_keys,
    entity_names,
    fact_participants,
    facts,
    mentions,
    resolution_links,
)
from ._common import (
    FACT_COLUMNS,
    LEAN_FACT_COLUMNS,
    MAX_SOURCES,
    PERSONNEL,
    aliases_of,
    copies_of,
    corroboration,
    fetch_facts,
    names_of,
    participants_of,
    selective,
    sort_date,
    source_of,
)

__all__ = ["article", "failures", "find_entities", "holders", "list_entities", "network", "path", "quotes",
           "resolve_name", "show", "stats", "timeline", "why"]

#: Entity-valued columns and what the entity is in the fact.
ROLES = {"person_id": "person", "org_id": "org", "by_id": "by", "place_id": "place", "reporter_id": "reporter",
         "speaker_id": "speaker", "via_id": "via", "successor_id": "successor", "predecessor_id": "predecessor",
         "subject_id": "subject", "object_id": "object"}
SYMMETRIC = {"rival_of", "cooperates_with", "allied_with"}
MAX_NODES = 500
#: ``show`` reads at most this many facts of each kind (the latest) and lists at most this many sources per
#: grouped event or relation (the latest; ``corroboration`` counts them all). A head of state is in tens of
#: thousands of facts: no page shows them all, and ``counts`` says how many there are.
MAX_FACTS_PER_KIND = 200


def stats(store) -> dict[str, int]:
    return store.stats()


def failures(store) -> list[dict[str, Any]]:
    return store.failures()


# -- names ---------------------------------------------------------------------------------------

def _live(conn: Connection, entity_id: int) -> int:
    from ..resolve.across import survivor

    return survivor(conn, entity_id)


def _entity_json(conn: Connection, entity_id: int) -> dict[str, Any]:
    row = conn.execute(sa.select(entities.c.id, entities.c.name, entities.c.type)
                       .where(entities.c.id == entity_id)).first()
    if row is None:
        raise NotFound(f"no entity #{entity_id}")
    return {"id": row.id, "name": row.name, "type": row.type, "aliases": aliases_of(conn, row.id, row.name)}


def find_entities(store, name: str, type: str | None = None) -> list[dict[str, Any]]:
    """Entities NAME may denote, best matches first, each with how it matched."""
    with store.read() as conn:
        return _find(conn, name, type)


def _find(conn: Connection, name: str, type: str | None = None) -> list[dict[str, Any]]:
    from ..posts import acronyms, is_acronym
    from ..resolve import names as _names

    text = name.strip()
    if text.startswith("#") and text[1:].isdigit():
        eid = _live(conn, int(text[1:]))
        return [{**_entity_json(conn, eid), "match": "id"}]
    key = name_key(text)
    if not key:
        return []
    found: dict[int, str] = {}

    def add(ids: Iterable[int], how: str) -> None:
        for eid in ids:
            found.setdefault(_live(conn, eid), how)

    type_cond = [entities.c.type == type.upper()] if type else []
    add(conn.execute(sa.select(entity_names.c.entity_id).join(entities, entities.c.id == entity_names.c.entity_id)
                     .where(entity_names.c.key == key, entity_names.c.kind != "description", *type_cond)).scalars(),
        "exact")
    add(conn.execute(sa.select(entities.c.id).where(entities.c.key == key, *type_cond)).scalars(), "exact")
    words = key.split()
    if not found or len(words) == 1:  # a bare surname may also be someone else's: look for every holder
        probes = set() if found else {("skeleton", _names.skeleton(text, "PERSON")),
                                      ("skeleton", _names.skeleton(text, "ORG"))}
        if is_acronym(text) and not found:
            probes.add(("acronym", key.replace(" ", "")))
        if len(words) == 1:
            probes.add(("surname", _names.word_skeleton(words[0])))
        rows = conn.execute(
            sa.select(entity_keys.c.entity_id, entity_keys.c.kind, entities.c.name, entities.c.type)
            .join(entities, entities.c.id == entity_keys.c.entity_id)
            .where(sa.or_(*[sa.and_(entity_keys.c.kind == k, entity_keys.c.key == v) for k, v in probes if v]),
                   *type_cond)).all()
        for eid, kind, ename, etype in rows:
            if kind == "skeleton" and not any(_names.compare(text, f, etype).same
                                              for f in [ename, *aliases_of(conn, eid, ename)]):
                continue
            if kind == "surname" and not any(_names.same_word(words[0], _names.surname(f) or "")
                                             for f in [ename, *aliases_of(conn, eid, ename)]):
                continue
            found.setdefault(_live(conn, eid), {"skeleton": "transliteration"}.get(kind, kind))
        for acr in acronyms(text) if not found else ():
            add(conn.execute(sa.select(entity_names.c.entity_id).where(entity_names.c.key == acr)).scalars(), "acronym")
    out = [{**_entity_json(conn, eid), "match": how} for eid, how in found.items()]
    order = {"id": 0, "exact": 1, "transliteration": 2, "acronym": 3, "surname": 4}
    return sorted(out, key=lambda c: (order.get(c["match"], 9), c["name"]))


def resolve_name(store, name: str, type: str | None = None) -> int:
    """The one entity NAME denotes; QueryError(candidates=...) when several, NotFound when none."""
    with store.read() as conn:
        found = _find(conn, name, type)
    if not found:
        raise NotFound(f"no entity called {name!r}")
    exact = [c for c in found if c["match"] in ("id", "exact")]
    pool = exact or found
    if exact and len(name_key(name).split()) == 1:
        pool = exact + [c for c in found if c["match"] == "surname"]  # 'Khan' may be any Khan
    if len(pool) == 1:
        return pool[0]["id"]
    raise QueryError(f"{name!r} is ambiguous: " + "; ".join(f"#{c['id']} {c['name']} ({c['type']})" for c in pool),
                     candidates=pool)


def list_entities(store, type: str | None = None, search: str | None = None, limit: int | None = 50
                  ) -> list[dict[str, Any]]:
    """Live entities, most mentioned first: ``{"id", "name", "type", "aliases", "articles"}``."""
    with store.read() as conn:
        n_articles = sa.func.count(sa.distinct(article_entities.c.article_id)).label("articles")
        query = (sa.select(entities.c.id, entities.c.type, entities.c.name, n_articles)
                 .select_from(entities.outerjoin(article_entities, article_entities.c.entity_id == entities.c.id))
                 .where(entities.c.merged_into.is_(None))
                 .group_by(entities.c.id, entities.c.type, entities.c.name)
                 .order_by(n_articles.desc(), entities.c.name))
        if type:
            query = query.where(entities.c.type == type.upper())
        if search:
            key = name_key(search)
            like = "%" + key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            ids = set(conn.execute(sa.select(entity_names.c.entity_id)
                                   .where(entity_names.c.key.like(like, escape="\\"))).scalars())
            ids |= {c["id"] for c in _find(conn, search, type)}
            query = query.where(entities.c.id.in_(sorted(ids)))
        if limit:
            query = query.limit(limit)
        rows = conn.execute(query).all()
        return [{"id": r.id, "name": r.name, "type": r.type, "aliases": aliases_of(conn, r.id, r.name),
                 "articles": r.articles} for r in rows]


# -- facts as JSON --------------------------------------------------------------------------------

def _ref(names: Mapping[int, Mapping[str, Any]], eid: int | None) -> dict[str, Any] | None:
    if eid is None:
        return None
    n = names.get(eid) or {"id": eid, "name": None}
    return {"id": eid, "name": n.get("name")}


def fact_json(row: Row, names: Mapping[int, Mapping[str, Any]], parts: Mapping[int, list[int]]) -> dict[str, Any]:
    """One stored fact with its fields (entities as {"id", "name"}) and its source."""
    m = row._mapping
    out: dict[str, Any] = {"id": m["id"], "kind": m["kind"]}
    for col, field in ROLES.items():
        if m[col] is not None:
            out[field] = _ref(names, m[col])
    for col, field in (("title", "title"), ("status", "status"), ("start_date", "start"), ("end_date", "end"),
                       ("event_type", "event_type"), ("date", "date"), ("plover", "plover"), ("text", "text"),
                       ("direct", "direct"), ("relation", "relation"), ("about_id", "about"),
                       ("confidence", "confidence")):
        if m[col] is not None:
            out[field] = m[col]
    if m["id"] in parts:
        out["participants"] = [_ref(names, p) for p in parts[m["id"]]]
    out["evidence"] = [{"start": s, "end": e} for s, e in (m["evidence"] or [])]
    if m["confirmed"]:
        out["confirmed"] = True
    out["source"] = source_of(row, names)
    return out


def _names_for(conn: Connection, rows: Iterable[Row], parts: Mapping[int, list[int]]) -> dict[int, dict[str, Any]]:
    ids: set[int | None] = set()
    roles = operator.attrgetter(*ROLES, "attributed_to_id")  # attribute access: Row._mapping per column is slow
    for r in rows:
        ids.update(roles(r))
    for ps in parts.values():
        ids |= set(ps)
    return names_of(conn, ids)


def _fact_ids_about(conn: Connection, entity_id: int, exclude: Iterable[str] = ()) -> sa.Select:
    """Ids of the facts in which ENTITY_ID plays any part (one indexed lookup per column)."""
    skip = [facts.c.kind.not_in(list(exclude))] if exclude else []
    return sa.union(*[sa.select(facts.c.id).where(selective(conn, facts.c[col] == entity_id), *skip) for col in ROLES],
                    sa.select(fact_participants.c.fact_id).where(fact_participants.c.entity_id == entity_id))


def _facts_about(conn: Connection, entity_id: int, kinds: Iterable[str] | None = None,
                 exclude: Iterable[str] = (), columns: Sequence[Any] = FACT_COLUMNS) -> list[Row]:
    """Every live fact in which ENTITY_ID plays any part (COLUMNS of each)."""
    where = [facts.c.id.in_(_fact_ids_about(conn, entity_id, exclude))]
    if kinds:
        where.append(facts.c.kind.in_(list(kinds)))
    return fetch_facts(conn, *where, columns=columns)


def _latest_facts_about(conn: Connection, entity_id: int, per_kind: int, exclude: Iterable[str] = ()
                        ) -> tuple[list[Row], dict[str, int]]:
    """The latest PER_KIND live facts of each kind about ENTITY_ID, and how many there are of each kind.

    Ids, kinds and dates are read first (narrow rows); whole rows only for the facts kept.
    """
    ids = _fact_ids_about(conn, entity_id, exclude)
    slim = conn.execute(sa.select(facts.c.id, facts.c.kind, articles.c.published)
                        .select_from(facts.join(articles, articles.c.id == facts.c.article_id))
                        .where(facts.c.retracted.is_(False), facts.c.id.in_(ids))).all()
    by_kind: dict[str, list[tuple[str, int]]] = {}
    for fid, kind, published in slim:
        by_kind.setdefault(kind, []).append((published or "", fid))
    counts = {kind: len(v) for kind, v in sorted(by_kind.items())}
    if all(n <= per_kind for n in counts.values()):
        keep = [r[0] for r in slim]
    else:
        keep = [fid for v in by_kind.values() for _, fid in sorted(v)[-per_kind:]]
    rows: list[Row] = []
    for i in range(0, len(keep), 500):
        rows += fetch_facts(conn, facts.c.id.in_(keep[i:i + 500]))
    if len(keep) > 500:
        rows.sort(key=lambda r: (r.a_published or "", r.id))  # fetch_facts' order across the chunks
    return rows, counts


# -- show -----------------------------------------------------------------------------------------

def show(store, entity_id: int, outlets: Outlets | None = None) -> dict[str, Any]:
    """Everything known about one entity, each item with its sources and corroboration."""
    outlets = outlets if outlets is not None else default_outlets()
    with store.read() as conn:
        entity_id = _live(conn, entity_id)
        ent = _entity_json(conn, entity_id)
        # positions come as tenures
        rows, fact_counts = _latest_facts_about(conn, entity_id, MAX_FACTS_PER_KIND, exclude=("position",))
        parts = participants_of(conn, [r.id for r in rows])
        names = _names_for(conn, rows, parts)
        post_counts: dict[str, int] = {}
        if kept_tenures.fresh(conn):  # built over the whole base at the last refresh (newsgraph.kept_tenures)
            tenures = kept_tenures.of_person(conn, entity_id, _tenure.MAX_POSTS, post_counts)
        else:
            tenures = _tenure.tenures_of(conn, entity_id, _tenure.MAX_POSTS, post_counts)
        copies = copies_of(conn, {r.article_id for r in rows} | {r.article_id for t in tenures for r in t.rows})
        tenure_names = _tenure.names_for_tenures(conn, tenures, names)
        _tenure.hydrate(conn, tenures)
        positions = [_tenure.tenure_json(conn, t, tenure_names) for t in tenures]
        for p in positions:
            p["corroboration"] = corroboration(p["sources"], copies, outlets)
        # ties by post and wording: kept and freshly built tenures come in different orders
        positions.sort(key=lambda p: (sort_date(p["start"], p["first_seen"], p["ended_before"], p["end"]), p["post"],
                                      p["title"]))
        ent["articles"] = conn.execute(sa.select(sa.func.count(sa.distinct(article_entities.c.article_id)))
                                       .where(article_entities.c.entity_id == entity_id)).scalar()
        return {
            "entity": ent,
            "positions": positions,
            "events": _grouped_events(rows, names, parts, copies, outlets),
            "quotes": _quotes(rows, entity_id, names, parts),
            "relations": _grouped_relations(rows, entity_id, names, copies, outlets),
            "personnel": [fact_json(r, names, parts) for r in rows if r.kind in PERSONNEL and r.kind != "position"],
            # how much there is, and whether the lists above leave some of it out (MAX_FACTS_PER_KIND, MAX_POSTS)
            "counts": {"posts": post_counts.get("posts", 0), "facts": fact_counts,
                       "truncated": post_counts.get("posts", 0) > _tenure.MAX_POSTS
                       or any(n > MAX_FACTS_PER_KIND for n in fact_counts.values())},
        }


def _grouped_events(rows: list[Row], names, parts, copies, outlets) -> list[dict[str, Any]]:
    groups: dict[tuple, list[Row]] = {}
    for r in rows:
        if r.kind != "event":
            continue
        key = (r.event_type, tuple(sorted(parts.get(r.id, []))), r.place_id, r.date or r.a_published)
        groups.setdefault(key, []).append(r)
    out = []
    for (etype, _people, place, date), group in groups.items():
        srcs = [source_of(r, names) for r in group]
        first = group[0]
        out.append({"event_type": etype, "plover": first.plover, "date": date,
                    "participants": [_ref(names, p) for p in parts.get(first.id, [])], "place": _ref(names, place),
                    "facts": [r.id for r in group], "sources": _latest(srcs),
                    "corroboration": corroboration(srcs, copies, outlets)})
    return sorted(out, key=lambda e: sort_date(e["date"]))


def _latest(srcs: list[dict[str, Any]], limit: int = MAX_SOURCES) -> list[dict[str, Any]]:
    """At most LIMIT sources, the latest (SRCS are in publication order, as the facts were read)."""
    return srcs[-limit:] if len(srcs) > limit else srcs


def _quotes(rows: list[Row], entity_id: int, names, parts) -> list[dict[str, Any]]:
    out = []
    for r in rows:
        if r.kind != "quote" or entity_id not in (r.speaker_id, r.via_id):
            continue
        out.append({"text": r.text, "direct": r.direct, "speaker": _ref(names, r.speaker_id),
                    "via": _ref(names, r.via_id), "relayed": r.speaker_id != entity_id, "date": r.a_published,
                    "fact": r.id, "sources": [source_of(r, names)]})
    return sorted(out, key=lambda q: sort_date(q["date"]))


def _grouped_relations(rows: list[Row], entity_id: int, names, copies, outlets) -> list[dict[str, Any]]:
    groups: dict[tuple, list[Row]] = {}
    for r in rows:
        if r.kind != "relation" or r.subject_id is None or r.object_id is None:
            continue
        if r.subject_id == entity_id:
            key = (r.relation, r.object_id, "subject")
        elif r.object_id == entity_id:
            key = (r.relation, r.subject_id, "symmetric" if r.relation in SYMMETRIC else "object")
        else:
            continue
        if key[2] == "subject" and r.relation in SYMMETRIC:
            key = (r.relation, r.object_id, "symmetric")
        groups.setdefault(key, []).append(r)
    out = []
    for (rel, other, direction), group in groups.items():
        srcs = [source_of(r, names) for r in group]
        out.append({"relation": rel, "direction": direction, "other": _ref(names, other),
                    "facts": [r.id for r in group], "sources": _latest(srcs),
                    "corroboration": corroboration(srcs, copies, outlets)})
    return sorted(out, key=lambda x: (x["relation"] or "", x["other"]["name"] or ""))


# -- holders, quotes, timeline --------------------------------------------------------------------

def holders(store, title: str, on: str | None = None, outlets: Outlets | None = None,
            counts: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """Who held the post TITLE names (any wording of it), when, on what evidence; ON: only who held it then.

    The tenures of the ``tenure.MAX_HOLDERS`` (person, body) pairs with the most reports. COUNTS, when given, gets
    ``holders`` (the pairs there are in all) and ``shown`` (those answered); on a base whose kept tenures are
    stale (after a correction, until ``newsgraph refresh``), ``holders`` may count only the most reported few
    hundred, and ``more`` is then true."""
    outlets = outlets if outlets is not None else default_outlets()
    counted: dict[str, Any] = {}
    with store.read() as conn:
        if kept_tenures.fresh(conn):  # built over the whole base at the last refresh (newsgraph.kept_tenures)
            tenures = kept_tenures.holders(conn, title, on, sources=_tenure.HOLDER_SOURCES, counts=counted)
        else:
            tenures = _built_holders(conn, title, on, counted)
        counted["shown"] = len({(t.person_id, t.org_id) for t in tenures})
        if counts is not None:
            counts.update(counted)
        # each holder lists its latest HOLDER_SOURCES sources (``sightings`` counts them all), corroboration reads those
        listed = [_tenure.shown_rows(t, _tenure.HOLDER_SOURCES) for t in tenures]
        copies = copies_of(conn, {r.article_id for rows in listed for r in rows})
        names = names_of(conn, {t.person_id for t in tenures} | {t.org_id for t in tenures}
                         | {getattr(t, "successor_id", None) for t in tenures}
                         | {r.attributed_to_id for rows in listed for r in rows})
        _tenure.hydrate(conn, tenures, _tenure.HOLDER_SOURCES)
        out = [_tenure.tenure_json(conn, t, names, _tenure.HOLDER_SOURCES) for t in tenures]
    for item in out:
        item["corroboration"] = corroboration(item["sources"], copies, outlets)
    return sorted(out, key=lambda p: (sort_date(p["start"], p["first_seen"], p["ended_before"], p["end"]),
                                      p["person"]["name"] or "", p["person"]["id"], p["post"]))


def _built_holders(conn: Connection, title: str, on: str | None, counted: dict[str, Any]) -> list[_tenure.Tenure]:
    """``holders``' tenures built from the post's facts (the kept tenures are stale); COUNTED gets the counts."""
    # on a date, every pair is read: the cut to the most reported would drop who held an old post then
    read: dict[str, bool] = {}
    rows, resolver, want = _tenure.holders_rows(conn, title, limit=None if on else 4 * _tenure.MAX_HOLDERS,
                                                read=read)
    tenures = [t for t in _tenure.tenures_from_rows(conn, rows, None, resolver) if _tenure.matches_query(t, want)]
    if on:
        tenures = [t for t in tenures if _tenure.held_on(t, on)]
    counted["holders"] = len({(t.person_id, t.org_id) for t in tenures})
    counted["more"] = read.get("cut", False)
    return _tenure.capped_holders(tenures)


def quotes(store, entity_id: int) -> list[dict[str, Any]]:
    """What ENTITY_ID said (and what it relayed, ``relayed`` true), oldest first."""
    with store.read() as conn:
        entity_id = _live(conn, entity_id)
        rows = fetch_facts(conn, facts.c.kind == "quote",
                           sa.or_(facts.c.speaker_id == entity_id, facts.c.via_id == entity_id))
        names = _names_for(conn, rows, {})
        return _quotes(rows, entity_id, names, {})


def timeline(store, entity_id: int) -> list[dict[str, Any]]:
    """Every fact about ENTITY_ID, by date (the fact's own date, else its start, else publication)."""
    with store.read() as conn:
        entity_id = _live(conn, entity_id)
        rows = _facts_about(conn, entity_id)
        parts = participants_of(conn, [r.id for r in rows])
        names = _names_for(conn, rows, parts)
        out = []
        for r in rows:
            item = fact_json(r, names, parts)
            item["when"] = sort_date(_tenure.clean_date(r.date), _tenure.clean_date(r.start_date),
                                     _tenure.clean_date(r.end_date), r.a_published)
            item["dated_by"] = "fact" if (_tenure.clean_date(r.date) or _tenure.clean_date(r.start_date)
                                          or _tenure.clean_date(r.end_date)) else "published"
            out.append(item)
        return sorted(out, key=lambda x: (x["when"], x["id"]))


# -- network and paths ----------------------------------------------------------------------------

def _edges_of_rows(rows: list[Row], parts: Mapping[int, list[int]]) -> Iterable[tuple[int, int, str, str | None, Row]]:
    """(a, b, kind, relation, row) edges a fact row makes between two entities."""
    for r in rows:
        k = r.kind
        if k == "relation" and r.subject_id and r.object_id:
            yield r.subject_id, r.object_id, "relation", r.relation, r
        elif k == "event":
            ps = parts.get(r.id, [])
            for i, a in enumerate(ps):
                for b in ps[i + 1:]:
                    yield a, b, "event", r.event_type, r
        elif k in ("position", "appointment", "dismissal"):
            if r.person_id and r.org_id:
                yield r.person_id, r.org_id, k, r.title, r
            if r.by_id and r.person_id:
                yield r.by_id, r.person_id, k, "by", r
        elif k == "succession" and r.successor_id and r.predecessor_id:
            yield r.successor_id, r.predecessor_id, "succession", r.title, r
        elif k == "quote" and r.speaker_id and r.via_id:
            yield r.via_id, r.speaker_id, "quote", "relayed", r


def _in_window(r: Row, since: str | None, until: str | None) -> bool:
    when = sort_date(_tenure.clean_date(r.date), _tenure.clean_date(r.start_date), r.a_published)
    if since and when and when < since[:len(when)]:
        return False
    return not (until and when and when[:len(until)] > until)


def _neighbourhood(conn: Connection, entity_id: int, relation: str | None, since: str | None,
                   until: str | None) -> list[tuple[int, int, str, str | None, Row]]:
    # edges show the evidence sentence, not the spans: no JSON to decode for thousands of facts
    rows = [r for r in _facts_about(conn, entity_id, columns=LEAN_FACT_COLUMNS) if _in_window(r, since, until)]
    parts = participants_of(conn, [r.id for r in rows if r.kind == "event"])
    out = []
    for a, b, kind, rel, r in _edges_of_rows(rows, parts):
        if a == b or entity_id not in (a, b):
            continue
        if relation and relation not in (kind, rel):
            continue
        out.append((a, b, kind, rel, r))
    return out


def _edge_key(a: int, b: int, kind: str, rel: str | None) -> tuple:
    symmetric = kind == "event" or (kind == "relation" and rel in SYMMETRIC)
    return (min(a, b), max(a, b), kind, rel) if symmetric else (a, b, kind, rel)


def network(store, entity_id: int | None = None, depth: int = 1, relation: str | None = None,
            since: str | None = None, until: str | None = None, max_nodes: int = MAX_NODES) -> dict[str, Any]:
    """The graph around ENTITY_ID (DEPTH steps), or the whole base; each edge lists its facts and evidence."""
    with store.read() as conn:
        edges: dict[tuple, list[Row]] = {}
        if entity_id is None:
            rows = [r for r in fetch_facts(conn, facts.c.kind.in_(["relation", "event", *PERSONNEL, "quote"]))
                    if _in_window(r, since, until)]
            parts = participants_of(conn, [r.id for r in rows if r.kind == "event"])
            for a, b, kind, rel, r in _edges_of_rows(rows, parts):
                if a != b and (not relation or relation in (kind, rel)):
                    edges.setdefault(_edge_key(a, b, kind, rel), []).append(r)
        else:
            start = _live(conn, entity_id)
            seen, frontier = {start}, [start]
            for _ in range(max(depth, 1)):
                nxt = []
                for node in frontier:
                    for a, b, kind, rel, r in _neighbourhood(conn, node, relation, since, until):
                        edges.setdefault(_edge_key(a, b, kind, rel), []).append(r)
                        other = b if a == node else a
                        if other not in seen and len(seen) < max_nodes:
                            seen.add(other)
                            nxt.append(other)
                frontier = nxt
        node_ids = {k[0] for k in edges} | {k[1] for k in edges}
        if entity_id is not None:
            node_ids.add(_live(conn, entity_id))
        names = names_of(conn, node_ids | {r.attributed_to_id for rs in edges.values() for r in rs})
    return {
        "nodes": [names.get(i, {"id": i, "name": None, "type": None}) for i in sorted(node_ids)],
        "edges": [_edge_json(k, rs, names) for k, rs in sorted(edges.items(), key=lambda kv: kv[0][:2])],
    }


def _edge_json(key: tuple, rows: list[Row], names) -> dict[str, Any]:
    a, b, kind, rel = key
    uniq = {r.id: r for r in rows}
    # the latest MAX_SOURCES sentences (a head of state and their country share thousands); weight counts all
    shown = sorted(uniq.values(), key=lambda r: (r.a_published or "", r.id))[-MAX_SOURCES:]
    return {"source": a, "target": b, "kind": kind, "relation": rel, "facts": sorted(uniq),
            "evidence": [source_of(r, names) for r in shown], "weight": len(uniq)}


def path(store, a_id: int, b_id: int, max_depth: int = 4) -> dict[str, Any]:
    """The shortest chain of facts linking A_ID to B_ID (breadth-first, at most MAX_DEPTH steps)."""
    with store.read() as conn:
        a, b = _live(conn, a_id), _live(conn, b_id)
        names = names_of(conn, {a, b})
        if a == b:
            return {"found": True, "from": names.get(a), "to": names.get(b), "steps": []}
        parent: dict[int, tuple[int, tuple, list[Row]]] = {}
        queue, depth = deque([(a, 0)]), {a: 0}
        while queue:
            node, d = queue.popleft()
            if d >= max_depth:
                continue
            grouped: dict[tuple, list[Row]] = {}
            for x, y, kind, rel, r in _neighbourhood(conn, node, None, None, None):
                grouped.setdefault((x, y, kind, rel), []).append(r)
            for (x, y, kind, rel), rs in grouped.items():
                other = y if x == node else x
                if other in depth:
                    continue
                depth[other] = d + 1
                parent[other] = (node, (x, y, kind, rel), rs)
                if other == b:
                    queue.clear()
                    break
                if len(depth) < 20 * MAX_NODES:
                    queue.append((other, d + 1))
        if b not in parent:
            return {"found": False, "from": names.get(a), "to": names.get(b), "steps": []}
        chain, node = [], b
        while node != a:
            prev, key, rs = parent[node]
            chain.append((prev, node, key, rs))
            node = prev
        chain.reverse()
        names.update(names_of(conn, {x for _, n, _, _ in chain for x in (n,)} |
                              {r.attributed_to_id for *_, rs in chain for r in rs}))
        steps = []
        for prev, node, (x, _y, kind, rel), rs in chain:
            uniq = {r.id: r for r in rs}
            steps.append({"from": _ref(names, prev), "to": _ref(names, node), "kind": kind, "relation": rel,
                          "direction": "forward" if x == prev else "backward", "facts": sorted(uniq),
                          "evidence": [source_of(r, names) for r in uniq.values()]})
        return {"found": True, "from": names.get(a), "to": names.get(b), "steps": steps}


# -- articles -------------------------------------------------------------------------------------

def article(store, article_id: str) -> dict[str, Any]:
    """One article: text, metadata, copies, entity mentions and facts with their spans."""
    with store.read() as conn:
        head = conn.execute(sa.select(articles).where(articles.c.id == article_id)).mappings().first()
        if head is None:
            matches = conn.execute(sa.select(articles.c.id).where(articles.c.id.like(article_id + "%"))
                                   .limit(2)).scalars().all()
            if len(matches) != 1:
                raise NotFound(f"no article {article_id!r}")
            head = conn.execute(sa.select(articles).where(articles.c.id == matches[0])).mappings().first()
        aid = head["id"]
        rows = fetch_facts(conn, facts.c.article_id == aid)
        parts = participants_of(conn, [r.id for r in rows])
        ment = conn.execute(sa.select(mentions.c.entity_id, mentions.c.local_id, mentions.c.start_char,
                                      mentions.c.end_char, mentions.c.text).where(mentions.c.article_id == aid)
                            .order_by(mentions.c.start_char)).all()
        names = _names_for(conn, rows, parts)
        names.update(names_of(conn, {m.entity_id for m in ment} - set(names)))
        return {
            "id": aid, "title": head["title"], "source": head["source"], "published": head["published"],
            "url": head["url"], "origin": head["origin"], "text": head["text"],
            "copies": store.sources(aid) and [
                {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in s.items()}
                for s in store.sources(aid)],
            "mentions": [{"entity": _ref(names, _live(conn, m.entity_id)), "start": m.start_char, "end": m.end_char,
                          "text": m.text} for m in ment],
            "facts": [fact_json(r, names, parts) for r in rows],
        }


# -- why ------------------------------------------------------------------------------------------

def why(store, a_id: int, b_id: int) -> dict[str, Any]:
    """Why two entities are one (the links and curation that tied them) or why they were kept apart."""
    from ..resolve import across
    from ..resolve import names as _names

    with store.read() as conn:
        la, lb = _live(conn, a_id), _live(conn, b_id)
        ea, eb = _entity_json(conn, a_id), _entity_json(conn, b_id)
        out: dict[str, Any] = {"a": ea, "b": eb, "same": la == lb}
        ids = {a_id, b_id, la, lb}
        links = conn.execute(sa.select(resolution_links, articles.c.source, articles.c.published)
                             .select_from(resolution_links.outerjoin(articles,
                                                                     articles.c.id == resolution_links.c.article_id))
                             .where(resolution_links.c.entity_id.in_(sorted(ids)))
                             .order_by(resolution_links.c.id)).mappings().all()
        out["links"] = [{"article": r["article_id"], "source": r["source"], "published": r["published"],
                         "name": r["name"], "entity": r["entity_id"], "rule": r["rule"], "evidence": r["evidence"]}
                        for r in links]
        log = conn.execute(sa.select(curation_log).where(curation_log.c.target_type == "entity")
                           .order_by(curation_log.c.id)).mappings().all()
        out["curation"] = [{"id": r["id"], "action": r["action"], "target": r["target_id"], "payload": r["payload"],
                            "note": r["note"], "at": r["at"].isoformat() if r["at"] else None}
                           for r in log if _touches(r, ids)]
        # the comparison the resolver would make today
        comparisons = []
        for fa in [ea["name"], *ea["aliases"]]:
            for fb in [eb["name"], *eb["aliases"]]:
                if across.is_description(fa) or across.is_description(fb):
                    continue
                m = _names.compare(fa, fb, ea["type"])
                comparisons.append({"a": fa, "b": fb, "same": m.same, "how": m.how, "why": m.why})
        comparisons.sort(key=lambda c: (not c["same"], c["how"] == "none"))
        out["names"] = comparisons[:12]
        if ea["type"] != eb["type"]:
            out["verdict"] = f"different types ({ea['type']} / {eb['type']}): never linked"
        elif la == lb:
            ties = [lk for lk in out["links"] if lk["rule"] not in ("new",)]
            merged = [c for c in out["curation"] if c["action"] == "merge"]
            out["verdict"] = "one entity: " + ("merged by curation" if merged else
                                               ", ".join(sorted({lk["rule"] for lk in ties})) or "same name")
        else:
            score_ab, reasons = _shared_context(conn, la, lb)
            out["shared_context"] = {"score": score_ab, "reasons": reasons}
            best = next((c for c in comparisons if c["same"]), None)
            if best is not None:
                out["verdict"] = (f"names compatible ({best['why']}) but kept apart: curation split them"
                                  if any(c["action"] == "split" for c in out["curation"]) else
                                  f"names compatible ({best['why']}); kept apart because they were never seen "
                                  "in a way that links them -- `newsgraph merge` if they are one")
            else:
                first = comparisons[0]["why"] if comparisons else "no comparable names"
                out["verdict"] = f"kept apart: {first}"
        return out


def _touches(row: Mapping[str, Any], ids: set[int]) -> bool:
    payload = row["payload"] or {}
    found = {v.get("id") if isinstance(v, Mapping) else v
             for v in (payload.get("keep"), payload.get("gone"), payload.get("entity"), payload.get("new_entity"))}
    with contextlib.suppress(TypeError, ValueError):
        found.add(int(row["target_id"]))
    return bool(found & ids)


def _shared_context(conn: Connection, a: int, b: int) -> tuple[float, list[str]]:
    """What two stored entities share: posts and co-mentioned actors (as the resolver weighs them)."""
    from ..resolve.across import candidate_profile

    pa, pb = candidate_profile(conn, a), candidate_profile(conn, b)
    reasons, score = [], 0.0
    if pa["posts"] & pb["posts"]:
        score += 2
        reasons.append("same post: " + ", ".join(sorted(pa["posts"] & pb["posts"])))
    if pa["org_ids"] & pb["org_ids"]:
        score += 1
        reasons.append("same body")
    shared = set(pa["actors"]) & set(pb["actors"])
    if shared:
        names = names_of(conn, shared)
        score += sum(1 for i in shared if pa["actors"][i] not in ("GPE", "NORP"))
        reasons.append("both mentioned with " + ", ".join(sorted(n["name"] for n in names.values())[:8]))
    return score, reasons

"""Bulk loading: many articles' rows in a few statements per table, for bases grown or imported at scale.

``write_article`` links each entity across articles (``resolve.across``) and writes one fact at
a time: right for ingest, far too slow to build a base of millions of facts. Here the caller has
already decided which global entity each article entity is (an import of a curated base, or the
benchmark's fan-out in ``bench/factbase.py``), so the rows can be made in Python and written in
bulk: ``executemany`` on SQLite, ``COPY`` on PostgreSQL.

The rows are the ones the writer makes for the same input (``article_rows`` uses the writer's
``fact_row`` and the same post keys), minus what cross-article resolution adds (resolution links,
name counts across articles) and minus near-duplicate detection (no MinHash, no LSH bands)::

    with Store.open(url) as kb:
        kb.bulk_load([entity_rows(1, "Ana Silva", "PERSON"), article_rows(contract, {"e1": 1}, ...)])

Ids of entities and facts are given by the caller (facts link to each other by id); other
tables number their rows themselves. ``finish`` moves PostgreSQL's id sequences past the loaded
ids and refreshes the planner's statistics.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from .. import posts
from .schema import (
    article_entities,
    articles,
    entities,
    entity_keys,
    entity_names,
    fact_participants,
    facts,
    mentions,
    sources,
)

#: Insert order: parents before children.
TABLES: tuple[sa.Table, ...] = (entities, entity_names, entity_keys, articles, sources, article_entities, mentions,
                                facts, fact_participants)
_BY_NAME = {t.name: t for t in TABLES}
_FACT_COLUMNS = [c.name for c in facts.columns]
Rows = dict[str, list[dict[str, Any]]]


class Encoded(str):
    """A JSON column's value already encoded (``json.dumps``): written as it is. A caller writing one row
    many times (a template) encodes it once."""


def encode(value: Any) -> Encoded:
    return Encoded(json.dumps(value))


def empty_rows() -> Rows:
    return {t.name: [] for t in TABLES}


def entity_rows(entity_id: int, name: str, type: str, aliases: Iterable[str] = (),
                now: datetime | None = None) -> Rows:
    """The rows of one global entity: the entity, its names (as ``writer._add_names`` records them) and the
    lookup keys cross-article resolution and ``find_entities`` use (``resolve.across.derived_keys``)."""
    from ..extract.context import name_key
    from ..resolve.across import derived_keys, is_description

    out = empty_rows()
    out["entities"].append({"id": entity_id, "type": type, "name": name, "key": name_key(name), "merged_into": None,
                            "created_at": now or datetime.now(UTC)})
    seen: set[str] = set()
    keys: set[tuple[str, str]] = set()
    for form, kind in [(name, "name"), *((a, "alias") for a in aliases)]:
        key = name_key(form)
        if not key or key in seen:
            continue
        seen.add(key)
        description = kind == "alias" and is_description(form)
        out["entity_names"].append({"entity_id": entity_id, "name": form, "key": key,
                                    "kind": "description" if description else kind, "mentions": 1})
        keys |= derived_keys(form, type)
    out["entity_keys"] = [{"kind": k, "key": v, "entity_id": entity_id} for k, v in sorted(keys)]
    return out


def post_columns(title: str | None) -> tuple[str | None, str | None]:
    """``facts.role`` and ``facts.post_key`` of TITLE, as the schema's column defaults compute them."""
    post = posts.parse_title(title)
    return (post.role, post.key[:255]) if post else (None, None)


def article_rows(contract: Mapping[str, Any], local: Mapping[str, int], *, first_fact_id: int,
                 article_id: str | None = None, published: str | None = None, source: str | None = None,
                 origin: str | None = None, now: datetime | None = None) -> tuple[Rows, int]:
    """The rows ``write_article`` would write for CONTRACT whose entities are the global ones in LOCAL
    (contract entity id -> entity id; entities not in LOCAL are left out, with their mentions).

    Facts are numbered from FIRST_FACT_ID; returns the rows and the next free fact id. ARTICLE_ID,
    PUBLISHED and SOURCE override the contract's (a template copied many times needs its own id).
    """
    from .writer import _spans, fact_row, fit

    head = contract["article"]
    text = head["text"]
    aid = article_id or head["id"]
    published = published if published is not None else head.get("published")
    source = fit(source if source is not None else head.get("source"))
    now = now or datetime.now(UTC)
    extractor = contract.get("extractor") or {}
    version = extractor.get("version")
    raw = {k: v for k, v in contract.items() if k != "article"}
    raw["article"] = {k: v for k, v in head.items() if k != "text"}
    out = empty_rows()
    out["articles"].append({"id": aid, "external_id": None, "title": head.get("title"), "source": source,
                            "published": published, "url": head.get("url"), "origin": origin, "text": text,
                            "extractor_version": version, "model": extractor.get("model"), "minhash": None,
                            "warnings": list(contract.get("warnings") or []), "raw": raw, "ingested_at": now})
    out["sources"].append({"article_id": aid, "content_hash": aid, "external_id": None, "name": source,
                           "title": head.get("title"), "published": published, "url": head.get("url"),
                           "origin": origin, "is_primary": True, "similarity": 1.0, "ingested_at": now})
    for ent in contract.get("entities") or []:
        eid = local.get(str(ent.get("id")))
        if eid is None:
            continue
        lid = str(ent["id"])
        out["article_entities"].append({"article_id": aid, "local_id": lid, "entity_id": eid,
                                        "type": str(ent.get("type") or "MISC"), "name": str(ent.get("name") or ""),
                                        "aliases": [str(a) for a in ent.get("aliases") or [] if a]})
        out["mentions"] += [{"article_id": aid, "local_id": lid, "entity_id": eid, "start_char": s, "end_char": e,
                             "text": text[s:e]} for s, e in _spans(ent.get("mentions"), len(text))]
    ids: dict[str, int] = {}
    next_id = first_fact_id
    items = contract.get("facts") or []
    rows = []
    for n, fact in enumerate(items, 1):
        row = dict.fromkeys(_FACT_COLUMNS)
        row.update(fact_row(fact, local, text))
        row["local_id"] = row["local_id"] or f"f{n}"
        if row["local_id"] in ids:
            row["local_id"] = f"{row['local_id']}#{n}"
        role, key = post_columns(row.get("title"))
        row.update(id=next_id, article_id=aid, extractor_version=version, raw=dict(fact), retracted=False,
                   role=role, post_key=key)
        ids[row["local_id"]] = next_id
        next_id += 1
        rows.append((row, fact))
    for row, fact in rows:
        if fact.get("about") is not None:
            row["about_id"] = ids.get(str(fact["about"]))
        out["facts"].append(row)
        seen: list[int] = []
        for eid in (local.get(str(p)) for p in fact.get("participants") or []):
            if eid is not None and eid not in seen:
                seen.append(eid)
        out["fact_participants"] += [{"fact_id": row["id"], "entity_id": eid, "position": i}
                                     for i, eid in enumerate(seen)]
    return out, next_id


def merge(into: Rows, more: Mapping[str, list[dict[str, Any]]]) -> Rows:
    """Append the rows of MORE to INTO (one block of many articles)."""
    for name, rows in more.items():
        into.setdefault(name, []).extend(rows)
    return into


class BulkLoader:
    """Writes blocks of rows inside the caller's transaction, table by table, parents first."""

    def __init__(self, conn: Connection, *, trusted: bool = False) -> None:
        self.conn = conn
        self.postgres = conn.dialect.name == "postgresql"
        self.counts: dict[str, int] = {}
        self._tuned = False
        if trusted and self.postgres and conn.execute(sa.text("SHOW is_superuser")).scalar() == "on":
            # foreign keys are triggers on PostgreSQL, fired once per row and key (five million mentions: ten
            # million lookups); a restore of trusted rows may skip them for this transaction, as pg_restore does
            conn.execute(sa.text("SET LOCAL session_replication_role = replica"))

    def load(self, rows: Mapping[str, Sequence[Mapping[str, Any]]]) -> None:
        """Insert ROWS (table name -> row dicts). A fact's ``about_id`` may point at a fact of the same block."""
        unknown = set(rows) - set(_BY_NAME)
        if unknown:
            raise ValueError(f"not a bulk-loadable table: {', '.join(sorted(unknown))}")
        for table in TABLES:
            block = rows.get(table.name) or ()
            if not block:
                continue
            if table is facts and not self.postgres:
                # SQLite checks a foreign key row by row: link facts to facts after they all exist
                links = [{"fid": r["id"], "about": r["about_id"]} for r in block if r.get("about_id") is not None]
                self.insert(table, [{**r, "about_id": None} for r in block] if links else block)
                if links:
                    self.conn.execute(facts.update().where(facts.c.id == sa.bindparam("fid"))
                                      .values(about_id=sa.bindparam("about")), links)
            else:
                self.insert(table, block)

    def insert(self, table: sa.Table, rows: Sequence[Mapping[str, Any]]) -> None:
        """Insert ROWS into TABLE; a column missing from every row gets its default."""
        if not rows:
            return
        present: set[str] = set()
        for r in rows:
            present.update(r)
        cols = [c for c in table.columns if c.name in present]
        if self.postgres:
            self._copy(table, cols, rows)
        else:
            if not self._tuned:
                # a bigger page cache for this transaction's connection: index pages stay in memory
                self.conn.exec_driver_sql("PRAGMA cache_size = -262144")
                self._tuned = True
            self._executemany(table, cols, rows)
        self.counts[table.name] = self.counts.get(table.name, 0) + len(rows)

    def _executemany(self, table: sa.Table, cols: list[sa.Column], rows: Sequence[Mapping[str, Any]]) -> None:
        dialect = self.conn.dialect
        procs = [(i, c.type.dialect_impl(dialect).bind_processor(dialect), isinstance(c.type, sa.JSON))
                 for i, c in enumerate(cols)]
        procs = [(i, p, is_json) for i, p, is_json in procs if p is not None]
        defaults = [(i, d) for i, d in enumerate(_default(c) for c in cols) if d is not None]
        names = [c.name for c in cols]
        prep = dialect.identifier_preparer
        sql = (f"INSERT INTO {prep.format_table(table)} ({', '.join(prep.format_column(c) for c in cols)}) "
               f"VALUES ({', '.join('?' for _ in cols)})")
        params = []
        for r in rows:
            values = [r.get(n) for n in names]
            for i, d in defaults:
                if values[i] is None:
                    values[i] = d
            for i, proc, is_json in procs:
                v = values[i]
                if v is not None and not (is_json and isinstance(v, Encoded)):
                    values[i] = proc(v)
            params.append(values)
        cur = self.conn.connection.driver_connection.cursor()  # this transaction's connection, no per-row checks
        try:
            cur.executemany(sql, params)
        finally:
            cur.close()

    def _copy(self, table: sa.Table, cols: list[sa.Column], rows: Sequence[Mapping[str, Any]]) -> None:
        json_cols = [i for i, c in enumerate(cols) if isinstance(c.type, sa.JSON)]
        defaults = [(i, d) for i, d in enumerate(_default(c) for c in cols) if d is not None]
        names = [c.name for c in cols]
        columns = ", ".join(f'"{n}"' for n in names)
        raw = self.conn.connection.driver_connection
        with raw.cursor() as cur, cur.copy(f'COPY "{table.name}" ({columns}) FROM STDIN') as copy:
            for r in rows:
                values = [r.get(n) for n in names]
                for i, d in defaults:
                    if values[i] is None:
                        values[i] = d
                for i in json_cols:
                    v = values[i]
                    if v is not None and not isinstance(v, Encoded):
                        values[i] = json.dumps(v)
                copy.write_row(values)

    def finish(self) -> None:
        """After the last block: id sequences past the loaded ids (PostgreSQL), fresh planner statistics."""
        if self.postgres:
            for table in ("entities", "facts"):
                self.conn.execute(sa.text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                                          f"GREATEST((SELECT max(id) FROM {table}), 1))"))
            self.conn.execute(sa.text("ANALYZE"))
        else:
            self.conn.exec_driver_sql("ANALYZE")


def _default(column: sa.Column) -> Any:
    """The value a NOT NULL column with a server default gets when a row leaves it out."""
    if column.nullable or column.server_default is None:
        return None
    if isinstance(column.type, sa.Boolean):
        return False  # the schema's boolean server defaults are all false
    arg = getattr(column.server_default, "arg", None)
    if isinstance(arg, str):
        return int(arg) if arg.lstrip("-").isdigit() else arg
    return None


__all__ = ["TABLES", "BulkLoader", "Encoded", "article_rows", "empty_rows", "encode", "entity_rows", "merge",
           "post_columns"]

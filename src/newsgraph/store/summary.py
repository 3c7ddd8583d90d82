"""Position facts kept grouped as ``tenure.personnel_rows`` groups them (``sighting_groups``).

A head of state is called president in thousands of articles; ``show`` and ``holders`` need those
facts only as groups (person, body, wording, status, dates, attribution, outlet) with their first
and last publication, count and latest fact. Grouping them at query time costs hundreds of
milliseconds on a million facts, so the groups are kept here:

- ``refresh(conn)`` after an ingest run adds the facts written since the last refresh
  (``n`` summed, first/last widened, the newest fact the sample); after a curation (which can
  re-point or retract facts already grouped), or when facts went missing, it rebuilds the table;
- ``fresh(conn)`` says, in one cheap query, whether the table covers every fact and the whole
  curation log; readers use ``groups`` only then, and group the facts themselves otherwise, so a
  stale summary costs speed, never a wrong answer.

Each group row keeps every facts column a reader's condition may name (person, successor,
predecessor, body, role, post key, kind), so ``groups`` applies the readers' conditions unchanged.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection
from sqlalchemy.sql import visitors

from .schema import articles, curation_log, facts, sighting_groups, sighting_state

#: What one sighting group is (``tenure.Sightings``): a position fact's person, body, wording, status, dates,
#: who asserted it, and the outlet. Facts that agree on these read as one row.
GROUP_COLUMNS = [facts.c.person_id, facts.c.org_id, facts.c.title, facts.c.status, facts.c.start_date,
                 facts.c.end_date, facts.c.attributed_to_id, articles.c.source]
#: Columns constant within a group that readers' conditions name (functions of the fact, stored with the group).
_FILTER_COLUMNS = [facts.c.role, facts.c.post_key, facts.c.successor_id, facts.c.predecessor_id, facts.c.kind]
_KEY_COLUMNS = [*GROUP_COLUMNS, *_FILTER_COLUMNS]
_NAMES = [c.name for c in _KEY_COLUMNS]
_BATCH = 2000

__all__ = ["GROUP_COLUMNS", "fresh", "groups", "refresh", "stamps", "state_is_fresh"]


def stamps(conn: Connection) -> tuple[int, int]:
    """(highest fact id, highest curation log id), 0 for an empty table: both reads are index lookups."""
    top = conn.execute(sa.select(
        sa.select(sa.func.coalesce(sa.func.max(facts.c.id), 0)).scalar_subquery(),
        sa.select(sa.func.coalesce(sa.func.max(curation_log.c.id), 0)).scalar_subquery())).one()
    return int(top[0]), int(top[1])


def fresh(conn: Connection) -> bool:
    """Whether ``sighting_groups`` covers every fact and the whole curation log (one query)."""
    return state_is_fresh(conn, sighting_state)


def state_is_fresh(conn: Connection, state: sa.Table) -> bool:
    """Whether the kept table whose state row (id 1: fact_id, curation_id) is in STATE covers every fact and the
    whole curation log (one query)."""
    row = conn.execute(sa.select(
        state.c.fact_id, state.c.curation_id,
        sa.select(sa.func.coalesce(sa.func.max(facts.c.id), 0)).scalar_subquery(),
        sa.select(sa.func.coalesce(sa.func.max(curation_log.c.id), 0)).scalar_subquery())
        .where(state.c.id == 1)).first()
    return row is not None and row[0] == row[2] and row[1] == row[3]


def group_key(values: Sequence[Any]) -> str:
    """The key of one group: a hash of its column VALUES in ``_KEY_COLUMNS`` order (None is a value)."""
    return hashlib.sha256(json.dumps(list(values), ensure_ascii=False).encode()).hexdigest()[:32]


def _aggregate(conn: Connection, after: int, upto: int) -> Iterable[dict[str, Any]]:
    """Group rows of the live position facts with AFTER < id <= UPTO, with what tenures read of each sample."""
    top = sa.func.max(facts.c.id).label("sample_id")
    agg = (sa.select(*_KEY_COLUMNS, sa.func.min(articles.c.published).label("first_published"),
                     sa.func.max(articles.c.published).label("last_published"), sa.func.count().label("n"), top)
           .select_from(facts.join(articles, articles.c.id == facts.c.article_id))
           .where(facts.c.kind == "position", facts.c.retracted.is_(False), facts.c.id > after, facts.c.id <= upto)
           .group_by(*_KEY_COLUMNS)).subquery()
    sample, published = facts.alias("sample"), articles.alias("sample_article")
    query = (sa.select(agg, sample.c.date, published.c.published, sample.c.article_id)
             .select_from(agg.join(sample, sample.c.id == agg.c.sample_id)
                          .join(published, published.c.id == sample.c.article_id)))
    width = len(_NAMES)
    for row in conn.execute(query):
        values = tuple(row[:width])
        out = dict(zip(_NAMES, values, strict=True))
        out.update(key=group_key(values), first_published=row[width], last_published=row[width + 1],
                   n=int(row[width + 2]), sample_id=int(row[width + 3]), sample_date=row[width + 4],
                   sample_published=row[width + 5], sample_article_id=row[width + 6])
        yield out


def _earlier(old: Any, new: Any, pick_new_if: Any) -> Any:
    """NEW where OLD is NULL or PICK_NEW_IF holds, else OLD; NULL-safe unlike SQLite's two-argument min/max."""
    return sa.case((old.is_(None), new), (new.is_(None), old), (pick_new_if, new), else_=old)


def _upsert(conn: Connection, rows: list[dict[str, Any]]) -> None:
    """Add ROWS (groups of newer facts) into the table: counts summed, dates widened, newest sample kept."""
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    stmt = dialect.insert(sighting_groups)
    g, new = sighting_groups.c, stmt.excluded
    stmt = stmt.on_conflict_do_update(index_elements=[g.key], set_={
        "n": g.n + new.n,
        "first_published": _earlier(g.first_published, new.first_published, new.first_published < g.first_published),
        "last_published": _earlier(g.last_published, new.last_published, new.last_published > g.last_published),
        **{name: sa.case((new.sample_id > g.sample_id, new[name]), else_=g[name])
           for name in ("sample_id", "sample_date", "sample_published", "sample_article_id")},
    })
    conn.execute(stmt, rows)


def refresh(conn: Connection, *, full: bool = False) -> str:
    """Bring ``sighting_groups`` up to date inside the caller's write transaction; returns what it did:
    'fresh' (nothing to do), 'incremental' (facts added since) or 'rebuilt' (FULL, first time, curation
    moved, or facts removed)."""
    facts_top, curation_top = stamps(conn)
    state = conn.execute(sa.select(sighting_state.c.fact_id, sighting_state.c.curation_id)
                         .where(sighting_state.c.id == 1)).first()
    rebuild = full or state is None or state.curation_id != curation_top or state.fact_id > facts_top
    if not rebuild and state.fact_id == facts_top:
        return "fresh"
    after = 0 if rebuild else state.fact_id
    if rebuild:
        conn.execute(sighting_groups.delete())
    batch: list[dict[str, Any]] = []
    for row in _aggregate(conn, after, facts_top):
        batch.append(row)
        if len(batch) >= _BATCH:
            _write(conn, batch, rebuild)
            batch = []
    if batch:
        _write(conn, batch, rebuild)
    if rebuild:  # planner statistics for the new rows (the table was empty or another size)
        conn.execute(sa.text("ANALYZE sighting_groups"))
    conn.execute(sighting_state.delete())
    conn.execute(sighting_state.insert().values(id=1, fact_id=facts_top, curation_id=curation_top))
    return "rebuilt" if rebuild else "incremental"


def _write(conn: Connection, rows: list[dict[str, Any]], empty_table: bool) -> None:
    if empty_table:  # every key is new: a plain insert
        conn.execute(sighting_groups.insert(), rows)
    else:
        _upsert(conn, rows)


def _on_groups(element: Any) -> Any:
    """A facts column in a reader's condition, read from ``sighting_groups`` instead (same name)."""
    if isinstance(element, sa.Column) and element.table is facts:
        return sighting_groups.c[element.name]
    return None


def groups(conn: Connection, any_of: Sequence[Any]) -> list[dict[str, Any]]:
    """The sighting groups of the live position facts matching any of the conditions ANY_OF (written on ``facts``
    columns), ordered by sample id: what ``tenure.personnel_rows`` computes by grouping the facts, read from the
    kept groups. Each is the sample fact's tenure columns (``id``, ``kind``, ``person_id``, ..., ``date``,
    ``a_published``, ``article_id``) with ``first_published``, ``last_published`` and ``n``."""
    g = sighting_groups.c
    conds = [visitors.replacement_traverse(c, {}, _on_groups) for c in any_of]
    keys = sa.union(*[sa.select(g.key).where(c) for c in conds])
    merged: dict[tuple, dict[str, Any]] = {}
    for row in conn.execute(sa.select(sighting_groups).where(g.key.in_(keys))):
        m = row._mapping
        # rows differing only in a filter column (a post key parsed by another version) are one group, as when
        # the facts are grouped: counts summed, dates widened, the newest sample kept
        key = tuple(m[c.name] for c in GROUP_COLUMNS)
        have = merged.get(key)
        if have is None:
            merged[key] = dict(m)
            continue
        have["n"] += m["n"]
        for name, pick in (("first_published", min), ("last_published", max)):
            dates = [d for d in (have[name], m[name]) if d is not None]
            have[name] = pick(dates) if dates else None
        if m["sample_id"] > have["sample_id"]:
            have.update({k: m[k] for k in (*_NAMES, "sample_id", "sample_date", "sample_published",
                                           "sample_article_id") if k != "source"})
    out = []
    for m in sorted(merged.values(), key=lambda m: m["sample_id"]):
        out.append({**{c.name: m[c.name] for c in _FILTER_COLUMNS + GROUP_COLUMNS}, "id": m["sample_id"],
                    "date": m["sample_date"], "a_published": m["sample_published"],
                    "article_id": m["sample_article_id"], "a_source": m["source"],
                    "first_published": m["first_published"],
                    "last_published": m["last_published"], "n": m["n"]})
    return out

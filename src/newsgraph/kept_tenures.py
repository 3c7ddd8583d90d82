"""Every tenure in the base, built once and kept (``kept_tenures``), so that queries read them.

``show`` and ``holders`` need tenures; building them at query time means reading every report of a
post and every other holder's start (a successor's start ends the predecessor's tenure), which on
a million facts takes hundreds of milliseconds for a head of state or a post every article names.
Tenures only change when personnel facts of their post's role arrive, so they are kept here:

- ``refresh(conn)`` after an ingest run rebuilds the tenures of every *role* (``facts.role``:
  minister, president, head, ...) that the new facts touched; after a curation (which can merge
  people or retract facts), or when FULL, it rebuilds every role. A role is the unit because the
  successor search (``tenure.infer_successor_ends``) never crosses roles: one role's tenures are
  built from that role's facts alone, plus the untitled successions and dismissals of people
  holding posts of that role only (``tenure.tenures_from_rows`` folds those into the person's one post);
- ``fresh(conn)`` says, in one query, whether the table covers every fact and the whole curation
  log; ``tenure.tenures_of`` and ``query.holders`` read it only then, and build tenures from the
  facts otherwise. Both give tenures built by the same code; kept ones are built over the whole role
  (every holder's reports), so a tenure can end at a successor whose start a query over one post's
  facts would not have read.

Each kept tenure carries what answers show of it: dates and how they are known, its successor, how
many reports it rests on, and the latest ``MAX_SOURCES`` fact rows with their evidence and article
(and the sighting counts of a grouped row), so answers read no fact. A role's rebuild rewrites only
the tenures whose signature (a hash of all that) changed. ``kept_post_holders`` keeps, per post key,
each (person, body) pair's reports: ``holders`` of a post named without a body reads its most
reported holders from an index. Body names learned after a role was last rebuilt (a new acronym of
a ministry) are read the next time that role is rebuilt (``newsgraph refresh --full`` forces it).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from . import posts, tenure
from .query._common import PERSONNEL, one_of, selective
from .store import summary
from .store.schema import facts, kept_post_holders, kept_tenure_keys, kept_tenure_state, kept_tenures

__all__ = ["fresh", "holders", "of_person", "refresh"]

_UNTITLED = ("succession", "dismissal")  # the untitled rows tenures_from_rows folds into a person's one post
_BATCH = 2000
_KEY_COPIES = ("person_id", "org_id", "residual", "reports", "latest")  # kept_tenures columns kept_tenure_keys repeats
_SOURCE_FIELDS = ["id", "article_id", "attributed_to_id", "a_published", "a_source", "a_title", "evidence_text",
                  "evidence_start", "evidence_end", "confirmed"]


class KeptRow(dict):
    """A source row as kept: what ``query._common.source_of`` reads (a fact's evidence and article never change;
    a curation that confirms or retracts one rebuilds the table), by key and by attribute, as a row is read."""

    __slots__ = ()

    def __getattr__(self, name: str) -> Any:
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None

    @property
    def _mapping(self) -> KeptRow:
        return self


def fresh(conn: Connection) -> bool:
    """Whether ``kept_tenures`` covers every fact and the whole curation log (one query)."""
    return summary.state_is_fresh(conn, kept_tenure_state)


# -- building -------------------------------------------------------------------------------------

def refresh(conn: Connection, *, full: bool = False) -> str:
    """Bring ``kept_tenures`` up to date inside the caller's write transaction; returns 'fresh' (nothing to do),
    'incremental' (the roles new facts touched rebuilt) or 'rebuilt' (every role: FULL, first time, curation
    moved, or facts removed)."""
    facts_top, curation_top = summary.stamps(conn)
    state = conn.execute(sa.select(kept_tenure_state.c.fact_id, kept_tenure_state.c.curation_id)
                         .where(kept_tenure_state.c.id == 1)).first()
    rebuild = full or state is None or state.curation_id != curation_top or state.fact_id > facts_top
    if not rebuild and state.fact_id == facts_top:
        return "fresh"
    if rebuild:
        conn.execute(kept_post_holders.delete())
        conn.execute(kept_tenure_keys.delete())
        conn.execute(kept_tenures.delete())
        roles = set(conn.execute(sa.select(facts.c.role).where(facts.c.role.is_not(None),
                                                                facts.c.kind.in_(PERSONNEL)).distinct()).scalars())
    else:
        roles = touched_roles(conn, state.fact_id, facts_top)
    if roles:
        untitled = _untitled_rows(conn)
        roles_of = _roles_of_people(conn, {p for r in untitled for p in _people(r)})
        resolver = tenure.PostResolver(conn)
        for role in sorted(roles):
            _write(conn, role, build_role(conn, role, untitled, roles_of, resolver))
    if rebuild:
        for table in ("kept_tenures", "kept_tenure_keys", "kept_post_holders"):
            conn.execute(sa.text(f"ANALYZE {table}"))
    conn.execute(kept_tenure_state.delete())
    conn.execute(kept_tenure_state.insert().values(id=1, fact_id=facts_top, curation_id=curation_top))
    return "rebuilt" if rebuild else "incremental"


def _people(row: Any) -> set[int]:
    return {row.person_id, row.successor_id, row.predecessor_id} - {None}


def touched_roles(conn: Connection, after: int, upto: int) -> set[str]:
    """Roles whose tenures the personnel facts with AFTER < id <= UPTO can change: their own roles, and every role
    of a person in them who has untitled successions or dismissals (which fold into the person's one post)."""
    new = sa.and_(facts.c.id > after, facts.c.id <= upto, facts.c.kind.in_(PERSONNEL))
    roles = set(conn.execute(sa.select(facts.c.role).where(new, facts.c.role.is_not(None)).distinct()).scalars())
    people: set[int] = set()
    for col in (facts.c.person_id, facts.c.successor_id, facts.c.predecessor_id):
        people |= set(conn.execute(sa.select(col).where(new, col.is_not(None)).distinct()).scalars())
    with_untitled: set[int] = set()
    chunk_list = sorted(people)
    for i in range(0, len(chunk_list), 500):
        chunk = chunk_list[i:i + 500]
        for col in (facts.c.person_id, facts.c.successor_id, facts.c.predecessor_id):
            with_untitled |= set(conn.execute(
                sa.select(col).where(selective(conn, col.in_(chunk)), facts.c.kind.in_(_UNTITLED),
                                     facts.c.role.is_(None)).distinct()).scalars())
    for person_roles in _roles_of_people(conn, with_untitled).values():
        roles |= person_roles
    return roles


def _untitled_rows(conn: Connection) -> list[Any]:
    """Successions and dismissals whose title names no post: they join a person's post when it is their only one."""
    return tenure.personnel_rows(conn, [facts.c.role.is_(None)], kinds=_UNTITLED)


def _roles_of_people(conn: Connection, people: Iterable[int]) -> dict[int, set[str]]:
    """person -> the roles of the titled personnel facts naming them (as holder, successor or predecessor)."""
    out: dict[int, set[str]] = {}
    ids = sorted(set(people))
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        for col in (facts.c.person_id, facts.c.successor_id, facts.c.predecessor_id):
            for pid, role in conn.execute(sa.select(col, facts.c.role).where(
                    selective(conn, col.in_(chunk)), facts.c.kind.in_(PERSONNEL), facts.c.role.is_not(None),
                    facts.c.retracted.is_(False)).distinct()):
                out.setdefault(pid, set()).add(role)
    return out


def build_role(conn: Connection, role: str, untitled: list[Any], roles_of: dict[int, set[str]],
               resolver: tenure.PostResolver | None = None) -> list[tenure.Tenure]:
    """Every tenure of the posts of ROLE: its facts, and the UNTITLED rows of people whose only role it is
    (ROLES_OF), as ``tenure.tenures_from_rows`` builds them over the whole base."""
    rows = tenure.personnel_rows(conn, [facts.c.role == role])
    only_here = {p for p, roles in roles_of.items() if roles == {role}}
    rows += [r for r in untitled if _people(r) & only_here]
    return tenure.tenures_from_rows(conn, rows, None, resolver, fold_for=only_here)


def _source(row: Any) -> list[Any]:
    out = [getattr(row, name) for name in _SOURCE_FIELDS]
    if isinstance(row, tenure.Sightings):
        out += [row.sightings, row.first_published, row.last_published]
    return out


def _post_keys(t: tenure.Tenure) -> set[str]:
    """The post keys of T's facts (``facts.post_key``: ``holders`` finds a post's tenures by them)."""
    out = set()
    for title in {r.title for r in t.rows if r.title}:
        post = posts.parse_title(title)
        if post is not None:
            out.add(post.key[:255])
    return out


def _signature(t: tenure.Tenure, keys: set[str]) -> str:
    """What a kept tenure says, hashed: the tenure, its post keys, and the ids and counts of the sources it shows
    (a fact's evidence never changes)."""
    shown = [(r.id, getattr(r, "sightings", None), getattr(r, "first_published", None),
              getattr(r, "last_published", None)) for r in tenure.shown_rows(t)]
    values = [t.person_id, list(t.post), t.title(), t.start, t.start_basis, t.end, t.end_basis, t.first_seen,
              t.last_seen, t.ended_before, t.said_current, t.said_former, getattr(t, "successor_id", None),
              tenure.reports(t), sorted(keys), shown]
    return hashlib.sha256(json.dumps(values, ensure_ascii=False, default=str).encode()).hexdigest()[:32]


def _write(conn: Connection, role: str, tenures: list[tenure.Tenure]) -> None:
    """Make ROLE's kept tenures TENURES: those already kept as they are stay, the others are deleted or inserted
    (with the evidence of the sources they show and their post keys); then the role's pairs per post key."""
    keys_of = [_post_keys(t) for t in tenures]  # before hydrate, which swaps shown rows for their evidence
    signed = [(_signature(t, keys), t, keys) for t, keys in zip(tenures, keys_of, strict=True)]
    kept: dict[str, list[int]] = {}
    for sig, tid in conn.execute(sa.select(kept_tenures.c.signature, kept_tenures.c.id)
                                 .where(kept_tenures.c.role == role)):
        kept.setdefault(sig, []).append(tid)
    new = []
    for item in signed:
        if kept.get(item[0]):
            kept[item[0]].pop()  # unchanged: stays
        else:
            new.append(item)
    gone = sorted(tid for ids in kept.values() for tid in ids)
    for i in range(0, len(gone), 500):
        chunk = gone[i:i + 500]
        conn.execute(kept_tenure_keys.delete().where(kept_tenure_keys.c.tenure_id.in_(chunk)))
        conn.execute(kept_tenures.delete().where(kept_tenures.c.id.in_(chunk)))
    next_id = conn.execute(sa.select(sa.func.coalesce(sa.func.max(kept_tenures.c.id), 0))).scalar() + 1
    for i in range(0, len(new), _BATCH):
        next_id = _write_batch(conn, new[i:i + _BATCH], next_id)
    _write_pairs(conn, role, signed)


def _write_pairs(conn: Connection, role: str, signed: list[tuple[str, tenure.Tenure, set[str]]]) -> None:
    """ROLE's rows of ``kept_post_holders``: per post key, each (person, body) pair's reports and latest date."""
    pairs: dict[tuple[str, int, int | None], list[Any]] = {}
    for _, t, keys in signed:
        for key in keys:
            pair = pairs.setdefault((key, t.person_id, t.post[1]), [0, ""])
            pair[0] += tenure.reports(t)
            pair[1] = max(pair[1], t.latest)
    want = {(key, pid, oid, n, latest) for (key, pid, oid), (n, latest) in pairs.items()}
    h = kept_post_holders.c
    have = {tuple(r[1:]): r[0] for r in conn.execute(
        sa.select(h.id, h.post_key, h.person_id, h.org_id, h.reports, h.latest).where(h.role == role))}
    gone = sorted(i for row, i in have.items() if row not in want)
    for i in range(0, len(gone), 500):
        conn.execute(kept_post_holders.delete().where(h.id.in_(gone[i:i + 500])))
    rows = [{"post_key": key, "person_id": pid, "org_id": oid, "role": role, "reports": n, "latest": latest}
            for key, pid, oid, n, latest in sorted(want - have.keys(), key=repr)]
    for i in range(0, len(rows), _BATCH):
        conn.execute(kept_post_holders.insert(), rows[i:i + _BATCH])


def _write_batch(conn: Connection, signed: list[tuple[str, tenure.Tenure, set[str]]], next_id: int) -> int:
    batch: list[dict[str, Any]] = []
    keys: list[dict[str, Any]] = []
    tenure.hydrate(conn, [t for _, t, _ in signed])
    for sig, t, t_keys in signed:
        row = {"id": next_id, "role": t.post[0], "person_id": t.person_id, "org_id": t.post[1], "residual": t.post[2],
               "reports": tenure.reports(t), "latest": t.latest}
        copies = {c: row[c] for c in _KEY_COPIES}
        keys += [{"tenure_id": next_id, "post_key": key, **copies} for key in sorted(t_keys)]
        batch.append({
            **row,
            "title": t.title(), "start_date": t.start, "start_basis": t.start_basis, "end_date": t.end,
            "end_basis": t.end_basis, "first_seen": t.first_seen, "last_seen": t.last_seen,
            "ended_before": t.ended_before, "said_current": t.said_current, "said_former": t.said_former,
            "successor_id": getattr(t, "successor_id", None),
            # a JSON array per line: a reader wanting the latest few decodes those lines only
            "sources": "\n".join(json.dumps(_source(r), ensure_ascii=False) for r in tenure.shown_rows(t)),
            "signature": sig,
        })
        next_id += 1
    if batch:
        conn.execute(kept_tenures.insert(), batch)
    if keys:
        conn.execute(kept_tenure_keys.insert(), keys)
    return next_id


# -- reading --------------------------------------------------------------------------------------

def _tenure(row: Any, sources: int | None = None) -> tenure.Tenure:
    """The ``tenure.Tenure`` a kept row stands for, with its latest SOURCES source rows (all kept when None) as
    ``KeptRow``, evidence included."""
    rows: list[Any] = []
    width = len(_SOURCE_FIELDS)
    if not row.sources:
        lines = []
    else:
        lines = row.sources.rsplit("\n", sources)[-sources:] if sources else row.sources.split("\n")
    for line in lines:
        src = json.loads(line)
        base = KeptRow(zip(_SOURCE_FIELDS, src[:width], strict=True))
        rows.append(tenure.Sightings(base, src[width + 1], src[width + 2], src[width]) if len(src) > width else base)
    t = tenure.Tenure(person_id=row.person_id, post=(row.role, row.org_id, row.residual),
                      titles=[row.title] if row.title else [], org_id=row.org_id, start=row.start_date,
                      start_basis=row.start_basis, end=row.end_date, end_basis=row.end_basis,
                      ended_before=row.ended_before, first_seen=row.first_seen, last_seen=row.last_seen,
                      said_current=bool(row.said_current), said_former=bool(row.said_former), rows=rows,
                      n_reports=row.reports)
    if row.successor_id is not None:
        t.successor_id = row.successor_id  # type: ignore[attr-defined]
    return t


def of_person(conn: Connection, person_id: int, limit: int | None = None,
              counts: dict[str, int] | None = None) -> list[tenure.Tenure]:
    """``tenure.tenures_of`` read from the kept tenures: PERSON_ID's, at most LIMIT posts (the most reported)."""
    rows = conn.execute(sa.select(kept_tenures).where(kept_tenures.c.person_id == person_id)
                        .order_by(kept_tenures.c.id)).all()
    # posts weighed as tenure.capped_posts weighs them, before any source is decoded
    weight = tenure.weigh(((r.role, r.org_id, r.residual), r.reports, r.latest) for r in rows)
    if counts is not None:
        counts["posts"] = len(weight)
    if limit is not None and len(weight) > limit:
        keep = set(tenure.heaviest(weight, limit))
        rows = [r for r in rows if (r.role, r.org_id, r.residual) in keep]
    return [_tenure(r) for r in rows]


def holders(conn: Connection, title: str, on: str | None = None, limit: int | None = None,
            sources: int | None = None, counts: dict[str, int] | None = None) -> list[tenure.Tenure]:
    """The kept tenures of the post TITLE names, of the LIMIT (``tenure.MAX_HOLDERS``) (person, body) pairs with the
    most reports; ON: only those held on that date (every pair considered). SOURCES: the source rows read of each
    (the latest; all that are kept when None). COUNTS, when given, gets ``holders``: the pairs there are in all.

    A tenure is of the post as ``tenure.holders_rows`` reads it: one of its facts has one of the post's keys, or it
    is of the post's role in one of the bodies the title names; and ``tenure.matches_query`` keeps it."""
    limit = tenure.MAX_HOLDERS if limit is None else limit  # read here: tenure imports this module's importers
    (role, org_ids, residual), post_keys = tenure.wanted_post(conn, title)
    k, kk = kept_tenures.c, kept_tenure_keys.c

    def of_post(*where_keyed: Any, where_bodied: tuple = ()) -> Any:
        """(tenure id, person, body, reports, latest) of the post's tenures, read from the two indexes alone."""
        keyed = sa.select(kk.tenure_id.label("tid"), kk.person_id, kk.org_id, kk.reports, kk.latest).where(
            kk.post_key.in_(sorted(post_keys)), *where_keyed)
        if org_ids:  # a tenure of a named body must be of the queried portfolio too (tenure.matches_query)
            keyed = keyed.where(sa.or_(kk.org_id.is_(None),
                                       sa.and_(kk.org_id.in_(sorted(org_ids)), kk.residual == residual)))
            bodied = sa.select(k.id.label("tid"), k.person_id, k.org_id, k.reports, k.latest).where(
                k.role == role, k.org_id.in_(sorted(org_ids)), k.residual == residual, *where_bodied)
            return sa.union(keyed, bodied).subquery()
        return keyed.subquery()

    if not org_ids and len(post_keys) == 1 and not on:
        # a post named without a body ("President"): its most reported pairs, kept per key, read from an index
        h = kept_post_holders.c
        key = next(iter(post_keys))
        top = conn.execute(sa.select(h.person_id, h.org_id).where(h.post_key == key)
                           .order_by(h.reports.desc(), h.latest.desc(), h.person_id, sa.func.coalesce(h.org_id, -1))
                           .limit(limit)).all()
        if counts is not None:
            counts["holders"] = len(top) if len(top) < limit else conn.execute(
                sa.select(sa.func.count()).select_from(kept_post_holders).where(h.post_key == key)).scalar()
        return _of_pairs(conn, top, lambda pick: sa.select(kk.tenure_id).where(
            kk.post_key.in_(sorted(post_keys)), pick(kept_tenure_keys)), sources)
    if on:
        ids = sa.select(of_post().c.tid)
        found = [_tenure(r, sources) for r in conn.execute(sa.select(kept_tenures).where(k.id.in_(ids))
                                                           .order_by(k.id))]
        held = [t for t in found if tenure.held_on(t, on)]
        if counts is not None:
            counts["holders"] = len({(t.person_id, t.org_id) for t in held})
        return tenure.capped_holders(held, limit)
    every = of_post()
    n, latest = sa.func.sum(every.c.reports).label("n"), sa.func.max(every.c.latest).label("latest")
    top = conn.execute(sa.select(every.c.person_id, every.c.org_id, n, latest)
                       .group_by(every.c.person_id, every.c.org_id)
                       .order_by(n.desc(), latest.desc(), every.c.person_id, sa.func.coalesce(every.c.org_id, -1))
                       .limit(limit)).all()
    if counts is not None:
        counts["holders"] = len(top) if len(top) < limit else conn.execute(sa.select(sa.func.count()).select_from(
            sa.select(every.c.person_id, every.c.org_id).group_by(every.c.person_id, every.c.org_id).subquery())
        ).scalar()
    return _of_pairs(conn, top, lambda pick: sa.select(of_post(pick(kept_tenure_keys),
                                                               where_bodied=(pick(kept_tenures),)).c.tid), sources)


def _of_pairs(conn: Connection, pairs: list[Any], ids_of: Callable[[Callable[[sa.Table], Any]], Any],
              sources: int | None) -> list[tenure.Tenure]:
    """The kept tenures of the (person_id, org_id) PAIRS among those IDS_OF selects: it is given the condition, on
    a table with person_id and org_id, that picks the pairs (so the post's lookup reads their rows only)."""
    if not pairs:
        return []
    want = {(p.person_id, p.org_id) for p in pairs}
    people = sorted({p for p, _ in want})

    def pick(table: sa.Table) -> Any:  # their people, in one parameter on PostgreSQL; the pairs are kept below
        return one_of(conn, table.c.person_id, people)

    query = sa.select(kept_tenures).where(kept_tenures.c.id.in_(ids_of(pick))).order_by(kept_tenures.c.id)
    return [_tenure(r, sources) for r in conn.execute(query) if (r.person_id, r.org_id) in want]

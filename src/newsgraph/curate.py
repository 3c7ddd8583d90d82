"""Curation that survives: an analyst's corrections, kept as a log and applied again after re-ingest.

    merge(store, keep, gone)          two entities are one (GONE's names, mentions and facts move to KEEP)
    split(store, entity, names)       NAMES (and the articles that used them) are another entity
    rename(store, entity, name)       the canonical name
    reject(store, fact) / confirm(store, fact)

Each call changes the base and appends one row to ``curation_log`` whose payload describes its
targets by what survives a rebuild -- entities by type and names, facts by article, kind and
evidence sentence -- not by row ids, which a re-extraction changes. ``reapply(store)`` replays the
whole log; every action is idempotent, so replaying after each ingest (``ingest`` does) finds new
articles' copies of a merged entity or a rejected fact and corrects them too. ``export_log`` /
``import_log`` move the log to a new base built from scratch.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from .errors import NotFound, QueryError
from .extract.context import name_key
from .store.schema import (
    article_entities,
    curation_log,
    entities,
    entity_keys,
    entity_names,
    fact_participants,
    facts,
    mentions,
)

ENTITY_COLUMNS = ["person_id", "org_id", "by_id", "place_id", "reporter_id", "speaker_id", "via_id", "successor_id",
                  "predecessor_id", "subject_id", "object_id", "attributed_to_id"]

__all__ = ["confirm", "export_log", "import_log", "log", "merge", "reapply", "reject", "rename", "split"]


# -- descriptors ----------------------------------------------------------------------------------

def _describe_entity(conn: Connection, entity_id: int) -> dict[str, Any]:
    row = conn.execute(sa.select(entities.c.id, entities.c.name, entities.c.type)
                       .where(entities.c.id == entity_id)).first()
    if row is None:
        raise NotFound(f"no entity #{entity_id}")
    forms = conn.execute(sa.select(entity_names.c.name).where(entity_names.c.entity_id == entity_id,
                                                              entity_names.c.kind != "description")
                         .order_by(entity_names.c.id)).scalars().all()
    return {"id": row.id, "name": row.name, "type": row.type, "names": sorted({row.name, *forms})}


def _find_entity(conn: Connection, desc: Mapping[str, Any], exclude: int | None = None) -> int | None:
    """The live entity a descriptor denotes now: its canonical name first, then any of its names."""
    from .resolve.across import survivor

    for forms in ([desc["name"]], desc.get("names") or []):
        keys = {name_key(f) for f in forms if name_key(f)}
        if not keys:
            continue
        ids = conn.execute(sa.select(entity_names.c.entity_id).join(entities, entities.c.id == entity_names.c.entity_id)
                           .where(entity_names.c.key.in_(keys), entities.c.type == desc["type"])
                           .order_by(entity_names.c.entity_id)).scalars().all()
        live = [survivor(conn, i) for i in ids]
        live = [i for i in dict.fromkeys(live) if i != exclude]
        if live:
            return live[0]
    return None


def _describe_fact(conn: Connection, fact_id: int) -> dict[str, Any]:
    row = conn.execute(sa.select(facts.c.id, facts.c.article_id, facts.c.local_id, facts.c.kind,
                                 facts.c.evidence_text, facts.c.title).where(facts.c.id == fact_id)).first()
    if row is None:
        raise NotFound(f"no fact #{fact_id}")
    return {"id": row.id, "article": row.article_id, "local_id": row.local_id, "kind": row.kind,
            "evidence": row.evidence_text, "title": row.title}


def _find_facts(conn: Connection, desc: Mapping[str, Any]) -> list[int]:
    """The facts a descriptor denotes now: same article, kind and evidence (and title), any local id."""
    where = [facts.c.article_id == desc["article"], facts.c.kind == desc["kind"]]
    if desc.get("evidence") is not None:
        where.append(facts.c.evidence_text == desc["evidence"])
    else:
        where.append(facts.c.local_id == desc["local_id"])
    if desc.get("title") is not None:
        where.append(facts.c.title == desc["title"])
    return conn.execute(sa.select(facts.c.id).where(*where)).scalars().all()


def _log(conn: Connection, action: str, target_type: str, target_id: Any, payload: Mapping[str, Any],
         note: str | None, actor: str | None) -> int:
    return conn.execute(curation_log.insert().values(
        at=datetime.now(UTC), actor=actor, action=action, target_type=target_type, target_id=str(target_id),
        payload=dict(payload), note=note)).inserted_primary_key[0]


# -- entity changes -------------------------------------------------------------------------------

def _move_entity(conn: Connection, gone: int, keep: int) -> None:
    """Point everything that refers to GONE at KEEP."""
    for col in ENTITY_COLUMNS:
        conn.execute(facts.update().where(facts.c[col] == gone).values({col: keep}))
    both = sa.select(fact_participants.c.fact_id).where(fact_participants.c.entity_id == keep).scalar_subquery()
    conn.execute(fact_participants.delete().where(fact_participants.c.entity_id == gone,
                                                  fact_participants.c.fact_id.in_(both)))
    conn.execute(fact_participants.update().where(fact_participants.c.entity_id == gone).values(entity_id=keep))
    conn.execute(article_entities.update().where(article_entities.c.entity_id == gone).values(entity_id=keep))
    conn.execute(mentions.update().where(mentions.c.entity_id == gone).values(entity_id=keep))
    have = set(conn.execute(sa.select(entity_names.c.key).where(entity_names.c.entity_id == keep)).scalars())
    for row in conn.execute(sa.select(entity_names).where(entity_names.c.entity_id == gone)).mappings().all():
        if row["key"] in have:
            conn.execute(entity_names.update().where(entity_names.c.entity_id == keep,
                                                     entity_names.c.key == row["key"])
                         .values(mentions=entity_names.c.mentions + row["mentions"]))
            conn.execute(entity_names.delete().where(entity_names.c.id == row["id"]))
        else:
            conn.execute(entity_names.update().where(entity_names.c.id == row["id"]).values(entity_id=keep))
            have.add(row["key"])
    conn.execute(entity_keys.delete().where(entity_keys.c.entity_id == gone))


def _apply_merge(conn: Connection, keep: int, gone: int) -> None:
    from .resolve import across

    _move_entity(conn, gone, keep)
    conn.execute(entities.update().where(entities.c.id == gone).values(merged_into=keep))
    across.reindex(conn, [keep])


def merge(store, keep_id: int, gone_id: int, note: str | None = None, actor: str | None = None) -> dict[str, Any]:
    """GONE_ID is KEEP_ID: its names, mentions and facts move to KEEP_ID; logged for replay."""
    from .resolve.across import record_link, survivor

    with store.write() as conn:
        keep, gone = survivor(conn, keep_id), survivor(conn, gone_id)
        if keep == gone:
            raise QueryError(f"#{keep_id} and #{gone_id} are already one entity")
        dk, dg = _describe_entity(conn, keep), _describe_entity(conn, gone)
        if dk["type"] != dg["type"]:
            raise QueryError(f"cannot merge a {dk['type']} with a {dg['type']}")
        _apply_merge(conn, keep, gone)
        record_link(conn, None, keep, dg["name"], "curation", {"why": f"merged #{gone} into #{keep} by curation"})
        log_id = _log(conn, "merge", "entity", keep, {"keep": dk, "gone": dg}, note, actor)
    return {"log": log_id, "entity": dk, "merged": dg}


def _apply_split(conn: Connection, entity_id: int, forms: list[str], type: str,
                 new_id: int | None = None) -> int | None:
    """Move FORMS, and the articles that named ENTITY_ID by one of them, to a new (or NEW_ID) entity."""
    from .resolve import across

    keys = {name_key(f) for f in forms if name_key(f)}
    moving = conn.execute(sa.select(article_entities.c.article_id, article_entities.c.local_id, article_entities.c.name)
                          .where(article_entities.c.entity_id == entity_id)).all()
    moving = [r for r in moving if name_key(r.name) in keys]
    names_rows = conn.execute(sa.select(entity_names.c.id).where(entity_names.c.entity_id == entity_id,
                                                                 entity_names.c.key.in_(keys))).scalars().all()
    if not moving and not names_rows:
        return None
    canonical = conn.execute(sa.select(entities.c.name).where(entities.c.id == entity_id)).scalar()
    if name_key(canonical) in keys:
        remaining = conn.execute(sa.select(entity_names.c.name).where(
            entity_names.c.entity_id == entity_id, entity_names.c.key.not_in(keys),
            entity_names.c.kind != "description").order_by(entity_names.c.mentions.desc())).scalars().first()
        if remaining is None:
            raise QueryError("a split must leave the entity at least one name")
        conn.execute(entities.update().where(entities.c.id == entity_id).values(name=remaining,
                                                                              key=name_key(remaining)))
    if new_id is None:
        new_id = across.create_entity(conn, forms[0], type)
    if names_rows:
        conn.execute(entity_names.update().where(entity_names.c.id.in_(names_rows)).values(entity_id=new_id))
    for r in moving:
        conn.execute(article_entities.update().where(article_entities.c.article_id == r.article_id,
                                                     article_entities.c.local_id == r.local_id)
                     .values(entity_id=new_id))
        conn.execute(mentions.update().where(mentions.c.article_id == r.article_id, mentions.c.local_id == r.local_id)
                     .values(entity_id=new_id))
        fids = conn.execute(sa.select(facts.c.id).where(facts.c.article_id == r.article_id)).scalars().all()
        if fids:
            for col in ENTITY_COLUMNS:
                conn.execute(facts.update().where(facts.c.id.in_(fids), facts.c[col] == entity_id)
                             .values({col: new_id}))
            conn.execute(fact_participants.update().where(fact_participants.c.fact_id.in_(fids),
                                                          fact_participants.c.entity_id == entity_id)
                         .values(entity_id=new_id))
    across.reindex(conn, [entity_id, new_id])
    return new_id


def split(store, entity_id: int, names: Iterable[str], note: str | None = None, actor: str | None = None
          ) -> dict[str, Any]:
    """NAMES of ENTITY_ID are someone else: those names and the articles that used them become a new entity."""
    from .resolve.across import record_link, survivor

    forms = [n for n in names if n and n.strip()]
    if not forms:
        raise QueryError("split needs --names")
    with store.write() as conn:
        eid = survivor(conn, entity_id)
        desc = _describe_entity(conn, eid)
        new_id = _apply_split(conn, eid, forms, desc["type"])
        if new_id is None:
            raise QueryError(f"#{eid} {desc['name']} has none of the names {forms}")
        record_link(conn, None, new_id, forms[0], "curation", {"why": f"split from #{eid} by curation"})
        log_id = _log(conn, "split", "entity", eid, {"entity": desc, "names": forms, "new_entity": new_id},
                      note, actor)
    return {"log": log_id, "entity": desc, "new_entity": new_id, "names": forms}


def rename(store, entity_id: int, name: str, note: str | None = None, actor: str | None = None) -> dict[str, Any]:
    """Give ENTITY_ID the canonical NAME (kept as a name for lookups, too)."""
    from .resolve.across import survivor

    if not name_key(name):
        raise QueryError("a name needs letters")
    with store.write() as conn:
        eid = survivor(conn, entity_id)
        desc = _describe_entity(conn, eid)
        _apply_rename(conn, eid, name, desc["type"])
        log_id = _log(conn, "rename", "entity", eid, {"entity": desc, "name": name}, note, actor)
    return {"log": log_id, "entity": desc, "name": name}


def _apply_rename(conn: Connection, eid: int, name: str, type: str) -> None:
    from .resolve import across

    conn.execute(entities.update().where(entities.c.id == eid).values(name=name, key=name_key(name)))
    exists = conn.execute(sa.select(entity_names.c.id).where(entity_names.c.entity_id == eid,
                                                             entity_names.c.key == name_key(name))).scalar()
    if exists is None:
        conn.execute(entity_names.insert().values(entity_id=eid, name=name, key=name_key(name), kind="name",
                                                  mentions=0))
    across.index_names(conn, eid, type, [name])


def _fact_flag(store, fact_id: int, action: str, note: str | None, actor: str | None) -> dict[str, Any]:
    with store.write() as conn:
        desc = _describe_fact(conn, fact_id)
        _apply_fact_flag(conn, [fact_id], action)
        log_id = _log(conn, action, "fact", fact_id, {"fact": desc}, note, actor)
    return {"log": log_id, "fact": desc}


def _apply_fact_flag(conn: Connection, ids: list[int], action: str) -> None:
    values = {"retracted": True} if action == "reject" else {"confirmed": True, "retracted": False}
    if ids:
        conn.execute(facts.update().where(facts.c.id.in_(ids)).values(**values))


def reject(store, fact_id: int, note: str | None = None, actor: str | None = None) -> dict[str, Any]:
    """FACT_ID is wrong: queries, exports and the web skip it from now on (and after every re-ingest)."""
    return _fact_flag(store, fact_id, "reject", note, actor)


def confirm(store, fact_id: int, note: str | None = None, actor: str | None = None) -> dict[str, Any]:
    """An analyst checked FACT_ID: it is shown as confirmed (and un-rejected)."""
    return _fact_flag(store, fact_id, "confirm", note, actor)


# -- the log ---------------------------------------------------------------------------------------

def log(store) -> list[dict[str, Any]]:
    """Every correction, oldest first."""
    with store.read() as conn:
        rows = conn.execute(sa.select(curation_log).order_by(curation_log.c.id)).mappings().all()
    return [{"id": r["id"], "at": r["at"].isoformat() if r["at"] else None, "actor": r["actor"],
             "action": r["action"], "target_type": r["target_type"], "target_id": r["target_id"],
             "payload": r["payload"], "note": r["note"]} for r in rows]


def _replay_one(conn: Connection, action: str, payload: Mapping[str, Any]) -> bool:
    """Apply one logged action again if it is not in effect; True when it changed something."""
    from .resolve.across import survivor

    if action == "merge":
        keep = _find_entity(conn, payload["keep"])
        gone = _find_entity(conn, payload["gone"], exclude=keep)
        if keep is None or gone is None or survivor(conn, gone) == keep:
            return False
        gone_names = {name_key(n) for n in payload["gone"].get("names") or []}
        keep_names = {name_key(n) for n in payload["keep"].get("names") or []}
        gone_has = {name_key(n) for n in conn.execute(sa.select(entity_names.c.name)
                                                      .where(entity_names.c.entity_id == gone)).scalars()}
        if not gone_has & gone_names or gone_has & keep_names - gone_names:
            return False  # the candidate is not (only) what was merged: leave it
        _apply_merge(conn, keep, gone)
        return True
    if action == "split":
        forms = list(payload.get("names") or [])
        keys = {name_key(f) for f in forms}
        type = payload["entity"]["type"]
        others = {name_key(n) for n in payload["entity"].get("names") or []} - keys
        ids = conn.execute(sa.select(entity_names.c.entity_id).join(entities, entities.c.id == entity_names.c.entity_id)
                           .where(entity_names.c.key.in_(keys), entities.c.type == type,
                                  entities.c.merged_into.is_(None))).scalars().all()
        mixed, target = [], None
        for eid in dict.fromkeys(ids):
            has = set(conn.execute(sa.select(entity_names.c.key).where(entity_names.c.entity_id == eid)).scalars())
            if has & others:
                mixed.append(eid)
            elif target is None:
                target = eid
        changed = False
        for eid in mixed:
            changed |= _apply_split(conn, eid, forms, type, target) is not None
        return changed
    if action == "rename":
        eid = _find_entity(conn, {**payload["entity"], "names": [*payload["entity"].get("names", []),
                                                                  payload["name"]]})
        if eid is None:
            return False
        current = conn.execute(sa.select(entities.c.name).where(entities.c.id == eid)).scalar()
        if current == payload["name"]:
            return False
        _apply_rename(conn, eid, payload["name"], payload["entity"]["type"])
        return True
    if action in ("reject", "confirm"):
        ids = _find_facts(conn, payload["fact"])
        col = facts.c.retracted if action == "reject" else facts.c.confirmed
        todo = [i for i in ids if not conn.execute(sa.select(col).where(facts.c.id == i)).scalar()]
        _apply_fact_flag(conn, todo, action)
        return bool(todo)
    return False


def reapply(store) -> int:
    """Replay the whole curation log (idempotent); returns how many actions changed something."""
    changed = 0
    with store.write() as conn:
        rows = conn.execute(sa.select(curation_log.c.action, curation_log.c.payload)
                            .order_by(curation_log.c.id)).all()
        for action, payload in rows:
            if payload and _replay_one(conn, action, payload):
                changed += 1
    return changed


def export_log(store) -> str:
    """The log as JSON lines, to carry corrections to a base rebuilt from scratch."""
    return "".join(json.dumps(entry, ensure_ascii=False, default=str) + "\n" for entry in log(store))


def import_log(store, lines: Iterable[str]) -> int:
    """Append the entries of an exported log (skipping ones already present) and replay; returns entries added."""
    added = 0
    with store.write() as conn:
        have = {(r.action, json.dumps(r.payload, sort_keys=True, default=str)) for r in
                conn.execute(sa.select(curation_log.c.action, curation_log.c.payload))}
        for line in lines:
            if not line.strip():
                continue
            e = json.loads(line)
            sig = (e["action"], json.dumps(e["payload"], sort_keys=True, default=str))
            if sig in have:
                continue
            have.add(sig)
            _log(conn, e["action"], e["target_type"], e["target_id"], e["payload"], e.get("note"), e.get("actor"))
            added += 1
    reapply(store)
    return added

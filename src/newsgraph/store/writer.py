"""Every write to the knowledge base. Each public function runs inside the caller's transaction.

``write_article`` stores one extracted article (contract object) atomically: the article and
its first source, its entities linked to global entities (``resolve.across``), mentions, and
facts with a typed column per field. It is idempotent and safe under concurrent ingests
because the caller holds the write lock (``db.take_write_lock``) and it re-checks, under that
lock, whether the text (or the corpus id) is already stored or is a near-duplicate of a
stored article.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

import numpy as np
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ..article import Article
from ..extract.context import name_key
from ..resolve import across  # a module, not names: across imports store.schema
from . import dedup
from .schema import (
    article_entities,
    articles,
    entities,
    entity_names,
    fact_participants,
    facts,
    failures,
    lsh_bands,
    mentions,
    sources,
)

#: Contract fields holding one entity id -> their column.
ENTITY_FIELDS = {
    "person": "person_id", "org": "org_id", "by": "by_id", "place": "place_id", "reporter": "reporter_id",
    "speaker": "speaker_id", "via": "via_id", "successor": "successor_id", "predecessor": "predecessor_id",
    "subject": "subject_id", "object": "object_id",
}
#: Contract fields copied as they are -> their column.
VALUE_FIELDS = {
    "title": "title", "status": "status", "start": "start_date", "end": "end_date", "event_type": "event_type",
    "date": "date", "plover": "plover", "text": "text", "direct": "direct", "relation": "relation",
}
#: Contract span fields ({"start", "end"}) -> their two columns.
SPAN_FIELDS = {"speaker_span": ("speaker_start", "speaker_end"), "cue_span": ("cue_start", "cue_end")}
_TEXT_COLUMNS = {"title", "status", "start_date", "end_date", "event_type", "date", "plover", "text", "relation"}


@dataclass(frozen=True)
class WriteResult:
    """What ``write_article`` did: ``added``, ``unchanged`` (already stored) or ``duplicate``."""

    status: str
    article_id: str
    facts: int = 0
    entities: int = 0
    duplicate_of: str | None = None
    similarity: float | None = None


def _now() -> datetime:
    return datetime.now(UTC)


# Statements built once: building a select per call cost more than running it (~150 us vs ~40 us),
# and an article makes a few hundred of them.
_BY_HASH = sa.select(sources.c.article_id).where(sources.c.content_hash == sa.bindparam("hash"))
_BY_EXTERNAL_ID = sa.select(sources.c.article_id).where(sources.c.external_id == sa.bindparam("external_id"))
_MAX_ENTITY_ID = sa.select(sa.func.max(entities.c.id))
_ENTITY_NAME = sa.select(entities.c.name).where(entities.c.id == sa.bindparam("id"))
_RENAME = (entities.update().where(entities.c.id == sa.bindparam("eid"))
           .values(name=sa.bindparam("new_name"), key=sa.bindparam("new_key")))
_KNOWN_FORMS = sa.select(entity_names.c.key).where(
    entity_names.c.entity_id == sa.bindparam("id"), entity_names.c.key.in_(sa.bindparam("keys", expanding=True)))
_COUNT_FORMS = (entity_names.update()
                .where(entity_names.c.entity_id == sa.bindparam("eid"),
                       entity_names.c.key.in_(sa.bindparam("keys", expanding=True)))
                .values(mentions=entity_names.c.mentions + 1))
_INSERT_NAMES = entity_names.insert()
_INSERT_ARTICLE_ENTITY = article_entities.insert()
_INSERT_MENTIONS = mentions.insert()
_INSERT_FACT = facts.insert()
_INSERT_PARTICIPANTS = fact_participants.insert()
_INSERT_ARTICLE = articles.insert()
_INSERT_SOURCE = sources.insert()
_INSERT_BANDS = lsh_bands.insert()
_SIGNATURES = (sa.select(articles.c.id, articles.c.minhash, articles.c.ingested_at)
               .where(articles.c.id.in_(sa.bindparam("ids", expanding=True))))
_CLEAR_FAILURES = failures.delete().where(failures.c.key.in_(sa.bindparam("keys", expanding=True)))
_SET_ABOUT = facts.update().where(facts.c.id == sa.bindparam("fact_id")).values(about_id=sa.bindparam("about"))


# -- identity -------------------------------------------------------------------------------

def find_existing(conn: Connection, content_hash: str, external_id: str | None = None) -> str | None:
    """The stored article this text (or corpus id) already is, if any."""
    found = conn.execute(_BY_HASH, {"hash": content_hash}).scalar()
    if found is None and external_id is not None:
        found = conn.execute(_BY_EXTERNAL_ID, {"external_id": fit_id(external_id)}).scalar()
    return found


def find_near_duplicate(conn: Connection, sig: np.ndarray | None) -> tuple[str, float] | None:
    """The stored article most similar to signature SIG, if at least ``dedup.THRESHOLD``; oldest wins ties."""
    if sig is None:
        return None
    pairs = dedup.bands(sig)
    wanted = set(pairs)
    rows = conn.execute(_band_lookup(len(pairs)), {f"{c}{i}": v for i, pair in enumerate(pairs)
                                                   for c, v in zip("bh", pair, strict=True)})
    ids = sorted({r.article_id for r in rows if (r.band, r.hash) in wanted})
    best: tuple[str, float, datetime] | None = None
    for row in conn.execute(_SIGNATURES, {"ids": ids}) if ids else ():
        if row.minhash is None:
            continue
        sim = dedup.similarity(sig, dedup.from_bytes(row.minhash))
        if sim >= dedup.THRESHOLD and (best is None or (sim, -row.ingested_at.timestamp())
                                       > (best[1], -best[2].timestamp())):
            best = (row.id, sim, row.ingested_at)
    return (best[0], best[1]) if best else None


@lru_cache(maxsize=4)
def _band_lookup(n: int) -> sa.Select:
    """Rows of ``lsh_bands`` matching any of N (band, hash) pairs, bound as b0, h0, b1, h1, ...

    One index probe per pair (an OR of pairs): ``band IN (...) AND hash IN (...)`` probed every
    band with every hash, 32 x 32 times.
    """
    return sa.select(lsh_bands.c.band, lsh_bands.c.hash, lsh_bands.c.article_id).where(sa.or_(
        *(sa.and_(lsh_bands.c.band == sa.bindparam(f"b{i}"), lsh_bands.c.hash == sa.bindparam(f"h{i}"))
          for i in range(n))))


def fit_id(value: str | None, size: int = 512) -> str | None:
    """VALUE if it fits a column of SIZE characters, else a stable digest of it (ids must stay unique)."""
    if value is None or len(value) <= size:
        return value
    return "sha256:" + hashlib.sha256(value.encode("utf-8")).hexdigest()


def fit(value: str | None, size: int = 256) -> str | None:
    return value[:size] if value else value


def add_source(conn: Connection, article_id: str, article: Article, content_hash: str, *, primary: bool,
               similarity: float = 1.0) -> None:
    conn.execute(_INSERT_SOURCE, dict(
        article_id=article_id, content_hash=content_hash, external_id=fit_id(article.external_id),
        name=fit(article.source),
        title=article.title, published=article.published.isoformat() if article.published else None,
        url=article.url, origin=article.origin, is_primary=primary, similarity=round(similarity, 4),
        ingested_at=_now(),
    ))


def write_copy(conn: Connection, article: Article, sig: np.ndarray | None,
               content_hash: str | None = None) -> WriteResult | None:
    """Record ARTICLE without extracting it when it is already stored or a near-duplicate of a stored one.

    Returns None when it is neither (it must then be extracted and stored with ``write_article``).
    CONTENT_HASH is the text's id (default: ``article.id``).
    """
    content_hash = content_hash or article.id
    existing = find_existing(conn, content_hash, article.external_id)
    if existing is not None:
        return WriteResult("unchanged", existing)
    near = find_near_duplicate(conn, sig)
    if near is None:
        return None
    add_source(conn, near[0], article, content_hash, primary=False, similarity=near[1])
    clear_failures(conn, content_hash, article.origin)
    return WriteResult("duplicate", near[0], duplicate_of=near[0], similarity=near[1])


# -- articles -------------------------------------------------------------------------------

def write_article(conn: Connection, contract: Mapping[str, Any], article: Article,
                  sig: np.ndarray | None = None) -> WriteResult:
    """Store ARTICLE's extraction CONTRACT; a no-op for a known text, a source row for a near-duplicate.

    SIG is the text's MinHash signature (computed here when not given).
    """
    head = contract["article"]
    article_id = head["id"]
    if sig is None:
        sig = dedup.signature(head["text"])
    copy = write_copy(conn, article, sig, article_id)
    if copy is not None:
        return copy

    raw = {k: v for k, v in contract.items() if k != "article"}
    raw["article"] = {k: v for k, v in head.items() if k != "text"}
    extractor = contract.get("extractor") or {}
    conn.execute(_INSERT_ARTICLE, dict(
        id=article_id, external_id=fit_id(article.external_id), title=head.get("title"), source=fit(head.get("source")),
        published=head.get("published"), url=head.get("url"), origin=article.origin, text=head["text"],
        extractor_version=extractor.get("version"), model=extractor.get("model"),
        minhash=dedup.to_bytes(sig) if sig is not None else None, warnings=list(contract.get("warnings") or []),
        raw=raw, ingested_at=_now(),
    ))
    add_source(conn, article_id, article, article_id, primary=True)
    if sig is not None:
        conn.execute(_INSERT_BANDS, [{"band": b, "hash": h, "article_id": article_id}
                                          for b, h in dedup.bands(sig)])
    context = {"article_id": article_id, "published": head.get("published"), "source": head.get("source")}
    local, new_entities = write_entities(conn, article_id, head["text"], contract.get("entities") or [], context)
    n_facts = write_facts(conn, article_id, head["text"], contract.get("facts") or [], local,
                          extractor.get("version"))
    clear_failures(conn, article_id, article.origin)
    return WriteResult("added", article_id, facts=n_facts, entities=new_entities)


def write_entities(conn: Connection, article_id: str, text: str, items: list[Mapping[str, Any]],
                   context: Mapping[str, Any]) -> tuple[dict[str, int], int]:
    """Link each of the article's entities to a global one; returns local id -> global id, and how many are new."""
    local: dict[str, int] = {}
    mention_rows: list[dict[str, Any]] = []
    links: list[dict[str, Any]] = []  # resolution_links rows, written once at the end
    before = conn.execute(_MAX_ENTITY_ID).scalar() or 0
    for ent in items:
        name, type_ = str(ent.get("name") or "").strip(), str(ent.get("type") or "MISC")
        aliases = [str(a) for a in ent.get("aliases") or [] if a]
        if not name or not ent.get("id"):
            continue
        eid = across.resolve_entity(conn, name, type_, aliases, context, links=links)
        fresh = eid > before and eid not in local.values()  # just created from this very name
        local[str(ent["id"])] = eid
        if not fresh:
            _improve_name(conn, eid, name)
        _add_names(conn, eid, name, aliases, fresh=fresh)
        conn.execute(_INSERT_ARTICLE_ENTITY, {"article_id": article_id, "local_id": str(ent["id"]), "entity_id": eid,
                                              "type": type_, "name": name, "aliases": aliases})
        mention_rows += [{"article_id": article_id, "local_id": str(ent["id"]), "entity_id": eid, "start_char": s,
                          "end_char": e, "text": text[s:e]}
                         for s, e in _spans(ent.get("mentions"), len(text))]
    if mention_rows:
        conn.execute(_INSERT_MENTIONS, mention_rows)
    across.write_links(conn, links)
    new = sum(1 for eid in set(local.values()) if eid > before)
    return local, new


def _improve_name(conn: Connection, entity_id: int, name: str) -> None:
    """Keep the fullest proper name as the canonical one (more words wins)."""
    if across.is_description(name):
        return
    current = conn.execute(_ENTITY_NAME, {"id": entity_id}).scalar()
    if current is not None and len(name_key(name).split()) > len(name_key(current).split()):
        conn.execute(_RENAME, {"eid": entity_id, "new_name": name, "new_key": name_key(name)})


def _add_names(conn: Connection, entity_id: int, name: str, aliases: list[str], *, fresh: bool = False) -> None:
    """Record every form the article uses for the entity; a form seen before counts one more article.

    FRESH says the entity was just created, so it has no names yet (nothing to read).
    """
    forms: dict[str, tuple[str, str]] = {}
    for form, kind in [(name, "name"), *((a, "alias") for a in aliases)]:
        key = name_key(form)
        if key and key not in forms:
            forms[key] = (form, "description" if kind == "alias" and across.is_description(form) else kind)
    if not forms:
        return
    known = set() if fresh else set(conn.execute(_KNOWN_FORMS, {"id": entity_id, "keys": list(forms)}).scalars())
    if known:
        conn.execute(_COUNT_FORMS, {"eid": entity_id, "keys": list(known)})
    new = [{"entity_id": entity_id, "name": form, "key": key, "kind": kind, "mentions": 1}
           for key, (form, kind) in forms.items() if key not in known]
    if new:
        conn.execute(_INSERT_NAMES, new)


def _spans(value: Any, limit: int) -> list[tuple[int, int]]:
    """Valid (start, end) pairs from a contract span list; malformed or out-of-range ones are dropped."""
    out = []
    for item in value or []:
        try:
            s, e = int(item["start"]), int(item["end"])
        except (KeyError, TypeError, ValueError):
            continue
        if 0 <= s < e <= limit:
            out.append((s, e))
    return out


def fact_row(fact: Mapping[str, Any], local: Mapping[str, int], text: str) -> dict[str, Any]:
    """The typed column values of one contract fact (entity ids already global)."""
    row: dict[str, Any] = {"kind": str(fact.get("kind") or "unknown"), "local_id": str(fact.get("id") or "")}
    for field, column in ENTITY_FIELDS.items():
        if fact.get(field) is not None:
            row[column] = local.get(str(fact[field]))
    for field, column in VALUE_FIELDS.items():
        value = fact.get(field)
        if value is None:
            continue
        if column == "direct":
            row[column] = bool(value)
        elif column in _TEXT_COLUMNS:
            row[column] = value if isinstance(value, str) else str(value)
    for field, (c_start, c_end) in SPAN_FIELDS.items():
        span = _spans([fact[field]], len(text)) if isinstance(fact.get(field), Mapping) else []
        if span:
            row[c_start], row[c_end] = span[0]
    evidence = _spans(fact.get("evidence"), len(text))
    row["evidence"] = [list(s) for s in evidence]
    if evidence:
        row["evidence_start"], row["evidence_end"] = evidence[0]
        row["evidence_text"] = text[evidence[0][0] : evidence[0][1]]
    if fact.get("attributed_to") is not None:
        row["attributed_to_id"] = local.get(str(fact["attributed_to"]))
    confidence = fact.get("confidence")
    row["confidence"] = float(confidence) if isinstance(confidence, int | float) else None
    return row


def write_facts(conn: Connection, article_id: str, text: str, items: list[Mapping[str, Any]],
                local: Mapping[str, int], extractor_version: str | None) -> int:
    """One row per fact, participants in their link table, then ``about`` links between facts."""
    global_ids: dict[str, int] = {}
    abouts: list[tuple[int, str]] = []
    for n, fact in enumerate(items, 1):
        row = fact_row(fact, local, text)
        row["local_id"] = row["local_id"] or f"f{n}"
        if row["local_id"] in global_ids:
            row["local_id"] = f"{row['local_id']}#{n}"  # duplicate local id from a faulty extractor
        row.update(article_id=article_id, extractor_version=extractor_version, raw=dict(fact))
        fid = conn.execute(_INSERT_FACT, row).inserted_primary_key[0]
        global_ids[row["local_id"]] = fid
        participants = []
        for eid in (local.get(str(p)) for p in fact.get("participants") or []):
            if eid is not None and eid not in participants:
                participants.append(eid)
        if participants:
            conn.execute(_INSERT_PARTICIPANTS, [{"fact_id": fid, "entity_id": eid, "position": i}
                                                for i, eid in enumerate(participants)])
        if fact.get("about") is not None:
            abouts.append((fid, str(fact["about"])))
    for fid, about in abouts:
        if about in global_ids:
            conn.execute(_SET_ABOUT, {"fact_id": fid, "about": global_ids[about]})
    return len(items)


# -- failures -------------------------------------------------------------------------------

def record_failure(conn: Connection, *, key: str, stage: str, reason: str, origin: str | None = None,
                   article_id: str | None = None) -> None:
    """Remember that KEY (an article id, else its origin) failed; recording it again replaces the reason."""
    values = {"origin": origin, "article_id": article_id, "stage": stage, "reason": reason, "failed_at": _now()}
    updated = conn.execute(failures.update().where(failures.c.key == key).values(**values)).rowcount
    if not updated:
        conn.execute(failures.insert().values(key=key, **values))


def clear_failures(conn: Connection, *keys: str | None) -> None:
    """Forget earlier failures of an article that has now been stored."""
    keys = tuple(k for k in keys if k)
    if keys:
        conn.execute(_CLEAR_FAILURES, {"keys": list(keys)})

"""Across-article resolution: which stored entity does an article's entity denote?

Used by ``store.writer`` for every entity of every article, inside the article's write transaction
(the article row is already written, so its text and extraction can be read as context). In order:

1. **exact**: the article's canonical name is a stored name or alias of one entity of that type;
2. **alias**: one of its other proper-name aliases (an acronym, another spelling) is;
3. **transliteration**: a stored name shares its blocking skeleton (``names.skeleton``) and the
   two compare equal word by word (``names.compare``: Sergei/Sergey, Esmaeil/Ismail; a missing
   middle name is allowed, a different first or last name never);
4. **acronym**: for bodies, "MOIS" finds "Ministry of Intelligence and Security" and back;
5. **surname+context**: a person the article names by one word ('Kudrin') links to a stored person
   with that surname only when the context supports it -- the same post or body in this article's
   facts, or actors mentioned with both -- and better than any other namesake;
6. otherwise a new entity: a split is cheap to merge by curation, a wrong merge corrupts facts.

Blocking keeps each step an indexed lookup: ``entity_names.key`` for names, ``entity_keys`` for
skeletons, surnames and acronyms (kept up to date here and by ``reindex``). Every decision is
recorded in ``resolution_links`` with its evidence, which ``explain`` (``newsgraph why A B``) reads.

Interface (kept): ``resolve_entity(conn, name, type, aliases, context) -> entity_id``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ..extract.context import name_key
from ..posts import acronyms, is_acronym, parse_title
from ..store.schema import (
    article_entities,
    articles,
    entities,
    entity_keys,
    entity_names,
    facts,
    resolution_links,
)
from . import names as _names

#: Words that make an alias a description or pronoun rather than a name.
_DESCRIPTION_START = {"he", "she", "him", "her", "his", "it", "its", "they", "them", "their", "a", "an", "this",
                      "that", "these", "those"}
#: Context weights: a shared post is strong evidence, a shared country weak.
W_POST, W_ORG, W_ACTOR, W_PLACE = 2.0, 1.0, 1.0, 0.25
#: Least context score for a surname-only link.
MIN_CONTEXT = 1.0
#: At most this many of a candidate's articles are read for its co-mentioned actors.
_PROFILE_ARTICLES = 50


def is_description(form: str) -> bool:
    """True for 'the minister', 'he', 'this official': forms that are not proper names.

    A proper name has a capitalised or digit-bearing word after any leading 'the'.
    """
    words = form.split()
    if not words:
        return True
    if words[0].lower() in _DESCRIPTION_START:
        return True
    rest = words[1:] if words[0].lower() == "the" else words
    return not any(w[:1].isupper() or any(c.isdigit() for c in w) for w in rest)


def linkable_keys(name: str, type: str, aliases: Iterable[str]) -> tuple[str, list[str]]:
    """The canonical key and the other keys that may link this entity to a stored one."""
    main = name_key(name)
    others = []
    for alias in aliases:
        key = name_key(alias)
        if not key or key == main or is_description(alias) or key in others:
            continue
        if type == "PERSON" and len(key.split()) < 2:
            continue  # a bare surname is too common to link people across articles
        others.append(key)
    return main, others


#: Most keys per IN list (SQLite allows 32,766 parameters; kept far below).
_CHUNK = 500

# Statements built once: building a select per call cost more than running it (~150 us vs ~40 us),
# and an article resolves dozens of entities with a few lookups each.
_BY_NAME_KEYS = (
    sa.select(entity_names.c.key, entities.c.type, entity_names.c.entity_id, entities.c.merged_into)
    .join(entities, entities.c.id == entity_names.c.entity_id)
    .where(entity_names.c.key.in_(sa.bindparam("keys", expanding=True)), entity_names.c.kind != "description",
           entities.c.type.in_(sa.bindparam("types", expanding=True)))
)
_MERGED_INTO = sa.select(entities.c.merged_into).where(entities.c.id == sa.bindparam("id"))
_BY_NAME_KEY = (
    sa.select(entity_names.c.entity_id, entities.c.merged_into)
    .join(entities, entities.c.id == entity_names.c.entity_id)
    .where(entity_names.c.key == sa.bindparam("key"), entity_names.c.kind != "description",
           entities.c.type == sa.bindparam("type"))
)
_BY_DERIVED_KEY = (
    sa.select(entity_keys.c.entity_id, entities.c.merged_into)
    .join(entities, entities.c.id == entity_keys.c.entity_id)
    .where(entity_keys.c.kind == sa.bindparam("kind"), entity_keys.c.key.in_(sa.bindparam("keys", expanding=True)),
           entities.c.type == sa.bindparam("type"))
)
_FORMS = (
    sa.select(entity_names.c.name, entity_names.c.kind)
    .where(entity_names.c.entity_id == sa.bindparam("id"), entity_names.c.kind != "description")
    .order_by(entity_names.c.kind.desc(), entity_names.c.id)
)
_ENTITY_NAME = sa.select(entities.c.name).where(entities.c.id == sa.bindparam("id"))
_ARTICLE_RAW = sa.select(articles.c.raw).where(articles.c.id == sa.bindparam("id"))
_ARTICLE_EXISTS = sa.select(articles.c.id).where(articles.c.id == sa.bindparam("id"))
_ENTITY_KEYS = sa.select(entity_keys.c.kind, entity_keys.c.key).where(entity_keys.c.entity_id == sa.bindparam("id"))
_HELD_POSTS = sa.select(facts.c.post_key, facts.c.role, facts.c.org_id).where(
    sa.or_(facts.c.person_id == sa.bindparam("id"), facts.c.successor_id == sa.bindparam("id"),
           facts.c.predecessor_id == sa.bindparam("id")), facts.c.retracted.is_(False))
_ARTICLES_OF = (sa.select(article_entities.c.article_id).where(article_entities.c.entity_id == sa.bindparam("id"))
                .limit(_PROFILE_ARTICLES))
_CO_MENTIONED = (sa.select(article_entities.c.entity_id, article_entities.c.type).distinct()
                 .where(article_entities.c.article_id.in_(sa.bindparam("arts", expanding=True)),
                        article_entities.c.entity_id != sa.bindparam("id")))
_INSERT_KEYS = entity_keys.insert()
_INSERT_LINK = resolution_links.insert()
_INSERT_ENTITY = entities.insert()


def survivor(conn: Connection, entity_id: int) -> int:
    """Follow ``merged_into`` to the entity that curation kept."""
    return _follow(conn, entity_id, conn.execute(_MERGED_INTO, {"id": entity_id}).scalar())


def _follow(conn: Connection, entity_id: int, nxt: int | None) -> int:
    """``survivor`` of ENTITY_ID given its ``merged_into`` NXT, read in the same query as the id.

    Most entities were never merged, and then this costs no query at all.
    """
    seen = {entity_id}
    while nxt is not None and nxt not in seen:
        entity_id = nxt
        seen.add(entity_id)
        nxt = conn.execute(_MERGED_INTO, {"id": entity_id}).scalar()
    return entity_id if nxt is None else nxt


_survivor = survivor  # the first version's name


def candidates(conn: Connection, key: str, type: str) -> set[int]:
    """Live entities of TYPE that have KEY as a name or alias (descriptions excluded)."""
    rows = conn.execute(_BY_NAME_KEY, {"key": key, "type": type}).all()
    return {_follow(conn, eid, merged) for eid, merged in rows}


def keyed(conn: Connection, kind: str, keys: Iterable[str], type: str) -> set[int]:
    """Live entities of TYPE with one of KEYS among their derived keys of KIND."""
    keys = [k for k in set(keys) if k]
    if not keys:
        return set()
    rows = conn.execute(_BY_DERIVED_KEY, {"kind": kind, "keys": keys, "type": type}).all()
    return {_follow(conn, eid, merged) for eid, merged in rows}


def surname_candidates(conn: Connection, surname_key: str) -> set[int]:
    """Live people whose surname is SURNAME_KEY, spelled any way ('khan' -> Imran Khan, Sadiq Khan)."""
    return keyed(conn, "surname", [_names.word_skeleton(surname_key)], "PERSON") | {
        e for e in candidates(conn, surname_key, "PERSON")}


def entity_forms(conn: Connection, entity_id: int) -> list[str]:
    """Every proper name and alias of an entity, canonical first."""
    rows = conn.execute(_FORMS, {"id": entity_id}).all()
    name = conn.execute(_ENTITY_NAME, {"id": entity_id}).scalar()
    forms = [name] if name else []
    forms += [r.name for r in rows if r.name not in forms]
    return forms


def _best_form_match(conn: Connection, entity_id: int, forms: list[str], type: str) -> tuple[str, str, str] | None:
    """(how, stored form, why) for the first of FORMS that compares equal to a name of ENTITY_ID."""
    stored = entity_forms(conn, entity_id)
    for form in forms:
        for other in stored:
            if type == "PERSON" and (len(_names.person_words(form)) < 2 or len(_names.person_words(other)) < 2):
                continue
            m = _names.compare(form, other, type)
            if m.same:
                return m.how, other, m.why
    return None


# -- context --------------------------------------------------------------------------------------

_raw_cache: dict[str, Mapping[str, Any]] = {}


def _article_raw(conn: Connection, article_id: str | None) -> Mapping[str, Any]:
    if not article_id:
        return {}
    if article_id not in _raw_cache:
        if len(_raw_cache) > 64:
            _raw_cache.clear()
        raw = conn.execute(_ARTICLE_RAW, {"id": article_id}).scalar()
        _raw_cache[article_id] = raw or {}
    return _raw_cache[article_id]


def article_context(conn: Connection, name: str, type: str, context: Mapping[str, Any] | None) -> dict[str, Any]:
    """What this article says around the entity: its posts and bodies, and the other actors named.

    Read from the article's stored extraction (``articles.raw``), found by ``context['article_id']``,
    or from ``context['posts']`` / ``context['actors']`` when a caller passes them directly.
    """
    context = context or {}
    posts: set[str] = set(context.get("posts") or ())
    roles: set[str] = set()
    orgs: set[str] = set(context.get("orgs") or ())
    actors: dict[str, str] = dict(context.get("actors") or {})  # folded name -> type
    raw = _article_raw(conn, context.get("article_id"))
    ents = {e.get("id"): e for e in raw.get("entities") or []}
    key = name_key(name)
    me = {eid for eid, e in ents.items() if e.get("type") == type
          and key in {name_key(e.get("name") or ""), *(name_key(a) for a in e.get("aliases") or [])}}
    for fact in raw.get("facts") or []:
        holder = fact.get("person") or fact.get("successor")
        if holder in me or fact.get("predecessor") in me:
            post = parse_title(fact.get("title"))
            if post:
                posts.add(post.key)
                roles.add(post.role)
            if fact.get("org") in ents:
                orgs.add(name_key(ents[fact["org"]].get("name") or ""))
    for eid, e in ents.items():
        if eid not in me and e.get("type") in ("PERSON", "ORG", "GPE", "NORP") and e.get("name"):
            actors[name_key(e["name"])] = e["type"]
    return {"posts": posts, "roles": roles, "orgs": orgs, "actors": actors}


def candidate_profile(conn: Connection, entity_id: int) -> dict[str, Any]:
    """What the base knows around a stored entity: its post keys, bodies, co-mentioned actors."""
    rows = conn.execute(_HELD_POSTS, {"id": entity_id}).all()
    posts = {r.post_key for r in rows if r.post_key}
    roles = {r.role for r in rows if r.role}
    org_ids = {r.org_id for r in rows if r.org_id}
    arts = conn.execute(_ARTICLES_OF, {"id": entity_id}).scalars().all()
    co = conn.execute(_CO_MENTIONED, {"arts": arts, "id": entity_id}).all() if arts else []
    return {"posts": posts, "roles": roles, "org_ids": org_ids, "actors": {r.entity_id: r.type for r in co}}


def known_ids(conn: Connection, pairs: Iterable[tuple[str, str]]) -> dict[tuple[str, str], set[int]]:
    """``candidates(key, type)`` for many (key, type) PAIRS at once: a few queries instead of one per pair.

    An article names dozens of actors, and every candidate of an ambiguous name is scored against all
    of them; an empty key has no candidates.
    """
    wanted = {(k, t) for k, t in pairs if k}
    out: dict[tuple[str, str], set[int]] = {pair: set() for pair in wanted}
    keys = sorted({k for k, _ in wanted})
    types = sorted({t for _, t in wanted})
    for i in range(0, len(keys), _CHUNK):
        for key, type, eid, merged in conn.execute(_BY_NAME_KEYS, {"keys": keys[i: i + _CHUNK], "types": types}):
            if (key, type) in out:
                out[(key, type)].add(_follow(conn, eid, merged))
    return out


def _context_pairs(ctx: Mapping[str, Any]) -> list[tuple[str, str]]:
    """The (folded name, type) of every body and actor in an article context."""
    return [(o, "ORG") for o in ctx["orgs"]] + list(ctx["actors"].items())


def context_score(conn: Connection, ctx: Mapping[str, Any], entity_id: int,
                  known: Mapping[tuple[str, str], set[int]] | None = None) -> tuple[float, list[str]]:
    """How much this article's context supports ENTITY_ID, and the reasons, e.g. ['same post: head|knb'].

    KNOWN is ``known_ids`` of the context's bodies and actors, when the caller scores several candidates.
    """
    if known is None:
        known = known_ids(conn, _context_pairs(ctx))
    prof = candidate_profile(conn, entity_id)
    score, why = 0.0, []
    shared_posts = ctx["posts"] & prof["posts"]
    if shared_posts:
        score += W_POST
        why.append("same post: " + ", ".join(sorted(shared_posts)))
    org_ids = set().union(*(known.get((o, "ORG"), set()) for o in ctx["orgs"])) if ctx["orgs"] else set()
    if org_ids & prof["org_ids"]:
        score += W_ORG
        why.append("same body")
    place = 0.0
    for folded, type in ctx["actors"].items():
        hit = known.get((folded, type), set()) & set(prof["actors"])
        if not hit:
            continue
        if type in ("GPE", "NORP"):
            place = min(place + W_PLACE, 2 * W_PLACE)
        else:
            score += W_ACTOR
            why.append(f"also mentioned with {folded}")
    if place:
        score += place
        why.append("same countries mentioned")
    return score, why


# -- finding --------------------------------------------------------------------------------------

def find_link(conn: Connection, name: str, type: str, aliases: Iterable[str] = (),
              context: Mapping[str, Any] | None = None) -> tuple[int | None, str, dict[str, Any]]:
    """(entity id or None, rule, evidence) for the stored entity this (name, type, aliases) denotes."""
    aliases = list(aliases)
    main, others = linkable_keys(name, type, aliases)
    refused: list[dict[str, Any]] = []
    one_word_person = type == "PERSON" and len(_names.person_words(name)) == 1
    if main and not one_word_person:
        found = candidates(conn, main, type)
        if len(found) == 1:
            return found.pop(), "exact", {"matched": name}
        if len(found) > 1:
            pick = _by_context(conn, name, type, context, found, refused)
            if pick is not None:
                return pick[0], "exact+context", {"matched": name, "context": pick[1], "refused": refused}
            return None, "new", {"why": "the name belongs to several entities and the context picks none",
                                 "refused": refused}
    found = set()
    for key in others:
        found |= candidates(conn, key, type)
    if len(found) == 1:
        return found.pop(), "alias", {"matched": next(a for a in aliases if name_key(a) in others
                                                      and candidates(conn, name_key(a), type))}
    # spelling variants and acronyms
    forms = [name] + [a for a in aliases if name_key(a) in others]
    if not one_word_person:
        blocked = keyed(conn, "skeleton", [_names.skeleton(f, type) for f in forms], type)
        if type != "PERSON":
            blocked |= keyed(conn, "acronym", [name_key(f).replace(" ", "") for f in forms if is_acronym(f)], type)
            for f in forms:
                for acr in acronyms(f):
                    blocked |= candidates(conn, acr, type)
        matches = {}
        for eid in sorted(blocked):
            m = _best_form_match(conn, eid, forms, type)
            if m is not None:
                matches[eid] = m
            else:
                refused.append({"id": eid, "why": "blocked together but the names differ"})
        if len(matches) == 1:
            eid, (how, other, why) = matches.popitem()
            rule = "acronym" if how == "acronym" else "transliteration"
            return eid, rule, {"matched": other, "why": why, "refused": refused}
        if len(matches) > 1:
            pick = _by_context(conn, name, type, context, set(matches), refused)
            if pick is not None:
                how, other, why = matches[pick[0]]
                return pick[0], "transliteration+context", {"matched": other, "why": why, "context": pick[1]}
    else:
        people = surname_candidates(conn, main)
        people = {p for p in people if any(_names.same_word(main, (_names.surname(f) or ""))
                                           for f in entity_forms(conn, p))}
        if people:
            pick = _by_context(conn, name, type, context, people, refused, minimum=MIN_CONTEXT)
            if pick is not None:
                return pick[0], "surname+context", {"matched": name, "context": pick[1], "refused": refused}
            return None, "new", {"why": "only a surname, and the context supports no stored namesake",
                                 "refused": refused}
    return None, "new", {"refused": refused} if refused else {}


def _by_context(conn: Connection, name: str, type: str, context: Mapping[str, Any] | None, ids: set[int],
                refused: list[dict[str, Any]], minimum: float = 0.01) -> tuple[int, list[str]] | None:
    """The candidate the article's context supports best, if it has at least MINIMUM and no tie."""
    ctx = article_context(conn, name, type, context)
    known = known_ids(conn, _context_pairs(ctx))
    scored = []
    for eid in sorted(ids):
        score, why = context_score(conn, ctx, eid, known)
        scored.append((score, eid, why))
    scored.sort(key=lambda t: -t[0])
    best = scored[0]
    tie = len(scored) > 1 and scored[1][0] >= best[0]
    for score, eid, why in scored:
        if eid != best[1] or tie or score < minimum:
            refused.append({"id": eid, "score": score, "why": "; ".join(why) or "no shared post, body or actors"})
    if best[0] < minimum or tie:
        return None
    return best[1], [f"score {best[0]:g}", *best[2]]


def find_entity(conn: Connection, name: str, type: str, aliases: Iterable[str] = (),
                context: Mapping[str, Any] | None = None) -> int | None:
    """The one stored entity this (name, type, aliases) denotes, or None if none or ambiguous."""
    return find_link(conn, name, type, aliases, context)[0]


# -- writing --------------------------------------------------------------------------------------

def create_entity(conn: Connection, name: str, type: str) -> int:
    return conn.execute(
        _INSERT_ENTITY, {"type": type, "name": name, "key": name_key(name), "created_at": datetime.now(UTC)}
    ).inserted_primary_key[0]


@lru_cache(maxsize=8192)
def derived_keys(form: str, type: str) -> frozenset[tuple[str, str]]:
    """The (kind, key) rows of ``entity_keys`` for one proper name of an entity (cached: names recur)."""
    if not name_key(form) or is_description(form):
        return frozenset()
    out = set()
    if type == "PERSON":
        words = _names.person_words(form)
        if len(words) >= 2:
            out.add(("skeleton", _names.skeleton(form, type)))
            out.add(("surname", _names.word_skeleton(words[-1])))
    else:
        out.add(("skeleton", _names.skeleton(form, type)))
        out |= {("acronym", a) for a in acronyms(form)}
    return frozenset((k, v[:255]) for k, v in out if v)


def index_names(conn: Connection, entity_id: int, type: str, forms: Iterable[str], *, fresh: bool = False) -> None:
    """Add the derived lookup keys of FORMS for ENTITY_ID (idempotent).

    FRESH says the entity was created in this transaction and has no keys yet (no need to read them).
    """
    wanted = set().union(*(derived_keys(f, type) for f in forms)) if forms else set()
    if not wanted:
        return
    have = set() if fresh else {(k, v) for k, v in conn.execute(_ENTITY_KEYS, {"id": entity_id})}
    rows = [{"kind": k, "key": v, "entity_id": entity_id} for k, v in sorted(wanted - have)]
    if rows:
        conn.execute(_INSERT_KEYS, rows)


def reindex(conn: Connection, entity_ids: Iterable[int] | None = None) -> None:
    """Rebuild ``entity_keys`` from ``entity_names`` (all entities, or ENTITY_IDS)."""
    query = (sa.select(entity_names.c.entity_id, entity_names.c.name, entities.c.type)
             .join(entities, entities.c.id == entity_names.c.entity_id)
             .where(entity_names.c.kind != "description"))
    if entity_ids is not None:
        ids = list(entity_ids)
        conn.execute(entity_keys.delete().where(entity_keys.c.entity_id.in_(ids)))
        query = query.where(entity_names.c.entity_id.in_(ids))
    else:
        conn.execute(entity_keys.delete())
    by_entity: dict[int, tuple[str, list[str]]] = {}
    for eid, form, type in conn.execute(query):
        by_entity.setdefault(eid, (type, []))[1].append(form)
    for eid, (type, forms) in by_entity.items():
        index_names(conn, eid, type, forms)


def link_row(article_id: str | None, entity_id: int, name: str, rule: str,
             evidence: Mapping[str, Any] | None) -> dict[str, Any]:
    """One ``resolution_links`` row (ARTICLE_ID must be a stored article or None)."""
    return {"article_id": article_id, "entity_id": entity_id, "name": name, "rule": rule,
            "evidence": dict(evidence or {}), "at": datetime.now(UTC)}


def record_link(conn: Connection, article_id: str | None, entity_id: int, name: str, rule: str,
                evidence: Mapping[str, Any] | None) -> None:
    if article_id is not None and conn.execute(_ARTICLE_EXISTS, {"id": article_id}).scalar() is None:
        article_id = None
    conn.execute(_INSERT_LINK, link_row(article_id, entity_id, name, rule, evidence))


def write_links(conn: Connection, rows: list[dict[str, Any]]) -> None:
    """Insert the ``link_row`` rows that ``resolve_entity`` left in its LINKS list, in one statement."""
    if rows:
        conn.execute(_INSERT_LINK, rows)


def resolve_entity(conn: Connection, name: str, type: str, aliases: Iterable[str] = (),
                   context: Mapping[str, Any] | None = None, *, links: list[dict[str, Any]] | None = None) -> int:
    """The global id of the entity NAME (of TYPE, also called ALIASES) denotes; created if new.

    CONTEXT is what the writer knows of the article (``article_id``, ``published``, ``source``);
    the article's own extraction is read through ``article_id`` to tell namesakes apart.
    LINKS, when given, collects the decision's ``resolution_links`` row instead of inserting it: the
    caller, which has stored the article ``context['article_id']``, writes them all with ``write_links``
    (one statement per article; nothing reads the links while an article is resolved).
    """
    aliases = list(aliases)
    found, rule, evidence = find_link(conn, name, type, aliases, context)
    fresh = found is None
    if found is None:
        found = create_entity(conn, name, type)
    index_names(conn, found, type, [name, *aliases], fresh=fresh)
    article_id = (context or {}).get("article_id")
    if links is None:
        record_link(conn, article_id, found, name, rule, evidence)
    else:
        links.append(link_row(article_id, found, name, rule, evidence))
    return found


__all__ = ["candidates", "context_score", "create_entity", "derived_keys", "entity_forms", "find_entity",
           "find_link", "index_names", "is_description", "known_ids", "link_row", "linkable_keys", "record_link",
           "reindex", "resolve_entity", "survivor", "surname_candidates", "write_links"]

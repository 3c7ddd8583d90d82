"""Across-article resolution: which stored entity does an article's entity denote?

A first, deliberately cautious version, used by ``store.writer`` for every entity of every
article (inside the article's write transaction, so it may read and insert):

- names are compared folded (``name_key``: case, accents, punctuation, a leading "the");
- only entities of the same type can match;
- the article's canonical name is looked up among every stored name and alias; when exactly
  one entity has it, that is the entity. Otherwise the article's other proper-name aliases
  (an acronym, a transliteration) are tried the same way. Single-word aliases of a person
  (a bare surname) and descriptions ("the minister") are never used to link;
- anything ambiguous or unknown becomes a new entity: a split is cheap to merge by curation,
  a wrong merge silently corrupts facts.

Interface (keep it; a better resolver may replace the body):
``resolve_entity(conn, name, type, aliases, context) -> entity_id``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ..extract.context import name_key
from ..store.schema import entities, entity_names

#: Words that make an alias a description or pronoun rather than a name.
_DESCRIPTION_START = {"he", "she", "him", "her", "his", "it", "its", "they", "them", "their", "a", "an", "this",
                      "that", "these", "those"}


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
        if not key or key == main or is_description(alias):
            continue
        if type == "PERSON" and len(key.split()) < 2:
            continue  # a bare surname is too common to link people across articles
        others.append(key)
    return main, others


def _survivor(conn: Connection, entity_id: int) -> int:
    """Follow ``merged_into`` to the entity that curation kept."""
    seen = set()
    while entity_id not in seen:
        seen.add(entity_id)
        nxt = conn.execute(sa.select(entities.c.merged_into).where(entities.c.id == entity_id)).scalar()
        if nxt is None:
            return entity_id
        entity_id = nxt
    return entity_id


def candidates(conn: Connection, key: str, type: str) -> set[int]:
    """Live entities of TYPE that have KEY as a name or alias (descriptions excluded)."""
    rows = conn.execute(
        sa.select(entity_names.c.entity_id)
        .join(entities, entities.c.id == entity_names.c.entity_id)
        .where(entity_names.c.key == key, entity_names.c.kind != "description", entities.c.type == type)
    ).scalars()
    return {_survivor(conn, eid) for eid in rows}


def surname_candidates(conn: Connection, surname_key: str) -> set[int]:
    """Live people one of whose names ends with the word SURNAME_KEY ('khan' -> Imran Khan, Sadiq Khan)."""
    pattern = "% " + surname_key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    rows = conn.execute(
        sa.select(entity_names.c.entity_id)
        .join(entities, entities.c.id == entity_names.c.entity_id)
        .where(entity_names.c.key.like(pattern, escape="\\"), entity_names.c.kind != "description",
               entities.c.type == "PERSON")
    ).scalars()
    return {_survivor(conn, eid) for eid in rows}


def find_entity(conn: Connection, name: str, type: str, aliases: Iterable[str] = ()) -> int | None:
    """The one stored entity this (name, type, aliases) denotes, or None if none or ambiguous.

    A person known to the article only by one word ('Khan') links only when exactly one stored
    person has that word as a name or as the last word of a name.
    """
    main, others = linkable_keys(name, type, aliases)
    if main:
        found = candidates(conn, main, type)
        if type == "PERSON" and len(main.split()) == 1:
            found |= surname_candidates(conn, main)
        if len(found) == 1:
            return found.pop()
        if len(found) > 1:
            return None
    found = set()
    for key in others:
        found |= candidates(conn, key, type)
    return found.pop() if len(found) == 1 else None


def create_entity(conn: Connection, name: str, type: str) -> int:
    return conn.execute(
        entities.insert().values(type=type, name=name, key=name_key(name), created_at=datetime.now(UTC))
    ).inserted_primary_key[0]


def resolve_entity(conn: Connection, name: str, type: str, aliases: Iterable[str] = (),
                   context: Mapping[str, Any] | None = None) -> int:
    """The global id of the entity NAME (of TYPE, also called ALIASES) denotes; created if new.

    CONTEXT (the article's id, date, source, ...) is unused by this version; better resolvers
    may use it to tell apart namesakes.
    """
    found = find_entity(conn, name, type, list(aliases))
    return found if found is not None else create_entity(conn, name, type)

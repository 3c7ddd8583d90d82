"""Small knowledge bases for the query tests: short articles stored with their extraction.

``contract(text, entities, facts, **meta)`` builds a ``newsgraph.extraction/1`` object the way the
extractor would for TEXT (mentions found in the text, evidence as a span of it), so that the
personnel facts a test needs are exact whatever the extractor's current rules; ``add`` stores it
through the store's own writer (and so through cross-article resolution).
"""

from __future__ import annotations

import re

from newsgraph.article import Article, parse_date, text_hash


def contract(text: str, entities: list[tuple[str, str, list[str]]], facts: list[dict] | None = None,
             **meta) -> dict:
    """ENTITIES are (name, type, aliases); FACTS name entities where the contract has ids."""
    ents, ids = [], {}
    for i, (name, type_, aliases) in enumerate(entities, 1):
        spans = sorted({(m.start(), m.end()) for form in [name, *aliases]
                        for m in re.finditer(r"\b" + re.escape(form) + r"\b", text)})
        ents.append({"id": f"e{i}", "type": type_, "name": name, "aliases": aliases,
                     "mentions": [{"start": s, "end": e} for s, e in spans]})
        ids[name] = f"e{i}"
    out = []
    for n, fact in enumerate(facts or [], 1):
        f = {"id": f"f{n}", "attributed_to": None, "confidence": 0.8}
        for key, value in fact.items():
            if key == "evidence":
                start = text.index(value)
                f["evidence"] = [{"start": start, "end": start + len(value)}]
            elif key == "participants":
                f[key] = [ids[v] for v in value]
            elif key in ("title", "text", "relation", "event_type", "status", "kind", "date", "start", "end",
                         "plover", "direct"):
                f[key] = value
            elif isinstance(value, str):
                f[key] = ids[value]
            else:
                f[key] = value
        f.setdefault("evidence", [])
        out.append(f)
    article = {"id": text_hash(text), "title": meta.get("title"), "source": meta.get("source"),
               "published": meta.get("published"), "url": None, "text": text}
    return {"schema": "newsgraph.extraction/1", "article": article, "entities": ents, "facts": out,
            "extractor": {"version": "test", "model": "none"}, "warnings": []}


def add(store, text: str, entities, facts=None, **meta) -> dict:
    c = contract(text, entities, facts, **meta)
    head = c["article"]
    store.add(c, Article(text=text, title=head["title"], source=head["source"],
                         published=parse_date(head["published"])))
    return c


def all_answers(kb) -> dict[str, str]:
    """show of every live entity and holders of every post title in the base, as comparable JSON: what two ways
    of answering (kept summaries fresh or stale) must agree on."""
    import json

    import sqlalchemy as sa

    from newsgraph import query
    from newsgraph.errors import NewsgraphError
    from newsgraph.store.schema import entities, facts

    with kb.read() as conn:
        ids = conn.execute(sa.select(entities.c.id).where(entities.c.merged_into.is_(None))
                           .order_by(entities.c.id)).scalars().all()
        titles = sorted(set(conn.execute(sa.select(facts.c.title).where(facts.c.title.is_not(None))).scalars()))
    out = {f"show {eid}": json.dumps(query.show(kb, eid), sort_keys=True, default=str) for eid in ids}
    for title in titles:
        try:
            answer = query.holders(kb, title)
        except NewsgraphError as err:  # a title that names no post is refused the same way on both paths
            answer = {"error": str(err)}
        out[f"holders {title}"] = json.dumps(answer, sort_keys=True, default=str)
    return out

"""Hand-built extraction contracts, so store tests don't depend on the extractors' current rules."""

from __future__ import annotations

import re

from newsgraph.article import Article, text_hash


def build_contract(text: str, entities: list[tuple[str, str, list[str]]], facts: list[dict] | None = None,
                   **meta) -> dict:
    """A newsgraph.extraction/1 object for TEXT.

    ENTITIES are (name, type, aliases); every occurrence of the name or an alias becomes a
    mention. FACTS use entity names where the contract has ids (``"person": "Olaf Scholz"``)
    and may give ``"evidence": "a substring of the text"``.
    """
    ents = []
    ids = {}
    for i, (name, type_, aliases) in enumerate(entities, 1):
        found = {(m.start(), m.end()) for form in [name, *aliases] for m in re.finditer(re.escape(form), text)}
        spans = sorted(s for s in found if not any(o != s and o[0] <= s[0] and s[1] <= o[1] for o in found))
        ents.append({"id": f"e{i}", "type": type_, "name": name, "aliases": aliases,
                     "mentions": [{"start": s, "end": e} for s, e in spans]})
        ids[name] = f"e{i}"
    out_facts = []
    for n, fact in enumerate(facts or [], 1):
        f = {"id": f"f{n}"}
        for key, value in fact.items():
            if key == "evidence":
                start = text.index(value)
                f["evidence"] = [{"start": start, "end": start + len(value)}]
            elif key == "participants":
                f[key] = [ids[v] for v in value]
            elif isinstance(value, str) and value in ids and key not in ("title", "text"):
                f[key] = ids[value]
            else:
                f[key] = value
        f.setdefault("evidence", [])
        f.setdefault("attributed_to", None)
        f.setdefault("confidence", 0.8)
        out_facts.append(f)
    article = {"id": text_hash(text), "title": meta.get("title"), "source": meta.get("source"),
               "published": meta.get("published"), "url": meta.get("url"), "text": text}
    return {"schema": "newsgraph.extraction/1", "article": article, "entities": ents, "facts": out_facts,
            "extractor": {"version": "test", "model": "none"}, "warnings": []}


def article_of(contract: dict, **meta) -> Article:
    from newsgraph.article import parse_date

    head = contract["article"]
    fields = {"title": head["title"], "source": head["source"], "published": parse_date(head["published"]),
              "url": head["url"], **meta}
    return Article(text=head["text"], **fields)

"""The web layer's reads: thin functions over the store schema, shaped for pages and the JSON API.

Every function takes an open (read-only) connection and returns plain JSON-ready data. All SQL is
built with SQLAlchemy Core, so every user value is a bound parameter. Readers follow
``entities.merged_into`` to the surviving entity and skip retracted facts, as the schema asks.

Where ``newsgraph.query`` offers the same read, the app prefers it (see ``app.py``); these are
the reads it lacks (article spans, network evidence, tenure rows) and a fallback while it lands.
"""

from __future__ import annotations

import itertools
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ..describe import describe_fact
from ..extract.context import name_key
from ..store import reader
from ..store.schema import (
    article_entities,
    articles,
    entities,
    entity_names,
    fact_participants,
    facts,
    mentions,
    sources,
)

#: Fact columns that hold an entity id, by contract field name.
ENTITY_COLUMNS = {
    "person": "person_id", "org": "org_id", "by": "by_id", "place": "place_id", "reporter": "reporter_id",
    "speaker": "speaker_id", "via": "via_id", "successor": "successor_id", "predecessor": "predecessor_id",
    "subject": "subject_id", "object": "object_id", "attributed_to": "attributed_to_id",
}
VALUE_COLUMNS = {
    "title": "title", "status": "status", "start": "start_date", "end": "end_date", "event_type": "event_type",
    "date": "date", "plover": "plover", "text": "text", "direct": "direct", "relation": "relation",
}
POST_KINDS = ("position", "appointment", "dismissal")
#: The kinds of edge the network draws, for its filter.
EDGE_KINDS = ("position", "appointment", "dismissal", "succession", "event", "rival_of", "cooperates_with",
              "allied_with", "affiliated_with", "part_of", "member_of", "leads", "subordinate_to")
MAX_NETWORK_NODES = 150
MAX_EDGE_EVIDENCE = 5
MAX_DEPTH = 3
_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


# -- entities ---------------------------------------------------------------------------------

def survivor(conn: Connection, entity_id: int) -> int | None:
    """The live entity ENTITY_ID is (following merges), or None when there is no such entity."""
    seen: set[int] = set()
    current: int | None = entity_id
    while current is not None and current not in seen:
        seen.add(current)
        row = conn.execute(sa.select(entities.c.merged_into).where(entities.c.id == current)).first()
        if row is None:
            return None
        if row.merged_into is None:
            return current
        current = row.merged_into
    return None


def members(conn: Connection, entity_id: int) -> list[int]:
    """ENTITY_ID and every entity merged into it (directly or through a chain)."""
    found, frontier = {entity_id}, {entity_id}
    while frontier:
        rows = conn.execute(sa.select(entities.c.id).where(entities.c.merged_into.in_(frontier))).scalars().all()
        frontier = set(rows) - found
        found |= frontier
    return sorted(found)


def merge_map(conn: Connection) -> dict[int, int]:
    """Merged entity id -> surviving id, for every merged entity (curation keeps this small)."""
    pairs = dict(conn.execute(sa.select(entities.c.id, entities.c.merged_into)
                              .where(entities.c.merged_into.is_not(None))).all())
    out: dict[int, int] = {}
    for start in pairs:
        current, hops = start, 0
        while current in pairs and hops < 50:
            current, hops = pairs[current], hops + 1
        out[start] = current
    return out


def entity_names_for(conn: Connection, ids: Iterable[int]) -> dict[int, dict[str, Any]]:
    """id -> {id, name, type} for IDS, as their surviving entities."""
    ids = {i for i in ids if i is not None}
    if not ids:
        return {}
    merged = merge_map(conn)
    wanted = ids | {merged[i] for i in ids if i in merged}
    rows = conn.execute(sa.select(entities.c.id, entities.c.name, entities.c.type)
                        .where(entities.c.id.in_(wanted))).mappings().all()
    live = {r["id"]: {"id": r["id"], "name": r["name"], "type": r["type"]} for r in rows}
    return {i: live[merged.get(i, i)] for i in ids if merged.get(i, i) in live}


def _like(text: str) -> str:
    """TEXT as a LIKE pattern matching it anywhere, its wildcards escaped."""
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def search_entities(conn: Connection, search: str | None = None, type: str | None = None, limit: int = 50,
                    offset: int = 0) -> list[dict[str, Any]]:
    """Live entities whose name or an alias contains SEARCH (folded), most mentioned first."""
    n_articles = (sa.select(sa.func.count(sa.distinct(article_entities.c.article_id)))
                  .where(article_entities.c.entity_id == entities.c.id).scalar_subquery())
    query = sa.select(entities.c.id, entities.c.type, entities.c.name, n_articles.label("articles")).where(
        entities.c.merged_into.is_(None))
    if type:
        query = query.where(entities.c.type == type.upper())
    key = name_key(search) if search else ""
    if key:
        matching = sa.select(entity_names.c.entity_id).where(entity_names.c.key.like(_like(key), escape="\\"))
        query = query.where(sa.or_(entities.c.key.like(_like(key), escape="\\"), entities.c.id.in_(matching)))
    elif search and search.strip():
        return []  # only punctuation: nothing can match
    query = query.order_by(sa.desc("articles"), entities.c.name, entities.c.id).limit(limit).offset(offset)
    rows = [dict(r) for r in conn.execute(query).mappings()]
    if key:  # names that start with the search first, then the rest (stable by mentions)
        rows.sort(key=lambda r: not name_key(r["name"]).startswith(key))
    return rows


def entity_types(conn: Connection) -> list[str]:
    """The entity types present, most common first (for the search page's filters)."""
    n = sa.func.count().label("n")
    rows = conn.execute(sa.select(entities.c.type, n).where(entities.c.merged_into.is_(None))
                        .group_by(entities.c.type).order_by(n.desc(), entities.c.type)).all()
    return [r.type for r in rows]


def entity_head(conn: Connection, entity_id: int) -> dict[str, Any] | None:
    """The entity with all its names (canonical, aliases, descriptions) and what was merged into it."""
    row = conn.execute(sa.select(entities).where(entities.c.id == entity_id)).mappings().first()
    if row is None:
        return None
    ids = members(conn, entity_id)
    names = conn.execute(
        sa.select(entity_names.c.name, entity_names.c.kind, sa.func.sum(entity_names.c.mentions).label("mentions"))
        .where(entity_names.c.entity_id.in_(ids))
        .group_by(entity_names.c.name, entity_names.c.kind)
        .order_by(sa.desc("mentions"), entity_names.c.name)).mappings().all()
    n_articles = conn.execute(sa.select(sa.func.count(sa.distinct(article_entities.c.article_id)))
                              .where(article_entities.c.entity_id.in_(ids))).scalar() or 0
    return {
        "id": row["id"], "type": row["type"], "name": row["name"], "merged_into": row["merged_into"],
        "merged": [i for i in ids if i != entity_id], "articles": n_articles,
        "names": [{"name": n["name"], "kind": n["kind"], "mentions": int(n["mentions"] or 0)} for n in names
                  if n["name"] != row["name"]],
    }


# -- facts ------------------------------------------------------------------------------------

def _fact_query():
    return (sa.select(facts, articles.c.title.label("article_title"), articles.c.source.label("outlet"),
                      articles.c.published.label("published"))
            .select_from(facts.join(articles, articles.c.id == facts.c.article_id))
            .where(facts.c.retracted.is_(False)))


def _participants(conn: Connection, fact_ids: list[int]) -> dict[int, list[int]]:
    out: dict[int, list[int]] = defaultdict(list)
    for batch in _chunks(fact_ids, 500):
        rows = conn.execute(sa.select(fact_participants.c.fact_id, fact_participants.c.entity_id)
                            .where(fact_participants.c.fact_id.in_(batch))
                            .order_by(fact_participants.c.fact_id, fact_participants.c.position)).all()
        for fid, eid in rows:
            out[fid].append(eid)
    return out


def _chunks(items: list, size: int) -> Iterable[list]:
    it = iter(items)
    while chunk := list(itertools.islice(it, size)):
        yield chunk


def shape_facts(conn: Connection, rows: list[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Fact rows as contract-shaped dicts with global entity ids, names, a sentence, and their article."""
    participants = _participants(conn, [r["id"] for r in rows if r["kind"] == "event"])
    ids: set[int] = set()
    for r in rows:
        ids.update(r[c] for c in ENTITY_COLUMNS.values() if r[c] is not None)
        ids.update(participants.get(r["id"], []))
    names = entity_names_for(conn, ids)
    out = []
    for r in rows:
        fact: dict[str, Any] = {"id": r["id"], "kind": r["kind"]}
        for field, column in VALUE_COLUMNS.items():
            if r[column] is not None:
                fact[field] = r[column]
        for field, column in ENTITY_COLUMNS.items():
            if r[column] is not None:
                fact[field] = names.get(r[column], {}).get("id", r[column])
        if r["kind"] == "event":
            fact["participants"] = list(dict.fromkeys(names.get(p, {}).get("id", p)
                                                      for p in participants.get(r["id"], [])))
        labels = {i: n["name"] for i, n in names.items()} | {n["id"]: n["name"] for n in names.values()}
        fact["summary"] = describe_fact(fact, labels)
        fact["entities"] = {str(n["id"]): n for n in names.values() if n["id"] in _refs(fact)}
        fact["evidence"] = [{"start": s, "end": e} for s, e in (r["evidence"] or [])]
        fact["evidence_text"] = r["evidence_text"]
        fact["confidence"] = r["confidence"]
        fact["article"] = {"id": r["article_id"], "title": r["article_title"], "source": r["outlet"],
                           "published": r["published"]}
        out.append(fact)
    return out


def _refs(fact: Mapping[str, Any]) -> set[int]:
    refs = {fact[f] for f in ENTITY_COLUMNS if isinstance(fact.get(f), int)}
    return refs | set(fact.get("participants") or [])


def _touching(ids: list[int], columns: Iterable[str]):
    return sa.or_(*(facts.c[c].in_(ids) for c in columns))


def entity_facts(conn: Connection, ids: list[int]) -> dict[str, list[dict[str, Any]]]:
    """The facts about the entities IDS (one live entity and its merged ones), by section of the profile."""
    q = _fact_query()
    posts = conn.execute(q.where(facts.c.kind.in_(POST_KINDS), _touching(ids, ["person_id", "org_id", "by_id"]))
                         ).mappings().all()
    event_ids = sa.select(fact_participants.c.fact_id).where(fact_participants.c.entity_id.in_(ids))
    events = conn.execute(q.where(facts.c.kind == "event", sa.or_(facts.c.id.in_(event_ids),
                                                                  facts.c.place_id.in_(ids)))).mappings().all()
    quotes = conn.execute(q.where(facts.c.kind == "quote", _touching(ids, ["speaker_id", "via_id"]))
                          ).mappings().all()
    relations = conn.execute(q.where(facts.c.kind.in_(("relation", "succession")),
                                     _touching(ids, ["subject_id", "object_id", "successor_id", "predecessor_id"]))
                             ).mappings().all()
    order = lambda f: (_fact_date(f) or "", f["id"])  # noqa: E731
    return {
        "positions": sorted(shape_facts(conn, posts), key=order),
        "events": sorted(shape_facts(conn, events), key=order),
        "quotes": sorted(shape_facts(conn, quotes), key=order),
        "relations": sorted(shape_facts(conn, relations), key=order),
    }


def _fact_date(fact: Mapping[str, Any]) -> str | None:
    return fact.get("date") or fact.get("start") or (fact.get("article") or {}).get("published")


def entity_sources(conn: Connection, ids: list[int], sections: Mapping[str, list[dict[str, Any]]],
                   limit: int = 100) -> dict[str, Any]:
    """The articles behind a profile: for each fact kind the articles that support it, and every mention."""
    by_kind: dict[str, dict[str, dict[str, Any]]] = defaultdict(dict)
    for items in sections.values():
        for fact in items:
            art = fact["article"]
            entry = by_kind[fact["kind"]].setdefault(art["id"], dict(art, facts=0))
            entry["facts"] += 1
    mentioned = conn.execute(
        sa.select(articles.c.id, articles.c.title, articles.c.source, articles.c.published)
        .where(articles.c.id.in_(sa.select(article_entities.c.article_id)
                                 .where(article_entities.c.entity_id.in_(ids))))
        .order_by(articles.c.published.desc(), articles.c.id).limit(limit)).mappings().all()
    return {"by_kind": {k: sorted(v.values(), key=lambda a: a["published"] or "", reverse=True)
                        for k, v in sorted(by_kind.items())},
            "mentioned_in": [dict(r) for r in mentioned]}


def quote_sentences(conn: Connection, quotes: list[dict[str, Any]]) -> None:
    """Give each quote the sentence(s) it stands in (with speaker and cue), from its article's text."""
    spans: dict[int, tuple[int, int]] = {}
    rows = conn.execute(sa.select(facts.c.id, facts.c.speaker_start, facts.c.speaker_end, facts.c.cue_start,
                                  facts.c.cue_end).where(facts.c.id.in_([q["id"] for q in quotes]))).all()
    extra = {r.id: [p for p in ((r.speaker_start, r.speaker_end), (r.cue_start, r.cue_end)) if p[0] is not None]
             for r in rows}
    for q in quotes:
        points = [(e["start"], e["end"]) for e in q["evidence"]] + extra.get(q["id"], [])
        if points:
            spans[q["id"]] = (min(p[0] for p in points), max(p[1] for p in points))
    texts = dict(conn.execute(sa.select(articles.c.id, articles.c.text).where(
        articles.c.id.in_({q["article"]["id"] for q in quotes if q["id"] in spans}))).all())
    for q in quotes:
        text = texts.get(q["article"]["id"])
        if text is None or q["id"] not in spans:
            q["sentence"] = q.get("text")
            continue
        start, end = sentence_bounds(text, *spans[q["id"]])
        q["sentence"] = " ".join(text[start:end].split())


_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*\s+|\n\s*\n")


def sentence_bounds(text: str, start: int, end: int, limit: int = 600) -> tuple[int, int]:
    """The span of the sentence(s) around [START, END): from the previous sentence end to the next one."""
    left = max(0, start - limit)
    before = [m.end() for m in _SENTENCE_END.finditer(text, left, start)]
    s = before[-1] if before else (left if left else 0)
    after = _SENTENCE_END.search(text, max(end - 1, s), min(len(text), end + limit))
    e = after.end() if after else min(len(text), end + limit)
    return s, e


# -- tenure chart -----------------------------------------------------------------------------

def date_bounds(value: str | None) -> tuple[str, str] | None:
    """The first and last day a partial ISO date can mean ('2023' -> 2023-01-01 .. 2023-12-31)."""
    m = _DATE.match(value or "")
    if not m:
        return None
    year, month, day = m.group(1), m.group(2), m.group(3)
    if day:
        return f"{year}-{month}-{day}", f"{year}-{month}-{day}"
    if month:
        return f"{year}-{month}-01", f"{year}-{month}-{_month_days(int(year), int(month)):02d}"
    return f"{year}-01-01", f"{year}-12-31"


def _month_days(year: int, month: int) -> int:
    import calendar

    return calendar.monthrange(year, max(1, min(12, month)))[1]


def tenure_rows(posts: list[dict[str, Any]], label: str = "post") -> list[dict[str, Any]]:
    """Rows for a tenure chart: one per post (LABEL='post') or per holder (LABEL='person').

    Each row has ``spans`` (start, end, open) from dated positions, appointments (a start) and
    dismissals (an end), and ``seen`` (dates an article reported the post as held).
    """
    groups: dict[tuple, dict[str, Any]] = {}
    for f in posts:
        if f["kind"] not in POST_KINDS or f.get("person") is None:
            continue
        ents = f.get("entities", {})
        org = ents.get(str(f.get("org")), {}).get("name") if f.get("org") else None
        person = ents.get(str(f.get("person")), {}).get("name") or str(f.get("person"))
        title = (f.get("title") or "").strip()
        if label == "post":
            key = (name_key(title) or f["kind"], f.get("org"))
            name = title or f["kind"]
            sub = org
        else:
            key = (f.get("person"),)
            name, sub = person, None
        row = groups.setdefault(key, {"label": name, "sub": sub, "entity": f.get("person") if label != "post"
                                      else f.get("org"), "starts": [], "ends": [], "seen": [], "current": False,
                                      "facts": []})
        row["facts"].append(f["id"])
        if not row["sub"] and sub:
            row["sub"] = sub
        if f["kind"] == "position":
            if f.get("start"):
                row["starts"].append(f["start"])
            if f.get("end"):
                row["ends"].append(f["end"])
            if f.get("status") == "current":
                row["current"] = True
            published = f["article"].get("published")
            if published and f.get("status") != "former":
                row["seen"].append(published)
        elif f["kind"] == "appointment" and (f.get("date") or f["article"].get("published")):
            row["starts"].append(f.get("date") or f["article"]["published"])
        elif f["kind"] == "dismissal" and (f.get("date") or f["article"].get("published")):
            row["ends"].append(f.get("date") or f["article"]["published"])
    rows = []
    for row in groups.values():
        starts = sorted(b[0] for b in map(date_bounds, row.pop("starts")) if b)
        ends = sorted(b[1] for b in map(date_bounds, row.pop("ends")) if b)
        seen = sorted({b[0] for b in map(date_bounds, row.pop("seen")) if b})
        current = row.pop("current")
        start = starts[0] if starts else None
        end = ends[-1] if ends and (not start or ends[-1] >= start) else None
        if start and end is None and not current and seen and seen[-1] > start:
            end = seen[-1]
        row.update(start=start, end=end, open=bool(start and end is None), seen=seen)
        rows.append(row)
    rows.sort(key=lambda r: (r["start"] or (r["seen"][0] if r["seen"] else "9999"), r["label"]))
    return rows


def chart(rows: list[dict[str, Any]], today: str, width: int = 960, row_height: int = 28) -> dict[str, Any] | None:
    """Pixel geometry of a tenure chart for ROWS (all numbers, so the template only draws).

    Open tenures run to TODAY (or the latest date seen); years are ticks on the axis.
    """
    import datetime as dt

    dates = [d for r in rows for d in (r["start"], r["end"], *r["seen"]) if d]
    if not dates:
        return None
    first = dt.date.fromisoformat(min(dates))
    last_seen = dt.date.fromisoformat(max(dates))
    last = max(last_seen, dt.date.fromisoformat(today)) if any(r["open"] for r in rows) else last_seen
    first = dt.date(first.year, 1, 1)
    last = dt.date(last.year, 12, 31)
    label_w, pad = 230, 8
    plot_w = width - label_w - pad
    days = max(1, (last - first).days)

    def x(value: str | dt.date) -> float:
        d = dt.date.fromisoformat(value) if isinstance(value, str) else value
        return round(label_w + plot_w * (d - first).days / days, 1)

    bars = []
    for i, r in enumerate(rows):
        y = 24 + i * row_height
        bar = None
        if r["start"] or r["end"]:
            x0 = x(r["start"]) if r["start"] else label_w
            end = r["end"] or (today if r["open"] else None) or (r["seen"][-1] if r["seen"] else r["start"])
            x1 = max(x0 + 4, x(min(end, last.isoformat())))
            bar = {"x": x0, "w": round(x1 - x0, 1), "open": r["open"], "from_start": bool(r["start"]),
                   "title": f"{r['start'] or '?'} – {r['end'] or ('present' if r['open'] else '?')}"}
        dots = [{"x": x(d), "title": f"reported {d}"} for d in r["seen"]]
        bars.append({"y": y, "label": r["label"], "sub": r["sub"], "entity": r["entity"], "bar": bar, "dots": dots})
    ticks = []
    step = max(1, (last.year - first.year + 1) // 8)
    for year in range(first.year, last.year + 1, step):
        ticks.append({"x": x(dt.date(year, 1, 1)), "label": str(year)})
    return {"width": width, "height": 24 + len(rows) * row_height + 8, "label_w": label_w, "bars": bars,
            "ticks": ticks, "plot_end": label_w + plot_w}


# -- profile, holders, articles ---------------------------------------------------------------

def profile(conn: Connection, entity_id: int) -> dict[str, Any] | None:
    """Everything the entity page shows: the ``show --json`` shape plus tenure rows and sources."""
    head = entity_head(conn, entity_id)
    if head is None:
        return None
    ids = [entity_id, *head["merged"]]
    sections = entity_facts(conn, ids)
    if sections["quotes"]:
        quote_sentences(conn, sections["quotes"])
    own_posts = [f for f in sections["positions"] if f.get("person") == entity_id]
    return {"entity": head, **sections, "tenure": tenure_rows(own_posts, "post"),
            "staff": tenure_rows([f for f in sections["positions"] if f.get("org") == entity_id], "person"),
            "sources": entity_sources(conn, ids, sections)}


def holders(conn: Connection, title: str, on: str | None = None, limit: int = 500) -> dict[str, Any]:
    """Who held a post whose title contains TITLE (folded), over time; ON keeps those holding it that day."""
    key = " ".join(title.lower().split())
    rows = conn.execute(_fact_query().where(facts.c.kind.in_(POST_KINDS), facts.c.title.is_not(None),
                                            sa.func.lower(facts.c.title).like(_like(key), escape="\\"))
                        .order_by(facts.c.id).limit(limit)).mappings().all() if key else []
    shaped = shape_facts(conn, rows)
    people = tenure_rows(shaped, "person")
    if on:
        people = [p for p in people if _held_on(p, on)]
    titles = sorted({f["title"] for f in shaped if f.get("title")}, key=lambda t: (len(t), t))
    return {"title": title, "on": on, "titles": titles[:20], "holders": people,
            "facts": [f for f in shaped if f.get("person") in {p["entity"] for p in people}]}


def _held_on(row: Mapping[str, Any], on: str) -> bool:
    bounds = date_bounds(on)
    if bounds is None:
        return True
    day = bounds[0]
    if row["start"] and row["start"] <= day and (row["end"] is None or row["end"] >= day):
        return True
    return day in row["seen"]


def article_view(conn: Connection, article_id: str) -> dict[str, Any] | None:
    """An article's text and metadata, its copies, its mentions and its facts with evidence spans."""
    row = reader.get_article(conn, article_id)
    if row is None:
        return None
    merged = merge_map(conn)
    ments = conn.execute(
        sa.select(mentions.c.start_char, mentions.c.end_char, mentions.c.entity_id, mentions.c.local_id,
                  mentions.c.text, article_entities.c.type)
        .select_from(mentions.join(article_entities, sa.and_(article_entities.c.article_id == mentions.c.article_id,
                                                             article_entities.c.local_id == mentions.c.local_id)))
        .where(mentions.c.article_id == article_id).order_by(mentions.c.start_char)).mappings().all()
    names = entity_names_for(conn, {m["entity_id"] for m in ments})
    fact_rows = conn.execute(_fact_query().where(facts.c.article_id == article_id).order_by(facts.c.id)
                             ).mappings().all()
    copies = [{"name": s["name"], "title": s["title"], "published": s["published"], "url": s["url"],
               "primary": s["is_primary"], "similarity": s["similarity"]}
              for s in conn.execute(sa.select(sources).where(sources.c.article_id == article_id)
                                    .order_by(sources.c.is_primary.desc(), sources.c.id)).mappings()]
    return {
        "article": {"id": row["id"], "title": row["title"], "source": row["source"], "published": row["published"],
                    "url": row["url"], "text": row["text"], "model": row["model"],
                    "extractor_version": row["extractor_version"], "warnings": row["warnings"] or []},
        "sources": copies,
        "mentions": [{"start": m["start_char"], "end": m["end_char"], "text": m["text"], "type": m["type"],
                      "entity": merged.get(m["entity_id"], m["entity_id"]),
                      "name": names.get(m["entity_id"], {}).get("name", m["text"])} for m in ments],
        "facts": shape_facts(conn, fact_rows),
    }


def fact_view(conn: Connection, fact_id: int) -> dict[str, Any] | None:
    rows = conn.execute(_fact_query().where(facts.c.id == fact_id)).mappings().all()
    return shape_facts(conn, rows)[0] if rows else None


# -- network ----------------------------------------------------------------------------------

#: Which pairs of fact columns make an edge, per fact kind (events use their participants).
_EDGE_ENDS = {
    "position": ("person_id", "org_id"), "appointment": ("person_id", "org_id"),
    "dismissal": ("person_id", "org_id"), "succession": ("successor_id", "predecessor_id"),
    "relation": ("subject_id", "object_id"),
}
_BY_EDGES = {"appointment": "appointed", "dismissal": "dismissed"}


def _edge_facts(conn: Connection, frontier: list[int], kinds: set[str] | None, since: str | None,
                until: str | None) -> list[Mapping[str, Any]]:
    when = sa.func.coalesce(facts.c.date, facts.c.start_date, articles.c.published)
    cols = ["person_id", "org_id", "by_id", "successor_id", "predecessor_id", "subject_id", "object_id"]
    event_ids = sa.select(fact_participants.c.fact_id).where(fact_participants.c.entity_id.in_(frontier))
    q = (sa.select(facts.c.id, facts.c.kind, facts.c.relation, facts.c.title, facts.c.event_type,
                   facts.c.article_id, facts.c.evidence_text, when.label("when"), articles.c.title.label("a_title"),
                   articles.c.source.label("a_source"), *(facts.c[c] for c in cols))
         .select_from(facts.join(articles, articles.c.id == facts.c.article_id))
         .where(facts.c.retracted.is_(False),
                sa.or_(_touching(frontier, cols), sa.and_(facts.c.kind == "event", facts.c.id.in_(event_ids)))))
    if since:
        q = q.where(when >= since)
    if until:
        q = q.where(when <= until + "\uffff")  # a day-precise UNTIL keeps that whole day's partial dates
    if kinds:
        fact_kinds = {k for k in kinds if k in _EDGE_ENDS or k == "event"}
        relations = kinds - fact_kinds
        q = q.where(sa.or_(facts.c.kind.in_(fact_kinds), sa.and_(facts.c.kind == "relation",
                                                                   facts.c.relation.in_(relations))))
    return conn.execute(q.order_by(facts.c.id)).mappings().all()


def _fact_edges(row: Mapping[str, Any], participants: Mapping[int, list[int]]) -> list[tuple[int, int, str, str]]:
    """(a, b, kind, label) pairs that one fact contributes."""
    kind = row["kind"]
    if kind == "event":
        people = list(dict.fromkeys(participants.get(row["id"], [])))
        return [(a, b, "event", row["event_type"] or "event") for a, b in itertools.combinations(people, 2)]
    out = []
    if kind in _EDGE_ENDS:
        a, b = (row[c] for c in _EDGE_ENDS[kind])
        if a is not None and b is not None:
            if kind == "relation":
                out.append((a, b, row["relation"] or "relation", (row["relation"] or "related").replace("_", " ")))
            else:
                out.append((a, b, kind, row["title"] or kind))
    if kind in _BY_EDGES and row["by_id"] is not None and row["person_id"] is not None:
        out.append((row["by_id"], row["person_id"], kind, _BY_EDGES[kind]))
    return out


def network(conn: Connection, entity_id: int | None = None, depth: int = 1, relation: Iterable[str] | None = None,
            since: str | None = None, until: str | None = None,
            max_nodes: int = MAX_NETWORK_NODES) -> dict[str, Any]:
    """The neighbourhood of ENTITY_ID up to DEPTH steps: ``{"nodes", "edges"}`` with each edge's evidence.

    Without an entity, the neighbourhood of the most connected one. RELATION keeps edges of those
    kinds (fact kinds or relation types); SINCE/UNTIL keep facts dated (or published) in the window.
    """
    kinds = {r for r in (relation or []) if r} or None
    merged = merge_map(conn)
    if entity_id is None:
        entity_id = most_connected(conn)
        if entity_id is None:
            return {"center": None, "nodes": [], "edges": [], "truncated": False}
    center = merged.get(entity_id, entity_id)
    nodes: dict[int, int] = {center: 0}
    edges: dict[tuple[int, int, str], dict[str, Any]] = {}
    frontier, truncated = [center, *[i for i, s in merged.items() if s == center]], False
    seen_facts: set[int] = set()
    for level in range(1, max(1, min(depth, MAX_DEPTH)) + 1):
        rows = [r for r in _edge_facts(conn, frontier, kinds, since, until) if r["id"] not in seen_facts]
        seen_facts.update(r["id"] for r in rows)
        participants = _participants(conn, [r["id"] for r in rows if r["kind"] == "event"])
        reached: list[int] = []
        for row in rows:
            for a, b, kind, label in _fact_edges(row, participants):
                a, b = merged.get(a, a), merged.get(b, b)
                if a == b:
                    continue
                for n in (a, b):
                    if n not in nodes:
                        if len(nodes) >= max_nodes:
                            truncated = True
                            break
                        nodes[n] = level
                        reached.append(n)
                else:
                    _add_edge(edges, a, b, kind, label, row)
        frontier = reached + [i for i, s in merged.items() if s in set(reached)]
        if not frontier:
            break
    info = entity_names_for(conn, nodes)
    degree: dict[int, int] = defaultdict(int)
    for e in edges.values():
        degree[e["source"]] += e["weight"]
        degree[e["target"]] += e["weight"]
    return {
        "center": center, "truncated": truncated,
        "nodes": [{"id": n, "name": info.get(n, {}).get("name", str(n)), "type": info.get(n, {}).get("type"),
                   "depth": d, "degree": degree[n]} for n, d in sorted(nodes.items(), key=lambda kv: kv[1])],
        "edges": sorted(edges.values(), key=lambda e: (-e["weight"], e["id"])),
    }


def _add_edge(edges: dict, a: int, b: int, kind: str, label: str, row: Mapping[str, Any]) -> None:
    directed = kind not in ("event", "rival_of", "cooperates_with", "allied_with")
    key = (a, b, kind) if directed else (min(a, b), max(a, b), kind)
    edge = edges.get(key)
    if edge is None:
        edge = edges[key] = {"id": f"{key[0]}-{key[1]}-{kind}", "source": key[0], "target": key[1], "kind": kind,
                             "labels": [], "weight": 0, "first": None, "last": None, "evidence": []}
    edge["weight"] += 1
    if label and label not in edge["labels"] and len(edge["labels"]) < 5:
        edge["labels"].append(label)
    when = row["when"]
    if when:
        edge["first"] = min(edge["first"] or when, when)
        edge["last"] = max(edge["last"] or when, when)
    if len(edge["evidence"]) < MAX_EDGE_EVIDENCE:
        edge["evidence"].append({"fact": row["id"], "article": row["article_id"], "title": row["a_title"],
                                 "source": row["a_source"], "date": when, "text": row["evidence_text"]})


def most_connected(conn: Connection) -> int | None:
    """The live entity that takes part in the most facts (positions, events, quotes, relations)."""
    cols = ["person_id", "org_id", "speaker_id", "subject_id", "object_id", "successor_id", "predecessor_id"]
    parts = [sa.select(facts.c[c].label("eid")).where(facts.c[c].is_not(None), facts.c.retracted.is_(False))
             for c in cols]
    parts.append(sa.select(fact_participants.c.entity_id.label("eid")))
    union = sa.union_all(*parts).subquery()
    n = sa.func.count().label("n")
    rows = conn.execute(sa.select(union.c.eid, n).group_by(union.c.eid).order_by(n.desc(), union.c.eid).limit(20)
                        ).all()
    merged = merge_map(conn)
    totals: dict[int, int] = defaultdict(int)
    for eid, count in rows:
        totals[merged.get(eid, eid)] += count
    return max(totals, key=lambda k: (totals[k], -k)) if totals else None


def stats(conn: Connection) -> dict[str, int]:
    return reader.stats(conn)


def failures(conn: Connection) -> list[dict[str, Any]]:
    return reader.list_failures(conn)

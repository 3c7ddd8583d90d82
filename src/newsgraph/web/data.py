"""What the pages need beyond ``newsgraph.query``: shaping its answers for templates, and a few small reads.

The JSON API returns ``newsgraph.query``'s answers as they are. Pages render the same answers,
plus what only a page needs, computed here:

- ``tenure_rows`` / ``chart``: the geometry of a tenure chart from query tenures (numbers only, so
  the template just draws);
- ``sources_by_kind``: the articles behind a profile grouped by the kind of outlet (state media,
  wire, opposition, ... from ``newsgraph.outlets``);
- ``quote_sentences``: each quote in its whole sentence (speaker and speech verb included);
- ``staff``: the post holders of an organisation (small read: position facts whose org it is);
- ``annotate_network``: each node's distance from the centre, for the concentric layout;
- ``most_connected``: the default centre of the network page;
- ``flat_fact`` / ``summaries``: one readable sentence per fact, via ``describe.describe_fact``.

Reads here use SQLAlchemy Core, so every user value is a bound parameter, and follow
``merged_into`` / skip retracted facts like the query module does.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections import defaultdict, deque
from collections.abc import Iterable, Mapping
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ..describe import describe_fact
from ..extract.context import name_key
from ..store.schema import articles, entities, fact_participants, facts

#: Edge kinds of ``query.network``, for the network page's filter (relation types filter too).
EDGE_KINDS = ("position", "appointment", "dismissal", "succession", "event", "quote", "relation", "rival_of",
              "cooperates_with", "allied_with", "affiliated_with", "part_of", "member_of", "leads",
              "subordinate_to")
MAX_DEPTH = 3
#: Evidence items per edge that the network page asks for (the API gives all unless told).
PAGE_EVIDENCE = 20
#: Items per section a profile page renders (the .json twin and the API have them all).
PAGE_ITEMS = 100
_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*\s+|\n\s*\n")


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


def entity_types(conn: Connection) -> list[str]:
    """The entity types present, most common first (the search page's filters)."""
    n = sa.func.count().label("n")
    rows = conn.execute(sa.select(entities.c.type, n).where(entities.c.merged_into.is_(None))
                        .group_by(entities.c.type).order_by(n.desc(), entities.c.type)).all()
    return [r.type for r in rows]


def entity_ref(conn: Connection, entity_id: int) -> dict[str, Any] | None:
    row = conn.execute(sa.select(entities.c.id, entities.c.name, entities.c.type)
                       .where(entities.c.id == entity_id)).first()
    return {"id": row.id, "name": row.name, "type": row.type} if row else None


def entity_types_of(conn: Connection, ids: Iterable[int]) -> dict[int, str]:
    wanted = sorted({i for i in ids if i is not None})
    if not wanted:
        return {}
    return dict(conn.execute(sa.select(entities.c.id, entities.c.type).where(entities.c.id.in_(wanted))).all())


# -- facts as sentences -----------------------------------------------------------------------

def flat_fact(fact: Mapping[str, Any]) -> tuple[dict[str, Any], dict[int, str]]:
    """A query fact (entities as {"id", "name"}) as a contract-shaped fact with ids, and id -> name."""
    flat: dict[str, Any] = {}
    names: dict[int, str] = {}
    for key, value in fact.items():
        if isinstance(value, Mapping) and "id" in value and "name" in value:
            flat[key] = value["id"]
            names[value["id"]] = value["name"] or f"#{value['id']}"
        elif key == "participants":
            flat[key] = [p["id"] for p in value if p]
            names.update({p["id"]: p["name"] or f"#{p['id']}" for p in value if p})
        else:
            flat[key] = value
    return flat, names


def summaries(items: Iterable[dict[str, Any]]) -> None:
    """Give each query fact a ``summary``: one plain sentence (the describe module's wording)."""
    for fact in items:
        flat, names = flat_fact(fact)
        fact["summary"] = describe_fact(flat, names)


# -- quotes -----------------------------------------------------------------------------------

def sentence_bounds(text: str, start: int, end: int, limit: int = 600) -> tuple[int, int]:
    """The span of the sentence(s) around [START, END): from the previous sentence end to the next one."""
    left = max(0, start - limit)
    before = [m.end() for m in _SENTENCE_END.finditer(text, left, start)]
    s = before[-1] if before else left
    after = _SENTENCE_END.search(text, max(end - 1, s), min(len(text), end + limit))
    e = after.end() if after else min(len(text), end + limit)
    return s, e


def quote_sentences(conn: Connection, quotes: list[dict[str, Any]]) -> None:
    """Give each query quote its ``sentence``: the words with the speaker and cue around them."""
    ids = [q["fact"] for q in quotes if q.get("fact") is not None]
    if not ids:
        return
    rows = conn.execute(sa.select(facts.c.id, facts.c.article_id, facts.c.evidence, facts.c.speaker_start,
                                  facts.c.speaker_end, facts.c.cue_start, facts.c.cue_end)
                        .where(facts.c.id.in_(ids))).all()
    spans: dict[int, tuple[str, int, int]] = {}
    for r in rows:
        points = [tuple(p) for p in (r.evidence or [])]
        points += [p for p in ((r.speaker_start, r.speaker_end), (r.cue_start, r.cue_end)) if p[0] is not None]
        if points:
            spans[r.id] = (r.article_id, min(p[0] for p in points), max(p[1] for p in points))
    texts = dict(conn.execute(sa.select(articles.c.id, articles.c.text)
                              .where(articles.c.id.in_({a for a, _, _ in spans.values()}))).all())
    for q in quotes:
        found = spans.get(q.get("fact"))
        text = texts.get(found[0]) if found else None
        if not found or text is None:
            q["sentence"] = q.get("text")
            continue
        start, end = sentence_bounds(text, found[1], found[2])
        q["sentence"] = " ".join(text[start:end].split())


# -- tenure chart -----------------------------------------------------------------------------

def date_bounds(value: str | None) -> tuple[str, str] | None:
    """The first and last day a partial ISO date can mean ('2023' -> 2023-01-01 .. 2023-12-31)."""
    m = _DATE.match(value or "")
    if not m:
        return None
    year, month, day = m.group(1), m.group(2), m.group(3)
    try:
        if day:
            return dt.date(int(year), int(month), int(day)).isoformat(), f"{year}-{month}-{day}"
        if month:
            last = calendar.monthrange(int(year), int(month))[1]
            return f"{year}-{month}-01", f"{year}-{month}-{last:02d}"
    except ValueError:
        return None
    return f"{year}-01-01", f"{year}-12-31"


def tenure_rows(tenures: list[Mapping[str, Any]], label: str = "post") -> list[dict[str, Any]]:
    """Chart rows from query tenures: one per post (LABEL='post') or per holder (LABEL='person').

    A row has ``start``/``end`` (days), ``open`` (still held), and ``seen`` (days an article
    reported the post as held, drawn as dots when the tenure's bounds are unknown).
    """
    rows = []
    for t in tenures:
        start = date_bounds(t.get("start"))
        end = date_bounds(t.get("end"))
        seen = sorted({b[0] for b in (date_bounds(t.get("first_seen")), date_bounds(t.get("last_seen"))) if b})
        org = (t.get("org") or {}).get("name")
        person = t.get("person") or {}
        if label == "post":
            name, sub, entity = t.get("title") or "post", org, (t.get("org") or {}).get("id")
        else:
            name, sub, entity = person.get("name") or f"#{person.get('id')}", t.get("title"), person.get("id")
        row = {"label": name, "sub": sub, "entity": entity, "start": start[0] if start else None,
               "end": end[1] if end else None, "seen": seen, "status": t.get("status"),
               "start_basis": t.get("start_basis"), "end_basis": t.get("end_basis")}
        if row["start"] and row["end"] and row["end"] < row["start"]:
            row["end"] = None
        row["open"] = bool(row["start"] and not row["end"] and t.get("status") != "former")
        rows.append(row)
    # chronological: by start, else by first sighting, else by end (a tenure known only by its end)
    rows.sort(key=lambda r: (r["start"] or (r["seen"][0] if r["seen"] else None) or r["end"] or "9999", r["label"]))
    return rows


def chart(rows: list[dict[str, Any]], today: str, width: int = 960, row_height: int = 28) -> dict[str, Any] | None:
    """Pixel geometry of a tenure chart for ROWS; None when nothing in them is dated.

    Open tenures run to TODAY; a tenure with a start but no known end runs to its last sighting.
    """
    dates = [d for r in rows for d in (r["start"], r["end"], *r["seen"]) if d]
    if not dates:
        return None
    first = dt.date.fromisoformat(min(dates))
    last = dt.date.fromisoformat(max(dates))
    if any(r["open"] for r in rows):
        last = max(last, dt.date.fromisoformat(today))
    first, last = dt.date(first.year, 1, 1), dt.date(last.year, 12, 31)
    label_w, pad = 300, 10
    plot_w = width - label_w - pad
    days = max(1, (last - first).days)

    def x(value: str) -> float:
        return round(label_w + plot_w * (dt.date.fromisoformat(value) - first).days / days, 1)

    bars = []
    for i, r in enumerate(rows):
        y = 24 + i * row_height
        bar = None
        if r["start"] or r["end"]:
            x0 = x(r["start"]) if r["start"] else label_w
            end = r["end"] or (min(today, last.isoformat()) if r["open"] else None) or (
                r["seen"][-1] if r["seen"] else r["start"])
            x1 = max(x0 + 4, x(end))
            bar = {"x": x0, "w": round(x1 - x0, 1), "open": r["open"], "from_start": bool(r["start"]),
                   "title": f"{r['start'] or 'start unknown'} – "
                            f"{r['end'] or ('present' if r['open'] else 'end unknown')}"}
        dots = [{"x": x(d), "title": f"reported holding it {d}"} for d in r["seen"]]
        bars.append({"y": y, "label": r["label"], "sub": r["sub"], "entity": r["entity"], "bar": bar, "dots": dots})
    step = max(1, (last.year - first.year + 1) // 8)
    ticks = [{"x": x(f"{year}-01-01"), "label": str(year)} for year in range(first.year, last.year + 1, step)]
    return {"width": width, "height": 24 + len(rows) * row_height + 8, "label_w": label_w, "bars": bars,
            "ticks": ticks}


def staff(conn: Connection, org_id: int, limit: int = 200) -> list[dict[str, Any]]:
    """The posts held in organisation ORG_ID, as tenure-like rows per person and title (a small read).

    Positions give start/end/status, appointments a start, dismissals an end; the article date of a
    current position is a sighting.
    """
    rows = conn.execute(
        sa.select(facts.c.kind, facts.c.person_id, facts.c.title, facts.c.status, facts.c.start_date,
                  facts.c.end_date, facts.c.date, articles.c.published, entities.c.name)
        .select_from(facts.join(articles, articles.c.id == facts.c.article_id)
                     .join(entities, entities.c.id == facts.c.person_id))
        .where(facts.c.org_id == org_id, facts.c.retracted.is_(False), facts.c.person_id.is_not(None),
               facts.c.kind.in_(("position", "appointment", "dismissal")))
        .order_by(articles.c.published, facts.c.id).limit(limit)).all()
    groups: dict[tuple, dict[str, Any]] = {}
    for r in rows:
        g = groups.setdefault((r.person_id, name_key(r.title or "")), {
            "person": {"id": r.person_id, "name": r.name}, "title": r.title, "org": None, "status": None,
            "start": None, "end": None, "first_seen": None, "last_seen": None})
        when = r.date or r.published
        start = {"position": r.start_date, "appointment": when}.get(r.kind)
        end = {"position": r.end_date, "dismissal": when}.get(r.kind)
        if start and (g["start"] is None or start < g["start"]):
            g["start"] = start
        if end and (g["end"] is None or end > g["end"]):
            g["end"] = end
        if r.kind == "position":
            g["status"] = r.status if g["status"] != "current" else g["status"]
            if r.status == "current" and r.published:
                g["first_seen"] = min(g["first_seen"] or r.published, r.published)
                g["last_seen"] = max(g["last_seen"] or r.published, r.published)
        elif r.kind == "dismissal":
            g["status"] = "former"
    return list(groups.values())


# -- sources ----------------------------------------------------------------------------------

def profile_sources(show: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Every source object in a ``query.show`` answer (positions, events, quotes, relations, personnel)."""
    out: list[dict[str, Any]] = []
    for key in ("positions", "events", "quotes", "relations"):
        for item in show.get(key) or []:
            out.extend(item.get("sources") or [])
    for fact in show.get("personnel") or []:
        if fact.get("source"):
            out.append(fact["source"])
    return out


def sources_by_kind(sources: Iterable[Mapping[str, Any]], outlets: Any) -> list[dict[str, Any]]:
    """Articles behind a profile grouped by the kind of their outlet, biggest group first.

    OUTLETS is a ``newsgraph.outlets.Outlets``; outlets it does not know are kind 'unknown'.
    """
    groups: dict[str, dict[str, dict[str, Any]]] = defaultdict(dict)
    kinds: dict[str | None, str] = {}
    for s in sources:
        outlet = s.get("source")
        if outlet not in kinds:
            kinds[outlet] = outlets.describe(outlet)["kind"]
        kind = kinds[outlet]
        entry = groups[kind].setdefault(s["article"], {"article": s["article"], "title": s.get("title"),
                                                        "source": s.get("source"), "published": s.get("published"),
                                                        "facts": set(), "voices": set()})
        entry["facts"].add(s.get("fact"))
        entry["voices"].add(s.get("voice") or "own")
    out = []
    for kind, arts in groups.items():
        items = [{**a, "facts": len(a["facts"]), "voices": sorted(a["voices"])} for a in arts.values()]
        items.sort(key=lambda a: (a["published"] or "", a["article"]), reverse=True)
        out.append({"kind": kind, "outlets": sorted({a["source"] for a in items if a["source"]}), "articles": items})
    return sorted(out, key=lambda g: (g["kind"] == "unknown", -len(g["articles"]), g["kind"]))


# -- network ----------------------------------------------------------------------------------

def annotate_network(graph: dict[str, Any], center: int | None) -> dict[str, Any]:
    """Add ``center`` and each node's ``depth`` (steps from the centre) and ``degree`` to a query network."""
    adjacent: dict[int, set[int]] = defaultdict(set)
    degree: dict[int, int] = defaultdict(int)
    for e in graph["edges"]:
        adjacent[e["source"]].add(e["target"])
        adjacent[e["target"]].add(e["source"])
        degree[e["source"]] += e.get("weight", 1)
        degree[e["target"]] += e.get("weight", 1)
    depth: dict[int, int] = {}
    if center is not None:
        depth[center] = 0
        queue = deque([center])
        while queue:
            node = queue.popleft()
            for other in adjacent[node]:
                if other not in depth:
                    depth[other] = depth[node] + 1
                    queue.append(other)
    far = max(depth.values(), default=0) + 1
    for n in graph["nodes"]:
        n["depth"] = depth.get(n["id"], far)
        n["degree"] = degree[n["id"]]
    graph["nodes"].sort(key=lambda n: (n["depth"], -n["degree"], n["id"]))
    graph["center"] = center
    return graph


def most_connected(conn: Connection) -> int | None:
    """The live entity that takes part in the most facts: the network page's default centre."""
    cols = ["person_id", "org_id", "speaker_id", "subject_id", "object_id", "successor_id", "predecessor_id"]
    parts = [sa.select(facts.c[c].label("eid")).where(facts.c[c].is_not(None), facts.c.retracted.is_(False))
             for c in cols]
    parts.append(sa.select(fact_participants.c.entity_id.label("eid")))
    union = sa.union_all(*parts).subquery()
    n = sa.func.count().label("n")
    rows = conn.execute(sa.select(union.c.eid, n).group_by(union.c.eid).order_by(n.desc(), union.c.eid).limit(10)
                        ).all()
    for eid, _count in rows:
        live = survivor(conn, eid)
        if live is not None:
            return live
    return None

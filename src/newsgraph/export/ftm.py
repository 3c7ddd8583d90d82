"""FollowTheMoney entities as JSON lines, for Aleph and the OpenSanctions tools.

People become ``Person``; bodies ``PublicBody`` when their name says they are part of a state
(ministry, council, police, army, intelligence service, ...) and ``Organization`` otherwise.
Each tenure is a ``Position`` (the post, linked to its body or country) and an ``Occupancy``
(holder, post, ``startDate``/``endDate``, status). ``member_of`` relations are ``Membership``;
other relations between actors are ``UnknownLink`` with the relation as ``role``; events are
``Event`` with their participants as ``involved``. Places are not entities in FtM: they become
``country`` (when FtM knows the name) or ``location`` text. Ids are stable (``ng-...``) so that a
re-export updates the same entities in Aleph.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Any

PUBLIC_WORDS = {"ministry", "council", "committee", "commission", "police", "army", "navy", "force", "forces",
                "guard", "guards", "corps", "intelligence", "security", "service", "services", "directorate",
                "bureau", "agency", "department", "office", "government", "parliament", "congress", "assembly",
                "court", "senate", "cabinet", "presidency", "command", "gendarmerie", "prosecutor", "state"}


def _fid(*parts: object) -> str:
    """A valid FtM id: letters, digits, dots and dashes, starting and ending with a letter or digit."""
    text = "-".join(str(p) for p in parts if p not in (None, ""))
    text = re.sub(r"[^0-9A-Za-z.]+", "-", text).strip("-.")
    if len(text) > 120:
        text = text[:80] + "-" + hashlib.sha1(text.encode()).hexdigest()[:16]
    return text


def _schema(e: dict[str, Any]) -> str | None:
    if e["type"] == "PERSON":
        return "Person"
    if e["type"] == "ORG":
        words = {w.lower().strip("().,") for w in [e["name"], *e["aliases"]] for w in w.split()}
        return "PublicBody" if words & PUBLIC_WORDS else "Organization"
    return None


def entities(data: dict[str, Any]) -> list[Any]:
    """The FtM entity proxies for the base."""
    from followthemoney import model
    from followthemoney.types import registry

    out = []
    known: dict[int, str] = {}
    places: dict[int, str] = {}
    for e in data["entities"]:
        schema = _schema(e)
        if schema is None:
            if e["type"] in ("GPE", "LOC", "FAC"):
                places[e["id"]] = e["name"]
            continue
        p = model.make_entity(schema)
        p.id = f"ng-entity-{e['id']}"
        p.add("name", e["name"])
        p.add("alias", e["aliases"], quiet=True)
        known[e["id"]] = p.id
        out.append(p)

    def ref(x: dict[str, Any] | None) -> str | None:
        return known.get(x["id"]) if x else None

    def sourced(p, sources: list[dict[str, Any]]) -> None:
        for s in sources[:5]:
            if s.get("evidence"):
                p.add("description", " ".join(s["evidence"].split())[:1000], quiet=True)
            if s.get("source"):
                p.add("publisher", s["source"], quiet=True)

    posts: dict[str, Any] = {}
    for t in data["tenures"]:
        holder = ref(t["person"])
        if holder is None:
            continue
        key = t["post"]
        if key not in posts:
            post = model.make_entity("Position")
            post.id = _fid("ng-post", key)
            post.add("name", t["title"] + (f" ({t['org']['name']})" if t["org"] else ""))
            if t["org"] and ref(t["org"]):
                post.add("organization", ref(t["org"]))
            elif t["org"] and t["org"]["id"] in places:
                country = registry.country.clean(places[t["org"]["id"]])
                if country:
                    post.add("country", country)
            posts[key] = post
            out.append(posts[key])
        occ = model.make_entity("Occupancy")
        occ.id = _fid("ng-occupancy", t["person"]["id"], key, t["start"] or t["first_seen"] or t["end"])
        occ.add("holder", holder)
        occ.add("post", posts[key].id)
        occ.add("startDate", t["start"], quiet=True)
        occ.add("endDate", t["end"], quiet=True)
        occ.add("status", t["status"])
        sourced(occ, t["sources"])
        out.append(occ)
    for f in data["facts"]:
        if f["kind"] == "relation" and ref(f.get("subject")) and ref(f.get("object")):
            if f["relation"] == "member_of" and _is_org(data, f["object"]["id"]):
                link = model.make_entity("Membership")
                link.add("member", ref(f["subject"]))
                link.add("organization", ref(f["object"]))
            else:
                link = model.make_entity("UnknownLink")
                link.add("subject", ref(f["subject"]))
                link.add("object", ref(f["object"]))
                link.add("role", f["relation"])
            link.id = f"ng-fact-{f['id']}"
            sourced(link, [f["source"]])
            out.append(link)
        elif f["kind"] == "event":
            involved = [ref(p) for p in f.get("participants") or [] if ref(p)]
            if not involved:
                continue
            ev = model.make_entity("Event")
            ev.id = f"ng-fact-{f['id']}"
            who = ", ".join(p["name"] or "?" for p in f.get("participants") or [])
            ev.add("name", f"{(f.get('event_type') or 'event').capitalize()}: {who}")
            ev.add("involved", involved)
            ev.add("date", f.get("date"), quiet=True)
            if f.get("place"):
                ev.add("location", f["place"]["name"], quiet=True)
            sourced(ev, [f["source"]])
            out.append(ev)
    return out


def _is_org(data: dict[str, Any], entity_id: int) -> bool:
    return any(e["id"] == entity_id and e["type"] == "ORG" for e in data["entities"])


def write_ftm(data: dict[str, Any], out: Path) -> list[Path]:
    with out.open("w", encoding="utf-8") as fh:
        for proxy in entities(data):
            fh.write(json.dumps(proxy.to_dict(), ensure_ascii=False, sort_keys=True) + "\n")
    return [out]

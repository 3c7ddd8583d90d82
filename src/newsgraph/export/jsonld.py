"""JSON-LD: the base as linked data, with schema.org terms where they fit and ``ng:`` for the rest.

People are ``schema:Person``, bodies ``schema:Organization``, places ``schema:Place``. A tenure
is a ``schema:Role`` (``roleName``, ``startDate``, ``endDate``) linking the person to the body
(``memberOf``); every other fact is an ``ng:Fact`` with its kind, its entities and
``ng:evidence`` (article, outlet, date, sentence).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

CONTEXT = {
    "@vocab": "https://schema.org/",
    "ng": "https://newsgraph.invalid/ns#",
    "ng:entities": {"@type": "@id", "@container": "@set"},
}
TYPES = {"PERSON": "Person", "ORG": "Organization", "GPE": "Place", "LOC": "Place", "FAC": "Place"}


def _id(entity_id: int) -> str:
    return f"ng:entity/{entity_id}"


def _evidence(s: dict[str, Any]) -> dict[str, Any]:
    return {"@type": "ng:Evidence", "ng:article": f"ng:article/{s['article']}", "publisher": s.get("source"),
            "datePublished": s.get("published"), "text": s.get("evidence"), "ng:voice": s.get("voice")}


def document(data: dict[str, Any]) -> dict[str, Any]:
    graph: list[dict[str, Any]] = []
    for e in data["entities"]:
        graph.append({"@id": _id(e["id"]), "@type": TYPES.get(e["type"], "Thing"), "name": e["name"],
                      "alternateName": e["aliases"], "ng:entityType": e["type"]})
    for t in data["tenures"]:
        role = {"@type": "Role", "roleName": t["title"], "startDate": t["start"], "endDate": t["end"],
                "ng:status": t["status"], "ng:firstSeen": t["first_seen"], "ng:lastSeen": t["last_seen"],
                "ng:holder": {"@id": _id(t["person"]["id"])},
                "ng:evidence": [_evidence(s) for s in t["sources"]]}
        if t["org"]:
            role["memberOf"] = {"@id": _id(t["org"]["id"])}
        graph.append({k: v for k, v in role.items() if v is not None})
    for f in data["facts"]:
        if f["kind"] == "position":
            continue  # in the tenures
        item: dict[str, Any] = {"@id": f"ng:fact/{f['id']}", "@type": "ng:Fact", "ng:kind": f["kind"],
                                "ng:evidence": [_evidence(f["source"])]}
        for key, value in f.items():
            if isinstance(value, dict) and "id" in value and key != "source":
                item[f"ng:{key}"] = {"@id": _id(value["id"])}
            elif key == "participants":
                item["ng:participants"] = [{"@id": _id(p["id"])} for p in value]
            elif key in ("title", "relation", "event_type", "date", "text", "status", "plover", "direct"):
                item[f"ng:{key}"] = value
        graph.append(item)
    return {"@context": CONTEXT, "@graph": graph}


def write_jsonld(data: dict[str, Any], out: Path) -> list[Path]:
    out.write_text(json.dumps(document(data), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return [out]

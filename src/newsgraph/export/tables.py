"""CSV tables, and the same as Neo4j import files plus a Cypher load script."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

FACT_FIELDS = ["id", "kind", "article", "published", "source", "person", "org", "title", "status", "start", "end",
               "by", "successor", "predecessor", "event_type", "date", "participants", "place", "relation",
               "subject", "object", "speaker", "via", "text", "attributed_to", "confidence", "evidence"]


def _write(path: Path, header: list[str], rows: list[list[Any]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(header)
        w.writerows(rows)
    return path


def _cell(v: Any) -> Any:
    if isinstance(v, dict) and "id" in v:
        return v["id"]
    if isinstance(v, list):
        return ";".join(str(_cell(x)) for x in v)
    return "" if v is None else v


def write_csv(data: dict[str, Any], out: Path) -> list[Path]:
    paths = [
        _write(out / "entities.csv", ["id", "name", "type"],
               [[e["id"], e["name"], e["type"]] for e in data["entities"]]),
        _write(out / "aliases.csv", ["entity_id", "alias"],
               [[e["id"], a] for e in data["entities"] for a in e["aliases"]]),
    ]
    rows = []
    for f in data["facts"]:
        src = f["source"]
        values = {**f, "article": src["article"], "published": src["published"], "source": src["source"],
                  "attributed_to": src.get("attributed_to"), "evidence": src.get("evidence")}
        rows.append([_cell(values.get(k)) for k in FACT_FIELDS])
    paths.append(_write(out / "facts.csv", FACT_FIELDS, rows))
    paths.append(_write(out / "tenures.csv",
                        ["person_id", "person", "title", "org_id", "org", "status", "start", "end", "start_basis",
                         "end_basis", "first_seen", "last_seen", "sources", "facts"],
                        [[t["person"]["id"], t["person"]["name"], t["title"], (t["org"] or {}).get("id", ""),
                          (t["org"] or {}).get("name", ""), t["status"], t["start"] or "", t["end"] or "",
                          t["start_basis"] or "", t["end_basis"] or "", t["first_seen"] or "", t["last_seen"] or "",
                          len(t["sources"]), ";".join(str(s["fact"]) for s in t["sources"])] for t in data["tenures"]]))
    paths.append(_write(out / "edges.csv", ["source", "target", "kind", "relation", "weight", "facts", "evidence"],
                        [[e["source"], e["target"], e["kind"], e["relation"] or "", e["weight"],
                          ";".join(map(str, e["facts"])), (e["evidence"][0].get("evidence") or "")
                          if e["evidence"] else ""] for e in data["edges"]]))
    paths.append(_write(out / "articles.csv", ["id", "title", "source", "published", "url"],
                        [[a["id"], a["title"], a["source"], a["published"], a["url"]] for a in data["articles"]]))
    return paths


def _label(kind: str) -> str:
    return {"PERSON": "Person", "ORG": "Organization", "GPE": "Place", "LOC": "Place", "FAC": "Place"}.get(
        kind, "Entity")


def _rel_type(e: dict[str, Any]) -> str:
    if e["kind"] == "relation" and e["relation"]:
        return e["relation"].upper()
    return {"event": "MET" if e["relation"] == "meeting" else "TOOK_PART_WITH", "position": "HOLDS_POST_AT",
            "appointment": "APPOINTED", "dismissal": "DISMISSED", "succession": "SUCCEEDED",
            "quote": "RELAYED"}.get(e["kind"], e["kind"].upper())


LOAD_CYPHER = """// Load the newsgraph export into a running Neo4j (copy the CSV files into its import folder first).
// For an empty database, `neo4j-admin database import full` with nodes.csv and relationships.csv is faster:
//   neo4j-admin database import full --nodes=nodes.csv --relationships=relationships.csv neo4j
CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE;

LOAD CSV WITH HEADERS FROM 'file:///nodes.csv' AS row
CALL {
  WITH row
  MERGE (n:Entity {id: toInteger(row.`id:ID`)})
  SET n.name = row.name, n.type = row.type, n.aliases = split(row.`aliases:string[]`, ';')
  WITH n, row
  CALL apoc.create.addLabels(n, [split(row.`:LABEL`, ';')[1]]) YIELD node
  RETURN count(*) AS labelled
} IN TRANSACTIONS OF 1000 ROWS;

LOAD CSV WITH HEADERS FROM 'file:///relationships.csv' AS row
CALL {
  WITH row
  MATCH (a:Entity {id: toInteger(row.`:START_ID`)}), (b:Entity {id: toInteger(row.`:END_ID`)})
  CALL apoc.create.relationship(a, row.`:TYPE`,
    {kind: row.kind, relation: row.relation, weight: toInteger(row.`weight:int`),
     facts: [f IN split(row.`facts:int[]`, ';') | toInteger(f)], evidence: row.evidence, sources: row.sources}, b)
    YIELD rel
  RETURN count(*) AS linked
} IN TRANSACTIONS OF 1000 ROWS;
"""


def write_neo4j(data: dict[str, Any], out: Path) -> list[Path]:
    nodes = _write(out / "nodes.csv", ["id:ID", "name", "type", "aliases:string[]", ":LABEL"],
                   [[e["id"], e["name"], e["type"], ";".join(e["aliases"]), f"Entity;{_label(e['type'])}"]
                    for e in data["entities"]])
    rels = _write(out / "relationships.csv",
                  [":START_ID", ":END_ID", ":TYPE", "kind", "relation", "weight:int", "facts:int[]", "evidence",
                   "sources"],
                  [[e["source"], e["target"], _rel_type(e), e["kind"], e["relation"] or "", e["weight"],
                    ";".join(map(str, e["facts"])),
                    (e["evidence"][0].get("evidence") or "").replace("\n", " ") if e["evidence"] else "",
                    ";".join(sorted({s["source"] for s in e["evidence"] if s.get("source")}))]
                   for e in data["edges"]])
    script = out / "load.cypher"
    script.write_text(LOAD_CYPHER, encoding="utf-8")
    readme = out / "import.json"
    readme.write_text(json.dumps({"nodes": nodes.name, "relationships": rels.name,
                                  "command": "neo4j-admin database import full --nodes=nodes.csv "
                                             "--relationships=relationships.csv neo4j"}, indent=1) + "\n",
                      encoding="utf-8")
    return [nodes, rels, script, readme]

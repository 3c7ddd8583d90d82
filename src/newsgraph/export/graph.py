"""GraphML and GEXF: the actor graph for Gephi, yEd and networkx.

Nodes are entities (``name``, ``type``, ``aliases``); edges are grouped facts (``kind``: relation,
event, position, appointment, dismissal, succession, quote; ``relation``: rival_of, meeting, the
post's title, ...) with ``weight`` (how many facts), ``facts`` (their ids) and ``evidence`` (the
first sentence) so that an analyst in Gephi can go back to the source.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

NODE_ATTRS = [("name", "string"), ("type", "string"), ("aliases", "string")]
EDGE_ATTRS = [("kind", "string"), ("relation", "string"), ("weight", "int"), ("facts", "string"),
              ("evidence", "string"), ("sources", "string"), ("first_reported", "string")]


def _edge_values(e: dict[str, Any]) -> dict[str, str]:
    ev = e.get("evidence") or []
    dates = sorted(s["published"] for s in ev if s.get("published"))
    return {"kind": e["kind"], "relation": e.get("relation") or "", "weight": str(e.get("weight", 1)),
            "facts": " ".join(str(f) for f in e["facts"]), "evidence": (ev[0].get("evidence") or "") if ev else "",
            "sources": " ".join(sorted({s["source"] for s in ev if s.get("source")})),
            "first_reported": dates[0] if dates else ""}


def _node_values(n: dict[str, Any]) -> dict[str, str]:
    return {"name": n["name"], "type": n["type"], "aliases": "; ".join(n.get("aliases") or [])}


def _clean(text: str) -> str:
    """XML 1.0 forbids most control characters."""
    return "".join(c for c in text if c in "\t\n\r" or ord(c) >= 32)


def write_graphml(data: dict[str, Any], out: Path) -> list[Path]:
    ns = "http://graphml.graphdrawing.org/xmlns"
    ET.register_namespace("", ns)
    root = ET.Element(f"{{{ns}}}graphml")
    for prefix, attrs, scope in (("n", NODE_ATTRS, "node"), ("e", EDGE_ATTRS, "edge")):
        for name, typ in attrs:
            ET.SubElement(root, f"{{{ns}}}key", {"id": f"{prefix}_{name}", "for": scope, "attr.name": name,
                                                 "attr.type": typ})
    graph = ET.SubElement(root, f"{{{ns}}}graph", {"id": "newsgraph", "edgedefault": "directed"})
    for n in data["entities"]:
        node = ET.SubElement(graph, f"{{{ns}}}node", {"id": f"e{n['id']}"})
        for k, v in _node_values(n).items():
            ET.SubElement(node, f"{{{ns}}}data", {"key": f"n_{k}"}).text = _clean(v)
    for i, e in enumerate(data["edges"]):
        edge = ET.SubElement(graph, f"{{{ns}}}edge", {"id": f"r{i}", "source": f"e{e['source']}",
                                                       "target": f"e{e['target']}"})
        for k, v in _edge_values(e).items():
            ET.SubElement(edge, f"{{{ns}}}data", {"key": f"e_{k}"}).text = _clean(v)
    ET.indent(root)
    ET.ElementTree(root).write(out, encoding="utf-8", xml_declaration=True)
    return [out]


def write_gexf(data: dict[str, Any], out: Path) -> list[Path]:
    ns = "http://gexf.net/1.3"
    ET.register_namespace("", ns)
    root = ET.Element(f"{{{ns}}}gexf", {"version": "1.3"})
    meta = ET.SubElement(root, f"{{{ns}}}meta", {"lastmodifieddate": datetime.now(UTC).date().isoformat()})
    ET.SubElement(meta, f"{{{ns}}}creator").text = "newsgraph"
    graph = ET.SubElement(root, f"{{{ns}}}graph", {"defaultedgetype": "directed", "mode": "static"})
    for cls, attrs in (("node", NODE_ATTRS), ("edge", EDGE_ATTRS)):
        block = ET.SubElement(graph, f"{{{ns}}}attributes", {"class": cls})
        for i, (name, typ) in enumerate(attrs):
            if name == "weight":
                continue
            ET.SubElement(block, f"{{{ns}}}attribute", {"id": f"{cls[0]}{i}", "title": name,
                                                        "type": "integer" if typ == "int" else typ})
    nodes = ET.SubElement(graph, f"{{{ns}}}nodes")
    for n in data["entities"]:
        node = ET.SubElement(nodes, f"{{{ns}}}node", {"id": f"e{n['id']}", "label": _clean(n["name"])})
        vals = ET.SubElement(node, f"{{{ns}}}attvalues")
        for i, (name, _) in enumerate(NODE_ATTRS):
            ET.SubElement(vals, f"{{{ns}}}attvalue", {"for": f"n{i}", "value": _clean(_node_values(n)[name])})
    edges = ET.SubElement(graph, f"{{{ns}}}edges")
    for j, e in enumerate(data["edges"]):
        values = _edge_values(e)
        edge = ET.SubElement(edges, f"{{{ns}}}edge", {
            "id": f"r{j}", "source": f"e{e['source']}", "target": f"e{e['target']}",
            "label": _clean(values["relation"] or values["kind"]), "weight": values["weight"]})
        vals = ET.SubElement(edge, f"{{{ns}}}attvalues")
        for i, (name, _) in enumerate(EDGE_ATTRS):
            if name != "weight":
                ET.SubElement(vals, f"{{{ns}}}attvalue", {"for": f"e{i}", "value": _clean(values[name])})
    ET.indent(root)
    ET.ElementTree(root).write(out, encoding="utf-8", xml_declaration=True)
    return [out]
